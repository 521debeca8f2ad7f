"""The sources list: one row per source, sorted and filtered in the model.

Rows load in two steps so that a project with thousands of sources opens at once: titles,
outlets and dates first (stored before the text, cheap), then grades and lengths from a worker
(stored after the text, so reading them walks every text). Sorting is a Python sort over plain
tuples (milliseconds for 10,000 rows); no proxy model. A long list is read, made into rows and
sorted on a worker (`prepare`), and the model only takes the result (`take`): at 100,000
sources that work is about a second, which the window's first paint does not wait for.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.domain import scales
from workbench.ui.plain_text import plain

GRADE, TITLE, OUTLET, PUBLISHED = range(4)
_HEADERS = {GRADE: "Grade", TITLE: "Title", OUTLET: "Outlet", PUBLISHED: "Date"}
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2  # "author · outlet" under the title
_Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class SourceRow:
    id: int
    title: str
    author: str
    outlet: str
    published: str
    reliability: str = ""  # "" until the grades arrive
    length: int = 0

    def haystack(self) -> str:
        return f"{self.title}\n{self.author}\n{self.outlet}\n{self.published}".casefold()


Sort = tuple[int, Qt.SortOrder]


@dataclass
class Prepared:
    """The rows of a list of sources, made and ordered off the UI thread by `prepare`."""

    rows: list[SourceRow]
    hay: dict[int, str]  # what the filter box searches, by source id
    ordered: list[SourceRow]  # every row, in the order of `sort`
    sort: Sort


def prepare(headings: list[tuple[int, str, str, str, str]], sort: Sort) -> Prepared:
    """Rows from store.sources.list_headings, ordered as *sort* says (any thread)."""
    rows = [SourceRow(*h) for h in headings]
    return Prepared(rows, {r.id: r.haystack() for r in rows}, _ordered(rows, sort), sort)


def _ordered(rows: list[SourceRow], sort: Sort) -> list[SourceRow]:
    column, order = sort
    keys = {
        GRADE: lambda r: (r.reliability or "Z", r.title.casefold()),
        TITLE: lambda r: r.title.casefold(),
        OUTLET: lambda r: (r.outlet.casefold() or "\uffff", r.title.casefold()),
        PUBLISHED: lambda r: (r.published, r.title.casefold()),
    }
    return sorted(rows, key=keys.get(column, keys[PUBLISHED]), reverse=order == Qt.SortOrder.DescendingOrder)


class SourcesModel(QAbstractTableModel):
    """All sources of a project; `set_filter` narrows, `sort` orders (both in the model)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[SourceRow] = []
        self._rows: list[SourceRow] = []
        self._hay: dict[int, str] = {}
        self._text = ""
        self._grades: frozenset[str] = frozenset()
        self._sort: Sort = (PUBLISHED, Qt.SortOrder.DescendingOrder)

    # -- loading -------------------------------------------------------------------------

    def load(self, headings: list[tuple[int, str, str, str, str]],
             grades: dict[int, tuple[str, int]] | None = None) -> None:
        """Replace all rows (from store.sources.list_headings, optionally with list_grades)."""
        self.take(prepare(headings, self._sort), grades)

    def take(self, prepared: Prepared, grades: dict[int, tuple[str, int]] | None = None) -> None:
        """Replace all rows with ones `prepare` made; they are sorted again only if the order
        or a filter changed meanwhile."""
        self.beginResetModel()
        self._all, self._hay = prepared.rows, prepared.hay
        if grades:
            self._apply_grades(grades)
        if prepared.sort == self._sort and not self._text and not (grades or self._grades):
            self._rows = list(prepared.ordered)
        else:
            self._refilter()
        self.endResetModel()

    def sort_order(self) -> Sort:
        """The column and direction rows are sorted by (what `prepare` needs)."""
        return self._sort

    def set_grades(self, grades: dict[int, tuple[str, int]]) -> None:
        """Fill in grades and lengths once the worker has read them."""
        if self._sort[0] != GRADE and not self._grades:
            # Neither the order nor the rows shown depend on the grades: repaint only (sorting
            # 100,000 rows again would hold the window for a third of a second).
            self._apply_grades(grades)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))
            return
        self.layoutAboutToBeChanged.emit()
        old = self._persistent_ids()
        self._apply_grades(grades)
        self._refilter()
        self._restore_persistent(old)
        self.layoutChanged.emit()

    def _apply_grades(self, grades: dict[int, tuple[str, int]]) -> None:
        for r in self._all:
            r.reliability, r.length = grades.get(r.id, (r.reliability, r.length))

    def update_row(self, source_id: int, **fields: object) -> None:
        """Refresh one source after its metadata changed."""
        for r in self._all:
            if r.id == source_id:
                for k, v in fields.items():
                    if hasattr(r, k):
                        setattr(r, k, v)
                self._hay[r.id] = r.haystack()
                break
        else:
            return
        if self._text or self._grades:  # the row may now fall in or out of the filter
            self.beginResetModel()
            self._refilter()
            self.endResetModel()
            return
        # A new date or title can move the row: sort again, keeping the selection on it.
        self.layoutAboutToBeChanged.emit()
        old = self._persistent_ids()
        self._rows = self._sorted(self._rows)
        self._restore_persistent(old)
        self.layoutChanged.emit()
        row = self.row_of(source_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- filtering and sorting -----------------------------------------------------------

    def set_filter(self, text: str = "", grades: frozenset[str] | set[str] = frozenset()) -> None:
        """Show rows whose title, author, outlet or date contain *text* and whose grade is in *grades*."""
        text = text.strip().casefold()
        grades = frozenset(grades)
        if (text, grades) == (self._text, self._grades):
            return
        self.beginResetModel()
        self._text, self._grades = text, grades
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        rows = self._all
        if self._text:
            words = self._text.split()
            rows = [r for r in rows if all(w in self._hay[r.id] for w in words)]
        if self._grades:
            rows = [r for r in rows if r.reliability in self._grades]
        self._rows = self._sorted(rows)

    def _sorted(self, rows: list[SourceRow]) -> list[SourceRow]:
        return _ordered(rows, self._sort)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(_HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self._persistent_ids()
        self._sort = (column, order)
        self._rows = self._sorted(self._rows)
        self._restore_persistent(old)
        self.layoutChanged.emit()

    def _persistent_ids(self) -> list[tuple[QModelIndex, int]]:
        return [(i, self._rows[i.row()].id) for i in self.persistentIndexList() if i.row() < len(self._rows)]

    def _restore_persistent(self, old: list[tuple[QModelIndex, int]]) -> None:
        where = {r.id: n for n, r in enumerate(self._rows)}
        for index, source_id in old:
            n = where.get(source_id)
            self.changePersistentIndex(index, self.index(n, index.column()) if n is not None else QModelIndex())

    # -- lookups -------------------------------------------------------------------------

    def source_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, source_id: int) -> int:
        for n, r in enumerate(self._rows):
            if r.id == source_id:
                return n
        return -1

    def get(self, source_id: int) -> SourceRow | None:
        return next((r for r in self._all if r.id == source_id), None)

    def total(self) -> int:
        return len(self._all)

    # -- the model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS.get(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.reliability, r.title, r.outlet, r.published)[col]
        if role == SOURCE_ID_ROLE:
            return r.id
        if role == META_ROLE:
            return " · ".join(x for x in (r.author, r.outlet) if x)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == GRADE and r.reliability in scales.RELIABILITY:  # a file being checked may hold others
                return f"{r.reliability}: {scales.RELIABILITY[r.reliability]}"
            parts = [r.title, " · ".join(x for x in (r.author, r.outlet, r.published) if x)]
            return plain("\n".join(p for p in parts if p))  # titles come from untrusted files
        if role == Qt.ItemDataRole.TextAlignmentRole and col == GRADE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
