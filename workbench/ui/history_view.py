"""The cell editor's History page: every change to the cell, who made it, when, and which
merge brought it in. Values are a colleague's text too: plain text only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from workbench.store.history import Entry


def _short(value: Any, known: bool) -> str:
    if not known or value is None:
        return "?"
    text = " ".join(str(value).split()) if value != "" else "(empty)"
    return text if len(text) <= 60 else text[:59] + "…"


class HistoryView(QTreeWidget):
    """Newest first; who made a change shows as initials (the full name in its tooltip)."""

    def __init__(self, parent: QWidget | None = None, *,
                 initials_for: Callable[[str], str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        self.setAccessibleName("History of the cell")
        self.initials_for = initials_for or (lambda name: name)
        self.setHeaderLabels(["When", "Who", "What", "Change"])
        self.setRootIsDecorated(True)

    def show_entries(self, entries: list[Entry]) -> None:
        self.clear()
        for e in reversed(entries):  # newest first
            via = f" (merged from {e.merge['from']})" if e.merge else ""
            item = QTreeWidgetItem(self, [e.at.replace("T", " ")[:16], self.initials_for(e.by) or e.by,
                                          f"{e.action} {e.what}{via}", ""])
            item.setToolTip(1, e.by)
            for f in e.fields:
                change = (f"{_short(f.before, f.known)} → {_short(f.after, f.known)}" if f.known
                          else "values not kept in this copy")
                QTreeWidgetItem(item, ["", "", f.field, change])
            item.setExpanded(len(e.fields) <= 3)
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)
