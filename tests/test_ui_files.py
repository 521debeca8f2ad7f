"""Opening files in the window: read-only second windows, hostile files, drag-and-drop import."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from test_ui_support import make_window, messages, select_cell, settle  # noqa: F401  (fixtures)
from workbench.store import cells, sources
from workbench.store.project import Project
from workbench.ui.cell_commands import EditCell


def test_second_window_on_the_same_file_is_read_only(make_window, sample_path, messages, qtbot):
    first = make_window(sample_path, name="first")
    assert not first.session.read_only and first.banner.isHidden()
    second = make_window(sample_path, name="second")
    assert second.session.read_only
    assert "in use by" in second.session.project.read_only_reason
    assert second.banner.isVisible()
    assert "Save a copy" in second.banner.button.text()
    assert "[read-only]" in second.windowTitle()
    assert second.status.read_only.isVisible()
    # Nothing in the read-only window can write.
    assert not second.actions.import_sources.isEnabled()
    assert second.cell_editor.options.isReadOnly()
    select_cell(second, "European Union", "Sanctions")
    assert second.session.run(EditCell(second.session, second.cell_editor.cell.id, {"posture": "x"})) is False
    settle(qtbot, second)
    assert not second.edits.cite_selection()
    settle(qtbot, second)
    # The first window still writes, and the second sees it after reopening.
    select_cell(first, "European Union", "Sanctions")
    assert first.session.run(EditCell(first.session, first.cell_editor.cell.id, {"posture": "from first"}))
    settle(qtbot, first)
    first.close()
    second.close()
    with Project.open(sample_path) as p:
        assert not p.read_only
        assert any(c.posture == "from first" for c in cells.all_cells(p))


def test_read_only_banner_save_a_copy_opens_a_writable_copy(make_window, sample_path, tmp_path, qtbot, messages, monkeypatch):
    first = make_window(sample_path, name="first")
    second = make_window(sample_path, name="second")
    target = tmp_path / "my copy.pbw"
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    second.banner.button.click()
    qtbot.waitUntil(lambda: second.session is not None and second.session.project.path == target, timeout=10_000)
    assert not second.session.read_only and second.banner.isHidden()
    assert first.session.project.path == sample_path


def _hostile_files(folder: Path) -> dict[str, Path]:
    files = {
        "zero bytes": folder / "empty.pbw",
        "text renamed": folder / "notes.pbw",
        "random bytes": folder / "noise.pbw",
    }
    files["zero bytes"].write_bytes(b"")
    files["text renamed"].write_text("Meeting notes, not a project\n" * 50, encoding="utf-8")
    files["random bytes"].write_bytes(os.urandom(8192))
    return files


def test_hostile_files_give_a_dialog_and_the_window_stays_up(make_window, sample_path, tmp_path, messages):
    window = make_window(sample_path)
    for label, path in _hostile_files(tmp_path).items():
        before = path.read_bytes()
        messages.clear()
        assert window.open_project(path) is False, label
        assert len(messages) == 1 and messages[0][0] == "critical", label
        assert "not a workbench project" in messages[0][2] or "damaged" in messages[0][2], messages
        assert "Traceback" not in messages[0][2]
        assert path.read_bytes() == before  # refused files are left exactly as they were
    # The project that was open is still open and usable.
    assert window.session is not None and window.session.project.path == sample_path
    assert window.isVisible()


def test_hostile_file_in_a_fresh_window(make_window, tmp_path, messages):
    path = _hostile_files(tmp_path)["random bytes"]
    window = make_window(path)
    assert window.session is None
    assert messages and messages[0][0] == "critical"
    assert "No project open" in window.status.file.text()


def test_a_newer_version_file_opens_read_only_with_a_banner(make_window, sample_path, tmp_path, messages):
    newer = tmp_path / "newer.pbw"
    data = bytearray(sample_path.read_bytes())
    data[60:64] = (999).to_bytes(4, "big")  # user_version in the SQLite header
    newer.write_bytes(bytes(data))
    window = make_window(sample_path)
    assert window.open_project(newer) is True
    assert window.session.read_only
    assert window.banner.isVisible() and "newer version" in window.banner.label.text()
    assert window.banner.button.isHidden()  # a copy would be just as new


def test_a_newer_version_file_it_cannot_read_is_refused_with_a_plain_reason(make_window, sample_path, tmp_path, messages):
    import sqlite3

    newer = tmp_path / "newer.pbw"
    newer.write_bytes(sample_path.read_bytes())
    db = sqlite3.connect(newer)
    db.execute("ALTER TABLE cell DROP COLUMN status")
    db.execute("PRAGMA user_version = 999")
    db.commit()
    db.close()
    window = make_window(sample_path)
    assert window.open_project(newer) is False
    assert "newer version" in messages[-1][2]


def _drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.rect().center())
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()


def test_drag_and_drop_imports_files_and_folders(make_window, sample_path, tmp_path, qtbot, messages):
    folder = tmp_path / "dropped"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Seoul weighs sanctions on shipping firms.\n\nMore text here.", encoding="utf-8")
    (folder / "sub" / "b.md").write_text("# Kyiv\n\nKyiv asks for air defence.", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    single = tmp_path / "c.html"
    single.write_text("<html><body><article><p>Tokyo and Seoul coordinate.</p></article></body></html>",
                      encoding="utf-8")
    window = make_window(sample_path)
    before = window.sources_pane.model.total()
    _drop(window, [folder, single])
    qtbot.waitUntil(lambda: not window.jobs.busy() and window.sources_pane.model.total() == before + 3,
                    timeout=20_000)
    report = window.files.last_import
    assert len(report.added) == 3 and len(report.failed) == 1
    titles = {window.sources_pane.model.get(i).title for i in report.added}
    assert len(titles) == 3
    with Project.open(sample_path, read_only=True) as p:
        assert sources.count(p) == before + 3


def test_dropping_into_a_read_only_window_imports_nothing(make_window, sample_path, tmp_path, qtbot, messages):
    make_window(sample_path, name="first")
    second = make_window(sample_path, name="second")
    doc = tmp_path / "x.txt"
    doc.write_text("Pyongyang responds.", encoding="utf-8")
    before = second.sources_pane.model.total()
    _drop(second, [doc])
    qtbot.wait(200)
    assert not second.jobs.busy() and second.sources_pane.model.total() == before
    assert "read-only" in second.statusBar().currentMessage()


def test_recent_files_and_last_project_are_remembered(make_window, sample_path, tmp_path):
    window = make_window(sample_path)
    window.close()
    again = make_window(None)
    assert again.settings.recent_files()[0] == sample_path.resolve()
    assert again.settings.last_project() == sample_path.resolve()
    again.files.fill_recent_menu()
    labels = [a.text() for a in again.actions.recent.actions()]
    assert any(sample_path.name in t for t in labels)


def test_file_names_that_look_like_markup_are_shown_literally(make_window, sample_path, tmp_path, messages):
    odd = tmp_path / '<img src="hostname.png"> M8 <b>bolt.pbw'
    odd.write_bytes(b"")
    window = make_window(sample_path)
    assert window.open_project(odd) is False
    text = messages[-1][2]
    assert "&lt;img" in text and "<img" not in text  # escaped: the message box shows it as typed


def test_window_layout_is_remembered(make_window, sample_path):
    window = make_window(sample_path)
    window.main_split.setSizes([200, 500, 700])
    saved = window.main_split.sizes()
    window.close()
    again = make_window(sample_path)
    assert again.main_split.sizes() == saved
