"""The preview before a merge: what a colleague's copy would add, update and dispute.

Everything shown comes from the other file, so it is set as plain text only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from workbench.store.merge_report import MergeReport, describe, kept_rows

_WORDS = {"source": "sources", "actor": "actors", "instrument": "instruments", "cell": "cells",
          "excerpt": "excerpts", "cell_excerpt": "evidence links", "brief": "briefs"}


def _short(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def _counts(what: dict[str, int]) -> str:
    return ", ".join(f"{n} {_WORDS.get(t, t)}" for t, n in sorted(what.items())) or "nothing"


class MergePreview(QDialog):
    """Shows a dry-run report; Merge accepts, Cancel changes nothing."""

    def __init__(self, report: MergeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge a colleague's copy")
        self.report = report
        summary = QLabel(self)
        summary.setObjectName("mergeSummary")
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        lines = [f"Merging {report.theirs} into {report.mine}.",
                 f"Added: {_counts(report.added)}.", f"Updated: {_counts(report.updated)}."]
        if report.removed:
            lines.append(f"Removed (deleted in {report.theirs}): {_counts(report.removed)}.")
        edits = [d for d in report.disputes if d.field]
        lines.append(f"Disagreements: {len(edits)} field(s) judged differently; yours stays and theirs "
                     "is kept beside it until you choose." if edits else "No disagreements.")
        if not report.changed:
            lines = [f"{report.theirs} brings nothing new: merging would change nothing."]
        summary.setText("\n".join(lines))

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("mergeChanges")
        self.tree.setHeaderLabels(["What", "Field", "Yours", "Theirs"])
        self.tree.setRootIsDecorated(True)
        self._fill()

        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.setEnabled(report.changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 460)

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        item.setExpanded(True)
        return item

    def _fill(self) -> None:
        r = self.report
        label = r.labels.get
        edits = [d for d in r.disputes if d.field]
        if edits:
            group = self._group(f"Disagreements ({len(edits)})")
            for d in edits:
                QTreeWidgetItem(group, [label(d.row_uuid, d.row_uuid), d.field, _short(d.mine), _short(d.theirs)])
        if r.taken:
            group = self._group(f"Updated from their copy ({len(r.taken)} fields)")
            for c in r.taken:
                what = label(c.row_uuid, c.row_uuid) if c.table == "cell" else f"{c.table} {label(c.row_uuid, '')}"
                QTreeWidgetItem(group, [what, c.field, _short(c.mine), _short(c.theirs)])
        kept = kept_rows(r)
        if kept:
            group = self._group(f"Kept though deleted on one side ({len(kept)})")
            for t, u, why in kept:
                QTreeWidgetItem(group, [f"{t} {label(u, u)}", "deleted", why, ""])
        if r.added:
            self._group(f"Added: {_counts(r.added)}")
        if r.removed:
            self._group(f"Removed: {_counts(r.removed)}")
        for table, name in r.matched_by_name:
            self._group(f"Matched by name: {table} {name} (made on both sides)")
        if r.sources_by_text:
            self._group(f"Same text imported on both sides: {r.sources_by_text} source(s), "
                        f"{r.excerpts_repointed} excerpt(s) re-pointed")
        for i in range(4):
            self.tree.resizeColumnToContents(i)

    def text(self) -> str:
        """The report as the command line prints it (for a copy to the clipboard or a test)."""
        return "\n".join(describe(self.report))
