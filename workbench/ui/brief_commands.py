"""Undoable edits of the project's briefs: create, edit (a rename too) and delete.

Each runs on the I/O service's writer thread like every other command and sends a
BriefsChanged notice naming the brief as it now is ('' once it is gone).
"""

from __future__ import annotations

from dataclasses import replace

from workbench.domain.models import Brief
from workbench.store import briefs
from workbench.store.project import Project
from workbench.ui.notices import BriefsChanged, Notice
from workbench.ui.session import ProjectSession, StoreCommand


class CreateBrief(StoreCommand):
    """A new brief (a copy of the one shown, under a new name)."""

    def __init__(self, session: ProjectSession, brief: Brief) -> None:
        name = brief.name.strip()
        super().__init__(session, f"New brief {name}")
        self.brief = replace(brief, id=None, uuid="", name=name)
        self.saved: Brief | None = None

    def apply(self, project: Project) -> Notice:
        if self.saved is None:
            self.saved = briefs.create(project, self.brief)
        else:  # redo after undo: the same row, id and uuid come back
            briefs.restore(project, self.saved)
        return BriefsChanged(self.saved.name)

    def revert(self, project: Project) -> Notice:
        assert self.saved is not None
        briefs.remove(project, self.saved.id)
        return BriefsChanged("")


class EditBrief(StoreCommand):
    """Change a saved brief's fields, its name included."""

    ID = 0xB1EF

    def __init__(self, session: ProjectSession, before: Brief, after: Brief, *, burst: int = 0) -> None:
        renamed = before.name != after.name.strip()
        super().__init__(session, f"Rename brief {before.name}" if renamed else f"Edit brief {before.name}")
        self.before = before
        self.after = replace(after, id=before.id, name=after.name.strip())
        self.burst = 0 if renamed else burst  # 0: never merge; same burst: one undo step

    def id(self) -> int:
        return self.ID if self.burst else -1

    def apply(self, project: Project) -> Notice:
        return BriefsChanged(briefs.update(project, self.after).name)

    def revert(self, project: Project) -> Notice:
        return BriefsChanged(briefs.update(project, self.before).name)

    def mergeWith(self, other: object) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, EditBrief) or other.burst != self.burst or other.before.id != self.before.id:
            return False
        self.after = other.after
        return True


class DeleteBrief(StoreCommand):
    """Delete a brief; undo puts it back with its id and uuid."""

    def __init__(self, session: ProjectSession, brief: Brief) -> None:
        super().__init__(session, f"Delete brief {brief.name}")
        self.brief = brief

    def apply(self, project: Project) -> Notice:
        self.brief = briefs.remove(project, self.brief.id)
        return BriefsChanged("")

    def revert(self, project: Project) -> Notice:
        return BriefsChanged(briefs.restore(project, self.brief).name)
