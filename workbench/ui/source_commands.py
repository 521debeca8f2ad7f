"""Undoable source removals and imports: both are one step on Edit ▸ Undo.

apply()/revert() run on the I/O service's writer thread with its connection; they return
the change notice to send.
"""

from __future__ import annotations

from workbench.store import removal
from workbench.store.source_removal import remove_sources, restore_sources
from workbench.ui.notices import Notice, SourcesChanged
from workbench.ui.session import ProjectSession, StoreCommand


class RemoveSources(StoreCommand):
    """Remove sources with their excerpts (out of every cell); undo puts all of it back."""

    def __init__(self, session: ProjectSession, source_ids: list[int]) -> None:
        n = len(source_ids)
        super().__init__(session, f"Remove {n} source{'s' if n != 1 else ''}")
        self.source_ids = list(source_ids)
        self._removed: removal.Removed | None = None

    def apply(self, project) -> Notice:
        self._removed = remove_sources(project, self.source_ids)
        return SourcesChanged()

    def revert(self, project) -> Notice:
        assert self._removed is not None
        restore_sources(project, self._removed)
        return SourcesChanged()


class ImportedSources(StoreCommand):
    """An import that has already been written, as one step: undo removes what it added."""

    def __init__(self, session: ProjectSession, source_ids: list[int]) -> None:
        n = len(source_ids)
        super().__init__(session, f"Import {n} source{'s' if n != 1 else ''}")
        self.source_ids = list(source_ids)
        self._removed: removal.Removed | None = None

    def apply(self, project) -> Notice:
        if self._removed is not None:  # redo after undo: the same rows come back
            restore_sources(project, self._removed)
        return SourcesChanged()

    def revert(self, project) -> Notice:
        self._removed = remove_sources(project, self.source_ids)
        return SourcesChanged()
