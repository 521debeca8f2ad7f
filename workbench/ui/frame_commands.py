"""Undoable edits of the matrix frame (actors, instruments) and of source metadata."""

from __future__ import annotations

from typing import Any

from workbench.store import frame, removal, sources
from workbench.ui.matrix_model import ACTOR, INSTRUMENT
from workbench.ui.notices import FrameChanged, Notice, SourceChanged
from workbench.ui.session import ProjectSession, StoreCommand

_ADD = {ACTOR: frame.add_actor, INSTRUMENT: frame.add_instrument}
_REMOVE = {ACTOR: frame.remove_actor, INSTRUMENT: frame.remove_instrument}
_MOVE = {ACTOR: frame.move_actor, INSTRUMENT: frame.move_instrument}
_LIST = {ACTOR: frame.actors, INSTRUMENT: frame.instruments}
_EXTRA = {ACTOR: "aliases", INSTRUMENT: "terms"}


class AddFrameItem(StoreCommand):
    """Add an actor (with aliases) or an instrument (with terms)."""

    def __init__(self, session: ProjectSession, kind: str, name: str, extra: list[str],
                 position: int | None = None) -> None:
        super().__init__(session, f"Add {kind} {name}")
        self.kind, self.name, self.extra, self.position = kind, name, extra, position
        self.item_id: int | None = None
        self._removed: removal.Removed | None = None

    def apply(self, project) -> Notice:
        if self._removed is None:
            self.item_id = _ADD[self.kind](project, self.name, self.extra, self.position).id
        else:
            removal.restore(project, self._removed)
        return FrameChanged()

    def revert(self, project) -> Notice:
        assert self.item_id is not None
        self._removed = _REMOVE[self.kind](project, self.item_id)
        return FrameChanged()


class EditFrameItem(StoreCommand):
    """Rename an actor or instrument, or change its aliases or terms."""

    def __init__(self, session: ProjectSession, kind: str, item_id: int, *, name: str | None = None,
                 extra: list[str] | None = None) -> None:
        super().__init__(session, f"Edit {kind}")
        self.kind, self.item_id = kind, item_id
        self._asked = {"name": name, _EXTRA[kind]: extra}  # None: leave as it is
        self.before: dict[str, Any] = {}
        self.after: dict[str, Any] = {}

    def _set(self, project, values: dict[str, Any]) -> Notice:
        if self.kind == ACTOR:
            frame.update_actor(project, self.item_id, name=values["name"], aliases=values["aliases"])
        else:
            frame.update_instrument(project, self.item_id, name=values["name"], terms=values["terms"])
        return FrameChanged()

    def apply(self, project) -> Notice:
        if not self.before:  # read where it is written, after every edit queued before this one
            item = frame.actor(project, self.item_id) if self.kind == ACTOR else frame.instrument(project, self.item_id)
            extra = _EXTRA[self.kind]
            self.before = {"name": item.name, extra: list(getattr(item, extra))}
            self.after = {k: self.before[k] if v is None else v for k, v in self._asked.items()}
        return self._set(project, self.after)

    def revert(self, project) -> Notice:
        return self._set(project, self.before)


class MoveFrameItem(StoreCommand):
    """Move an actor (row) or instrument (column) to another place."""

    def __init__(self, session: ProjectSession, kind: str, item_id: int, index: int) -> None:
        super().__init__(session, f"Move {kind}")
        self.kind, self.item_id, self.index = kind, item_id, index
        self.old_index: int | None = None

    def apply(self, project) -> Notice:
        if self.old_index is None:  # where it is in the file, after the edits queued before this one
            ids = [i.id for i in _LIST[self.kind](project)]
            self.old_index = ids.index(self.item_id) if self.item_id in ids else 0
        _MOVE[self.kind](project, self.item_id, self.index)
        return FrameChanged()

    def revert(self, project) -> Notice:
        _MOVE[self.kind](project, self.item_id, self.old_index)
        return FrameChanged()


class RemoveFrameItem(StoreCommand):
    """Remove an actor or instrument with its cells; undo puts everything back."""

    def __init__(self, session: ProjectSession, kind: str, item_id: int, name: str) -> None:
        super().__init__(session, f"Remove {kind} {name}")
        self.kind, self.item_id = kind, item_id
        self._removed: removal.Removed | None = None

    def apply(self, project) -> Notice:
        self._removed = _REMOVE[self.kind](project, self.item_id)
        return FrameChanged()

    def revert(self, project) -> Notice:
        assert self._removed is not None
        removal.restore(project, self._removed)
        return FrameChanged()


class EditSource(StoreCommand):
    """Change a source's metadata or its A-F reliability grade."""

    def __init__(self, session: ProjectSession, source_id: int, fields: dict[str, str]) -> None:
        super().__init__(session, "Edit source" if set(fields) != {"reliability"} else "Grade source")
        self.source_id = source_id
        self.after = dict(fields)
        self.before: dict[str, str] = {}

    def apply(self, project) -> Notice:
        if not self.before:  # read where it is written, after every edit queued before this one
            src = sources.get(project, self.source_id, with_text=False)
            self.before = {k: getattr(src, k) for k in self.after}
        sources.update(project, self.source_id, **self.after)
        return SourceChanged(self.source_id)

    def revert(self, project) -> Notice:
        sources.update(project, self.source_id, **self.before)
        return SourceChanged(self.source_id)


class AddDefaultFrame(StoreCommand):
    """Add the sample's ten actors (and any of its instruments missing), as one step."""

    def __init__(self, session: ProjectSession) -> None:
        super().__init__(session, "Add the default frame")
        self.added: list[tuple[str, int]] = []
        self._removed: list[removal.Removed] = []

    def apply(self, project) -> Notice:
        with project.transaction():  # whole or nothing
            if self._removed:  # redo after undo
                for removed in reversed(self._removed):
                    removal.restore(project, removed)
                self._removed = []
                return FrameChanged()
            from workbench.sample import default_frame

            data = default_frame()
            for kind, key in ((ACTOR, "actors"), (INSTRUMENT, "instruments")):
                have = {item.name.casefold() for item in _LIST[kind](project)}
                for item in data[key]:
                    if item["name"].casefold() not in have:
                        added = _ADD[kind](project, item["name"], item[_EXTRA[kind]], None)
                        self.added.append((kind, added.id))
        return FrameChanged()

    def revert(self, project) -> Notice:
        with project.transaction():
            self._removed = [_REMOVE[kind](project, item_id) for kind, item_id in reversed(self.added)]
        return FrameChanged()
