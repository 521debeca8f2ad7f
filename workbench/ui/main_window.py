"""The main window: Sources | Reader | (Matrix over Cell editor), a toolbar, a status bar.

The window owns one ProjectSession at a time. Panes read from the store and subscribe to the
session's typed notices themselves; edits go through undo commands (cell_commands,
frame_commands) and the session's I/O service. The notifier says things to the analyst.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QWidget

from workbench.store import cells, location, sources
from workbench.store.errors import NotFound, ProjectError
from workbench.store.project import Project
from workbench.ui import icons, lock_flow, window_actions, window_layout
from workbench.ui.banner import ReadOnlyBanner
from workbench.ui.cell_editor import CellEditor
from workbench.ui.jobs import JobRunner
from workbench.ui.notices import (
    CellChanged, EvidenceChanged, FrameChanged, Notice, SourcesChanged,
)
from workbench.ui.notifier import Notifier, Severity
from workbench.ui.matrix_model import MatrixModel
from workbench.ui.matrix_view import MatrixView
from workbench.ui.reader import Reader
from workbench.ui.session import ProjectSession
from workbench.ui.settings import AppSettings
from workbench.ui.sources_pane import SourcesPane
from workbench.ui.status import StatusLine
from workbench.ui.suggestions_page import SuggestionsPage

if TYPE_CHECKING:
    from workbench.domain.models import Cell
    from workbench.ui.edit_flows import EditFlows
    from workbench.ui.file_flows import FileFlows

APP_TITLE = "Policy Briefing Workbench"


def _count(n: int, noun: str) -> str:
    """'1 cell', '2 cells', '1,200 sources'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class MainWindow(QMainWindow):
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
        self.jobs = JobRunner(self)
        self._files: FileFlows | None = None
        self._edits: EditFlows | None = None
        self._merges = None
        self._build()
        self.actions = window_actions.build(self)
        self.reader.text.cite_action = self.actions.cite
        self._add_suggestions()
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

    def _build(self) -> None:
        self.banner = ReadOnlyBanner(self)
        self.banner.save_copy_requested.connect(
            lambda: self.files.repaired_copy() if self.banner.repair
            else self.files.share_copy(local=self.banner.local_copy))
        self.banner.open_anyway_requested.connect(lambda: lock_flow.open_anyway(self))
        self.sources_pane = SourcesPane(self)
        self.sources_pane.source_chosen.connect(self.show_source)
        self.sources_pane.edit_requested.connect(lambda sid: self.edits.edit_source(sid))
        self.sources_pane.grade_requested.connect(lambda sid, g: self.edits.grade_source(sid, g))
        # A new search (or none) leaves no highlights of the old one in the reader.
        self.sources_pane.searched.connect(lambda _line: self.reader.set_hits([]))
        self.sources_pane.search_box.textChanged.connect(lambda t: None if t.strip() else self.reader.set_hits([]))
        self.sources_pane.remove_requested.connect(lambda ids: self.edits.remove_sources(ids))
        self.reader = Reader(self)
        self.reader.selection_changed.connect(lambda _has: self._update_actions())
        self.reader.source_shown.connect(self._update_actions)
        self.matrix_model = MatrixModel(self)
        self.matrix_model.loaded.connect(self._matrix_read)
        self.matrix_model.refused.connect(self._matrix_refused)
        self.matrix = MatrixView(self.matrix_model, self)
        self.matrix.cell_chosen.connect(self._cell_chosen)
        self.matrix.add_requested.connect(lambda k, pos: self.edits.add_item(k, pos))
        self.matrix.edit_requested.connect(lambda k, i: self.edits.edit_item(k, i))
        self.matrix.move_requested.connect(lambda k, i, n: self.edits.move_item(k, i, n))
        self.matrix.remove_requested.connect(lambda k, i: self.edits.remove_item(k, i))
        self.cell_editor = CellEditor(self)
        self.cell_editor.jump_requested.connect(self.jump_to)
        self.cell_editor.initials_for = self.initials_for
        self.cell_editor.title_for = self.matrix_model.title_of
        self.cell_editor.evidence_pane.shown.connect(lambda _id: self._first_evidence_shown())
        self.matrix.open_cell.connect(self.cell_editor.edit_first_field)
        self.cell_editor.back_requested.connect(lambda: self.matrix.setFocus(Qt.FocusReason.ShortcutFocusReason))

        from workbench.ui.index_progress import IndexProgress

        # Above the matrix: how far the evidence index has come while coverage waits for it.
        self.index_progress = IndexProgress(self)
        self.index_progress.cancel_requested.connect(lambda: self.edits.cancel_indexing())
        self.main_split, self.right = window_layout.arrange(
            self, self.banner, self.sources_pane, self.reader,
            window_layout.stacked(self.index_progress, self.matrix), self.cell_editor)
        self.status = StatusLine(self.statusBar())
        self.notifier = Notifier(self, self.statusBar())

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_split, "right": self.right, "cell": self.cell_editor.splitter}

    def _default_splits(self) -> None:
        window_layout.default_sizes(self, self.main_split, self.right, self.cell_editor.splitter)

    def _add_suggestions(self) -> None:
        """The evidence finder's suggestions, as a page beside the cell's evidence."""
        self.suggestions_page = SuggestionsPage(lambda sid, s, e: self.edits.cite(sid, s, e), self)
        self.suggestions_page.cancel_indexing.connect(lambda: self.edits.cancel_indexing())
        self.cell_editor.add_tab(self.suggestions_page, "Suggestions")

    @property
    def suggestions(self):  # -> workbench.ui.suggestions_panel.SuggestionsPanel
        """The suggestions panel (made on first use)."""
        return self.suggestions_page.panel

    def _update_suggestions(self) -> None:
        self.suggestions_page.set_cell(self.cell_editor.cell)

    # -- opening and closing projects ----------------------------------------------------

    def open_project(self, path: Path, *, check_later: bool = True) -> bool:
        """Open *path* in this window; a refused file gets a dialog and changes nothing.

        A file this computer has not vouched for shows at once, read-only, while its check
        runs in the background (`_check_received`); *check_later* False checks it first."""
        path = Path(path)
        try:
            project = Project.open(path, user=self.settings.display_name() or None, check_later=check_later)
        except ProjectError as e:
            self.notifier.tell(str(e), Severity.ERROR, title="Cannot open project")
            return False
        except OSError as e:
            self.notifier.tell(f"{path.name} could not be read ({e.strerror or e}).", Severity.ERROR,
                               title="Cannot open project")
            return False
        self.close_project()
        self.session = ProjectSession(project, self)
        self._source_count = None
        self._project_name = None
        self._first_source_due = True
        self._check_due = project.unchecked
        self.session.notices.connect(self._on_notice)
        self.session.error.connect(self._on_error)
        self.session.saved.connect(self.status.mark_saved)
        self.session.undo_stack.canUndoChanged.connect(lambda _b: self._update_actions())
        self.session.undo_stack.canRedoChanged.connect(lambda _b: self._update_actions())
        self.session.undo_stack.undoTextChanged.connect(lambda _t: self._update_actions())
        self.session.undo_stack.redoTextChanged.connect(lambda _t: self._update_actions())
        self.settings.add_recent(path)
        self.settings.set_last_folder("projects", path.resolve().parent)
        self.sources_pane.set_session(self.session)
        self.reader.set_session(self.session)
        self.cell_editor.set_session(self.session)
        self.suggestions_page.set_session(self.session)
        self._reload_matrix()  # the first cell and source are shown once it is read (_matrix_read)
        self._read_counts()
        self._read_name()
        if project.notice:  # a stranger's journal moved aside, for instance
            self.show_message(project.notice)
        if project.migrated_from:
            self.show_message(f"Upgraded from file format {project.migrated_from}"
                              + (f"; a backup is at {project.backup.name}" if project.backup else "") + ".")
        self._show_state()
        self._update_suggestions()
        return True

    def _start_due_check(self) -> None:
        """A received file's check starts once the project shows (it would delay the first reads)."""
        if self._check_due and self.session is not None:
            self._check_due = False
            self._check_received()

    def _show_state(self) -> None:
        """Banner, status bar, title and actions for whether the project can be written."""
        project = self.session.project
        path = project.path
        risk = location.risk(path)
        if project.damage:  # read through a mended copy: offer to save it
            self.banner.show_damage(path.name, project.damage)
        elif project.unchecked:
            self.banner.show_checking(path.name)
        elif project.read_only and lock_flow.foreign(project.lock_holder):
            self.banner.show_lock(path.name, project.lock_holder)
        elif project.read_only:
            self.banner.show_reason(path.name, project.read_only_reason)
        elif risk:
            self.banner.show_location_risk(path.name, risk)
        else:
            self.banner.hide()
        self.status.set_project(path, self._counts(),
                                read_only=(project.read_only_reason or "read-only") if project.read_only else "")
        self._show_title()
        self._update_actions()

    def _read_name(self) -> None:
        session = self.session
        session.io.read(lambda project, _p: project.name, lambda name: self._name_read(session, name),
                        lambda _error: None, key="window-title", owner=self)  # the file's name stays

    def _name_read(self, session: ProjectSession, name: str) -> None:
        if session is self.session:
            self._project_name = name
            self._show_title()

    def _show_title(self) -> None:
        """"Name — file.pbw [read-only] — Policy Briefing Workbench"; the name once it is read."""
        project = self.session.project
        named = f"{self._project_name} — " if self._project_name else ""
        self.setWindowTitle(f"{named}{project.path.name}{' [read-only]' if project.read_only else ''}"
                            f" — {APP_TITLE}")

    def _check_received(self) -> None:
        """SQLite's quick check and the whole value check of a received file, in the background;
        the file becomes writable when they pass."""
        from workbench.store import received

        session = self.session

        def progress(done: int, total: int, text: str) -> None:
            if done >= 0 and session is self.session:
                self.status.show_progress(f"{text}… ({done} of {total})" if done < total else text)

        session.io.job(received.check, lambda problems: self._received_checked(session, problems),
                       lambda error: self._received_refused(session, error), progress=progress)

    def _received_checked(self, session: ProjectSession, problems: list[str]) -> None:
        if session is not self.session or session is self._closing:
            return
        path = session.project.path
        if problems:
            # Wrong values: opened again the careful way (the file left alone, read through a
            # mended copy, a repaired copy offered), and said once, as the view changes.
            self.close_project()
            if self.open_project(path, check_later=False) and self.session.project.damage:
                self.notifier.tell(self.banner.label.text(), Severity.WARNING, title="Wrong values in the project")
            return
        session.project.mark_checked()
        self.cell_editor.set_cell(self.cell_editor.cell)  # its fields were shown read-only
        self._show_state()
        self.show_message(f"{path.name} checked: no problems found.")

    def _received_refused(self, session: ProjectSession, error: ProjectError) -> None:
        from workbench.store.received import CheckStopped

        if session is not self.session or session is self._closing or isinstance(error, CheckStopped):
            return
        self.close_project()
        self.notifier.tell(str(error), Severity.ERROR, title="Cannot open project")  # as a refused open

    def close_project(self) -> None:
        """Save pending typing, stop background work, and close the file."""
        if self.session is None:
            return
        session = self.session
        # Shutting down waits for queued writes, and a job's outcome may arrive meanwhile:
        # the check of a received file must not reopen or close this session from inside.
        self._closing = session
        self.jobs.close_dialogs()
        session.io.shutdown()  # typed text is queued and written; reads and jobs stop
        self._closing = None
        self.cell_editor.set_session(None)
        self.sources_pane.set_session(None)
        self.reader.set_session(None)
        self.suggestions_page.set_session(None)
        self.matrix_model.load([], [], [])
        self.session = None
        self.empty_guide.refresh()
        session.notices.disconnect(self._on_notice)
        session.close()
        session.deleteLater()
        self.banner.hide()
        self.status.set_project(None, "")
        self.setWindowTitle(APP_TITLE)
        self._update_actions()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.settings.save_window(self, self._splitters())
        self.close_project()
        event.accept()

    # -- panes ---------------------------------------------------------------------------

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

    # -- undo ----------------------------------------------------------------------------

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    # -- change notices ------------------------------------------------------------------

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
        filled = sum(1 for r in range(model.rowCount()) for c in range(model.columnCount())
                     if (cell := model.cell_at(model.index(r, c))) is not None and cell.status != "empty")
        return (f"{_count(source_count, 'source')} · {_count(model.rowCount(), 'actor')} × "
                f"{_count(model.columnCount(), 'instrument')} · {_count(filled, 'cell')} filled")

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

    # -- what the menu flows may ask (flow_host.FlowHost) ---------------------------------

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

    # -- enabling ------------------------------------------------------------------------

    def can_write(self, what: str) -> bool:
        """Whether edits are possible; says why not in the status bar."""
        if self.session is None:
            self.show_message(f"{what}: open a project first.")
            return False
        if self.session.read_only:
            self.show_message(f"{what}: this project is read-only ({self.session.project.read_only_reason}).")
            return False
        return True

    def _update_actions(self) -> None:
        if hasattr(self, "actions"):
            window_actions.update(self)

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


def _cell_or_none(project: Project, cell_id: int) -> Cell | None:
    try:
        return cells.by_id(project, cell_id)
    except NotFound:  # its actor or instrument went meanwhile
        return None
