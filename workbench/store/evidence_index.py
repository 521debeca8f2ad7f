"""The evidence index's tables and queries (what goes in is decided by evidence/index.py).

- `sentence_evidence`: one row per (sentence, cell) the finder scored: its score as `points`
  (ten-thousandths: the finder rounds scores to four decimals, and a whole number of that
  size takes 3 bytes where a REAL takes 8, in the table and again in its cell index), direct
  or only related, and `key`, shared by sentences of identical wording (counted once).
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
from dataclasses import dataclass

from workbench.store.project import Project

# sentence id, source id, actor id, instrument id, score, direct (0/1), key
Row = tuple[int, int, int, int, float, int, int]
# One candidate, as evidence_queries gives them: sentence id, source id, start, end, text,
# source title, source reliability.
CandidateRow = tuple[int, int, int, int, str, str, str]
_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound values
POINTS = 10_000  # points a score of 1.0 is stored as


def points(score: float) -> int:
    """A score as stored: the finder's scores have four decimals, so nothing is lost."""
    return round(score * POINTS)


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
    """Empty the index and its state, as a file that was never indexed (for benchmarks)."""
    for table in ("sentence_evidence", "evidence_source", "evidence_state"):
        db.execute(f"DELETE FROM {table}")


def restart(db: sqlite3.Connection, values: dict[str, str]) -> None:
    """Start building anew under the state *values*: every source is to be read again.

    The rows stay: each source's are replaced, a few at a time, when it is read again
    (`commit_sources`), so no single statement deletes the whole index and holds the file
    for seconds; until then no source is marked, so nothing trusts them. Rows of sources that
    are gone altogether (a file from elsewhere) are dropped now."""
    db.execute("DELETE FROM evidence_source")
    db.execute("DELETE FROM sentence_evidence WHERE source_id NOT IN (SELECT id FROM source)")
    set_state(db, values)


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


def count_sources(project: Project) -> tuple[int, int]:
    """(sources marked, sources in the project): how far a build has come."""
    marks = project.db.execute(
        "SELECT count(*) FROM evidence_source e JOIN source s ON s.id = e.source_id AND s.uuid = e.uuid").fetchone()[0]
    return marks, project.db.execute("SELECT count(*) FROM source").fetchone()[0]


def drop_sources(db: sqlite3.Connection, source_ids: Sequence[int]) -> None:
    """Drop the rows and marks of *source_ids* (by the rows' own source column)."""
    for n in range(0, len(source_ids), _CHUNK):
        part = list(source_ids[n:n + _CHUNK])
        marks = ",".join("?" * len(part))
        db.execute(f"DELETE FROM sentence_evidence WHERE source_id IN ({marks})", part)
        db.execute(f"DELETE FROM evidence_source WHERE source_id IN ({marks})", part)


# -- reading sentences, writing their rows --------------------------------------------------

# What a source's sentences were when read: their count, first and last id, and the sums of
# their starts and ends. Sentences are only ever replaced all together under new ids, so a
# source split anew or replaced meanwhile shows a different one.
Shape = tuple[int, int, int, int, int]


@dataclass
class SourceBatch:
    """Some sources' sentences as read for the index, with what they were read from, so that
    writing their rows can tell a source that changed meanwhile (it is then left unmarked)."""

    sources: dict[int, tuple[str, Shape | None]]  # source id -> (uuid, its sentences' shape)
    sentences: list[tuple[int, int, str]]  # (sentence id, source id, text) worth reading


@dataclass
class SentenceBatch:
    """Sentences read again after a frame change, with where each was cut from."""

    spans: dict[int, tuple[int, int, int, str]]  # sentence id -> (source id, start, end, source uuid)
    sentences: list[tuple[int, int, str]]  # (sentence id, source id, text)


