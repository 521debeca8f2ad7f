"""Safety promises of the store, each checked on a real file: whole-or-nothing transactions,
the hardened connection, deleted text zeroed, and share's verified, flushed copy."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.store import cells, share as share_module
from workbench.store.errors import Conflict, DiskFull, FileVanished, ProjectError
from workbench.store.project import Project
from workbench.store.share import ShareError, share


def _log_count(project: Project) -> int:
    return project.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


def test_a_failing_statement_inside_a_transaction_leaves_nothing_behind(sample_project: Project):
    cell = cells.all_cells(sample_project)[0]
    logged = _log_count(sample_project)
    with pytest.raises(Conflict) as refused:
        with sample_project.transaction() as db:
            cells.update(sample_project, cell.id, posture="half of a change")
            # A second statement of the same change breaks a rule of the file: a brief's name is unique.
            db.execute("INSERT INTO brief (name, uuid, updated_at, updated_by) VALUES ('Options brief', 'x', '', '')")
    assert "not saved" in str(refused.value) and "UNIQUE" not in str(refused.value)
    assert not sample_project.db.in_transaction
    assert cells.by_id(sample_project, cell.id).posture == cell.posture  # the first statement went too
    assert _log_count(sample_project) == logged
    cells.update(sample_project, cell.id, posture="the next change")  # the connection works on
    assert cells.by_id(sample_project, cell.id).posture == "the next change"


def test_a_full_disk_refuses_the_change_whole_and_says_so(sample_project: Project):
    cell = cells.all_cells(sample_project)[0]
    pages = sample_project.db.execute("PRAGMA page_count").fetchone()[0]
    sample_project.db.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
    with pytest.raises(DiskFull) as refused:
        cells.update(sample_project, cell.id, options="a long judgment " * 5000)
    assert "disk" in str(refused.value) and "full" in str(refused.value) and "not saved" in str(refused.value)
    assert cells.by_id(sample_project, cell.id).options == cell.options


def test_writing_to_a_renamed_file_says_it_vanished(sample_project: Project, tmp_path: Path):
    cell = cells.all_cells(sample_project)[0]
    os.rename(sample_project.path, tmp_path / "renamed.pbw")
    with pytest.raises(FileVanished) as refused:
        cells.update(sample_project, cell.id, posture="after the rename")
    assert "renamed, moved or deleted" in str(refused.value)
    with pytest.raises(FileVanished):
        sample_project.worker()  # a new connection cannot be opened either; it says why


def test_a_live_connection_refuses_what_defensive_mode_refuses(sample_project: Project):
    db = sample_project.db
    db.execute("PRAGMA writable_schema = ON")
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE sqlite_master SET sql = sql || ' ' WHERE name = 'cell'")
    db.execute("PRAGMA writable_schema = OFF")
    assert db.execute("SELECT count(*) FROM cell").fetchone()[0] > 0


def test_deleted_text_is_zeroed_in_the_file(sample_path: Path):
    marker = "ZEROED-WHEN-DELETED-" * 50  # within one page, so it can be found whole
    with Project.open(sample_path) as project:
        with project.transaction() as db:
            db.execute("CREATE TABLE scratch (x TEXT)")
            db.execute("INSERT INTO scratch VALUES (?)", (marker,))
        assert marker.encode() in sample_path.read_bytes()  # the text did reach the file
        with project.transaction() as db:
            db.execute("DELETE FROM scratch")
            db.execute("DROP TABLE scratch")
    assert b"ZEROED-WHEN-DELETED-" not in sample_path.read_bytes()


def test_share_refuses_a_copy_that_fails_verification(sample_project: Project, tmp_path: Path):
    # Another program adds a table to the open file: a copy of it is not a clean project.
    other = sqlite3.connect(sample_project.path, isolation_level=None)
    other.execute("CREATE TABLE intruder (x)")
    other.close()
    target = tmp_path / "copy.pbw"
    with pytest.raises(ShareError) as refused:
        share(sample_project, target)
    assert "could not be written" in str(refused.value)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in tmp_path.glob("sample.pbw*"))


def test_share_flushes_the_copy_and_its_folder_to_disk(sample_project: Project, tmp_path: Path, monkeypatch):
    flushed: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name the flushed files")
    monkeypatch.setattr(share_module.os, "fsync", fsync)
    target = share(sample_project, tmp_path / "copy.pbw")
    assert target.exists()
    folder = str(tmp_path.resolve())
    assert folder in flushed  # the rename itself is on disk
    copies = [f for f in flushed if f != folder and Path(f).parent == Path(folder)]
    assert copies, flushed  # the copy's bytes were flushed before it was renamed into place


def test_typed_errors_are_project_errors():
    for kind in (Conflict, DiskFull, FileVanished):
        assert issubclass(kind, ProjectError)


def test_share_on_a_full_disk_says_so_plainly_and_changes_nothing(sample_path: Path, tmp_path: Path):
    # A real write limit (what a full disk or a quota does): the copy stops half-way.
    out = tmp_path / "out"
    out.mkdir()
    target = out / "copy.pbw"
    target.write_bytes(b"the colleague's previous copy")
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    script = textwrap.dedent(f"""
        import resource, signal
        from workbench.store.project import Project
        from workbench.store.share import ShareError, share
        with Project.open({str(sample_path)!r}, read_only=True) as project:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
            resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
            try:
                share(project, {str(target)!r})
            except ShareError as e:
                print(e)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    said = done.stdout.strip()
    assert said.startswith("The copy could not be written to copy.pbw: "), said
    assert "sample.pbw was not changed and copy.pbw was left as it was." in said
    assert "disk" in said and "(" not in said  # in words, not SQLite's own text
    for sqlite_text in ("database or disk is full", "disk I/O error", "sqlite", "SQLITE"):
        assert sqlite_text not in said
    assert target.read_bytes() == b"the colleague's previous copy"
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before
    assert [p.name for p in out.iterdir()] == ["copy.pbw"]  # no half copy left behind
