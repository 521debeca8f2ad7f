"""A repaired copy of a project whose values are wrong: mend what can be mended, drop the rest.

The file itself is never changed. The copy is made with VACUUM INTO, mended row by row on a
connection of its own, its search indexes rebuilt, checked again, and only then put in place
(atomically, like "Share a copy"). Every change is named in the returned lines.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from workbench.store import connection, location, sentences, trust, validate
from workbench.store.errors import ProjectError

# Integer columns whose wrong value makes the whole row meaningless: the row is dropped.
_ROW_KEYS = {"actor_id", "instrument_id", "source_id", "cell_id", "excerpt_id", "start", "end"}
# Defaults for the other integer columns and for values outside their scale.
_DEFAULTS: dict[tuple[str, str], object] = {
    ("excerpt", "credibility"): 6,
    ("brief", "include_evidence"): 1,
    ("brief", "include_sources"): 1,
    ("source", "reliability"): "F",
    ("brief", "group_by"): "actor",
    ("cell", "likelihood"): "",
    ("cell", "confidence"): "",
    ("cell", "priority"): "",
}


class RepairError(ProjectError):
    """The repaired copy could not be made; nothing was written."""


def mend(db: sqlite3.Connection) -> list[str]:
    """Mend or drop every wrong value in the (scratch) file behind *db*; say what was done.

    Runs in one transaction; foreign keys are off meanwhile, since dangling rows are what is
    being removed."""
    db.execute("PRAGMA foreign_keys = OFF")
    done: list[str] = []
    problems = validate.find(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        texts_changed: set[int] = set()
        rows: list[tuple[str, int, str]] = []  # (table, row id, what was done)
        # Sources whose sentence spans are wrong lose them all first, so that the ids given
        # when they are split again follow only sound ones.
        resplit = sorted({p.row_id for p in problems if p.table == validate.SPANS})
        for source_id in resplit:
            db.execute(f"DELETE FROM {validate.SPANS} WHERE source_id = ?", (source_id,))
        for p in problems:
            rows += _mend_one(db, p, texts_changed)
        for source_id in sorted(texts_changed):
            _reanchor_source(db, source_id)
        for source_id in resplit:
            if source_id not in texts_changed and db.execute(
                    "SELECT 1 FROM source WHERE id = ?", (source_id,)).fetchone():
                sentences.index_source(db, source_id)
        done += _grouped(rows)
        spans_before = db.execute(f"SELECT count(*) FROM {validate.SPANS}").fetchone()[0]
        done += _drop_dangling(db)
        spans_dropped = db.execute(f"SELECT count(*) FROM {validate.SPANS}").fetchone()[0] < spans_before
        # The index names sentences by id and finds their source through the span rows: once
        # a source is split anew or its span row goes, its old rows can no longer be found to
        # be dropped, so the whole index goes (the finder builds it again when next used).
        if resplit or texts_changed or spans_dropped or any(p.table in validate.CACHES for p in problems):
            for table in validate.CACHE_TABLES:
                db.execute(f"DELETE FROM {table}")
            done.append("emptied the evidence index (it is built again when next used)")
        done += _fill_matrix(db)
        for table in ("source_fts", "sentence_fts"):
            _rebuild_index(db, table)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    if any(p.kind == "index" for p in problems):
        done.append("rebuilt the full-text search index")
    return done


def _grouped(rows: list[tuple[str, int, str]]) -> list[str]:
    """One line per kind of change, naming a few rows and counting the rest."""
    groups: dict[tuple[str, str], list[int]] = {}
    for table, row_id, what in rows:
        groups.setdefault((table, what), []).append(row_id)
    out = []
    for (table, what), ids in groups.items():
        shown = ", ".join(map(str, ids[:validate.MAX_LISTED]))
        more = f" and {len(ids) - validate.MAX_LISTED} more" if len(ids) > validate.MAX_LISTED else ""
        out.append(f"{table} {shown}{more}: {what}")
    return out


def _mend_one(db: sqlite3.Connection, p: validate.Problem, texts_changed: set[int]) -> list[tuple[str, int, str]]:
    table, row_id, column = p.table, p.row_id, p.column
    if table == validate.SPANS:  # emptied and split again by mend()
        return [(table, row_id, f"sentences split again ({column} {p.text})")]
    where = f'"{table}" WHERE rowid = ?'
    if p.kind in ("encoding", "type"):
        decl = _declared(db, table, column)
        if decl == "TEXT":
            raw = db.execute(f'SELECT CAST("{column}" AS BLOB) FROM {where}', (row_id,)).fetchone()
            value = connection.decode_text(raw[0]) if raw and raw[0] is not None else None
            if value is None and (table, column) not in validate.JSON_OR_NULL:
                value = ""
            if not _set(db, table, column, value, row_id):
                return []
            if table == "source" and column == "text":
                texts_changed.add(row_id)
            return [(table, row_id, f"{column} mended ({p.text})")]
        if column in _ROW_KEYS:
            return _drop(db, table, row_id, f"{column} {p.text}")
        number = db.execute(f'SELECT CAST("{column}" AS INTEGER) FROM {where}', (row_id,)).fetchone()
        value = _DEFAULTS.get((table, column), number[0] if number else 0)
        if not _set(db, table, column, value, row_id):
            return []
        return [(table, row_id, f"{column} set to {value} (it {p.text})")]
    if p.kind == "json":
        value = None if (table, column) in validate.JSON_OR_NULL else "[]"
        if not _set(db, table, column, value, row_id):
            return []
        return [(table, row_id, f"{column} emptied (it {p.text})")]
    if p.kind == "enum":
        if (table, column) == ("cell", "status"):
            value: object = _status_for(db, row_id)
        else:
            value = _DEFAULTS.get((table, column), "")
        if not _set(db, table, column, value, row_id):
            return []
        return [(table, row_id, f"{column} set to {value!r} (it {p.text.split(' (')[0]})")]
    if p.kind == "offset":
        return _drop(db, table, row_id, p.text)
    return []  # references and the matrix are handled once for all rows below


def _rebuild_index(db: sqlite3.Connection, table: str) -> None:
    """Rebuild a full-text index from its content table, whatever state its own rows are in.

    FTS5's 'rebuild' needs the table's structure and version records to be readable (without
    them even DROP TABLE fails), so its shadow tables are first reset to those of a new, empty
    index. Shadow tables are read-only in defensive mode: it is lifted for this step only, on
    the scratch copy, whose schema was checked to be exactly ours."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    if sql is None:
        return
    shadows = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?, ?)",
        tuple(f"{table}_{s}" for s in ("data", "idx", "docsize", "config")))]
    fresh = sqlite3.connect(":memory:")
    try:
        fresh.execute(sql[0])
        empty = {name: fresh.execute(f'SELECT * FROM "{name}"').fetchall() for name in shadows}
    finally:
        fresh.close()
    db.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, False)
    try:
        for name, rows in empty.items():
            db.execute(f'DELETE FROM "{name}"')
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
    finally:
        db.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    if table == "sentence_fts":
        # Contentless ('rebuild' is refused): emptied by FTS5 itself, which also drops what it
        # kept in memory of the old structure, then filled again from the sentences' spans.
        db.execute("INSERT INTO sentence_fts (sentence_fts) VALUES ('delete-all')")
        db.executemany("INSERT INTO sentence_fts (rowid, text) VALUES (?, ?)", sentences.index_entries(db))
    else:
        db.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")


