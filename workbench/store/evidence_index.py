"""The evidence index's tables and queries (what goes in is decided by evidence/index.py).

- `sentence_evidence`: one row per (sentence, cell) the finder scored: score, direct or only
  related, and `key`, shared by sentences of identical wording (counted once).
- `evidence_source`: the sources whose sentences are in the index, with their uuid, so a
  source replaced under the same id is not taken for indexed.
- `evidence_state`: what the rows were computed with: the finder version and each actor's
  names and instrument's terms, as JSON.

Sentences are added and dropped by store code (sentences.py): dropping or re-splitting a
source's sentences also drops its rows and its mark here, so the index never points at a
sentence that is gone; the finder indexes unmarked sources when it next refreshes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from workbench.store.project import Project

# sentence id, source id, actor id, instrument id, score, direct (0/1), key
Row = tuple[int, int, int, int, float, int, int]
# One candidate, as evidence_queries gives them: sentence id, source id, start, end, text,
# source title, source reliability.
CandidateRow = tuple[int, int, int, int, str, str, str]
_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound values


def forget_source(db: sqlite3.Connection, source_id: int) -> None:
    """Drop a source's rows and mark before its sentences are dropped or split anew."""
    db.execute("DELETE FROM sentence_evidence WHERE source_id = ?", (source_id,))
    db.execute("DELETE FROM evidence_source WHERE source_id = ?", (source_id,))


# -- state --------------------------------------------------------------------------------

def state(project: Project) -> dict[str, str]:
    """The recorded state: 'finder' -> version, 'actor:<id>' / 'instrument:<id>' -> JSON."""
    return {str(k): str(v) for k, v in project.db.execute("SELECT name, value FROM evidence_state")}


def set_state(db: sqlite3.Connection, values: dict[str, str]) -> None:
    """Replace the recorded state by *values*."""
    db.execute("DELETE FROM evidence_state")
    db.executemany("INSERT INTO evidence_state (name, value) VALUES (?, ?)", sorted(values.items()))


def clear(db: sqlite3.Connection) -> None:
    """Empty the index and its state (a rebuild starts here)."""
    for table in ("sentence_evidence", "evidence_source", "evidence_state"):
        db.execute(f"DELETE FROM {table}")


# -- sources ------------------------------------------------------------------------------

def unmarked_sources(project: Project) -> list[int]:
    """Sources whose sentences are not (or no longer) in the index."""
    return [r[0] for r in project.db.execute(
        "SELECT s.id FROM source s LEFT JOIN evidence_source e ON e.source_id = s.id AND e.uuid = s.uuid"
        " WHERE e.source_id IS NULL ORDER BY s.id")]


def stale_marks(project: Project) -> list[int]:
    """Marks of sources that are gone or were replaced under the same id."""
    return [r[0] for r in project.db.execute(
        "SELECT e.source_id FROM evidence_source e LEFT JOIN source s ON s.id = e.source_id AND s.uuid = e.uuid"
        " WHERE s.id IS NULL")]


def all_marked(project: Project) -> bool:
    """Whether every source is marked: a cheap test, as only store code adds marks and every
    mark goes with its source's sentences."""
    sources = project.db.execute("SELECT count(*) FROM source").fetchone()[0]
    marks = project.db.execute("SELECT count(*) FROM evidence_source").fetchone()[0]
    return sources == marks


def source_ids(db: sqlite3.Connection) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM source ORDER BY id")]


def drop_sources(db: sqlite3.Connection, source_ids: Sequence[int]) -> None:
    """Drop the rows and marks of *source_ids* (by the rows' own source column)."""
    for n in range(0, len(source_ids), _CHUNK):
        part = list(source_ids[n:n + _CHUNK])
        marks = ",".join("?" * len(part))
        db.execute(f"DELETE FROM sentence_evidence WHERE source_id IN ({marks})", part)
        db.execute(f"DELETE FROM evidence_source WHERE source_id IN ({marks})", part)


def mark_sources(db: sqlite3.Connection, source_ids: Iterable[int], below: int | None = None) -> None:
    """Mark *source_ids* as indexed (with their current uuid); with *below*, only those whose
    sentences all have ids below it (a source split anew meanwhile is left for later)."""
    ids = list(source_ids)
    extra = "" if below is None else " AND NOT EXISTS (SELECT 1 FROM sentence t WHERE t.source_id = s.id AND t.id >= ?)"
    for n in range(0, len(ids), _CHUNK):
        part = ids[n:n + _CHUNK]
        db.execute(f"INSERT OR REPLACE INTO evidence_source (source_id, uuid) SELECT s.id, s.uuid FROM source s"
                   f" WHERE s.id IN ({','.join('?' * len(part))}){extra}",
                   (*part, *(() if below is None else (below,))))


def sentences_of(db: sqlite3.Connection, source_ids: Sequence[int]) -> list[tuple[int, int, str]]:
    """(sentence id, source id, text) of every sentence of *source_ids*."""
    from workbench.store import sentences  # late: sentences.py calls this module

    spans: list[tuple[int, int, int, int]] = []
    for n in range(0, len(source_ids), _CHUNK):
        part = list(source_ids[n:n + _CHUNK])
        spans.extend(db.execute(f'SELECT id, source_id, start, "end" FROM sentence WHERE source_id IN'
                                f" ({','.join('?' * len(part))}) ORDER BY id", part))
    cut = sentences.texts(db, (r[1:] for r in spans))
    return [(r[0], r[1], text) for r, text in zip(spans, cut)]


# -- rows ---------------------------------------------------------------------------------

def max_sentence_id(project: Project) -> int:
    return project.db.execute("SELECT coalesce(max(id), 0) FROM sentence").fetchone()[0]


