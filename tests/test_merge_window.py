"""Merging a colleague's copy in the window, as a person does it: File → Merge a colleague's
copy…, read the preview, merge, see the disagreement marked, settle it, undo, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTreeWidgetItemIterator

from test_merge import edit, send
from test_ui_support import make_window, messages, settle  # noqa: F401  (fixtures)
from workbench.store import cells, disputes, frame
from workbench.store.check import check
from workbench.store.project import Project
from workbench.ui.matrix_model import DISPUTE_ROLE


def _menu_action(window, menu_title: str, text: str):
    for menu_action in window.menuBar().actions():
        if menu_action.text().replace("&", "") == menu_title:
            for action in menu_action.menu().actions():
                if action.text().replace("&", "").startswith(text):
                    return action
    raise AssertionError(f"no {menu_title} → {text} in the menus")


def _tree_text(tree) -> str:
    out = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        out.append(" | ".join(it.value().text(c) for c in range(tree.columnCount())))
        it += 1
    return "\n".join(out)


def _click_seen(qtbot, button) -> None:
    """Click a button once it is on screen: the dispute buttons come with the disputes as read,
    and are laid out a moment later, as a person sees them."""
    qtbot.waitUntil(lambda: button.isVisible() and not button.rect().isEmpty())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_cell(window, qtbot, actor: str, instrument: str):
    project = window.session.project
    a, i = frame.find_actor(project, actor), frame.find_instrument(project, instrument)
    index = window.matrix_model.index_of(a.id, i.id)
    window.matrix.scrollTo(index)
    qtbot.mouseClick(window.matrix.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.matrix.visualRect(index).center())
    qtbot.waitUntil(lambda: window.cell_editor.cell is not None
                    and (window.cell_editor.cell.actor_id, window.cell_editor.cell.instrument_id) == (a.id, i.id)
                    and not window.cell_editor.reading)
    return index


def test_merge_from_the_file_menu_then_settle_and_undo(make_window, sample_path: Path, tmp_path: Path, qtbot,
                                                       monkeypatch):
    folder = tmp_path / "colleague"
    folder.mkdir()
    theirs = send(sample_path, folder / "theirs.pbw")
    edit(theirs, "bob", "Russia", "Sanctions", likelihood="unlikely")
    edit(theirs, "bob", "China", "Diplomacy", posture="Bob's reading of Beijing")
    edit(sample_path, "alice", "Russia", "Sanctions", likelihood="likely")
    with Project.open(sample_path, read_only=True) as project:
        china_before = cells.get(project, frame.find_actor(project, "China").id,
                                 frame.find_instrument(project, "Diplomacy").id).posture

    window = make_window(sample_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    _menu_action(window, "File", "Merge a colleague").trigger()
    qtbot.waitUntil(lambda: window.merges.preview is not None and window.merges.preview.isVisible(), timeout=20_000)
    preview = window.merges.preview
    shown = _tree_text(preview.tree)
    assert "Russia × Sanctions | likelihood | likely | unlikely" in shown  # the disagreement
    assert "Bob's reading of Beijing" in shown  # what will be updated
    qtbot.mouseClick(preview.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    model = window.matrix_model
    index = _click_cell(window, qtbot, "Russia", "Sanctions")
    qtbot.waitUntil(lambda: model.data(index, DISPUTE_ROLE) == 1)
    assert "Analysts differ" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    china = _click_cell(window, qtbot, "China", "Diplomacy")
    assert model.data(china, DISPUTE_ROLE) == 0
    assert window.cell_editor.posture.toPlainText() == "Bob's reading of Beijing"

    # The cell's history says whose change came with the merge.
    window.cell_editor.lower_tabs.setCurrentWidget(window.cell_editor.history)
    qtbot.waitUntil(lambda: window.cell_editor.history.topLevelItemCount() > 0)  # read on a worker
    history = _tree_text(window.cell_editor.history)
    assert "bob" in history and "merged from theirs.pbw" in history and "Bob's reading of Beijing" in history

    # The editor shows both versions; take theirs.
    _click_cell(window, qtbot, "Russia", "Sanctions")
    box = window.cell_editor.disputes
    qtbot.waitUntil(box.isVisible)
    (d,) = box.disputes
    assert (d.field, d.mine, d.theirs) == ("likelihood", "likely", "unlikely")
    _click_seen(qtbot, box.buttons[(d.id, "theirs")])
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.cell_editor.combos["likelihood"].currentData() == "unlikely")
    qtbot.waitUntil(lambda: model.data(index, DISPUTE_ROLE) == 0 and not box.isVisible())

    # Undo the resolution: mine again, and the disagreement is back.
    window.actions.undo.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.cell_editor.combos["likelihood"].currentData() == "likely")
    qtbot.waitUntil(lambda: model.data(index, DISPUTE_ROLE) == 1 and box.isVisible())

    # Undo the whole merge: their edits and the disagreement are gone, in one step.
    window.actions.undo.trigger()
    settle(qtbot, window)
    china = _click_cell(window, qtbot, "China", "Diplomacy")
    qtbot.waitUntil(lambda: window.cell_editor.posture.toPlainText() == china_before)
    assert model.data(window.matrix_model.index_of(*_ids(window, "Russia", "Sanctions")), DISPUTE_ROLE) == 0
    project = window.session.project
    assert disputes.list_all(project) == []
    assert check(project).ok


def _ids(window, actor: str, instrument: str) -> tuple[int, int]:
    project = window.session.project
    return frame.find_actor(project, actor).id, frame.find_instrument(project, instrument).id


def test_a_damaged_copy_is_refused_in_plain_words_and_nothing_changes(make_window, sample_path: Path, tmp_path: Path,
                                                                      qtbot, monkeypatch, messages):
    import hashlib

    bad = tmp_path / "colleague.pbw"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    window = make_window(sample_path)
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    _menu_action(window, "File", "Merge a colleague").trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    (kind, title, text) = messages[-1]
    assert title == "Merge a colleague's copy" and "colleague.pbw" in text and "\n" not in text.strip()
    assert window.merges.preview is None
    assert window.session.undo_stack.count() == 0
    window.close()
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before


def test_combine_and_keep_mine_are_undoable_steps(make_window, sample_path: Path, tmp_path: Path, qtbot, monkeypatch):
    folder = tmp_path / "colleague"
    folder.mkdir()
    theirs = send(sample_path, folder / "theirs.pbw")
    edit(theirs, "bob", "Japan", "Sanctions", posture="Export controls first", confidence="high")
    edit(sample_path, "alice", "Japan", "Sanctions", posture="Financial measures first", confidence="low")
    window = make_window(sample_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(theirs), ""))
    _menu_action(window, "File", "Merge a colleague").trigger()
    qtbot.waitUntil(lambda: window.merges.preview is not None and window.merges.preview.isVisible(), timeout=20_000)
    qtbot.mouseClick(window.merges.preview.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    _click_cell(window, qtbot, "Japan", "Sanctions")
    box = window.cell_editor.disputes
    qtbot.waitUntil(lambda: len(box.disputes) == 2)
    posture = next(d for d in box.disputes if d.field == "posture")
    confidence = next(d for d in box.disputes if d.field == "confidence")
    assert (posture.id, "combine") in box.buttons and (confidence.id, "combine") not in box.buttons

    # Combine: the dialog offers both texts; the analyst edits them into one judgment.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def combine() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.findChild(object, "combined") is None:
            QTimer.singleShot(20, combine)
            return
        edit_box = dialog.findChild(object, "combined")
        assert "Financial measures first" in edit_box.toPlainText()
        assert "Export controls first" in edit_box.toPlainText()
        edit_box.selectAll()
        qtbot.keyClicks(edit_box, "Financial measures and export controls together")
        dialog.accept()

    QTimer.singleShot(0, combine)
    _click_seen(qtbot, box.buttons[(posture.id, "combine")])
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.cell_editor.posture.toPlainText() == "Financial measures and export controls together")
    qtbot.waitUntil(lambda: len(box.disputes) == 1)
    _click_seen(qtbot, box.buttons[(confidence.id, "mine")])
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.cell_editor.combos["confidence"].currentData() == "low"
    window.actions.undo.trigger()  # Keep mine undone: that disagreement is open again
    settle(qtbot, window)
    qtbot.waitUntil(lambda: len(box.disputes) == 1 and box.disputes[0].field == "confidence")
    window.actions.undo.trigger()  # Combine undone: my text again, both disagreements open
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.cell_editor.posture.toPlainText() == "Financial measures first")
    qtbot.waitUntil(lambda: len(box.disputes) == 2)
