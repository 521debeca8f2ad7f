"""Removing rows so that they can be put back: the basis of undo for deletions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.store import revisions
from workbench.store.project import Project

# Parents before children, so restoring in this order satisfies foreign keys.
_ORDER = ("source", "actor", "instrument", "cell", "excerpt", "cell_excerpt")


@dataclass
class Removed:
    """Rows taken out of the project by one user action, exactly as they were."""

    what: str  # plain words for the change log and an undo menu
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        self.rows.setdefault(table, []).extend(rows)


def take(project: Project, removed: Removed, table: str, where: str, params: tuple[Any, ...]) -> None:
    """Delete rows of *table* matching *where*, remembering them in *removed*."""
    rows = project.rows(f"SELECT * FROM {table} WHERE {where}", params)
    if rows:
        removed.add(table, rows)
        project.db.execute(f"DELETE FROM {table} WHERE {where}", params)
        revisions.removed(project.db, project.user, table, rows)  # tombstones, for merging


def restore(project: Project, removed: Removed) -> None:
    """Put back rows taken by a removal, with their ids and uuids, in one transaction."""
    with project.transaction() as db:
        for table in _ORDER:
            for row in removed.rows.get(table, []):
                cols = ", ".join(f'"{c}"' for c in row)
                db.execute(
                    f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
                if "uuid" in row:
                    project.log("restore", table, row["uuid"], None, {"what": removed.what})
