"""Reading an import's files in worker processes (parse_worker), answers in file order.

    with closing(read_files(paths, count)) as answers:
        for path, read in answers: ...  # read: an IngestError for the whole file, or its Parts

Each process has a lane: file i goes to lane i % count. A thread per lane keeps a few files
in flight to its process and queues the answers, so the processes read ahead while the
importer writes, and the pipes never fill up both ways. While a lane's first process loads,
the lane reads its first files here. Closing the iterator stops the lanes and ends their
processes, whatever they were reading.

A process that dies or answers something that does not fit is replaced, and the file it was
reading is tried once more in the new one (the process may have been killed from outside);
a file that takes a second process down gets the message a damaged file gets. A lane whose
process cannot be started reads in this process, as an import always did.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.domain.models import ParsedDocument
from workbench.ingest.errors import IngestError, display_name
from workbench.ingest.parse_worker import READY, TEXT_FIELDS, WORKER_ARGUMENT, describe, unpack_spans
from workbench.messages import read_message, write_message

# Files sent to a process ahead of its answers: enough that it never waits for this process's
# threads, which share one interpreter with the writing; their paths fit in any pipe's buffer
# (4 KiB on some systems), so sending one never waits for the process to read.
IN_FLIGHT = 64
REQUEST_BYTES = 4000
PIPE_BYTES = 1 << 20  # the most an unprivileged process may ask for, by default
# Answers a lane holds for the importer: enough for the process to go on reading while a whole
# batch is written (the importer's batches are of 500 files), but at most this many bytes
# of text together (a folder of 50 MB texts must not be read ahead into memory).
QUEUED = 1000
QUEUED_BYTES = 64 << 20


@dataclass(frozen=True)
class Part:
    """One document of a file (a library export has several), or why it cannot be imported."""

    label: str
    doc: ParsedDocument | None
    error: str = ""
    spans: Sequence[int] = ()  # its sentences: start, end, start, end, ... (see `pairs`)


def pairs(offsets: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a Part's `spans`."""
    return zip(offsets[0::2], offsets[1::2])


Read = IngestError | list[Part]


def default_count() -> int:
    """One process per core but the one the importer writes on, at most four. (Into a large
    project one process reads text files faster than the writing takes them; a second
    one on two cores only adds its start-up and its share of the switching.)"""
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def read_here(path: Path) -> Read:
    """Read *path* in this process (a small import: starting processes would cost more)."""
    return _decode(describe(path))


def read_files(paths: Sequence[Path], count: int) -> Iterator[tuple[Path, Read]]:
    """(path, what it holds) for each of *paths*, in order, read by *count* processes."""
    stop = threading.Event()
    lanes = [_Lane(list(enumerate(paths))[k::count], stop) for k in range(max(1, count))]
    for lane in lanes:
        lane.start()
    try:
        for i, path in enumerate(paths):
            index, read = lanes[i % len(lanes)].take()
            assert index == i, "lanes answer in the order they were given"
            yield path, read
    finally:
        stop.set()
        for lane in lanes:
            lane.end()


class _Answers:
    """The answers a lane holds for the importer: QUEUED of them, QUEUED_BYTES together (one
    is always let in, however large). `put` gives up once the lanes are stopped."""

    def __init__(self, stop: threading.Event) -> None:
        self._items: deque[tuple[tuple[int, Read] | BaseException, int]] = deque()
        self._bytes = 0
        self._changed = threading.Condition()
        self._stop = stop

    def put(self, item: tuple[int, Read] | BaseException, size: int) -> None:
        with self._changed:
            while self._items and (len(self._items) >= QUEUED or self._bytes + size > QUEUED_BYTES):
                if self._stop.is_set():
                    return
                self._changed.wait(0.1)
            self._items.append((item, size))
            self._bytes += size
            self._changed.notify_all()

    def get(self) -> tuple[int, Read] | BaseException:
        with self._changed:
            while not self._items:
                self._changed.wait()
            item, size = self._items.popleft()
            self._bytes -= size
            self._changed.notify_all()
            return item


