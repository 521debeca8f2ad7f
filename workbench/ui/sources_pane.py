"""The sources pane: search box with snippets, a filter, a grade filter, and the sources table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListView, QMenu,
    QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from workbench.domain import scales
from workbench.domain.models import Source
from workbench.store import sources
from workbench.store.errors import NotFound, ProjectError
from workbench.store.project import Project
from workbench.ui.item_delegates import GradeDelegate, SnippetDelegate, SourceTitleDelegate
from workbench.ui.search_model import SearchModel
from workbench.ui.sources_model import GRADE, OUTLET, PUBLISHED, TITLE, Prepared, SourcesModel, prepare
from workbench.ui.notices import Notice, SourceChanged, SourcesChanged
from workbench.ui.io_handle import Handle
from workbench.ui import appearance

SEARCH_DELAY_MS = 300
FILTER_DELAY_MS = 150  # a long list is filtered once typing pauses this long
SEARCH_LIMIT = 200
_GRADE_FILTERS = (
    ("All grades", frozenset()),
    ("A–B (reliable)", frozenset("AB")),
    ("A–C", frozenset("ABC")),
    *((f"{g} — {w}", frozenset(g)) for g, w in scales.RELIABILITY.items()),
)


class SourcesPane(QWidget):
    """Emits `source_chosen(source_id, query)`; query is the active search ('' if none)."""

    source_chosen = Signal(int, str)
    remove_requested = Signal(list)  # source ids chosen for removal
    edit_requested = Signal(int)
    grade_requested = Signal(int, str)
    searched = Signal(str)  # a search finished (its status line)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.session = None  # workbench.ui.session.ProjectSession
        self._reads: list[Handle] = []  # the latest list and search reads
        self._quiet = False  # a selection made to follow the reader: not a choice to report
        self._loading = False  # the list is being read on a worker
        self._pending: int | None = None  # a source to select once the rows are in place
        self._pick_first = False  # select the newest source once the first list is in place
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Search the sources…  (\"phrase\", OR, prefix*)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search all sources")
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter by title, outlet, date")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter sources by title, outlet or date")
        self.grade_filter = QComboBox(self)
        self.grade_filter.setAccessibleName("Show sources of these reliability grades")
        # As wide as a short choice, not the longest: the filter box beside it keeps room to type.
        self.grade_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.grade_filter.setMinimumContentsLength(9)
        for label, grades in _GRADE_FILTERS:
            self.grade_filter.addItem(label, grades)
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        appearance.muted(self.status)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)  # a long message wraps instead of widening the pane

        self.model = SourcesModel(self)
        self.model.set_runner(self._off_thread)
        self.table = QTableView(self)
        self.table.setObjectName("sourcesTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PUBLISHED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several sources can be chosen (Ctrl/Shift+click) to remove them at once.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # arrows move between rows; Tab goes on
        self.table.setAccessibleName("Sources")
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 10)
        self.table.setItemDelegateForColumn(TITLE, SourceTitleDelegate(self.table))
        self.table.setItemDelegateForColumn(GRADE, GradeDelegate(self.table))
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (GRADE, OUTLET, PUBLISHED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(GRADE, 52)
        header.resizeSection(OUTLET, 110)
        header.resizeSection(PUBLISHED, self.fontMetrics().horizontalAdvance("2024-11-21") + 24)
        # The outlet shows under each title; the column can be shown from the header's menu.
        self.table.setColumnHidden(OUTLET, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.remove_action = QAction("Remove sources…", self.table)
        self.remove_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete),
                                         QKeySequence(Qt.Key.Key_Backspace)])
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self._remove_selected)
        self.table.addAction(self.remove_action)
        self.table.doubleClicked.connect(self._edit_index)

        self.results_model = SearchModel(self)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.results_model)
        self.results.setItemDelegate(SnippetDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.results)

        filters = QHBoxLayout()
        filters.setSpacing(4)
        filters.addWidget(self.filter_box, 3)
        filters.addWidget(self.grade_filter, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._refilter)
        self.filter_box.textChanged.connect(self._filter_typed)
        self.grade_filter.currentIndexChanged.connect(self._refilter)
        self.model.arranged.connect(self._rows_in_place)
        self.table.selectionModel().currentRowChanged.connect(self._table_current)
        self.results.selectionModel().currentRowChanged.connect(self._result_current)

    # -- loading -------------------------------------------------------------------------

    def set_session(self, session) -> None:
        """Show *session*'s sources and follow its notices (None: no project)."""
        if self.session is not None:
            self.session.notices.disconnect(self._on_notice)
        self.session = session
        self.project = session.project if session is not None else None
        if session is not None:
            session.notices.connect(self._on_notice)
        self.search_box.clear()
        self.results_model.clear()
        self.stack.setCurrentWidget(self.table)
        self.reload()

    def _on_notice(self, notice: Notice) -> None:
        # Read on a worker after the writes queued so far (the I/O service's read path): the
        # window's own connection could wait for a commit in progress.
        if self.project is None:
            return
        if isinstance(notice, SourcesChanged):
            self._read_headings()
        elif isinstance(notice, SourceChanged):
            source_id = notice.source_id
            self._track(self.session.io.read(lambda project, _p: _source_or_none(project, source_id),
                                             self._source_read, self._read_failed,
                                             key=f"source-{source_id}-{id(self)}", owner=self))

    def _read_headings(self) -> None:
        """Read the list on a worker, made into rows and sorted there too: the window's own
        connection could wait for a commit in progress, and 100,000 rows take half a second."""
        order = self.model.sort_order()
        self._track(self.session.io.read(lambda project, _p: prepare(sources.list_headings(project), order),
                                         self._headings_read, self._read_failed, key=f"headings-{id(self)}",
                                         owner=self))

    def _headings_read(self, prepared: Prepared) -> None:
        if self._loading:  # the first read: select as the window asked meanwhile, once arranged
            self._loading, self._pick_first = False, True
        self.model.take(prepared)  # arranged at once, or later off the UI thread

    def _rows_in_place(self) -> None:
        """A new list, filter or order is shown: select what was asked for while it was worked out."""
        if self._loading or self.model.arranging():
            return
        pending, self._pending = self._pending, None
        if pending is not None:
            self.select_source(pending)
        elif self._pick_first and not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)  # the newest source
        self._pick_first = False
        self._show_count()

    def _source_read(self, src: Source | None) -> None:
        if src is not None:
            self.model.update_row(src.id, title=src.title, author=src.author, outlet=src.outlet,
                                  published=src.published, reliability=src.reliability)
            self.results_model.update_title(src.id, src.title)

    def reload(self) -> None:
        """Read the list again, on a worker: the window paints first."""
        self._loading, self._pending, self._pick_first = False, None, False
        self.model.load([])
        if self.project is None:
            self._show_count()
            return
        self._loading = True
        self.status.setText("Reading the list of sources…")
        self._read_headings()

    def loading(self) -> bool:
        """Whether the list is still being read, or a new filter or order worked out."""
        return self._loading or self.model.arranging() or self._filter_timer.isActive()

    def _off_thread(self, work, done) -> None:
        """The model's runner: a long list is filtered and sorted on the I/O service's compute
        thread, a newer request replacing an older one."""
        if self.session is None:
            done(work())
            return
        self._track(self.session.io.compute(work, done, key=f"arrange-{id(self)}", owner=self))

    def _track(self, handle: Handle) -> None:
        self._reads = [h for h in self._reads if not h.finished] + [handle]

    def busy(self) -> bool:
        """Whether the list, a new order of it or a search is still being worked out."""
        return any(not h.finished for h in self._reads)

    def _read_failed(self, error: ProjectError) -> None:
        self._loading = False
        self.status.setText(str(error))

    # -- filtering and searching ---------------------------------------------------------

    def _filter_typed(self) -> None:
        if self.model.off_thread():  # worked out once typing pauses, never per keystroke
            self._filter_timer.start()
        else:
            self._refilter()

    def _refilter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filter_box.text(), self.grade_filter.currentData() or frozenset())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if self.stack.currentWidget() is self.table and not self._loading and not self.model.arranging():
            self.status.setText(f"{total:,} sources" if shown == total else f"{shown:,} of {total:,} sources")

    def query(self) -> str:
        return self.search_box.text().strip() if self.stack.currentWidget() is self.results else ""

    def run_search(self) -> None:
        self._search_timer.stop()
        query = self.search_box.text().strip()
        if not query or self.project is None:
            if self.session is not None:  # a search still running is no longer wanted
                self.session.io.read(lambda _p, _r: None, lambda _r: None, key=f"search-{id(self)}")
            chosen = self.results_model.source_id(self.results.currentIndex().row())
            self.results_model.clear()
            self.stack.setCurrentWidget(self.table)
            if chosen is not None:  # the reader shows the result last chosen: the list follows
                self.select_source(chosen)
            self._show_count()
            return
        self.status.setText("Searching…")
        from workbench.store import search as search_store  # on the first search: not needed to open

        # A newer search replaces this one: its result is then never shown.
        self._track(self.session.io.read(
            lambda project, _p: search_store.search(project, query, limit=SEARCH_LIMIT),
            lambda result: self._searched(query, result), self._read_failed, key=f"search-{id(self)}", owner=self))

    def _searched(self, query: str, result) -> None:
        self.results_model.set_hits(query, result.hits)
        self.stack.setCurrentWidget(self.results)
        n = len(result.hits)
        line = f"{n}{'+' if n >= SEARCH_LIMIT else ''} source{'s' if n != 1 else ''} match"
        if result.message:
            line = f"{line}. {result.message}"
        self.status.setText(line)
        self.searched.emit(line)

    # -- choosing ------------------------------------------------------------------------

    def _table_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if self._quiet:  # selected to follow the reader, which shows the source already
            return
        source_id = self.model.source_id(current.row())
        if source_id is not None:
            self.source_chosen.emit(source_id, "")

    def _result_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        source_id = self.results_model.source_id(current.row())
        if source_id is not None:
            self.source_chosen.emit(source_id, self.results_model.query)

    def select_source(self, source_id: int) -> None:
        """Select *source_id* in the table (used when evidence jumps to a source)."""
        if self._loading or self.model.arranging():  # selected once the rows are in place
            self._pending = source_id
            return
        row = self.model.row_of(source_id)
        if row >= 0 and self.stack.currentWidget() is self.table:
            # Not by blocking the selection model's signals: the table repaints from them, and
            # the row selected before would still look selected.
            self._quiet = True
            try:
                self.table.selectRow(row)
            finally:
                self._quiet = False
            self.table.scrollTo(self.model.index(row, TITLE))

    def _edit_index(self, index: QModelIndex) -> None:
        source_id = self.model.source_id(index.row())
        if source_id is not None:
            self.edit_requested.emit(source_id)

    def _header_menu(self, pos) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column, label in ((PUBLISHED, "Sort by date, newest first"), (TITLE, "Sort by title"),
                              (OUTLET, "Sort by outlet"), (GRADE, "Sort by reliability grade")):
            order = Qt.SortOrder.DescendingOrder if column == PUBLISHED else Qt.SortOrder.AscendingOrder
            menu.addAction(label, lambda c=column, o=order: self.table.sortByColumn(c, o))
        menu.addSeparator()
        act = menu.addAction("Show outlet column")
        act.setCheckable(True)
        act.setChecked(not self.table.isColumnHidden(OUTLET))
        act.toggled.connect(lambda on: self.table.setColumnHidden(OUTLET, not on))
        menu.exec(header.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def selected_ids(self) -> list[int]:
        """The sources selected in the table, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.source_id(r) for r in rows) if i is not None]

    def _remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.remove_requested.emit(ids)

    def _menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        source_id = self.model.source_id(index.row())
        if source_id is None:
            return
        chosen = self.selected_ids()
        if source_id not in chosen:  # a right-click outside the selection acts on that row
            chosen = [source_id]
        menu = QMenu(self)
        menu.addAction("Edit details…", lambda: self.edit_requested.emit(source_id))
        grades = menu.addMenu("Grade reliability")
        row = self.model.get(source_id)  # its grade, as the list shows it
        for letter, words in scales.RELIABILITY.items():
            act = QAction(f"{letter} — {words}", grades)
            act.setCheckable(True)
            act.setChecked(row is not None and row.reliability == letter)
            act.triggered.connect(lambda _c=False, g=letter: self.grade_requested.emit(source_id, g))
            grades.addAction(act)
        menu.addSeparator()
        label = "Remove source…" if len(chosen) == 1 else f"Remove {len(chosen)} sources…"
        menu.addAction(label, lambda: self.remove_requested.emit(chosen))
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()


def _source_or_none(project: Project, source_id: int) -> Source | None:
    try:
        return sources.get(project, source_id, with_text=False)
    except NotFound:  # removed meanwhile
        return None
