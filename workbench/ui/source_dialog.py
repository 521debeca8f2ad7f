"""Editing a source's metadata and its Admiralty reliability grade (A-F)."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget,
)

from workbench.domain import scales
from workbench.domain.models import Source

_DATE = r"^$|^\d{4}(-\d{2}(-\d{2})?)?$"


class SourceDialog(QDialog):
    """Fields of one source; `changes()` gives only what the user changed."""

    def __init__(self, source: Source, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Source details")
        self.setMinimumWidth(520)
        self._source = source
        self._edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name, label in (("title", "Title"), ("author", "Author"), ("outlet", "Outlet"),
                            ("published", "Published"), ("url", "Address")):
            edit = QLineEdit(getattr(source, name), self)
            edit.setReadOnly(read_only)
            edit.setObjectName(name)  # named for tests and style sheets
            self._edits[name] = edit
            form.addRow(f"{label}:", edit)
        self._edits["published"].setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY")
        self._edits["published"].setValidator(QRegularExpressionValidator(QRegularExpression(_DATE), self))
        self._grade = QComboBox(self)
        for letter, words in scales.RELIABILITY.items():
            self._grade.addItem(f"{letter} — {words}", letter)
        self._grade.setCurrentIndex(max(0, self._grade.findData(source.reliability)))
        self._grade.setEnabled(not read_only)
        form.addRow("Reliability:", self._grade)
        self._note = QPlainTextEdit(source.note, self)
        self._note.setReadOnly(read_only)
        self._note.setFixedHeight(self._note.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow("Note:", self._note)
        form.addRow("File:", QLineEdit(f"{source.filename} ({source.format}, {source.length:,} characters)",
                                        self, readOnly=True))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Close if read_only
            else QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> dict[str, str]:
        values = {name: " ".join(edit.text().split()) for name, edit in self._edits.items()}
        values["url"] = self._edits["url"].text().strip()
        values["reliability"] = self._grade.currentData()
        values["note"] = self._note.toPlainText().strip()
        if not values["title"]:
            values["title"] = self._source.title  # a source always has a title
        if not re.match(_DATE, values["published"]):
            values["published"] = self._source.published
        return {k: v for k, v in values.items() if v != getattr(self._source, k)}
