"""A writer thread for the saves made while typing, so that a slow disk never stalls the window.

Every save is a small transaction, but `synchronous=FULL` makes SQLite wait for the disk at
each commit, which on a busy laptop disk takes tens of milliseconds. Typing saves therefore
run here, one at a time in order, on the writer's own connection; everything else writes on
the UI thread after `drain()`, so that the order of changes in the file is the order the
analyst made them.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import threading
import time
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal, Slot

from workbench.store.errors import ProjectError
from workbench.store.project import Project

Job = Callable[[Project], Any]
PATIENCE_S = 120.0  # how long a save keeps trying while another task holds the file


class Writer(QObject):
    """Runs `job(project)` calls in order on one thread; results come back on the UI thread."""

    _deliver = Signal(object)  # a callable to run on the UI thread

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open = project.worker
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._pending = 0
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None
        self._deliver.connect(self._run_on_ui)

    def submit(self, job: Job, done: Callable[[Any], None], failed: Callable[[Exception], None]) -> None:
        """Queue *job*; `done(result)` or `failed(error)` runs later on the UI thread."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="project-writer", daemon=True)
            self._thread.start()
        with self._lock:
            self._pending += 1
            self._idle.clear()
        self._queue.put((job, done, failed))

    def busy(self) -> bool:
        return not self._idle.is_set()

    def drain(self, timeout: float = 30.0) -> None:
        """Wait until queued writes are in the file and their results have been delivered."""
        self._idle.wait(timeout)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall.value)

    def close(self) -> None:
        """Finish queued writes and stop the thread (its connection closes with it)."""
        if self._thread is None:
            return
        self.drain()
        self._queue.put(None)
        self._thread.join(30.0)
        self._thread = None

    def _loop(self) -> None:
        project = self._open()
        try:
            while (item := self._queue.get()) is not None:
                try:
                    callback = _run(project, *item)
                    # Post the result before counting the save done, so that drain() finds
                    # it waiting and delivers it (a refusal must be known before an undo).
                    with contextlib.suppress(RuntimeError):  # the window went away meanwhile
                        self._deliver.emit(callback)
                finally:
                    with self._lock:
                        self._pending -= 1
                        if not self._pending:
                            self._idle.set()
        finally:
            project.close()

    @Slot(object)
    def _run_on_ui(self, callback: Callable[[], None]) -> None:
        callback()


def _run(project: Project, job: Job, done: Callable[[Any], None],
         failed: Callable[[Exception], None]) -> Callable[[], None]:
    """Run one save; return the callback that reports its outcome on the UI thread."""
    try:
        return partial(done, _patiently(job, project))
    except (ProjectError, ValueError, OSError, sqlite3.Error) as e:
        return partial(failed, e)
    except Exception as e:  # a bug: report it, and keep the writer (and drain) working
        if os.environ.get("WORKBENCH_DEBUG"):
            traceback.print_exc()
        return partial(failed, RuntimeError(f"Something went wrong while saving: {type(e).__name__}: {e}"))


def is_busy(error: Exception) -> bool:
    """Whether SQLite refused because another connection holds the file for a moment."""
    return isinstance(error, sqlite3.OperationalError) and (
        "locked" in str(error).lower() or "busy" in str(error).lower())


def _patiently(job: Job, project: Project, patience: float = PATIENCE_S) -> Any:
    """Run *job*; while the file is busy (a long read elsewhere), wait and try again.

    The store rolls a refused transaction back, so trying again is safe; the text being saved
    stays in the editor meanwhile, and nothing waits on the UI thread.
    """
    deadline = time.monotonic() + patience
    delay = 0.05
    while True:
        try:
            return job(project)
        except sqlite3.OperationalError as e:
            if not is_busy(e) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 1.0)
