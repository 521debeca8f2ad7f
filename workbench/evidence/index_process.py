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

Cancel takes effect within about a second, whatever the process is doing: this side looks for
it every POLL_S even while no line comes (one batch may take long), and a process that has not
ended STOP_GRACE_S after its input closed is killed with its reading workers (it runs in a
process group of its own). Nothing committed is lost by that: each batch's rows and marks go
in one transaction, which SQLite keeps whole or not at all, so the index stays partial but
consistent, and the next refresh goes on from the sources marked.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
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
STOP_WAIT_S = 60.0  # a process that said its last word may take this long to close the file
STOP_GRACE_S = 0.5  # a cancelled process may end itself this long; then it is killed
POLL_S = 0.25  # how often a cancel is looked for while the process says nothing
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
        # A process group of its own, so that a kill also ends the reading workers it started.
        proc = subprocess.Popen(_command(path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env, start_new_session=hasattr(os, "killpg"))
    except OSError as e:
        log.warning("The evidence index process did not start (%s); building it in this process", e)
        return None
    lines: queue.Queue[bytes | None] = queue.Queue()
    threading.Thread(target=_relay, args=(proc.stdout, lines), name="evidence-index-relay", daemon=True).start()
    last: object = None
    said: tuple[int, int, str] = (0, 0, "")  # the last report relayed, repeated to look for a cancel
    try:
        while True:
            try:
                line = lines.get(timeout=POLL_S)
            except queue.Empty:  # a long step: is it still wanted?
                if progress is not None and not progress(*said):
                    return False
                continue
            if line is None:
                break
            try:
                message = json.loads(line)
            except ValueError:
                break
            if isinstance(message, list) and len(message) == 3:
                said = (int(message[0]), int(message[1]), str(message[2]))
                if progress is not None and not progress(*said):
                    return False
            else:
                last = message
                break
    finally:
        # Its last word said, the process is closing the file: let it. Otherwise it was
        # cancelled or is failing: it ends soon, or is killed.
        _stop(proc, STOP_WAIT_S if isinstance(last, dict) else STOP_GRACE_S)
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


def _relay(stdout, lines: queue.Queue) -> None:
    """Hand the process's lines over one by one, then None once it has closed its output."""
    with stdout:
        try:
            for line in stdout:
                lines.put(line)
        except (OSError, ValueError):
            pass
    lines.put(None)


def _stop(proc: subprocess.Popen, patience: float) -> None:
    """Close the process's input (it then stops at its next report) and wait *patience*
    seconds for it to end; then kill it and its reading workers."""
    try:
        proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=patience)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the process and the workers it started
        except (AttributeError, OSError):  # Windows, or the group is gone already
            proc.kill()
        proc.wait()


# -- the process itself --------------------------------------------------------------------

def main(argv: list[str]) -> int:
    """Build the index of the project at argv[0], reporting on stdout (see above). An optional
    argv[1] is how many reading workers to start at once (see index.Analyser); by default they
    start once reading here has taken a while."""
    try:
        os.nice(2)  # the window's process goes first (its reading workers lower still)
    except (AttributeError, OSError):
        pass
    out = sys.stdout
    stop = threading.Event()

    def watch() -> None:  # the input closing is the word to stop
        # The descriptor, not sys.stdin: a thread still waiting in sys.stdin's reader holds its
        # lock when the build ends, and the interpreter's shutdown aborts on that lock.
        try:
            while os.read(0, 65536):
                pass
        except OSError:
            pass
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
        workers = int(argv[1]) if len(argv) > 1 else None
        with errors.translated(path.name, writing=True):
            from workbench.store import connection

            project = Project(path, connection.connect(path, read_only=False))
        try:
            with project.guard(writing=True):
                done = index.refresh(project, report, workers=workers)
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
