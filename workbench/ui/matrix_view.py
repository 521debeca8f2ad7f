"""The matrix grid: cells drawn by MatrixDelegate; header menus edit the frame."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from workbench.ui.matrix_delegate import MatrixDelegate
from workbench.ui.matrix_model import ACTOR, CELL_ROLE, INSTRUMENT, MatrixModel
from workbench.ui.plain_text import menu_text


class MatrixView(QTableView):
    """Emits `cell_chosen(cell)` and frame edit requests from the header menus."""

    cell_chosen = Signal(object)  # Cell or None
    open_cell = Signal()  # Enter or F2 on a cell: edit it
    add_requested = Signal(str, int)  # kind, position (-1: at the end)
    edit_requested = Signal(str, int)  # kind, item id
    move_requested = Signal(str, int, int)  # kind, item id, new index
    remove_requested = Signal(str, int)  # kind, item id

    def __init__(self, model: MatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrix")
        self.setModel(model)
        self.setItemDelegate(MatrixDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Arrow keys move between cells; Tab goes on to the cell editor, as in a form.
        self.setTabKeyNavigation(False)
        self.setAccessibleName("Matrix of actors and instruments")
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Two lines of text per row, and a bounded actor column: on a 1280 x 720 laptop five
        # actors and three instruments show at once; long names end in "…" (the tooltip has them).
        rows.setDefaultSectionSize(self.fontMetrics().height() * 2 + 12)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setMaximumWidth(self.fontMetrics().averageCharWidth() * 18 + 16)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        cols = self.horizontalHeader()
        cols.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        cols.setMinimumSectionSize(110)
        cols.setTextElideMode(Qt.TextElideMode.ElideRight)
        cols.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for header, kind in ((rows, ACTOR), (cols, INSTRUMENT)):
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            header.customContextMenuRequested.connect(lambda pos, h=header, k=kind: self._header_menu(h, k, pos))
            header.setSectionsMovable(True)  # drag a row or column header to reorder
            header.sectionMoved.connect(
                lambda logical, old, new, h=header, k=kind: self._section_moved(h, k, logical, old, new))
        self.selectionModel().currentChanged.connect(self._current_changed)

    def matrix_model(self) -> MatrixModel:
        return self.model()  # type: ignore[return-value]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.cell_chosen.emit(current.data(CELL_ROLE) if current.isValid() else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and self.currentIndex().isValid():
            self.open_cell.emit()
            return
        super().keyPressEvent(event)

    def select_cell(self, actor_id: int, instrument_id: int) -> bool:
        index = self.matrix_model().index_of(actor_id, instrument_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def _section_moved(self, header: QHeaderView, kind: str, logical: int, old: int, new: int) -> None:
        """A header was dragged: put it back and ask for the move, so that the project holds the order."""
        model = self.matrix_model()
        items = model.actors if kind == ACTOR else model.instruments
        if not 0 <= logical < len(items):
            return
        header.blockSignals(True)
        header.moveSection(new, old)
        header.blockSignals(False)
        self.move_requested.emit(kind, items[logical].id, new)

    def _header_menu(self, header: QHeaderView, kind: str, pos: QPoint) -> None:
        model = self.matrix_model()
        items = model.actors if kind == ACTOR else model.instruments
        section = header.logicalIndexAt(pos)
        menu = QMenu(self)
        noun = "actor" if kind == ACTOR else "instrument"
        if 0 <= section < len(items):
            item = items[section]
            back, forward = ("Move up", "Move down") if kind == ACTOR else ("Move left", "Move right")
            menu.addAction(menu_text(f"Edit “{item.name}”…"), lambda: self.edit_requested.emit(kind, item.id))
            a = menu.addAction(back, lambda: self.move_requested.emit(kind, item.id, section - 1))
            a.setEnabled(section > 0)
            a = menu.addAction(forward, lambda: self.move_requested.emit(kind, item.id, section + 1))
            a.setEnabled(section < len(items) - 1)
            menu.addSeparator()
            menu.addAction(f"Add {noun} before…", lambda: self.add_requested.emit(kind, section))
        menu.addAction(f"Add {noun} at the end…", lambda: self.add_requested.emit(kind, -1))
        if 0 <= section < len(items):
            menu.addSeparator()
            menu.addAction(menu_text(f"Remove “{items[section].name}”…"),
                           lambda: self.remove_requested.emit(kind, items[section].id))
        menu.exec(header.viewport().mapToGlobal(pos))
        menu.deleteLater()
