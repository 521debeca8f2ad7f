"""`share`: a clean single-file copy to send to a colleague.

VACUUM INTO writes a compact copy without deleted content (a deleted secret does not travel)
to a temporary file beside the target; what must not travel is then scrubbed from the copy in
place, the copy gets SQLite's quick check, is flushed to disk and only then renamed over the
target, so a failure never leaves a partial or damaged file behind. One full copy and one
full read: sharing runs at about the speed of the disk (`bench/bench_share.py`).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from workbench.store import connection, location, trust
from workbench.store.errors import (
    Busy, DiskFull, FileVanished, ProjectError, ReadOnlyMedium, StorageError, translate,
)
from workbench.store.project import Project


class ShareError(ProjectError):
    """The copy could not be written; the target, if it existed, is unchanged."""


def share(project: Project, target: Path | str) -> Path:
    """Write a verified copy of *project* to *target* (atomically replacing it)."""
    target = Path(target)
    if target.suffix.lower() != ".pbw":
        target = target.with_name(target.name + ".pbw")
    location.refuse_if_project(target, project.path)  # its name, a symbolic or a hard link
    folder = target.parent
    if not folder.is_dir():
        raise ShareError(f"The folder {folder} does not exist.")
    location.clean_leftovers(folder)  # left by a copy that was killed half-way
    try:
        tmp = location.temp_file(target)
    except OSError as e:
        raise ShareError(f"Cannot write in {folder} ({e.strerror or e}).") from None
    tmp.unlink()  # VACUUM INTO wants a file that does not exist yet
    existed = target.exists()
    try:
        project.db.execute("VACUUM INTO ?", (str(tmp.resolve()),))
        _scrub(tmp)
        _verify_copy(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
        _fsync_dir(folder)
        trust.remember_good(target)  # just checked here: opening it needs no second check
    except (OSError, sqlite3.Error, ProjectError) as e:
        tmp.unlink(missing_ok=True)
        raise ShareError(_refusal(e, project.path.name, target, existed)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _refusal(error: Exception, name: str, target: Path, existed: bool) -> str:
    """What went wrong, in words, from the typed error; and what was left as it was."""
    if isinstance(error, sqlite3.Error):  # SQLite's own text never reaches the analyst
        error = translate(error, target.name, writing=True)
    if isinstance(error, DiskFull) or getattr(error, "errno", None) == errno.ENOSPC:
        why = "the disk is full"
    elif isinstance(error, ReadOnlyMedium | PermissionError):
        why = "the folder cannot be written to"
    elif isinstance(error, FileVanished | FileNotFoundError):
        why = "the folder was renamed, moved or deleted meanwhile"
    elif isinstance(error, Busy):
        why = "the project was busy (another program or task was using it); try again in a moment"
    elif isinstance(error, OSError):
        why = f"the disk refused it ({error.strerror or 'an input/output error'})"
    elif isinstance(error, StorageError) or type(error) is ProjectError:
        why = "the disk reported an error while it was written"
    else:  # the copy's own check refused it (damaged, not our structure)
        why = "the copy did not pass its check"
    kept = f"{target.name} was left as it was" if existed else f"no {target.name} was made"
    return f"The copy could not be written to {target.name}: {why}. {name} was not changed and {kept}."


def _scrub(path: Path) -> None:
    """Remove from the copy what was deleted or overwritten in the project.

    The change log keeps old values of every edit, and export snapshots keep what earlier
    briefs said. The copy keeps who changed which row and when, and the revision graph (enough
    to compare and merge copies), but not the old values, so a deleted secret does not travel.
    FTS5 keeps the words of deleted entries in older index segments until those are merged,
    and VACUUM copies the segments as they are: the indexes are merged here when they may
    hold such words (`_index_may_hold_deleted_words`), and not otherwise, since merging
    rewrites every segment and costs more than the copy itself.

    No second VACUUM: with `secure_delete` every byte these statements free is overwritten
    with zeros, so the pages they leave free hold nothing (the connection sets it; it is
    asserted here because the scrub depends on it).
    """
    db = connection.connect(path, read_only=False)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # a scratch file: no journal beside it
        db.execute("PRAGMA synchronous = OFF")  # flushed once, after the check
        if db.execute("PRAGMA secure_delete").fetchone()[0] != 1:
            raise ShareError("this SQLite cannot overwrite deleted content")
        db.execute("BEGIN")
        db.execute("UPDATE change_log SET before = NULL, after = NULL"
                   " WHERE before IS NOT NULL OR after IS NOT NULL")
        # Revisions stay (a merge needs them to find what both copies share), values do not.
        db.execute("UPDATE revision SET value = NULL WHERE value IS NOT NULL")
        # What earlier exports said (old judgments): the colleague's own exports start afresh.
        db.execute("DELETE FROM brief_snapshot")
        if _index_may_hold_deleted_words(db):
            for table in ("source_fts", "sentence_fts"):
                db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        db.execute("COMMIT")
    finally:
        db.close()


def _index_may_hold_deleted_words(db: sqlite3.Connection) -> bool:
    """Whether an entry ever left the search indexes: only then can their segments hold words
    of text the project no longer has.

    Entries leave them when a source is removed or deleted, retitled, changed by a merge or by
    settling a dispute, and when a merge is undone or redone; each of these writes a change-log
    row about a source (other than its import) or about a merge. The log is never trimmed, so a
    project that has only ever imported its sources is the one case that skips the merge."""
    return db.execute(
        "SELECT EXISTS (SELECT 1 FROM change_log WHERE (table_name = 'source' AND action != 'insert')"
        " OR table_name = 'merge')").fetchone()[0] == 1


def _verify_copy(path: Path) -> None:
    """Our schema, and SQLite's quick_check of the copy.

    quick_check reads every page and checks the file's whole structure: every b-tree, page
    and cell, the free list and the format of each record. What only
    integrity_check adds is that every index agrees with its table; the copy's indexes were
    just built from its tables by VACUUM INTO and changed since only through SQLite, so that
    full comparison (about as long as the copy itself) is left out."""
    header = connection.read_header(path)
    db = connection.connect(path, read_only=True)
    try:
        connection.verify(db, path.name, header.user_version, quick_check=True)
    finally:
        db.close()


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
