"""The record of checked files (store/trust.py): it spares a file this app left unchanged the
full check and the schema comparison, and nothing else.

A record vouches only for the file exactly as it was: changed by another program, it is
checked in full again; recorded by an app of another schema version, it vouches for nothing.
"""

from __future__ import annotations

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
    record = state_dir() / "checked-files.txt"  # where the app keeps it: "FINGERPRINT KEY" lines
    lines = record.read_text(encoding="utf-8").splitlines()
    key = repr(str(checked.resolve()))
    (line,) = [x for x in lines if x.endswith(" " + key)]
    # As an app with one migration step more or less would have written it.
    head, _, version = line.split(" ", 1)[0].rpartition(":v")
    lines[lines.index(line)] = f"{head}:v{int(version) + 1} {key}"
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not trust.is_known_good(checked)


def test_odd_file_names_have_a_record_of_their_own(tmp_path: Path):
    # Names with a newline, a tab, a space or a quote are each one line of the record, and a
    # name that is the start of another is not taken for it.
    from workbench import sample

    names = ["a\nb.pbw", "tab\there.pbw", "two words.pbw", "it's.pbw", "a.pbw"]
    for name in names:
        sample.create_empty(tmp_path / name).close()
    for name in names:
        assert trust.is_known_good(tmp_path / name), name
    (tmp_path / "a.pbw").write_bytes((tmp_path / "a.pbw").read_bytes())  # changed: not on record
    assert not trust.is_known_good(tmp_path / "a.pbw")
    assert trust.is_known_good(tmp_path / "a\nb.pbw")


def test_a_damaged_record_only_costs_the_full_check(checked: Path):
    record = state_dir() / "checked-files.txt"
    record.write_bytes(b"\xff\xfe garbage\n\x00\n" + record.read_bytes()[:7])
    assert not trust.is_known_good(checked)
    with Project.open(checked, read_only=True) as project:
        assert project.read_only_reason == "opened read-only"
    Project.open(checked).close()
    assert trust.is_known_good(checked)


def test_a_known_file_opens_and_reads_as_before(checked: Path):
    from workbench.store import search

    with Project.open(checked, read_only=True) as project:
        assert project.read_only_reason == "opened read-only"
        assert search.search(project, "sanctions").hits


def test_the_earlier_json_record_is_removed_once_the_new_one_is_written(sample_path: Path):
    old = state_dir() / "checked-files.json"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"/somewhere/else.pbw": "1:2:3:4:v1"}', encoding="utf-8")
    Project.open(sample_path).close()
    assert trust.is_known_good(sample_path)
    assert not old.exists()
