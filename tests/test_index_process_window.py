"""A large project's evidence index is built by a process of its own while the window stays
responsive: the window only relays its progress, Cancel and closing the window stop it, and
what it wrote is what building in the window would have written."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from PySide6.QtCore import Qt

from test_evidence_index import scratch_coverage
from workbench.store.check import check
from test_evidence_index_window import SOURCES, _shown, unindexed, unindexed_template  # noqa: F401 (fixtures)
from test_ui_support import make_window, settle, wait_for  # noqa: F401 (fixtures)
from workbench.evidence import coverage, index, index_process
from workbench.store import evidence_index
from workbench.store.project import Project


def _index_processes() -> list[int]:
    """Ids of this process's children that build an evidence index."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"index_process" in command:
            found.append(int(entry.name))
    return found


def _family(leader: int) -> list[int]:
    """Ids of *leader* (the index process) and its children (its reading workers), while alive."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if leader in (int(entry.name), int(fields[1])) and fields[0] != "Z":  # a zombie has ended
            found.append(int(entry.name))
    return found


def _alive(pids: list[int]) -> list[int]:
    """Those of *pids* still running (stopped counts; a zombie has ended)."""
    found = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            found.append(pid)
    return found


def _signal(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def _no_reading_here(monkeypatch) -> None:
    """Reading a sentence in this process fails: only another process can build the index."""
    def refuse(*_args):
        raise AssertionError("a sentence was read in the window's process")

    monkeypatch.setattr(index, "found_in", refuse)


def test_coverage_of_a_large_project_is_built_by_another_process(make_window, unindexed, monkeypatch, qtbot):
    assert SOURCES >= index_process.APART_FROM
    _no_reading_here(monkeypatch)
    window = make_window(unindexed)
    project = window.session.project
    window.actions.coverage.trigger()
    qtbot.waitUntil(lambda: window.index_progress.isVisible() and bool(_index_processes()), timeout=60_000)
    qtbot.waitUntil(lambda: window.matrix_model.showing_coverage, timeout=180_000)
    settle(qtbot, window)
    assert not _index_processes()  # ended once it was done
    assert index.is_current(project) and not window.index_progress.isVisible()
    monkeypatch.undo()
    assert _shown(window) == scratch_coverage(project)


def test_cancel_and_closing_stop_the_index_process(make_window, unindexed, monkeypatch, qtbot):
    _no_reading_here(monkeypatch)
    window = make_window(unindexed)
    project = window.session.project
    strip = window.index_progress
    window.actions.coverage.trigger()
    qtbot.waitUntil(lambda: strip.isVisible() and f"of {SOURCES:,}" in strip.label.text(), timeout=60_000)
    qtbot.mouseClick(strip.cancel, Qt.MouseButton.LeftButton)
    wait_for(lambda: not _index_processes(), timeout_s=60)
    settle(qtbot, window)
    marked, total = evidence_index.count_sources(project)
    assert marked < total == SOURCES and not index.is_current(project)
    assert "Indexing stopped at" in window.statusBar().currentMessage()

    window.actions.coverage.trigger()  # goes on where it stopped, until the window closes
    qtbot.waitUntil(lambda: strip.isVisible() and bool(_index_processes()), timeout=60_000)
    window.close()
    assert not _index_processes()
    with Project.open(unindexed) as again:  # sound, with what was written kept
        assert evidence_index.count_sources(again)[0] < SOURCES
        assert not index.is_current(again)



def _build_stuck(window, qtbot, *, workers: bool = False) -> tuple[int, list[int]]:
    """Show coverage and, once the index process reports (with *workers*: and its reading
    workers are running), stop it and its workers where they are: a batch that never ends.
    The process's id and the ids stopped."""
    strip = window.index_progress

    def ready() -> bool:
        running = _index_processes()
        return (strip.isVisible() and f"of {SOURCES:,}" in strip.label.text() and bool(running)
                and (not workers or len(_family(running[0])) > 1))

    window.actions.coverage.trigger()
    qtbot.waitUntil(ready, timeout=60_000)
    leader = _index_processes()[0]
    stopped = _family(leader)
    _signal(stopped, signal.SIGSTOP)  # in the middle of whatever step it is taking
    assert leader in stopped
    qtbot.wait(500)
    return leader, stopped


def test_cancel_stops_the_index_process_in_the_middle_of_a_step(make_window, unindexed, monkeypatch, qtbot):
    """A batch that takes long (here: the process and its workers stopped, so it never ends)
    holds up neither Cancel nor closing the window: the process and its workers are gone soon
    after, and the file keeps, soundly, what was committed before."""
    _no_reading_here(monkeypatch)
    # The process starts two reading workers at once (they start by themselves only once a
    # build has read for a while, which these short articles never do): a cancel ends them too.
    command = index_process._command
    monkeypatch.setattr(index_process, "_command", lambda path: [*command(path), "2"])
    window = make_window(unindexed)
    project = window.session.project
    strip = window.index_progress
    leader, stopped = _build_stuck(window, qtbot, workers=True)
    assert len(stopped) == 3  # the process and its two workers
    try:
        asked = time.monotonic()
        qtbot.mouseClick(strip.cancel, Qt.MouseButton.LeftButton)
        assert not strip.isVisible()
        wait_for(lambda: not _alive(stopped), timeout_s=30)  # generous: a loaded machine
        took = time.monotonic() - asked
    finally:
        _signal(stopped, signal.SIGKILL)
    settle(qtbot, window)
    assert "Indexing stopped at" in window.statusBar().currentMessage()
    marked, total = evidence_index.count_sources(project)
    assert marked < total == SOURCES and not index.is_current(project)

    leader, stopped = _build_stuck(window, qtbot)  # again, and the window is closed meanwhile
    try:
        asked = time.monotonic()
        window.close()
        closed = time.monotonic() - asked
        assert not _alive(stopped)
    finally:
        _signal(stopped, signal.SIGKILL)
    print(f"cancelled in {took:.2f} s, closed in {closed:.2f} s, {len(stopped)} processes stopped "
          f"(load {os.getloadavg()[0]:.2f})")
    monkeypatch.undo()
    with Project.open(unindexed) as again:
        assert check(again).ok
        assert marked <= evidence_index.count_sources(again)[0] < SOURCES
        # What was kept is consistent: going on from it gives what a build from scratch gives.
        assert index.refresh(again)
        assert index.is_current(again) and coverage.coverage(again) == scratch_coverage(again)
