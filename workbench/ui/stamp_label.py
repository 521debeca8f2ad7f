"""The cell's "changed … by …" line, which gives way to initials when the pane is narrow."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class StampLabel(QLabel):
    """Shows "changed WHEN by NAME" when it fits, else "changed WHEN by INITIALS" (the full
    name stays in the tooltip). Its size hints are those of the two forms, so the layout can
    give it less room without the text changing its own size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._full = ""
        self._short = ""

    def set_stamp(self, when: str, name: str, initials: str) -> None:
        """*when* and who changed the cell last; empty *when* clears the line."""
        self._full = f"changed {when} by {name}" if when else ""
        self._short = f"changed {when} by {initials or name}" if when else ""
        self.setToolTip(f"Last changed {when} by {name}" if when else "")
        # The full form until the layout has given the label its new width; then the one that fits.
        self.setText(self._full)
        self.updateGeometry()
        QTimer.singleShot(0, self, self._choose)

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._hint(self._full)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._hint(self._short)

    def _hint(self, text: str) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2
        return QSize(width if text else 0, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._choose()

    def _choose(self) -> None:
        if not self._full:
            self.setText("")
            return
        fits = self.width() >= self._hint(self._full).width()
        self.setText(self._full if fits else self._short)
