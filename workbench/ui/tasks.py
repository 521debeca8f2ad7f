"""Background work for the window: a function runs in a QThread, reports progress, can be cancelled.

The function gets plain data and a `progress(done, total, text) -> bool` callback (False once
cancelled) and returns a plain result; widgets are touched only in the slots connected to
`finished`/`failed`, which run on the UI thread. A function that needs the project opens its own
connection (`project.worker()`), because SQLite connections stay on the thread that uses them.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from workbench.ingest.errors import IngestError
from workbench.store.errors import ProjectError

if TYPE_CHECKING:
    from workbench.store.project import Project

Progress = Callable[[int, int, str], bool]
Job = Callable[[Progress], Any]


def on_worker(project: Project, work: Callable[[Project, Progress], Any]) -> Job:
    """A job that runs `work(connection, progress)` on its own connection to *project*'s file.

    The connection is opened, used and closed on the worker thread.
    """
    open_worker = project.worker  # bound now: the job must not reach back into the window

    def job(progress: Progress) -> Any:
        with open_worker() as connection:
            return work(connection, progress)

    return job


class _Worker(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel

    def _report(self, done: int, total: int, text: str) -> bool:
        self.progress.emit(done, total, text)
        return not self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            self._run()
        finally:
            # End the thread's event loop here rather than from the UI thread, so that
            # Task.wait() returns as soon as the job is done, even when no event loop runs.
            thread = self.thread()
            if thread is not None:
                thread.quit()

    def _run(self) -> None:
        try:
            result = self._job(self._report)
        except (ProjectError, IngestError, ValueError, OSError) as e:
            self._emit(self.failed, str(e))
        except Exception as e:  # a bug: keep the app up and say so plainly
            if os.environ.get("WORKBENCH_DEBUG"):
                traceback.print_exc()
            self._emit(self.failed, f"Something went wrong: {type(e).__name__}: {e}")
        else:
            self._emit(self.finished, result)

    @staticmethod
    def _emit(signal, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the Task was deleted while the job ran: nobody is listening
            pass


class Task(QObject):
    """One background job. Connect to the signals, then call start().

    finished(result) / failed(message) arrive on the UI thread; `cancelled` tells whether
    cancel() was asked (the job decides how to stop and what to return).
    """

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._worker = _Worker(job, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the job ends (used when the window closes)."""
        return self._thread.wait(ms)

    def _stop_thread(self) -> None:
        self._thread.quit()
        self._thread.wait()

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._stop_thread()
        self.finished.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        self.failed.emit(message)
