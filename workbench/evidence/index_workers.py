"""Worker processes that read sentences for the evidence index (see index_worker.py).

    workers = Workers(actors, instruments, count)   # WorkersGone if none could start
    workers.send(texts)          # shares the texts out; returns at once
    found = workers.receive()    # what each text gives, in the order sent
    workers.close()

One request is out at a time: the caller reads the project while the processes work, and
never writes to a process whose answer it has not read, so no pipe can fill up both ways.
A process that dies or answers nonsense raises WorkersGone; the caller then reads in-process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench.domain.models import Actor, Instrument
from workbench.evidence.index_worker import READY, WORKER_ARGUMENT, Found, frame_message, read_message, write_message


class WorkersGone(Exception):
    """A worker could not start, stopped, or gave an answer that does not fit."""


def default_count() -> int:
    """One process per core, at most four: they run at a lower priority than the window."""
    return max(1, min(4, os.cpu_count() or 1))


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundled program starts itself as the worker
        return [sys.executable, WORKER_ARGUMENT]
    return [sys.executable, "-m", "workbench.evidence.index_worker"]


class Workers:
    """*count* worker processes reading with the frame of *actors* and *instruments*."""

    def __init__(self, actors: Sequence[Actor], instruments: Sequence[Instrument], count: int) -> None:
        root = str(Path(__file__).resolve().parent.parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
        self._procs: list[subprocess.Popen] = []
        self._shares: list[int] = []  # texts sent to each process in the request out
        frame = frame_message(actors, instruments)
        try:
            for _ in range(max(1, count)):
                proc = subprocess.Popen(_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env)
                self._procs.append(proc)
                write_message(proc.stdin, frame)
            for proc in self._procs:
                if proc.stdout.read(len(READY)) != READY:
                    raise WorkersGone("a worker did not start")
        except (OSError, ValueError) as e:
            self.close()
            raise WorkersGone(str(e)) from None
        except WorkersGone:
            self.close()
            raise

    def send(self, texts: Sequence[str]) -> None:
        """Share *texts* out among the processes (in contiguous runs, to keep their order)."""
        n = len(self._procs)
        if not n:
            raise WorkersGone("the workers were closed")
        size = -(-len(texts) // n) if texts else 0
        self._shares = []
        try:
            for k, proc in enumerate(self._procs):
                part = list(texts[k * size:(k + 1) * size])
                self._shares.append(len(part))
                if part:
                    write_message(proc.stdin, json.dumps(part).encode())
        except (OSError, ValueError) as e:
            raise WorkersGone(str(e)) from None

    def receive(self) -> list[Found]:
        """What each text of the last `send` gives, in order."""
        out: list[Found] = []
        try:
            for proc, share in zip(self._procs, self._shares):
                if not share:
                    continue
                data = read_message(proc.stdout)
                if data is None:
                    raise WorkersGone("a worker stopped")
                part = json.loads(data)
                if not isinstance(part, list) or len(part) != share:
                    raise WorkersGone("a worker's answer does not fit")
                out.extend((int(key), tuple((int(a), int(i), float(s), int(d)) for a, i, s, d in cells))
                           for key, cells in part)
        except (OSError, ValueError, TypeError) as e:
            raise WorkersGone(str(e)) from None
        finally:
            self._shares = []
        return out

    def close(self) -> None:
        """End the processes: closing their input lets them exit; one still reading (the
        caller stopped waiting for it) or stuck is killed."""
        if self._shares:
            for proc in self._procs:
                proc.kill()
        self._shares = []
        for proc in self._procs:
            try:
                proc.stdin.close()
            except OSError:
                pass
        for proc in self._procs:
            try:
                proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        self._procs = []
