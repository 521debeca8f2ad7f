"""Undoable edits of cells and their evidence (each one store call, committed at once).

apply()/revert() run on the I/O service's writer thread with its connection (project_io.py);
they return the change notice to send.
"""

from __future__ import annotations

from typing import Any

from workbench.store import cells, excerpts, removal
from workbench.ui.notices import CellChanged, EvidenceChanged, ExcerptChanged, Notice
from workbench.ui.session import ProjectSession, StoreCommand


class EditCell(StoreCommand):
    """Set some fields of one cell. Typing in one field merges into one step per burst."""

    ID = 0x0CE11

    def __init__(self, session: ProjectSession, cell_id: int, fields: dict[str, Any],
                 *, burst: int = 0) -> None:
        super().__init__(session, f"Edit {', '.join(fields)}")
        self.cell_id = cell_id
        self.after = dict(fields)
        self.before: dict[str, Any] = {}
        self.burst = burst  # 0: never merge; same non-zero value: same typing burst

    def id(self) -> int:
        return self.ID if self.burst else -1

    def apply(self, project) -> Notice:
        if not self.before:  # the first time: remember what was there, for undo
            old = cells.by_id(project, self.cell_id)
            before = {k: getattr(old, k) for k in self.after}
            new = cells.update(project, self.cell_id, **self.after)
            # The store moves an empty cell to "draft" by itself; undo must put that back too.
            if new.status != old.status and "status" not in self.after:
                before["status"] = old.status
                self.after["status"] = new.status
            self.before = before  # only once written, so that a refused try can be repeated
        else:
            cells.update(project, self.cell_id, **self.after)
        return CellChanged(self.cell_id)

    def revert(self, project) -> Notice:
        cells.update(project, self.cell_id, **self.before)
        return CellChanged(self.cell_id)

    def mergeWith(self, other: object) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, EditCell) or other.cell_id != self.cell_id or other.burst != self.burst:
            return False
        if set(other.after) - {"status"} != set(self.after) - {"status"}:
            return False
        for k, v in other.before.items():
            self.before.setdefault(k, v)
        self.after.update(other.after)
        # Typed and then deleted again: nothing to undo, so the stack drops the step.
        known = all(k in self.before for k in self.after)
        self.setObsolete(known and all(self.before[k] == v for k, v in self.after.items()))
        return True


class Cite(StoreCommand):
    """Cite a passage of a source in a cell."""

    def __init__(self, session: ProjectSession, cell_id: int, source_id: int, start: int, end: int,
                 credibility: int, note: str = "") -> None:
        super().__init__(session, "Cite passage")
        self.cell_id, self.source_id = cell_id, source_id
        self.span = (start, end)
        self.credibility, self.note = credibility, note
        self.excerpt_id: int | None = None
        self._removed: removal.Removed | None = None
        self._was_empty = False  # the citation made the cell a draft: undo empties it again

    def apply(self, project) -> Notice:
        if self._removed is None:
            self._was_empty = cells.by_id(project, self.cell_id).status == "empty"
            ex = excerpts.cite(project, self.cell_id, self.source_id, *self.span,
                               credibility=self.credibility, note=self.note)
            self.excerpt_id = ex.id
        else:  # redo after undo: the same rows, ids and uuids come back
            removal.restore(project, self._removed)
            if self._was_empty:
                cells.update(project, self.cell_id, status="draft")
        return EvidenceChanged(self.cell_id, self.source_id)

    def revert(self, project) -> Notice:
        assert self.excerpt_id is not None
        self._removed = excerpts.uncite(project, self.cell_id, self.excerpt_id)
        if self._was_empty:
            cells.update(project, self.cell_id, status="empty")
        return EvidenceChanged(self.cell_id, self.source_id)


class Uncite(StoreCommand):
    """Take an excerpt out of a cell."""

    def __init__(self, session: ProjectSession, cell_id: int, excerpt_id: int, source_id: int) -> None:
        super().__init__(session, "Remove evidence")
        # The source comes with the excerpt on show: nothing is read on the window's connection.
        self.cell_id, self.excerpt_id, self.source_id = cell_id, excerpt_id, source_id
        self._removed: removal.Removed | None = None

    def apply(self, project) -> Notice:
        self._removed = excerpts.uncite(project, self.cell_id, self.excerpt_id)
        return EvidenceChanged(self.cell_id, self.source_id)

    def revert(self, project) -> Notice:
        assert self._removed is not None
        removal.restore(project, self._removed)
        return EvidenceChanged(self.cell_id, self.source_id)


class EditExcerpt(StoreCommand):
    """Change an excerpt's credibility (1-6) or note."""

    def __init__(self, session: ProjectSession, excerpt_id: int, source_id: int, *,
                 credibility: int | None = None, note: str | None = None) -> None:
        super().__init__(session, "Edit evidence")
        self.excerpt_id, self.source_id = excerpt_id, source_id  # as on show in the evidence list
        self.after = {k: v for k, v in (("credibility", credibility), ("note", note)) if v is not None}
        self.before: dict[str, object] = {}

    def apply(self, project) -> Notice:
        if not self.before:  # read where it is written, after every edit queued before this one
            ex = excerpts.get(project, self.excerpt_id)
            self.before = {k: getattr(ex, k) for k in self.after}
        excerpts.update(project, self.excerpt_id, **self.after)
        return ExcerptChanged(self.excerpt_id, self.source_id)

    def revert(self, project) -> Notice:
        excerpts.update(project, self.excerpt_id, **self.before)
        return ExcerptChanged(self.excerpt_id, self.source_id)
