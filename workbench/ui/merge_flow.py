"""File → Merge a colleague's copy…: choose the file, see what it would change, merge.

The preview is the merge itself run as a dry run (made and rolled back on the writer thread),
so it shows exactly what Merge will do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from workbench.store.errors import ProjectError
from workbench.store.merge import MergeReport, merge

PROJECT_FILTER = "Workbench projects (*.pbw)"


class MergeFlow(QObject):
    """The merge work of one MainWindow."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self.preview = None  # the open MergePreview, if any

    def choose(self) -> None:
        """Ask for the colleague's copy, then preview merging it."""
        if not self.w.can_write("Merge a colleague's copy"):
            return
        start = self.w.settings.last_folder("merge") or str(self.w.session.project.path.parent)
        name, _ = QFileDialog.getOpenFileName(self.w, "Merge a colleague's copy", start, PROJECT_FILTER)
        if name:
            self.w.settings.set_last_folder("merge", Path(name).parent)
            self.start(Path(name))

    def start(self, theirs: Path) -> None:
        session = self.w.session
        self.w.show_message(f"Reading {theirs.name}…")
        session.io.write(lambda project: merge(project, theirs, dry_run=True),
                         lambda report: self._show(theirs, report), self._failed)

    def _failed(self, error: ProjectError) -> None:
        self.w.notifier.problem(error, "Merge a colleague's copy")

    def _show(self, theirs: Path, report: MergeReport) -> None:
        from workbench.ui.merge_preview import MergePreview

        self.preview = MergePreview(report, self.w)
        self.preview.accepted.connect(lambda: self._merge(theirs))
        self.preview.open()

    def _merge(self, theirs: Path) -> None:
        from workbench.ui.merge_commands import MergeCopy

        self.preview = None
        self.w.session.run(MergeCopy(self.w.session, theirs, self._merged))

    def _merged(self, report: MergeReport) -> None:
        edits = [d for d in report.disputes if d.field]
        tail = f"; {len(edits)} disagreement(s) marked in the matrix" if edits else ""
        self.w.show_message(f"Merged {report.theirs}{tail}. Undo takes the whole merge back.")
