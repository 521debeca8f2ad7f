"""Find in the document shown in the reader: a bar under the text with next/previous and a count.

It searches the source's own text (Python offsets, as the store keeps them), case-insensitive
and literal: what is typed is what is found, with no search syntax.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from workbench.ui import appearance

MAX_FOUND = 5000  # more than this are counted as "5000+" and not highlighted beyond it


def find_all(text: str, needle: str, limit: int = MAX_FOUND) -> list[tuple[int, int]]:
    """Every place *needle* occurs in *text*, case-insensitive, as (start, end) offsets."""
    needle = needle.strip()
    if not needle:
        return []
    found = []
    for m in re.finditer(re.escape(needle), text, re.IGNORECASE):
        found.append((m.start(), m.end()))
        if len(found) >= limit:
            break
    return found


class FindBar(QWidget):
    """Type to find; Enter/F3 next, Shift+Enter/Shift+F3 previous, Escape closes.

    `found(list, current)` tells the reader what to highlight and which one to select."""

    found = Signal(list, int)  # all (start, end) ranges; the index of the current one, -1 if none
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.ranges: list[tuple[int, int]] = []
        self.current = -1
        self.box = QLineEdit(self)
        self.box.setObjectName("findBox")
        self.box.setPlaceholderText("Find in this document")
        self.box.setAccessibleName("Find in this document")
        self.box.setClearButtonEnabled(True)
        self.previous = QToolButton(self)
        self.previous.setText("Previous")
        self.previous.setToolTip("Previous match (Shift+Enter)")
        self.next = QToolButton(self)
        self.next.setText("Next")
        self.next.setToolTip("Next match (Enter)")
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        appearance.muted(self.count)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAccessibleName("Close find")
        self.close_button.setToolTip("Close (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for w in (self.box, self.previous, self.next, self.count, self.close_button):
            layout.addWidget(w, 1 if w is self.box else 0)
        self.box.textChanged.connect(lambda _t: self.refresh())
        self.next.clicked.connect(self.go_next)
        self.previous.clicked.connect(self.go_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.box.installEventFilter(self)
        self.hide()

    def open_bar(self, text: str, selected: str = "") -> None:
        """Show the bar on *text* (the shown source), starting from *selected* if any."""
        self.text = text
        self.show()
        if selected and "\n" not in selected and len(selected) <= 200:
            self.box.setText(selected)
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
        self.refresh()

    def set_text(self, text: str) -> None:
        """Another source is shown: find again in it."""
        self.text = text
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self.ranges = find_all(self.text, self.box.text())
        self.current = 0 if self.ranges else -1
        self._tell()

    def go_next(self) -> None:
        if self.ranges:
            self.current = (self.current + 1) % len(self.ranges)
            self._tell()

    def go_previous(self) -> None:
        if self.ranges:
            self.current = (self.current - 1) % len(self.ranges)
            self._tell()

    def close_bar(self) -> None:
        self.hide()
        self.ranges, self.current = [], -1
        self.found.emit([], -1)
        self.closed.emit()

    def _tell(self) -> None:
        n = len(self.ranges)
        if not self.box.text().strip():
            self.count.setText("")
        elif not n:
            self.count.setText("No matches")
        else:
            more = "+" if n >= MAX_FOUND else ""
            self.count.setText(f"{self.current + 1} of {n}{more}")
        self.found.emit(list(self.ranges), self.current)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.box and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.go_previous() if shift else self.go_next()
                return True
        return super().eventFilter(watched, event)
