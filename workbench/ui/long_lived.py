"""What start-up made lives as long as the program: take it out of the garbage collector's way.

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


def freeze_once() -> None:
    """Freeze what is alive now, the first time only (cheap to call again)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
