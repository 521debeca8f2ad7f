"""The cell's evidence: its cited excerpts, their credibility and notes, and removing them.

The excerpts are read on a worker through the I/O service, never on the window's connection:
selecting another cell empties the list at once (nothing of the previous cell stays on show as
if it were this one's) and says "Reading…" until its own excerpts arrive.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QInputDialog, QLabel, QListView, QMenu, QPushButton, QStackedLayout,
    QVBoxLayout, QWidget,
)

from workbench.domain import scales
from workbench.domain.models import Cell
from workbench.store import excerpts
from workbench.store.errors import ProjectError
from workbench.ui import appearance
from workbench.ui.evidence_model import EvidenceModel
from workbench.ui.item_delegates import EvidenceDelegate
from workbench.ui.session import ProjectSession


class EvidencePane(QWidget):
    """Lists one cell's excerpts; clicking one emits `jump_requested(source_id, start, end)`."""

    jump_requested = Signal(int, int, int)
    count_changed = Signal(int)
    shown = Signal(int)  # a cell's excerpts as read are on show (its id)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ProjectSession | None = None
        self.cell: Cell | None = None
        self.reading = False  # the shown cell's excerpts are on their way from a worker
        self._chosen: dict[int, int] = {}  # excerpt id -> credibility asked for, its notice not come yet
        self.model = EvidenceModel(self)
        self.view = QListView(self)
        self.view.setObjectName("evidenceList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(EvidenceDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("Take the selected excerpt out of this cell")
        self.remove_button.clicked.connect(self.remove_selected)
        self.credibility = QComboBox(self)
        self.credibility.setToolTip("Credibility of the selected excerpt (Admiralty 1-6)")
        for n, words in scales.CREDIBILITY.items():
            self.credibility.addItem(f"{n} — {words}", n)
        self.credibility.activated.connect(self._credibility_chosen)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("Credibility:", self))
        buttons.addWidget(self.credibility, 1)
        buttons.addWidget(self.remove_button)
        # While a cell's excerpts are read, a plain line stands where the list is.
        self.state = QLabel(self)
        self.state.setObjectName("evidenceState")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setWordWrap(True)
        appearance.muted(self.state)
        self.pages = QStackedLayout()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self.pages, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def show_cell(self, session: ProjectSession | None, cell: Cell | None) -> None:
        """List the excerpts of *cell*, read on a worker (the same cell keeps its current row).

        Another cell empties the list at once and shows "Reading…" until its excerpts arrive."""
        same = session is self.session and cell is not None and self.cell is not None and cell.id == self.cell.id
        self.session, self.cell = session, cell
        if not same:
            self._chosen.clear()
            self.model.load([])
            self._update_buttons()
            self.count_changed.emit(0)
            self._reading(session is not None and cell is not None, "Reading this cell's evidence…")
        self.reload()

    def reload(self) -> None:
        """List the cell's excerpts again, read on a worker after the writes queued so far
        (the window's connection could wait for a commit in progress); a newer read replaces it."""
        if self.session is None or self.cell is None:
            return
        cell_id = self.cell.id
        self.session.io.read(lambda project, _p: excerpts.for_cell(project, cell_id),
                             lambda found: self._reloaded(cell_id, found),
                             lambda error: self._refused(cell_id, error), key=f"evidence-{id(self)}", owner=self)

    def _reloaded(self, cell_id: int, found: list) -> None:
        if self.cell is not None and self.cell.id == cell_id:  # still the cell shown
            self._reading(False)
            self._show(found)
            self.shown.emit(cell_id)

    def _refused(self, cell_id: int, error: ProjectError) -> None:
        if self.cell is not None and self.cell.id == cell_id and self.session is not None:
            if self.reading:  # nothing of this cell is listed: say so where the list stands
                self._reading(True, "This cell's evidence could not be read.")
            self.session.refuse(error)  # said once, on the window's one error channel

    def _reading(self, reading: bool, text: str = "") -> None:
        self.reading = reading
        self.state.setText(text)
        self.pages.setCurrentWidget(self.state if reading else self.view)

    def _show(self, found: list) -> None:
        if self.session is None or not self.session.io.writes_pending():
            self._chosen.clear()  # nothing queued: the file has every choice made
        current = max(0, self.view.currentIndex().row())
        self.model.load(found)
        rows = self.model.rowCount()
        if rows:  # keep a row current, so that credibility and Remove act on something visible
            self.view.setCurrentIndex(self.model.index(min(current, rows - 1)))
        self._update_buttons()
        self.count_changed.emit(rows)

    def selected_excerpt_id(self) -> int | None:
        ex = self.model.excerpt(self.view.currentIndex().row())
        return ex.id if ex else None

    def _editable(self) -> bool:
        return self.cell is not None and self.session is not None and not self.session.read_only

    def _update_buttons(self) -> None:
        has = self.view.currentIndex().isValid()
        if not has:  # blank, never the credibility of an excerpt no longer listed
            self.credibility.setCurrentIndex(-1)
        self.credibility.setEnabled(self._editable() and has)
        self.remove_button.setEnabled(self._editable() and has)

    def _clicked(self, index: QModelIndex) -> None:
        ex = self.model.excerpt(index.row())
        if ex is not None:
            self.jump_requested.emit(ex.source_id, ex.start, ex.end)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ex = self.model.excerpt(current.row())
        if ex is not None:  # a choice still on its way stays shown
            value = self._chosen.get(ex.id, ex.credibility)
            self.credibility.setCurrentIndex(max(0, self.credibility.findData(value)))
        self._update_buttons()

    def remove_selected(self) -> None:
        ex = self.model.excerpt(self.view.currentIndex().row())
        if ex is not None and self._editable():
            from workbench.ui.cell_commands import Uncite  # the edit commands load with the first edit

            self.session.run(Uncite(self.session, self.cell.id, ex.id, ex.source_id))

    def edit_note(self, excerpt_id: int) -> None:
        """Ask for a new note on an excerpt (why it matters, caveats)."""
        ex = self.model.excerpt(self.model.row_of(excerpt_id))
        if ex is None or not self._editable():
            return
        text, ok = QInputDialog.getText(self, "Excerpt note", "Note:", text=ex.note)
        if ok and text.strip() != ex.note:
            from workbench.ui.cell_commands import EditExcerpt

            self.session.run(EditExcerpt(self.session, excerpt_id, ex.source_id, note=text.strip()))

    def _credibility_chosen(self) -> None:
        ex = self.model.excerpt(self.view.currentIndex().row())
        value = self.credibility.currentData()
        # Compare with the last choice asked for: the excerpt as last read may not have it yet.
        if ex is not None and self._editable() and self._chosen.get(ex.id, ex.credibility) != value:
            from workbench.ui.cell_commands import EditExcerpt

            self._chosen[ex.id] = value
            self.session.run(EditExcerpt(self.session, ex.id, ex.source_id, credibility=value))

    def _menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        ex = self.model.excerpt(index.row())
        if ex is None:
            return
        menu = QMenu(self)
        menu.addAction("Show the passage", lambda: self._clicked(index))
        menu.addAction("Edit note…", lambda: self.edit_note(ex.id)).setEnabled(self._editable())
        menu.addSeparator()
        menu.addAction("Remove from this cell", self.remove_selected).setEnabled(self._editable())
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()
