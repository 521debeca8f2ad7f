"""Opening a project file on a thread of its own, before any I/O service exists for it.

For the opens that read the whole file: a received file whose background check found wrong
values is opened again the careful way (SQLite's check, every value, a mended copy to read
through; seconds at 100,000 sources), and the window stays responsive meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.io_failures import as_project_error


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
            error = as_project_error(e, self.path.name, writing=False)
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
