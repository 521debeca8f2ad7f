"""Disputes: fields two analysts changed differently, kept side by side until one is chosen.

A merge never settles a disagreement by itself: the current value stays (mine) and the other
copy's value waits in the `dispute` table with who changed it and when. Settling one writes a
revision whose parents are both sides' revisions, so that neither copy sees the question
again after the next exchange. A dispute of the field "deleted" is a row removed on one side
and changed on the other (the row stays until the analyst chooses).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from workbench.store import cells, frame, removal, revisions
from workbench.store.errors import NotFound
from workbench.store.project import Project
from workbench.store.revisions import EXISTENCE

DELETED = "deleted"  # how the existence of a row is named to a person
_TEXT_FIELDS = {"posture", "options", "note", "title", "bluf", "key_judgments", "recommendation"}


@dataclass(frozen=True)
class Dispute:
    id: int
    table: str
    row_uuid: str
    field: str  # a column, or "deleted"
    kind: str  # "edit", "deleted_here" (theirs changed a row I deleted), "deleted_there"
    label: str  # "Russia × Sanctions", an actor's name, a source's title
    mine: Any
    mine_at: str
    mine_by: str
    theirs: Any
    theirs_at: str
    theirs_by: str
    merge_uuid: str
    cell_id: int | None = None

    @property
    def is_text(self) -> bool:
        return self.field in _TEXT_FIELDS

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "table": self.table, "row_uuid": self.row_uuid, "label": self.label,
            "field": self.field, "kind": self.kind,
            "mine": {"value": self.mine, "at": self.mine_at, "by": self.mine_by},
            "theirs": {"value": self.theirs, "at": self.theirs_at, "by": self.theirs_by},
            "merge": self.merge_uuid,
        }


def decode(text: str | None, default: Any = None) -> Any:
    """A stored JSON value; *default* for none or for one a damaged file garbled."""
    if text is None:
        return default
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return default


def _mine_stamp(project: Project, row_uuid: str, field: str, row: dict[str, Any] | None) -> tuple[str, str]:
    r = project.db.execute("SELECT r.at, r.by FROM revision_head h JOIN revision r ON r.rev = h.rev"
                           " WHERE h.row_uuid = ? AND h.field = ?", (row_uuid, field)).fetchone()
    if r:
        return r[0], r[1]
    return (row or {}).get("updated_at", ""), (row or {}).get("updated_by", "")


def _dispute(project: Project, d: dict[str, Any]) -> Dispute:
    table, uid, field = d["table_name"], d["row_uuid"], d["field"]
    row = project.row(f"SELECT * FROM {table} WHERE uuid = ?", (uid,))
    cell_id = None
    if table == "cell" and row:
        names = project.db.execute("SELECT a.name, i.name FROM actor a, instrument i WHERE a.id = ? AND i.id = ?",
                                   (row["actor_id"], row["instrument_id"])).fetchone()
        label = f"{names[0]} × {names[1]}" if names else uid
        cell_id = row["id"]
    elif row:
        label = str(row.get("name") or row.get("title") or row.get("quote") or uid)
    else:
        label = uid
    if field == EXISTENCE:
        mine = "deleted" if d["kind"] == "deleted_here" else "kept"
        theirs = "changed" if d["kind"] == "deleted_here" else "deleted"
    else:
        mine = row.get(field) if row else None
        theirs = decode(d["theirs_value"])
    at, by = _mine_stamp(project, uid, field, row)
    return Dispute(d["id"], table, uid, field or DELETED, d["kind"], label, mine, at, by, theirs,
                   d["theirs_at"], d["theirs_by"], d["merge_uuid"], cell_id)


def list_all(project: Project) -> list[Dispute]:
    """Every open dispute, in the order the merges found them."""
    return [_dispute(project, d) for d in project.rows("SELECT * FROM dispute ORDER BY id")]


def count(project: Project) -> int:
    return project.db.execute("SELECT count(*) FROM dispute").fetchone()[0]


def for_cell(project: Project, cell_id: int) -> list[Dispute]:
    """Disputes of one cell's fields, and about its actor or instrument being deleted."""
    rows = project.rows(
        "SELECT d.* FROM dispute d, cell c JOIN actor a ON a.id = c.actor_id"
        " JOIN instrument i ON i.id = c.instrument_id WHERE c.id = ? AND"
        " (d.row_uuid = c.uuid OR (d.field = '' AND d.row_uuid IN (a.uuid, i.uuid))) ORDER BY d.id",
        (cell_id,))
    return [_dispute(project, d) for d in rows]


def disputed_cells(project: Project) -> set[int]:
    """Ids of the cells the matrix marks as disputed."""
    return {r[0] for r in project.db.execute(
        "SELECT c.id FROM cell c JOIN actor a ON a.id = c.actor_id JOIN instrument i ON i.id = c.instrument_id"
        " WHERE EXISTS (SELECT 1 FROM dispute d WHERE d.row_uuid = c.uuid"
        " OR (d.field = '' AND d.row_uuid IN (a.uuid, i.uuid)))")}


def get(project: Project, dispute_id: int) -> Dispute:
    d = project.row("SELECT * FROM dispute WHERE id = ?", (dispute_id,))
    if d is None:
        raise NotFound(f"There is no open dispute {dispute_id}.")
    return _dispute(project, d)


