"""The window's I/O service: ordered writes, patient with a busy file, never lost or silent."""

from __future__ import annotations

import sqlite3
import threading
import time

from PySide6.QtGui import QTextCursor

from test_ui_support import make_window, messages, select_cell, settle  # noqa: F401  (fixtures)
from workbench.store import cells
from workbench.store.errors import Busy
from workbench.store.project import Project
from workbench.ui.project_io import ProjectIO


def _hold_write_lock(path) -> sqlite3.Connection:
    """Another program writing: a connection that holds the file's write lock."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_write_waits_while_the_file_is_busy_and_then_lands(qtbot, sample_path):
    project = Project.open(sample_path)
    io = ProjectIO(project, patience=10)
    other = _hold_write_lock(sample_path)
    threading.Timer(0.6, other.rollback).start()
    cell = cells.all_cells(project)[0]
    saved: list[object] = []
    io.write(lambda p: cells.update(p, cell.id, posture="after the wait"), saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=10_000)
    assert cells.by_id(project, cell.id).posture == "after the wait"
    io.shutdown()
    other.close()
    project.close()


def test_a_write_refused_for_longer_than_the_patience_says_busy(qtbot, sample_path):
    project = Project.open(sample_path)
    io = ProjectIO(project, patience=0.3)
    other = _hold_write_lock(sample_path)
    cell = cells.all_cells(project)[0]
    refused: list[Exception] = []
    io.write(lambda p: cells.update(p, cell.id, posture="never"), lambda _r: None, refused.append)
    qtbot.waitUntil(lambda: bool(refused), timeout=10_000)
    assert isinstance(refused[0], Busy) and "not saved" in str(refused[0])
    other.rollback()
    other.close()
    assert cells.by_id(project, cell.id).posture != "never"
    io.shutdown()
    project.close()


def test_a_read_waits_for_the_writes_queued_before_it(qtbot, sample_path):
    project = Project.open(sample_path)
    io = ProjectIO(project)
    cell = cells.all_cells(project)[0]
    seen: list[str] = []
    for n in range(20):
        io.write(lambda p, n=n: cells.update(p, cell.id, posture=f"step {n}"))
    io.read(lambda p, _progress: cells.by_id(p, cell.id).posture, seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == ["step 19"]
    io.shutdown()
    project.close()


def test_a_newer_read_with_the_same_key_replaces_the_older(qtbot, sample_path):
    project = Project.open(sample_path)
    io = ProjectIO(project)
    seen: list[int] = []
    started = threading.Event()

    def slow(_p, progress):
        started.set()
        while progress(0, 0, ""):  # until it is replaced
            time.sleep(0.01)
        return 1

    first = io.read(slow, seen.append, key="k")
    assert started.wait(10)
    io.read(lambda _p, _progress: 2, seen.append, key="k")
    qtbot.waitUntil(lambda: first.finished and io.idle(), timeout=10_000)
    assert seen == [2]
    io.shutdown()
    project.close()


def test_a_long_read_elsewhere_neither_stalls_typing_nor_loses_the_save(make_window, sample_path, qtbot, messages):
    window = make_window(sample_path)
    select_cell(window, "Ukraine", "Military aid")
    cell_id = window.cell_editor.cell.id
    # Another connection reads for a while (a check, a coverage count, a colleague's script).
    reader = sqlite3.connect(f"file:{sample_path}?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False)  # released from a timer thread below
    cursor = reader.execute("SELECT spans FROM sentence_span")
    cursor.fetchone()  # the statement stays open: a SHARED lock on the file
    held = threading.Event()
    held.set()

    def release() -> None:
        cursor.close()
        reader.close()
        held.clear()

    timer = threading.Timer(3.0, release)
    timer.start()
    editor = window.cell_editor.options
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Kyiv asks for air defence.")
    editor.clearFocus()  # leaving the field saves at once
    # The save is queued and the window is back while the other program still reads: the
    # commit waits on the writer thread, never on the window.
    assert held.is_set()
    qtbot.waitUntil(lambda: not held.is_set(), timeout=20_000)
    settle(qtbot, window)
    timer.join()
    assert cells.by_id(window.session.project, cell_id).options.endswith("Kyiv asks for air defence.")
    assert messages == []


def test_a_bug_in_background_work_is_logged_with_its_traceback_and_said_plainly(qtbot, sample_path):
    from workbench.ui.log_file import log_path

    project = Project.open(sample_path)
    io = ProjectIO(project)
    failed: list[Exception] = []

    def broken(_project, _progress):
        return {}["no such key"]  # a bug, not a refusal

    io.read(broken, lambda _r: None, failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=10_000)
    assert "log file" in str(failed[0]) and "KeyError" in str(failed[0]) and "Traceback" not in str(failed[0])
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "no such key" in logged
    io.shutdown()
    project.close()


def test_a_read_refused_while_another_program_holds_the_file_is_tried_again(qtbot, sample_path):
    project = Project.open(sample_path)
    io = ProjectIO(project, patience=30)
    other = sqlite3.connect(sample_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")  # a long commit elsewhere: not even reading is possible
    # Held for longer than SQLite itself waits for a lock (5 s), so the first try is refused.
    release = threading.Timer(5.8, other.rollback)
    release.start()
    seen: list[int] = []
    refused: list[Exception] = []
    try:
        io.read(lambda p, _progress: len(cells.all_cells(p)), seen.append, refused.append)
        qtbot.waitUntil(lambda: bool(seen or refused), timeout=30_000)
    finally:
        release.join()
        other.close()
    assert refused == [] and seen and seen[0] > 0
    io.shutdown()
    project.close()


def test_reads_of_an_owner_that_went_away_deliver_nothing(qtbot, sample_path):
    from PySide6.QtCore import SIGNAL, QObject

    project = Project.open(sample_path)
    io = ProjectIO(project, patience=10)
    pane = QObject()
    seen: list[int] = []
    io.read(lambda _p, _progress: -1, seen.append, owner=pane)
    watches = pane.receivers(SIGNAL("destroyed(QObject*)"))
    for n in range(40):  # a pane re-reading after every notice of a working day
        io.read(lambda _p, _progress, n=n: n, seen.append, owner=pane)
    qtbot.waitUntil(io.idle, timeout=10_000)
    assert sorted(seen) == list(range(-1, 40))
    assert pane.receivers(SIGNAL("destroyed(QObject*)")) == watches  # one watch on the pane, not forty
    # A read queued behind a write that waits for another program; the pane closes meanwhile.
    other = _hold_write_lock(sample_path)
    cell = cells.all_cells(project)[0]
    io.write(lambda p: cells.update(p, cell.id, posture="while the pane closes"))
    late = QObject()
    io.read(lambda _p, _progress: "late", seen.append, owner=late)
    late.deleteLater()
    qtbot.waitUntil(lambda: shiboken_deleted(late), timeout=5000)
    other.rollback()
    other.close()
    qtbot.waitUntil(io.idle, timeout=10_000)
    assert "late" not in seen
    io.shutdown()
    project.close()


def shiboken_deleted(obj) -> bool:
    from shiboken6 import Shiboken

    return not Shiboken.isValid(obj)
