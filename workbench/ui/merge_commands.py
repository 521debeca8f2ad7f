"""Undoable steps of working together: merging a colleague's copy, settling a dispute.

Both run on the I/O service's writer thread like every edit (session.py). A merge is one
step: undo puts back every row it touched (store/merge_undo.py), redo puts its result back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.store import disputes
from workbench.store.merge import MergeReport, merge
from workbench.store.merge_undo import Images, swap
from workbench.ui.notices import BriefsChanged, CellChanged, FrameChanged, Notice, SourcesChanged
from workbench.ui.session import ProjectSession, StoreCommand


class MergeCopy(StoreCommand):
    """Merge the copy at *theirs* into the open project; *done(report)* after the first time."""

    def __init__(self, session: ProjectSession, theirs: Path,
                 done: Callable[[MergeReport], None] | None = None) -> None:
        super().__init__(session, f"Merge {theirs.name}")
        self.theirs = theirs
        self.report: MergeReport | None = None
        self._images: Images | None = None  # what the next undo or redo swaps in
        self._done = done

    def apply(self, project) -> Notice:
        if self._images is None:
            self.report = merge(project, self.theirs)
            self._images = self.report.undo
        else:
            self._images = swap(project, self._images, "redo")
        return FrameChanged()

    def revert(self, project) -> Notice:
        if self._images is not None:
            self._images = swap(project, self._images, "undo")
        return FrameChanged()

    def _notify(self, notice: Notice | None) -> None:
        # A merge may change the frame, any cell, the sources and the briefs: every pane reloads.
        if notice is None:
            return
        for each in (notice, SourcesChanged(), BriefsChanged()):
            self.session.notify(each)
        if self._done is not None and self.report is not None:
            done, self._done = self._done, None
            done(self.report)


class ResolveDispute(StoreCommand):
    """Keep mine, take theirs, or combine both texts, for one disputed field."""

    def __init__(self, session: ProjectSession, dispute: disputes.Dispute, keep: str, text: str = "") -> None:
        words = {"mine": "Keep mine", "theirs": "Take theirs", "combine": "Combine"}[keep]
        super().__init__(session, f"{words}: {dispute.label} {dispute.field}")
        self.dispute_id = dispute.id
        self.cell_id = dispute.cell_id
        self.keep, self.text = keep, text
        # Settling a deleted actor or instrument changes the frame, not one cell.
        self.whole_frame = dispute.table != "cell"
        self.settled: disputes.Settled | None = None

    def _notice(self) -> Notice:
        return FrameChanged() if self.whole_frame or self.cell_id is None else CellChanged(self.cell_id)

    def apply(self, project) -> Notice:
        self.settled = disputes.resolve(project, self.dispute_id, self.keep, self.text or None)
        return self._notice()

    def revert(self, project) -> Notice:
        if self.settled is not None:
            disputes.unresolve(project, self.settled)
        return self._notice()
