"""The garbage collector in a program with a window: it runs on the UI thread only, and what
start-up made, living as long as the program, is taken out of its way.

Left automatic, a collection runs in whichever thread allocates when the counts pass their
thresholds, and destroys there whatever cycles it frees. A Qt object caught in a cycle (a closed
dialog and the slots that refer to it) is then destroyed on a worker thread, which crashes Qt:
a segmentation fault "Garbage-collecting" in a project-read worker. `collect_on_ui_thread` turns
automatic collection off and collects from a timer on the UI thread instead, generation by
generation as the interpreter would (a young generation every half second at most, an old one
only when its count says so).

A full collection visits every container the program holds (modules, classes, functions, the
window's widgets and their wrappers): with a 100,000-source project open, 15 to 50 ms of CPU,
run by whichever thread happens to allocate at that moment while it holds the interpreter
lock, so the UI thread waits for it, or runs it itself. `gc.freeze()` moves everything alive
now to a permanent generation that collections skip; whatever is made later is collected as
before. It is done once per program, when the first list of sources is on show (the last big
allocation of opening a project): a cycle frozen then and dropped later is never freed, so
freezing at every project opened would let such cycles add up.
"""

from __future__ import annotations

import gc

_frozen = False
_collector = None  # the UI thread's timer, once started
INTERVAL_MS = 500


def freeze_once() -> None:
    """Freeze what is alive now, the first time only (cheap to call again)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def collect_on_ui_thread(app) -> None:  # app: QApplication
    """Collect cycles only from a timer on *app*'s thread (once per program)."""
    global _collector
    if _collector is not None:
        return
    from PySide6.QtCore import QTimer

    gc.disable()
    _collector = QTimer(app)
    _collector.setInterval(INTERVAL_MS)
    _collector.timeout.connect(collect_due)
    _collector.start()


def collect_due() -> None:
    """Collect the oldest generation whose count passed its threshold, if any did."""
    young, middle, old = gc.get_count()
    first, second, third = gc.get_threshold()
    if young > first:
        gc.collect(2 if old > third else 1 if middle > second else 0)
