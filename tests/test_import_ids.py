"""Ids of imported sources and of revisions start with the time (RFC 9562 version 7).

Made one after another they sort in the order they were made, so the indexes on them (the
source's uuid, the change log's and revisions' row uuid, the revision id) grow at their end
and an import into a big project rewrites few of their pages.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from workbench.ingest.importer import import_paths
from workbench.store.project import Project


def _write_files(folder: Path, tag: str, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{tag}{i}.txt").write_text(f"Report {tag} {i}\n\nThe envoy of round {tag} spoke on day {i}.\n",
                                              encoding="utf-8")
    return folder


def _ids(project: Project, added: list[int]) -> tuple[list[str], list[str]]:
    marks = ",".join("?" * len(added))
    uuids = [r[0] for r in project.db.execute(f"SELECT uuid FROM source WHERE id IN ({marks}) ORDER BY id", added)]
    revs = [r[0] for r in project.db.execute(
        f"SELECT rev FROM revision WHERE row_uuid IN (SELECT uuid FROM source WHERE id IN ({marks})) ORDER BY id",
        added)]
    return uuids, revs


def test_imported_ids_follow_the_order_of_import(empty_project: Project, tmp_path: Path):
    first = import_paths(empty_project, [_write_files(tmp_path / "a", "a", 30)])
    time.sleep(0.01)  # a later millisecond
    second = import_paths(empty_project, [_write_files(tmp_path / "b", "b", 30)])
    uuids_a, revs_a = _ids(empty_project, first.added)
    uuids_b, revs_b = _ids(empty_project, second.added)
    for value in uuids_a + uuids_b + revs_a + revs_b:
        parsed = uuid.UUID(value)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == value
    assert len(set(uuids_a + uuids_b + revs_a + revs_b)) == 120
    assert min(uuids_b) > max(uuids_a)
    assert min(revs_b) > max(revs_a)
    # Each id's first 48 bits are the time it was made, in milliseconds.
    made = int(uuids_b[0].replace("-", "")[:12], 16) / 1000
    assert abs(made - time.time()) < 600
