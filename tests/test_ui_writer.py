"""Typing saves on the writer thread: in order, patient with a busy file, never lost."""

from __future__ import annotations

import sqlite3
import threading
import time

from PySide6.QtGui import QTextCursor

from test_ui_support import make_window, messages, select_cell  # noqa: F401  (fixtures)
from workbench.store import cells
from workbench.ui import writer as writer_module


def test_patiently_retries_while_the_file_is_busy_and_then_gives_up():
    calls: list[int] = []

    def job(_project):
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "saved"

    assert writer_module._patiently(job, None, patience=5) == "saved" and len(calls) == 3

    def never(_project):
        raise sqlite3.OperationalError("database is locked")

    started = time.monotonic()
    try:
        writer_module._patiently(never, None, patience=0.3)
    except sqlite3.OperationalError:
        pass
    else:
        raise AssertionError("a file busy for longer than the patience must fail")
    assert time.monotonic() - started < 3

    def other(_project):
        raise sqlite3.OperationalError("no such table: x")

    try:
        writer_module._patiently(other, None, patience=5)
    except sqlite3.OperationalError as e:
        assert "no such table" in str(e)  # not a busy file: no retrying


def test_a_long_read_elsewhere_neither_stalls_typing_nor_loses_the_save(make_window, sample_path, qtbot, messages):
    window = make_window(sample_path)
    select_cell(window, "Ukraine", "Military aid")
    cell_id = window.cell_editor.cell.id
    # Another connection reads for a while (a check, a coverage count, a colleague's script).
    reader = sqlite3.connect(f"file:{sample_path}?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False)  # released from a timer thread below
    cursor = reader.execute("SELECT text FROM sentence")
    cursor.fetchone()  # the statement stays open: a SHARED lock on the file
    release = threading.Timer(1.5, lambda: (cursor.close(), reader.close()))
    editor = window.cell_editor.options
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    ticks: list[float] = []
    from PySide6.QtCore import QTimer
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    release.start()
    qtbot.keyClicks(editor, " Kyiv asks for air defence.")
    window.cell_editor.flush()
    qtbot.waitUntil(lambda: not window.session.writer.busy(), timeout=20_000)
    qtbot.wait(50)
    timer.stop()
    release.join()
    assert cells.by_id(window.session.project, cell_id).options.endswith("Kyiv asks for air defence.")
    assert messages == []
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert max(gaps) < 0.5  # the commit waited on the writer thread, not on the window
