"""One side of a merge read into memory: rows by uuid, revision heads, known revisions.

THEIRS is a file from elsewhere: every value a merge may copy is checked here against the
same rules the store applies to a user's edits, so that a hostile copy cannot bring in what
the workbench itself would refuse.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from workbench.domain import scales
from workbench.store.errors import DamagedProject
from workbench.store.revisions import FIELDS

# Parents before children: the order rows are read, inserted and matched in.
TABLES = ("source", "actor", "instrument", "cell", "excerpt", "cell_excerpt", "brief")
# Columns read per table (a source's text is read only when the source is copied).
_COLUMNS = {
    "source": ("id", "uuid", "title", "author", "outlet", "published", "url", "filename", "format",
               "sha256", "reliability", "note", "imported_at", "updated_at", "updated_by"),
    "actor": ("id", "uuid", "name", "aliases", "position", "updated_at", "updated_by"),
    "instrument": ("id", "uuid", "name", "terms", "position", "updated_at", "updated_by"),
    "cell": ("id", "uuid", "actor_id", "instrument_id", "posture", "options", "likelihood",
             "confidence", "priority", "status", "updated_at", "updated_by"),
    "excerpt": ("id", "uuid", "source_id", "start", "end", "quote", "prefix", "suffix",
                "credibility", "note", "updated_at", "updated_by"),
    "cell_excerpt": ("id", "uuid", "cell_id", "excerpt_id", "position", "updated_at", "updated_by"),
    "brief": ("id", "uuid") + FIELDS["brief"] + ("updated_at", "updated_by"),
}
_PARENTS = {  # foreign key column -> table it points at
    "cell": {"actor_id": "actor", "instrument_id": "instrument"},
    "excerpt": {"source_id": "source"},
    "cell_excerpt": {"cell_id": "cell", "excerpt_id": "excerpt"},
}


@dataclass
class Revision:
    rev: str
    table: str
    row_uuid: str
    field: str
    action: str
    parent: str
    other: str
    value: str | None
    at: str
    by: str


@dataclass
class Side:
    """What one file holds, as plain data."""

    name: str
    project_uuid: str
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    by_id: dict[str, dict[int, str]] = field(default_factory=dict)
    heads: dict[tuple[str, str], str] = field(default_factory=dict)
    revisions: dict[str, Revision] = field(default_factory=dict)

    def parent_uuid(self, table: str, row: dict[str, Any], column: str) -> str:
        return self.by_id[_PARENTS[table][column]].get(row[column], "")

    def existence(self, row_uuid: str) -> Revision | None:
        """The revision that last created, deleted or restored the row, if any."""
        rev = self.heads.get((row_uuid, ""))
        return self.revisions.get(rev) if rev else None

    def deleted(self, row_uuid: str) -> bool:
        r = self.existence(row_uuid)
        return r is not None and r.action == "delete"


def read(db: sqlite3.Connection, name: str, *, check: bool) -> Side:
    """Read every row a merge compares; with *check*, refuse values the store would refuse."""
    r = db.execute("SELECT uuid FROM project LIMIT 1").fetchone()
    if r is None:
        raise DamagedProject(f"{name} has no project record; it is damaged.")
    side = Side(name, r[0])
    try:
        for table in TABLES:
            cols = ", ".join(f'"{c}"' for c in _COLUMNS[table])
            rows: dict[str, dict[str, Any]] = {}
            ids: dict[int, str] = {}
            for values in db.execute(f"SELECT {cols} FROM {table}"):
                row = dict(zip(_COLUMNS[table], values))
                if check:
                    _check(table, row, name)
                rows[row["uuid"]] = row
                ids[row["id"]] = row["uuid"]
            side.rows[table] = rows
            side.by_id[table] = ids
        for values in db.execute("SELECT rev, table_name, row_uuid, field, action, parent, other,"
                                 " value, at, by FROM revision"):
            rev = Revision(*values)
            side.revisions[rev.rev] = rev
        side.heads = {(u, f): rev for u, f, rev in db.execute(
            "SELECT row_uuid, field, rev FROM revision_head")}
    except (ValueError, TypeError) as e:
        raise DamagedProject(f"{name} holds a value this workbench does not accept ({e}).") from None
    return side


def _text(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError(f"{v!r} is not text")
    return v


def _names(v: Any) -> None:
    items = json.loads(_text(v))
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError("a list of names is not a list of text")


def _check(table: str, row: dict[str, Any], name: str) -> None:
    """Raise ValueError for a value the workbench would never have written."""
    _text(row["uuid"])
    if table == "cell":
        for k in ("posture", "options"):
            _text(row[k])
        scales.likelihood(_text(row["likelihood"]))
        scales.confidence(_text(row["confidence"]))
        scales.priority(_text(row["priority"]))
        scales.status(_text(row["status"]))
    elif table == "source":
        for k in ("title", "author", "outlet", "published", "url", "note", "sha256"):
            _text(row[k])
        scales.reliability(_text(row["reliability"]))
    elif table in ("actor", "instrument"):
        if not _text(row["name"]).strip():
            raise ValueError(f"an {table} without a name")
        _names(row["aliases" if table == "actor" else "terms"])
        if not isinstance(row["position"], int):
            raise ValueError("a position is not a number")
    elif table == "excerpt":
        scales.credibility(row["credibility"])
        _text(row["quote"])
        _text(row["note"])
        if not (isinstance(row["start"], int) and isinstance(row["end"], int)):
            raise ValueError("an excerpt's place is not a number")
    elif table == "brief":
        _text(row["name"])
        scales.marking(_text(row["marking"]))
        _names(row["actors"])
        _names(row["instruments"])
