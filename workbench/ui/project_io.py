"""The one way the window touches the project file: reads, writes and background jobs.

- **Writes** (`write`) run one at a time, in the order asked, on one writer thread with its own
  connection, so that a slow disk never stalls the window and the file holds the changes in the
  order the analyst made them. A write refused because the file is busy is tried again, patiently.
- **Reads and jobs** (`read`, `job`) run on worker threads with their own connections, and each
  first waits for the writes queued before it: a search, an export or a check always sees what
  was just typed. A read refused because the file is busy is tried again, patiently (panes
  re-read here after a notice, never on the window's connection, so no commit in progress
  makes the window wait). A read given a `key` supersedes the previous read with that key; its
  result is then dropped. A job gets a `progress(done, total, text) -> bool` callback that answers
  False once cancelled.
- **Computations** (`compute`) need no connection and wait for no write (rendering a preview):
  they run one at a time on one daemon thread, a newer one with the same key replaces the older,
  and closing abandons them, so a slow one never holds up quitting.
- Before anything is queued, the holders of pending edits (the cell editor's typed text) hand
  them over (`add_flusher`), so no caller needs to remember to save first.
- Results come back on the UI thread. Every failure, including "cannot open a connection",
  arrives as a ProjectError: at the caller's `failed` callback if it gave one, otherwise on the
  one `failure` signal. Unexpected errors are logged with their traceback (see log_file.py).
- `shutdown()` lets queued writes finish (never giving up before the writer does), stops the
  jobs, abandons computations and closes every connection; no thread posts anything afterwards.

Handles and the shapes of jobs are in io_handle.py, delivery on the UI thread in io_delivery.py,
failures in words in io_failures.py; opening a file before it has a service, background_open.py.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from workbench.store.errors import Busy, ProjectError
from workbench.store.project import Project
from workbench.ui.io_delivery import Delivery
from workbench.ui.io_failures import as_project_error, close_quietly, connection_suspect
from workbench.ui.io_handle import Computation, Done, Failed, Handle, Progress, ReadJob, WriteJob
from workbench.ui.log_file import start_logging

log = logging.getLogger("workbench.io")

# How long a write keeps trying while another program holds the file; closing the project
# waits exactly this long too, never less. WORKBENCH_SAVE_PATIENCE_S changes it (a slow share).
PATIENCE_S = 120.0
READ_THREADS = 2


class ProjectIO(Delivery):
    """Owns every connection of one open project besides the window's own reading one."""

    def __init__(self, project: Project, parent: QObject | None = None, *,
                 patience: float | None = None) -> None:
        super().__init__(parent)
        start_logging()  # failures in the threads below are written to the log file
        self.name = project.path.name
        self.patience = _patience() if patience is None else patience
        self._open = project.worker  # bound now: threads never reach back into the window
        self._flushers: list[Callable[[], None]] = []
        self._flushing = False
        # Writes: a queue, one thread, and a count of writes done (for reads waiting on them).
        self._writes: queue.Queue = queue.Queue()
        self._writer: threading.Thread | None = None
        self._queued_writes = 0  # UI thread: writes asked for
        self._written = 0  # writer thread: writes ended (saved or refused)
        self._written_cv = threading.Condition()
        self._undelivered = 0  # UI thread: writes whose outcome the UI has not seen yet
        # Reads and jobs: a small pool; each thread keeps its own connection.
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._connections: list[Project] = []
        self._connections_lock = threading.Lock()
        # Computations: a queue and one daemon thread, never waited for.
        self._computations: queue.Queue = queue.Queue()
        self._computer: threading.Thread | None = None

    # -- pending edits -------------------------------------------------------------------

    def add_flusher(self, flush: Callable[[], None]) -> None:
        """*flush* queues an editor's pending edits; it runs before anything else is queued."""
        if flush not in self._flushers:
            self._flushers.append(flush)

    def remove_flusher(self, flush: Callable[[], None]) -> None:
        if flush in self._flushers:
            self._flushers.remove(flush)

    def flush_pending(self) -> None:
        """Let every editor queue what it holds (typed text waiting for its pause)."""
        if self._flushing:
            return
        self._flushing = True
        try:
            for flush in list(self._flushers):
                flush()
        finally:
            self._flushing = False

    # -- writes --------------------------------------------------------------------------

    def write(self, job: WriteJob, done: Done | None = None, failed: Failed | None = None) -> Handle:
        """Queue `job(project)` behind every earlier write; `done(result)` on the UI thread."""
        handle = Handle("write")
        self.flush_pending()
        if self._closed:
            self._fail_later(handle, failed, ProjectError(f"The change was not saved: {self.name} is closed."))
            return handle
        if self._writer is None:
            self._writer = self._thread("project-writer", self._write_loop)
        self._queued_writes += 1
        self._undelivered += 1
        self._live.add(handle)
        self._writes.put((handle, job, done, failed))
        return handle

    def _write_loop(self) -> None:
        project: Project | None = None
        try:
            while (item := self._writes.get()) is not None:
                handle, job, done, failed = item
                try:
                    if project is None:
                        project = self._open(writing=True)  # may fail (file renamed): said, tried again next time
                    outcome = ("done", self._patiently(job, project))
                except Exception as e:  # noqa: BLE001 (every failure reaches the UI in words)
                    outcome = ("failed", as_project_error(e, self.name, writing=True))
                    if project is not None and connection_suspect(outcome[1]):
                        project = close_quietly(project)  # reopen for the next write
                # Post the outcome before counting the write done: a read that waits for this
                # write then finds its notice already on the way to the UI.
                self._send(lambda h=handle, o=outcome, d=done, f=failed: self._write_ended(h, o, d, f))
                with self._written_cv:
                    self._written += 1
                    self._written_cv.notify_all()
        finally:
            if project is not None:
                close_quietly(project)

    def _patiently(self, job: WriteJob, project: Project) -> Any:
        """Run *job*; while the file is busy (a long read elsewhere), wait and try again.

        The store rolls a refused transaction back, so trying again is safe; the text being
        saved stays in the editor meanwhile, and nothing waits on the UI thread.
        """
        deadline = time.monotonic() + self.patience
        delay = 0.05
        while True:
            try:
                with project.guard(writing=True):  # SQLite's errors arrive typed
                    return job(project)
            except Busy:
                if time.monotonic() > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)

    def _write_ended(self, handle: Handle, outcome: tuple[str, Any], done: Done | None,
                     failed: Failed | None) -> None:
        self._undelivered -= 1
        self._finish(handle, outcome, done, failed)

    # -- reads and jobs ------------------------------------------------------------------

    def read(self, job: ReadJob, done: Done, failed: Failed | None = None, *, key: str | None = None,
             owner: QObject | None = None) -> Handle:
        """Run `job(project, progress)` on a worker after the writes queued so far.

        A *key* makes this read replace the last one with the same key (its result is dropped).
        An *owner* (a pane, a dialog) that goes away takes its reads' results with it.
        """
        return self._submit("read", job, done, failed, key, owner, None)

    def job(self, job: ReadJob, done: Done, failed: Failed | None = None, *,
            progress: Callable[[int, int, str], None] | None = None, key: str | None = None,
            owner: QObject | None = None) -> Handle:
        """A long job (import, check, share, export) with progress and cancel; like `read`."""
        return self._submit("job", job, done, failed, key, owner, progress)

    def _submit(self, kind: str, job: ReadJob, done: Done, failed: Failed | None, key: str | None,
                owner: QObject | None, progress: Callable[[int, int, str], None] | None) -> Handle:
        handle = Handle(kind, key)
        self.flush_pending()
        if self._closed:
            self._fail_later(handle, failed, ProjectError(f"{self.name} is closed."))
            return handle
        self._register(handle, owner)
        after = self._queued_writes
        if self._pool is None:
            self._pool = ThreadPoolExecutor(READ_THREADS, thread_name_prefix="project-read")

        def report(n: int, total: int, text: str) -> bool:
            if progress is not None and not handle.superseded:
                self._send(lambda: None if handle.superseded else progress(n, total, text))
            return not handle.cancelled

        def run() -> None:
            try:
                self._wait_for_writes(after, handle)
                if handle.superseded or self._closed:
                    outcome: tuple[str, Any] = ("done", None)  # dropped on delivery
                    self._send(lambda: self._finish(handle, outcome, done, failed))
                    return
                if kind == "read":  # a read may run again; a job (an import) is not repeated
                    outcome = ("done", self._read_patiently(job, report, handle))
                else:
                    reader = self._reader()
                    with reader.guard(writing=True):
                        outcome = ("done", job(reader, report))
            except Exception as e:  # noqa: BLE001
                outcome = ("failed", as_project_error(e, self.name, writing=kind == "job"))
                if connection_suspect(outcome[1]):
                    self._drop_reader()
            self._send(lambda: self._finish(handle, outcome, done, failed))

        self._pool.submit(run)
        return handle

    def _read_patiently(self, job: ReadJob, report: Progress, handle: Handle) -> Any:
        """Run *job*; while another program holds the file (a long commit), wait and try again.

        Waiting here costs the window nothing, and a pane re-reading after a notice then shows
        the new value once the file is free instead of a refusal.
        """
        deadline = time.monotonic() + self.patience
        delay = 0.05
        while True:
            try:
                reader = self._reader()  # opening reads the file's header: it may be refused too
                with reader.guard():
                    return job(reader, report)
            except Busy:
                if time.monotonic() > deadline or handle.cancelled or self._closed:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)

    def _wait_for_writes(self, count: int, handle: Handle) -> None:
        with self._written_cv:
            self._written_cv.wait_for(lambda: self._written >= count or handle.superseded or self._closed)

    def _reader(self) -> Project:
        project = getattr(self._local, "project", None)
        if project is None:
            project = self._open()
            self._local.project = project
            with self._connections_lock:
                self._connections.append(project)
        return project

    def _drop_reader(self) -> None:
        project = getattr(self._local, "project", None)
        if project is not None:
            self._local.project = None
            with self._connections_lock:
                if project in self._connections:
                    self._connections.remove(project)
            close_quietly(project)

    # -- computations --------------------------------------------------------------------

    def compute(self, work: Computation, done: Done, *, key: str | None = None,
                owner: QObject | None = None) -> Handle:
        """Run `work()` on the compute thread; `done(result)` on the UI thread.

        It needs no connection and waits for no write. A *key* makes it replace the last
        computation with that key (skipped if not begun, its result dropped if it has). An
        *owner* that goes away takes the result with it. A failure reaches `failure`.
        """
        handle = Handle("compute", key)
        if self._closed:
            handle.finished = True
            return handle
        self._register(handle, owner)
        if self._computer is None:
            # A daemon: a computation still running when the window closes is abandoned, and
            # the interpreter does not wait for it on its way out.
            self._computer = self._thread("project-compute", self._compute_loop)
        self._computations.put((handle, work, done))
        return handle

    def _compute_loop(self) -> None:
        while (item := self._computations.get()) is not None:
            handle, work, done = item
            if handle.superseded or self._closed:
                outcome: tuple[str, Any] = ("done", None)  # dropped on delivery
            else:
                try:
                    outcome = ("done", work())
                except Exception as e:  # noqa: BLE001
                    outcome = ("failed", as_project_error(e, self.name, writing=False))
            self._send(lambda h=handle, o=outcome, d=done: self._finish(h, o, d, None))

    # -- state ---------------------------------------------------------------------------

    def writes_pending(self) -> int:
        """Writes queued whose outcome the UI has not seen yet."""
        return self._undelivered

    def idle(self) -> bool:
        """Nothing queued, running or waiting to be delivered."""
        return not self._live and not self._undelivered

    def settle(self) -> None:
        """Wait until queued writes are in the file (or refused) and delivered.

        For closing and for the command line; the window itself never needs to wait.
        """
        self.flush_pending()
        with self._written_cv:
            self._written_cv.wait_for(lambda: self._written >= self._queued_writes)
        try:
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall.value)
        except RuntimeError:  # Qt already deleted this object (its parent went first): nobody to tell
            log.warning("Outcomes of writes to %s were not delivered: the window had gone", self.name)

    def shutdown(self) -> None:
        """Finish queued writes, stop reads and jobs, close every connection."""
        if self._closed:
            return
        self.settle()  # a write still trying a busy file is waited for, never abandoned
        with self._post_lock:
            self._closed = True
        self._computations.put(None)  # the compute thread ends after its current computation
        self._computer = None
        for handle in list(self._live):
            handle.cancel()
        with self._written_cv:
            self._written_cv.notify_all()
        if self._writer is not None:
            self._writes.put(None)
            self._writer.join()
            self._writer = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for project in connections:
            close_quietly(project)
        for handle in self._live:  # nothing more will be delivered: none is still waited for
            handle.finished = True
        self._live.clear()
        self._keyed.clear()
        self._owned.clear()
        self._flushers.clear()


def _patience() -> float:
    try:
        return max(0.0, float(os.environ.get("WORKBENCH_SAVE_PATIENCE_S") or PATIENCE_S))
    except ValueError:
        return PATIENCE_S
