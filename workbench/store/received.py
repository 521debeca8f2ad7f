"""The check a received file gets after it is open (`Project.open(check_later=True)`).

A file this computer has not vouched for is opened at once, read-only, after its schema and
the values of its matrix tables are checked. This runs the rest on a worker's connection:
SQLite's quick check (every page) and the whole value screen (`validate.find`: the sources'
rows and text, sentences, logs, the search index). A damaged file raises DamagedProject with
the same words as a refused open; wrong values come back as plain lines.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from workbench.store import connection, validate
from workbench.store.errors import DamagedProject, ProjectError
from workbench.store.project import Project

Progress = Callable[[int, int, str], bool | None]


class CheckStopped(ProjectError):
    """The check was stopped (the window closed the file); nothing was decided."""


def check(project: Project, progress: Progress | None = None) -> list[str]:
    """Run what `Project.open(check_later=True)` left out; [] means the file is sound.

    *progress(done, total, text)* is told each step and may answer False to stop."""
    db = project.db
    name = project.path.name
    stop: dict = {"asked": False, "at": time.monotonic()}

    def step(done: int, text: str) -> None:
        if progress is not None and progress(done, 2, text) is False:
            stop["asked"] = True
        if stop["asked"]:
            raise CheckStopped(f"The check of {name} was stopped.")

    def interrupt() -> int:  # SQLite asks every so many steps; non-zero stops the statement
        # Asks whether to stop at most five times a second (done -1: no step to show).
        if progress is not None and time.monotonic() - stop["at"] > 0.2:
            stop["at"] = time.monotonic()
            if progress(-1, 2, "") is False:
                stop["asked"] = True
        return int(stop["asked"])

    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.set_progress_handler(interrupt, 20_000)
    try:
        step(0, "Checking the file")
        connection.verify(db, name, version)  # the schema again, and every page
        step(1, "Checking the values")
        problems = validate.find(db)
        step(2, "Checked")
    except sqlite3.OperationalError as e:
        if stop["asked"]:
            raise CheckStopped(f"The check of {name} was stopped.") from None
        raise DamagedProject(f"{name} is damaged and cannot be opened ({e}).") from None
    except sqlite3.DatabaseError as e:
        raise DamagedProject(f"{name} is damaged and cannot be opened ({e}).") from None
    finally:
        db.set_progress_handler(None, 0)
    return validate.describe(problems)
