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
- **Opening** a file the careful way (`BackgroundOpen`) runs on a thread of its own: the project
  it opens has no service yet.
- `shutdown()` lets queued writes finish (never giving up before the writer does), stops the
  jobs, abandons computations and closes every connection; no thread posts anything afterwards.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal, Slot

from workbench.ingest.errors import IngestError
from workbench.store.errors import Busy, ProjectError
from workbench.store.project import Project
from workbench.ui.log_file import start_logging

log = logging.getLogger("workbench.io")

Progress = Callable[[int, int, str], bool]
WriteJob = Callable[[Project], Any]
ReadJob = Callable[[Project, Progress], Any]
Done = Callable[[Any], None]
Failed = Callable[[ProjectError], None]
Computation = Callable[[], Any]

# How long a write keeps trying while another program holds the file; closing the project
# waits exactly this long too, never less. WORKBENCH_SAVE_PATIENCE_S changes it (a slow share).
PATIENCE_S = 120.0
READ_THREADS = 2


class Handle:
    """One queued read, write or job: `cancel()` asks it to stop (the job decides how)."""

    def __init__(self, kind: str, key: str | None = None) -> None:
        self.kind = kind
        self.key = key
        self._cancel = threading.Event()
        self.superseded = False  # a newer read with the same key replaced it: result dropped
        self.finished = False  # its outcome has been delivered on the UI thread
        self.owner: int | None = None  # id of the QObject whose going away drops the outcome

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, _done: int, _total: int, _text: str) -> bool:
        return not self._cancel.is_set()


class ProjectIO(QObject):
    """Owns every connection of one open project besides the window's own reading one."""

    failure = Signal(object)  # a ProjectError nobody else handled: the one error channel
    _post = Signal(object)  # a callable to run on the UI thread

    def __init__(self, project: Project, parent: QObject | None = None, *,
                 patience: float | None = None) -> None:
        super().__init__(parent)
        start_logging()  # failures in the threads below are written to the log file
        self.name = project.path.name
        self.patience = _patience() if patience is None else patience
        self._open = project.worker  # bound now: threads never reach back into the window
        self._flushers: list[Callable[[], None]] = []
        self._flushing = False
        self._closed = False
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
        self._live: set[Handle] = set()
        self._keyed: dict[str, Handle] = {}
        self._owned: dict[int, set[Handle]] = {}  # id of an owner -> its reads still live
        # Computations: a queue and one daemon thread, never waited for.
        self._computations: queue.Queue = queue.Queue()
        self._computer: threading.Thread | None = None
        # Held while a thread posts to the UI and while closing: once shutdown() has returned,
        # no thread emits on this object, which Qt may then delete.
        self._post_lock = threading.RLock()
        self._post.connect(self._run_on_ui)

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
            self._writer = threading.Thread(target=self._write_loop, name="project-writer", daemon=True)
            self._writer.start()
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
                    outcome = ("failed", _as_project_error(e, self.name, writing=True))
                    if project is not None and _connection_suspect(outcome[1]):
                        project = _close_quietly(project)  # reopen for the next write
                # Post the outcome before counting the write done: a read that waits for this
                # write then finds its notice already on the way to the UI.
                self._send(lambda h=handle, o=outcome, d=done, f=failed: self._write_ended(h, o, d, f))
                with self._written_cv:
                    self._written += 1
                    self._written_cv.notify_all()
        finally:
            if project is not None:
                _close_quietly(project)

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
                outcome = ("failed", _as_project_error(e, self.name, writing=kind == "job"))
                if _connection_suspect(outcome[1]):
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

    def _register(self, handle: Handle, owner: QObject | None) -> None:
        if handle.key is not None:
            old = self._keyed.get(handle.key)
            if old is not None:
                old.superseded = True
                old.cancel()
            self._keyed[handle.key] = handle
        if owner is not None:
            handle.owner = id(owner)
            owned = self._owned.get(handle.owner)
            if owned is None:  # one connection per owner, however many reads it asks for
                owned = self._owned[handle.owner] = set()
                owner.destroyed.connect(lambda *_a, k=handle.owner: self._owner_gone(k))
            owned.add(handle)
        self._live.add(handle)

    def _owner_gone(self, owner: int) -> None:
        for handle in self._owned.pop(owner, ()):
            self._forget(handle)

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
            _close_quietly(project)

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
            self._computer = threading.Thread(target=self._compute_loop, name="project-compute", daemon=True)
            self._computer.start()
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
                    outcome = ("failed", _as_project_error(e, self.name, writing=False))
            self._send(lambda h=handle, o=outcome, d=done: self._finish(h, o, d, None))

    # -- delivery on the UI thread -------------------------------------------------------

    def _send(self, callback: Callable[[], None]) -> None:
        with self._post_lock:
            if self._closed:  # closed: its outcome would be dropped anyway, and Qt may delete us
                return
            try:
                self._post.emit(callback)
            except RuntimeError:  # the service went away meanwhile: nobody is listening
                pass

    @Slot(object)
    def _run_on_ui(self, callback: Callable[[], None]) -> None:
        try:
            callback()
        except Exception:  # a bug in a result handler must not take the window down
            log.exception("A result handler failed")
            self.failure.emit(ProjectError("Something went wrong while showing a result; "
                                           "the details are in the log file."))

    def _finish(self, handle: Handle, outcome: tuple[str, Any], done: Done | None,
                failed: Failed | None) -> None:
        live = handle in self._live
        self._forget(handle)
        handle.finished = True
        if not live or handle.superseded or self._closed:
            return
        state, value = outcome
        if state == "done":
            if done is not None:
                done(value)
        elif failed is not None:
            failed(value)
        else:
            self.failure.emit(value)

    def _forget(self, handle: Handle) -> None:
        self._live.discard(handle)
        if handle.owner is not None:
            self._owned.get(handle.owner, set()).discard(handle)
        if handle.key is not None and self._keyed.get(handle.key) is handle:
            del self._keyed[handle.key]

    def _fail_later(self, handle: Handle, failed: Failed | None, error: ProjectError) -> None:
        handle.finished = True
        if failed is not None:
            failed(error)

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
            _close_quietly(project)
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


