"""Cycles are collected on the UI thread only (ui/long_lived.py): a worker that allocates
never runs a collection, so a Qt object caught in a cycle is never destroyed off the UI thread."""

from __future__ import annotations

import gc
import threading

from workbench.ui import long_lived


class _Node:
    """A cycle that says on which thread it was freed."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Node.freed_on.append(threading.current_thread().name)


def test_a_worker_that_allocates_never_collects_and_the_ui_thread_does(qtbot, qapp):
    long_lived.collect_on_ui_thread(qapp)
    assert not gc.isenabled()
    gc.collect()
    _Node.freed_on.clear()
    _Node()  # garbage at once, but only a collection frees a cycle

    def allocate() -> None:
        # Far more new containers than the youngest generation's threshold: an automatic
        # collector would run here, on this thread, and free the node.
        for _ in range(20 * gc.get_threshold()[0]):
            pair = [[], []]
            pair[0].append(pair)

    worker = threading.Thread(target=allocate, name="project-read_test")
    worker.start()
    worker.join()
    assert _Node.freed_on == []
    qtbot.waitUntil(lambda: bool(_Node.freed_on), timeout=5_000)  # the UI thread's timer
    assert _Node.freed_on == [threading.main_thread().name]
