"""The sources list: one row per source, sorted and filtered in the model.

Rows come from the covering index of the source headings (titles, outlets, dates and grades
without a page of the texts; see store.sources.list_headings). No proxy model.

At 100,000 sources the window must never wait for the list:
- the list is read, and made into rows and sorted, on a worker (`prepare`); the model only
  takes the result (`take`);
- a longer list than OFF_THREAD is filtered and sorted again off the UI thread too (`arrange`
  through the runner the pane gives, `set_runner`), the newest request replacing older ones;
- a sort of 100,000 rows in one call holds the interpreter lock for a third of a second, and
  the UI thread with it: `ordered` sorts short runs and merges them in Python, which lets go
  of the lock every few milliseconds;
- every order worked out is kept until the list changes, and a filter keeps the order of the
  rows it is given: typing in the filter box sorts nothing, and each order is sorted once;
- rows are tuples of strings (`Row`) held in tuples (`Rows`), never lists: the cyclic
  garbage collector stops tracking such tuples at its next pass, so they cost its collections
  nothing; 100,000 row objects, or lists of 100,000 rows, made each full collection (which
  holds the lock) 30 to 100 ms longer.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from workbench.domain import scales
from workbench.ui.plain_text import plain

GRADE, TITLE, OUTLET, PUBLISHED = range(4)
_HEADERS = {GRADE: "Grade", TITLE: "Title", OUTLET: "Outlet", PUBLISHED: "Date"}
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2  # "author · outlet" under the title
_Index = QModelIndex | QPersistentModelIndex

# (id, title, author, outlet, published, reliability), as store.sources.list_headings reads them.
Heading = tuple[int, str, str, str, str, str]
# A row: the heading, then what it sorts by (worked out once, so that sorting calls no Python):
# the title case-folded, the outlet case-folded or last if none, the grade or last if none.
Row = tuple[int, str, str, str, str, str, str, str, str]
_ID, _TITLE, _AUTHOR, _OUTLET, _DATE, _GRADE, _TITLE_KEY, _OUTLET_KEY, _GRADE_KEY = range(9)
Rows = tuple[Row, ...]
Sort = tuple[int, Qt.SortOrder]

# Lists longer than this are filtered and sorted off the UI thread (when the model has a runner).
OFF_THREAD = 2_000
# Rows sorted in one call: about a millisecond, so the lock is never held longer.
_RUN = 2_048


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One source as the list shows it (`SourcesModel.get`)."""

    id: int
    title: str
    author: str
    outlet: str
    published: str
    reliability: str


@dataclass
class Prepared:
    """The rows of a list of sources, made and ordered off the UI thread by `prepare`."""

    rows: Rows  # in id order
    hay: dict[int, str]  # what the filter box searches, by source id
    ordered: Rows  # every row, in the order of `sort`
    where: dict[int, int]  # source id -> its place in `ordered`
    sort: Sort


def prepare(headings: list[Heading], sort: Sort) -> Prepared:
    """Rows from store.sources.list_headings (in id order), ordered as *sort* says (any thread)."""
    rows = tuple([make_row(*h) for h in headings])
    hay = {h[_ID]: _haystack(h) for h in rows}
    every = ordered(rows, sort)
    return Prepared(rows, hay, every, places(every), sort)


def make_row(source_id: int, title: str, author: str, outlet: str, published: str, reliability: str) -> Row:
    """A row of the list, with what it sorts by."""
    return (source_id, title, author, outlet, published, reliability,
            title.casefold(), outlet.casefold() or "\uffff", reliability or "Z")


def _haystack(h: Row) -> str:
    return f"{h[_TITLE]}\n{h[_AUTHOR]}\n{h[_OUTLET]}\n{h[_DATE]}".casefold()


def places(rows: Rows) -> dict[int, int]:
    """source id -> its row."""
    return {h[_ID]: n for n, h in enumerate(rows)}


def arrange(rows: Rows, hay: dict[int, str], text: str, allowed: frozenset[str], sort: Sort,
            every: Rows | None = None) -> tuple[Rows, Rows]:
    """(every row in the order of *sort*, the rows shown): those whose haystack holds every
    word of *text* and whose grade is *allowed* (all if empty). *every* is the first if it is
    known already. Plain data in and out: any thread."""
    every = ordered(rows, sort) if every is None else every
    return every, narrowed(every, hay, text, allowed)