def _set(db: sqlite3.Connection, table: str, column: str, value: object, row_id: int) -> bool:
    """Set one value; False if the row is gone (dropped by an earlier repair)."""
    return db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, row_id)).rowcount > 0


def _declared(db: sqlite3.Connection, table: str, column: str) -> str:
    for r in db.execute(f'PRAGMA table_info("{table}")'):
        if r[1] == column:
            return (r[2] or "").upper()
    return ""


def _status_for(db: sqlite3.Connection, cell_id: int) -> str:
    r = db.execute("SELECT posture != '' OR options != '' OR likelihood != '' OR confidence != ''"
                   " OR EXISTS (SELECT 1 FROM cell_excerpt WHERE cell_id = cell.id)"
                   " FROM cell WHERE id = ?", (cell_id,)).fetchone()
    return "draft" if r and r[0] else "empty"


def _drop(db: sqlite3.Connection, table: str, row_id: int, why: str) -> list[tuple[str, int, str]]:
    if db.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (row_id,)).rowcount:
        return [(table, row_id, f"removed ({why})")]
    return []


def _reanchor_source(db: sqlite3.Connection, source_id: int) -> None:
    """A source whose text was mended gets a fresh hash and sentence index."""
    import hashlib

    r = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
    if r is None:
        return
    digest = hashlib.sha256(r[0].encode("utf-8")).hexdigest()
    clash = db.execute("SELECT 1 FROM source WHERE sha256 = ? AND id != ?", (digest, source_id)).fetchone()
    if not clash:
        db.execute("UPDATE source SET sha256 = ? WHERE id = ?", (digest, source_id))
    db.execute("DELETE FROM sentence_span WHERE source_id = ?", (source_id,))
    sentences.index_source(db, source_id)


# Rows that lose their meaning when what they point at is gone, parents first.
_DANGLING = (
    ("cell", "actor_id NOT IN (SELECT id FROM actor) OR instrument_id NOT IN (SELECT id FROM instrument)",
     "its actor or instrument does not exist"),
    ("excerpt", "source_id NOT IN (SELECT id FROM source) OR NOT (start >= 0 AND \"end\" > start AND"
     " \"end\" <= (SELECT length(text) FROM source s WHERE s.id = excerpt.source_id))",
     "its source or its place in the source does not exist"),
    ("sentence_span", "source_id NOT IN (SELECT id FROM source)", "its source does not exist"),
    ("cell_excerpt", "cell_id NOT IN (SELECT id FROM cell) OR excerpt_id NOT IN (SELECT id FROM excerpt)",
     "its cell or excerpt does not exist"),
    ("excerpt", "id NOT IN (SELECT excerpt_id FROM cell_excerpt)", "no cell cites it any more"),
)


