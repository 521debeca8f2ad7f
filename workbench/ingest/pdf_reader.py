"""The parent's side of the PDF reader process: one process serves a batch of files.

Starting a Python interpreter with PDFium costs far more than reading a typical PDF, so the
reader process (pdf_worker) is kept for the next file. It is replaced after a crash or a
timeout (it was killed), after FILES_PER_READER files (PDFium's memory does not always
shrink back), or when the memory limit asked for changes; and it is closed after
IDLE_SECONDS without work, so no reader lingers once an import is over. Files are read one
at a time: callers on other threads wait their turn.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
from pathlib import Path

from workbench.ingest.pdf_worker import READY, WORKER_ARGUMENT, read_message, write_message

FILES_PER_READER = 50
IDLE_SECONDS = 5.0


class ReaderGone(Exception):
    """The reader process could not be started, or stopped without answering (crash, memory)."""


class ReaderTimeout(Exception):
    """The file took longer than the time limit; the reader was killed."""


class _Reader:
    """One running reader process."""

    def __init__(self, memory_mb: int) -> None:
        if getattr(sys, "frozen", False):  # the bundled program starts itself as the reader
            command = [sys.executable, WORKER_ARGUMENT, str(memory_mb)]
        else:
            command = [sys.executable, "-m", "workbench.ingest.pdf_worker", str(memory_mb)]
        env = {**os.environ, "PYTHONPATH": _package_root()}
        self.memory_mb = memory_mb
        self.files = 0
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, env=env)
        except OSError:
            raise ReaderGone("could not start") from None
        assert self.process.stdout is not None and self.process.stdin is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        # The time limit counts from when the reader is loaded, so a busy machine's slow
        # start-up is never charged to a file.
        try:
            ready = self.stdout.read(len(READY))
        except BaseException:
            self.close()
            raise
        if ready != READY.encode():
            self.close()
            raise ReaderGone("did not start")

    def ask(self, data: bytes, time_limit: float) -> bytes:
        """The reply to one file; ReaderTimeout or ReaderGone (then this reader is closed)."""
        self.files += 1
        reply: list[bytes | None] = []

        def exchange() -> None:
            try:
                write_message(self.stdin, data)
                reply.append(read_message(self.stdout))
            except (OSError, ValueError):  # the process died: a closed pipe
                reply.append(None)

        # A thread does the blocking pipe I/O, so the clock can stop it on every platform.
        talker = threading.Thread(target=exchange, name="pdf-reader-io", daemon=True)
        talker.start()
        talker.join(time_limit)
        if talker.is_alive():
            # Kill first: that ends the thread's read (closing a pipe another thread is
            # reading from would wait for that read).
            self.process.kill()
            talker.join()
            self.close()
            raise ReaderTimeout()
        if not reply or reply[0] is None:
            self.close()
            raise ReaderGone("stopped")
        return reply[0]

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        """End the process: closing its input lets it exit; a stuck one is killed."""
        try:
            self.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stdout.close()


_lock = threading.Lock()
_reader: _Reader | None = None
_idle_timer: threading.Timer | None = None
_started = 0  # reader processes started, for the benchmark and the tests


def read_pdf_bytes(data: bytes, memory_mb: int, time_limit: float) -> bytes:
    """The reader's JSON reply for the PDF in *data*; ReaderGone or ReaderTimeout if none."""
    global _reader, _started
    with _lock:
        _cancel_idle_timer()
        if _reader is not None and (_reader.memory_mb != memory_mb or not _reader.alive()
                                    or _reader.files >= FILES_PER_READER):
            _reader.close()
            _reader = None
        if _reader is None:
            _reader = _Reader(memory_mb)
            _started += 1
        reader = _reader
        try:
            return reader.ask(data, time_limit)
        except (ReaderGone, ReaderTimeout):
            _reader = None  # closed by ask(); the next file gets a fresh process
            raise
        except BaseException:  # interrupted: the process may be mid-file
            reader.process.kill()
            reader.close()
            _reader = None
            raise
        finally:
            if _reader is not None:
                _start_idle_timer()


def close_reader() -> None:
    """Close the reader process now, if one is running."""
    global _reader
    with _lock:
        _cancel_idle_timer()
        if _reader is not None:
            _reader.close()
            _reader = None


def reader_running() -> bool:
    """True while a reader process is kept for the next file."""
    with _lock:
        return _reader is not None and _reader.alive()


def readers_started() -> int:
    """How many reader processes have been started so far."""
    return _started


def _start_idle_timer() -> None:
    global _idle_timer
    _idle_timer = threading.Timer(IDLE_SECONDS, close_reader)
    _idle_timer.daemon = True
    _idle_timer.start()


def _cancel_idle_timer() -> None:
    global _idle_timer
    if _idle_timer is not None:
        _idle_timer.cancel()
        _idle_timer = None


def _package_root() -> str:
    root = str(Path(__file__).resolve().parents[2])
    extra = os.environ.get("PYTHONPATH")
    return root + os.pathsep + extra if extra else root


atexit.register(close_reader)
