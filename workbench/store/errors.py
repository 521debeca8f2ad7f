"""Errors the store raises; each str() is one plain sentence a user can act on.

SQLite's own exceptions never leave the store: `translate()` turns them into the typed errors
below by SQLite's result code (never by its message text), and each says in plain words what
was and what was not saved. Callers catch `ProjectError` and decide how to show it by type.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


class ProjectError(Exception):
    """Base class: the project file could not be used as asked."""


class NotAProject(ProjectError):
    """The file is not a workbench project (empty, another program's file, text, ...)."""


class DamagedProject(ProjectError):
    """The file looks like a project but is damaged or has been tampered with."""

    def __init__(self, message: str) -> None:
        # SQLite's own error text can quote a damaged schema's SQL over several lines.
        super().__init__(" ".join(message.split()))


class NewerVersion(ProjectError):
    """The file was made by a newer version of the workbench."""


class ReadOnlyProject(ProjectError):
    """A change was asked of a project opened read-only."""


class NotFound(ProjectError):
    """An actor, instrument, source, cell or brief that was asked for does not exist."""


class OverwriteRefused(ProjectError):
    """An output file (export, copy, backup) would have replaced the open project itself."""


class Busy(ProjectError):
    """Another connection holds the file for a moment; trying again later is safe."""


class Conflict(ProjectError):
    """The change contradicts what the file holds (a name in use, a row that changed)."""


class StorageError(ProjectError):
    """The disk or the file itself failed under a change: the cases below."""


class DiskFull(StorageError):
    """No room left on the disk for the change."""


class ReadOnlyMedium(StorageError, ReadOnlyProject):
    """The disk, folder or file became read-only while the project was open."""


class DiskIOError(StorageError):
    """The operating system reported an input/output error."""


class FileVanished(StorageError):
    """The open file was renamed, moved or deleted (a sync client, another program)."""


class SaveUncertain(StorageError):
    """A COMMIT failed and the ROLLBACK after it failed too: the outcome is not known."""


_NOT_SAVED = "The change was not saved"
_EARLIER_SAFE = "everything saved before it is still in the file"


def translate(error: sqlite3.Error, name: str, *, writing: bool = True) -> ProjectError:
    """The typed, plainly worded error for an SQLite failure on the file called *name*.

    *writing* says whether a change was being saved (the sentence then says it was not) or
    the file was only being read.
    """
    if isinstance(error, ProjectError):  # already ours (sqlite3 errors never are; for symmetry)
        return error
    code = getattr(error, "sqlite_errorcode", 0) or 0
    primary = code & 0xFF
    lead = _NOT_SAVED if writing else f"{name} could not be read"
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        if writing:
            return Busy(f"{lead}: {name} is busy (another program or task is using it); "
                        f"{_EARLIER_SAFE}. Try again in a moment.")
        return Busy(f"{lead} just now: another program or task is using it. Try again in a moment.")
    if primary == sqlite3.SQLITE_CONSTRAINT:
        return Conflict(f"{_NOT_SAVED}: it conflicts with what {name} already holds "
                        f"(for example a name that is already in use); {_EARLIER_SAFE}.")
    if primary == sqlite3.SQLITE_FULL:
        return DiskFull(f"{lead}: the disk holding {name} is full; {_EARLIER_SAFE}. "
                        "Free some space and try again.")
    if code == sqlite3.SQLITE_READONLY_DBMOVED or primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_NOTFOUND):
        return FileVanished(f"{lead}: {name} was renamed, moved or deleted while it was open. "
                            "Changes saved before that are in the file wherever it went; "
                            "open it again from its new place.")
    if primary == sqlite3.SQLITE_READONLY:
        return ReadOnlyMedium(f"{lead}: {name} can no longer be written (its disk or folder became "
                              f"read-only); {_EARLIER_SAFE}. Save a copy elsewhere to keep working.")
    if primary == sqlite3.SQLITE_IOERR:
        return DiskIOError(f"{lead}: the disk reported an error with {name}; {_EARLIER_SAFE} as far "
                           "as the disk allows. Save a copy to another disk and check this one.")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DamagedProject(f"{lead}: {name} is damaged. Use File ▸ Check project, or open a backup.")
    if writing:
        return ProjectError(f"{_NOT_SAVED} to {name} (the database refused it: "
                            f"{getattr(error, 'sqlite_errorname', '') or type(error).__name__}); {_EARLIER_SAFE}.")
    return ProjectError(f"{lead} ({getattr(error, 'sqlite_errorname', '') or type(error).__name__}).")


def uncertain(name: str) -> SaveUncertain:
    """A COMMIT failed and so did the ROLLBACK meant to end it cleanly."""
    return SaveUncertain(f"It is not certain whether the last change reached {name}: saving failed and "
                         "could not be undone cleanly. Changes saved before it are safe; close the "
                         "project and open it again to see what it holds.")


@contextmanager
def translated(name: str, *, writing: bool = False) -> Iterator[None]:
    """Run a block against the file *name*; SQLite's errors leave it as typed ProjectErrors."""
    try:
        yield
    except sqlite3.Error as e:
        raise translate(e, name, writing=writing) from e
