"""The open project as the window sees it: the Project, its I/O service, undo stack and notices.

How a change travels: a widget makes an undoable command and hands it to `run()`; the command
is queued on the I/O service (project_io.py), whose writer thread writes it through the store;
once it is in the file, its typed notice (notices.py) reaches every pane that subscribed to
`notices`, and each pane shows again what it needs. Refusals reach `error` as ProjectErrors,
which the window's notifier words by kind.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.notices import Notice
from workbench.ui.project_io import ProjectIO


class ProjectSession(QObject):
    """Holds one open project for a window; `notices(Notice)` after every write."""

    notices = Signal(object)  # a notices.Notice
    error = Signal(object)  # a ProjectError: a write, read or job was refused or failed
    saved = Signal()  # a write reached the file

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.io = ProjectIO(project, self)
        self.io.failure.connect(self.error)

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    def notify(self, notice: Notice) -> None:
        """Tell every subscribed pane what changed (after a write reached the file)."""
        self.saved.emit()
        self.notices.emit(notice)

    def refuse(self, error: ProjectError) -> None:
        self.error.emit(error)

    def run(self, command: StoreCommand) -> bool:
        """Queue *command* and put it on the undo stack; False (and `error`) if refused at once.

        The command is written by the I/O service in order with every other write; its
        notice follows when it is in the file. A refusal later reaches `error` and leaves
        the step on the stack doing nothing.
        """
        if self.read_only:
            self.error.emit(ProjectError(f"{self.project.path.name} is read-only ({self.project.read_only_reason})."))
            return False
        command.first_apply()
        self.undo_stack.push(command)  # redo() knows the change is already on its way
        return True

    def undo(self) -> None:
        """Undo the last step; typed text not yet saved becomes that step first."""
        self.io.flush_pending()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.io.flush_pending()
        self.undo_stack.redo()

    def close(self) -> None:
        """Let queued writes finish, stop background work, and close the file."""
        self.io.shutdown()
        self.undo_stack.clear()
        self.project.close()


class StoreCommand(QUndoCommand):
    """An undoable edit. Subclasses implement apply(project) and revert(project), each
    returning the notice to send. Both run on the I/O service's writer thread, with its
    connection; they must not touch widgets.

    The first apply is queued by `ProjectSession.run`; QUndoStack's own first call to redo()
    is then skipped.
    """

    def __init__(self, session: ProjectSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.project = session.project  # for reading what the command needs, on the UI thread
        self._applied = False
        self.failed = False  # the first apply was refused: undo and redo do nothing

    def first_apply(self) -> None:
        self._applied = True

        def refused(error: ProjectError) -> None:
            self.setObsolete(True)  # the stack drops the step when it next passes it
            self.session.refuse(error)

        self.session.io.write(self._first, self._notify, refused)

    def _first(self, project: Project) -> Notice:
        # On the writer thread: a refused first apply makes the later undo/redo steps (queued
        # behind it, on the same thread) do nothing.
        try:
            return self.apply(project)
        except BaseException:
            self.failed = True
            raise

    def apply(self, project: Project) -> Notice:
        raise NotImplementedError

    def revert(self, project: Project) -> Notice:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._queue(self.apply)

    def undo(self) -> None:
        self._queue(self.revert)

    def _queue(self, step) -> None:
        # Undo runs from a menu: a refusal (file gone read-only, row gone) is said plainly,
        # never raised into Qt's event loop.
        if self.failed:
            return
        self.session.io.write(lambda project: None if self.failed else step(project),
                              self._notify, self.session.refuse)

    def _notify(self, notice: Notice | None) -> None:
        if notice is not None:
            self.session.notify(notice)
