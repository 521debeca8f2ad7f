"""Coverage of the matrix: how much candidate evidence each cell has, and how much is cited.

    coverage(project, progress=None) -> {(actor_id, instrument_id): (candidates, cited)}

"Candidates" counts the distinct sentences the finder would offer for the cell (scored at
or above the suggestion threshold, identical sentences counted once), so an empty, thin or
well-supported cell reads the same in the grid as in the cell's suggestion list. "Cited" is
the number of excerpts the cell cites. On a large project this takes a while: run it in a
worker; *progress(done, total, text)* returning False stops it, and the cells done so far
are returned.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.evidence import candidates
from workbench.evidence.finder import rank, text_key
from workbench.store import frame
from workbench.store.project import Project

Progress = Callable[[int, int, str], bool]


def cited_counts(project: Project) -> dict[tuple[int, int], int]:
    """Excerpts cited per (actor_id, instrument_id)."""
    rows = project.db.execute(
        "SELECT c.actor_id, c.instrument_id, count(ce.id) FROM cell c"
        " LEFT JOIN cell_excerpt ce ON ce.cell_id = c.id GROUP BY c.id"
    ).fetchall()
    return {(a, i): n for a, i, n in rows}


def coverage(project: Project, progress: Progress | None = None) -> dict[tuple[int, int], tuple[int, int]]:
    """(candidate sentences, cited excerpts) for every cell of the matrix."""
    actors = tuple(frame.actors(project))
    instruments = frame.instruments(project)
    cited = cited_counts(project)
    total = len(actors) * len(instruments)
    out: dict[tuple[int, int], tuple[int, int]] = {}
    done = 0
    for actor in actors:
        for instrument in instruments:
            if progress is not None and not progress(done, total, f"{actor.name} × {instrument.name}"):
                return out
            found = candidates.fetch(project, actor, instrument, limit=None)
            ranked = rank(found, actors, actor, instrument)
            distinct = {text_key(r.candidate.text) for r in ranked}
            out[(actor.id, instrument.id)] = (len(distinct), cited.get((actor.id, instrument.id), 0))
            done += 1
    if progress is not None:
        progress(done, total, "")
    return out
