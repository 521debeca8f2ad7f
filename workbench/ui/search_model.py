"""Search results: one row per matching source, with its snippet and the matched ranges."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.domain.hits import SearchHit
from workbench.ui.plain_text import plain

SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2
HIGHLIGHTS_ROLE = Qt.ItemDataRole.UserRole + 3  # tuple of (start, end) in the snippet
_Index = QModelIndex | QPersistentModelIndex


class SearchModel(QAbstractListModel):
    """The hits of one search, best first (the order FTS5's bm25 gave them)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: tuple[SearchHit, ...] = ()
        self.query = ""

    def set_hits(self, query: str, hits: tuple[SearchHit, ...]) -> None:
        self.beginResetModel()
        self.query = query
        self._hits = tuple(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits("", ())

    def update_title(self, source_id: int, title: str) -> None:
        for n, h in enumerate(self._hits):
            if h.source_id == source_id:
                hits = list(self._hits)
                hits[n] = SearchHit(h.source_id, title, h.snippet, h.highlights, h.score)
                self._hits = tuple(hits)
                self.dataChanged.emit(self.index(n), self.index(n))

    def source_id(self, row: int) -> int | None:
        return self._hits[row].source_id if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        h = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return h.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain(h.snippet)
        if role == SOURCE_ID_ROLE:
            return h.source_id
        if role == SNIPPET_ROLE:
            return h.snippet
        if role == HIGHLIGHTS_ROLE:
            return h.highlights
        return None
