"""The "Suggestions" page of the cell editor, holding the evidence finder's panel.

The panel, and the finder behind it, are made when the page is first shown (or first asked
for), so that neither costs anything at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workbench.domain.models import Cell
from workbench.ui.notices import SUGGESTION_NOTICES, EvidenceChanged, Notice


class SuggestionsPage(QWidget):
    """Keeps the panel told which cell is selected; `cite(source_id, start, end)` cites."""

    cancel_indexing = Signal()  # the Cancel of the panel's indexing strip

    def __init__(self, cite: Callable[[int, int, int], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QVBoxLayout(self).setContentsMargins(0, 4, 0, 0)
        self._cite = cite
        self._panel = None  # workbench.ui.suggestions_panel.SuggestionsPanel, once made
        self._session = None  # workbench.ui.session.ProjectSession
        self._cell: Cell | None = None
        self._indexing: tuple[int | None, int, str] = (None, 0, "")  # as last told

    @property
    def panel(self):  # -> SuggestionsPanel
        if self._panel is None:
            from workbench.ui.suggestions_panel import SuggestionsPanel

            self._panel = SuggestionsPanel(self)
            self.layout().addWidget(self._panel)
            self._panel.cite_requested.connect(lambda sid, s, e: self._cite(sid, s, e))
            self._panel.set_session(self._session)
            self._panel.indexing.cancel_requested.connect(self.cancel_indexing)
            self._panel.indexing.set_progress(*self._indexing)
            self._tell()
        return self._panel

    @property
    def made(self) -> bool:
        return self._panel is not None

    def set_session(self, session) -> None:
        """Follow *session* (None: no project): its notices refresh the suggestions."""
        if self._session is not None:
            self._session.notices.disconnect(self._on_notice)
        self._session, self._cell = session, None
        if session is not None:
            session.notices.connect(self._on_notice)
        if self._panel is not None:
            self._panel.set_session(session)

    def set_cell(self, cell: Cell | None) -> None:
        self._cell = cell
        self._tell()

    def refresh(self) -> None:
        """Compute again ("already cited" marks, new candidates), if the panel exists."""
        if self._panel is not None:
            self._panel.refresh()

    def set_indexing(self, done: int | None, total: int = 0, text: str = "") -> None:
        """How far the evidence index has come (None: done); once it is done, the suggestions
        are computed again, now over every indexed sentence of the cell."""
        was = self._indexing[0]
        self._indexing = (done, total, text)
        if self._panel is not None:
            self._panel.indexing.set_progress(done, total, text)
            if done is None and was is not None:
                self._panel.refresh()

    def _on_notice(self, notice: Notice) -> None:
        mine = isinstance(notice, EvidenceChanged) and self._cell is not None and notice.cell_id == self._cell.id
        if mine or isinstance(notice, SUGGESTION_NOTICES):
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.panel  # noqa: B018 (first view makes the panel)
        super().showEvent(event)

    def _tell(self) -> None:
        if self._panel is not None:
            c = self._cell
            self._panel.set_cell(c.actor_id if c else None, c.instrument_id if c else None)
