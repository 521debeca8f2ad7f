"""The policy-option matrix: actors as rows, instruments as columns, one Cell per index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from workbench.domain.models import Actor, Cell, Instrument
from workbench.store import cells, frame
from workbench.ui import colors
from workbench.ui.plain_text import plain

ACTOR = "actor"  # the kinds of frame item: rows are actors, columns instruments
INSTRUMENT = "instrument"
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the Cell dataclass
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 3  # number of cited excerpts
COVERAGE_ROLE = Qt.ItemDataRole.UserRole + 4  # (candidates, cited) or None when not shown
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 5  # on headers: actor or instrument id
DISPUTE_ROLE = Qt.ItemDataRole.UserRole + 6  # open disagreements with a colleague's copy
_Index = QModelIndex | QPersistentModelIndex

if TYPE_CHECKING:
    from workbench.store.project import Project
    from workbench.ui.project_io import ProjectIO


class MatrixModel(QAbstractTableModel):
    """Holds plain data from the store; the window reloads what a change notice names."""

    loaded = Signal()  # a whole matrix read by `request` is on show
    refused = Signal(object)  # a ProjectError: the matrix could not be read

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.actors: list[Actor] = []
        self.instruments: list[Instrument] = []
        self._cells: dict[tuple[int, int], Cell] = {}
        self._coverage: dict[tuple[int, int], tuple[int, int]] | None = None
        # Cells on show that are not empty, kept as cells are loaded and replaced: the status
        # line says it after every save, and walking a large matrix each time would cost the
        # UI thread milliseconds per keystroke's save.
        self.filled = 0

    def load(self, actors: list[Actor], instruments: list[Instrument], cells: list[Cell]) -> None:
        self.beginResetModel()
        self.actors, self.instruments = list(actors), list(instruments)
        self._cells = {(c.actor_id, c.instrument_id): c for c in cells}
        rows, columns = {a.id for a in self.actors}, {i.id for i in self.instruments}
        self.filled = sum(1 for (a, i), c in self._cells.items() if a in rows and i in columns and _filled(c))
        self.endResetModel()

    def request(self, io: ProjectIO) -> None:
        """Read the actors, instruments and cells on a worker (at open, after a frame change);
        a newer request replaces one still on its way. `loaded` once they are on show."""
        io.read(lambda project, _progress: read_matrix(project), self._read, self.refused.emit,
                key=f"matrix-{id(self)}", owner=self)

    def _read(self, matrix: tuple[list[Actor], list[Instrument], list[Cell]]) -> None:
        self.load(*matrix)
        self.loaded.emit()

    def update_cell(self, cell: Cell) -> None:
        """Replace one cell after an edit and repaint just it."""
        key = (cell.actor_id, cell.instrument_id)
        old = self._cells.get(key)
        if old is None:
            return
        self._cells[key] = cell
        self.filled += _filled(cell) - _filled(old)
        index = self.index_of(cell.actor_id, cell.instrument_id)
        self.dataChanged.emit(index, index)

    def set_coverage(self, coverage: dict[tuple[int, int], tuple[int, int]] | None) -> None:
        """Show coverage numbers (or hide them with None)."""
        self._coverage = coverage
        if self.actors and self.instruments:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.actors) - 1, len(self.instruments) - 1))

    def set_cell_coverage(self, actor_id: int, instrument_id: int, counts: tuple[int, int]) -> None:
        """Change one cell's coverage numbers and repaint just it."""
        if self._coverage is None or (actor_id, instrument_id) not in self._cells:
            return
        self._coverage[(actor_id, instrument_id)] = counts
        index = self.index_of(actor_id, instrument_id)
        self.dataChanged.emit(index, index)

    @property
    def showing_coverage(self) -> bool:
        return self._coverage is not None

    def cell_at(self, index: _Index) -> Cell | None:
        if not index.isValid() or not (0 <= index.row() < len(self.actors)) \
                or not (0 <= index.column() < len(self.instruments)):
            return None
        return self._cells.get((self.actors[index.row()].id, self.instruments[index.column()].id))

    def title_of(self, cell: Cell) -> str | None:
        """"Actor × Instrument" from the names on show (None if either is not in the matrix)."""
        actor = next((a.name for a in self.actors if a.id == cell.actor_id), None)
        instrument = next((i.name for i in self.instruments if i.id == cell.instrument_id), None)
        return f"{actor} × {instrument}" if actor is not None and instrument is not None else None

    def index_of(self, actor_id: int, instrument_id: int) -> QModelIndex:
        rows = [a.id for a in self.actors]
        cols = [i.id for i in self.instruments]
        if actor_id not in rows or instrument_id not in cols:
            return QModelIndex()
        return self.index(rows.index(actor_id), cols.index(instrument_id))

    # -- the model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.actors)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.instruments)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        items = self.instruments if orientation == Qt.Orientation.Horizontal else self.actors
        if not 0 <= section < len(items):
            return None
        item = items[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = item.aliases if isinstance(item, Actor) else item.terms
            label = "Also known as" if isinstance(item, Actor) else "Terms"
            return plain(f"{item.name}\n{label}: {', '.join(extra)}" if extra else item.name)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        cell = self.cell_at(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.summary()
        if role == CELL_ROLE:
            return cell
        if role == STATUS_ROLE:
            return cell.status
        if role == EVIDENCE_ROLE:
            return cell.evidence_count
        if role == DISPUTE_ROLE:
            return cell.disputes
        if role == COVERAGE_ROLE:
            return None if self._coverage is None else self._coverage.get((cell.actor_id, cell.instrument_id), (0, 0))
        if role == Qt.ItemDataRole.BackgroundRole:
            return colors.STATUS_FILL.get(cell.status, colors.STATUS_FILL["empty"])
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain(self._tooltip(index, cell))  # cell text is untrusted: never rich text
        return None

    def _tooltip(self, index: _Index, cell: Cell) -> str:
        actor = self.actors[index.row()].name
        inst = self.instruments[index.column()].name
        lines = [f"{actor} × {inst} — {cell.status}"]
        if cell.summary():
            lines.append(cell.summary()[:200])
        grades = ", ".join(x for x in (cell.likelihood, f"{cell.confidence} confidence" if cell.confidence else "") if x)
        if grades:
            lines.append(grades)
        lines.append(f"{cell.evidence_count} cited excerpt(s)")
        if cell.disputes:
            lines.append(f"Analysts differ: {cell.disputes} disagreement(s) with a colleague's copy to settle")
        if self._coverage is not None:
            cand, cited = self._coverage.get((cell.actor_id, cell.instrument_id), (0, 0))
            lines.append(f"{cand} candidate sentence(s) in the sources, {cited} cited")
        return "\n".join(lines)


def _filled(cell: Cell) -> int:
    return int(cell.status != "empty")


def read_matrix(project: Project) -> tuple[list[Actor], list[Instrument], list[Cell]]:
    """What the matrix shows: actors, instruments and every cell (on a worker's connection)."""
    return frame.actors(project), frame.instruments(project), cells.all_cells(project)
