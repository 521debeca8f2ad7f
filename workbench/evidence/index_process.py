"""Bringing the evidence index up to date in a process of its own, for the window.

    refresh(project, progress=None) -> bool     as index.refresh: False if cancelled

A build reads, analyses and writes for minutes at 100,000 sources. On a thread of the window's
process each step of it (fetching rows, decoding the reading workers' answers, writing, and
the garbage collections all that allocation sets off) holds the interpreter lock, which the
window's UI thread then waits for; on a busy computer the system may even pause that thread
while it holds the lock, for tens of milliseconds. So a project of APART_FROM sources or more
is indexed by a process of its own (`python -m workbench.evidence.index_process PATH`; in the
bundled program, the program started with REFRESH_ARGUMENT), which opens its own connection
to the file and starts its own reading workers (index_workers.py); this process only relays
its progress. A smaller project is indexed here (a process takes longer to start than its
whole build), as is one that cannot be written (nothing to build).

Protocol: the process writes one JSON line per progress report, [done, total, text], then a
last line: {"done": bool}, {"error": message, "kind": ProjectError class name} or
{"crash": traceback}. Once its input closes (cancelled, or this process went away) it stops
at its next report, keeping what it has written, as a cancelled refresh does. A process
that cannot start, or stops without its last line, leaves the refresh to this process.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from workbench.evidence import index
from workbench.store import errors, sources
from workbench.store.project import Project

__all__ = ["refresh", "APART_FROM", "REFRESH_ARGUMENT", "main"]

log = logging.getLogger("workbench.index")
Progress = Callable[[int, int, str], bool]
APART_FROM = 500  # sources: from here on the index is built by a process of its own
REFRESH_ARGUMENT = "--evidence-index-refresh"
STOP_WAIT_S = 60.0  # a cancelled process finishes the batch it is writing; then it is killed
# One build at a time: a cancelled one is waited for before the next starts.
_one_at_a_time = threading.Lock()


def refresh(project: Project, progress: Progress | None = None) -> bool:
    """Bring the index up to date (see index.refresh); in a process of its own for a large
    project that can be written. Raises ProjectError as index.refresh does."""
    if project.read_only or sources.count(project) < APART_FROM:
        return index.refresh(project, progress)
    with _one_at_a_time:
        outcome = _apart(project.path, progress)
    if outcome is None:
        return index.refresh(project, progress)
    return outcome


def _command(path: Path) -> list[str]:
    if getattr(sys, "frozen", False):  # the bundled program starts itself (packaging/entry.py)
        return [sys.executable, REFRESH_ARGUMENT, str(path)]
    return [sys.executable, "-m", "workbench.evidence.index_process", str(path)]


def _apart(path: Path, progress: Progress | None) -> bool | None:
    """Run the build in its own process; None if that process could not do it."""
    root = str(Path(__file__).resolve().parent.parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    try:
        proc = subprocess.Popen(_command(path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env)
    except OSError as e:
        log.warning("The evidence index process did not start (%s); building it in this process", e)
        return None
    last: object = None
    try:
        for line in proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                break
            if isinstance(message, list) and len(message) == 3:
                if progress is not None and not progress(int(message[0]), int(message[1]), str(message[2])):
                    return False
            else:
                last = message
                break
    finally:
        _stop(proc)
    if not isinstance(last, dict) or not ("done" in last or "error" in last):
        if isinstance(last, dict) and "crash" in last:
            log.error("The evidence index process failed:\n%s", last["crash"])
        else:
            log.warning("The evidence index process stopped (exit %s); building it in this process",
                        proc.returncode)
        return None
    if "error" in last:
        kind = getattr(errors, str(last.get("kind")), None)
        error = kind if isinstance(kind, type) and issubclass(kind, errors.ProjectError) else errors.ProjectError
        raise error(str(last["error"]))
    return bool(last["done"])


def _stop(proc: subprocess.Popen) -> None:
    """Close the process's input (it then stops at its next report) and wait for it."""
    try:
        proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stdout.close()


# -- the process itself --------------------------------------------------------------------

def main(argv: list[str]) -> int:
    """Build the index of the project at argv[0], reporting on stdout (see above)."""
    try:
        os.nice(2)  # the window's process goes first (its reading workers lower still)
    except (AttributeError, OSError):
        pass
    out = sys.stdout
    stop = threading.Event()

    def watch() -> None:  # the input closing is the word to stop
        try:
            sys.stdin.buffer.read()
        finally:
            stop.set()

    threading.Thread(target=watch, daemon=True).start()

    def say(message: object) -> bool:
        try:
            out.write(json.dumps(message) + "\n")
            out.flush()
        except (OSError, ValueError):
            return False
        return True

    def report(done: int, total: int, text: str) -> bool:
        return not stop.is_set() and say([done, total, text])

    try:
        path = Path(argv[0])
        with errors.translated(path.name, writing=True):
            from workbench.store import connection

            project = Project(path, connection.connect(path, read_only=False))
        try:
            with project.guard(writing=True):
                done = index.refresh(project, report)
        finally:
            project.close()
    except errors.ProjectError as e:
        say({"error": str(e), "kind": type(e).__name__})
        return 1
    except Exception:  # noqa: BLE001 (told to the window, which logs it and builds there)
        import traceback

        say({"crash": traceback.format_exc()})
        return 1
    say({"done": done})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
