"""The reader: a source's full text with search hits and cited passages highlighted.

A source chosen in the list (or a jump to a cited passage) is read on a worker through the
I/O service (`read_source`): meanwhile the reader says "Reading…" and shows nothing of the
source before it, and a newer choice replaces a read still on its way. The screen waits a
moment (PaintHold) so that a quick read shows without that state flashing.

Positions in the store are Python offsets; the view converts them to Qt positions (UTF-16)
through Utf16Map, so passages with emoji or rare Hangul before them land in the right place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from workbench.domain import scales
from workbench.domain.models import Excerpt, Source
from workbench.store import excerpts, sources
from workbench.store.errors import NotFound, ProjectError
from workbench.ui.cell_editor_hold import PaintHold
from workbench.ui.notices import EvidenceChanged, ExcerptChanged, Notice, SourceChanged, SourcesChanged
from workbench.ui import colors
from workbench.ui.text_offsets import Utf16Map, display_text, soft_breaks, with_breaks
from workbench.ui import appearance
from workbench.ui.find_bar import FindBar

_MAX_HITS = 5000  # highlighting more than this helps no one and costs paint time


class ReaderText(QPlainTextEdit):
    """Read-only text with a context menu that offers "Cite in cell"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Wrapping a very long token only at word boundaries is slow; allow a break anywhere.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.cite_action: QAction | None = None

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        menu = self.createStandardContextMenu(event.pos())
        if self.cite_action is not None:
            first = menu.actions()[0] if menu.actions() else None
            menu.insertAction(first, self.cite_action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()


class Reader(QWidget):
    """Shows one source; `selection()` gives the selected passage in Python offsets."""

    selection_changed = Signal(bool)  # whether a passage is selected
    source_shown = Signal()  # a source asked for with read_source is on show (or could not be read)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: Source | None = None
        # (source id, search query, passage to select) of the read on its way, if any
        self._wanted: tuple[int, str, tuple[int, int] | None] | None = None
        self.session = None  # workbench.ui.session.ProjectSession: its notices update the view
        self._map = Utf16Map("")
        self._cited: list[QTextEdit.ExtraSelection] = []
        self._hits: list[QTextEdit.ExtraSelection] = []
        self._jump: list[QTextEdit.ExtraSelection] = []
        self._found: list[QTextEdit.ExtraSelection] = []  # find in document
        self.header = QLabel(self)
        self.header.setObjectName("readerHeader")
        appearance.heading(self.header, 1.3)
        self.header.setContentsMargins(4, 2, 4, 0)
        self.header.setWordWrap(True)
        # Titles come from untrusted files: never let a QLabel read them as rich text.
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.meta = QLabel(self)
        self.meta.setObjectName("readerMeta")
        appearance.muted(self.meta)
        self.meta.setContentsMargins(4, 0, 4, 4)
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.text = ReaderText(self)
        self.text.setObjectName("readerText")
        self.text.setAccessibleName("Source text")
        font = QFont(self.text.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5) + 0.5)
        self.text.setFont(font)
        self.text.document().setDocumentMargin(14)
        self.text.setPlaceholderText("Pick a source on the left to read it here.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.meta)
        layout.addWidget(self.text, 1)
        self.find_bar = FindBar(self)
        self.find_bar.found.connect(self._show_found)
        self.find_bar.closed.connect(lambda: self.text.setFocus())
        layout.addWidget(self.find_bar)
        self.text.selectionChanged.connect(lambda: self.selection_changed.emit(self.selection() is not None))
        self._clear_jump = QTimer(self, singleShot=True, interval=2500)
        self._clear_jump.timeout.connect(self._end_jump)
        self._hold = PaintHold(self)
        self.show_source(None)

    # -- following the project -----------------------------------------------------------

    def set_session(self, session) -> None:
        """Follow *session*'s notices (None: no project; the reader empties)."""
        if self.session is not None:
            self.session.notices.disconnect(self._on_notice)
        self.session = session
        if session is not None:
            session.notices.connect(self._on_notice)
        self.show_source(None)

    def _on_notice(self, notice: Notice) -> None:
        # Read on a worker after the writes queued so far (the I/O service's read path): the
        # window's own connection could wait for a commit in progress.
        if self._wanted is not None and self.session is not None:
            if isinstance(notice, SourcesChanged) or getattr(notice, "source_id", None) == self._wanted[0]:
                self._request()  # the read on its way may have missed this change: read again
            return
        if self.source is None or self.session is None:
            return
        source_id = self.source.id
        if isinstance(notice, EvidenceChanged | ExcerptChanged) and notice.source_id == source_id:
            self._reread(source_id, "cited", lambda project: (None, excerpts.for_source(project, source_id)))
        elif isinstance(notice, SourceChanged) and notice.source_id == source_id:
            self._reread(source_id, "metadata",
                         lambda project: (sources.get(project, source_id, with_text=False), None))
        elif isinstance(notice, SourcesChanged):  # the shown source may have been removed
            self._reread(source_id, "both", lambda project: (sources.get(project, source_id, with_text=False),
                                                             excerpts.for_source(project, source_id)))

    def _reread(self, source_id: int, what: str, read) -> None:
        """*read(project)* -> (metadata or None, cited excerpts or None); None when removed."""
        def job(project, _progress):
            try:
                return read(project)
            except NotFound:
                return None

        self.session.io.read(job, lambda result: self._reread_done(source_id, result),
                             key=f"reader-{what}-{id(self)}", owner=self)

    def _reread_done(self, source_id: int, result) -> None:
        if self.source is None or self.source.id != source_id:
            return  # another source is shown by now
        if result is None:  # the source was removed
            self.show_source(None)
            return
        source, cited = result
        if source is not None:
            self.show_metadata(source)
        if cited is not None:
            self.set_cited(cited)

    # -- reading a source ------------------------------------------------------------------

    @property
    def reading(self) -> bool:
        """A source asked for is still being read."""
        return self._wanted is not None

    def read_source(self, source_id: int, query: str = "", select: tuple[int, int] | None = None) -> None:
        """Show *source_id* once read, with the hits of *query* and its cited passages; then
        select *select* (Python offsets), else the first occurrence that matched *query*."""
        if self.session is None:
            return
        if self._wanted is not None and self._wanted[:2] == (source_id, query):
            self._wanted = (source_id, query, select)  # on its way already: only the passage changes
            return
        self._wanted = (source_id, query, select)
        self._hold.hold("source")
        self._show_reading()
        self._request()

    def _request(self) -> None:
        source_id, query, _select = self._wanted
        self.session.io.read(lambda project, _p: _read_source(project, source_id, query),
                             lambda result: self._source_read(source_id, query, result),
                             lambda error: self._source_refused(source_id, query, error),
                             key=f"reader-source-{id(self)}", owner=self)

    def _show_reading(self) -> None:
        """The plain state while a source is read: nothing of the source shown before."""
        self.source = None
        self._jump = []
        self._map = Utf16Map("")
        self.header.setText("Reading…")
        self.meta.setText("")
        self.text.setPlainText("")
        self._cited, self._hits, self._found = [], [], []
        self._apply()
        self.find_bar.set_text("")

    def _is_wanted(self, source_id: int, query: str) -> bool:
        return self._wanted is not None and self._wanted[:2] == (source_id, query)

    def _source_read(self, source_id: int, query: str, result) -> None:
        if not self._is_wanted(source_id, query):
            return  # another source was asked for meanwhile
        select = self._wanted[2]
        if result is None:  # removed meanwhile
            self.show_source(None)
        else:
            src, cited, hits, first = result
            self.show_source(src, cited, hits)
            if select is not None or first is not None:
                self.select_range(*(select or first))
        self._hold.done("source")
        self.source_shown.emit()

    def _source_refused(self, source_id: int, query: str, error: ProjectError) -> None:
        if not self._is_wanted(source_id, query):
            return
        self.show_source(None)
        self.header.setText("This source could not be read")
        self.meta.setText(str(error))
        self._hold.done("source")
        self.source_shown.emit()

    # -- content -------------------------------------------------------------------------

    def show_source(self, source: Source | None, cited: list[Excerpt] = (),
                    hits: list[tuple[int, int]] = ()) -> None:
        """Show *source* (with its text), highlighting *cited* excerpts and search *hits*."""
        self._wanted = None  # whatever was on its way is not wanted any more
        self.source = source
        self._jump = []
        if source is None:
            self.header.setText("No source selected")
            self.meta.setText("")
            self._map = Utf16Map("")
            self.text.setPlainText("")
        else:
            text = source.text or ""
            breaks = soft_breaks(text)  # bounded layout cost for runs without spaces
            self._map = Utf16Map(text, breaks)
            self.text.setPlainText(with_breaks(display_text(text), breaks))
            self.show_metadata(source)
        self.set_cited(list(cited))
        self.set_hits(list(hits))
        self.find_bar.set_text(source.text or "" if source is not None else "")

    def show_metadata(self, source: Source) -> None:
        self.header.setText(source.title)
        grade = f"Grade {source.reliability} ({scales.RELIABILITY.get(source.reliability, '')})"
        bits = [b for b in (source.author, source.outlet, source.published) if b]
        bits.append(grade)
        if source.url:
            bits.append(source.url)
        self.meta.setText(" · ".join(bits))

    def set_cited(self, cited: list[Excerpt]) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(colors.CITED)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(colors.CITED_UNDERLINE)
        self._cited = [self._selection(e.start, e.end, fmt) for e in cited]
        self._apply()

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(colors.SEARCH_HIT)
        self._hits = [self._selection(s, e, fmt) for s, e in hits[:_MAX_HITS]]
        self._apply()

    # -- find in document ----------------------------------------------------------------

    def open_find(self) -> None:
        """Show the find bar (Ctrl+F), starting from the selected words if any."""
        if self.source is None:
            return
        span = self.selection()
        selected = (self.source.text or "")[span[0]:span[1]] if span else ""
        self.find_bar.open_bar(self.source.text or "", selected)

    def _show_found(self, ranges: list[tuple[int, int]], current: int) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(colors.SEARCH_HIT)
        self._found = [self._selection(s, e, fmt) for s, e in ranges]
        if 0 <= current < len(ranges):
            self.select_range(*ranges[current])  # selects, scrolls to and flashes it
        else:
            self._apply()

    def hit_count(self) -> int:
        return len(self._hits)

    def cited_count(self) -> int:
        return len(self._cited)

    # -- selection and jumping -----------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The selected passage as Python offsets into the source text, or None."""
        if self.source is None:
            return None
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_py(cursor.selectionStart())
        end = self._map.to_py(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        """Select text[start:end] (Python offsets), scroll to it and flash it."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        # Scroll so that the passage sits a little below the top, not on the last line.
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        fmt = QTextCharFormat()
        fmt.setBackground(colors.JUMP)
        self._jump = [self._selection(start, end, fmt)]
        self._apply()
        self._clear_jump.start()

    def _end_jump(self) -> None:
        self._jump = []
        self._apply()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _apply(self) -> None:
        # Later entries paint over earlier ones: hits over cited passages, the jump over all.
        self.text.setExtraSelections(self._cited + self._hits + self._found + self._jump)



def _read_source(project, source_id: int, query: str):
    """(source with text, cited excerpts, search hits, first occurrence) or None if removed."""
    try:
        src = sources.get(project, source_id)
    except NotFound:
        return None
    hits: list[tuple[int, int]] = []
    first: tuple[int, int] | None = None
    if query:
        from workbench.store import search as search_store  # loaded by the first search

        hits = search_store.match_ranges(project, source_id, query)
        found = search_store.occurrences(src.text or "", hits, query)
        first = found[0] if found else None  # the occurrence that matched: a whole phrase or NEAR group
    return src, excerpts.for_source(project, source_id), hits, first
