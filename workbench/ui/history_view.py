"""The cell editor's History page: every change to the cell, who made it, when, and which
merge brought it in. Values are a colleague's text too: plain text only."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from workbench.store.history import Entry


def _short(value: Any, known: bool) -> str:
    if not known or value is None:
        return "?"
    text = " ".join(str(value).split()) if value != "" else "(empty)"
    return text if len(text) <= 60 else text[:59] + "…"


class HistoryView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        self.setHeaderLabels(["When", "Who", "What", "Change"])
        self.setRootIsDecorated(True)

    def show_entries(self, entries: list[Entry]) -> None:
        self.clear()
        for e in reversed(entries):  # newest first
            via = f" (merged from {e.merge['from']})" if e.merge else ""
            item = QTreeWidgetItem(self, [e.at.replace("T", " ")[:16], e.by, f"{e.action} {e.what}{via}", ""])
            for f in e.fields:
                change = (f"{_short(f.before, f.known)} → {_short(f.after, f.known)}" if f.known
                          else "values not kept in this copy")
                QTreeWidgetItem(item, ["", "", f.field, change])
            item.setExpanded(len(e.fields) <= 3)
        self.resizeColumnToContents(0)
