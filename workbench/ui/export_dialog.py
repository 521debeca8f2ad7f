"""Export brief: choose or create a brief, edit it, preview its first pages, export the PDF.

Edits are saved to the project when the brief is switched, previewed, exported or the dialog
closes. The preview and the export run in Tasks on their own connection; the export writes
atomically, so Cancel or an error leaves no partial file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QProgressBar,
    QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from workbench.brief.compose import default_brief
from workbench.brief.export import ExportCancelled, export_pdf, render_bytes
from workbench.domain.models import Brief
from workbench.store import briefs, frame
from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.brief_form import BriefForm
from workbench.ui.brief_preview import PreviewPane, render_pages
from workbench.ui.plain_text import plain
from workbench.ui.session import describe
from workbench.ui.tasks import Task, on_worker

PREVIEW_DELAY_MS = 900  # after the last keystroke


class ExportDialog(QDialog):
    """Edit the project's briefs and export one as a PDF."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Export brief")
        self.resize(1180, 780)
        self.export_task: Task | None = None
        self.preview_task: Task | None = None
        self.last_export: Path | None = None
        self._running: set[Task] = set()  # every started task, superseded previews included
        self._dirty = False
        self._shown = 0  # index in `choice` of the brief in the editors

        self.choice = QComboBox(self)
        self.choice.setMinimumWidth(240)
        new, rename, delete = (QPushButton(t, self) for t in ("New…", "Rename…", "Delete"))
        new.clicked.connect(lambda: self.new_brief())
        rename.clicked.connect(lambda: self.rename_brief())
        delete.clicked.connect(self.delete_brief)
        top = QHBoxLayout()
        top.addWidget(QLabel("Brief:", self))
        top.addWidget(self.choice, 1)
        for b in (new, rename, delete):
            top.addWidget(b)
            b.setEnabled(not project.read_only)

        self.form = BriefForm(frame.actors(project), frame.instruments(project), self)
        self.preview = PreviewPane(self)
        self.pages = QLabel("", self)
        self.pages.setTextFormat(Qt.TextFormat.PlainText)
        self.pages.setObjectName("muted")
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.preview, 1)
        rl.addWidget(self.pages)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.form)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(self._status_text(), self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it shows file names
        self.status.setObjectName("muted")
        self.export_button = QPushButton("Export PDF…", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export())
        self.cancel_button = QPushButton("Cancel export", self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.status, 2)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.form.edited.connect(self._edited)
        self._fill_choice()
        self.choice.currentIndexChanged.connect(self._switch)
        self._switch()

    # -- which brief ---------------------------------------------------------------------

    def _fill_choice(self, select: str | None = None) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        saved = briefs.list_all(self.project)
        for b in saved:
            self.choice.addItem(b.name, b)
        if not saved:  # nothing saved yet: offer the whole matrix, saved on first edit
            whole = default_brief(self.project)
            self.choice.addItem(whole.name, whole)
        index = self.choice.findText(select) if select else 0
        self.choice.setCurrentIndex(max(0, index))
        self._shown = self.choice.currentIndex()
        self.choice.blockSignals(False)

    def _switch(self, *_: object) -> None:
        self.save()
        self._shown = self.choice.currentIndex()
        brief = self.choice.currentData()
        if isinstance(brief, Brief):
            self.form.load(brief)
        self.refresh_preview()

    def current(self) -> Brief:
        """The brief as it stands in the editors."""
        return self.form.brief()

    def save(self) -> bool:
        """Write pending edits to the project; False if they could not be saved."""
        if not self._dirty or self.project.read_only:
            return True
        try:
            saved = briefs.save(self.project, self.current())
        except (ProjectError, ValueError, sqlite3.Error) as e:
            QMessageBox.warning(self, "Save brief", plain(describe(e)))
            return False
        self._dirty = False
        self.form.set_base(saved)
        self.choice.setItemData(self._shown, saved)
        return True

    def new_brief(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, "New brief", "Name of the new brief:")
            if not ok:
                return
        if not self.save():
            return
        base = self.current()
        try:
            briefs.get(self.project, name)
        except ProjectError:
            pass
        else:
            QMessageBox.warning(self, "New brief", plain(f"A brief called “{name}” exists already."))
            return
        try:
            briefs.save(self.project, replace(base, id=None, uuid="", name=name.strip()))
        except (ProjectError, ValueError, sqlite3.Error) as e:
            QMessageBox.warning(self, "New brief", plain(describe(e)))
            return
        self._fill_choice(name.strip())
        self._switch()

    def rename_brief(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename brief", "New name:", text=self.current().name)
            if not ok:
                return
        self._dirty = True
        renamed = replace(self.current(), name=name.strip())
        try:
            briefs.save(self.project, renamed)
        except (ProjectError, ValueError, sqlite3.Error) as e:
            QMessageBox.warning(self, "Rename brief", plain(describe(e)))
            return
        self._dirty = False
        self._fill_choice(name.strip())
        self._switch()

    def delete_brief(self) -> None:
        brief = self.current()
        if brief.id is None:
            return
        answer = QMessageBox.question(self, "Delete brief", plain(f"Delete the brief “{brief.name}”?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            briefs.delete(self.project, brief.name)
        except (ProjectError, sqlite3.Error) as e:
            QMessageBox.warning(self, "Delete brief", plain(describe(e)))
            return
        self._dirty = False
        self._fill_choice()
        self._switch()

    def _edited(self) -> None:
        self._dirty = True
        self._timer.start()

    def _status_text(self) -> str:
        if self.project.read_only:
            return f"Read-only ({self.project.read_only_reason}): edits to the brief are not saved."
        return "Edits are saved in the project."

    # -- preview -------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Render the brief in the background and show its first pages."""
        self.save()
        if self.preview_task is not None:
            self.preview_task.cancel()
        brief, worker_of = self.current(), self.project

        def job(progress):
            project = worker_of.worker()
            try:
                data, pages = render_bytes(project, brief, progress)
            except ExportCancelled:
                return None
            finally:
                project.close()
            return render_pages(data, pages)

        task = self._start_task(job)
        self.preview_task = task
        task.finished.connect(self._previewed)
        task.failed.connect(self._preview_failed)
        self.pages.setText("Rendering the preview…")
        task.start()

    def _start_task(self, job) -> Task:
        """A Task owned by the application, not the dialog: a thread must never be destroyed
        while it runs, even if the dialog goes away without closing. The dialog's slots are
        bound methods, so Qt drops those connections when the dialog is deleted."""
        task = Task(job, QCoreApplication.instance())
        self._running.add(task)
        task.finished.connect(self._task_ended)
        task.failed.connect(self._task_ended)
        task.finished.connect(task.deleteLater)
        task.failed.connect(task.deleteLater)
        return task

    @Slot()
    def _task_ended(self) -> None:
        self._running.discard(self.sender())

    @Slot(object)
    def _previewed(self, result) -> None:
        task = self.sender()
        if task is not self.preview_task or result is None:
            return
        self.preview_task = None
        self.preview.show_preview(result)
        self.pages.setText(f"{result.pages} page{'s' if result.pages != 1 else ''}, A4")

    @Slot(str)
    def _preview_failed(self, message: str) -> None:
        if self.sender() is self.preview_task:
            self.preview_task = None
            self.preview.message(f"No preview: {message}")
            self.pages.setText("")

    # -- export --------------------------------------------------------------------------

    def export(self, path: Path | str | None = None) -> None:
        """Ask where (unless *path* is given) and write the PDF in the background."""
        if self.export_task is not None:
            return
        self.save()
        brief = self.current()
        if path is None:
            suggested = self.project.path.with_name(f"{brief.name or 'brief'}.pdf")
            name, _ = QFileDialog.getSaveFileName(self, "Export brief as PDF", str(suggested), "PDF files (*.pdf)")
            if not name:
                return
            path = name if name.lower().endswith(".pdf") else name + ".pdf"
        target = Path(path)

        def work(project, progress):
            try:
                return export_pdf(project, brief, target, progress)
            except ExportCancelled:
                return None

        task = self._start_task(on_worker(self.project, work))
        self.export_task = task
        task.progress.connect(self._progress)
        task.finished.connect(self._exported)
        task.failed.connect(self._export_failed)
        self._busy(True)
        self.status.setText(f"Exporting {target.name}…")
        task.start()

    def cancel_export(self) -> None:
        if self.export_task is not None:
            self.export_task.cancel()
            self.status.setText("Cancelling…")

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))
        if text:
            self.progress.setFormat(text)

    def _finish_task(self) -> None:
        self.export_task = None
        self._busy(False)

    @Slot(object)
    def _exported(self, result) -> None:
        self._finish_task()
        if result is None:
            self.status.setText("Export cancelled; no file was written.")
            return
        self.last_export = Path(result)
        self.status.setText(f"Saved {self.last_export.name}")

    @Slot(str)
    def _export_failed(self, message: str) -> None:
        self._finish_task()
        self.status.setText("The export failed; no file was written.")
        QMessageBox.critical(self, "Export brief", plain(message))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)

    # -- closing -------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Every way of closing ends here: save the edits, stop the workers."""
        self._timer.stop()
        self.save()
        for task in list(self._running):  # no thread may outlive the dialog that owns it
            task.cancel()
            task.wait()
        super().done(result)
