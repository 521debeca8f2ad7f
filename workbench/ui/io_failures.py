"""How a failure on one of the I/O service's threads reaches the window: always as a ProjectError
in plain words (a bug's traceback goes to the log file), and when a connection is given up."""

from __future__ import annotations

import logging

from workbench.ingest.errors import IngestError
from workbench.store.errors import ProjectError
from workbench.store.project import Project

log = logging.getLogger("workbench.io")


def as_project_error(error: Exception, name: str, *, writing: bool) -> ProjectError:
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


def connection_suspect(error: ProjectError) -> bool:
    """After these failures the connection is closed and a fresh one opened next time."""
    from workbench.store.errors import StorageError

    return isinstance(error, StorageError)


def close_quietly(project: Project) -> None:
    try:
        project.close()
    except Exception:  # noqa: BLE001 (closing a connection to a vanished file may complain)
        log.warning("Closing a worker connection failed", exc_info=True)
    return None
