"""What the menu flows (file_flows.py, edit_flows.py) may ask of the window: a small interface.

The flows get this instead of the whole MainWindow, so they cannot reach into its panes or
edit their models: they read the selection through it, run commands and jobs through the
session, and speak to the analyst through its notifier. MainWindow implements it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from workbench.domain.models import Cell
    from workbench.ui.jobs import JobRunner
    from workbench.ui.notifier import Notifier
    from workbench.ui.session import ProjectSession
    from workbench.ui.settings import AppSettings


class FlowHost(Protocol):
    """The window as the flows see it."""

    session: ProjectSession | None  # the open project, or None
    settings: AppSettings  # recent files, last folders, last credibility
    notifier: Notifier  # dialog, status bar or inline, by severity
    jobs: JobRunner  # long jobs behind a progress dialog

    def dialog_parent(self) -> QWidget:
        """The widget dialogs open over."""
        ...

    def can_write(self, what: str) -> bool:
        """Whether edits are possible now; says why not."""
        ...

    def show_message(self, text: str) -> None:
        ...

    def open_project(self, path: Path) -> bool:
        ...

    def selected_cell(self) -> Cell | None:
        ...

    def reader_passage(self) -> tuple[int, int, int] | None:
        """(source id, start, end) of the passage selected in the reader, if any."""
        ...

    def shown_source_id(self) -> int | None:
        """The source open in the reader, if any."""
        ...

    def coverage_wanted(self) -> bool:
        """Whether the matrix should show coverage (the menu item is checked)."""
        ...

    def show_coverage(self, counts: object | None) -> None:
        """Shade the matrix with *counts* (None: stop shading and uncheck the menu item)."""
        ...

    def show_cell_coverage(self, actor_id: int, instrument_id: int, counts: tuple[int, int]) -> None:
        """Change one cell's coverage counts (after a cite or an uncite)."""
        ...

    def show_index_progress(self, done: int | None, total: int = 0, text: str = "") -> None:
        """Say how far the evidence index has come where the analyst waits for it (None: done)."""
        ...

    def recent_menu(self) -> QMenu:
        """The File menu's list of recent projects (filled when it opens)."""
        ...
