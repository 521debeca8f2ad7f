"""Coverage of the matrix: how much direct evidence each cell has, and how much is cited.

    coverage(project, progress=None) -> {(actor_id, instrument_id): (direct, cited)}
    cell_coverage(project, actor_id, instrument_id) -> (direct, cited)

"Direct" counts the distinct sentences the finder marks as direct evidence for the cell
(identical sentences counted once), so an empty, thin or well-supported cell reads the same
in the grid as in the cell's suggestion list. "Cited" is the number of excerpts the cell cites.

Both are read from the evidence index (evidence/index.py): `coverage` first brings it up to
date (only what changed is read again), then counts every cell in one query. A project that
cannot be written and whose index is out of date is counted from its sentences instead, which
reads every candidate sentence once. Run it in a worker; *progress(done, total, text)*
returning False stops it and returns nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.evidence import index
from workbench.store import evidence_queries, evidence_reads, frame
from workbench.store.project import Project

Progress = Callable[[int, int, str], bool]


def coverage(project: Project, progress: Progress | None = None) -> dict[tuple[int, int], tuple[int, int]]:
    """(direct evidence sentences, cited excerpts) for every cell of the matrix."""
    if project.read_only and not index.is_current(project):
        counts = index.scratch_direct_counts(project, progress)
        if counts is None:
            return {}
    else:
        if not project.read_only and not index.refresh(project, progress):
            return {}
        counts = evidence_reads.direct_counts(project)
    cited = evidence_queries.cited_counts(project)
    cells = [(a.id, i.id) for a in frame.actors(project) for i in frame.instruments(project)]
    return {cell: (counts.get(cell, 0), cited.get(cell, 0)) for cell in cells}


def cell_coverage(project: Project, actor_id: int, instrument_id: int) -> tuple[int, int]:
    """One cell's figures, for after a cite or an uncite (the index is not read again: citing
    changes only the cited count)."""
    direct = evidence_reads.cell_direct_count(project, actor_id, instrument_id)
    return direct, evidence_queries.cell_cited_count(project, actor_id, instrument_id)