def narrowed(rows: Rows, hay: dict[int, str], text: str, allowed: frozenset[str]) -> Rows:
    """The rows that pass the filter, in the order given."""
    for word in text.split():  # one short loop per word: the least work per row
        rows = tuple([h for h in rows if word in hay[h[_ID]]])
    if allowed:
        rows = tuple([h for h in rows if h[_GRADE] in allowed])
    return rows


def ordered(rows: Rows, sort: Sort) -> Rows:
    """The rows in the order of *sort*, never holding the interpreter lock long."""
    column, order = sort
    key = _SORT_KEYS.get(column, _SORT_KEYS[PUBLISHED])
    reverse = order == Qt.SortOrder.DescendingOrder
    if len(rows) <= _RUN:
        return tuple(sorted(rows, key=key, reverse=reverse))
    # Short sorted runs merged in Python: the same order as one sort (both are stable).
    runs = [sorted(rows[i:i + _RUN], key=key, reverse=reverse) for i in range(0, len(rows), _RUN)]
    return tuple(heapq.merge(*runs, key=key, reverse=reverse))


# Each column's order, then by title: keys read from the row, in C.
_SORT_KEYS: dict[int, Callable[[Row], object]] = {
    GRADE: itemgetter(_GRADE_KEY, _TITLE_KEY),
    TITLE: itemgetter(_TITLE_KEY),
    OUTLET: itemgetter(_OUTLET_KEY, _TITLE_KEY),
    PUBLISHED: itemgetter(_DATE, _TITLE_KEY),
}


# What an arrangement brings back: every row in the order asked, the rows shown, their places.
Arranged = tuple[Rows, Rows, dict[int, int]]
# runner(work, done): run work() somewhere, then done(its result) on the UI thread.
Runner = Callable[[Callable[[], Arranged], Callable[[Arranged], None]], None]


