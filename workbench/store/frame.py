"""The matrix frame: actors (rows, with aliases) and instruments (columns, with terms)."""

from __future__ import annotations

import json
from typing import Any

from workbench.domain.models import Actor, Instrument
from workbench.store import removal
from workbench.store.errors import NotFound
from workbench.store.project import Project, new_uuid
from workbench.store.validate import json_list

_KINDS = {"actor": "aliases", "instrument": "terms"}


def _clean_list(items: Any) -> list[str]:
    seen: dict[str, str] = {}
    for item in items or ():
        s = " ".join(str(item).split())
        if s and s.lower() not in seen:
            seen[s.lower()] = s
    return list(seen.values())


def _actor(r: dict[str, Any]) -> Actor:
    return Actor(r["id"], r["uuid"], r["name"], json_list(r["aliases"]) or (), r["position"],
                 r["updated_at"], r["updated_by"])


def _instrument(r: dict[str, Any]) -> Instrument:
    return Instrument(r["id"], r["uuid"], r["name"], json_list(r["terms"]) or (), r["position"],
                      r["updated_at"], r["updated_by"])


def actors(project: Project) -> list[Actor]:
    return [_actor(r) for r in project.rows("SELECT * FROM actor ORDER BY position, id")]


def instruments(project: Project) -> list[Instrument]:
    return [_instrument(r) for r in project.rows("SELECT * FROM instrument ORDER BY position, id")]


def actor(project: Project, actor_id: int) -> Actor:
    r = project.row("SELECT * FROM actor WHERE id = ?", (actor_id,))
    if r is None:
        raise NotFound(f"There is no actor {actor_id}.")
    return _actor(r)


def instrument(project: Project, instrument_id: int) -> Instrument:
    r = project.row("SELECT * FROM instrument WHERE id = ?", (instrument_id,))
    if r is None:
        raise NotFound(f"There is no instrument {instrument_id}.")
    return _instrument(r)


def _find(items: list[Any], text: str, names: Any, kind: str) -> Any:
    want = " ".join(text.split()).casefold()
    for item in items:
        if item.name.casefold() == want:
            return item
    for item in items:
        if any(n.casefold() == want for n in names(item)):
            return item
    known = ", ".join(i.name for i in items) or "none yet"
    raise NotFound(f"No {kind} is called “{text}” (known: {known}).")


def find_actor(project: Project, text: str) -> Actor:
    """The actor whose name or an alias is *text*, ignoring case."""
    return _find(actors(project), text, lambda a: a.aliases, "actor")


def find_instrument(project: Project, text: str) -> Instrument:
    return _find(instruments(project), text, lambda i: (), "instrument")


def _insert(project: Project, table: str, name: str, extra: list[str], position: int | None) -> int:
    name = " ".join(name.split())
    if not name:
        raise ValueError(f"An {table} needs a name.")
    db = project.db
    if position is None:
        position = db.execute(f"SELECT coalesce(max(position), -1) + 1 FROM {table}").fetchone()[0]
    else:
        db.execute(f"UPDATE {table} SET position = position + 1 WHERE position >= ?", (position,))
    values = {"uuid": new_uuid(), "name": name, _KINDS[table]: json.dumps(extra, ensure_ascii=False),
              "position": position, **project.stamp()}
    cur = db.execute(
        f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
        tuple(values.values()),
    )
    row_id = int(cur.lastrowid or 0)
    # One cell per actor x instrument, made with the frame so that it always exists.
    other, mine = ("instrument", "actor") if table == "actor" else ("actor", "instrument")
    for (other_id,) in db.execute(f"SELECT id FROM {other}").fetchall():
        ids = {f"{mine}_id": row_id, f"{other}_id": other_id}
        stamp = project.stamp()
        db.execute(
            "INSERT INTO cell (actor_id, instrument_id, uuid, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?, ?)",
            (ids["actor_id"], ids["instrument_id"], new_uuid(), stamp["updated_at"], stamp["updated_by"]),
        )
    project.log("insert", table, values["uuid"], None, {"name": name, _KINDS[table]: extra})
    return row_id


def add_actor(project: Project, name: str, aliases: Any = (), position: int | None = None) -> Actor:
    """Add an actor (and its empty cells), at the end or at *position*."""
    with project.transaction():
        row_id = _insert(project, "actor", name, _clean_list(aliases), position)
    return actor(project, row_id)


def add_instrument(project: Project, name: str, terms: Any = (), position: int | None = None) -> Instrument:
    with project.transaction():
        row_id = _insert(project, "instrument", name, _clean_list(terms), position)
    return instrument(project, row_id)