def read_sources(project: Project, source_ids: Sequence[int], query: str) -> SourceBatch:
    """The sentences of *source_ids* that the FTS5 *query* (a generous filter: names AND terms)
    lets through; all of them when the full-text index cannot answer (a damaged file)."""
    from workbench.store import sentences  # late: sentences.py calls this module

    db = project.db
    ids = list(source_ids)
    uuids: dict[int, str] = {}
    for n in range(0, len(ids), _CHUNK):
        part = ids[n:n + _CHUNK]
        uuids.update(db.execute(f"SELECT id, uuid FROM source WHERE id IN ({','.join('?' * len(part))})", part))
    spans = sentences.spans_by_source(db, ids)
    rows = sorted((i, src, s, e) for src, located in spans.items() for i, s, e in located)
    shapes = {src: _shape(located) for src, located in spans.items()}
    hits: set[int] | None = set()
    if query and rows:
        lo, hi = rows[0][0], rows[-1][0]
        # The sources' sentences are mostly consecutive ids: one ranged query finds their
        # candidates. Ids spread thin (sources split anew) are read without the filter.
        if hi - lo < 4 * len(rows) + 1000:
            try:
                hits = {r[0] for r in db.execute(
                    "SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid BETWEEN ? AND ?",
                    (sentences.index_query(query), lo, hi))}
            except sqlite3.OperationalError as e:
                if "fts5" not in str(e):
                    raise
                hits = None
        else:
            hits = None
    wanted = [r for r in rows if query and (hits is None or r[0] in hits)]
    cut = sentences.texts(db, (r[1:] for r in wanted))
    return SourceBatch({src: (uuids[src], shapes.get(src)) for src in ids if src in uuids},
                       [(r[0], r[1], text) for r, text in zip(wanted, cut)])


def _shape(spans: Sequence[tuple[int, int, int]]) -> Shape | None:
    """The shape of one source's (sentence id, start, end) in order."""
    if not spans:
        return None
    return len(spans), spans[0][0], spans[-1][0], sum(r[1] for r in spans), sum(r[2] for r in spans)


def commit_sources(db: sqlite3.Connection, batch: SourceBatch, rows: Iterable[Row]) -> list[int]:
    """Within a write transaction: replace the rows of the batch's sources that are still as
    they were read by *rows*, and mark them indexed; returns those sources."""
    from workbench.store import sentences  # late: sentences.py calls this module

    ids = list(batch.sources)
    uuids: dict[int, str] = {}
    for n in range(0, len(ids), _CHUNK):
        part = ids[n:n + _CHUNK]
        uuids.update(db.execute(f"SELECT id, uuid FROM source WHERE id IN ({','.join('?' * len(part))})", part))
    shapes = {src: _shape(located) for src, located in sentences.spans_by_source(db, ids).items()}
    intact = [src for src, (uuid, shape) in batch.sources.items()
              if uuids.get(src) == uuid and shapes.get(src) == shape]
    by_source: dict[int, list[Row]] = {}
    for r in rows:
        by_source.setdefault(r[1], []).append(r)
    for n in range(0, len(intact), _CHUNK):
        part = intact[n:n + _CHUNK]
        _replace(db, f"source_id IN ({','.join('?' * len(part))})", part,
                 [r for src in part for r in by_source.get(src, ())])
    db.executemany("INSERT OR REPLACE INTO evidence_source (source_id, uuid) VALUES (?, ?)",
                   [(src, batch.sources[src][0]) for src in intact])
    return intact


def read_matching(project: Project, query: str, below: int, batch: int) -> SentenceBatch | None:
    """Up to *batch* sentences matching the FTS5 *query* with ids below *below*, the highest
    first (a pass goes on from the last id it saw); None when none is left."""
    from workbench.store import sentences  # late: sentences.py calls this module

    if not query:
        return None
    db = project.db
    try:
        rows = sentences.cut(db, db.execute(
            "SELECT hit.id, sp.source_id, sp.first_id, src.uuid FROM (SELECT rowid AS id FROM sentence_fts"
            " WHERE sentence_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?) hit"
            f" JOIN {sentences.SPAN_OF_HIT} JOIN source src ON src.id = sp.source_id ORDER BY hit.id DESC",
            (sentences.index_query(query), below, batch)))
    except sqlite3.OperationalError as e:
        if "fts5" not in str(e):  # a query the finder built badly: no candidates
            raise
        return None
    if not rows:
        return None
    cut = sentences.texts(db, (r[1:4] for r in rows))
    return SentenceBatch({r[0]: tuple(r[1:]) for r in rows}, [(r[0], r[1], text) for r, text in zip(rows, cut)])


