"""A received file whose background check finds wrong values is opened again the careful way
(SQLite's check, every value, a mended copy to read through) on a worker: the window keeps
answering meanwhile and says what it is doing, then shows the file read-only with a repaired
copy offered. Closing the window meanwhile leaves nothing open and says nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from test_store_values import edit
from test_ui_received import _WRONG_GRADE, _open_window, _received
from test_ui_support import messages, wait_for  # noqa: F401  (fixtures)


class Watcher:
    """Looks at the window each time its event loop turns, as the screen would show it."""

    def __init__(self, window) -> None:
        self.window = window
        self.seen: list[dict] = []
        self._timer = QTimer(interval=0)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        w = self.window
        if w.session is None and w.banner.isVisible():
            self.seen.append({"banner": w.banner.label.text(), "title": w.windowTitle(),
                              "status": w.status.read_only.text()})

    def stop(self) -> None:
        self._timer.stop()


def test_the_mended_copy_is_made_on_a_worker_while_the_window_says_so(sample_path: Path, tmp_path: Path, qtbot,
                                                                      messages) -> None:
    received_file = _received(sample_path, tmp_path)
    edit(received_file, _WRONG_GRADE)
    before = received_file.read_bytes()
    window = _open_window(qtbot, tmp_path, received_file)
    watcher = Watcher(window)
    try:
        qtbot.waitUntil(lambda: window.session is not None and bool(window.session.project.damage), timeout=30_000)
    finally:
        watcher.stop()
    # Between the check's finding and the mended copy on show, the window went on turning
    # its event loop (the timer looked at it), and said what it was doing.
    assert watcher.seen, "the careful open ran on the UI thread: the window was never seen meanwhile"
    mending = watcher.seen[0]
    assert "checking every value and making a mended copy" in mending["banner"]
    assert "from Kim.pbw [read-only]" in mending["title"]
    assert "mended copy" in mending["status"]
    # Then as before: read-only, a repaired copy offered, said once.
    assert [(kind, title) for kind, title, _text in messages] == [("warning", "Wrong values in the project")]
    assert window.session.read_only and window.banner.button.text() == "Save a repaired copy…"
    window.close()
    assert received_file.read_bytes() == before  # nothing written to it


def test_closing_the_window_while_the_mended_copy_is_made_leaves_nothing_open(sample_path: Path, tmp_path: Path,
                                                                               qtbot, messages) -> None:
    received_file = _received(sample_path, tmp_path)
    edit(received_file, _WRONG_GRADE)
    window = _open_window(qtbot, tmp_path, received_file)
    qtbot.waitUntil(lambda: "mended copy" in window.banner.label.text(), timeout=30_000)
    window.close()
    wait_for(lambda: not [t for t in threading.enumerate() if t.name == "project-open"])
    QApplication.processEvents()  # its project, posted to the UI thread, is closed again, not shown
    assert window.session is None and messages == []
    assert window.windowTitle() == "Policy Briefing Workbench"
