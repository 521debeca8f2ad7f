"""A whole merge is one step to undo and redo, on real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from test_merge import cell_of, edit, opened, send

from workbench.ingest.importer import import_paths
from workbench.store import excerpts, frame, sources
from workbench.store.check import check
from workbench.store.merge import merge
from workbench.store.merge_undo import swap

_SKIP = {"change_log", "sqlite_sequence"}


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the change log (which records the undo itself)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " AND name NOT LIKE '%fts%'") if r[0] not in _SKIP]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        db.close()


def test_undo_puts_every_row_back_and_redo_brings_the_merge_again(sample_path: Path, tmp_path: Path):
    folder = tmp_path / "colleague"
    folder.mkdir()
    theirs = send(sample_path, folder / "theirs.pbw")
    article = tmp_path / "new.txt"
    article.write_text("Seoul expelled two diplomats. Tokyo summoned the ambassador.\n", encoding="utf-8")
    with opened(theirs, "bob") as project:
        import_paths(project, [article])
        src = next(s for s in sources.list_all(project) if s.filename == article.name)
        excerpts.cite(project, cell_of(project, "Japan", "Diplomacy").id, src.id, 0, 28)
        frame.remove_actor(project, frame.find_actor(project, "NATO").id)
        frame.add_instrument(project, "Information", ["propaganda"])
        frame.update_actor(project, frame.find_actor(project, "Russia").id, name="Russian Federation")
    edit(theirs, "bob", "China", "Sanctions", posture="Theirs", likelihood="unlikely")
    edit(sample_path, "alice", "China", "Sanctions", posture="Mine")
    before = contents(sample_path)
    with opened(sample_path, "alice") as project:
        report = merge(project, theirs)
        assert report.disputes and report.added and report.removed and report.undo is not None
        merged = contents(sample_path)
        redo = swap(project, report.undo)
        assert contents(sample_path) == before
        assert check(project).ok
        swap(project, redo, "redo")
        assert contents(sample_path) == merged
        assert check(project).ok
