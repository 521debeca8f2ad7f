"""The evidence index's tables and how they are written (what goes in is decided by
evidence/index.py; what coverage and suggest read of it is in evidence_reads.py).

- `evidence_block`: per cell and block of 512 consecutive source ids, the candidates the
  finder scored there, packed (evidence_pack.py): each sentence's score as points
  (ten-thousandths: the finder rounds scores to four decimals), direct or only related, and
  a 32-bit key shared by sentences of identical wording (counted once). Distinct wordings are
  counted when read: two wordings whose keys collide count once, as they do in a count
  made from scratch, which uses the same key.
- `evidence_source`: the sources whose sentences are in the index, with their uuid, so a
  source replaced under the same id is not taken for indexed.
- `evidence_state`: what the rows were computed with: the finder version and each actor's
  names and instrument's terms, as JSON.

Sentences are added and dropped by store code (sentences.py): dropping or re-splitting a
source's sentences also drops its rows and its mark here, so the index never points at a
sentence that is gone; the finder indexes unmarked sources when it next refreshes.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from workbench.store import evidence_pack
from workbench.store.errors import DamagedProject
from workbench.store.evidence_pack import Block, Entry, block_of
from workbench.store.project import Project

# sentence id, source id, actor id, instrument id, score, direct (0/1), key
Row = tuple[int, int, int, int, float, int, int]
# One candidate, as evidence_queries gives them: sentence id, source id, start, end, text,
# source title, source reliability.
CandidateRow = tuple[int, int, int, int, str, str, str]
CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound values
POINTS = 10_000  # points a score of 1.0 is stored as
_MAX_ID = (1 << 63) - 1
DAMAGED = ("The evidence index in this file cannot be read (a value another program wrote);"
           " 'check' names it and 'repair' empties it, to be built again.")


def points(score: float) -> int:
    """A score as stored: the finder's scores have four decimals, so nothing is lost."""
    return round(score * POINTS)


def _unpack(block: object, blob: object) -> Block:
    found = evidence_pack.unpack(block, blob)
    if found is None:
        raise DamagedProject(DAMAGED)
    return found


# Sentence id ranges (first, last), in order.
Ranges = list[tuple[int, int]]


def _inside(sentence_id: int, ranges: Ranges) -> bool:
    n = bisect.bisect_right(ranges, (sentence_id, _MAX_ID)) - 1
    return n >= 0 and ranges[n][0] <= sentence_id <= ranges[n][1]


def _block_spans(db: sqlite3.Connection, block: int) -> list[tuple[int, int, int]]:
    """(first sentence id, last sentence id, source id) of the block's sources, in order."""
    lo = block << evidence_pack.BLOCK_SHIFT
    return sorted((first, last, src) for src, first, last in db.execute(
        "SELECT source_id, first_id, last_id FROM sentence_span WHERE source_id BETWEEN ? AND ?",
        (lo, lo + evidence_pack.BLOCK_SOURCES - 1)) if isinstance(first, int) and isinstance(last, int))


def _source_ranges(db: sqlite3.Connection, source_ids: Iterable[int]) -> dict[int, Ranges]:
    """Per block, the sentence id ranges of those of *source_ids* that have sentences."""
    ids = list(source_ids)
    out: dict[int, Ranges] = {}
    for n in range(0, len(ids), CHUNK):
        part = ids[n:n + CHUNK]
        for src, first, last in db.execute("SELECT source_id, first_id, last_id FROM sentence_span"
                                           f" WHERE source_id IN ({','.join('?' * len(part))})", part):
            if isinstance(src, int) and isinstance(first, int) and isinstance(last, int):
                out.setdefault(block_of(src), []).append((first, last))
    return {b: sorted(r) for b, r in out.items()}


def _rewrite(db: sqlite3.Connection, blocks: Iterable[int], *, ranges: dict[int, Ranges] | None = None,
             sentences: dict[int, set[int]] | None = None, orphans: bool = False, rows: Iterable[Row] = ()) -> None:
    """In each of *blocks*, drop the entries whose sentence ids fall in the block's *ranges*,
    those of the block's *sentences*, with *orphans* those outside every sentence range of the block's
    sources; then add *rows* (their blocks are rewritten too). A cell's block that loses
    nothing and gains nothing is not unpacked entry by entry; one left empty goes."""
    new: dict[tuple[int, int, int], dict[int, Entry]] = {}
    for sentence_id, source_id, a, i, score, direct, key in rows:
        new.setdefault((a, i, block_of(source_id)), {})[sentence_id] = (
            int(bool(direct)), points(score), key & 0xFFFFFFFF, sentence_id)
    ranges, sentences = ranges or {}, sentences or {}
    for block in sorted(set(blocks) | set(ranges) | set(sentences) | {b for _a, _i, b in new}):
        dropped = ranges.get(block, [])
        gone = sentences.get(block, set())
        live = [(f, l) for f, l, _src in _block_spans(db, block)] if orphans else []

        def goes(sentence_id: int) -> bool:
            return (sentence_id in gone or (bool(dropped) and _inside(sentence_id, dropped))
                    or (orphans and not _inside(sentence_id, live)))

        cells = {(a, i): blob for a, i, blob in db.execute(
            "SELECT actor_id, instrument_id, entries FROM evidence_block WHERE block = ?", (block,))}
        cells.update({(a, i): None for a, i, b in new if b == block and (a, i) not in cells})
        for (a, i), blob in cells.items():
            added = new.get((a, i, block), {})
            found = None if blob is None else _unpack(block, blob)
            # Whether any entry goes, read from the packed offsets where that can be done in C.
            touched = found is not None and (
                (bool(gone) and not {sid - found.first for sid in gone}.isdisjoint(found.offsets))
                or ((orphans or any(f <= found.last() and l >= found.first for f, l in dropped))
                    and any(goes(sid) for sid in found.sentence_ids())))
            if not touched and not added:
                continue
            old = found.entries() if found is not None else []
            kept = [e for e in old if e[3] not in added and not goes(e[3])]
            entries = sorted([*kept, *added.values()], key=evidence_pack.order)
            if entries == old:
                continue
            packed = evidence_pack.pack(block, entries)
            if packed is None:
                db.execute("DELETE FROM evidence_block WHERE actor_id = ? AND instrument_id = ? AND block = ?",
                           (a, i, block))
            else:
                db.execute("INSERT OR REPLACE INTO evidence_block (actor_id, instrument_id, block, entries)"
                           " VALUES (?, ?, ?, ?)", (a, i, block, packed))


