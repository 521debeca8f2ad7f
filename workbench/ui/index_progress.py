"""A strip that says how far the evidence index has come, with Cancel, where the analyst waits
for it: above the matrix when coverage is shown, and in the suggestions panel.

    strip = IndexProgress(parent)             # hidden until told otherwise
    strip.set_progress(done, total, text)     # "Indexing sources… 12,300 of 100,000"
    strip.set_progress(None)                  # done or stopped: hidden again
    strip.cancel_requested                    # the Cancel button was pressed
"""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


def progress_text(done: int, total: int, text: str) -> str:
    """What the strip says: sources counted when known, else the job's own words."""
    if total:
        return f"Indexing sources… {done:,} of {total:,}"
    return f"{text or 'Updating the evidence index'}…"


class IndexProgress(QWidget):
    """A label, a bar and a Cancel button on one line; hidden while nothing is indexed."""

    cancel_requested = Signal()
    SHOW_AFTER_S = 0.3  # a refresh of a few sources ends before the strip would flash up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indexProgress")
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.bar.setAccessibleName("Evidence index progress")
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setToolTip("Stop indexing; what is done is kept, and the rest is read next time")
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel)
        self._since: float | None = None  # when the indexing shown began
        self.setVisible(False)

    def set_progress(self, done: int | None, total: int = 0, text: str = "") -> None:
        """Show how far indexing has come (None: hide)."""
        if done is None:
            self._since = None
            self.setVisible(False)
            return
        if self._since is None:
            self._since = time.monotonic()
        self.label.setText(progress_text(done, total, text))
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # no total known: a busy bar
        if time.monotonic() - self._since >= self.SHOW_AFTER_S:
            self.setVisible(True)
