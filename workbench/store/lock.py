"""A lock file beside an open project, so that a second opener knows who has it.

SQLite's own locks do not say who holds them and do not work on every network share, so the
workbench keeps `NAME.pbw.lock` with user, host, process and time. A lock left by a crashed
process on this host is taken over; one from another host is never broken silently.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


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

    def describe(self) -> str:
        when = self.since.replace("T", " ")[:16]
        return f"in use by {self.user} on {self.host} since {when} UTC"


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_lock(path: Path) -> LockInfo | None:
    """The lock on *path*, or None if there is none. An unreadable lock counts as foreign."""
    lp = lock_path(path)
    try:
        raw = lp.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo("someone", "another computer", 0, "")
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return LockInfo("someone", "another computer", 0, "")


class ProjectLock:
    """Holds the lock file for as long as a project is open for writing."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.held = False

    def acquire(self) -> LockInfo | None:
        """Take the lock. Return None on success, or the holder's LockInfo if someone has it."""
        for _ in range(2):
            holder = read_lock(self.path.with_name(self.path.name[: -len(".lock")]))
            if holder is not None:
                stale = holder.host == host_name() and not _pid_alive(holder.pid)
                if not stale:
                    return holder
                try:  # a crashed process on this host left it: take it over
                    self.path.unlink()
                except FileNotFoundError:
                    pass
            info = LockInfo(
                current_user(),
                host_name(),
                os.getpid(),
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
            )
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue  # someone was faster; read who
            except OSError:
                # Cannot write beside the file (read-only folder): the caller opens read-only.
                return LockInfo("", "", 0, "")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(info.__dict__, f)
            self.held = True
            return None
        return read_lock(self.path.with_name(self.path.name[: -len(".lock")]))

    def release(self) -> None:
        if self.held:
            self.held = False
            try:
                self.path.unlink()
            except OSError:
                pass
