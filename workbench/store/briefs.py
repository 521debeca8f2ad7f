"""Brief definitions saved in the project.

Names are trimmed, and two briefs may not share a name even in different case ("Main" and
"main "): names are looked up without regard to case, so they must be unique that way too.
`create`, `update`, `remove` and `restore` are the steps the window's undoable brief edits use.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from workbench.domain import scales
from workbench.domain.models import Brief
from workbench.store.errors import Conflict, NotFound
from workbench.store.project import Project, new_uuid
from workbench.store.validate import json_list

_FIELDS = ("name", "title", "subtitle", "author", "date", "marking", "bluf", "key_judgments",
           "recommendation", "actors", "instruments", "group_by", "include_evidence", "include_sources")


_KNOWN = {f.name for f in fields(Brief)}


def _brief(r: dict[str, Any]) -> Brief:
    r = {k: v for k, v in r.items() if k in _KNOWN}  # a newer file may have more columns
    # Never raises on what another program stored: anything but a list of names reads as [].
    r["actors"] = list(json_list(r["actors"]) or ())
    r["instruments"] = list(json_list(r["instruments"]) or ())
    r["include_evidence"] = bool(r["include_evidence"])
    r["include_sources"] = bool(r["include_sources"])
    return Brief(**r)


def list_all(project: Project) -> list[Brief]:
    return [_brief(r) for r in project.rows("SELECT * FROM brief ORDER BY name COLLATE NOCASE")]


def get(project: Project, name: str) -> Brief:
    r = project.row("SELECT * FROM brief WHERE trim(name) = ? COLLATE NOCASE", (name.strip(),))
    if r is None:
        known = ", ".join(b.name for b in list_all(project)) or "none yet"
        raise NotFound(f"No brief is called “{name}” (briefs: {known}).")
    return _brief(r)


def by_id(project: Project, brief_id: int) -> Brief:
    r = project.row("SELECT * FROM brief WHERE id = ?", (brief_id,))
    if r is None:
        raise NotFound("That brief no longer exists.")
    return _brief(r)


def _columns(brief: Brief) -> dict[str, Any]:
    """The brief as column values, checked; the name trimmed."""
    name = brief.name.strip()
    if not name:
        raise ValueError("A brief needs a name.")
    if brief.group_by not in ("actor", "instrument"):
        raise ValueError("A brief is grouped by actor or by instrument.")
    data = {k: v for k, v in asdict(brief).items() if k in _FIELDS}
    data["name"] = name
    data["marking"] = scales.marking(data["marking"])
    data["actors"] = json.dumps(list(data["actors"]))
    data["instruments"] = json.dumps(list(data["instruments"]))
    data["include_evidence"] = int(bool(data["include_evidence"]))
    data["include_sources"] = int(bool(data["include_sources"]))
    return data


def _name_taken(project: Project, name: str, other_than: int | None) -> None:
    r = project.row("SELECT id, name FROM brief WHERE trim(name) = ? COLLATE NOCASE AND id IS NOT ?",
                    (name, other_than))
    if r is not None:
        raise Conflict(f"A brief called “{r['name']}” exists already; choose another name.")


def create(project: Project, brief: Brief) -> Brief:
    """Save *brief* as a new brief (its id is ignored); Conflict if its name is taken."""
    data = _columns(brief)
    with project.transaction() as db:
        _name_taken(project, data["name"], None)
        values = {**data, "uuid": new_uuid(), **project.stamp()}
        cur = db.execute(f"INSERT INTO brief ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                         tuple(values.values()))
        project.log("insert", "brief", values["uuid"], None, data)
    return by_id(project, cur.lastrowid)


def update(project: Project, brief: Brief) -> Brief:
    """Write every field of the saved brief *brief.id* (a rename too); Conflict if renamed
    onto another brief's name, NotFound if it was deleted."""
    if brief.id is None:
        raise NotFound("That brief has not been saved yet.")
    data = _columns(brief)
    with project.transaction() as db:
        existing = project.row("SELECT * FROM brief WHERE id = ?", (brief.id,))
        if existing is None:
            raise NotFound("That brief no longer exists.")
        _name_taken(project, data["name"], brief.id)
        changed = {k: v for k, v in data.items() if existing[k] != v}
        if changed:
            sets = {**changed, **project.stamp()}
            db.execute(f"UPDATE brief SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                       (*sets.values(), brief.id))
            project.log("update", "brief", existing["uuid"], {k: existing[k] for k in changed}, changed)
    return by_id(project, brief.id)


def remove(project: Project, brief_id: int) -> Brief:
    """Delete a brief; returns it whole, for `restore`."""
    gone = by_id(project, brief_id)
    with project.transaction() as db:
        db.execute("DELETE FROM brief WHERE id = ?", (brief_id,))
        project.log("delete", "brief", gone.uuid, {"name": gone.name}, None)
    return gone


def restore(project: Project, brief: Brief) -> Brief:
    """Put a removed brief back with its id and uuid (undo of `remove`)."""
    data = _columns(brief)
    with project.transaction() as db:
        _name_taken(project, data["name"], brief.id)
        values = {**data, "id": brief.id, "uuid": brief.uuid, **project.stamp()}
        db.execute(f"INSERT INTO brief ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                   tuple(values.values()))
        project.log("insert", "brief", brief.uuid, None, data)
    return by_id(project, brief.id)


def save(project: Project, brief: Brief) -> Brief:
    """Insert or update a brief (matched by id, else by its trimmed name, ignoring case);
    one logged transaction. For the sample and scripts; the window uses create/update."""
    data = _columns(brief)
    existing = None
    if brief.id is not None:
        existing = project.row("SELECT * FROM brief WHERE id = ?", (brief.id,))
    if existing is None:
        existing = project.row("SELECT * FROM brief WHERE trim(name) = ? COLLATE NOCASE", (data["name"],))
    with project.transaction() as db:
        if existing is None:
            values = {**data, "uuid": new_uuid(), **project.stamp()}
            db.execute(f"INSERT INTO brief ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                       tuple(values.values()))
            project.log("insert", "brief", values["uuid"], None, data)
        else:
            changed = {k: v for k, v in data.items() if existing[k] != v}
            if changed:
                sets = {**changed, **project.stamp()}
                db.execute(f"UPDATE brief SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                           (*sets.values(), existing["id"]))
                project.log("update", "brief", existing["uuid"], {k: existing[k] for k in changed}, changed)
    return get(project, data["name"])


def delete(project: Project, name: str) -> None:
    b = get(project, name)
    with project.transaction() as db:
        db.execute("DELETE FROM brief WHERE id = ?", (b.id,))
        project.log("delete", "brief", b.uuid, {"name": b.name}, None)


def last_change_date(project: Project) -> str:
    """ISO date of the newest edit in the matrix, briefs or evidence ('' for an untouched project)."""
    r = project.row(
        "SELECT max(d) AS d FROM (SELECT max(updated_at) AS d FROM cell UNION ALL"
        " SELECT max(updated_at) FROM brief UNION ALL SELECT max(updated_at) FROM excerpt)"
    )
    return ((r or {}).get("d") or "")[:10]


def existing_sources(project: Project, uuids: set[str]) -> set[str]:
    """Which of the source *uuids* are still in the project."""
    found: set[str] = set()
    ordered = sorted(uuids)
    for at in range(0, len(ordered), 500):  # stay under SQLite's bound-parameter limit
        chunk = ordered[at:at + 500]
        rows = project.rows(f"SELECT uuid FROM source WHERE uuid IN ({', '.join('?' * len(chunk))})",
                            tuple(chunk))
        found.update(r["uuid"] for r in rows)
    return found
