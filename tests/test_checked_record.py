"""A file this computer checked and has not changed since stays on the record of checked files
after it is closed, whatever this app wrote to it meanwhile (store/project.py `close`)."""

from __future__ import annotations

from pathlib import Path

from workbench.store import trust
from workbench.store.project import Project


def test_a_write_that_changes_no_row_keeps_the_file_on_record(sample_path: Path):
    Project.open(sample_path).close()
    assert trust.is_known_good(sample_path)
    with Project.open(sample_path) as project:
        with project.transaction() as db:
            db.execute("DELETE FROM evidence_state")
            db.execute("DELETE FROM evidence_state")  # no row left, yet the file changes
        assert project.db.total_changes == 0
    assert trust.is_known_good(sample_path)


def test_changes_made_through_another_connection_keep_the_file_on_record(sample_path: Path):
    Project.open(sample_path).close()
    project = Project.open(sample_path)
    worker = project.worker(writing=True)
    with worker.transaction() as db:
        db.execute("UPDATE project SET name = 'Renamed by a worker'")
    worker.close()
    with project.transaction() as db:  # then a write of no row on the owner's connection
        db.execute("DELETE FROM evidence_state")
    project.close()
    assert trust.is_known_good(sample_path)
    with Project.open(sample_path, read_only=True) as again:
        assert again.name == "Renamed by a worker"

