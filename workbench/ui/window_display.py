"""What the main window shows of the open project: the matrix, the reader, the counts.

Part of MainWindow (main_window.py). Every read is made on a worker through the session's
I/O service: the matrix and its changed cells, the number of sources, and the source the
reader opens on a click, a search hit or a jump to a cited passage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.store import cells, sources
from workbench.store.errors import NotFound, ProjectError
from workbench.store.project import Project
from workbench.ui.notices import CellChanged, EvidenceChanged, FrameChanged, Notice, SourcesChanged

if TYPE_CHECKING:
    from workbench.domain.models import Cell


def _count(n: int, noun: str) -> str:
    """'1 cell', '2 cells', '1,200 sources'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class ProjectDisplay:
    """MainWindow's panes following the project (mixed into MainWindow)."""

    def _update_suggestions(self) -> None:
        self.suggestions_page.set_cell(self.cell_editor.cell)

    def _reload_matrix(self) -> None:
        self.matrix_model.request(self.session.io)  # read on a worker; _matrix_read follows

    def _select_first_cell(self) -> None:
        """Start on a cell with content (the most useful thing to see first)."""
        model = self.matrix_model
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                cell = model.cell_at(model.index(r, c))
                if cell is not None and cell.evidence_count:
                    self.matrix.setCurrentIndex(model.index(r, c))
                    return
        if model.rowCount() and model.columnCount():
            self.matrix.setCurrentIndex(model.index(0, 0))

    def _show_first_source(self) -> None:
        """Open the reader on something useful: the selected cell's first cited passage, or the newest source."""
        cell = self.cell_editor.cell
        first = self.cell_editor.evidence_model.excerpt(0) if cell is not None else None
        if first is not None:
            self.jump_to(first.source_id, first.start, first.end)
        elif self.sources_pane.model.rowCount():
            self.sources_pane.table.selectRow(0)

    def _first_evidence_shown(self) -> None:
        """Just opened: the first cell's evidence is read, so the reader can open its first passage."""
        if self._first_source_due and self.session is not None:
            self._first_source_due = False
            self._show_first_source()

    def _cell_chosen(self, cell) -> None:
        self.cell_editor.set_cell(cell)
        self._update_suggestions()
        self._update_actions()

    def show_source(self, source_id: int, query: str = "") -> None:
        """Open a source in the reader, with search hits for *query* and its cited passages.

        Read on a worker: the reader says "Reading…" until it arrives, and a newer choice
        replaces it."""
        if self.session is None:
            return
        self.reader.read_source(source_id, query)
        self._update_actions()

    def jump_to(self, source_id: int, start: int, end: int) -> None:
        """Show a cited passage: open its source, select and flash the passage."""
        if self.reader.source is not None and self.reader.source.id == source_id:
            self.reader.select_range(start, end)
            return
        if self.session is None:
            return
        self.reader.read_source(source_id, select=(start, end))  # selected once it is read
        self.sources_pane.select_source(source_id)
        self._update_actions()

    def focus_search(self) -> None:
        self.sources_pane.search_box.setFocus()
        self.sources_pane.search_box.selectAll()

    def _on_notice(self, notice: Notice) -> None:
        """The matrix and the status line follow the notices; every pane follows its own."""
        if isinstance(notice, CellChanged | EvidenceChanged):
            # Read on a worker: the window's connection could wait for a commit in progress.
            self.session.io.read(lambda project, _p, cell_id=notice.cell_id: _cell_or_none(project, cell_id),
                                 self._cell_read, key=f"matrix-cell-{notice.cell_id}", owner=self)
        if isinstance(notice, FrameChanged | SourcesChanged):  # a removed source takes evidence
            self._reload_matrix()
        if isinstance(notice, FrameChanged | SourcesChanged):
            # The evidence index follows in the background; coverage, when shown, with it.
            self._coverage_timer.start()
        elif isinstance(notice, EvidenceChanged) and self.matrix_model.showing_coverage:
            self.edits.refresh_cell_coverage(notice.cell_id)  # a cite changes only its cell
        self._read_counts()
        self._update_actions()

    def _read_counts(self) -> None:
        self.session.io.read(lambda project, _p: sources.count(project), self._count_read,
                             key="status-counts", owner=self)

    def _matrix_read(self) -> None:
        """The matrix as read is on show: keep the selected cell, or start on a useful one."""
        if self.session is None:
            return
        current = self.cell_editor.cell
        if current is None or not self.matrix.select_cell(current.actor_id, current.instrument_id):
            self._select_first_cell()
        if self._source_count is not None:  # else the count read on its way sets it
            self.status.set_counts(self._counts(self._source_count))
        if self._first_source_due and self.cell_editor.cell is None:  # no cell: no evidence to wait for
            self._first_evidence_shown()
        self._start_due_check()

    def _matrix_refused(self, error: ProjectError) -> None:
        self._on_error(error)
        self._start_due_check()  # the check then says what is wrong with the file

    def _cell_read(self, cell: Cell | None) -> None:
        if cell is not None:
            self.matrix_model.update_cell(cell)
            # "N cells filled" counts the matrix: count again once the cell is in it.
            if self.session is not None and self._source_count is not None:
                self.status.set_counts(self._counts(self._source_count))

    def _count_read(self, source_count: int) -> None:
        self._source_count = source_count
        if self.session is not None:
            self.status.set_counts(self._counts(source_count))

    def _on_error(self, error: ProjectError) -> None:
        self.notifier.problem(error)

    def _counts(self, source_count: int | None = None) -> str:
        """The status line's figures; "" until the number of sources is read."""
        source_count = self._source_count if source_count is None else source_count
        if self.session is None or source_count is None:
            return ""
        model = self.matrix_model
        return (f"{_count(source_count, 'source')} · {_count(model.rowCount(), 'actor')} × "
                f"{_count(model.columnCount(), 'instrument')} · {_count(model.filled, 'cell')} filled")


def _cell_or_none(project: Project, cell_id: int) -> Cell | None:
    try:
        return cells.by_id(project, cell_id)
    except NotFound:  # its actor or instrument went meanwhile
        return None
