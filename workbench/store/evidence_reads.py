"""What coverage and suggest read of the evidence index: distinct direct wordings per cell,
a cell's rows one score at a time in reading order, and the candidate rows of sentences
(its tables and how they are written: evidence_index.py)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from workbench.store import evidence_index
from workbench.store.evidence_index import CHUNK, POINTS, CandidateRow
from workbench.store.evidence_pack import block_of
from workbench.store.project import Project


def direct_counts(project: Project) -> dict[tuple[int, int], int]:
    """Distinct direct-evidence sentences (identical wording counted once) per cell."""
    keys: dict[tuple[int, int], set[int]] = {}
    for a, i, found in evidence_index.blocks(project):
        if found.direct:
            keys.setdefault((a, i), set()).update(found.direct_keys())
    return {cell: len(k) for cell, k in keys.items()}


def cell_direct_count(project: Project, actor_id: int, instrument_id: int) -> int:
    keys: set[int] = set()
    for _a, _i, found in evidence_index.blocks(project, "WHERE actor_id = ? AND instrument_id = ?", (actor_id, instrument_id)):
        keys.update(found.direct_keys())
    return len(keys)


@dataclass
class Level:
    """The cell's rows of one score: each block's run of that score, in no order between them."""

    score: float
    parts: list[tuple[int, array, array]]  # (first sentence id, keys, offsets) of each run

    def __len__(self) -> int:
        return sum(len(keys) for _first, keys, _offsets in self.parts)

    def keys(self) -> list[int]:
        out: list[int] = []
        for _first, keys, _offsets in self.parts:
            out.extend(keys)
        return out

    def rows(self, wanted: set[int] | None = None) -> list[tuple[int, int]]:
        """(key, sentence id) of the rows (of the *wanted* keys only), by key and sentence id."""
        return sorted((k, first + o) for first, keys, offsets in self.parts for k, o in zip(keys, offsets)
                      if wanted is None or k in wanted)


def cell_levels(project: Project, actor_id: int, instrument_id: int) -> Iterator[Level]:
    """The cell's rows one score at a time, in reading order: direct first, the best first.

    Each block is in that order already: the blocks' runs are merged, and the rows of one
    score are put in order only when asked (`Level.rows`)."""
    found = [b for _a, _i, b in evidence_index.blocks(project, "WHERE actor_id = ? AND instrument_id = ?",
                                        (actor_id, instrument_id))]
    # Each block's runs as ((-direct, -points), block number in `found`, start, end).
    runs = sorted(((-(1 if s < b.direct else 0), -p), n, s, e) for n, b in enumerate(found) for p, s, e in b.runs)
    level: tuple[int, int] | None = None
    parts: list[tuple[int, array, array]] = []
    for this, n, s, e in runs:
        if this != level and parts:
            yield Level(-level[1] / POINTS, parts)
            parts = []
        level = this
        b = found[n]
        parts.append((b.first, b.keys[s:e], b.offsets[s:e]))
    if parts:
        yield Level(-level[1] / POINTS, parts)


def cell_rows(project: Project, actor_id: int, instrument_id: int) -> Iterator[tuple[int, int, float]]:
    """(sentence id, key, score) of the cell's rows in reading order: direct first, the best
    score first, then by key (copies of one wording together) and sentence id."""
    for level in cell_levels(project, actor_id, instrument_id):
        for key, sentence_id in level.rows():
            yield sentence_id, key, level.score


def cell_keys_of(project: Project, actor_id: int, instrument_id: int,
                 sentences: Sequence[tuple[int, int]]) -> set[int]:
    """Keys of those of *sentences* (sentence id, source id) that are in the cell's rows."""
    by_block: dict[int, set[int]] = {}
    for sentence_id, source_id in sentences:
        by_block.setdefault(block_of(source_id), set()).add(sentence_id)
    out: set[int] = set()
    for block, wanted in by_block.items():
        for _a, _i, found in evidence_index.blocks(project, "WHERE actor_id = ? AND instrument_id = ? AND block = ?",
                                     (actor_id, instrument_id, block)):
            out.update(k for k, o in zip(found.keys, found.offsets) if found.first + o in wanted)
    return out


def candidates_by_id(project: Project, sentence_ids: Sequence[int]) -> list[CandidateRow]:
    """The candidate rows (as evidence_queries gives them) of *sentence_ids*."""
    from workbench.store import sentences  # late: sentences.py calls this module

    located = sentences.locate(project.db, sentence_ids)
    heads: dict[int, tuple[str, str]] = {}
    wanted = sorted({r[1] for r in located})
    for n in range(0, len(wanted), CHUNK):
        part = wanted[n:n + CHUNK]
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
