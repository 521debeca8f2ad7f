"""Who may write a project file (HAZARDS 9-10): the lock beside it, and read-only files and folders."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.store import cells, frame, sources
from workbench.store.errors import ReadOnlyProject
from workbench.store.lock import lock_path, read_lock
from workbench.store.project import Project
from workbench.store.share import share

HOST = socket.gethostname()
IN_USE = re.compile(r"^in use by (\S+) on (\S+) since \d{4}-\d\d-\d\d \d\d:\d\d UTC$")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cell(project: Project, actor: str = "Japan", instrument: str = "Sanctions"):
    return cells.get(project, frame.find_actor(project, actor).id,
                     frame.find_instrument(project, instrument).id)


def write_lock(path: Path, **fields: object) -> Path:
    info = {"user": "kim", "host": "laptop-of-kim", "pid": 4242, "since": "2024-11-22T09:30:00+00:00"}
    info.update(fields)
    lp = lock_path(path)
    lp.write_text(json.dumps(info), encoding="utf-8")
    return lp


# -- the same file opened twice ----------------------------------------------------------

def test_second_opener_is_read_only_and_says_who(sample_path: Path):
    first = Project.open(sample_path)
    try:
        assert not first.read_only
        assert lock_path(sample_path).exists()
        second = Project.open(sample_path)
        try:
            assert second.read_only
            m = IN_USE.match(second.read_only_reason)
            assert m, second.read_only_reason
            assert m.groups() == ("tester", HOST)
            # The second cannot write ...
            with pytest.raises(ReadOnlyProject, match="in use by tester"):
                cells.update(second, _cell(second).id, posture="second writer")
            # ... the first can, and the second sees the first's edit: no lost update.
            cells.update(first, _cell(first).id, posture="first writer")
            assert _cell(second).posture == "first writer"
        finally:
            second.close()
        # Closing the read-only one must not remove the writer's lock.
        assert lock_path(sample_path).exists()
    finally:
        first.close()
    assert not lock_path(sample_path).exists()
    with Project.open(sample_path) as again:
        assert not again.read_only
        assert _cell(again).posture == "first writer"


def test_a_writer_in_another_process_makes_us_read_only(sample_path: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from workbench.store.project import Project
            project = Project.open({str(sample_path)!r})
            print("read_only" if project.read_only else "writer", flush=True)
            sys.stdin.readline()
            project.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "WORKBENCH_USER": "alice"},
    )
    try:
        assert holder.stdout.readline().strip() == "writer"
        with Project.open(sample_path) as project:
            assert project.read_only
            assert IN_USE.match(project.read_only_reason).groups() == ("alice", HOST)
            assert sources.count(project) == 5
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    with Project.open(sample_path) as project:
        assert not project.read_only


def test_many_processes_opening_at_once_get_exactly_one_writer(sample_path: Path):
    script = textwrap.dedent(f"""
        import sys, time
        from workbench.store.project import Project
        start = float(sys.argv[1])
        while time.time() < start:
            pass
        project = Project.open({str(sample_path)!r})
        print("writer" if not project.read_only else "reader", flush=True)
        time.sleep(1.0)
        project.close()
    """)
    import time

    start = str(time.time() + 1.5)
    procs = [subprocess.Popen([sys.executable, "-c", script, start], stdout=subprocess.PIPE, text=True)
             for _ in range(6)]
    roles = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert sorted(roles) == ["reader"] * 5 + ["writer"], roles
    assert not lock_path(sample_path).exists()


# -- locks left behind ----------------------------------------------------------------------

@pytest.mark.parametrize("pid", [4242, 1])
def test_lock_from_another_host_is_never_broken(sample_path: Path, pid: int):
    lp = write_lock(sample_path, pid=pid)
    before = lp.read_bytes()
    with Project.open(sample_path) as project:
        assert project.read_only
        assert project.read_only_reason == "in use by kim on laptop-of-kim since 2024-11-22 09:30 UTC"
        with pytest.raises(ReadOnlyProject):
            cells.update(project, _cell(project).id, posture="x")
    assert lp.read_bytes() == before


def test_stale_lock_from_this_host_is_taken_over(sample_path: Path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    lp = write_lock(sample_path, user="bob", host=HOST, pid=int(dead))
    with Project.open(sample_path) as project:
        assert not project.read_only, project.read_only_reason
        holder = read_lock(sample_path)
        assert (holder.user, holder.host, holder.pid) == ("tester", HOST, os.getpid())
        cells.update(project, _cell(project).id, posture="after takeover")
    assert not lp.exists()


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def test_live_lock_from_this_host_is_respected(sample_path: Path):
    # Another live process on this computer (here: pid 1, started before the lock was taken)
    # holds the file; its record is of a version without the OS lock.
    lp = write_lock(sample_path, user="bob", host=HOST, pid=1, since=_now())
    with Project.open(sample_path) as project:
        assert project.read_only
        assert project.read_only_reason.startswith("in use by bob on ")
    assert lp.exists()


UNREADABLE = [b"", b"not json at all", b"{}", b'{"user": 1}', b"\xff\xfe\x00", b'{"user": "bob", "host": "', b"\0" * 80]


@pytest.mark.parametrize("content", UNREADABLE)
def test_unreadable_lock_being_written_is_respected(sample_path: Path, content: bytes):
    # Just created: its writer may be between creating and writing it.
    lp = lock_path(sample_path)
    lp.write_bytes(content)
    with Project.open(sample_path) as project:
        assert project.read_only
        assert "in use by" in project.read_only_reason
    assert lp.read_bytes() == content


def _age(path: Path, seconds: float) -> None:
    import time

    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.mark.parametrize("content", UNREADABLE)
def test_empty_or_unreadable_lock_left_by_a_crash_is_taken_over(sample_path: Path, content: bytes):
    """A crash (or power loss) between creating the lock file and writing it: no process
    holds its OS lock, so it is stale; before, the project stayed read-only for ever."""
    lp = lock_path(sample_path)
    lp.write_bytes(content)
    _age(lp, 60)
    with Project.open(sample_path) as project:
        assert not project.read_only, project.read_only_reason
        assert read_lock(sample_path).pid == os.getpid()
    assert not lp.exists()


def test_unreadable_lock_whose_holder_lives_is_respected(sample_path: Path):
    """Whatever the record says, a live OS lock on the file means a live holder."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import fcntl, os, sys
            fd = os.open({str(lock_path(sample_path))!r}, os.O_RDWR | os.O_CREAT)
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("holding", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        _age(lock_path(sample_path), 60)
        with Project.open(sample_path) as project:
            assert project.read_only
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)


