"""Export brief: choose or create a brief, edit it, preview its first pages, export PDF or Word.

The dialog has three parts, each in its own section below:
- **Which brief**: creating, renaming, deleting and editing briefs are undoable commands on the
  session (brief_commands.py); their BriefsChanged notices refill the list. Edits in the form
  are queued when the brief is switched, previewed, exported or the dialog closes, and before
  anything else reads the project (the form is one of the I/O service's flushers).
- **Preview**: rendered as a job on the session's I/O service; a newer preview replaces one
  still running.
- **Before you export**: the review's findings and the changes since the brief's last export,
  gathered as a read beside the preview; they inform and never block.
- **Export**: a job with progress and cancel; it writes atomically, so Cancel or an error
  leaves no partial file. What the brief said is then recorded through the writer, so that
  the next export can list the changes since this one.

What the dialog starts from (the actors, instruments and saved briefs) is read on a worker
(`read_start`): the File menu reads it first and opens the dialog when it arrives; a dialog
made without it reads it itself and shows its form once it is there.

The dialog fits a 1280 x 720 screen: the form scrolls, and the preview and the checks share
a splitter, so the buttons stay on screen.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QProgressBar,
    QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from workbench.brief.compose import default_brief
from workbench.brief.export import ExportCancelled, export_brief, render_bytes
from workbench.domain.models import Actor, Brief, Instrument
from workbench.store import briefs, frame
from workbench.store.errors import ProjectError
from workbench.store.project import Project
from workbench.ui.brief_checks import BriefChecks, gather
from workbench.ui.brief_form import BriefForm
from workbench.ui.brief_preview import PreviewPane, render_pages
from workbench.ui.notices import BriefsChanged, Notice
from workbench.ui.notifier import Notifier, Severity
from workbench.ui.plain_text import plain
from workbench.ui.io_handle import Handle
from workbench.ui.session import ProjectSession

PREVIEW_DELAY_MS = 900  # after the last keystroke
SIZE = (1180, 780)  # wished for; never more than the screen has
FILTERS = {"pdf": "PDF files (*.pdf)", "docx": "Word documents (*.docx)"}
_bursts = itertools.count(1)


class ExportDialog(QDialog):
    """Edit the project's briefs and export one as a PDF or a Word document."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None, *, author: str = "",
                 start: Start | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.project = session.project  # the window's connection: its path and state, never read here
        self.ready = False  # what the dialog starts from is read and on show
        self.setWindowTitle("Export brief")
        self._fit_screen()
        self.export_task: Handle | None = None
        self.preview_task: Handle | None = None
        self.checks_task: Handle | None = None
        self.last_export: Path | None = None
        self._dirty = False
        self._burst = next(_bursts)  # edits of one brief in one sitting: one undo step
        self._want = ""  # the brief to show once the notice of a queued create or rename comes

        self.choice = QComboBox(self)
        self.choice.setMinimumWidth(240)
        new, rename, delete = (QPushButton(t, self) for t in ("New…", "Rename…", "Delete"))
        new.clicked.connect(lambda: self.new_brief())
        rename.clicked.connect(lambda: self.rename_brief())
        delete.clicked.connect(self.delete_brief)
        self.brief_buttons = (new, rename, delete)
        top = QHBoxLayout()
        label = QLabel("&Brief:", self)
        label.setBuddy(self.choice)
        top.addWidget(label)
        top.addWidget(self.choice, 1)
        for b in self.brief_buttons:
            top.addWidget(b)

        self.form = BriefForm([], [], self)  # the choices come with what the dialog starts from
        self.form.default_author = author  # shown when the brief names no author yet
        self.preview = PreviewPane(self)
        self.pages = QLabel("", self)
        self.pages.setTextFormat(Qt.TextFormat.PlainText)
        self.pages.setObjectName("muted")
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.preview, 1)
        rl.addWidget(self.pages)
        self.checks = BriefChecks(self)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(right)
        side.addWidget(self.checks)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        form_area = QScrollArea(self)  # the form is taller than a laptop screen allows
        form_area.setWidgetResizable(True)
        form_area.setWidget(self.form)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(form_area)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(self._status_text(), self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it shows file names
        self.status.setObjectName("muted")
        self.notifier = Notifier(self, label=self.status)  # the dialog's own way to say things
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip("Export the brief as a PDF or a Word document")
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
        session.notices.connect(self._on_notice)
        session.io.add_flusher(self.save)
        self.choice.currentIndexChanged.connect(self._switch)
        if start is not None:
            self._started(start)
        else:
            self._enable(False)
            self.status.setText("Reading the project's briefs…")
            session.io.read(lambda project, _p: read_start(project), self._started, self._start_failed,
                            key=f"start-{id(self)}", owner=self)

    def _started(self, start: Start) -> None:
        actors, instruments, listed = start
        self.form.set_choices(actors, instruments)
        self._fill_choice(listed=listed)
        self.ready = True
        self._enable(True)
        self.status.setText(self._status_text())
        self._switch()

    def _start_failed(self, error: ProjectError) -> None:
        self.status.setText(f"The briefs could not be read: {error}")

    def _enable(self, on: bool) -> None:
        for widget in (self.choice, self.form, self.export_button):
            widget.setEnabled(on)
        for button in self.brief_buttons:
            button.setEnabled(on and not self.session.read_only)

    def _fit_screen(self) -> None:
        """Open at the wished size, or smaller on a small screen (a 1280 x 720 laptop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        width, height = SIZE
        if free is not None:
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)

    # -- which brief ---------------------------------------------------------------------

    def _fill_choice(self, select: str | None = None, select_id: int | None = None, *,
                     listed: tuple[list[Brief], Brief | None]) -> None:
        """List the saved briefs (*listed*, as read on a worker); show the one named *select*,
        else the one with *select_id*."""
        self.choice.blockSignals(True)
        self.choice.clear()
        saved, whole = listed
        for b in saved:
            self.choice.addItem(b.name, b)
        if whole is not None:  # nothing saved yet: offer the whole matrix, saved on first edit
            self.choice.addItem(whole.name, whole)
        index = self.choice.findText(select) if select else -1
        if index < 0 and select_id is not None:
            index = next((i for i, b in enumerate(saved) if b.id == select_id), -1)
        self.choice.setCurrentIndex(max(0, index))
        self.choice.blockSignals(False)

    def _switch(self, *_: object) -> None:
        self.save()
        self._burst = next(_bursts)
        brief = self.choice.currentData()
        if isinstance(brief, Brief):
            self.form.load(brief)
        self.refresh_preview()

    def current(self) -> Brief:
        """The brief as it stands in the editors."""
        return self.form.brief()

    def names(self) -> list[str]:
        return [self.choice.itemText(i) for i in range(self.choice.count())]

    def save(self) -> None:
        """Queue the form's pending edits as an undoable step (nothing if read-only)."""
        if not self._dirty or self.session.read_only:
            return
        self._dirty = False
        from workbench.ui.brief_commands import CreateBrief, EditBrief

        brief = self.current()
        base = self.choice.currentData()
        if brief.id is None:  # the whole-matrix brief offered before anything was saved
            self._want = brief.name
            self.session.run(CreateBrief(self.session, brief))
        elif isinstance(base, Brief) and base.id == brief.id:
            self.session.run(EditBrief(self.session, base, brief, burst=self._burst))
            self.choice.setItemData(self.choice.currentIndex(), brief)

    def _name_in_use(self, name: str, title: str, *, other_than: str = "") -> bool:
        """Names are unique ignoring case and spaces around them: say so before asking the store."""
        taken = [n for n in self.names() if n.strip().casefold() == name.strip().casefold()
                 and n != other_than]
        if taken:
            self.notifier.tell(f"A brief called “{taken[0]}” exists already; choose another name.",
                               Severity.WARNING, title=title)
        return bool(taken)

    def _ask_name(self, title: str, label: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, label, text=text)
        if not ok:
            return None
        if not name.strip():
            self.notifier.tell("A brief needs a name.", Severity.WARNING, title=title)
            return None
        return name.strip()

    def new_brief(self, name: str | None = None) -> None:
        """A new brief, copied from the one shown (an undoable step)."""
        name = self._ask_name("New brief", "Name of the new brief:") if name is None else name.strip()
        if not name or self._name_in_use(name, "New brief"):
            return
        self.save()
        from workbench.ui.brief_commands import CreateBrief

        self._want = name
        self.session.run(CreateBrief(self.session, replace(self.current(), name=name)))

    def rename_brief(self, name: str | None = None) -> None:
        """Rename the brief shown (an undoable step)."""
        old = self.choice.currentData()
        if name is None:
            name = self._ask_name("Rename brief", "New name:", self.current().name)
        else:
            name = name.strip()
        if not name or not isinstance(old, Brief):
            return
        if name == old.name or self._name_in_use(name, "Rename brief", other_than=old.name):
            return
        from workbench.ui.brief_commands import CreateBrief, EditBrief

        self._dirty = False
        self._want = name
        renamed = replace(self.current(), name=name)
        if old.id is None:
            self.session.run(CreateBrief(self.session, renamed))
        else:
            self.session.run(EditBrief(self.session, old, renamed))

    def delete_brief(self) -> None:
        """Delete the brief shown, after asking (an undoable step)."""
        brief = self.choice.currentData()
        if not isinstance(brief, Brief) or brief.id is None:
            return
        answer = QMessageBox.question(self, "Delete brief",
                                      plain(f"Delete the brief “{brief.name}”?\n\nEdit ▸ Undo brings it back."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from workbench.ui.brief_commands import DeleteBrief

        self._dirty = False
        self._want = ""
        self.session.run(DeleteBrief(self.session, brief))

    def _on_notice(self, notice: Notice) -> None:
        """A brief was created, renamed, edited, deleted, or one of those undone: list again."""
        if not isinstance(notice, BriefsChanged):
            return
        # Read on a worker after the writes queued so far: the window's own connection could
        # wait for a commit in progress.
        self.session.io.read(lambda project, _p: _listed(project), self._briefs_listed,
                             key=f"briefs-{id(self)}", owner=self)

    def _briefs_listed(self, listed: tuple[list[Brief], Brief | None]) -> None:
        shown = self.choice.currentData()
        if not self.ready:
            return  # the first read, on its way, sees this change too
        self._fill_choice(self._want or None, shown.id if isinstance(shown, Brief) else None, listed=listed)
        if self._want and self.choice.currentText() == self._want:
            self._want = ""  # the create or rename it waited for is in
        current = self.choice.currentData()
        if not isinstance(current, Brief):
            return
        if self._dirty:  # keep what is being typed; adopt the saved identity
            self.form.set_base(replace(self.form.brief(), id=current.id, name=current.name, uuid=current.uuid))
        elif current != shown or current != self.form.brief():
            self.form.load(current)  # another brief, or an undo changed this one
            self._timer.start()

    def _edited(self) -> None:
        self._dirty = True
        self._timer.start()

    def _status_text(self) -> str:
        if self.session.read_only:
            return f"Read-only ({self.project.read_only_reason}): edits to the brief are not saved."
        return "Edits are saved in the project; Edit ▸ Undo takes them back."

    # -- preview -------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Render the brief in the background and show its first pages."""
        self._timer.stop()
        self.save()
        brief = self.current()

        def job(project, progress):
            try:
                data, pages = render_bytes(project, brief, progress)
            except ExportCancelled:
                return None
            return render_pages(data, pages)

        self.checks.waiting()
        self.checks_task = self.session.io.read(lambda project, _progress: gather(project, brief), self._checked,
                                                self._checks_failed, key=f"checks-{id(self)}", owner=self)
        # A newer preview replaces one still rendering (its result is dropped).
        self.preview_task = self.session.io.job(job, self._previewed, self._preview_failed,
                                                key=f"preview-{id(self)}", owner=self)
        self.pages.setText("Rendering the preview…")

    def _previewed(self, result) -> None:
        self.preview_task = None
        if result is None:
            return
        self.preview.show_preview(result)
        self.pages.setText(f"{result.pages} page{'s' if result.pages != 1 else ''}, A4")

    def _checked(self, result) -> None:
        self.checks_task = None
        if result is not None:
            self.checks.show_result(*result)

    def _checks_failed(self, error: ProjectError) -> None:
        self.checks_task = None
        self.checks.failed(str(error))

    def _preview_failed(self, error: ProjectError) -> None:
        self.preview_task = None
        self.preview.message(f"No preview: {error}")
        self.pages.setText("")

    # -- export --------------------------------------------------------------------------

    def export(self, path: Path | str | None = None) -> None:
        """Ask where and as what (unless *path* is given) and write the brief in the background.

        The file's ending picks the format: .pdf or .docx."""
        if self.export_task is not None:
            return
        self.save()
        brief = self.current()
        if path is None:
            suggested = self.project.path.with_name(f"{brief.name or 'brief'}.pdf")
            name, chosen = QFileDialog.getSaveFileName(self, "Export brief", str(suggested),
                                                       ";;".join(FILTERS.values()))
            if not name:
                return
            ending = ".docx" if chosen == FILTERS["docx"] else ".pdf"
            path = name if name.lower().endswith((".pdf", ".docx")) else name + ending
        target = Path(path)
        with_changes = self.checks.include_changes.isChecked() and self.checks.include_changes.isEnabled()
        differ = self.checks.include_differ.isChecked()

        def work(project, progress):
            try:  # recorded below, through the writer: this job only reads the project
                return export_brief(project, brief, target, progress, with_changes=with_changes, record=False,
                                    differ=differ)
            except ExportCancelled:
                return None

        self.export_task = self.session.io.job(work, self._exported, self._export_failed,
                                               progress=self._progress, owner=self)
        self._busy(True)
        self.status.setText(f"Exporting {target.name}…")

    def cancel_export(self) -> None:
        if self.export_task is not None:
            self.export_task.cancel()
            self.status.setText("Cancelling…")

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))
        if text:
            self.progress.setFormat(text)

    def _finish_task(self) -> None:
        self.export_task = None
        self._busy(False)

    def _exported(self, result) -> None:
        self._finish_task()
        if result is None:
            self.status.setText("Export cancelled; no file was written.")
            return
        self.last_export = result.path
        self.status.setText(f"Saved {self.last_export.name}")
        if not self.session.read_only and result.snapshot is not None:
            from workbench.store import brief_snapshots

            said = result.snapshot
            self.session.io.write(lambda project: brief_snapshots.record(project, said),
                                  lambda _kept: self._timer.start())  # the Changes tab starts afresh

    def _export_failed(self, error: ProjectError) -> None:
        self._finish_task()
        self.status.setText("The export failed; no file was written.")
        self.notifier.tell(str(error), Severity.ERROR, title="Export brief")

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)

    # -- closing -------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Every way of closing ends here: queue the edits, stop following the project.

        A running preview is dropped and an export is cancelled; the I/O service finishes
        them (an export cancelled writes no file) and delivers nothing to a closed dialog.
        """
        self._timer.stop()
        self.save()
        self.session.io.remove_flusher(self.save)
        try:
            self.session.notices.disconnect(self._on_notice)
        except (RuntimeError, TypeError):  # closed twice
            pass
        for handle in (self.preview_task, self.export_task, self.checks_task):
            if handle is not None:
                handle.cancel()
        super().done(result)


Start = tuple[list[Actor], list[Instrument], tuple[list[Brief], Brief | None]]


def read_start(project: Project) -> Start:
    """What the dialog starts from: the actors and instruments to choose from, and the briefs."""
    return frame.actors(project), frame.instruments(project), _listed(project)


def _listed(project: Project) -> tuple[list[Brief], Brief | None]:
    """The saved briefs, and the whole matrix as a brief when none is saved yet."""
    saved = briefs.list_all(project)
    return saved, None if saved else default_brief(project)
