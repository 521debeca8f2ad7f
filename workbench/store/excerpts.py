"""Excerpts: exact passages of sources, anchored by offsets, cited by cells."""

from __future__ import annotations

from typing import Any

from workbench.domain import scales
from workbench.domain.models import Excerpt
from workbench.store import removal
from workbench.store.errors import NotFound
from workbench.store.project import Project, new_uuid

CONTEXT = 80  # characters of prefix/suffix kept so a passage can be re-found in a new text

_SELECT = (
    'SELECT e.id, e.uuid, e.source_id, e.start, e."end", e.quote, e.prefix, e.suffix,'
    " e.credibility, e.note, e.updated_at, e.updated_by, s.title AS source_title"
    " FROM excerpt e JOIN source s ON s.id = e.source_id"
)


def get(project: Project, excerpt_id: int) -> Excerpt:
    r = project.row(f"{_SELECT} WHERE e.id = ?", (excerpt_id,))
    if r is None:
        raise NotFound(f"There is no excerpt {excerpt_id}.")
    return Excerpt(**r)


def for_cell(project: Project, cell_id: int) -> list[Excerpt]:
    rows = project.rows(
        f"{_SELECT} JOIN cell_excerpt ce ON ce.excerpt_id = e.id WHERE ce.cell_id = ?"
        " ORDER BY ce.position, ce.id",
        (cell_id,),
    )
    return [Excerpt(**r) for r in rows]


def for_source(project: Project, source_id: int) -> list[Excerpt]:
    """Excerpts of one source in text order (the reader highlights them)."""
    return [Excerpt(**r) for r in project.rows(f"{_SELECT} WHERE e.source_id = ? ORDER BY e.start",
                                               (source_id,))]


def cite(project: Project, cell_id: int, source_id: int, start: int, end: int,
         *, credibility: int | str = 6, note: str = "") -> Excerpt:
    """Cite text[start:end] of a source in a cell: one new excerpt and its link, one transaction."""
    r = project.db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
    if r is None:
        raise NotFound(f"There is no source {source_id}.")
    text: str = r[0]
    # Trim surrounding white space so the anchor is the passage itself.
    while start < end and start < len(text) and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not (0 <= start < end <= len(text)):
        raise ValueError("Select a passage of the source to cite.")
    cell = project.row("SELECT uuid, status FROM cell WHERE id = ?", (cell_id,))
    if cell is None:
        raise NotFound(f"There is no cell {cell_id}.")
    values: dict[str, Any] = {
        "uuid": new_uuid(), "source_id": source_id, "start": start, "end": end,
        "quote": text[start:end], "prefix": text[max(0, start - CONTEXT):start],
        "suffix": text[end:end + CONTEXT], "credibility": scales.credibility(credibility),
        "note": note, **project.stamp(),
    }
    with project.transaction() as db:
        cols = ", ".join(f'"{k}"' for k in values)
        cur = db.execute(f"INSERT INTO excerpt ({cols}) VALUES ({', '.join('?' * len(values))})",
                         tuple(values.values()))
        excerpt_id = int(cur.lastrowid or 0)
        position = db.execute("SELECT coalesce(max(position), -1) + 1 FROM cell_excerpt WHERE cell_id = ?",
                              (cell_id,)).fetchone()[0]
        stamp = project.stamp()
        db.execute(
            "INSERT INTO cell_excerpt (cell_id, excerpt_id, position, uuid, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (cell_id, excerpt_id, position, new_uuid(), stamp["updated_at"], stamp["updated_by"]),
        )
        project.log("insert", "excerpt", values["uuid"], None,
                    {"cell": cell["uuid"], "quote": values["quote"], "credibility": values["credibility"]})
        if cell["status"] == "empty":  # a cell with evidence is no longer empty: the grid says so
            db.execute("UPDATE cell SET status = 'draft', updated_at = ?, updated_by = ? WHERE id = ?",
                       (stamp["updated_at"], stamp["updated_by"], cell_id))
            project.log("update", "cell", cell["uuid"], {"status": "empty"}, {"status": "draft"})
    return get(project, excerpt_id)


def update(project: Project, excerpt_id: int, *, credibility: int | str | None = None,
           note: str | None = None) -> Excerpt:
    before = get(project, excerpt_id)
    new: dict[str, Any] = {}
    if credibility is not None and scales.credibility(credibility) != before.credibility:
        new["credibility"] = scales.credibility(credibility)
    if note is not None and note != before.note:
        new["note"] = note
    if new:
        with project.transaction() as db:
            sets = {**new, **project.stamp()}
            db.execute(f"UPDATE excerpt SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                       (*sets.values(), excerpt_id))
            project.log("update", "excerpt", before.uuid, {k: getattr(before, k) for k in new}, new)
    return get(project, excerpt_id)


def uncite(project: Project, cell_id: int, excerpt_id: int) -> removal.Removed:
    """Take an excerpt out of a cell (and out of the file if no other cell cites it)."""
    ex = get(project, excerpt_id)
    removed = removal.Removed("remove evidence")
    with project.transaction():
        removal.take(project, removed, "cell_excerpt", "cell_id = ? AND excerpt_id = ?", (cell_id, excerpt_id))
        if not project.db.execute("SELECT 1 FROM cell_excerpt WHERE excerpt_id = ?", (excerpt_id,)).fetchone():
            removal.take(project, removed, "excerpt", "id = ?", (excerpt_id,))
        project.log("delete", "excerpt", ex.uuid, {"quote": ex.quote}, None)
    return removed
