"""The cell editor: posture, options (Markdown with a safe preview), the estimative scales,
priority, status, and the cell's evidence.

Text is saved after a short pause in typing and when focus leaves, as one undo step per burst
of typing; a choice in a list is saved at once. Every save is one small UPDATE.

Nothing here reads the window's own connection: a selected cell's fields come with the Cell the
matrix holds, and its names, disputes, history and evidence are read on a worker through the
I/O service, a newer selection replacing an older read (see cell_editor_hold for the screen).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from workbench.domain import scales
from workbench.domain.models import Cell
from workbench.store import cells, frame
from workbench.store.errors import NotFound, ProjectError
from workbench.ui.cell_editor_hold import PaintHold
from workbench.ui.dispute_box import DisputeBox
from workbench.ui.evidence_pane import EvidencePane
from workbench.ui.history_view import HistoryView
from workbench.ui.notices import (
    CellChanged, EvidenceChanged, ExcerptChanged, FrameChanged, Notice, SourceChanged, SourcesChanged,
)
from workbench.ui.preferences import short_name
from workbench.ui.session import ProjectSession
from workbench.ui.stamp_label import StampLabel
from workbench.ui.typing_edit import TypingEdit
from workbench.ui import appearance

if TYPE_CHECKING:
    from workbench.store.project import Project
    from workbench.ui.markdown_preview import MarkdownPreview

SAVE_DELAY_MS = 400
BURST_GAP_S = 2.0  # a pause longer than this starts a new undo step
_PREVIEW_TAB = 1  # the options tabs: Write, Preview
_bursts = itertools.count(1)
_CHOICES = {
    "likelihood": ("",) + scales.LIKELIHOOD,
    "confidence": ("",) + scales.CONFIDENCE,
    "priority": ("",) + scales.PRIORITY,
    "status": scales.STATUS,
}


class CellEditor(QWidget):
    """Edits the selected cell; `jump_requested(source_id, start, end)` when evidence is clicked."""

    jump_requested = Signal(int, int, int)
    back_requested = Signal()  # Escape: back to the matrix

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ProjectSession | None = None
        self.cell: Cell | None = None
        self._dirty: set[str] = set()
        self._chosen: dict[str, str] = {}  # scale choices asked for whose notice has not come yet
        self._reread_fields = False  # what the re-read on its way after a notice must show
        self._reread_frame = False
        self._cell_read_due = False  # the selected cell's own read is still on its way
        self._edits = 0  # counts typing and choices: a read asked for before one keeps its text
        self._hold = PaintHold(self)
        self._burst = next(_bursts)
        self._last_save = 0.0
        self._last_fields: frozenset[str] = frozenset()
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self._build()
        back = QAction("Back to the matrix", self)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(self.back_requested)
        self.addAction(back)
        self.set_cell(None)

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("cellTitle")
        appearance.heading(self.title, 1.2)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.stamp = StampLabel(self)
        self.stamp.setObjectName("muted")
        appearance.muted(self.stamp, 0.9)
        # Who is who in short: the analyst's own initials from Preferences, others' from their names.
        self.initials_for: Callable[[str], str] = short_name
        # "Actor × Instrument" for a cell, from names already in memory (the matrix's), or None:
        # the title then waits for the cell's read.
        self.title_for: Callable[[Cell], str | None] = lambda _cell: None

        self.posture = TypingEdit(self)
        self.posture.setObjectName("posture")
        self.posture.setPlaceholderText("The actor's stance on this instrument, in a sentence.")
        self.posture.setFixedHeight(self.posture.fontMetrics().lineSpacing() * 2 + 14)
        self.options = TypingEdit(self)
        self.options.setObjectName("options")
        self.options.setPlaceholderText("Options and judgments, in Markdown: **bold**, - lists, [links](https://…)")
        self.options.setMinimumHeight(self.options.fontMetrics().lineSpacing() * 3 + 14)
        self.options_tabs = QTabWidget(self)
        self.options_tabs.setDocumentMode(True)
        self.options_tabs.addTab(self.options, "Write")
        # The preview is made when first shown (the window opens on Write): a blank page until then.
        self._preview: MarkdownPreview | None = None
        self.options_tabs.addTab(QWidget(self), "Preview")
        self.options_tabs.currentChanged.connect(self._tab_changed)

        self.combos: dict[str, QComboBox] = {}
        scales_row = QHBoxLayout()
        scales_row.setSpacing(10)
        for name, values in _CHOICES.items():
            combo = QComboBox(self)
            combo.setObjectName(name)
            for v in values:
                combo.addItem(v or "—", v)
            combo.activated.connect(lambda _i, n=name: self._choice(n))
            self.combos[name] = combo
            box = QVBoxLayout()
            box.setSpacing(2)
            label = QLabel(name.capitalize(), self)
            label.setObjectName("fieldLabel")
            appearance.field_label(label)
            box.addWidget(label)
            box.addWidget(combo)
            scales_row.addLayout(box, 1)

        form = QWidget(self)
        fl = QFormLayout(form)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        fl.setVerticalSpacing(4)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.stamp)
        fl.addRow(head)
        # Both versions of a field two analysts judged differently, when there are any.
        self.disputes = DisputeBox(self)
        self.disputes.resolve_requested.connect(self._resolve)
        fl.addRow(self.disputes)
        fl.addRow(self._label("Posture"), self.posture)
        fl.addRow(scales_row)
        fl.addRow(self._label("Options"), self.options_tabs)

        self.evidence_pane = EvidencePane(self)
        self.evidence_pane.jump_requested.connect(self.jump_requested)
        self.evidence_pane.shown.connect(lambda _id: self._hold.done("evidence"))
        self.evidence_pane.count_changed.connect(
            lambda n: self.lower_tabs.setTabText(0, f"Evidence ({n})" if n else "Evidence"))
        # Short names for the parts tests and the window use.
        self.evidence_model = self.evidence_pane.model
        self.evidence = self.evidence_pane.view
        self.credibility = self.evidence_pane.credibility

        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(self.evidence_pane, "Evidence")
        self.history = HistoryView(self, initials_for=lambda name: self.initials_for(name))
        self.lower_tabs.addTab(self.history, "History")
        self.lower_tabs.currentChanged.connect(lambda _i: self._load_history())

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(form)
        self.splitter.addWidget(self.lower_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.splitter)

        # Tab follows the fields as they stand: posture, the four scales, then the options.
        chain = [self.posture, *self.combos.values(), self.options_tabs.tabBar(), self.options]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

        self.posture.typed.connect(lambda: self._typed("posture"))
        self.options.typed.connect(lambda: self._typed("options"))
        for edit in (self.posture, self.options):
            edit.left.connect(self.flush)
            edit.entered.connect(self._new_burst)

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("fieldLabel")
        appearance.field_label(label)
        return label

    @property
    def preview(self) -> MarkdownPreview:
        """The options rendered from Markdown (the Preview tab's page, made on first use)."""
        if self._preview is None:
            from workbench.ui.markdown_preview import MarkdownPreview

            self._preview = MarkdownPreview(self)
            self._preview.set_io(self.session.io if self.session is not None else None)
            tabs = self.options_tabs
            with QSignalBlocker(tabs):  # swapping the page is no change of tab
                current = tabs.currentIndex()
                blank = tabs.widget(_PREVIEW_TAB)
                tabs.removeTab(_PREVIEW_TAB)
                blank.deleteLater()
                tabs.insertTab(_PREVIEW_TAB, self._preview, "Preview")
                tabs.setCurrentIndex(current)
        return self._preview

    @property
    def reading(self) -> bool:
        """The selected cell's title, disputes or evidence are still being read."""
        return self.cell is not None and (self._cell_read_due or self.evidence_pane.reading)

    def edit_first_field(self) -> None:
        """Put the cursor in the posture, the first field (Enter or F2 on a matrix cell)."""
        if self.cell is not None:
            self.posture.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_tab(self, widget: QWidget, title: str) -> None:
        """Extra pages beside the evidence list (the suggestions panel), before History."""
        self.lower_tabs.insertTab(self.lower_tabs.indexOf(self.history), widget, title)

    # -- which cell ----------------------------------------------------------------------

    def set_session(self, session: ProjectSession | None) -> None:
        self.flush()
        if self.session is not None:
            self.session.notices.disconnect(self._on_notice)
            self.session.io.remove_flusher(self.flush)
        self.session = session
        if self._preview is not None:  # renders run on the open project's I/O service
            self._preview.set_io(session.io if session is not None else None)
        if session is not None:
            session.notices.connect(self._on_notice)
            # Whatever is read, written or exported next first gets the text typed so far.
            session.io.add_flusher(self.flush)
        self.set_cell(None)

    def set_cell(self, cell: Cell | None) -> None:
        """Show *cell* (saving any pending typing in the previous one first)."""
        self.flush()
        self.cell = cell
        self._chosen.clear()
        self._new_burst()
        editable = cell is not None and self.session is not None and not self.session.read_only
        for w in (self.posture, self.options):
            w.setReadOnly(not editable)
            appearance.read_only_look(w, not editable)
        for c in self.combos.values():
            c.setEnabled(editable)
        self.setEnabled(cell is not None)
        if cell is None:
            self._cell_read_due = False
            self.title.setText("Select a cell in the matrix")
            self.stamp.set_stamp("", "", "")
            self.posture.set_text_quietly("")
            self.options.set_text_quietly("")
            for combo in self.combos.values():  # greyed out, yet never another cell's values
                combo.setCurrentIndex(0)
            self.evidence_pane.show_cell(None, None)
            self.disputes.show_disputes([], editable=False)
            self.history.clear()
            if self._preview is not None:
                self._preview.set_markdown("")
            self._hold.release()
            return
        # What is in hand shows at once; the rest is read on a worker. Until it arrives the
        # title, disputes, history and evidence show this cell's "Reading…" state, never the
        # previous cell's, and the screen waits a moment so that a quick read shows in one go.
        self._hold.hold("cell", "evidence")
        self._cell_read_due = True
        self.title.setText(self.title_for(cell) or "Reading the cell…")
        self._show_fields(cell, found=[])
        self.history.clear()
        self.evidence_pane.show_cell(self.session, cell)
        self._reread(fields=True, names=True)

    def _show_fields(self, cell: Cell, *, texts: bool = True, found: list) -> None:
        """Show *cell*; *texts* False keeps the typed text (a newer save of it is on its way).

        *found*: its disputes, as read on a worker."""
        self.cell = cell
        if texts:  # nothing queued: the file has every choice made
            self._chosen.clear()
        if texts and "posture" not in self._dirty:
            self.posture.set_text_quietly(cell.posture)
        if texts and "options" not in self._dirty:
            self.options.set_text_quietly(cell.options)
        for name, combo in self.combos.items():  # a choice still on its way stays shown
            combo.setCurrentIndex(max(0, combo.findData(self._chosen.get(name, getattr(cell, name)))))
        self._show_disputes(found)
        when = cell.updated_at.replace("T", " ")[:16]
        self.stamp.set_stamp(when if cell.status != "empty" else "", cell.updated_by,
                             self.initials_for(cell.updated_by))
        if self.options_tabs.currentIndex() == _PREVIEW_TAB:
            self.preview.set_markdown(self.options.toPlainText())

    # -- saving --------------------------------------------------------------------------

    def _new_burst(self) -> None:
        self._burst = next(_bursts)

    def _typed(self, field: str) -> None:
        self._edits += 1
        self._dirty.add(field)
        self._save_timer.start()

    def flush(self) -> None:
        """Save typed text now (after the pause, on focus-out, before undo, on close)."""
        self._save_timer.stop()
        if not self._dirty or self.cell is None or self.session is None:
            self._dirty.clear()
            return
        fields = {f: (self.posture if f == "posture" else self.options).toPlainText() for f in self._dirty}
        self._dirty.clear()
        now = time.monotonic()
        if now - self._last_save > BURST_GAP_S or frozenset(fields) != self._last_fields:
            self._new_burst()
        self._last_save, self._last_fields = now, frozenset(fields)
        from workbench.ui.cell_commands import EditCell  # loaded by the first edit, not at start-up

        self.session.run(EditCell(self.session, self.cell.id, fields, burst=self._burst))

    def _choice(self, name: str) -> None:
        if self.cell is None or self.session is None:
            return
        self.flush()
        value = self.combos[name].currentData()
        # Compare with the last choice asked for: the cell shown may not have it yet.
        if self._chosen.get(name, getattr(self.cell, name)) != value:
            from workbench.ui.cell_commands import EditCell

            self._chosen[name] = value
            self._edits += 1
            self.session.run(EditCell(self.session, self.cell.id, {name: value}))

    # -- evidence ------------------------------------------------------------------------

    def remove_selected_evidence(self) -> None:
        self.evidence_pane.remove_selected()

    def edit_note(self, excerpt_id: int) -> None:
        self.evidence_pane.edit_note(excerpt_id)

    # -- disputes and history ------------------------------------------------------------

    def _show_disputes(self, found: list) -> None:
        self.disputes.show_disputes(found, editable=not self.session.read_only)

    def _resolve(self, dispute_id: int, keep: str, text: str) -> None:
        if self.session is None:
            return
        self.flush()
        from workbench.ui.merge_commands import ResolveDispute  # loaded by the first settlement

        chosen = next((d for d in self.disputes.disputes if d.id == dispute_id), None)
        if chosen is not None:
            self.session.run(ResolveDispute(self.session, chosen, keep, text))

    def _load_history(self) -> None:
        """The History page is filled when shown (most edits never need it), read on a worker."""
        if self.cell is None or self.session is None or self.lower_tabs.currentWidget() is not self.history:
            return
        self._reread(fields=False)

    # -- change notices ------------------------------------------------------------------

    def _on_notice(self, notice: Notice) -> None:
        # What changed is read again on a worker (the I/O service's read path), after every
        # write queued so far: the window's own connection could wait for a commit in progress.
        if self.cell is None or self.session is None:
            return
        if isinstance(notice, CellChanged) and notice.cell_id == self.cell.id:
            # While later saves are still queued, the file holds older text than the editor:
            # keep the text, but show the stamp, status and scales as saved.
            self._reread(fields=True)
        elif isinstance(notice, EvidenceChanged) and notice.cell_id == self.cell.id:
            self.evidence_pane.reload()
            # The first citation makes an empty cell a draft: show its status and stamp.
            self._reread(fields=True)
        elif isinstance(notice, ExcerptChanged | SourceChanged):
            self.evidence_pane.reload()  # credibility, note or a source title shown in the list
        elif isinstance(notice, SourcesChanged):  # a removal takes evidence out of cells
            self.evidence_pane.reload()
            self._reread(fields=False)
        elif isinstance(notice, FrameChanged):
            self._reread(fields=True, names=True)

    def _reread(self, *, fields: bool, names: bool = False) -> None:
        """Read the shown cell on a worker: the cell, its title, disputes, and history if shown."""
        # A newer read replaces an older one still queued: it does what both asked.
        self._reread_fields = fields or self._reread_fields
        self._reread_frame = names or self._reread_frame
        cell_id = self.cell.id
        history = self.lower_tabs.currentWidget() is self.history
        edits = self._edits

        def read(project: Project, _progress) -> tuple[Cell, str, list, list | None] | None:
            from workbench.store import disputes
            from workbench.store.history import cell_history

            try:
                cell = cells.by_id(project, cell_id)
                title = f"{frame.actor(project, cell.actor_id).name} × " \
                        f"{frame.instrument(project, cell.instrument_id).name}"
            except NotFound:  # its actor or instrument was removed
                return None
            found = disputes.for_cell(project, cell_id) if cell.disputes else []
            return cell, title, found, cell_history(project, cell_id) if history else None

        self.session.io.read(read, lambda result: self._reread_done(cell_id, edits, result),
                             lambda error: self._reread_refused(cell_id, error),
                             key=f"cell-editor-{id(self)}", owner=self)

    def _reread_done(self, cell_id: int, edits: int,
                     result: tuple[Cell, str, list, list | None] | None) -> None:
        fields, frame_changed = self._reread_fields, self._reread_frame
        self._reread_fields = self._reread_frame = False
        if self.cell is None or self.cell.id != cell_id or self.session is None:
            return  # another cell is shown by now
        self._cell_read_due = False
        self._hold.done("cell")
        if result is None:
            self.set_cell(None)
            return
        cell, title, found, entries = result
        if frame_changed:  # a rename shows in the title
            self.title.setText(title)
        if fields:
            # Text typed (or a choice made) since the read was asked for is newer than the file's.
            fresh = edits == self._edits and not self.session.io.writes_pending()
            self._show_fields(cell, texts=fresh, found=found)
        else:
            self.cell = cell
        if entries is not None:
            self.history.show_entries(entries)

    def _reread_refused(self, cell_id: int, error: ProjectError) -> None:
        self._reread_fields = self._reread_frame = False
        if self.cell is not None and self.cell.id == cell_id and self.session is not None:
            self._cell_read_due = False
            self._hold.done("cell")
            self.session.refuse(error)  # said once, on the window's one error channel

    def _tab_changed(self, index: int) -> None:
        if index == _PREVIEW_TAB:
            self.flush()
            self.preview.set_markdown(self.options.toPlainText())
