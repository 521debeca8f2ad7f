"""The Suggestions list of the cell editor: sentences that bear on the selected cell.

The panel computes suggestions as a read on the session's I/O service (a newer cell's read
replaces the older one) and shows them in two groups: direct evidence first (the actor acts
with the instrument), then, in a group that starts collapsed, related sentences (the actor is
the target, reports it, or is named near it). Each item shows its sentence, its source and
the reason for its group. A citation is asked for with the signal
`cite_requested(source_id, start, end)` from either group. The panel never writes to the
project itself: the window runs the citation through its undo stack, and the page holding
the panel calls `refresh()` on the notices that change what is suggested.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QListView, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from workbench.evidence.finder import suggest
from workbench.evidence.suggestion import Suggestion
from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.index_progress import IndexProgress
from workbench.ui.io_handle import Handle

_Index = QModelIndex | QPersistentModelIndex


def role_reason(s: Suggestion) -> str:
    """The reason that puts a suggestion in its group (the actor's role), in plain words."""
    reason = s.why[1] if len(s.why) > 1 and not s.why[1].startswith("terms:") else ""
    if s.direct:
        return "Direct: " + (reason or "the actor acts with the instrument")
    return "Related: " + (reason or "the actor is named near the instrument")


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
            reason = f"\n{role_reason(s)}" if role_reason(s) else ""
            return f"{sentence}\n— {s.source_title}{more} · {s.matched_alias} · {terms}{marks}{reason}"
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


def _list_view(model: SuggestionsModel) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setUniformItemSizes(False)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


class SuggestionsPanel(QWidget):
    """Suggestions for one cell in two groups, direct and related, with a Cite action
    (button, double-click or Enter) that works on a sentence of either group.

    `model`/`view` hold the direct evidence, `related_model`/`related_view` the related
    sentences, shown by `related_toggle` (collapsed at first)."""

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
        self.related_model = SuggestionsModel(self)
        self.status = QLabel("Select a cell to see suggested evidence.")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # error messages may quote names
        self.direct_label = QLabel("Direct evidence")
        self.view = _list_view(self.model)
        self.related_toggle = QToolButton()
        self.related_toggle.setCheckable(True)
        self.related_toggle.setChecked(False)
        self.related_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.related_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.related_toggle.setAutoRaise(True)
        self.related_toggle.setToolTip("Sentences where the actor is the target, only reports the "
                                       "action, or is named near the instrument")
        self.related_toggle.toggled.connect(self._show_related)
        self.related_view = _list_view(self.related_model)
        self.related_view.setVisible(False)
        for view in (self.view, self.related_view):
            view.doubleClicked.connect(self._cite_index)
            view.activated.connect(self._cite_index)
            view.selectionModel().selectionChanged.connect(
                lambda _new, _old, v=view: self._selected_in(v))
        self.cite_button = QPushButton("Cite")
        self.cite_button.setToolTip("Cite the selected sentence in this cell")
        self.cite_button.setEnabled(False)
        self.cite_button.clicked.connect(self.cite_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.cite_button)
        # While the evidence index is built, the suggestions come from the newest sentences only.
        self.indexing = IndexProgress(self)
        self.indexing.setToolTip("Until the evidence index is complete, suggestions are drawn from the "
                                 "newest sentences only")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.indexing)
        layout.addLayout(buttons)
        layout.addWidget(self.direct_label)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.related_toggle)
        layout.addWidget(self.related_view, 2)
        self._set_group_titles()

    # -- what is shown ---------------------------------------------------------------------

    def set_session(self, session) -> None:
        """The project whose suggestions to show (None: none); clears the cell."""
        self._session = session
        self._project = session.project if session is not None else None
        self.set_cell(None, None)

    def set_cell(self, actor_id: int | None, instrument_id: int | None) -> None:
        """Show the suggestions for a cell (computed in the background); None clears."""
        self.model.set_items([])
        self.related_model.set_items([])
        self._set_group_titles()
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
        direct = [s for s in items if s.direct]
        self.model.set_items(direct)
        self.related_model.set_items([s for s in items if not s.direct])
        self._set_group_titles()
        if direct:
            fresh = sum(1 for s in direct if not s.cited)
            found = f"{len(direct)} sentence{'' if len(direct) == 1 else 's'} of direct evidence"
            cited = f"{fresh} not yet cited" if fresh else "all cited already"
            self.status.setText(f"{found} ({cited}). Double-click or press Cite to cite one.")
        elif items:
            self.status.setText("No direct evidence: no sentence shows this actor using this instrument. "
                                "Related sentences are listed below.")
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
        for view in (self.view, self.related_view):
            rows = view.selectionModel().selectedRows()
            if rows:
                return view.model().item(rows[0].row())
        return None

    @Slot()
    def cite_selected(self) -> None:
        """Ask for the selected suggestion to be cited in the cell."""
        s = self.selected()
        if s is not None:
            self._cite(s)

    @Slot(QModelIndex)
    def _cite_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._cite(index.data(SuggestionsModel.SuggestionRole))

    def _selected_in(self, view: QListView) -> None:
        """One selection across both groups: selecting in one clears the other."""
        if view.selectionModel().hasSelection():
            other = self.related_view if view is self.view else self.view
            other.selectionModel().clearSelection()
        self._update_button()

    @Slot(bool)
    def _show_related(self, shown: bool) -> None:
        self.related_view.setVisible(shown)
        self.related_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if not shown:
            self.related_view.selectionModel().clearSelection()

    def _set_group_titles(self) -> None:
        n_direct, n_related = self.model.rowCount(), self.related_model.rowCount()
        self.direct_label.setText(f"Direct evidence ({n_direct})")
        self.related_toggle.setText(f"Related sentences ({n_related})")
        self.related_toggle.setEnabled(n_related > 0)

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