def test_reused_pid_is_not_a_live_holder(sample_path: Path):
    """A lock taken before the process now running under that pid started (a reboot)."""
    lp = write_lock(sample_path, user="bob", host=HOST, pid=1, since="2001-01-01T00:00:00+00:00")
    with Project.open(sample_path) as project:
        assert not project.read_only, project.read_only_reason
    assert not lp.exists()


def test_record_of_an_os_lock_holder_without_its_os_lock_is_stale(sample_path: Path):
    # Our own pid is alive, but a holder of this version would hold the OS lock: it is gone.
    lp = write_lock(sample_path, user="bob", host=HOST, pid=os.getpid(), since=_now(), os_lock=True)
    with Project.open(sample_path) as project:
        assert not project.read_only, project.read_only_reason
    assert not lp.exists()


def test_holder_killed_with_sigkill_is_taken_over(sample_path: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from workbench.store.project import Project
            project = Project.open({str(sample_path)!r})
            print("writer" if not project.read_only else "reader", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "WORKBENCH_USER": "alice"})
    assert holder.stdout.readline().strip() == "writer"
    with Project.open(sample_path) as project:
        assert project.read_only and "alice" in project.read_only_reason
    holder.kill()
    holder.wait(timeout=30)
    assert lock_path(sample_path).exists()
    with Project.open(sample_path) as project:
        assert not project.read_only, project.read_only_reason


