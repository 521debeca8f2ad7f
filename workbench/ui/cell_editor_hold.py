"""Holding a pane's last picture for a moment while its next content is read.

A cell's evidence, disputes and history come from worker reads. Most take a few milliseconds:
painting the empty "Reading…" state in between would flash. So the pane stops painting while
its reads are out, for at most HOLD_MS; its widgets already hold the new cell's state (never
the previous cell's), only the screen waits. A read done in time shows in one repaint; a slow
one (the file busy) lets the "Reading…" state show once the moment has passed.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

HOLD_MS = 40  # two or three frames: too short to read as a pause, long enough for a quick read


class PaintHold:
    """`hold(*parts)` stops *widget* painting until each part is `done` or HOLD_MS pass."""

    def __init__(self, widget: QWidget, ms: int = HOLD_MS) -> None:
        self._widget = widget
        self._waiting: set[str] = set()
        self._timer = QTimer(widget, singleShot=True, interval=ms)
        self._timer.timeout.connect(self.release)

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def hold(self, *parts: str) -> None:
        self._waiting = set(parts)
        if not self._timer.isActive():
            self._widget.setUpdatesEnabled(False)
        self._timer.start()  # counted from the newest selection

    def done(self, part: str) -> None:
        self._waiting.discard(part)
        if not self._waiting and self._timer.isActive():
            self.release()

    def release(self) -> None:
        self._timer.stop()
        self._waiting.clear()
        self._widget.setUpdatesEnabled(True)  # repaints the pane as it now stands
