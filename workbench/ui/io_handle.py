"""What callers of the I/O service (project_io.py) hold and hand it: a Handle for each queued
read, write, job or computation, and the shapes of the work and of its callbacks."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from workbench.store.errors import ProjectError
from workbench.store.project import Project

Progress = Callable[[int, int, str], bool]
WriteJob = Callable[[Project], Any]
ReadJob = Callable[[Project, Progress], Any]
Done = Callable[[Any], None]
Failed = Callable[[ProjectError], None]
Computation = Callable[[], Any]


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