class SourcesModel(QAbstractTableModel):
    """All sources of a project; `set_filter` narrows, `sort` orders (both in the model)."""

    arranged = Signal()  # the rows shown changed: a new list, filter or order is in place

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: Rows = ()
        self._hay: dict[int, str] = {}
        self._rows: Rows = ()
        self._where: dict[int, int] = {}
        self._orders: dict[Sort, Rows] = {}  # every row in each order worked out since the list changed
        self._text = ""
        self._allowed: frozenset[str] = frozenset()
        self._sort: Sort = (PUBLISHED, Qt.SortOrder.DescendingOrder)
        self._runner: Runner | None = None
        self._asked = 0  # arrangements asked for: the result of an older one is dropped
        self._reset_due = False  # an arrangement under way changes which rows show
        self._waiting = False  # an arrangement is under way off the UI thread

    def set_runner(self, runner: Runner | None) -> None:
        """Where a long list is filtered and sorted (None: here, at once)."""
        self._runner = runner

    # -- loading -------------------------------------------------------------------------

    def load(self, headings: list[Heading]) -> None:
        """Replace all rows (from store.sources.list_headings)."""
        self.take(prepare(headings, self._sort))

    def take(self, prepared: Prepared) -> None:
        """Replace all rows with ones `prepare` made; they are arranged again only if the
        order or a filter changed meanwhile."""
        self._asked += 1  # an arrangement under way was of the rows before
        self.beginResetModel()
        self._all, self._hay = prepared.rows, prepared.hay
        self._orders = {prepared.sort: prepared.ordered}
        ready = prepared.sort == self._sort and not self._text and not self._allowed
        self._rows, self._where = (prepared.ordered, prepared.where) if ready else ((), {})
        self._waiting = self._reset_due = False
        self.endResetModel()
        if ready:
            self.arranged.emit()
        else:
            self._arrange(reset=True)

    def sort_order(self) -> Sort:
        """The column and direction rows are sorted by (what `prepare` needs)."""
        return self._sort

    def update_row(self, source_id: int, *, title: str, author: str, outlet: str, published: str,
                   reliability: str) -> None:
        """Refresh one source after its metadata changed; it moves to its place in the order."""
        at = self._find(source_id)
        if at < 0:
            return
        new = make_row(source_id, title, author, outlet, published, reliability)
        # The haystack changes in place: an arrangement under way may read the new one, but
        # its result is dropped for the one asked below.
        self._hay[source_id] = _haystack(new)
        self._all = (*self._all[:at], new, *self._all[at + 1:])
        self._orders = {}
        row = self._where.get(source_id)
        if row is not None:
            self._rows = (*self._rows[:row], new, *self._rows[row + 1:])
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        # A new date or title can move the row, a new grade or title take it in or out of the filter.
        self._arrange(reset=bool(self._text or self._allowed))

    # -- filtering and sorting -----------------------------------------------------------

    def set_filter(self, text: str = "", grades: frozenset[str] | set[str] = frozenset()) -> None:
        """Show rows whose title, author, outlet or date contain *text* and whose grade is in *grades*."""
        text = text.strip().casefold()
        grades = frozenset(grades)
        if (text, grades) == (self._text, self._allowed):
            return
        self._text, self._allowed = text, grades
        self._arrange(reset=True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(_HEADERS):
            return
        self._sort = (column, order)
        self._arrange(reset=False)

    def off_thread(self) -> bool:
        """Whether a new filter or order is worked out off the UI thread (a long list)."""
        return self._runner is not None and len(self._all) > OFF_THREAD

    def _arrange(self, *, reset: bool) -> None:
        """Filter and sort the rows again: here for a short list, by the runner for a long one."""
        self._asked += 1
        asked = self._asked
        self._reset_due = self._reset_due or reset
        given = (self._all, self._hay, self._text, self._allowed, self._sort, self._orders.get(self._sort))

        def work() -> Arranged:
            every, rows = arrange(*given)
            return every, rows, places(rows)

        if self.off_thread():
            self._waiting = True
            self._runner(work, lambda result: self._arrived(asked, result))
        else:
            self._arrived(asked, work())

    def _arrived(self, asked: int, result: Arranged | None) -> None:
        if asked != self._asked or result is None:  # a newer one is on its way
            return
        every, rows, where = result
        self._orders[self._sort] = every  # asked for the list and order in place now
        self._waiting = False
        if self._reset_due:
            self._reset_due = False
            self.beginResetModel()
            self._rows, self._where = rows, where
            self.endResetModel()
        else:  # the same rows in a new order: the selection stays on the sources it was on
            self.layoutAboutToBeChanged.emit()
            old = [(i, self._rows[i.row()][_ID]) for i in self.persistentIndexList() if i.row() < len(self._rows)]
            self._rows, self._where = rows, where
            for index, source_id in old:
                n = where.get(source_id)
                self.changePersistentIndex(index, self.index(n, index.column()) if n is not None else QModelIndex())
            self.layoutChanged.emit()
        self.arranged.emit()

    def arranging(self) -> bool:
        """Whether a new filter or order is still being worked out off the UI thread."""
        return self._waiting

    # -- lookups -------------------------------------------------------------------------

    def source_id(self, row: int) -> int | None:
        return self._rows[row][_ID] if 0 <= row < len(self._rows) else None

    def row_of(self, source_id: int) -> int:
        return self._where.get(source_id, -1)

    def get(self, source_id: int) -> SourceRow | None:
        at = self._find(source_id)
        return SourceRow(*self._all[at][:_TITLE_KEY]) if at >= 0 else None

    def _find(self, source_id: int) -> int:
        """Where *source_id* is among all rows (they are in id order), or -1."""
        at = bisect_left(self._all, source_id, key=lambda h: h[_ID])
        return at if at < len(self._all) and self._all[at][_ID] == source_id else -1

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
        h = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (h[_GRADE], h[_TITLE], h[_OUTLET], h[_DATE])[col]
        if role == SOURCE_ID_ROLE:
            return h[_ID]
        if role == META_ROLE:
            return " · ".join(x for x in (h[_AUTHOR], h[_OUTLET]) if x)
        if role == Qt.ItemDataRole.ToolTipRole:
            grade = h[_GRADE]
            if col == GRADE and grade in scales.RELIABILITY:  # a file being checked may hold others
                return f"{grade}: {scales.RELIABILITY[grade]}"
            parts = [h[_TITLE], " · ".join(x for x in (h[_AUTHOR], h[_OUTLET], h[_DATE]) if x)]
            return plain("\n".join(p for p in parts if p))  # titles come from untrusted files
        if role == Qt.ItemDataRole.TextAlignmentRole and col == GRADE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
