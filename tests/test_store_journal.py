"""A process killed in the middle of a write (HAZARDS 6-7): the journal brings the file back.

The crashes are real: a subprocess starts a write transaction large enough that SQLite must
spill changed pages into the file itself, then dies without committing. The file on disk is
then half-written and its `-journal` is hot; SQLite must roll it back, the workbench must never
delete it, and every committed edit must be there.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.paths import seeds
from workbench.store import cells, frame, sources
from workbench.store.check import check
from workbench.store.project import Project
from workbench.store.share import share

# The first 8 bytes of a journal whose header was synced: SQLite treats it as hot.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content(path: Path) -> str:
    """A digest of every table's rows, read with plain SQLite (which rolls back a hot journal)."""
    db = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                   " AND name NOT LIKE '%fts%' ORDER BY name").fetchall():
            for row in sorted(map(repr, db.execute(f"SELECT * FROM {table}"))):  # some have no rowid
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        db.close()


def crash_mid_transaction(path: Path) -> None:
    """Open *path* as the workbench does, change a lot, and die before COMMIT."""
    script = textwrap.dedent(f"""
        import os
        from workbench.store.project import Project
        project = Project.open({str(path)!r})
        project.db.execute("PRAGMA cache_size = 10")  # tiny cache: changed pages spill to the file
        with project.transaction() as db:
            db.execute("UPDATE sentence_span SET first_id = first_id + 1000000, last_id = last_id + 1000000")
            db.execute("UPDATE cell SET options = ?", ("uncommitted " * 400,))
            for i in range(300):
                project.log("update", "cell", "x", None, {{"n": i, "pad": "p" * 500}})
            os._exit(7)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 7, done.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles and the default frame (the sample without its worked cells)."""
    path = tmp_path_factory.mktemp("journal") / "template.pbw"
    with sample.create_empty(path, "template") as project:
        sample.add_default_actors(project)
        import_paths(project, [seeds()])
    return path


@pytest.fixture
def sample_path(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "sample.pbw"
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def crashed(sample_path: Path) -> tuple[Path, str]:
    """A sample project with one committed edit, then a crash mid-way through a big one."""
    with Project.open(sample_path) as project:
        un = frame.find_actor(project, "UN")
        diplomacy = frame.find_instrument(project, "Diplomacy")
        cell = cells.get(project, un.id, diplomacy.id)
        cells.update(project, cell.id, posture="committed before the crash")
    committed = content(sample_path)
    before = sha256(sample_path)
    crash_mid_transaction(sample_path)
    journal = sample_path.with_name(sample_path.name + "-journal")
    assert journal.exists() and journal.read_bytes()[:8] == JOURNAL_MAGIC, "journal is not hot"
    assert sha256(sample_path) != before, "nothing spilled into the file: the test proves nothing"
    return sample_path, committed


def test_hot_journal_is_rolled_back_on_open(crashed: tuple[Path, str]):
    path, committed = crashed
    journal = path.with_name(path.name + "-journal")
    with Project.open(path) as project:
        assert not project.read_only  # the dead process's lock was taken over
        un = frame.find_actor(project, "UN")
        cell = cells.get(project, un.id, frame.find_instrument(project, "Diplomacy").id)
        assert cell.posture == "committed before the crash"
        assert "uncommitted" not in cell.options
        report = check(project)
        assert report.ok, report.problems
    assert not journal.exists()  # SQLite finished the rollback and removed it
    assert content(path) == committed


def test_hot_journal_file_opens_read_only(crashed: tuple[Path, str]):
    # The read-only commands (sources, search, matrix, share) must not call the file damaged.
    path, committed = crashed
    with Project.open(path, read_only=True) as project:
        un = frame.find_actor(project, "UN")
        cell = cells.get(project, un.id, frame.find_instrument(project, "Diplomacy").id)
        assert cell.posture == "committed before the crash"
        assert sources.count(project) == 5
        assert check(project).ok
    assert content(path) == committed


def test_hot_journal_is_never_deleted_by_the_workbench(crashed: tuple[Path, str], tmp_path: Path):
    # A file that cannot be written cannot be rolled back in place: it opens read-only through
    # a rolled-back scratch copy, and the file and journal are kept as they are, so that
    # opening it later where it can be written still recovers it.
    path, committed = crashed
    journal = path.with_name(path.name + "-journal")
    saved = journal.read_bytes()
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.move(path, folder / path.name)
    shutil.move(journal, folder / journal.name)
    path, journal = folder / path.name, folder / journal.name
    folder.chmod(0o555)
    subprocess.run(["chattr", "+i", str(path), str(folder)], capture_output=True)
    try:
        writable = _can_write(folder)
        if writable:
            pytest.skip("cannot make a folder read-only for this user (root without chattr)")
        before = sha256(path)
        for read_only in (False, True):
            with Project.open(path, read_only=read_only) as project:
                assert project.read_only
                un = frame.find_actor(project, "UN")
                cell = cells.get(project, un.id, frame.find_instrument(project, "Diplomacy").id)
                assert cell.posture == "committed before the crash"
                assert "uncommitted" not in cell.options
        assert journal.read_bytes() == saved
        assert sha256(path) == before
    finally:
        subprocess.run(["chattr", "-i", str(path), str(folder)], capture_output=True)
        folder.chmod(0o755)
    with Project.open(path) as project:
        assert check(project).ok
    assert content(path) == committed


def _can_write(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


def test_share_of_a_crashed_file_has_the_committed_data(crashed: tuple[Path, str], tmp_path: Path):
    path, committed = crashed
    with Project.open(path, read_only=True) as project:
        out = share(project, tmp_path / "copy.pbw")
    with Project.open(out) as copy:
        un = frame.find_actor(copy, "UN")
        cell = cells.get(copy, un.id, frame.find_instrument(copy, "Diplomacy").id)
        assert cell.posture == "committed before the crash"
        assert check(copy).ok


@pytest.mark.parametrize("when", ["before-commit", "after-commit"])
def test_process_killed_around_an_edit(sample_path: Path, when: str):
    """HAZARDS 7: an edit is there after a kill if and only if it was committed."""
    script = textwrap.dedent(f"""
        import os
        from workbench.store import cells, frame
        from workbench.store.project import Project
        project = Project.open({str(sample_path)!r})
        cell = cells.get(project, frame.find_actor(project, "Japan").id,
                         frame.find_instrument(project, "Sanctions").id)
        if {when!r} == "after-commit":
            cells.update(project, cell.id, posture="saved edit", likelihood="likely")
            os._exit(3)
        with project.transaction():
            cells.update(project, cell.id, posture="unsaved edit")
            os._exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    with Project.open(sample_path) as project:
        assert not project.read_only
        cell = cells.get(project, frame.find_actor(project, "Japan").id,
                         frame.find_instrument(project, "Sanctions").id)
        if when == "after-commit":
            assert (cell.posture, cell.likelihood, cell.status) == ("saved edit", "likely", "draft")
        else:
            assert cell.posture == ""
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert check(project).ok


def test_process_killed_during_share_leaves_the_previous_copy(sample_path: Path, tmp_path: Path):
    """HAZARDS 7-8: a share killed after writing its temporary file never touches the target."""
    target = tmp_path / "out" / "copy.pbw"
    target.parent.mkdir()
    with Project.open(sample_path, read_only=True) as project:
        share(project, target)
    previous = sha256(target)
    script = textwrap.dedent(f"""
        import os
        import workbench.store.share as share_module
        from workbench.store.project import Project
        def die(*args):
            os._exit(5)
        share_module._verify_copy = die  # the copy is written; die before the rename
        with Project.open({str(sample_path)!r}, read_only=True) as project:
            share_module.share(project, {str(target)!r})
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 5, done.stderr
    assert sha256(target) == previous
    with Project.open(target) as copy:
        assert check(copy).ok
