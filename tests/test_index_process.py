"""Building the evidence index in a process of its own (evidence/index_process.py), without
the window: what it writes, and the build going on in this process when that one fails."""

from __future__ import annotations

import logging
import sys

from test_evidence_index import scratch_coverage
from test_evidence_index_window import SOURCES, unindexed, unindexed_template  # noqa: F401 (fixtures)
from workbench.evidence import coverage, index, index_process
from workbench.store import evidence_index
from workbench.store.project import Project


def _progress(seen: list[tuple[int, int, str]]):
    def report(done: int, total: int, text: str) -> bool:
        seen.append((done, total, text))
        return True

    return report


def test_the_process_builds_what_this_process_would(unindexed, caplog):
    seen: list[tuple[int, int, str]] = []
    with caplog.at_level(logging.WARNING, logger="workbench.index"), Project.open(unindexed) as project:
        assert index_process.refresh(project, _progress(seen))
        assert index.is_current(project)
        assert coverage.coverage(project) == scratch_coverage(project)
    # The process did the build: a build left to this process is always logged.
    assert not caplog.records, caplog.text
    # Its progress came through as the build in this process reports it: sources, then the end.
    assert any(text == "Indexing sources" and total == SOURCES for _d, total, text in seen)
    assert seen[-1] == (SOURCES, SOURCES, "")


def test_a_process_that_does_not_start_leaves_the_build_here(unindexed, monkeypatch, caplog):
    monkeypatch.setattr(index_process, "_command", lambda path: ["/nonexistent/python", str(path)])
    with caplog.at_level(logging.WARNING, logger="workbench.index"), Project.open(unindexed) as project:
        assert index_process.refresh(project)
        assert index.is_current(project)
    assert "did not start" in caplog.text


def test_a_process_that_stops_without_a_word_leaves_the_build_here(unindexed, monkeypatch, caplog):
    # Stops at once, having said only one progress line and a line that is no message.
    said = "print('[0, 1000, \"Indexing sources\"]'); print('oops')"
    monkeypatch.setattr(index_process, "_command", lambda path: [sys.executable, "-c", said])
    with caplog.at_level(logging.WARNING, logger="workbench.index"), Project.open(unindexed) as project:
        assert evidence_index.count_sources(project)[0] == 0
        assert index_process.refresh(project)
        assert index.is_current(project)
    assert "stopped" in caplog.text


def test_a_finished_process_ends_cleanly_when_its_input_closes_later(unindexed):
    # The window reads the last line and closes the process's input a moment later; the
    # process, its build done, must then end with 0, not abort on its way out.
    import subprocess
    import time

    proc = subprocess.Popen(index_process._command(unindexed), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        last = b""
        for line in proc.stdout:
            last = line
            if line.startswith(b"{"):
                break
        assert b'"done": true' in last, last
        time.sleep(1.0)
        proc.stdin.close()
        assert proc.wait(timeout=120) == 0, proc.stderr.read().decode(errors="replace")
    finally:
        proc.kill()
        proc.wait()
