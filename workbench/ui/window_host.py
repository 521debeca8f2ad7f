"""What the menu flows may ask of the main window (flow_host.FlowHost), answered.

Part of MainWindow (main_window.py): the flows see the window only through these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from workbench.domain.models import Cell


class FlowHostAnswers:
    """MainWindow's side of flow_host.FlowHost (mixed into MainWindow)."""

    def initials_for(self, name: str) -> str:
        """Short form of who changed something: the analyst's own initials from Preferences,
        anyone else's made from their name."""
        from workbench.ui.preferences import short_name

        mine = self.settings.display_name()
        if mine and name == mine and self.settings.initials():
            return self.settings.initials()
        return short_name(name)

    def show_message(self, text: str) -> None:
        self.notifier.info(text)

    def dialog_parent(self) -> QWidget:
        return self

    def selected_cell(self) -> Cell | None:
        return self.cell_editor.cell

    def reader_passage(self) -> tuple[int, int, int] | None:
        span = self.reader.selection()
        if span is None or self.reader.source is None:
            return None
        return (self.reader.source.id, *span)

    def shown_source_id(self) -> int | None:
        return self.reader.source.id if self.reader.source is not None else None

    def coverage_wanted(self) -> bool:
        return self.actions.coverage.isChecked()

    def show_coverage(self, counts: object | None) -> None:
        if counts is None:
            self.actions.coverage.setChecked(False)
        self.matrix_model.set_coverage(counts)

    def show_cell_coverage(self, actor_id: int, instrument_id: int, counts: tuple[int, int]) -> None:
        self.matrix_model.set_cell_coverage(actor_id, instrument_id, counts)

    def show_index_progress(self, done: int | None, total: int = 0, text: str = "") -> None:
        if done is None or self.coverage_wanted():
            self.index_progress.set_progress(done, total, text)
        else:
            self.index_progress.set_progress(None)
        self.suggestions_page.set_indexing(done, total, text)

    def recent_menu(self) -> QMenu:
        return self.actions.recent

    def can_write(self, what: str) -> bool:
        """Whether edits are possible; says why not in the status bar."""
        if self.session is None:
            self.show_message(f"{what}: open a project first.")
            return False
        if self.session.read_only:
            self.show_message(f"{what}: this project is read-only ({self.session.project.read_only_reason}).")
            return False
        return True
