"""Undoing and redoing a whole merge as one step.

A merge remembers every row it is about to touch, as it was (`None` for a row it adds), in
`Images`. Swapping the images in puts those rows back exactly, ids and uuids included, with
the source search index and sentence spans kept in step, and returns the images of what was
there, so that swapping again redoes the merge. Rows the merge did not touch (an import
made since, say) are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.store import sentences
from workbench.store.project import Project

# Parents before children; deletions run in the reverse order.
_ORDER = ("source", "actor", "instrument", "cell", "excerpt", "cell_excerpt", "brief",
          "revision", "revision_head", "dispute", "merge_log")
_KEYS = {"revision": ("rev",), "revision_head": ("row_uuid", "field"), "dispute": ("row_uuid", "field")}

Key = tuple[str, tuple[Any, ...]]  # (table, key values)


@dataclass
class Images:
    """Rows as they were before a change: {(table, key): row or None (did not exist)}."""

    what: str
    rows: dict[Key, dict[str, Any] | None] = field(default_factory=dict)

    def touch(self, db, table: str, *key: Any) -> None:
        """Remember the row before its first change (call before writing it)."""
        k = (table, key)
        if k not in self.rows:
            self.rows[k] = _read(db, table, key)

    def new(self, table: str, *key: Any) -> None:
        """A row the change adds (nothing to read first)."""
        self.rows.setdefault((table, key), None)

    def __len__(self) -> int:
        return len(self.rows)


def _where(table: str) -> str:
    return " AND ".join(f"{c} = ?" for c in _KEYS.get(table, ("uuid",)))


def _read(db, table: str, key: tuple[Any, ...]) -> dict[str, Any] | None:
    cur = db.execute(f"SELECT * FROM {table} WHERE {_where(table)}", key)
    r = cur.fetchone()
    if r is None:
        return None
    row = {d[0]: v for d, v in zip(cur.description, r)}
    if table == "source":
        row["_spans"] = sorted((s, e) for _i, s, e in sentences.spans_of(db, row["id"]))
    return row


def swap(project: Project, images: Images, action: str = "undo") -> Images:
    """Put the imaged rows back in one transaction; return the images of what they replace
    (so that swapping those in again redoes what this undid)."""
    current = Images(images.what)
    with project.transaction() as db:
        for (table, key) in images.rows:
            current.rows[(table, key)] = _read(db, table, key)
        for table in reversed(_ORDER):  # rows to take out, children first
            for (t, key), image in images.rows.items():
                if t == table and image is None and current.rows[(t, key)] is not None:
                    _delete(db, table, key, current.rows[(t, key)])
        for table in _ORDER:  # rows to put back or change, parents first
            for (t, key), image in images.rows.items():
                if t == table and image is not None:
                    _write(db, table, key, image, current.rows[(t, key)])
        project.log(action, "merge", images.what, None, None)
    return current


def _delete(db, table: str, key: tuple[Any, ...], row: dict[str, Any]) -> None:
    if table == "source":
        sentences.drop_source(db, row["id"])
        db.execute("INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                   (row["id"], row["title"], row["text"]))
    db.execute(f"DELETE FROM {table} WHERE {_where(table)}", key)


def _write(db, table: str, key: tuple[Any, ...], image: dict[str, Any], now: dict[str, Any] | None) -> None:
    row = {k: v for k, v in image.items() if not k.startswith("_")}
    if now is None:
        cols = list(row)
        db.execute(f"INSERT INTO {table} ({', '.join(f'[{c}]' for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
                   tuple(row[c] for c in cols))
        if table == "source":
            from workbench.store.merge import add_sentences  # merge imports this module

            db.execute("INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
                       (row["id"], row["title"], row["text"]))
            add_sentences(db, row["id"], row["text"], image.get("_spans", []))
        return
    changed = {k: v for k, v in row.items() if now.get(k) != v}
    if not changed:
        return
    db.execute(f"UPDATE {table} SET {', '.join(f'[{k}] = ?' for k in changed)} WHERE {_where(table)}",
               (*changed.values(), *key))
    if table == "source" and "title" in changed:
        db.execute("INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                   (now["id"], now["title"], now["text"]))
        db.execute("INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
                   (now["id"], row["title"], now["text"]))
