"""The Suggestions list of the cell editor: sentences that bear on the selected cell.

The panel computes suggestions as a read on the session's I/O service (a newer cell's read
replaces the older one), shows each sentence with its source and why it matched, and asks for
a citation with the signal `cite_requested(source_id, start, end)`. It never writes to the
project itself: the window runs the citation through its undo stack, and the page holding
the panel calls `refresh()` on the notices that change what is suggested.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListView, QPushButton,
                               QVBoxLayout, QWidget)

from workbench.evidence.finder import suggest
from workbench.evidence.suggestion import Suggestion
from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.project_io import Handle

_Index = QModelIndex | QPersistentModelIndex


class SuggestionsModel(QAbstractListModel):
    """A read-only list of suggestions: the sentence, then its source and the reasons."""

    SuggestionRole = Qt.ItemDataRole.UserRole + 1
    CitedRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Suggestion] = []

    def set_items(self, items: list[Suggestion]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> Suggestion:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        s = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            sentence = " ".join(s.text.split())
            marks = "  ✓ cited" if s.cited else ""
            more = f" (+{s.duplicates} identical)" if s.duplicates else ""
            terms = ", ".join(s.matched_terms)
            return f"{sentence}\n— {s.source_title}{more} · {s.matched_alias} · {terms}{marks}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Score {s.score:.2f}\n" + "\n".join(s.why)
        if role == Qt.ItemDataRole.ForegroundRole and s.cited:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == self.SuggestionRole:
            return s
        if role == self.CitedRole:
            return s.cited
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class SuggestionsPanel(QWidget):
    """Suggestions for one cell, with a Cite action (button, double-click or Enter)."""

    cite_requested = Signal(int, int, int)  # source_id, start, end
    suggestions_ready = Signal(int)  # how many were found (for tests and the status bar)

    def __init__(self, parent: QWidget | None = None, *, limit: int = 20) -> None:
        super().__init__(parent)
        self._limit = limit
        self._session = None  # workbench.ui.session.ProjectSession
        self._project: Project | None = None
        self._cell: tuple[int, int] | None = None
        self._read: Handle | None = None
        self.model = SuggestionsModel(self)
        self.status = QLabel("Select a cell to see suggested evidence.")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # error messages may quote names
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self._cite_index)
        self.view.activated.connect(self._cite_index)
        self.cite_button = QPushButton("Cite")
        self.cite_button.setToolTip("Cite the selected sentence in this cell")
        self.cite_button.setEnabled(False)
        self.cite_button.clicked.connect(self.cite_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.cite_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    # -- what is shown ---------------------------------------------------------------------

    def set_session(self, session) -> None:
        """The project whose suggestions to show (None: none); clears the cell."""
        self._session = session
        self._project = session.project if session is not None else None
        self.set_cell(None, None)

    def set_cell(self, actor_id: int | None, instrument_id: int | None) -> None:
        """Show the suggestions for a cell (computed in the background); None clears."""
        self.model.set_items([])
        self._update_button()
        key = f"suggest-{id(self)}"
        if self._session is None or actor_id is None or instrument_id is None:
            if self._read is not None and not self._read.finished and self._session is not None:
                self._session.io.read(lambda _p, _r: [], lambda _r: None, key=key)  # drop the old one
            self._read = None
            self._cell = None
            self.status.setText("Select a cell to see suggested evidence.")
            return
        self._cell = (actor_id, instrument_id)
        self.status.setText("Finding sentences…")
        limit = self._limit

        def work(connection: Project, _progress: Any) -> list[Suggestion]:
            return suggest(connection, actor_id, instrument_id, limit=limit)

        self._read = self._session.io.read(work, self._done, self._failed, key=key, owner=self)

    def refresh(self) -> None:
        """Compute the current cell again (after a citation, or when sources changed)."""
        if self._cell is not None:
            self.set_cell(*self._cell)

    def is_busy(self) -> bool:
        return self._read is not None and not self._read.finished

    def _done(self, result: object) -> None:
        items = list(result) if isinstance(result, list) else []
        self.model.set_items(items)
        if items:
            fresh = sum(1 for s in items if not s.cited)
            self.status.setText(f"{len(items)} suggested sentences ({fresh} not yet cited). "
                                "Double-click or press Cite to cite one.")
        else:
            self.status.setText("No sentence names this actor together with this instrument's terms. "
                                "Add aliases or terms to widen the search.")
        self._update_button()
        self.suggestions_ready.emit(len(items))

    def _failed(self, error: ProjectError) -> None:
        self.status.setText(f"Suggestions could not be computed: {error}")
        self.suggestions_ready.emit(0)

    # -- citing ----------------------------------------------------------------------------

    def selected(self) -> Suggestion | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    @Slot()
    def cite_selected(self) -> None:
        """Ask for the selected suggestion to be cited in the cell."""
        s = self.selected()
        if s is not None:
            self._cite(s)

    @Slot(QModelIndex)
    def _cite_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._cite(self.model.item(index.row()))

    def _cite(self, s: Suggestion) -> None:
        if s.cited:
            self.status.setText("That sentence is already cited in this cell.")
        elif self._can_cite():
            self.cite_requested.emit(s.source_id, s.start, s.end)

    def _can_cite(self) -> bool:
        return self._project is not None and not self._project.read_only

    def _update_button(self, *args: Any) -> None:
        s = self.selected()
        self.cite_button.setEnabled(s is not None and not s.cited and self._can_cite())
        if self._project is not None and self._project.read_only:
            self.cite_button.setToolTip(f"The project is read-only ({self._project.read_only_reason}).")
