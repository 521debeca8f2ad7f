"""A large import in the window: its files are read in reader processes, the progress dialog
counts them, and its Cancel stops the import, keeps what was written and ends the readers."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from test_import_window import import_folder_by_keys
from test_import_workers import notes, readers
from test_ui_support import make_window, settle, wait_for  # noqa: F401  (fixtures)
from workbench.store import sources

FILES = 4000


def test_cancel_in_the_progress_dialog_stops_a_large_import_and_its_readers(
        make_window, tmp_path, sample_path, monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    settle(qtbot, window)
    folder = notes(tmp_path / "pile", FILES, tag="window ")
    before = sources.count(project)
    import_folder_by_keys(qtbot, window, monkeypatch, folder)

    def dialog() -> QProgressDialog | None:
        shown = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        return shown[0] if shown else None

    # The dialog counts files as they are written, read by reader processes meanwhile.
    wait_for(lambda: dialog() is not None and dialog().value() > 0 and readers(os.getpid()), 60)
    progress = dialog()
    assert progress.maximum() == FILES
    (cancel,) = [b for b in progress.findChildren(QPushButton) if b.text() == "Cancel"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    settle(qtbot, window, timeout=60_000)

    report = window.files.last_import
    assert report.cancelled and 0 < len(report.added) < FILES
    assert sources.count(project) == before + len(report.added)
    assert not readers(os.getpid())
    names = [s.filename for s in sources.list_all(project, order="imported")][before:]
    assert names == [f"note {i:04}.txt" for i in range(len(report.added))]