def _drop_dangling(db: sqlite3.Connection) -> list[str]:
    done = []
    for table, condition, why in _DANGLING:
        ids = [r[0] for r in db.execute(f"SELECT rowid FROM {table} WHERE {condition}")]
        db.execute(f"DELETE FROM {table} WHERE {condition}")
        if ids:
            shown = ", ".join(map(str, ids[:validate.MAX_LISTED]))
            more = f" and {len(ids) - validate.MAX_LISTED} more" if len(ids) > validate.MAX_LISTED else ""
            done.append(f"{table} {shown}{more}: removed ({why})")
    return done


def _fill_matrix(db: sqlite3.Connection) -> list[str]:
    """Every actor x instrument has a cell: add empty ones where they are missing."""
    from workbench.store.lock import current_user
    from workbench.store.project import new_uuid, now

    missing = db.execute("SELECT a.id, i.id FROM actor a CROSS JOIN instrument i WHERE NOT EXISTS"
                         " (SELECT 1 FROM cell c WHERE c.actor_id = a.id AND c.instrument_id = i.id)").fetchall()
    for actor_id, instrument_id in missing:
        db.execute("INSERT INTO cell (actor_id, instrument_id, uuid, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)",
                   (actor_id, instrument_id, new_uuid(), now(), current_user()))
    return [f"added {len(missing)} empty cell(s) missing from the matrix"] if missing else []


def copy_to_scratch(db: sqlite3.Connection) -> Path:
    """VACUUM INTO a new private temporary folder; returns the copy's path."""
    folder = Path(tempfile.mkdtemp(prefix="workbench-repair-"))
    scratch = folder / "repaired.pbw"
    try:
        db.execute("VACUUM INTO ?", (str(scratch),))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return scratch


def mended_scratch(db: sqlite3.Connection) -> tuple[sqlite3.Connection, Path, list[str]]:
    """A mended copy of the file behind *db* in a temporary folder, opened for reading and
    writing by the caller (the file itself is not touched). Closes *db*."""
    scratch = copy_to_scratch(db)
    db.close()
    try:
        copy = connection.connect(scratch, read_only=False)
        copy.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to protect
        done = mend(copy)
    except BaseException:
        shutil.rmtree(scratch.parent, ignore_errors=True)
        raise
    return copy, scratch, done


def save_repaired_copy(source: Path | str, target: Path | str) -> list[str]:
    """Write a mended copy of the project *source* to *target*; say what was mended.

    *target* must not be *source* (nor a link to it). Raises RepairError when the file is not
    a project SQLite can read at all (such a file is refused by `Project.open` already)."""
    source, target = Path(source), Path(target)
    location.refuse_if_project(target, source)
    if not target.parent.is_dir():
        raise RepairError(f"The folder {target.parent} does not exist.")
    header = connection.read_header(source)
    db = connection.connect(source, read_only=True)
    try:
        connection.verify(db, source.name, header.user_version)
    except BaseException:
        db.close()
        raise
    copy, scratch, done = mended_scratch(db)
    try:
        left = validate.find(copy, fts_writable=True)
        copy.execute("VACUUM")
        copy.close()
        if left:
            raise RepairError(f"{source.name} could not be fully repaired: "
                              + "; ".join(validate.describe(left)[:3]) + ".")
        location.clean_leftovers(target.parent)
        tmp = target.with_name(f"{location.TEMP_PREFIX}{os.getpid()}-{target.name[:40]}.tmp")
        shutil.copyfile(scratch, tmp)
        try:
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        trust.remember_good(target)  # checked value by value here: opening it needs no second check
    except OSError as e:
        raise RepairError(f"The repaired copy could not be written to {target.name} ({e.strerror or e}).") from None
    finally:
        shutil.rmtree(scratch.parent, ignore_errors=True)
    return done


# Why a project with wrong values opens read-only (the window offers a repaired copy).
DAMAGED_REASON = "some of its values are wrong; save a repaired copy to change it"


def screen(db: sqlite3.Connection, scratch: Path | None) -> tuple[sqlite3.Connection, Path | None, list[str]]:
    """Validate a file this computer has not vouched for, before anything reads its values.

    Returns the connection to read through, its scratch copy (if any) and the plain-words
    problems. A sound file comes back as it was. A file with wrong values is read through a
    mended scratch copy instead, so that nothing downstream meets a value of the wrong
    shape; the file itself stays as it was (the caller opens it read-only)."""
    problems = validate.find(db)
    if not problems:
        return db, scratch, []
    copy, repaired, _done = mended_scratch(db)
    if scratch is not None:  # an upgraded copy of an older file: replaced by the mended one
        shutil.rmtree(scratch.parent, ignore_errors=True)
    return copy, repaired, validate.describe(problems)