class _Lane:
    """One worker process and the thread that feeds it files and queues its answers."""

    def __init__(self, work: list[tuple[int, Path]], stop: threading.Event) -> None:
        self._thread = threading.Thread(target=self._run, name="import-reader", daemon=True)
        self._work = work
        self._stop = stop
        self._answers = _Answers(stop)
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._loaded = threading.Event()  # the process started last has said READY, or died
        self._said: list[bool] = []  # whether what it said was READY

    def start(self) -> None:
        self._thread.start()

    def take(self) -> tuple[int, Read]:
        """The next answer; what went wrong in the lane's thread is raised here."""
        answer = self._answers.get()
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def end(self) -> None:
        """Stop the lane (its process is killed: it may be mid-file) and wait for its thread."""
        self._kill()
        self._thread.join()

    def _run(self) -> None:
        try:
            self._serve()
        except BaseException as e:  # the importer must hear of it, not wait forever
            self._put(e)
        finally:
            self._kill()

    def _serve(self) -> None:
        todo: deque[tuple[int, Path]] = deque(self._work)
        sent: deque[tuple[int, Path]] = deque()
        retried: set[int] = set()
        fruitless = 0  # processes in a row that died before they were given a file
        unread = 0  # bytes of the requests in flight
        process = self._start()
        first = process is not None
        while (todo or sent) and not self._stop.is_set():
            if first and todo and not self._loaded.is_set():
                # While the first process loads (a good part of a second on a busy machine)
                # the writing waits for files: read here meanwhile. (Never while a later one
                # loads: the file that took the last one down is next.)
                index, path = todo.popleft()
                self._put((index, read_here(path)))
                continue
            first = False
            if process is not None and not self._ready():  # it died loading: try another
                fruitless += 1
                process = self._start() if fruitless <= 2 else None
                continue
            if process is None or fruitless > 2:  # no process that works: read here
                self._kill()
                process = None
                index, path = todo.popleft()
                # ...except the file that took a process down: it might take this one too.
                self._put((index, _damaged(path) if index in retried else read_here(path)))
                continue
            while todo and len(sent) < IN_FLIGHT and process.poll() is None:
                index, path = todo[0]
                request = os.fsencode(path)
                # Requests wait in the pipe while the process answers: never more than the
                # smallest pipe holds (one always goes: then the process is waiting for it).
                if sent and unread + len(request) + 8 > REQUEST_BYTES:
                    break
                try:
                    write_message(process.stdin, request)
                except (OSError, ValueError):
                    break  # it died: seen when its answer is read
                sent.append(todo.popleft())
                unread += len(request) + 8
            answer = self._answer(process) if sent else None
            if answer is not None:
                index, path = sent.popleft()
                unread -= len(os.fsencode(path)) + 8
                self._put((index, answer))
                continue
            if self._stop.is_set():
                return
            # The process died or made no sense, while reading the first file sent to it.
            self._kill()
            if sent:
                index, path = sent[0]
                if index in retried:
                    sent.popleft()
                    self._put((index, _damaged(path)))
                else:
                    retried.add(index)
                todo.extendleft(reversed(sent))
                sent.clear()
                unread = 0
                fruitless = 0
            else:
                fruitless += 1
            process = self._start()

    def _answer(self, process: subprocess.Popen) -> Read | None:
        """The process's answer to the oldest file sent, or None if it gave none that fits."""
        try:
            data = read_message(process.stdout)
            return None if data is None else _decode(json.loads(data))
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _put(self, item: tuple[int, Read] | BaseException) -> None:
        read = item[1] if isinstance(item, tuple) else None
        size = sum(len(part.doc.text) for part in read if part.doc) if isinstance(read, list) else 0
        self._answers.put(item, size)

    def _start(self) -> subprocess.Popen | None:
        """A new worker process, loading (see `_ready`); None if none could be started."""
        if self._stop.is_set():
            return None
        try:
            # A process group of its own, so that killing it also ends the PDF reader it may
            # have started (which has no time limit of its own once its parent is gone).
            proc = subprocess.Popen(_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, env=_environment(),
                                    start_new_session=hasattr(os, "killpg"))
        except OSError:
            return None
        _widen(proc.stdout)
        with self._lock:
            self._proc = proc
        if self._stop.is_set():  # the lane was ended while this one started
            self._kill()
            return None
        loaded, said = threading.Event(), []
        self._loaded, self._said = loaded, said

        def wait_for_ready() -> None:
            try:
                said.append(proc.stdout.read(len(READY)) == READY)
            except (OSError, ValueError):
                pass  # it died or was killed: not ready
            loaded.set()

        threading.Thread(target=wait_for_ready, name="import-reader-start", daemon=True).start()
        return proc

    def _ready(self) -> bool:
        """Wait until the process started last has loaded: True if it said it is ready (else
        it is ended)."""
        self._loaded.wait()
        if self._said != [True]:
            self._kill()
            return False
        return True

    def _kill(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the reader and what it started
        except (AttributeError, OSError):  # Windows, or the group is gone already
            proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


def _damaged(path: Path) -> IngestError:
    return IngestError(f"{display_name(path)} could not be read; the file may be damaged")


def _decode(reply: Any) -> Read:
    """What a worker's reply says; ValueError or TypeError if it does not fit."""
    if not isinstance(reply, dict):
        raise ValueError("not an object")
    if "error" in reply:
        return IngestError(_text(reply["error"]))
    parts = []
    for entry in reply["entries"]:
        label = _text(entry["label"])
        if "error" in entry:
            parts.append(Part(label, None, _text(entry["error"])))
            continue
        fields = entry["doc"]
        doc = ParsedDocument(**{key: _text(fields[key]) for key in TEXT_FIELDS},
                             pages=tuple(_number(p) for p in fields["pages"]))
        parts.append(Part(label, doc, spans=unpack_spans(_text(entry["spans"]))))
    return parts


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _number(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not a whole number")
    return value


def _widen(pipe: Any) -> None:
    """Room for many answers in the pipe (Linux), so a process seldom waits for its lane's
    thread, which waits its turn for the interpreter while the importer writes."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # another system, or a lower limit: the default size works, a little slower


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundled program starts itself as the worker
        return [sys.executable, WORKER_ARGUMENT]
    return [sys.executable, "-m", "workbench.ingest.parse_worker"]


def _environment() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
