"""An import holds a whole batch in SQLite's page cache, and gives the memory back after.

With SQLite's default 2 MiB cache, a batch written into a large project spills dirty pages
to the file mid-batch (a journal sync each time) and reads them back; bench/bench_import.py
shows the figures. The larger cache belongs to the import alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.store import bulk


def _cache_kib(project) -> int:
    (size,) = project.db.execute("PRAGMA cache_size").fetchone()
    return -size  # negative sizes are KiB


def _texts(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"note{i}.txt").write_text(f"Note {i}\n\nSeoul weighed sanctions, file {i}.\n", encoding="utf-8")
    return folder


def test_an_import_runs_with_the_batch_cache_and_restores_the_cache_after(tmp_path: Path):
    files = _texts(tmp_path / "in", 3)
    seen: list[int] = []
    with sample.create_empty(tmp_path / "p.pbw") as project:
        before = project.db.execute("PRAGMA cache_size").fetchone()[0]
        report = import_paths(project, [files], progress=lambda done, total, name: seen.append(_cache_kib(project)))
        assert len(report.added) == 3
        assert seen and set(seen) == {bulk.CACHE_KIB}
        assert project.db.execute("PRAGMA cache_size").fetchone()[0] == before


def test_a_failed_import_restores_the_cache_too(tmp_path: Path):
    files = _texts(tmp_path / "in", 2)

    def stop(done: int, total: int, name: str) -> None:
        raise KeyboardInterrupt  # the user pressed Ctrl+C in the middle

    with sample.create_empty(tmp_path / "p.pbw") as project:
        before = project.db.execute("PRAGMA cache_size").fetchone()[0]
        with pytest.raises(KeyboardInterrupt):
            import_paths(project, [files], progress=stop)
        assert project.db.execute("PRAGMA cache_size").fetchone()[0] == before
