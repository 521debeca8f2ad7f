"""Matrix cells: the analyst's judgment for one actor and one instrument."""

from __future__ import annotations

from typing import Any

from workbench.domain import scales
from workbench.domain.models import CELL_FIELDS, Cell
from workbench.store.errors import NotFound
from workbench.store.project import Project

_SELECT = (
    "SELECT c.id, c.uuid, c.actor_id, c.instrument_id, c.posture, c.options, c.likelihood,"
    " c.confidence, c.priority, c.status, c.updated_at, c.updated_by,"
    " (SELECT count(*) FROM cell_excerpt ce WHERE ce.cell_id = c.id) AS evidence_count,"
    # Open disputes of the cell's fields, or about its actor or instrument being deleted.
    " (SELECT count(*) FROM dispute d WHERE d.row_uuid = c.uuid OR d.field = '' AND d.row_uuid IN"
    " ((SELECT uuid FROM actor WHERE id = c.actor_id), (SELECT uuid FROM instrument WHERE id = c.instrument_id)))"
    " AS disputes"
    " FROM cell c"
)

_VALIDATE = {
    "likelihood": scales.likelihood,
    "confidence": scales.confidence,
    "priority": scales.priority,
    "status": scales.status,
}


def get(project: Project, actor_id: int, instrument_id: int) -> Cell:
    r = project.row(f"{_SELECT} WHERE c.actor_id = ? AND c.instrument_id = ?", (actor_id, instrument_id))
    if r is None:
        raise NotFound("That cell does not exist.")
    return Cell(**r)


def by_id(project: Project, cell_id: int) -> Cell:
    r = project.row(f"{_SELECT} WHERE c.id = ?", (cell_id,))
    if r is None:
        raise NotFound(f"There is no cell {cell_id}.")
    return Cell(**r)


def all_cells(project: Project) -> list[Cell]:
    """Every cell with its evidence count, ordered by actor then instrument position."""
    return [Cell(**r) for r in project.rows(
        f"{_SELECT} JOIN actor a ON a.id = c.actor_id JOIN instrument i ON i.id = c.instrument_id"
        " ORDER BY a.position, a.id, i.position, i.id"
    )]


def normalise(fields: dict[str, Any]) -> dict[str, str]:
    """Check edited cell fields against the scales; raises ValueError with a plain message."""
    unknown = set(fields) - set(CELL_FIELDS)
    if unknown:
        raise ValueError(f"a cell has no field {', '.join(sorted(unknown))}")
    out: dict[str, str] = {}
    for k, v in fields.items():
        v = "" if v is None else str(v)
        out[k] = _VALIDATE[k](v) if k in _VALIDATE else v
    return out


def update(project: Project, cell_id: int, **fields: Any) -> Cell:
    """Change some fields of a cell in one logged transaction; unchanged fields are skipped."""
    new = normalise(fields)
    before = by_id(project, cell_id)
    changed = {k: v for k, v in new.items() if getattr(before, k) != v}
    if not changed:
        return before
    # A cell that gets content leaves "empty" by itself, so the grid colour tells the truth.
    if "status" not in changed and before.status == "empty" and any(
        changed.get(k) for k in ("posture", "options", "likelihood", "confidence")
    ):
        changed["status"] = "draft"
    with project.transaction() as db:
        sets = {**changed, **project.stamp()}
        db.execute(f"UPDATE cell SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                   (*sets.values(), cell_id))
        project.log("update", "cell", before.uuid, {k: getattr(before, k) for k in changed}, changed)
    return by_id(project, cell_id)