@dataclass
class Settled:
    """What settling a dispute changed, so that the window can undo it."""

    dispute: dict[str, Any]  # the dispute row as it was
    head: str  # the field's head revision before
    before: Any  # the field's value before (fields only)
    removed: removal.Removed | None = None  # rows taken out when a deletion was chosen
    spans: list[tuple[int, int]] = field(default_factory=list)  # a removed source's sentences


def resolve(project: Project, dispute_id: int, keep: str, text: str | None = None) -> Settled:
    """Settle a dispute: keep "mine", take "theirs", or "combine" (with *text*, for text fields)."""
    if keep not in ("mine", "theirs", "combine"):
        raise ValueError("Choose mine, theirs or combine.")
    d = project.row("SELECT * FROM dispute WHERE id = ?", (dispute_id,))
    if d is None:
        raise NotFound(f"There is no open dispute {dispute_id}.")
    table, uid, field = d["table_name"], d["row_uuid"], d["field"]
    with project.transaction() as db:
        head = revisions.head(db, uid, field)
        settled = Settled(d, head, None)
        if field == EXISTENCE:
            if keep == "combine":
                raise ValueError("A deleted row can only be kept or deleted.")
            delete = (keep == "mine") == (d["kind"] == "deleted_here")
            if delete:
                settled.removed = _delete_row(project, table, uid, settled.spans)
                tomb = revisions.head(db, uid, EXISTENCE)
                db.execute("UPDATE revision SET other = ?, action = 'delete' WHERE rev = ?", (d["theirs_rev"], tomb))
            else:
                revisions.add(db, table=table, row_uuid=uid, field=EXISTENCE, action="resolve", value=None,
                              by=project.user, other=d["theirs_rev"])
        else:
            row = project.row(f"SELECT * FROM {table} WHERE uuid = ?", (uid,))
            if row is None:
                raise NotFound("The disputed row no longer exists.")
            settled.before = row[field]
            value = row[field]
            if keep == "theirs":
                value = decode(d["theirs_value"], value)
            elif keep == "combine":
                if field not in _TEXT_FIELDS or text is None:
                    raise ValueError("Only text can be combined; give the combined text.")
                value = text
            if table == "cell":
                value = cells.normalise({field: value})[field]
            _write(project, table, row, field, value)
            revisions.add(db, table=table, row_uuid=uid, field=field, action="resolve", value=value,
                          by=project.user, other=d["theirs_rev"])
            project.log("resolve", table, uid, {field: settled.before}, {field: value})
        db.execute("DELETE FROM dispute WHERE id = ?", (dispute_id,))
    return settled


def unresolve(project: Project, settled: Settled) -> None:
    """Undo a settlement: the value, the head and the dispute as they were."""
    d = settled.dispute
    table, uid, field = d["table_name"], d["row_uuid"], d["field"]
    with project.transaction() as db:
        if settled.removed is not None:
            # Loaded here, by an undo: reading disputes, as the cell editor does for each cell
            # shown, needs none of the merge code (nor the hashing it loads).
            from workbench.store.merge import add_sentences

            removal.restore(project, settled.removed)
            for source in settled.removed.rows.get("source", []):  # its search entries too
                db.execute("INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
                           (source["id"], source["title"], source["text"]))
                add_sentences(db, source["id"], source["text"], settled.spans)
        elif field != EXISTENCE:
            row = project.row(f"SELECT * FROM {table} WHERE uuid = ?", (uid,))
            if row is not None:
                _write(project, table, row, field, settled.before)
                project.log("resolve", table, uid, {field: row[field]}, {field: settled.before})
        if settled.head:
            revisions.set_head(db, uid, field, settled.head)
        else:
            db.execute("DELETE FROM revision_head WHERE row_uuid = ? AND field = ?", (uid, field))
        cols = list(d)
        db.execute(f"INSERT INTO dispute ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                   tuple(d.values()))


def _write(project: Project, table: str, row: dict[str, Any], field: str, value: Any) -> None:
    db = project.db
    sets = {field: value, **project.stamp()}
    db.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
               (*sets.values(), row["id"]))
    if table == "source" and field == "title" and value != row["title"]:
        text = db.execute("SELECT text FROM source WHERE id = ?", (row["id"],)).fetchone()[0]
        db.execute("INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                   (row["id"], row["title"], text))
        db.execute("INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)", (row["id"], value, text))


def _delete_row(project: Project, table: str, uid: str, spans: list[tuple[int, int]]) -> removal.Removed:
    row = project.row(f"SELECT id FROM {table} WHERE uuid = ?", (uid,))
    if row is None:
        raise NotFound("The disputed row no longer exists.")
    if table == "actor":
        return frame.remove_actor(project, row["id"])
    if table == "instrument":
        return frame.remove_instrument(project, row["id"])
    removed = removal.Removed(f"remove {table}")
    if table == "excerpt":
        removal.take(project, removed, "cell_excerpt", "excerpt_id = ?", (row["id"],))
    elif table == "source":
        if project.db.execute("SELECT 1 FROM excerpt WHERE source_id = ?", (row["id"],)).fetchone():
            raise ValueError("The source is cited in the matrix; remove those excerpts first.")
        from workbench.store import sentences

        spans.extend(sorted((s, e) for _i, s, e in sentences.spans_of(project.db, row["id"])))
        sentences.drop_source(project.db, row["id"])
        title, text = project.db.execute("SELECT title, text FROM source WHERE id = ?", (row["id"],)).fetchone()
        project.db.execute("INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                           (row["id"], title, text))
    removal.take(project, removed, table, "id = ?", (row["id"],))
    project.log("delete", table, uid, None, None)
    return removed
