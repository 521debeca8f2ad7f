"""Coverage of the matrix: how much direct evidence each cell has, and how much is cited.

    coverage(project, progress=None) -> {(actor_id, instrument_id): (direct, cited)}

"Direct" counts the distinct sentences the finder marks as direct evidence for the cell
(identical sentences counted once), so an empty, thin or well-supported cell reads the same
in the grid as in the cell's suggestion list; it stops at CAP ("CAP or more"), as beyond a
hundred sentences the exact number tells an analyst nothing more. "Cited" is the number of
excerpts the cell cites.

All cells are counted in one pass over the candidate sentences, newest first: each sentence
is read once, for every actor and instrument it names, and once a cell has reached CAP its
actor and instrument are dropped from the query when no other open cell needs them, so a
large project is read only as far as its thinnest cells require. Run it in a worker;
*progress(done, total, text)* returning False stops it and returns nothing (total is 0:
the number of sentences to read is not known in advance).
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.evidence.analysis import analyse, frame_of
from workbench.evidence.candidates import any_cell_query
from workbench.evidence.finder import text_key
from workbench.store import evidence_queries, frame
from workbench.store.project import Project

Progress = Callable[[int, int, str], bool]
CAP = 100
_BATCH = 2000


def coverage(project: Project, progress: Progress | None = None) -> dict[tuple[int, int], tuple[int, int]]:
    """(direct evidence sentences, at most CAP; cited excerpts) for every cell of the matrix."""
    actors = tuple(frame.actors(project))
    instruments = tuple(frame.instruments(project))
    cited = evidence_queries.cited_counts(project)
    direct: dict[tuple[int, int], set[str]] = {(a.id, i.id): set() for a in actors for i in instruments}
    open_cells = set(direct)
    matchers = frame_of(actors, instruments)
    query = any_cell_query(actors, instruments)
    seen: set[str] = set()
    before, done = 1 << 62, 0
    while open_cells:
        if progress is not None and not progress(done, 0, f"{done:,} sentences read"):
            return {}
        rows = evidence_queries.candidate_texts(project, query, before, _BATCH)
        if not rows:
            break
        before = rows[-1][0]
        done += len(rows)
        for _id, text in rows:
            key = text_key(text)
            if key in seen:
                continue
            seen.add(key)
            for cell, scored in analyse(text, matchers, open_cells).items():
                if scored.direct:
                    direct[cell].add(key)
        full = {c for c in open_cells if len(direct[c]) >= CAP}
        if full:
            open_cells -= full
            query = any_cell_query([a for a in actors if any((a.id, i.id) in open_cells for i in instruments)],
                                   [i for i in instruments if any((a.id, i.id) in open_cells for a in actors)])
    if progress is not None:
        progress(done, done, "")
    return {cell: (min(len(keys), CAP), cited.get(cell, 0)) for cell, keys in direct.items()}
