"""Merging a colleague's copy (THEIRS) into this project file (MINE), row by row, field by field.

Rows are matched by uuid; sources also by their text hash (the same article imported on both
sides becomes one source, and THEIRS' excerpts are re-pointed to it); actors and instruments
also by name; cells by their actor and instrument. Each field is merged three-way with the
revision graph (see revisions.py): the side that changed it since the copies parted wins, and
two different changes become a dispute that keeps both values. A row deleted on one side and
changed on the other is a dispute too, and the changed row stays. Evidence links merge as sets.

THEIRS is opened read-only through the safe open; MINE is backed up first and changed in one
transaction, so a merge that stops half-way leaves MINE as it was. A dry run makes the same
changes and rolls them back.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from workbench.store import connection, location
from workbench.store.errors import DamagedProject, NewerVersion, ProjectError
from workbench.store.merge_apply import Merger as _Merger
from workbench.store.merge_apply import add_sentences
from workbench.store.merge_report import FieldChange, MergeReport, describe, kept_rows
from workbench.store.merge_side import read
from workbench.store.project import Project
from workbench.store.schema import SCHEMA_VERSION

# What other modules take from here; each is made in the module named by its role.
__all__ = ["FieldChange", "MergeRefused", "MergeReport", "add_sentences", "backup", "describe",
           "kept_rows", "merge"]


class MergeRefused(ProjectError):
    """The merge was not made; MINE is unchanged."""


def merge(mine: Project, theirs_path: Path | str, *, dry_run: bool = False) -> MergeReport:
    """Merge the project file at *theirs_path* into the open project *mine*."""
    theirs_path = Path(theirs_path)
    if mine.read_only:
        raise MergeRefused(f"{mine.path.name} cannot be changed ({mine.read_only_reason}), "
                           "so nothing can be merged into it.")
    try:
        same = theirs_path.exists() and os.path.samefile(theirs_path, mine.path)
    except OSError:
        same = False
    if same:
        raise MergeRefused(f"{theirs_path.name} is this project itself; choose a colleague's copy.")
    header = connection.read_header(theirs_path)
    if header.user_version > SCHEMA_VERSION:
        raise NewerVersion(f"{connection.newer_version_message(theirs_path.name, header.user_version)}; "
                           "update the workbench to merge it.")
    theirs = Project.open(theirs_path, read_only=True)
    try:
        if getattr(theirs, "damage", None):  # values of the wrong shape: never merged as mended
            raise DamagedProject(
                f"{theirs_path.name} holds values this workbench does not accept ({theirs.damage[0]}); "
                "ask for a new copy, or merge a repaired copy (`workbench repair`).")
        theirs.db.execute("BEGIN")  # one consistent snapshot of THEIRS
        try:
            their_side = read(theirs.db, theirs_path.name, check=True)
            mine_uuid = mine.db.execute("SELECT uuid FROM project LIMIT 1").fetchone()
            if mine_uuid is None or their_side.project_uuid != mine_uuid[0]:
                raise MergeRefused(
                    f"{theirs_path.name} is a different project (“{theirs.name}”), not a copy of "
                    f"{mine.path.name}; only copies of the same project can be merged.")
            report = MergeReport(mine.path.name, theirs_path.name, dry_run)
            if not dry_run:
                report.backup = backup(mine)
            try:
                with mine.transaction():
                    mine_side = read(mine.db, mine.path.name, check=False)
                    _Merger(mine, mine_side, theirs, their_side, report).run()
                    if dry_run:
                        raise _DryRun
            except _DryRun:
                pass
            except BaseException as e:
                if report.backup is not None:  # MINE is as it was: its copy is not needed
                    report.backup.unlink(missing_ok=True)
                if isinstance(e, sqlite3.IntegrityError):
                    raise DamagedProject(f"{theirs_path.name} holds rows that do not fit together "
                                         f"({e}); nothing was merged.") from None
                raise
            if report.backup is not None and not report.changed:
                report.backup.unlink()  # nothing changed: the file is its own backup
                report.backup = None
        finally:
            theirs.db.execute("ROLLBACK")
    finally:
        theirs.close()
    return report


class _DryRun(Exception):
    """Raised inside the merge transaction of a dry run, so that it rolls back."""


def backup(project: Project) -> Path:
    """A copy of the project beside it, made before a merge changes it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = project.path.stem[:120]
    target = project.path.with_name(f"{stem}.before-merge-{stamp}{project.path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = project.path.with_name(f"{stem}.before-merge-{stamp}-{n}{project.path.suffix}")
    tmp = target.with_name(target.name + ".tmp")
    for path in (target, tmp):  # a link planted under that name must not lead to the project
        location.refuse_if_project(path, project.path)
    dest = sqlite3.connect(tmp)
    try:
        project.db.backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)
    return target

