"""The "Suggestions" page of the cell editor, holding the evidence finder's panel.

The panel, and the finder behind it, are made when the page is first shown (or first asked
for), so that neither costs anything at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workbench.domain.models import Cell
from workbench.store.project import Project


class SuggestionsPage(QWidget):
    """Keeps the panel told which cell is selected; `cite(source_id, start, end)` cites."""

    def __init__(self, cite: Callable[[int, int, int], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QVBoxLayout(self).setContentsMargins(0, 4, 0, 0)
        self._cite = cite
        self._panel = None  # workbench.ui.suggestions_panel.SuggestionsPanel, once made
        self._project: Project | None = None
        self._cell: Cell | None = None

    @property
    def panel(self):  # -> SuggestionsPanel
        if self._panel is None:
            from workbench.ui.suggestions_panel import SuggestionsPanel

            self._panel = SuggestionsPanel(self)
            self.layout().addWidget(self._panel)
            self._panel.cite_requested.connect(lambda sid, s, e: self._cite(sid, s, e))
            self._tell()
        return self._panel

    @property
    def made(self) -> bool:
        return self._panel is not None

    def set_cell(self, project: Project | None, cell: Cell | None) -> None:
        self._project, self._cell = project, cell
        self._tell()

    def refresh(self) -> None:
        """Compute again ("already cited" marks, new candidates), if the panel exists."""
        if self._panel is not None:
            self._panel.refresh()

    def shutdown(self) -> None:
        if self._panel is not None:
            self._panel.shutdown()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.panel  # noqa: B018 (first view makes the panel)
        super().showEvent(event)

    def _tell(self) -> None:
        if self._panel is not None:
            c = self._cell
            self._panel.set_cell(self._project, c.actor_id if c else None, c.instrument_id if c else None)