def test_os_lock_probe_sees_a_holder_in_this_process(sample_path: Path):
    from workbench.store.lock import ProjectLock, is_stale

    lock = ProjectLock(sample_path)
    assert lock.acquire() is None
    try:
        holder = read_lock(sample_path)
        assert holder.os_lock and holder.started > 0
        assert not is_stale(sample_path, holder)
    finally:
        lock.release()
    assert not lock_path(sample_path).exists()


def test_read_only_open_takes_no_lock(sample_path: Path):
    with Project.open(sample_path, read_only=True) as project:
        assert project.read_only_reason == "opened read-only"
        assert not lock_path(sample_path).exists()
        # A writer may still come along.
        with Project.open(sample_path) as writer:
            assert not writer.read_only


# -- read-only files and folders --------------------------------------------------------------

def _chattr(*args: str) -> bool:
    return subprocess.run(["chattr", *args], capture_output=True).returncode == 0


@pytest.fixture
def frozen():
    """Make paths unwritable, even for root (chattr +i where chmod alone does not bind root)."""
    made: list[Path] = []

    def freeze(path: Path) -> None:
        path.chmod(0o555 if path.is_dir() else 0o444)
        immutable = _chattr("+i", str(path))
        made.append(path)
        if os.geteuid() == 0 and not immutable:
            pytest.skip("running as root without chattr: nothing is read-only for root here")

    yield freeze
    for path in reversed(made):
        _chattr("-i", str(path))
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_read_only_file_opens_read_only(sample_path: Path, tmp_path: Path, frozen):
    frozen(sample_path)
    before = sha256(sample_path)
    with Project.open(sample_path) as project:
        assert project.read_only_reason == "the file is read-only"
        assert sources.count(project) == 5
        assert _cell(project, "United Nations", "Diplomacy").status != "empty"
        with pytest.raises(ReadOnlyProject, match="the file is read-only"):
            cells.update(project, _cell(project).id, posture="x")
        # "Save a copy as…": the copy is an ordinary, writable project.
        out = tmp_path / "copy" / "mine.pbw"
        out.parent.mkdir()
        share(project, out)
    assert sha256(sample_path) == before
    assert not lock_path(sample_path).exists()
    with Project.open(out) as copy:
        assert not copy.read_only
        cells.update(copy, _cell(copy).id, posture="now writable")


def test_read_only_folder_opens_read_only(sample_path: Path, frozen):
    folder = sample_path.parent
    frozen(folder)
    before = sha256(sample_path)
    with Project.open(sample_path) as project:
        assert project.read_only
        assert project.read_only_reason in ("its folder is read-only", "the file is read-only")
        assert sources.count(project) == 5
    assert sha256(sample_path) == before
    assert sorted(p.name for p in folder.iterdir()) == [sample_path.name]


def test_read_only_old_file_upgrades_in_memory(tmp_path: Path, frozen):
    import shutil

    path = tmp_path / "old.pbw"
    shutil.copyfile(Path(__file__).parent / "data" / "project_v1.pbw", path)
    frozen(path)
    before = sha256(path)
    with Project.open(path) as project:
        assert project.read_only and project.migrated_from == 1
        assert project.backup is None
        assert project.db.execute("SELECT count(*) FROM sentence_span").fetchone()[0] > 0
    assert sha256(path) == before


def test_on_a_file_system_without_os_locks_the_pid_decides(sample_path: Path, monkeypatch):
    """Some network file systems refuse flock (ENOLCK): a free OS lock then proves nothing,
    so the holder records that it holds none and a second opener goes by pid and start time."""
    import errno
    import fcntl

    def no_locks(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with Project.open(sample_path) as first:
        assert not first.read_only
        holder = read_lock(sample_path)
        assert not holder.os_lock and holder.pid == os.getpid()
        with Project.open(sample_path) as second:
            assert second.read_only and "in use by" in second.read_only_reason
    assert not lock_path(sample_path).exists()
