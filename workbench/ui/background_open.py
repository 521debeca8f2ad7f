"""Opening a project file on a thread of its own, before any I/O service exists for it.

For the opens that read the whole file: a received file whose background check found wrong
values is opened again the careful way (SQLite's check, every value, a mended copy to read
through; seconds at 100,000 sources), and the window stays responsive meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.io_delivery import Delivery
from workbench.ui.io_failures import as_project_error
from workbench.ui.io_handle import Handle


class BackgroundOpen(Delivery):
    """`BackgroundOpen(path, done, failed, parent=window)` opens *path* on a thread.

    It hands its outcome to the UI thread the way the I/O service does (io_delivery.py):
    `done(project)` or `failed(error)` runs there. `abandon()` (the window opens another file
    or closes) drops the outcome; a project opened meanwhile is closed again.
    """

    def __init__(self, path: Path, done: Callable[[Project], None], failed: Callable[[ProjectError], None], *,
                 user: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._handle = Handle("open")
        self._register(self._handle, None)
        self._thread("project-open", lambda: self._run(user, done, failed))

    def _run(self, user: str | None, done: Callable[[Project], None], failed: Callable[[ProjectError], None]) -> None:
        project: Project | None = None
        try:
            project = Project.open(self.path, user=user, check_later=False)
            outcome: tuple[str, object] = ("done", project)
        except Exception as e:  # noqa: BLE001 (said in plain words; a bug is logged)
            outcome = ("failed", as_project_error(e, self.path.name, writing=False))
        if not self._send(lambda: self._arrive(outcome, done, failed)) and project is not None:
            project.close()  # the window went away meanwhile: nobody to give the project to

    def _arrive(self, outcome: tuple[str, object], done: Callable[[Project], None],
                failed: Callable[[ProjectError], None]) -> None:
        state, value = outcome
        if state == "done" and self._handle not in self._live:  # abandoned meanwhile
            value.close()
        self._finish(self._handle, outcome, done, failed)

    def abandon(self) -> None:
        self._forget(self._handle)