def commit_sentences(db: sqlite3.Connection, batch: SentenceBatch, rows: Iterable[Row]) -> None:
    """Within a write transaction: replace the rows of the batch's sentences that are still
    where they were read (a sentence gone or cut anew meanwhile is left alone)."""
    from workbench.store import sentences  # late: sentences.py calls this module

    ids = list(batch.spans)
    located = sentences.locate(db, ids)
    uuids: dict[int, str] = {}
    wanted = sorted({r[1] for r in located})
    for n in range(0, len(wanted), _CHUNK):
        part = wanted[n:n + _CHUNK]
        uuids.update(db.execute(f"SELECT id, uuid FROM source WHERE id IN ({','.join('?' * len(part))})", part))
    now = {i: (src, s, e, uuids.get(src)) for i, src, s, e in located}
    by_source: dict[int, list[int]] = {}
    for i in ids:
        if now.get(i) == batch.spans[i]:
            by_source.setdefault(batch.spans[i][0], []).append(i)
    rows = list(rows)
    for source_id, sentence_ids in by_source.items():
        for n in range(0, len(sentence_ids), _CHUNK):
            part = sentence_ids[n:n + _CHUNK]
            keep = set(part)
            _replace(db, f"source_id = ? AND sentence_id IN ({','.join('?' * len(part))})", [source_id, *part],
                     [r for r in rows if r[0] in keep])


def _replace(db: sqlite3.Connection, where: str, params: Sequence[object], rows: Iterable[Row]) -> None:
    """Make the rows selected by *where* equal *rows*, touching only those that differ (a
    rebuild with unchanged rules then writes almost nothing)."""
    new = {(*r[:4], points(r[4]), *r[5:]) for r in rows}
    stale: list[tuple[int, int, int, int]] = []  # keys (source, sentence, actor, instrument)
    for old in db.execute("SELECT sentence_id, source_id, actor_id, instrument_id, points, direct, key"
                          f" FROM sentence_evidence WHERE {where}", params):
        row = tuple(old)
        if row in new:
            new.discard(row)
        else:
            stale.append((row[1], row[0], row[2], row[3]))
    # The table has no rowid: a row is named by its key, which holds one row at most.
    db.executemany("DELETE FROM sentence_evidence WHERE source_id = ? AND sentence_id = ? AND actor_id = ?"
                   " AND instrument_id = ?", stale)
    _insert(db, sorted(new))


def _insert(db: sqlite3.Connection, rows: Iterable[tuple[int, int, int, int, int, int, int]]) -> None:
    """Insert rows whose score is already in points."""
    db.executemany("INSERT INTO sentence_evidence (sentence_id, source_id, actor_id, instrument_id, points,"
                   " direct, key) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def all_rows(project: Project) -> list[Row]:
    """Every row, with its score as the finder gave it (for checks against a fresh reading)."""
    return [(*r[:4], r[4] / POINTS, *r[5:]) for r in project.db.execute(
        "SELECT sentence_id, source_id, actor_id, instrument_id, points, direct, key FROM sentence_evidence")]


def max_sentence_id(project: Project) -> int:
    from workbench.store import sentences  # late: sentences.py calls this module

    return sentences.last_id(project.db)


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
        f"SELECT CAST(sentence_id AS INTEGER), CAST(key AS INTEGER), CAST(points AS INTEGER) / {POINTS}.0"
        " FROM sentence_evidence WHERE actor_id = ? AND instrument_id = ? ORDER BY direct DESC, points DESC",
        (actor_id, instrument_id))


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

    located = sentences.locate(project.db, sentence_ids)
    heads: dict[int, tuple[str, str]] = {}
    wanted = sorted({r[1] for r in located})
    for n in range(0, len(wanted), _CHUNK):
        part = wanted[n:n + _CHUNK]
        heads.update((i, (t, g)) for i, t, g in project.db.execute(
            f"SELECT id, title, reliability FROM source WHERE id IN ({','.join('?' * len(part))})", part))
    rows = [(*r, *heads[r[1]]) for r in located if r[1] in heads]
    cut = sentences.texts(project.db, (r[1:4] for r in rows))
    return [(i, source_id, start, end, text, title, grade)
            for (i, source_id, start, end, title, grade), text in zip(rows, cut)]


def sentences_overlapping(project: Project, spans: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int, int, int]]:
    """(sentence id, source id, start, end) of the sentences of the sources in *spans* that
    overlap one of its ranges (the caller decides what overlap counts)."""
    from workbench.store import sentences  # late: sentences.py calls this module

    out = []
    for source_id, ranges in spans.items():
        lo = min(s for s, _e in ranges)
        hi = max(e for _s, e in ranges)
        out.extend((i, source_id, start, end) for i, start, end in sentences.spans_of(project.db, source_id)
                   if end > lo and start < hi)
    return out
