"""A plain-text editor for cell fields that leaves Undo/Redo to the window's one undo stack.

QPlainTextEdit keeps its own undo history and claims Ctrl+Z for it. Here every change is
saved to the project and undone through the project's undo stack instead, so the editor's
history is switched off and the shortcut is passed on to the window's Undo/Redo actions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeySequence, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class TypingEdit(QPlainTextEdit):
    """Emits `typed` when the user changes the text and `left` when focus leaves."""

    typed = Signal()
    left = Signal()
    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # see SafeBrowser
        self._loading = False
        self.textChanged.connect(self._changed)

    def set_text_quietly(self, text: str) -> None:
        """Show *text* without counting it as typing; keep the cursor near where it was."""
        if text == self.toPlainText():
            return
        pos = self.textCursor().position()
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(pos, self.document().characterCount() - 1))
        self.setTextCursor(cursor)

    def _changed(self) -> None:
        if not self._loading:
            self.typed.emit()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and (
            e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo)
        ):
            e.ignore()  # not ours: let the window's Undo/Redo shortcut fire
            return False
        return super().event(e)

    def focusInEvent(self, e) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(e)
        self.entered.emit()

    def focusOutEvent(self, e) -> None:  # noqa: N802
        super().focusOutEvent(e)
        self.left.emit()
