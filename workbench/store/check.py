"""`check`: is a project file sound? Integrity, schema and orphan report (Anki's "Check")."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from dataclasses import dataclass, field

from workbench.store import connection, validate
from workbench.store.project import Project
from workbench.store.schema import SCHEMA_VERSION


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    facts: dict[str, int | str] = field(default_factory=dict)
    cancelled: bool = False  # stopped when asked: the report is incomplete

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [f"{k}: {v}" for k, v in self.facts.items()]
        out += [f"problem: {p}" for p in self.problems] or ["no problems found"]
        return out


def _count(db: sqlite3.Connection, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])


def check(project: Project, progress=None) -> CheckReport:
    """Run every check on an open project and return the report (changes nothing).

    A project opened through a mended copy (its values were wrong) is checked as the file
    itself is, on a connection of its own.

    *progress(done, total, text)* may answer False to cancel: the check then stops at once
    (even inside SQLite's integrity check) and returns a report marked `cancelled`."""
    if project.damage:
        db = connection.connect(project.path, read_only=True)
        try:
            return _cancellable(db, project.path.name, True, progress)
        finally:
            db.close()
    return _cancellable(project.db, project.path.name, project.read_only, progress)


class _Cancelled(Exception):
    pass


def _cancellable(db: sqlite3.Connection, name: str, read_only: bool, progress) -> CheckReport:
    report = CheckReport()
    cancel: dict = {"asked": False, "last": (0, 6, "integrity"), "at": time.monotonic()}

    def stop_asked() -> int:
        # SQLite calls this every so many steps of a long statement; non-zero interrupts it.
        # Ask the caller again at most five times a second.
        if progress and not cancel["asked"] and time.monotonic() - cancel["at"] > 0.2:
            cancel["at"] = time.monotonic()
            if progress(*cancel["last"]) is False:
                cancel["asked"] = True
        return int(cancel["asked"])

    db.set_progress_handler(stop_asked, 20_000)
    try:
        _check(db, name, read_only, progress, report, cancel)
    except _Cancelled:
        report.cancelled = True
    except sqlite3.OperationalError as e:
        if not cancel["asked"] or (getattr(e, "sqlite_errorcode", 0) & 0xFF) != sqlite3.SQLITE_INTERRUPT:
            raise
        report.cancelled = True
    except sqlite3.DatabaseError as e:
        # Pages quick_check does not read (index content) can still be damaged.
        report.problems.append(f"SQLite could not read all of {name} ({e}); it is damaged")
    finally:
        db.set_progress_handler(None, 0)
    return report


def _check(db: sqlite3.Connection, name: str, read_only: bool, progress, report: CheckReport,
           cancel: dict) -> None:
    steps = 6

    def step(n: int, what: str) -> None:
        cancel["last"] = (n, steps, what)
        if progress and progress(n, steps, what) is False:
            cancel["asked"] = True
        if cancel["asked"]:
            raise _Cancelled

    step(0, "integrity")
    integrity = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        report.problems += [f"SQLite integrity: {m}" for m in integrity[:20]]
    step(1, "schema")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    report.facts["schema version"] = version
    if version > SCHEMA_VERSION:
        report.facts["note"] = "made by a newer version: only what this version knows was checked"
    elif version != SCHEMA_VERSION:
        report.problems.append(f"schema version is {version}, expected {SCHEMA_VERSION}")
    if not read_only and app_id != connection.APPLICATION_ID:
        report.problems.append("the file does not carry the workbench's application id")
    try:
        connection.verify(db, name, version)
    except Exception as e:  # verify raises ProjectError with a plain message
        report.problems.append(str(e))
    journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    if journal.lower() == "wal":
        report.problems.append("the file is in WAL mode; copies of it can lose data")
    step(2, "values")
    # Each wrong value by name: text that is not UTF-8, wrong types, JSON, scales, references,
    # offsets, the search index (FTS5's own check where the connection may run it).
    report.problems += validate.describe(validate.find(db, fts_writable=not read_only))
    step(3, "sources")
    bad_hash = 0
    # One source's text at a time: a large project's texts do not fit in memory at once.
    # (Sentences keep no text of their own: the values check finds spans outside their source
    # and a sentence index out of step with the spans.)
    for (source_id,) in db.execute("SELECT id FROM source WHERE typeof(text) != 'null'").fetchall():
        if source_id % 100 == 0:
            step(3, f"sources (up to #{source_id:,})")
        text, digest = db.execute("SELECT CAST(text AS TEXT), sha256 FROM source WHERE id = ?",
                                  (source_id,)).fetchone()
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            bad_hash += 1
    if bad_hash:
        report.problems.append(f"{bad_hash} source text(s) no longer match their recorded hash")
    unsplit = _count(db, "SELECT count(*) FROM source s WHERE length(s.text) > 0 AND NOT EXISTS"
                         " (SELECT 1 FROM sentence_span t WHERE t.source_id = s.id)")
    if unsplit:
        report.problems.append(f"{unsplit} source(s) have no sentence index")
    step(4, "matrix")
    actors = _count(db, "SELECT count(*) FROM actor")
    instruments = _count(db, "SELECT count(*) FROM instrument")
    cells = _count(db, "SELECT count(*) FROM cell")
    if cells != actors * instruments:
        report.problems.append(f"{cells} cells for {actors} actors x {instruments} instruments")
    step(5, "evidence")
    unlinked = _count(db, "SELECT count(*) FROM excerpt e WHERE NOT EXISTS"
                          " (SELECT 1 FROM cell_excerpt ce WHERE ce.excerpt_id = e.id)")
    if unlinked:
        report.problems.append(f"{unlinked} excerpt(s) are cited by no cell")
    # SQLite's substr() ends a text at a NUL, which another program may have written into one:
    # what it flags is compared again as the store reads the text.
    moved = sum(1 for text, start, end, quote in db.execute(
        'SELECT s.text, e.start, e."end", e.quote FROM excerpt e JOIN source s ON s.id = e.source_id'
        ' WHERE substr(s.text, e.start + 1, e."end" - e.start) != e.quote')
        if not (isinstance(text, str) and isinstance(start, int) and isinstance(end, int) and text[start:end] == quote))
    if moved:
        report.problems.append(f"{moved} excerpt(s) no longer match their place in the source")
    report.facts.update({
        "sources": _count(db, "SELECT count(*) FROM source"),
        "actors": actors,
        "instruments": instruments,
        "cells with content": _count(db, "SELECT count(*) FROM cell WHERE status != 'empty'"),
        "excerpts": _count(db, "SELECT count(*) FROM excerpt"),
        "briefs": _count(db, "SELECT count(*) FROM brief"),
    })
    step(6, "done")