def forget_source(db: sqlite3.Connection, source_id: int) -> None:
    """Drop a source's rows and mark before its sentences are dropped or split anew."""
    _rewrite(db, (), ranges=_source_ranges(db, [source_id]))
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
    for table in ("evidence_block", "evidence_source", "evidence_state"):
        db.execute(f"DELETE FROM {table}")


def restart(db: sqlite3.Connection, values: dict[str, str]) -> None:
    """Start building anew under the state *values*: every source is to be read again.

    The rows stay: each source's are replaced, a few at a time, when it is read again
    (`commit_sources`), so no single statement deletes the whole index and holds the file
    for seconds; until then no source is marked, so nothing trusts them. Rows of sources that
    are gone altogether (a file from elsewhere) are dropped now."""
    db.execute("DELETE FROM evidence_source")
    _rewrite(db, [r[0] for r in db.execute("SELECT DISTINCT block FROM evidence_block")], orphans=True)
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
    """Drop the rows and marks of *source_ids* (sources that are gone or were replaced under
    the same id: the rows of the sentences they have now, and those of no sentence)."""
    _rewrite(db, {block_of(src) for src in source_ids}, ranges=_source_ranges(db, source_ids), orphans=True)
    for n in range(0, len(source_ids), CHUNK):
        part = list(source_ids[n:n + CHUNK])
        db.execute(f"DELETE FROM evidence_source WHERE source_id IN ({','.join('?' * len(part))})", part)


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
    for n in range(0, len(ids), CHUNK):
        part = ids[n:n + CHUNK]
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
    for n in range(0, len(ids), CHUNK):
        part = ids[n:n + CHUNK]
        uuids.update(db.execute(f"SELECT id, uuid FROM source WHERE id IN ({','.join('?' * len(part))})", part))
    shapes = {src: _shape(located) for src, located in sentences.spans_by_source(db, ids).items()}
    intact = [src for src, (uuid, shape) in batch.sources.items()
              if uuids.get(src) == uuid and shapes.get(src) == shape]
    keep = set(intact)
    _rewrite(db, (), ranges=_source_ranges(db, intact), rows=[r for r in rows if r[1] in keep])
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
    for n in range(0, len(wanted), CHUNK):
        part = wanted[n:n + CHUNK]
        uuids.update(db.execute(f"SELECT id, uuid FROM source WHERE id IN ({','.join('?' * len(part))})", part))
    now = {i: (src, s, e, uuids.get(src)) for i, src, s, e in located}
    by_source: dict[int, list[int]] = {}
    for i in ids:
        if now.get(i) == batch.spans[i]:
            by_source.setdefault(batch.spans[i][0], []).append(i)
    redone: dict[int, set[int]] = {}
    for source_id, sentence_ids in by_source.items():
        redone.setdefault(block_of(source_id), set()).update(sentence_ids)
    every = {i for ids in redone.values() for i in ids}
    _rewrite(db, (), sentences=redone, rows=[r for r in rows if r[0] in every])


def blocks(project: Project, where: str = "", params: Sequence[object] = ()) -> Iterator[tuple[int, int, Block]]:
    """(actor, instrument, block) of the rows *where* selects; DamagedProject for a row that
    does not read as a block."""
    for a, i, block, blob in project.db.execute(
            f"SELECT actor_id, instrument_id, block, entries FROM evidence_block {where}", params):
        yield a, i, _unpack(block, blob)


def all_rows(project: Project) -> list[Row]:
    """Every row, with its score as the finder gave it and its source as the sentence ranges
    say (0 for a sentence of none), for checks against a fresh reading."""
    out: list[Row] = []
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for a, i, found in blocks(project):
        here = spans.setdefault(found.block, _block_spans(project.db, found.block))
        for d, p, key, sid in found.entries():
            n = bisect.bisect_right(here, (sid, _MAX_ID, _MAX_ID)) - 1
            src = here[n][2] if n >= 0 and here[n][0] <= sid <= here[n][1] else 0
            out.append((sid, src, a, i, p / POINTS, d, key))
    return out


def count_rows(project: Project) -> int:
    """How many (sentence, cell) rows the index holds."""
    return sum(len(found) for _a, _i, found in blocks(project))


def put_rows(db: sqlite3.Connection, rows: Iterable[Row]) -> None:
    """Replace every row of the index by *rows* (marks and state stay as they are): for
    tests and benchmarks that stage an index as if computed otherwise."""
    db.execute("DELETE FROM evidence_block")
    _rewrite(db, (), rows=rows)


def max_sentence_id(project: Project) -> int:
    from workbench.store import sentences  # late: sentences.py calls this module

    return sentences.last_id(project.db)


def drop_instrument(db: sqlite3.Connection, instrument_id: int) -> None:
    db.execute("DELETE FROM evidence_block WHERE instrument_id = ?", (instrument_id,))


def drop_actor(db: sqlite3.Connection, actor_id: int) -> None:
    db.execute("DELETE FROM evidence_block WHERE actor_id = ?", (actor_id,))
