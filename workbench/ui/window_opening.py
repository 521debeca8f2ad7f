"""Opening and closing a project in the main window, and checking a received file.

Part of MainWindow (main_window.py): a file opens on the UI thread as far as its header,
schema and matrix tables (milliseconds); the panes then read on workers. A file this
computer has not vouched for shows at once, read-only, while `received.check` runs in the
background; it becomes writable when that passes. If the check finds wrong values, the file
is opened again the careful way (SQLite's check, every value, a mended copy to read through:
seconds for a large project) on a worker (background_open.py) while the banner and status
line say so. The banner, status line and title say what the analyst may do with the file.
"""

from __future__ import annotations

from pathlib import Path

from workbench.store import location
from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui import lock_flow
from workbench.ui.notifier import Severity
from workbench.ui.session import ProjectSession

APP_TITLE = "Policy Briefing Workbench"


class ProjectOpening:
    """MainWindow's open, check and close flow (mixed into MainWindow)."""

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
        self._show_project(project)
        return True

    def _show_project(self, project: Project) -> None:
        """Put an open *project* in the window, in place of the one shown (if any)."""
        path = project.path
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
        """The title: the project's name (once it is read), the file, and whether it is read-only."""
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
            self._open_mended(path)
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

    def _open_mended(self, path: Path) -> None:
        """Open *path* the careful way on a worker; the window says so meanwhile."""
        from workbench.ui.background_open import BackgroundOpen

        self.banner.show_mending(path.name)
        self.status.set_project(path, "", read_only="checking every value and making a mended copy to read…")
        self.setWindowTitle(f"{path.name} [read-only] — {APP_TITLE}")
        self._mending = BackgroundOpen(path, self._mended, self._mend_refused,
                                       user=self.settings.display_name() or None, parent=self)

    def _mended(self, project: Project) -> None:
        self._mending = None
        self._show_project(project)
        if project.damage:  # as the view changes: the banner says what, the dialog says it once
            self.notifier.tell(self.banner.label.text(), Severity.WARNING, title="Wrong values in the project")

    def _mend_refused(self, error: ProjectError) -> None:
        self._mending = None
        self._show_closed()
        self.notifier.tell(str(error), Severity.ERROR, title="Cannot open project")  # as a refused open

    def _stop_mending(self) -> bool:
        """Another file opens, or the window closes: the careful open on its way is not wanted."""
        if self._mending is None:
            return False
        self._mending.abandon()
        self._mending = None
        return True

    def close_project(self) -> None:
        """Save pending typing, stop background work, and close the file."""
        if self._stop_mending() and self.session is None:
            self._show_closed()  # the banner and title said it was on its way
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
        self._show_closed()

    def _show_closed(self) -> None:
        self.banner.hide()
        self.status.set_project(None, "")
        self.setWindowTitle(APP_TITLE)
        self._update_actions()
