"""Edits started from menus and panes: citing, the frame, source details, coverage.

What a dialog or a question starts from (the passage being cited, an actor's names, what a
removal takes with it) is read on a worker through the I/O service; the dialog opens when
the read arrives (`_ask`). One dialog at a time: a second request while a read is out or a
dialog is open is let go, and a read that fails is said once, in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from workbench.store import cells, frame, sources
from workbench.ui.cell_commands import Cite
from workbench.ui.frame_commands import ACTOR, AddFrameItem, EditFrameItem, EditSource, MoveFrameItem, RemoveFrameItem
from workbench.ui.plain_text import plain
from workbench.store.errors import NotFound, ProjectError
from workbench.ui.flow_host import FlowHost
from workbench.ui.io_handle import Handle

# The dialogs are imported where they open: the window does not need them to show itself.


class EditFlows(QObject):
    """The Edit and Matrix menus of one window, which they see only as a FlowHost."""

    def __init__(self, host: FlowHost) -> None:
        super().__init__(host.dialog_parent())
        self.w = host
        self._coverage_job: Handle | None = None
        self._index_job: Handle | None = None
        self._indexed: tuple[int, int] | None = None  # (done, total) sources, as last reported
        self._asking: Handle | None = None  # the read a dialog waits for
        self._dialog_open = False

    def _ask(self, what: str, read: Callable[[Any], Any], then: Callable[[Any], None]) -> bool:
        """Run *read(project)* on a worker, then *then(result)* (which opens the dialog).

        False if another dialog is on its way or open (the request is let go)."""
        session = self.w.session
        if session is None or self._dialog_open or (self._asking is not None and not self._asking.finished):
            return False

        def done(result: Any) -> None:
            self._asking = None
            if self.w.session is not session:  # another project since
                return
            self._dialog_open = True
            try:
                then(result)
            finally:
                self._dialog_open = False

        def failed(error: ProjectError) -> None:
            self._asking = None
            if self.w.session is session:
                self.w.notifier.problem(error, what)

        self._asking = session.io.read(lambda project, _p: read(project), done, failed, owner=self)
        return True

    # -- citing ------------------------------------------------------------------------

    def cite_selection(self) -> bool:
        """Cite the reader's selection in the selected cell, asking for credibility and note."""
        w = self.w
        if not w.can_write("Cite in cell"):
            return False
        passage = w.reader_passage()
        if passage is None:
            w.show_message("Select a passage in the reader first.")
            return False
        if w.selected_cell() is None:
            w.show_message("Select a cell in the matrix first.")
            return False
        return self.cite(*passage)

    def cite(self, source_id: int, start: int, end: int) -> bool:
        """Cite text[start:end] of a source in the selected cell (also used by suggestions).

        True: the cite dialog opens once its passage is read (False: refused, said why)."""
        w = self.w
        cell = w.selected_cell()
        if cell is None or not w.can_write("Cite in cell"):
            return False

        def read(project) -> tuple[str, str, str]:
            src = _source(project, source_id)
            label = f"{frame.actor(project, cell.actor_id).name} × {frame.instrument(project, cell.instrument_id).name}"
            return (src.text or "")[start:end], label, src.title

        return self._ask("Cite in cell", read, lambda got: self._cite_dialog(cell.id, source_id, start, end, *got))

    def _cite_dialog(self, cell_id: int, source_id: int, start: int, end: int, quote: str, label: str,
                     title: str) -> None:
        w = self.w
        from workbench.ui.cite_dialog import CiteDialog

        dialog = CiteDialog(quote, label, title, w.settings.last_credibility(), w.dialog_parent())
        if dialog.exec() != QDialog.DialogCode.Accepted or w.session is None:
            return
        w.settings.set_last_credibility(dialog.credibility())
        if w.session.run(Cite(w.session, cell_id, source_id, start, end, dialog.credibility(), dialog.note())):
            w.show_message(f"Cited in {label}.")

    # -- the frame ---------------------------------------------------------------------

    def add_item(self, kind: str, position: int) -> None:
        if not self.w.can_write(f"Add {kind}"):
            return
        from workbench.ui.frame_dialogs import FrameItemDialog

        dialog = FrameItemDialog(kind, parent=self.w.dialog_parent())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.w.session.run(AddFrameItem(self.w.session, kind, dialog.name(), dialog.extra(),
                                            None if position < 0 else position))

    def edit_item(self, kind: str, item_id: int) -> None:
        if self.w.can_write(f"Edit {kind}"):
            self._ask(f"Edit {kind}", lambda project: _item(project, kind, item_id),
                      lambda item: self._edit_item_dialog(kind, item))

    def _edit_item_dialog(self, kind: str, item) -> None:
        extra = item.aliases if kind == ACTOR else item.terms
        from workbench.ui.frame_dialogs import FrameItemDialog

        dialog = FrameItemDialog(kind, item.name, extra, self.w.dialog_parent())
        if dialog.exec() == QDialog.DialogCode.Accepted and self.w.session is not None:
            if dialog.name() != item.name or dialog.extra() != list(extra):
                self.w.session.run(EditFrameItem(self.w.session, kind, item.id,
                                                 name=dialog.name(), extra=dialog.extra()))

    def edit_current(self, kind: str) -> None:
        cell = self.w.selected_cell()
        if cell is None:
            self.w.show_message("Select a cell in the matrix first.")
            return
        self.edit_item(kind, cell.actor_id if kind == ACTOR else cell.instrument_id)

    def move_item(self, kind: str, item_id: int, index: int) -> None:
        if self.w.can_write(f"Move {kind}"):
            self.w.session.run(MoveFrameItem(self.w.session, kind, item_id, index))

    def remove_item(self, kind: str, item_id: int) -> None:
        if self.w.can_write(f"Remove {kind}"):
            self._ask(f"Remove {kind}",
                      lambda project: (_item(project, kind, item_id),
                                       frame.has_content(project, **{f"{kind}_id": item_id})),
                      lambda got: self._remove_item_asked(kind, *got))

    def _remove_item_asked(self, kind: str, item, has_content: bool) -> None:
        if has_content:
            answer = QMessageBox.warning(
                self.w.dialog_parent(), f"Remove {kind}",
                plain(f"“{item.name}” has judgments or evidence in its cells. Remove it with all of them?\n\n"
                      "You can undo this with Edit ▸ Undo."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.w.session is not None:
            self.w.session.run(RemoveFrameItem(self.w.session, kind, item.id, item.name))

    # -- sources -----------------------------------------------------------------------

    def edit_source(self, source_id: int) -> None:
        if self.w.session is not None:
            self._ask("Source details", lambda project: _source(project, source_id, with_text=False),
                      self._source_dialog)

    def _source_dialog(self, src) -> None:
        from workbench.ui.source_dialog import SourceDialog

        session = self.w.session
        dialog = SourceDialog(src, self.w.dialog_parent(), read_only=session.read_only)
        if dialog.exec() == QDialog.DialogCode.Accepted and self.w.session is session and not session.read_only:
            changes = dialog.changes()
            if changes:
                session.run(EditSource(session, src.id, changes))

    def edit_current_source(self) -> None:
        source_id = self.w.shown_source_id()
        if source_id is None:
            self.w.show_message("Open a source in the reader first.")
            return
        self.edit_source(source_id)

    def grade_source(self, source_id: int, grade: str) -> None:
        if self.w.can_write("Grade source"):
            self.w.session.run(EditSource(self.w.session, source_id, {"reliability": grade}))

    def remove_sources(self, source_ids: list[int]) -> None:
        """Remove sources (with their excerpts); asks first when any of them is cited."""
        if not source_ids or not self.w.can_write("Remove sources"):
            return
        from workbench.store.source_removal import impact

        ids = list(source_ids)
        self._ask("Remove sources", lambda project: impact(project, ids), lambda seen: self._remove_asked(ids, seen))

    def _remove_asked(self, source_ids: list[int], seen) -> None:
        from workbench.ui.source_commands import RemoveSources

        if seen.excerpts:
            what = "this source" if seen.sources == 1 else f"these {seen.sources} sources"
            cells = "1 cell loses" if seen.cells == 1 else f"{seen.cells} cells lose"
            answer = QMessageBox.warning(
                self.w.dialog_parent(), "Remove sources",
                plain(f"Remove {what}? {cells} evidence: {seen.excerpts} cited "
                      f"passage{'s are' if seen.excerpts != 1 else ' is'} taken out of the matrix.\n\n"
                      "You can undo this with Edit ▸ Undo."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.w.session is not None:
            self.w.session.run(RemoveSources(self.w.session, source_ids))

    # -- coverage and the evidence index ------------------------------------------------

    def toggle_coverage(self) -> None:
        w = self.w
        if not w.coverage_wanted() or w.session is None:
            if self._coverage_job is not None:
                self._coverage_job.cancel()  # a long first indexing stops; the next one goes on
                self._coverage_job = None
                w.show_index_progress(None)
            w.show_coverage(None)
            return
        self.refresh_coverage()

    def refresh_coverage(self) -> None:
        """Bring the evidence index up to date in a worker (only what changed is read again),
        then shade the matrix with every cell's counts; without coverage shown, only the index."""
        w = self.w
        if w.session is None:
            return
        from workbench.evidence import index_process  # the finder loads on first use

        self._indexed = None
        if not w.coverage_wanted():
            if not w.session.project.read_only:
                self._index_job = w.session.io.job(index_process.refresh, self._indexing_done, self._indexing_done,
                                                   progress=self._progress, key="evidence-index", owner=self)
            return
        w.show_message("Counting candidate evidence…")
        if self._index_job is not None and not self._index_job.finished:
            # The count goes on from where the background indexing stops, instead of waiting
            # for it on a second reading thread (the panes' reads need one).
            self._index_job.cancel()
            self._index_job = None
        # A newer count replaces one still running: the newest count wins.
        self._coverage_job = w.session.io.job(_coverage, self._coverage_done, self._coverage_failed,
                                              progress=self._progress, key="coverage", owner=self)

    def cancel_indexing(self) -> None:
        """Stop the evidence index where it is (the Cancel of the progress strips): what is
        done is kept, and the next refresh goes on from there."""
        w = self.w
        stopped = False
        for job in (self._coverage_job, self._index_job):
            if job is not None and not job.finished:
                job.cancel()
                stopped = True
        self._coverage_job = self._index_job = None
        w.show_index_progress(None)
        if w.coverage_wanted():
            w.show_coverage(None)
        if stopped and self._indexed:
            w.show_message(f"Indexing stopped at {self._indexed[0]:,} of {self._indexed[1]:,} sources. What is "
                           "done is kept: showing coverage again goes on from there.")
        elif stopped:
            w.show_message("Counting stopped.")

    def refresh_cell_coverage(self, cell_id: int) -> None:
        """After a cite or an uncite: count that one cell again (its direct evidence is unchanged)."""
        w = self.w
        if w.session is None or not w.coverage_wanted():
            return
        from workbench.evidence.coverage import cell_coverage

        def count(project, _progress):
            try:
                cell = cells.by_id(project, cell_id)
            except NotFound:
                return None
            return cell.actor_id, cell.instrument_id, cell_coverage(project, cell.actor_id, cell.instrument_id)

        w.session.io.read(count, self._cell_counted, key=f"coverage-cell-{cell_id}", owner=self)

    def _cell_counted(self, result: tuple[int, int, tuple[int, int]] | None) -> None:
        if result is not None and self.w.coverage_wanted():
            self.w.show_cell_coverage(*result)

    def _progress(self, done: int, total: int, text: str) -> None:
        if not text or (self._coverage_job is None and self._index_job is None):
            return  # the last word of a refresh, or one that was cancelled meanwhile
        if total:
            self._indexed = (done, total)
        self.w.show_index_progress(done, total, text)

    def _indexing_done(self, _result: object) -> None:
        self._index_job = None
        if self._coverage_job is None:  # else the count goes on with the indexing
            self.w.show_index_progress(None)

    def _coverage_done(self, result) -> None:
        self._coverage_job = None
        self.w.show_index_progress(None)
        if self.w.coverage_wanted() and result:
            self.w.show_coverage(result)
            self.w.show_message("Coverage: direct evidence sentences in the sources · excerpts cited.")

    def _coverage_failed(self, error: ProjectError) -> None:
        self._coverage_job = None
        self.w.show_index_progress(None)
        self.w.show_message(f"Coverage could not be counted: {error}")


def _coverage(project, progress) -> dict[tuple[int, int], tuple[int, int]]:
    """Every cell's coverage (read on a worker). A large index is built by a process of its
    own first (index_process.py), so that the window never waits for the interpreter lock
    while it is built; `coverage` then finds it up to date and only counts."""
    from workbench.evidence import coverage, index_process

    if not project.read_only and not index_process.refresh(project, progress):
        return {}
    return coverage.coverage(project, progress)


def _item(project, kind: str, item_id: int):
    """The actor or instrument a dialog starts from (read on a worker)."""
    try:
        return frame.actor(project, item_id) if kind == ACTOR else frame.instrument(project, item_id)
    except NotFound:
        raise ProjectError(f"This {kind} is no longer in the project.") from None


def _source(project, source_id: int, *, with_text: bool = True):
    try:
        return sources.get(project, source_id, with_text=with_text)
    except NotFound:
        raise ProjectError("This source is no longer in the project.") from None
