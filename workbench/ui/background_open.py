"""Opening a project file on a worker thread, for the opens that read the whole file.

A received file whose background check found wrong values is opened again the careful way:
SQLite's check, every value, and a mended copy to read through (seconds at 100,000
sources). That runs here, off the UI thread, so the window keeps answering and says what it
is doing; the open project arrives on the UI thread. No I/O service exists yet: the project
being opened is not open.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from workbench.store.errors import ProjectError
from workbench.store.project import Project

log = logging.getLogger("workbench.io")


class BackgroundOpen(QObject):
    """`BackgroundOpen(path, done, failed, parent=window)` opens *path* on a thread.

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
        except ProjectError as e:
            error = e
        except OSError as e:
            error = ProjectError(f"{self.path.name} could not be read ({e.strerror or e}).")
        except Exception as e:  # noqa: BLE001 (a bug: said in words, the details logged)
            log.error("Unexpected error opening %s", self.path.name, exc_info=e)
            error = ProjectError(f"Something went wrong opening {self.path.name} ({type(e).__name__}); "
                                 "the details are in the log file.")
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
