"""Per-cell history: every change to a cell and its evidence, who made it, when, and which
merge brought it into this file. Old values show where the file still holds them ("Share a
copy" blanks them, so a received copy knows who changed what but not always from what)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from workbench.store.errors import NotFound
from workbench.store.project import Project

_UNKNOWN = object()


@dataclass
class FieldStep:
    field: str
    before: Any  # None where the file no longer holds it
    after: Any
    known: bool = True  # False when the values were blanked in a shared copy


@dataclass
class Entry:
    at: str
    by: str
    action: str  # update, insert (evidence added), delete, restore, resolve, move
    what: str  # "cell" or "evidence: <quote>"
    fields: list[FieldStep] = field(default_factory=list)
    merge: dict[str, str] | None = None  # the merge that brought it in: uuid, at, by, from

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at, "by": self.by, "action": self.action, "what": self.what,
                "fields": [{"field": f.field, "before": f.before, "after": f.after, "known": f.known}
                           for f in self.fields],
                "merge": self.merge}


def _value(text: str | None) -> Any:
    if text is None:
        return _UNKNOWN
    try:
        return json.loads(text)
    except (TypeError, ValueError):  # a revision copied from a damaged file: show it as unknown
        return _UNKNOWN


def cell_history(project: Project, cell_id: int) -> list[Entry]:
    """The cell's changes, oldest first."""
    cell = project.row("SELECT uuid FROM cell WHERE id = ?", (cell_id,))
    if cell is None:
        raise NotFound(f"There is no cell {cell_id}.")
    evidence = {u: q for u, q in project.db.execute(
        "SELECT e.uuid, e.quote FROM excerpt e JOIN cell_excerpt ce ON ce.excerpt_id = e.id"
        " WHERE ce.cell_id = ?", (cell_id,))}
    rows = project.rows(
        "SELECT r.*, p.value AS before, m.at AS merge_at, m.by AS merge_by, m.theirs_file"
        " FROM revision r LEFT JOIN revision p ON p.rev = r.parent AND r.parent != ''"
        " LEFT JOIN merge_log m ON m.uuid = r.merge_uuid AND r.merge_uuid != ''"
        f" WHERE r.row_uuid IN ({', '.join('?' * (1 + len(evidence)))}) ORDER BY r.at, r.id",
        (cell["uuid"], *evidence))
    entries: list[Entry] = []
    for r in rows:
        what = "cell" if r["row_uuid"] == cell["uuid"] else f"evidence: {evidence[r['row_uuid']]}"
        merge = None
        if r["merge_uuid"] and r["merge_at"]:
            merge = {"uuid": r["merge_uuid"], "at": r["merge_at"], "by": r["merge_by"], "from": r["theirs_file"]}
        last = entries[-1] if entries else None
        if not (last and (last.at, last.by, last.action, last.what) == (r["at"], r["by"], r["action"], what)
                and last.merge == merge):
            last = Entry(r["at"], r["by"], r["action"], what, merge=merge)
            entries.append(last)
        if r["field"]:
            after = _value(r["value"])
            if r["parent"]:
                before = _value(r["before"])
            else:  # the first change: a cell starts empty; other rows' first values are unknown
                before = ("empty" if r["field"] == "status" else "") if what == "cell" else _UNKNOWN
            known = after is not _UNKNOWN
            last.fields.append(FieldStep(r["field"], None if before is _UNKNOWN else before,
                                         None if after is _UNKNOWN else after, known))
    return entries
