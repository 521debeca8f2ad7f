"""Asks for the credibility (Admiralty 1-6) and an optional note of a passage being cited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from workbench.domain import scales
from workbench.ui import appearance

_QUOTE_PREVIEW = 400


class CiteDialog(QDialog):
    """Shows the passage and the target cell; `credibility()` and `note()` after accept."""

    def __init__(self, quote: str, cell_label: str, source_title: str, credibility: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cite in cell")
        self.setMinimumWidth(460)
        quote = " ".join(quote.split())
        if len(quote) > _QUOTE_PREVIEW:
            quote = quote[:_QUOTE_PREVIEW] + "…"
        target = QLabel(cell_label, self)
        target.setTextFormat(Qt.TextFormat.PlainText)
        target.setObjectName("cellTitle")
        appearance.heading(target, 1.1)
        passage = QLabel(f"“{quote}”", self)
        passage.setTextFormat(Qt.TextFormat.PlainText)
        passage.setWordWrap(True)
        passage.setObjectName("quote")
        appearance.italic(passage)
        source = QLabel(source_title, self)
        source.setTextFormat(Qt.TextFormat.PlainText)
        source.setObjectName("muted")
        appearance.muted(source)
        self._credibility = QComboBox(self)
        self._credibility.setObjectName("credibility")  # named for tests and style sheets
        for n, words in scales.CREDIBILITY.items():
            self._credibility.addItem(f"{n} — {words}", n)
        self._credibility.setCurrentIndex(max(0, self._credibility.findData(credibility)))
        self._note = QLineEdit(self)
        self._note.setObjectName("note")
        self._note.setPlaceholderText("Optional: why this passage matters")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Cite")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Cell:", target)
        form.addRow("Passage:", passage)
        form.addRow("Source:", source)
        form.addRow("Credibility:", self._credibility)
        form.addRow("Note:", self._note)
        form.addRow(buttons)
        self._credibility.setFocus()

    def credibility(self) -> int:
        return int(self._credibility.currentData())

    def note(self) -> str:
        return self._note.text().strip()
