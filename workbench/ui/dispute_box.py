"""Both versions of a disputed cell, side by side, with Keep mine / Take theirs / Combine.

Shown in the cell editor above the fields when the cell has open disputes. Values come from
a colleague's file: every one is shown as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFrame, QGridLayout, QLabel, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from workbench.ui import appearance

if TYPE_CHECKING:  # the store's disputes (and the merge code they use) load on the first read of one
    from workbench.store.disputes import Dispute


def _text(value: Any) -> str:
    return "(empty)" if value is None or value == "" else str(value)


def _stamp(by: str, at: str) -> str:
    return f"{by or 'someone'}, {at.replace('T', ' ')[:16]}" if at else (by or "")


class DisputeBox(QFrame):
    """`resolve_requested(dispute_id, keep, text)`: keep is "mine", "theirs" or "combine"."""

    resolve_requested = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputes")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 4, 6, 4)
        self.disputes: list[Dispute] = []
        self.buttons: dict[tuple[int, str], QPushButton] = {}
        self.hide()

    def show_disputes(self, disputes: list[Dispute], *, editable: bool) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.disputes = list(disputes)
        self.buttons = {}
        self.setVisible(bool(disputes))
        if not disputes:
            return
        head = QLabel("Analysts differ — choose which judgment stands:", self)
        appearance.field_label(head)
        self.grid.addWidget(head, 0, 0, 1, 4)
        for col, title in enumerate(("Field", "Mine", "Theirs"), 0):
            label = QLabel(title, self)
            appearance.muted(label, 0.9)
            self.grid.addWidget(label, 1, col)
        for row, d in enumerate(self.disputes, 2):
            field = QLabel(d.field if d.table == "cell" else f"{d.table} {d.label}: {d.field}", self)
            field.setTextFormat(Qt.TextFormat.PlainText)
            self.grid.addWidget(field, row, 0)
            for col, (value, by, at) in enumerate(((d.mine, d.mine_by, d.mine_at),
                                                  (d.theirs, d.theirs_by, d.theirs_at)), 1):
                label = QLabel(f"{_text(value)}\n— {_stamp(by, at)}", self)
                label.setTextFormat(Qt.TextFormat.PlainText)  # a colleague's text, shown literally
                label.setWordWrap(True)
                label.setObjectName(f"dispute_{'mine' if col == 1 else 'theirs'}_{d.field}")
                self.grid.addWidget(label, row, col)
            actions = QVBoxLayout()
            choices = [("mine", "Keep mine"), ("theirs", "Take theirs")]
            if d.is_text:
                choices.append(("combine", "Combine…"))
            for keep, title in choices:
                button = QPushButton(title, self)
                button.setObjectName(f"{keep}_{d.field}")
                button.setEnabled(editable)
                button.clicked.connect(lambda _c=False, d=d, k=keep: self._choose(d, k))
                self.buttons[(d.id, keep)] = button
                actions.addWidget(button)
            self.grid.addLayout(actions, row, 3)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)

    def _choose(self, d: Dispute, keep: str) -> None:
        text = ""
        if keep == "combine":
            combined = CombineDialog.ask(self, d)
            if combined is None:
                return
            text = combined
        self.resolve_requested.emit(d.id, keep, text)


class CombineDialog(QDialog):
    """Both texts in one editor, for the analyst to make one judgment of them."""

    def __init__(self, parent: QWidget | None, d: Dispute) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Combine both versions of {d.field}")
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("combined")
        self.edit.setPlainText(f"{_text(d.mine)}\n\n{_text(d.theirs)}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(520, 320)

    @classmethod
    def ask(cls, parent: QWidget | None, d: Dispute) -> str | None:
        dialog = cls(parent, d)
        return dialog.edit.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None
