"""Content validation: does every value in a project file have the shape the store expects?

`verify` and `quick_check` prove that a file is a sound SQLite file with exactly our schema.
They say nothing about the values: a file edited by another tool, hand-edited in `sqlite3`
or hit by a flipped bit can hold bytes that are not UTF-8, a BLOB where text belongs, JSON
garbage, rows pointing at nothing or offsets past the end of their text. This module finds
each such value and names it in plain words; `repair` mends or drops them in a copy.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from workbench.domain import scales
from workbench.store import evidence_pack, sentences
from workbench.store.connection import known_columns

# Columns holding a JSON list of strings, and columns holding JSON or NULL.
JSON_LISTS = {("actor", "aliases"), ("instrument", "terms"), ("brief", "actors"), ("brief", "instruments")}
JSON_OR_NULL = {("change_log", "before"), ("change_log", "after")}

# Columns whose values come from a fixed scale ('' allowed where the scale allows it).
ENUMS: dict[tuple[str, str], tuple[object, ...]] = {
    ("cell", "likelihood"): ("", *scales.LIKELIHOOD),
    ("cell", "confidence"): ("", *scales.CONFIDENCE),
    ("cell", "priority"): ("", *scales.PRIORITY),
    ("cell", "status"): scales.STATUS,
    ("source", "reliability"): tuple(scales.RELIABILITY),
    ("excerpt", "credibility"): tuple(scales.CREDIBILITY),
    ("brief", "group_by"): ("actor", "instrument"),
    ("brief", "include_evidence"): (0, 1),
    ("brief", "include_sources"): (0, 1),
}

# Rows anchored by character offsets into their source's text (the sentences' packed spans
# are read by `_spans`).
ANCHORED = ("excerpt",)
SPANS = "sentence_span"

# The evidence index's packed blocks, which the finder can always compute again: one wrong
# value condemns them all.
CACHES = ("evidence_block",)
# The evidence index's tables, emptied together when one of them holds a wrong value.
CACHE_TABLES = ("evidence_block", "evidence_source", "evidence_state")

# More rows than this of one kind are counted, not listed one by one.
MAX_LISTED = 5


@dataclass(frozen=True)
class Problem:
    """One wrong value: where it is, what kind of wrong, and the sentence that says so."""

    table: str
    row_id: int
    column: str
    kind: str  # encoding, type, json, enum, reference, offset, matrix, index (full-text), cache (evidence index)
    text: str


def bad_utf8(raw: object) -> int:
    """SQL function: 1 if *raw* (a text value cast to BLOB) is not valid UTF-8."""
    if not isinstance(raw, bytes) or raw.isascii():
        return 0
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return 0


def json_list(text: object) -> tuple[str, ...] | None:
    """A JSON list of strings as a tuple, or None if *text* is anything else.

    Never raises: garbage, the wrong shape and nesting deep enough to exhaust the parser's
    recursion (a 10,000-deep array) all give None."""
    if not isinstance(text, str) or not text.lstrip().startswith("["):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(value)


def json_or_none(text: object) -> bool:
    """Whether *text* is NULL or JSON that parses (change-log values)."""
    if text is None:
        return True
    if not isinstance(text, str):
        return False
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def columns(db: sqlite3.Connection) -> dict[str, list[tuple[str, str, bool]]]:
    """(name, declared type, NOT NULL) of each column of our tables as the file has them."""
    out: dict[str, list[tuple[str, str, bool]]] = {}
    for table, names in known_columns().items():
        if table.endswith("_fts") or "_fts_" in table:
            continue
        info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
        out[table] = [(r[1], (r[2] or "").upper(), bool(r[3])) for r in info if r[1] in names]
    return out


# What the window reads whole as it opens a project: the matrix, the evidence cited in it and
# the disputes it marks. Their size is the analysts' own work, not the corpus, so screening
# them takes milliseconds even at 100,000 sources: a file opened before its check
# (`Project.open(check_later=True)`) never hands the first paint a value of the wrong shape.
# The corpus-sized rest (sources, sentences, logs, the search index) is screened in the
# background by `received.check`.
OPENING_TABLES = frozenset({"project", "actor", "instrument", "cell", "excerpt", "cell_excerpt", "dispute"})


def find(db: sqlite3.Connection, *, fts_writable: bool = False,
         tables: frozenset[str] | None = None) -> list[Problem]:
    """Every wrong value in the file behind *db* (which is only read).

    *fts_writable*: the connection may run FTS5's 'integrity-check' command (it is an INSERT,
    refused on a read-only connection); otherwise the full-text tables are only probed.
    *tables*: only the values of these tables (the full-text index is then left out)."""
    db.create_function("workbench_bad_utf8", 1, bad_utf8, deterministic=True)
    problems: list[Problem] = []
    cols = {t: info for t, info in columns(db).items() if tables is None or t in tables}
    for table, info in cols.items():
        problems += _column_types(db, table, info)
    problems += _json(db, cols)
    problems += _enums(db, cols)
    problems += _references(db, None if tables is None else list(cols))
    problems += _offsets(db, tuple(t for t in ANCHORED if t in cols))
    if SPANS in cols:
        problems += _spans(db)
    if CACHES[0] in cols and not any(p.table in CACHES for p in problems):
        problems += _packed(db)
    if "cell" in cols:
        problems += _matrix(db)
    if tables is None:
        problems += _fts(db, fts_writable)
    return problems


def _column_types(db: sqlite3.Connection, table: str, info: list[tuple[str, str, bool]]) -> list[Problem]:
    # One pass over the table finds the rows with any wrong value; only those are looked at
    # column by column (a table of a million sentences is read once, not once per column).
    checks: list[tuple[str, str, str]] = []  # (column, allowed storage type, SQL condition)
    for name, decl, notnull in info:
        allowed = {"TEXT": "text", "INTEGER": "integer"}.get(decl)
        if allowed is None:
            continue
        wrong = f"""(typeof("{name}") != '{allowed}'""" + ("" if notnull else f""" AND typeof("{name}") != 'null'""") + ")"
        if allowed == "text":
            wrong = f"""({wrong} OR (typeof("{name}") = 'text' AND workbench_bad_utf8(CAST("{name}" AS BLOB))))"""
        checks.append((name, allowed, wrong))
    if not checks:
        return []
    if table in CACHES:
        # One wrong value condemns the cache, which is rebuilt.
        if db.execute(f'SELECT 1 FROM "{table}" WHERE ' + " OR ".join(c[2] for c in checks) + " LIMIT 1").fetchone():
            return [Problem(table, 0, "", "cache", "the evidence index holds values of the wrong kind")]
        return []
    rows = [r[0] for r in db.execute(f'SELECT rowid FROM "{table}" WHERE ' + " OR ".join(c[2] for c in checks))]
    out: list[Problem] = []
    for name, allowed, wrong in checks:
        for start in range(0, len(rows), 500):
            ids = rows[start:start + 500]
            marks = ", ".join("?" * len(ids))
            sql = f'SELECT rowid, typeof("{name}") FROM "{table}" WHERE rowid IN ({marks}) AND {wrong}'
            for row_id, kind in db.execute(sql, ids):
                out.append(_type_problem(table, row_id, name, allowed, kind))
    return out


def _packed(db: sqlite3.Connection) -> list[Problem]:
    """Each packed block of the evidence index reads as one (sizes, runs and order)."""
    for block, blob in db.execute(f"SELECT block, entries FROM {CACHES[0]}"):
        if evidence_pack.unpack(block, blob, thorough=True) is None:
            return [Problem(CACHES[0], 0, "entries", "cache", "the evidence index holds a packed block that cannot be read")]
    return []


def _type_problem(table: str, row_id: int, name: str, allowed: str, kind: str) -> Problem:
    if kind == "text" and allowed == "text":
        return Problem(table, row_id, name, "encoding", "the text is not valid UTF-8")
    what = {"null": "nothing (NULL)", "blob": "binary data", "real": "a decimal number",
            "integer": "a number", "text": "text"}.get(kind, kind)
    expected = "text" if allowed == "text" else "a whole number"
    return Problem(table, row_id, name, "type", f"holds {what} where {expected} belongs")


def _json(db: sqlite3.Connection, cols: dict[str, list[tuple[str, str, bool]]]) -> list[Problem]:
    out: list[Problem] = []
    for table, column in sorted(c for c in JSON_LISTS if c[0] in cols):
        for row_id, value in db.execute(f'SELECT rowid, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\''):
            if json_list(value) is None:
                out.append(Problem(table, row_id, column, "json", "is not a list of names (JSON)"))
    for table, column in sorted(c for c in JSON_OR_NULL if c[0] in cols):
        for row_id, value in db.execute(
            f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND'
            f' (typeof("{column}") != \'text\' OR NOT json_valid("{column}"))'
        ):
            if not json_or_none(value):
                out.append(Problem(table, row_id, column, "json", "is not valid JSON"))
    return out


def _enums(db: sqlite3.Connection, cols: dict[str, list[tuple[str, str, bool]]]) -> list[Problem]:
    out: list[Problem] = []
    for (table, column), allowed in ENUMS.items():
        if column not in {c[0] for c in cols.get(table, [])}:
            continue
        marks = ", ".join("?" * len(allowed))
        sql = (f'SELECT rowid FROM "{table}" WHERE typeof("{column}") IN (\'text\', \'integer\')'
               f' AND "{column}" NOT IN ({marks})')
        for (row_id,) in db.execute(sql, allowed):
            shown = ", ".join(repr(a) if a == "" else str(a) for a in allowed)
            out.append(Problem(table, row_id, column, "enum", f"holds a value outside its scale ({shown})"))
    return out


def _references(db: sqlite3.Connection, tables: list[str] | None = None) -> list[Problem]:
    out: list[Problem] = []
    found = (db.execute("PRAGMA foreign_key_check").fetchall() if tables is None else
             [r for t in tables for r in db.execute(f'PRAGMA foreign_key_check("{t}")').fetchall()])
    for table, row_id, parent, fk in found:
        column = next((r[3] for r in db.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fk), parent)
        out.append(Problem(table, row_id or 0, column, "reference", f"points at a row of {parent} that does not exist"))
    return out


def _offsets(db: sqlite3.Connection, tables: tuple[str, ...] = ANCHORED) -> list[Problem]:
    out: list[Problem] = []
    for table in tables:
        # Each source's length once, not once per sentence (length() walks the whole text).
        sql = (f'WITH len(id, n) AS MATERIALIZED (SELECT id, length(text) FROM source'
               f' WHERE id IN (SELECT source_id FROM "{table}"))'
               f' SELECT x.rowid FROM "{table}" x JOIN len ON len.id = x.source_id'
               " WHERE typeof(x.start) = 'integer' AND typeof(x.\"end\") = 'integer'"
               " AND NOT (x.start >= 0 AND x.\"end\" > x.start AND x.\"end\" <= len.n)")
        for (row_id,) in db.execute(sql):
            start, end, text = db.execute(f'SELECT x.start, x."end", (SELECT s.text FROM source s WHERE s.id ='
                                          f' x.source_id) FROM "{table}" x WHERE x.rowid = ?', (row_id,)).fetchone()
            if not (0 <= start < end <= _true_length(text)):
                out.append(Problem(table, row_id, "start", "offset", "its place lies outside its source's text"))
    return out


def _true_length(text: object) -> int:
    """A text's length as the store reads it. SQLite's length() stops at a NUL character, which
    a text written by another program may hold: a place past one is checked again with this."""
    return len(text) if isinstance(text, str) else 0


def _spans(db: sqlite3.Connection) -> list[Problem]:
    """Each source's packed spans: readable, as many as its id range says, inside its text;
    and no two sources' id ranges overlap (a sentence id names one sentence)."""
    out: list[Problem] = []
    previous_last = 0
    rows = db.execute(f"SELECT source_id, first_id, last_id, spans, (SELECT length(text) FROM source s"
                      f" WHERE s.id = sp.source_id) FROM {SPANS} sp ORDER BY first_id")
    for source_id, first, last, blob, length in rows:
        if not (isinstance(first, int) and isinstance(last, int)):
            continue  # named by the type check
        spans = sentences.unpack(blob)
        if not 0 < first <= last < 2**53:
            why = ("first_id", "its sentence ids are out of range")
        elif spans is None or len(spans) != last - first + 1:
            why = ("spans", "its sentence spans cannot be read")
        elif isinstance(length, int) and not all(0 <= s < e <= length for s, e in spans) and not all(
                0 <= s < e <= _true_length(db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()[0])
                for s, e in spans):
            why = ("spans", "a sentence lies outside its source's text")
        elif first <= previous_last:
            why = ("first_id", "its sentence ids are those of another source's sentences")
        else:
            previous_last = last
            continue
        out.append(Problem(SPANS, source_id, why[0], "offset", why[1]))
    return out


def _matrix(db: sqlite3.Connection) -> list[Problem]:
    sql = ("SELECT a.id, i.id FROM actor a CROSS JOIN instrument i WHERE NOT EXISTS"
           " (SELECT 1 FROM cell c WHERE c.actor_id = a.id AND c.instrument_id = i.id)")
    return [Problem("cell", 0, f"{a}/{i}", "matrix", f"actor {a} has no cell for instrument {i}")
            for a, i in db.execute(sql)]


def _fts(db: sqlite3.Connection, writable: bool) -> list[Problem]:
    out: list[Problem] = []
    for table in ("source_fts", "sentence_fts"):
        try:
            if writable:
                db.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
            else:  # reading a row and a match loads the index's structure record
                db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH 'a' LIMIT 1").fetchall()
        except sqlite3.DatabaseError as e:
            if "readonly" in str(e).lower():
                continue
            out.append(Problem(table, 0, "", "index", "the full-text search index is damaged"))
    if writable and not out and not sentence_index_in_step(db):
        out.append(Problem("sentence_fts", 0, "", "index",
                           "the sentence search index is out of step with the sentences"))
    return out


# Names of the scratch tables of the check below (in the connection's own temp schema).
_PROBE, _VOCAB, _PROBE_VOCAB = "workbench_sentence_probe", "workbench_sentence_vocab", "workbench_probe_vocab"


def sentence_index_in_step(db: sqlite3.Connection) -> bool:
    """Whether the sentence search index holds exactly the words of the sentences' spans.

    The index is contentless, so FTS5's own integrity check sees only its structure. Here a
    scratch index is built in the temp schema from the spans (the same definition and
    tokenizer) and both are compared term by term: how many sentences hold each term and how
    often. A sentence added, removed or changed without its index entry shows up; so does an
    entry deleted with the wrong words. Reads as much as building the index once."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sentence_fts'").fetchone()
    if sql is None or not sql[0].startswith("CREATE VIRTUAL TABLE sentence_fts "):
        return False
    probe = sql[0].replace("CREATE VIRTUAL TABLE sentence_fts ", f"CREATE VIRTUAL TABLE temp.{_PROBE} ", 1)
    # One savepoint for all of it: row by row in autocommit, FTS5 would write a segment per
    # sentence. Rolled back at the end, so the scratch tables leave nothing behind.
    if not _utf8_header(db):
        # A header naming no text encoding or another one (never ours) makes SQLite refuse the
        # temp schema, and every statement after it: the index cannot be shown to be in step.
        return False
    db.execute("SAVEPOINT workbench_probe")
    try:
        db.execute(probe)
        db.executemany(f"INSERT INTO temp.{_PROBE} (rowid, text) VALUES (?, ?)", sentences.index_entries(db))
        db.execute(f"CREATE VIRTUAL TABLE temp.{_VOCAB} USING fts5vocab(main, sentence_fts, row)")
        db.execute(f"CREATE VIRTUAL TABLE temp.{_PROBE_VOCAB} USING fts5vocab(temp, {_PROBE}, row)")
        differ = db.execute(
            f"SELECT 1 FROM (SELECT term, doc, cnt FROM temp.{_VOCAB} EXCEPT SELECT term, doc, cnt FROM temp.{_PROBE_VOCAB})"
            f" UNION ALL SELECT 1 FROM (SELECT term, doc, cnt FROM temp.{_PROBE_VOCAB}"
            f" EXCEPT SELECT term, doc, cnt FROM temp.{_VOCAB}) LIMIT 1").fetchone()
        return differ is None
    finally:
        db.execute("ROLLBACK TO workbench_probe")
        db.execute("RELEASE workbench_probe")


def _utf8_header(db: sqlite3.Connection) -> bool:
    """Whether the main file's header says its text is UTF-8 (1), as every project's does."""
    path = next((r[2] for r in db.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not path:
        return True  # in memory: made here, with SQLite's own header
    try:
        with open(path, "rb") as f:
            f.seek(56)
            return int.from_bytes(f.read(4), "big") == 1
    except OSError:
        return False


def describe(problems: list[Problem]) -> list[str]:
    """Plain lines naming each problem; many of one kind are counted after a few examples."""
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.table, p.column, p.text), []).append(p)
    lines = []
    for (table, column, text), items in groups.items():
        if items[0].kind in ("matrix", "index", "cache"):
            lines += [f"{table}: {p.text}" for p in items[:MAX_LISTED]]
            if len(items) > MAX_LISTED:
                lines.append(f"{table}: {len(items) - MAX_LISTED} more like that")
            continue
        ids = ", ".join(str(p.row_id) for p in items[:MAX_LISTED])
        more = f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else ""
        lines.append(f"{table} {ids}{more}, {column}: {text}")
    return lines

