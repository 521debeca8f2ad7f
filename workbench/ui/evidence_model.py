"""The evidence of one cell: its cited excerpts in the order they were cited."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.domain import scales
from workbench.domain.models import Excerpt
from workbench.ui.plain_text import plain

EXCERPT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Excerpt dataclass
EXCERPT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 3
CREDIBILITY_ROLE = Qt.ItemDataRole.UserRole + 4
_Index = QModelIndex | QPersistentModelIndex


class EvidenceModel(QAbstractListModel):
    """Excerpts of the cell shown in the cell editor."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[Excerpt] = []

    def load(self, items: list[Excerpt]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def excerpt(self, row: int) -> Excerpt | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, excerpt_id: int) -> int:
        return next((n for n, e in enumerate(self._items) if e.id == excerpt_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        e = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            quote = " ".join(e.quote.split())
            return f"[{index.row() + 1}] “{quote}” — {e.source_title} ({e.credibility})"
        if role == EXCERPT_ROLE:
            return e
        if role == EXCERPT_ID_ROLE:
            return e.id
        if role == SOURCE_ID_ROLE:
            return e.source_id
        if role == CREDIBILITY_ROLE:
            return e.credibility
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [e.quote[:600], f"Source: {e.source_title}",
                     f"Credibility {e.credibility}: {scales.CREDIBILITY.get(e.credibility, '')}"]
            if e.note:
                lines.append(f"Note: {e.note}")
            return plain("\n".join(lines))
        return None
