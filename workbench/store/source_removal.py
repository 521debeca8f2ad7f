"""Removing sources for good: their text leaves the file, and an undo can put them back.

A removed source takes its excerpts with it (out of every cell that cited them), its
sentences and its full-text entries. The deleted pages are overwritten with zeros
(`secure_delete`) and the full-text indexes are rewritten, because FTS5 otherwise keeps the
words of deleted rows in older index segments; the change log keeps no old text of the
removed rows. A removal is one transaction: all the sources go, or none.

Ids go to SQLite in chunks: undoing a large import removes tens of thousands of sources, and
a statement may hold at most 32,766 parameters in SQLite's default build (999 in old ones).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.store import revisions, sentences
from workbench.store.errors import NotFound
from workbench.store.project import Project
from workbench.store.removal import Removed, restore, take


@dataclass(frozen=True)
class RemovalImpact:
    """What removing some sources would take with it, to ask the user first."""

    sources: int
    excerpts: int
    cells: int  # cells that lose at least one piece of evidence


def impact(project: Project, source_ids: Iterable[int]) -> RemovalImpact:
    """Count the excerpts and cells that removing *source_ids* would affect."""
    ids = _existing(project, source_ids)
    excerpts = 0
    cells: set[int] = set()
    for chunk in _chunks(ids):
        marks = _marks(chunk)
        excerpts += project.db.execute(
            f"SELECT count(*) FROM excerpt WHERE source_id IN ({marks})", chunk
        ).fetchone()[0]
        cells.update(r[0] for r in project.db.execute(
            "SELECT DISTINCT ce.cell_id FROM cell_excerpt ce JOIN excerpt e ON e.id = ce.excerpt_id"
            f" WHERE e.source_id IN ({marks})", chunk))
    return RemovalImpact(len(ids), excerpts, len(cells))


def remove_sources(project: Project, source_ids: Iterable[int]) -> Removed:
    """Remove the sources with their excerpts; returns what restore_sources() needs to undo.

    Raises NotFound if any id is not a source (then nothing is removed).
    """
    wanted = list(dict.fromkeys(int(i) for i in source_ids))
    ids = _existing(project, wanted)
    missing = sorted(set(wanted) - set(ids))
    if missing:
        raise NotFound(f"There is no source {', '.join(map(str, missing))}.")
    removed = Removed(what=f"remove {len(ids)} source{'s' if len(ids) != 1 else ''}")
    if not ids:
        return removed
    secure = project.db.execute("PRAGMA secure_delete").fetchone()[0]
    project.db.execute("PRAGMA secure_delete = ON")
    try:
        with project.transaction() as db:
            for chunk in _chunks(ids):
                marks = _marks(chunk)
                rows = db.execute(
                    f"SELECT id, title, text FROM source WHERE id IN ({marks})", chunk
                ).fetchall()
                for source_id, title, text in rows:
                    sentences.drop_source(db, source_id)
                    db.execute(
                        "INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                        (source_id, title, text),
                    )
            # Children first in every chunk: foreign keys hold after each statement.
            for table, where in (
                ("cell_excerpt", "excerpt_id IN (SELECT id FROM excerpt WHERE source_id IN ({}))"),
                ("excerpt", "source_id IN ({})"),
                ("source", "id IN ({})"),
            ):
                for chunk in _chunks(ids):
                    take(project, removed, table, where.format(_marks(chunk)), chunk)
            gone = [(r["uuid"],) for table in ("source", "excerpt") for r in removed.rows.get(table, [])]
            # Old values in the log and in the revisions would keep titles, notes and quotes
            # of what was removed; disputes about removed rows have nothing left to settle.
            db.executemany("UPDATE change_log SET before = NULL, after = NULL WHERE row_uuid = ?", gone)
            db.executemany("UPDATE revision SET value = NULL WHERE row_uuid = ?", gone)
            db.executemany("DELETE FROM dispute WHERE row_uuid = ?", gone)
            for table in ("cell_excerpt", "excerpt"):  # tombstones, so a merge keeps them out
                revisions.removed(db, project.user, table, removed.rows.get(table, []))
            for row in removed.rows["source"]:
                project.log("delete", "source", row["uuid"], {"sha256": row["sha256"]}, None)
            for table in ("source_fts", "sentence_fts"):
                db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    finally:
        project.db.execute(f"PRAGMA secure_delete = {int(secure)}")
    return removed


def restore_sources(project: Project, removed: Removed) -> None:
    """Undo remove_sources(): the sources, excerpts and citations come back as they were."""
    with project.transaction() as db:
        restore(project, removed)
        for row in removed.rows.get("source", []):
            db.execute(
                "INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
                (row["id"], row["title"], row["text"]),
            )
            sentences.index_source(db, row["id"])


def _existing(project: Project, source_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(int(i) for i in source_ids))
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(r[0] for r in project.db.execute(
            f"SELECT id FROM source WHERE id IN ({_marks(chunk)})", chunk))
    return [i for i in ids if i in found]


# Well under every SQLite build's limit on parameters per statement.
CHUNK = 900


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _marks(ids: list[int]) -> str:
    return ", ".join("?" * len(ids))
