"""A lock file beside an open project, so that a second opener knows who has it.

SQLite's own locks do not say who holds them and do not work on every network share, so the
workbench keeps `NAME.pbw.lock` with user, host, process, its start time and the time taken.
The holder also keeps an OS lock on that file for as long as the project is open (`flock` on
POSIX, `msvcrt.locking` on Windows): the OS drops it when the process ends however it ends,
so a lock file whose OS lock is free was left by a process that is gone. That is the liveness
test (a pid alone is not one: pids are reused after a reboot, and on Windows `os.kill(pid, 0)`
does not test anything). A record from another host is never broken silently; an empty or
unreadable record whose OS lock is free (a crash between creating and writing it) is stale.
"""

from __future__ import annotations

import getpass
import json
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

# A lock file younger than this may still be being written by its creator.
_GRACE_SECONDS = 2.0
# Windows: the byte range held locked, far beyond the record, so reading it stays possible.
_WIN_LOCK_OFFSET = 1 << 30


def current_user() -> str:
    """Who is making changes: WORKBENCH_USER if set, else the login name."""
    name = os.environ.get("WORKBENCH_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down systems
        return "unknown"


def host_name() -> str:
    """This computer's name, as socket.gethostname() gives it."""
    if hasattr(os, "uname"):  # what gethostname() reads on POSIX, without importing socket
        return os.uname().nodename
    import socket

    return socket.gethostname()


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str  # ISO time, UTC
    started: float = 0.0  # the holder's process start time (seconds since the epoch), 0 if unknown
    os_lock: bool = False  # whether the holder keeps an OS lock on the file while it lives

    def describe(self) -> str:
        when = self.since.replace("T", " ")[:16]
        return f"in use by {self.user} on {self.host} since {when} UTC"


# A lock older than this was most likely left behind (a laptop shut, a crash), not kept on purpose.
STALE_AFTER_HOURS = 12


def age_hours(holder: LockInfo, now: datetime | None = None) -> float | None:
    """How many hours ago *holder* took the lock, or None if its record gives no usable time."""
    try:
        since = datetime.fromisoformat(holder.since)
    except ValueError:
        return None
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    return max(0.0, ((now or datetime.now(timezone.utc)) - since).total_seconds() / 3600)


def break_lock(path: Path, holder: LockInfo) -> bool:
    """Remove the lock on *path* that *holder* describes, because the analyst chose to open the
    file anyway. Nothing is removed (False) if the lock changed since it was read, or if a live
    process on this computer holds it: only the lock the analyst was warned about goes."""
    lp = lock_path(path)
    if read_lock(path) != holder or _held_by_a_live_process(lp):
        return False
    return _remove_stale(lp)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def process_start_time(pid: int) -> float:
    """When process *pid* started (seconds since the epoch), or 0.0 if this cannot be told."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read().decode("ascii", "replace")
        # The command name (field 2) may hold spaces and parentheses: count from its end.
        ticks = int(stat[stat.rindex(")") + 2:].split()[19])
        with open("/proc/stat", "rb") as f:
            boot = next(int(line.split()[1]) for line in f if line.startswith(b"btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return 0.0


def _pid_alive(pid: int) -> bool:
    """Whether *pid* names a running process (POSIX; Windows answers True: unknown)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there: not a test
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _os_lock(fd: int, *, exclusive: bool) -> str:
    """Try the OS lock on an open lock file without waiting: "taken", "busy" (someone holds
    it) or "none" (the file system has no such locks: nothing can be told this way)."""
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return "busy"
    except OSError as e:
        import errno

        return "busy" if e.errno in (errno.EAGAIN, errno.EACCES, errno.EDEADLK) else "none"
    return "taken"


def _os_unlock(fd: int) -> None:
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


def _held_by_a_live_process(lp: Path) -> bool:
    """Whether some process (this one included) holds the OS lock on the lock file."""
    try:
        fd = os.open(lp, os.O_RDONLY if os.name != "nt" else os.O_RDWR)
    except OSError:
        return False
    try:
        state = _os_lock(fd, exclusive=False)
        if state == "taken":
            _os_unlock(fd)
        return state == "busy"
    finally:
        os.close(fd)


_UNREADABLE = LockInfo("someone", "another computer", 0, "")


def read_lock(path: Path) -> LockInfo | None:
    """The lock on *path*, or None if there is none. An unreadable lock counts as foreign."""
    lp = lock_path(path)
    try:
        raw = lp.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return _UNREADABLE
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]),
                        float(data.get("started") or 0.0), bool(data.get("os_lock", False)))
    except (ValueError, KeyError, TypeError, AttributeError):
        return _UNREADABLE