class BackgroundOpen(QObject):
    """`BackgroundOpen(path, done, failed, parent=window)` opens *path* on a thread.

    For the opens that read the whole file (a received file whose background check found wrong
    values is opened again the careful way: SQLite's check, every value, a mended copy to read
    through; seconds at 100,000 sources). No service exists for it yet: its project is not open.

    `done(project)` or `failed(error)` runs on the UI thread. `abandon()` (the window opens
    another file or closes) drops the outcome; a project opened meanwhile is closed again.
    """

    _arrived = Signal(object, object)  # (project or None, error or None), posted from the thread

    def __init__(self, path: Path, done: Callable[[Project], None], failed: Callable[[ProjectError], None], *,
                 user: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._done = done
        self._failed = failed
        self.abandoned = False
        self.finished = False
        self._arrived.connect(self._deliver)
        self._thread = threading.Thread(target=self._run, args=(user,), name="project-open", daemon=True)
        self._thread.start()

    def _run(self, user: str | None) -> None:
        project: Project | None = None
        error: ProjectError | None = None
        try:
            project = Project.open(self.path, user=user, check_later=False)
        except Exception as e:  # noqa: BLE001 (said in plain words; a bug is logged)
            error = _as_project_error(e, self.path.name, writing=False)
        try:
            self._arrived.emit(project, error)
        except RuntimeError:  # the window went away meanwhile: nobody to give the project to
            if project is not None:
                project.close()

    @Slot(object, object)
    def _deliver(self, project: Project | None, error: ProjectError | None) -> None:
        self.finished = True
        if self.abandoned:
            if project is not None:
                project.close()
            return
        if project is not None:
            self._done(project)
        else:
            self._failed(error)

    def abandon(self) -> None:
        self.abandoned = True


def _as_project_error(error: Exception, name: str, *, writing: bool) -> ProjectError:
    """Every failure in plain words; a bug is logged with its traceback."""
    if isinstance(error, ProjectError):
        return error
    if isinstance(error, IngestError | ValueError):
        return ProjectError(str(error))
    if isinstance(error, OSError):
        what = "The change was not saved" if writing else f"{name} could not be read"
        return ProjectError(f"{what} ({error.strerror or error}).")
    log.error("Unexpected error in background work on %s", name, exc_info=error)
    return ProjectError(f"Something went wrong ({type(error).__name__}); "
                        f"{'the change may not have been saved; ' if writing else ''}"
                        "the details are in the log file.")


def _connection_suspect(error: ProjectError) -> bool:
    """After these failures the connection is closed and a fresh one opened next time."""
    from workbench.store.errors import StorageError

    return isinstance(error, StorageError)


def _close_quietly(project: Project) -> None:
    try:
        project.close()
    except Exception:  # noqa: BLE001 (closing a connection to a vanished file may complain)
        log.warning("Closing a worker connection failed", exc_info=True)
    return None

