"""The part of the I/O service (project_io.py) that hands outcomes to the UI thread: it keeps
the handles still live (by key, by owner), posts each outcome from a worker thread, and runs
the caller's `done` or `failed` there, or says the failure on the one `failure` signal.

Once the service is closed nothing more is posted or delivered, so Qt may delete it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from workbench.store.errors import ProjectError
from workbench.ui.io_handle import Done, Failed, Handle

log = logging.getLogger("workbench.io")


class Delivery(QObject):
    """Outcomes to the UI thread, and the handles they belong to (ProjectIO builds on it)."""

    failure = Signal(object)  # a ProjectError nobody else handled: the one error channel
    _post = Signal(object)  # a callable to run on the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._closed = False
        self._live: set[Handle] = set()
        self._keyed: dict[str, Handle] = {}
        self._owned: dict[int, set[Handle]] = {}  # id of an owner -> its reads still live
        # Held while a thread posts to the UI and while closing: once the service is closed,
        # no thread emits on this object, which Qt may then delete.
        self._post_lock = threading.RLock()
        self._post.connect(self._run_on_ui)

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

    def _thread(self, name: str, target: Callable[[], None]) -> threading.Thread:
        """Start *target* on a daemon thread of its own: every thread of the window's
        background work starts here, and hands its outcomes back through `_send`."""
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        return thread

    def _send(self, callback: Callable[[], None]) -> bool:
        """Post *callback* to the UI thread; False when nobody will run it (closed or gone)."""
        with self._post_lock:
            if self._closed:  # closed: its outcome would be dropped anyway, and Qt may delete us
                return False
            try:
                self._post.emit(callback)
            except RuntimeError:  # the service went away meanwhile: nobody is listening
                return False
            return True

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
