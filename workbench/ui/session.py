"""The open project as the window sees it: the Project, its undo stack, and change notices.

Every edit goes through `ProjectSession.run(command)`: the command writes through the store
(which commits at once), lands on the undo stack, and one `changed` notice tells the views what
to refresh. Views never talk to each other about edits; they listen here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.store.errors import ProjectError
from workbench.store.project import Project

# Kinds of change a notice carries; `ids` says which rows, where that helps.
CELL = "cell"  # ids: (cell_id,)
EVIDENCE = "evidence"  # ids: (cell_id, source_id)
EXCERPT = "excerpt"  # ids: (excerpt_id, source_id)
FRAME = "frame"  # actors or instruments changed; ids: ()
SOURCE = "source"  # metadata of one source; ids: (source_id,)
SOURCES = "sources"  # sources added or removed; ids: ()


class ProjectSession(QObject):
    """Holds one open project for a window; emits `changed(kind, ids)` after every write."""

    changed = Signal(str, tuple)
    error = Signal(str)  # a write was refused; the message is one plain sentence
    saved = Signal()  # a write reached the file

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    def notify(self, kind: str, ids: tuple = ()) -> None:
        self.saved.emit()
        self.changed.emit(kind, tuple(ids))

    def run(self, command: StoreCommand) -> bool:
        """Apply *command* now and put it on the undo stack; False (and `error`) if refused."""
        if self.read_only:
            self.error.emit(f"{self.project.path.name} is read-only ({self.project.read_only_reason}).")
            return False
        try:
            command.first_apply()
        except (ProjectError, ValueError, OSError) as e:
            self.error.emit(str(e))
            return False
        self.undo_stack.push(command)  # redo() knows the change is already made
        return True

    def close(self) -> None:
        self.undo_stack.clear()
        self.project.close()


class StoreCommand(QUndoCommand):
    """An undoable edit. Subclasses implement apply() and revert(); both notify the session.

    The first apply runs in `ProjectSession.run` so that a refused edit never reaches the
    stack; QUndoStack's own first call to redo() is then skipped.
    """

    def __init__(self, session: ProjectSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.project = session.project
        self._applied = False

    def first_apply(self) -> None:
        self.apply()
        self._applied = True

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step) -> None:
        # Undo runs from a menu: a refusal (file gone read-only, row gone) must not escape
        # into Qt's event loop; say it plainly instead.
        try:
            step()
        except (ProjectError, ValueError, OSError) as e:
            self.session.error.emit(str(e))
