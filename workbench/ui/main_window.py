"""The main window: Sources | Reader | (Matrix over Cell editor), a toolbar, a status bar.

The window owns one ProjectSession at a time. Panes read from the store on workers through
the session's I/O service and subscribe to its typed notices themselves; edits go through
undo commands (cell_commands, frame_commands) and the same service. The notifier says things
to the analyst.

The window is put together from parts by role:
- window_panes.py: the panes, their layout, and the signals between them;
- window_opening.py: opening, checking a received file, closing; the banner and the title;
- window_display.py: the matrix, the reader and the counts following the project;
- window_host.py: what the menu flows may ask of the window (flow_host.FlowHost);
- window_actions.py: the menus, the toolbar and the shortcuts.
This module keeps the window itself: its flows (made on first use), undo, enabling, closing
and drag and drop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QSplitter

from workbench.ui import icons, long_lived, window_actions, window_layout, window_panes
from workbench.ui.jobs import JobRunner
from workbench.ui.session import ProjectSession
from workbench.ui.settings import AppSettings
from workbench.ui.window_display import ProjectDisplay
from workbench.ui.window_host import FlowHostAnswers
from workbench.ui.window_opening import APP_TITLE, ProjectOpening

if TYPE_CHECKING:
    from workbench.ui.edit_flows import EditFlows
    from workbench.ui.file_flows import FileFlows

__all__ = ["APP_TITLE", "MainWindow"]


class MainWindow(ProjectOpening, ProjectDisplay, FlowHostAnswers, QMainWindow):
    """One window on one project. `MainWindow(path)` opens *path* straight away."""

    def __init__(self, path: Path | str | None = None, *, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(icons.get("app"))
        self.setAcceptDrops(True)
        self.settings = AppSettings(settings)
        self.session: ProjectSession | None = None
        self._closing: ProjectSession | None = None  # the session being closed, while it is
        self._source_count: int | None = None  # as last read after a notice
        self._project_name: str | None = None  # the title's name, read on a worker at open
        self._first_source_due = False  # just opened: the reader shows something once it is read
        self._check_due = False  # just opened a received file: its check starts once it shows
        self._mending = None  # the careful open of a received file with wrong values, on its way
        self.jobs = JobRunner(self)
        self._files: FileFlows | None = None
        self._edits: EditFlows | None = None
        self._merges = None
        window_panes.build(self)
        # Once the first list of sources is on show, what start-up made leaves the collector's
        # generations (long_lived.py): full collections then take a millisecond, not 15 to 50.
        self.sources_pane.model.arranged.connect(long_lived.freeze_once)
        self.actions = window_actions.build(self)
        self.reader.text.cite_action = self.actions.cite
        window_panes.add_suggestions(self)
        from workbench.ui.empty_guide import EmptyGuide

        self.empty_guide = EmptyGuide(self)
        self._coverage_timer = QTimer(self, singleShot=True, interval=600)
        self._coverage_timer.timeout.connect(lambda: self.edits.refresh_coverage())
        if not self.settings.restore_window(self, self._splitters()):
            self.resize(window_layout.first_size(self))
            self._default_splits()
        self._update_actions()
        if path is not None:
            self.open_project(Path(path))

    @property
    def files(self) -> FileFlows:
        """The File menu's work: dialogs, import, share, check, export (made on first use)."""
        if self._files is None:
            from workbench.ui.file_flows import FileFlows  # not needed to open the window

            self._files = FileFlows(self)
        return self._files

    @property
    def merges(self):  # -> workbench.ui.merge_flow.MergeFlow
        """File → Merge a colleague's copy… (made on first use)."""
        if self._merges is None:
            from workbench.ui.merge_flow import MergeFlow

            self._merges = MergeFlow(self)
        return self._merges

    @property
    def edits(self) -> EditFlows:
        """Edits started from menus and panes: citing, the frame, source details (made on first use)."""
        if self._edits is None:
            from workbench.ui.edit_flows import EditFlows  # with its commands: not needed to open

            self._edits = EditFlows(self)
        return self._edits

    # -- layout --------------------------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_split, "right": self.right, "cell": self.cell_editor.splitter}

    def _default_splits(self) -> None:
        window_layout.default_sizes(self, self.main_split, self.right, self.cell_editor.splitter)

    @property
    def suggestions(self):  # -> workbench.ui.suggestions_panel.SuggestionsPanel
        """The suggestions panel (made on first use)."""
        return self.suggestions_page.panel

    # -- undo ----------------------------------------------------------------------------

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    # -- enabling and closing -------------------------------------------------------------

    def _update_actions(self) -> None:
        if hasattr(self, "actions"):
            window_actions.update(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.settings.save_window(self, self._splitters())
        self.close_project()
        event.accept()

    # -- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.dropped(paths)
