"""Removing and importing sources in the window, as a person does it: Delete, the context
menu, Ctrl+I, Edit ▸ Undo. Each step is undoable; a cited source is removed only when asked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QPushButton

from test_ui_support import make_window, settle  # noqa: F401  (fixtures)
from workbench.store import cells, search, sources


def import_folder_by_keys(qtbot, window, monkeypatch, folder) -> None:
    """Ctrl+I, then "A folder…" in the question box, with *folder* chosen in the file dialog."""
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))

    def pick_folder() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        (button,) = [b for b in box.findChildren(QPushButton) if b.text().startswith("A folder")]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, pick_folder)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)


def _cited_and_uncited(project) -> tuple[list[int], list[int]]:
    cited = {r[0] for r in project.db.execute(
        "SELECT DISTINCT e.source_id FROM excerpt e JOIN cell_excerpt ce ON ce.excerpt_id = e.id")}
    every = [s.id for s in sources.list_all(project)]
    return [i for i in every if i in cited], [i for i in every if i not in cited]


def _evidence(project) -> int:
    return sum(c.evidence_count for c in cells.all_cells(project))


def _click_row(qtbot, window, source_id: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    table = window.sources_pane.table
    row = window.sources_pane.model.row_of(source_id)
    rect = table.visualRect(window.sources_pane.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _answer(monkeypatch, answer) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *a, **k: asked.append(text) or answer)
    return asked


def test_delete_key_removes_several_sources_asking_first_and_undo_brings_them_back(
        make_window, sample_path, monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    settle(qtbot, window)
    cited, _ = _cited_and_uncited(project)
    first, second = cited[:2]
    before, evidence = sources.count(project), _evidence(project)
    word = sources.get(project, first).text.split()[8]
    _click_row(qtbot, window, first)
    _click_row(qtbot, window, second, Qt.KeyboardModifier.ControlModifier)

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window.sources_pane.table, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert len(asked) == 1 and "2 sources" in asked[0] and "lose evidence" in asked[0]
    assert sources.count(project) == before

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClick(window.sources_pane.table, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert sources.count(project) == before - 2
    assert window.sources_pane.model.rowCount() == before - 2
    assert _evidence(project) < evidence

    window.actions.undo.trigger()
    settle(qtbot, window)
    assert sources.count(project) == before and _evidence(project) == evidence
    assert window.sources_pane.model.rowCount() == before
    assert search.search(project, word).hits
    window.actions.redo.trigger()
    settle(qtbot, window)
    assert sources.count(project) == before - 2


def test_context_menu_removes_an_uncited_source_without_asking(make_window, tmp_path, sample_path,
                                                               monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    settle(qtbot, window)
    extra = tmp_path / "extra.txt"
    extra.write_text("Zanzibarquartz talks went nowhere in Geneva this week.", encoding="utf-8")
    window.files.import_paths([extra])
    settle(qtbot, window)
    (new,) = [s.id for s in sources.list_all(project) if s.filename == "extra.txt"]
    before = sources.count(project)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    _click_row(qtbot, window, new)

    offered: list[str] = []

    def choose() -> None:  # as a person picks the entry; the menu always closes
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return
        entries = [a for a in menu.actions() if a.text().startswith("Remove source")]
        offered.extend(a.text() for a in entries)
        menu.close()
        for action in entries:
            action.trigger()

    QTimer.singleShot(100, choose)
    table = window.sources_pane.table
    rect = table.visualRect(window.sources_pane.model.index(window.sources_pane.model.row_of(new), 0))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), table.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(table.viewport(), event)
    settle(qtbot, window)
    assert offered == ["Remove source…"]
    assert asked == []  # not cited: nothing to ask
    assert sources.count(project) == before - 1
    assert not search.search(project, "Zanzibarquartz").hits
    window.actions.undo.trigger()
    settle(qtbot, window)
    assert sources.count(project) == before


def test_ctrl_i_imports_a_folder_reports_unreadable_files_and_undoes_as_one_step(
        make_window, tmp_path, sample_path, monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    settle(qtbot, window)
    folder = tmp_path / "pile"
    folder.mkdir()
    for n in range(3):
        (folder / f"note{n}.txt").write_text(f"Note {n}: envoys met in Geneva about Kursk, round {n}.",
                                             encoding="utf-8")
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    before = sources.count(project)
    import_folder_by_keys(qtbot, window, monkeypatch, folder)
    settle(qtbot, window)
    assert sources.count(project) == before + 3
    report = window.files.last_import
    assert [(p.name, why.split(";")[0]) for p, why in report.failed] == [
        ("sheet.xlsx", "sheet.xlsx is not a supported file type (.xlsx)")]
    assert window.session.undo_stack.undoText() == "Import 3 sources"
    window.actions.undo.trigger()
    settle(qtbot, window)
    assert sources.count(project) == before
    assert window.sources_pane.model.rowCount() == before
    window.actions.redo.trigger()
    settle(qtbot, window)
    assert sources.count(project) == before + 3
