"""The status bar line: file · saved · read-only reason · counts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from workbench.ui import appearance


class StatusLine:
    """Permanent labels at the right of the status bar (messages show at the left)."""

    def __init__(self, bar: QStatusBar) -> None:
        self.file = self._label(bar, "statusFile")
        self.saved = self._label(bar, "statusSaved")
        self.read_only = self._label(bar, "statusReadOnly")
        appearance.warning_text(self.read_only)
        self.counts = self._label(bar, "statusCounts")
        for label in (self.file, self.saved, self.read_only, self.counts):
            bar.addPermanentWidget(label)
        self.set_project(None, "")

    @staticmethod
    def _label(bar: QStatusBar, name: str) -> QLabel:
        label = QLabel(bar)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setContentsMargins(6, 0, 6, 0)
        return label

    def set_project(self, path: Path | None, counts: str, *, read_only: str = "") -> None:
        """The open file (None: none), its figures, and why it is read-only ("": writable)."""
        if path is None:
            self.file.setText("No project open")
            self.file.setToolTip("")
            self.saved.setText("")
            self.read_only.setText("")
            self.read_only.hide()
        else:
            self.file.setText(path.name)
            self.file.setToolTip(str(path))
            self.saved.setText("" if read_only else "Every change is saved as you make it")
            self.read_only.setVisible(bool(read_only))
            self.read_only.setText(f"Read-only: {read_only}" if read_only else "")
        self.set_counts(counts)

    def show_progress(self, text: str) -> None:
        """Progress of the check of a received file, where the read-only reason stands."""
        self.read_only.setText(text)

    def mark_saved(self) -> None:
        self.saved.setText(f"Saved {datetime.now():%H:%M:%S}")

    def set_counts(self, counts: str) -> None:
        self.counts.setText(counts)
