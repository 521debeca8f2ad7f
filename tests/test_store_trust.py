"""The record of checked files (store/trust.py): it spares a file this app left unchanged the
full check and the schema comparison, and nothing else.

A record vouches only for the file exactly as it was: changed by another program, it is
checked in full again; recorded by an app of another schema version, it vouches for nothing.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench.paths import state_dir
from workbench.store import trust
from workbench.store.errors import DamagedProject
from workbench.store.project import Project


@pytest.fixture
def checked(sample_path: Path) -> Path:
    """The sample, opened once by this app (fully checked then) and closed: now on record."""
    Project.open(sample_path).close()
    assert trust.is_known_good(sample_path)
    return sample_path


def test_a_file_changed_by_another_program_is_checked_again(checked: Path):
    db = sqlite3.connect(checked)
    db.execute("CREATE TRIGGER wipe AFTER UPDATE ON cell BEGIN DELETE FROM source; END")
    db.commit()
    db.close()
    assert not trust.is_known_good(checked)
    with pytest.raises(DamagedProject, match="structure"):
        Project.open(checked, read_only=True)


def test_a_copy_elsewhere_is_not_on_record(checked: Path, tmp_path: Path):
    copy = tmp_path / "copy.pbw"
    shutil.copy2(checked, copy)
    assert not trust.is_known_good(copy)


def test_a_record_of_another_schema_version_vouches_for_nothing(checked: Path):
    record = state_dir() / "checked-files.json"  # where the app keeps it
    entries = json.loads(record.read_text(encoding="utf-8"))
    key = str(checked.resolve())
    # As an app with one migration step more or less would have written it.
    head, _, version = entries[key].rpartition(":v")
    entries[key] = f"{head}:v{int(version) + 1}"
    record.write_text(json.dumps(entries), encoding="utf-8")
    assert not trust.is_known_good(checked)


def test_a_known_file_opens_and_reads_as_before(checked: Path):
    from workbench.store import search

    with Project.open(checked, read_only=True) as project:
        assert project.read_only_reason == "opened read-only"
        assert search.search(project, "sanctions").hits