def matching_sentences(project: Project, query: str, below: int, batch: int) -> list[tuple[int, int, str]]:
    """(sentence id, source id, text) of up to *batch* sentences matching the FTS5 *query*
    with ids below *below*, the highest first: a pass goes on from the last id it saw."""
    from workbench.store import sentences  # late: sentences.py calls this module

    if not query:
        return []
    try:
        rows = project.db.execute(
            'SELECT hit.id, s.source_id, s.start, s."end" FROM (SELECT rowid AS id FROM sentence_fts'
            " WHERE sentence_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?) hit"
            " JOIN sentence s ON s.id = hit.id ORDER BY hit.id DESC", (query, below, batch)).fetchall()
    except sqlite3.OperationalError as e:
        if "fts5" not in str(e):  # a query the finder built badly: no candidates
            raise
        return []
    cut = sentences.texts(project.db, (r[1:] for r in rows))
    return [(r[0], r[1], text) for r, text in zip(rows, cut)]


def replace_rows(db: sqlite3.Connection, sentences: Iterable[tuple[int, int]], rows: Iterable[Row]) -> None:
    """Drop every row of *sentences* ((sentence id, source id) pairs), then add *rows*."""
    by_source: dict[int, list[int]] = {}
    for sentence_id, source_id in sentences:
        by_source.setdefault(source_id, []).append(sentence_id)
    for source_id, ids in by_source.items():
        for n in range(0, len(ids), _CHUNK):
            part = ids[n:n + _CHUNK]
            db.execute(f"DELETE FROM sentence_evidence WHERE source_id = ? AND sentence_id IN"
                       f" ({','.join('?' * len(part))})", (source_id, *part))
    add_rows(db, rows)


def add_rows(db: sqlite3.Connection, rows: Iterable[Row]) -> None:
    db.executemany("INSERT INTO sentence_evidence (sentence_id, source_id, actor_id, instrument_id, score,"
                   " direct, key) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def drop_instrument(db: sqlite3.Connection, instrument_id: int) -> None:
    db.execute("DELETE FROM sentence_evidence WHERE instrument_id = ?", (instrument_id,))


def drop_actor(db: sqlite3.Connection, actor_id: int) -> None:
    db.execute("DELETE FROM sentence_evidence WHERE actor_id = ?", (actor_id,))


# -- reading ------------------------------------------------------------------------------

def direct_counts(project: Project) -> dict[tuple[int, int], int]:
    """Distinct direct-evidence sentences (identical wording counted once) per cell."""
    rows = project.db.execute(
        "SELECT actor_id, instrument_id, count(DISTINCT key) FROM sentence_evidence"
        " WHERE direct = 1 GROUP BY actor_id, instrument_id")
    return {(a, i): n for a, i, n in rows}


def cell_direct_count(project: Project, actor_id: int, instrument_id: int) -> int:
    return project.db.execute(
        "SELECT count(DISTINCT key) FROM sentence_evidence WHERE actor_id = ? AND instrument_id = ? AND direct = 1",
        (actor_id, instrument_id)).fetchone()[0]


def cell_rows(project: Project, actor_id: int, instrument_id: int) -> Iterator[tuple[int, int, float]]:
    """(sentence id, key, score) of the cell's rows, the best score first."""
    return project.db.execute(
        # Cast: a file from elsewhere may hold text where numbers belong (not STRICT tables).
        "SELECT CAST(sentence_id AS INTEGER), CAST(key AS INTEGER), CAST(score AS REAL) FROM sentence_evidence"
        " WHERE actor_id = ? AND instrument_id = ? ORDER BY direct DESC, score DESC", (actor_id, instrument_id))


def cell_keys_of(project: Project, actor_id: int, instrument_id: int, sentence_ids: Sequence[int]) -> set[int]:
    """Keys of those of *sentence_ids* that are in the cell's rows."""
    out: set[int] = set()
    for n in range(0, len(sentence_ids), _CHUNK):
        part = list(sentence_ids[n:n + _CHUNK])
        out.update(r[0] for r in project.db.execute(
            f"SELECT key FROM sentence_evidence WHERE actor_id = ? AND instrument_id = ?"
            f" AND sentence_id IN ({','.join('?' * len(part))})", (actor_id, instrument_id, *part)))
    return out


def candidates_by_id(project: Project, sentence_ids: Sequence[int]) -> list[CandidateRow]:
    """The candidate rows (as evidence_queries gives them) of *sentence_ids*."""
    from workbench.store import sentences  # late: sentences.py calls this module

    rows: list[tuple[int, int, int, int, str, str]] = []
    for n in range(0, len(sentence_ids), _CHUNK):
        part = list(sentence_ids[n:n + _CHUNK])
        rows.extend(project.db.execute(
            'SELECT s.id, s.source_id, s.start, s."end", src.title, src.reliability FROM sentence s'
            f" JOIN source src ON src.id = s.source_id WHERE s.id IN ({','.join('?' * len(part))})", part))
    cut = sentences.texts(project.db, (r[1:4] for r in rows))
    return [(i, source_id, start, end, text, title, grade)
            for (i, source_id, start, end, title, grade), text in zip(rows, cut)]


def sentences_overlapping(project: Project, spans: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int, int, int]]:
    """(sentence id, source id, start, end) of the sentences of the sources in *spans* that
    overlap one of its ranges (the caller decides what overlap counts)."""
    out = []
    for source_id, ranges in spans.items():
        lo = min(s for s, _e in ranges)
        hi = max(e for _s, e in ranges)
        out.extend(project.db.execute(
            'SELECT id, source_id, start, "end" FROM sentence WHERE source_id = ? AND "end" > ? AND start < ?',
            (source_id, lo, hi)))
    return out
