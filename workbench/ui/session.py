"""The open project as the window sees it: the Project, its undo stack, and change notices.

Every edit goes through `ProjectSession.run(command)`: the command writes through the store
(which commits at once), lands on the undo stack, and one `changed` notice tells the views what
to refresh. Views never talk to each other about edits; they listen here.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.writer import Writer, is_busy

# Kinds of change a notice carries; `ids` says which rows, where that helps.
CELL = "cell"  # ids: (cell_id,)
EVIDENCE = "evidence"  # ids: (cell_id, source_id)
EXCERPT = "excerpt"  # ids: (excerpt_id, source_id)
FRAME = "frame"  # actors or instruments changed; ids: ()
SOURCE = "source"  # metadata of one source; ids: (source_id,)
SOURCES = "sources"  # sources added or removed; ids: ()

Notice = tuple[str, tuple]


def describe(error: Exception) -> str:
    """One plain sentence for a refused change."""
    if is_busy(error):
        return ("The change was not saved: the project file is busy (another task is reading or "
                "writing it). Try again in a moment.")
    if isinstance(error, sqlite3.Error):
        return f"The change was not saved ({error})."
    return str(error)


class ProjectSession(QObject):
    """Holds one open project for a window; emits `changed(kind, ids)` after every write."""

    changed = Signal(str, tuple)
    error = Signal(str)  # a write was refused; the message is one plain sentence
    saved = Signal()  # a write reached the file

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.writer = Writer(project, self)

    @property
    def read_only(self) -> bool:
        return self.project.read_only

    def notify(self, kind: str, ids: tuple = ()) -> None:
        self.saved.emit()
        self.changed.emit(kind, tuple(ids))

    def drain(self) -> None:
        """Let queued background saves reach the file (before any other write or a close)."""
        self.writer.drain()

    def refuse(self, error: Exception) -> None:
        """Say in plain words why a change was not saved."""
        self.error.emit(describe(error))

    def run(self, command: StoreCommand) -> bool:
        """Apply *command* and put it on the undo stack; False (and `error`) if refused.

        A command marked `background` (typing saves) is written by the writer thread and
        lands on the stack at once; all others write here, after queued saves are in.
        """
        if self.read_only:
            self.error.emit(f"{self.project.path.name} is read-only ({self.project.read_only_reason}).")
            return False
        if command.background:
            command.first_apply_in_background()
            self.undo_stack.push(command)
            return True
        self.drain()
        try:
            command.first_apply()
        except (ProjectError, ValueError, OSError, sqlite3.Error) as e:
            self.refuse(e)
            return False
        self.undo_stack.push(command)  # redo() knows the change is already made
        return True

    def close(self) -> None:
        self.writer.close()
        self.undo_stack.clear()
        self.project.close()


class StoreCommand(QUndoCommand):
    """An undoable edit. Subclasses implement apply(project) and revert(project), each
    returning the change notice to send.

    The first apply runs in `ProjectSession.run` so that a refused edit never reaches the
    stack; QUndoStack's own first call to redo() is then skipped.
    """

    background = False  # True: the first apply runs on the writer thread

    def __init__(self, session: ProjectSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.project = session.project
        self._applied = False
        self.failed = False  # a background apply was refused: undo and redo do nothing

    def first_apply(self) -> None:
        notice = self.apply(self.project)
        self._applied = True
        self.session.notify(*notice)

    def first_apply_in_background(self) -> None:
        self._applied = True
        session = self.session

        def failed(error: Exception) -> None:
            self.failed = True
            session.refuse(error)

        session.writer.submit(self.apply, lambda notice: session.notify(*notice), failed)

    def apply(self, project) -> Notice:
        raise NotImplementedError

    def revert(self, project) -> Notice:
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
        if self.failed:
            return
        self.session.drain()
        try:
            notice = step(self.project)
        except (ProjectError, ValueError, OSError, sqlite3.Error) as e:
            self.session.refuse(e)
            return
        self.session.notify(*notice)