def is_stale(path: Path, holder: LockInfo) -> bool:
    """Whether the lock on *path* described by *holder* was left by a process that is gone."""
    lp = lock_path(path)
    if _held_by_a_live_process(lp):
        return False
    if holder is _UNREADABLE:
        # Empty or cut short (a crash between creating and writing it): stale once its
        # creator has had time to write it, since no process holds its OS lock.
        try:
            return time.time() - lp.stat().st_mtime > _GRACE_SECONDS
        except OSError:
            return False
    if holder.host != host_name():
        return False  # another computer's lock is never broken silently
    if holder.os_lock:
        return True  # its holder would hold the OS lock while it lives
    # A record of a version without the OS lock: the pid, and the process's start time.
    if not _pid_alive(holder.pid):
        return True
    started = process_start_time(holder.pid)
    try:
        since = datetime.fromisoformat(holder.since).timestamp()
    except ValueError:
        return False
    # A process that started after the lock was taken is not its holder: the pid was reused.
    return bool(started) and started > since + 1.0


def _remove_stale(lp: Path) -> bool:
    """Remove a stale lock file, unless another opener took it over meanwhile.

    Holding its OS lock while checking that the name still names the same file keeps two
    openers that both found it stale from removing each other's new lock."""
    if os.name == "nt":  # an open file cannot be removed there; the OS lock was free
        try:
            lp.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            return False
        return True
    try:
        fd = os.open(lp, os.O_RDONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if _os_lock(fd, exclusive=True) == "busy":
            return False
        try:
            if os.fstat(fd).st_ino != os.stat(lp).st_ino:
                return True  # already replaced: the loop reads the new holder
            lp.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


class ProjectLock:
    """Holds the lock file (and its OS lock) for as long as a project is open for writing."""

    def __init__(self, path: Path, user: str | None = None) -> None:
        self.path = lock_path(path)
        self.user = user or current_user()  # the name a second opener is told
        self.held = False
        self._fd: int | None = None

    def acquire(self) -> LockInfo | None:
        """Take the lock. Return None on success, or the holder's LockInfo if someone has it."""
        project = self.path.with_name(self.path.name[: -len(".lock")])
        for _ in range(2):
            holder = read_lock(project)
            if holder is not None:
                if not is_stale(project, holder) or not _remove_stale(self.path):
                    return holder
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue  # someone was faster; read who
            except OSError:
                # Cannot write beside the file (read-only folder): the caller opens read-only.
                return LockInfo("", "", 0, "")
            # The OS lock first, then the record: a reader never sees a record without it.
            # Recorded only when really held: on a file system without such locks a free OS
            # lock proves nothing, and the pid and start time decide instead.
            os_lock = _os_lock(fd, exclusive=True) == "taken"
            info = LockInfo(self.user, host_name(), os.getpid(),
                            datetime.now(timezone.utc).isoformat(timespec="seconds"),
                            round(process_start_time(os.getpid()), 2), os_lock)
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, json.dumps(info.__dict__).encode("utf-8"))
                os.fsync(fd)
            except OSError:
                os.close(fd)
                self.path.unlink(missing_ok=True)
                return LockInfo("", "", 0, "")
            self._fd = fd
            self.held = True
            return None
        return read_lock(project)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        fd, self._fd = self._fd, None
        # Remove the file while still holding its OS lock, so that no opener sees a record
        # without one; then let go (Windows cannot remove an open file: close first there).
        if os.name != "nt":
            try:
                self.path.unlink()
            except OSError:
                pass
        if fd is not None:
            _os_unlock(fd)
            os.close(fd)
        if os.name == "nt":
            try:
                self.path.unlink()
            except OSError:
                pass
