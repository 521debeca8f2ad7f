"""Revisions: the record of common ancestry that lets two copies of a project be merged.

Design. Every change to a field of a row (a cell's posture, an actor's name, a source's grade)
gets a revision: a random id, the row's uuid, the field, the revision it replaced (`parent`)
and, for a merge or a settled dispute, the other side's revision it also supersedes
(`other`). Creating, deleting and restoring a row are revisions of the field '' (the row's
existence), so a deleted row leaves a tombstone. `revision_head` names, for each row and field,
the revision that produced the value this copy holds now; a field without a head still has the
value its row was created with.

Copies keep both tables ("Share a copy" only blanks the values stored in revisions, so no old
text travels), and a merge adds the other side's revisions to its own. Revisions therefore form
one growing graph that every copy agrees on, however copies travel (A to B and back, or round a
ring of three analysts). To merge a field, compare the two heads: equal means nothing changed;
if one head is an ancestor of the other, only the other side changed it since the copies
parted, so the newer one wins; otherwise both changed it, and different values are a dispute.
No value of the common ancestor is needed, which is why a shared copy still merges three-way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

# The fields a merge compares, per table. Everything else of a row is fixed at creation
# (a source's text, an excerpt's anchor) or is bookkeeping (stamps, ids).
FIELDS: dict[str, tuple[str, ...]] = {
    "source": ("title", "author", "outlet", "published", "url", "reliability", "note"),
    "actor": ("name", "aliases", "position"),
    "instrument": ("name", "terms", "position"),
    "cell": ("posture", "options", "likelihood", "confidence", "priority", "status"),
    "excerpt": ("credibility", "note"),
    "cell_excerpt": (),
    "brief": ("name", "title", "subtitle", "author", "date", "marking", "bluf", "key_judgments",
              "recommendation", "actors", "instruments", "group_by", "include_evidence",
              "include_sources"),
}
EXISTENCE = ""  # the field of a row's own creation, deletion and restoring


def new_rev() -> str:
    from workbench.store.project import ordered_uuid  # late: project imports this module

    return ordered_uuid()  # ordered: the revision table's index on it grows at its end


def _now() -> str:
    from workbench.store.project import now  # late: project imports this module

    return now()


def head(db: sqlite3.Connection, row_uuid: str, field: str) -> str:
    r = db.execute("SELECT rev FROM revision_head WHERE row_uuid = ? AND field = ?",
                   (row_uuid, field)).fetchone()
    return r[0] if r else ""


def add(db: sqlite3.Connection, *, table: str, row_uuid: str, field: str, action: str,
        value: Any, by: str, at: str = "", other: str = "", merge_uuid: str = "") -> str:
    """Record a new revision on top of the current head and make it the head."""
    rev = new_rev()
    db.execute(
        "INSERT INTO revision (rev, table_name, row_uuid, field, action, parent, other, value,"
        " at, by, merge_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (rev, table, row_uuid, field, action, head(db, row_uuid, field), other,
         json.dumps(value, ensure_ascii=False, default=str), at or _now(), by, merge_uuid),
    )
    set_head(db, row_uuid, field, rev)
    return rev


def set_head(db: sqlite3.Connection, row_uuid: str, field: str, rev: str) -> None:
    db.execute("INSERT INTO revision_head (row_uuid, field, rev) VALUES (?, ?, ?)"
               " ON CONFLICT (row_uuid, field) DO UPDATE SET rev = excluded.rev",
               (row_uuid, field, rev))


def is_deleted(db: sqlite3.Connection, row_uuid: str) -> bool:
    r = db.execute("SELECT r.action FROM revision_head h JOIN revision r ON r.rev = h.rev"
                   " WHERE h.row_uuid = ? AND h.field = ''", (row_uuid,)).fetchone()
    return bool(r) and r[0] == "delete"


def record(db: sqlite3.Connection, by: str, action: str, table: str, row_uuid: str,
           after: dict[str, Any] | None) -> None:
    """Turn one change-log entry into revisions (called by Project.log, in its transaction)."""
    fields = FIELDS.get(table)
    if fields is None:
        return
    if action in ("insert", "restore"):
        add(db, table=table, row_uuid=row_uuid, field=EXISTENCE, action=action, value=None, by=by)
    elif action == "delete":
        # Some callers log a delete of a row that is still cited elsewhere and so stays.
        gone = db.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (row_uuid,)).fetchone() is None
        if gone and not is_deleted(db, row_uuid):
            add(db, table=table, row_uuid=row_uuid, field=EXISTENCE, action="delete", value=None, by=by)
    elif action == "update" and after:
        for k, v in after.items():
            if k in fields:
                add(db, table=table, row_uuid=row_uuid, field=k, action="update", value=v, by=by)
    elif action == "move" and "position" in fields:
        r = db.execute(f"SELECT position FROM {table} WHERE uuid = ?", (row_uuid,)).fetchone()
        if r:
            add(db, table=table, row_uuid=row_uuid, field="position", action="move", value=r[0], by=by)


def removed(db: sqlite3.Connection, by: str, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Tombstones for rows taken out together (an actor's cells, a cell's evidence links)."""
    if table not in FIELDS:
        return
    for row in rows:
        uid = row.get("uuid")
        if uid and not is_deleted(db, uid):
            add(db, table=table, row_uuid=uid, field=EXISTENCE, action="delete", value=None, by=by)


class Graph:
    """The parent links of every revision known to either side, for ancestry questions."""

    def __init__(self) -> None:
        self.parents: dict[str, tuple[str, str]] = {}

    def load(self, db: sqlite3.Connection) -> None:
        for rev, parent, other in db.execute("SELECT rev, parent, other FROM revision"):
            self.parents.setdefault(rev, (parent, other))

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Whether *older* is *newer* or one of its ancestors."""
        if not older or older == newer:  # '' is the row as created: older than any change
            return True
        seen: set[str] = set()
        todo = [newer]
        while todo:
            rev = todo.pop()
            if rev in seen:
                continue  # a damaged file may hold cycles: never loop on them
            seen.add(rev)
            for p in self.parents.get(rev, ("", "")):
                if p == older:
                    return True
                if p:
                    todo.append(p)
        return False


def heads(db: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """{(row uuid, field): head revision} of one file."""
    return {(u, f): r for u, f, r in db.execute("SELECT row_uuid, field, rev FROM revision_head")}