def _update(project: Project, table: str, row_id: int, name: str | None, extra: Any) -> None:
    r = project.row(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    if r is None:
        raise NotFound(f"There is no {table} {row_id}.")
    field = _KINDS[table]
    new: dict[str, Any] = {}
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise ValueError(f"An {table} needs a name.")
        if name != r["name"]:
            new["name"] = name
    if extra is not None:
        cleaned = json.dumps(_clean_list(extra), ensure_ascii=False)
        if cleaned != r[field]:
            new[field] = cleaned
    if not new:
        return
    with project.transaction() as db:
        sets = {**new, **project.stamp()}
        db.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                   (*sets.values(), row_id))
        project.log("update", table, r["uuid"], {k: r[k] for k in new}, new)


def update_actor(project: Project, actor_id: int, *, name: str | None = None, aliases: Any = None) -> Actor:
    _update(project, "actor", actor_id, name, aliases)
    return actor(project, actor_id)


def update_instrument(project: Project, instrument_id: int, *, name: str | None = None,
                      terms: Any = None) -> Instrument:
    _update(project, "instrument", instrument_id, name, terms)
    return instrument(project, instrument_id)


def _move(project: Project, table: str, row_id: int, index: int) -> None:
    ids = [r[0] for r in project.db.execute(f"SELECT id FROM {table} ORDER BY position, id")]
    if row_id not in ids:
        raise NotFound(f"There is no {table} {row_id}.")
    ids.remove(row_id)
    ids.insert(max(0, min(index, len(ids))), row_id)
    with project.transaction() as db:
        db.executemany(f"UPDATE {table} SET position = ? WHERE id = ?", list(enumerate(ids)))
        uid = db.execute(f"SELECT uuid FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
        project.log("move", table, uid, None, {"position": index})


def move_actor(project: Project, actor_id: int, index: int) -> None:
    """Put an actor at row *index* (0-based), shifting the others."""
    _move(project, "actor", actor_id, index)


def move_instrument(project: Project, instrument_id: int, index: int) -> None:
    _move(project, "instrument", instrument_id, index)


def has_content(project: Project, *, actor_id: int | None = None, instrument_id: int | None = None) -> bool:
    """Whether any cell of that row or column holds text, grades or evidence."""
    col, val = ("actor_id", actor_id) if actor_id is not None else ("instrument_id", instrument_id)
    r = project.db.execute(
        f"SELECT 1 FROM cell c WHERE c.{col} = ? AND (c.posture != '' OR c.options != ''"
        " OR c.likelihood != '' OR c.confidence != '' OR c.priority != '' OR c.status != 'empty'"
        " OR EXISTS (SELECT 1 FROM cell_excerpt ce WHERE ce.cell_id = c.id)) LIMIT 1",
        (val,),
    ).fetchone()
    return r is not None


def _remove(project: Project, table: str, row_id: int) -> removal.Removed:
    r = project.row(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    if r is None:
        raise NotFound(f"There is no {table} {row_id}.")
    removed = removal.Removed(f"remove {table} {r['name']}")
    with project.transaction():
        cells = f"SELECT id FROM cell WHERE {table}_id = ?"
        orphans = (f"id IN (SELECT excerpt_id FROM cell_excerpt WHERE cell_id IN ({cells}))"
                   " AND id NOT IN (SELECT excerpt_id FROM cell_excerpt WHERE cell_id NOT IN"
                   f" ({cells}))")
        excerpt_rows = project.rows(f"SELECT * FROM excerpt WHERE {orphans}", (row_id, row_id))
        removal.take(project, removed, "cell_excerpt", f"cell_id IN ({cells})", (row_id,))
        if excerpt_rows:
            ids = tuple(e["id"] for e in excerpt_rows)
            removal.take(project, removed, "excerpt", f"id IN ({','.join('?' * len(ids))})", ids)
        removal.take(project, removed, "cell", f"{table}_id = ?", (row_id,))
        removal.take(project, removed, table, "id = ?", (row_id,))
        project.log("delete", table, r["uuid"], {"name": r["name"]}, None)
    return removed


def remove_actor(project: Project, actor_id: int) -> removal.Removed:
    """Remove an actor with its cells and the evidence only they cite; undo with restore()."""
    return _remove(project, "actor", actor_id)


def remove_instrument(project: Project, instrument_id: int) -> removal.Removed:
    return _remove(project, "instrument", instrument_id)
