"""Undoable edits of cells and their evidence (each one store call, committed at once)."""

from __future__ import annotations

from typing import Any

from workbench.store import cells, excerpts, removal
from workbench.ui.session import CELL, EVIDENCE, EXCERPT, ProjectSession, StoreCommand

_LABELS = {
    "posture": "posture",
    "options": "options",
    "likelihood": "likelihood",
    "confidence": "confidence",
    "priority": "priority",
    "status": "status",
}


class EditCell(StoreCommand):
    """Set some fields of one cell. Typing in one field merges into one step per burst."""

    ID = 0x0CE11

    def __init__(self, session: ProjectSession, cell_id: int, fields: dict[str, Any],
                 *, burst: int = 0) -> None:
        names = ", ".join(_LABELS.get(k, k) for k in fields)
        super().__init__(session, f"Edit {names}")
        self.cell_id = cell_id
        self.after = dict(fields)
        self.before: dict[str, Any] = {}
        self.burst = burst  # 0: never merge; same non-zero value: same typing burst

    def id(self) -> int:
        return self.ID if self.burst else -1

    def first_apply(self) -> None:
        old = cells.by_id(self.project, self.cell_id)
        self.before = {k: getattr(old, k) for k in self.after}
        new = cells.update(self.project, self.cell_id, **self.after)
        # The store moves an empty cell to "draft" by itself; undo must put that back too.
        if new.status != old.status and "status" not in self.after:
            self.before["status"] = old.status
            self.after["status"] = new.status
        self._applied = True
        self.session.notify(CELL, (self.cell_id,))

    def apply(self) -> None:
        cells.update(self.project, self.cell_id, **self.after)
        self.session.notify(CELL, (self.cell_id,))

    def revert(self) -> None:
        cells.update(self.project, self.cell_id, **self.before)
        self.session.notify(CELL, (self.cell_id,))

    def mergeWith(self, other: object) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, EditCell) or other.cell_id != self.cell_id or other.burst != self.burst:
            return False
        if set(other.after) - {"status"} != set(self.after) - {"status"}:
            return False
        for k, v in other.before.items():
            self.before.setdefault(k, v)
        self.after.update(other.after)
        # Typed and then deleted again: nothing to undo, so the stack drops the step.
        self.setObsolete(all(self.before.get(k) == v for k, v in self.after.items()))
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

    def apply(self) -> None:
        if self._removed is None:
            ex = excerpts.cite(self.project, self.cell_id, self.source_id, *self.span,
                               credibility=self.credibility, note=self.note)
            self.excerpt_id = ex.id
        else:  # redo after undo: the same rows, ids and uuids come back
            removal.restore(self.project, self._removed)
        self.session.notify(EVIDENCE, (self.cell_id, self.source_id))

    def revert(self) -> None:
        assert self.excerpt_id is not None
        self._removed = excerpts.uncite(self.project, self.cell_id, self.excerpt_id)
        self.session.notify(EVIDENCE, (self.cell_id, self.source_id))


class Uncite(StoreCommand):
    """Take an excerpt out of a cell."""

    def __init__(self, session: ProjectSession, cell_id: int, excerpt_id: int) -> None:
        super().__init__(session, "Remove evidence")
        self.cell_id, self.excerpt_id = cell_id, excerpt_id
        self.source_id = excerpts.get(session.project, excerpt_id).source_id
        self._removed: removal.Removed | None = None

    def apply(self) -> None:
        self._removed = excerpts.uncite(self.project, self.cell_id, self.excerpt_id)
        self.session.notify(EVIDENCE, (self.cell_id, self.source_id))

    def revert(self) -> None:
        assert self._removed is not None
        removal.restore(self.project, self._removed)
        self.session.notify(EVIDENCE, (self.cell_id, self.source_id))


class EditExcerpt(StoreCommand):
    """Change an excerpt's credibility (1-6) or note."""

    def __init__(self, session: ProjectSession, excerpt_id: int, *, credibility: int | None = None,
                 note: str | None = None) -> None:
        super().__init__(session, "Edit evidence")
        ex = excerpts.get(session.project, excerpt_id)
        self.excerpt_id, self.source_id = excerpt_id, ex.source_id
        self.before = {"credibility": ex.credibility, "note": ex.note}
        self.after = {"credibility": ex.credibility if credibility is None else credibility,
                      "note": ex.note if note is None else note}

    def apply(self) -> None:
        excerpts.update(self.project, self.excerpt_id, **self.after)
        self.session.notify(EXCERPT, (self.excerpt_id, self.source_id))

    def revert(self) -> None:
        excerpts.update(self.project, self.excerpt_id, **self.before)
        self.session.notify(EXCERPT, (self.excerpt_id, self.source_id))
