"""The reader, the window's title and the dialogs read the project on workers.

A person clicks sources, jumps to cited passages, clicks Cite, opens Source details and the
Export brief dialog, sometimes while another program holds the file in a long write. The
window never waits for the file: the reader says "Reading…" (never the text of the source
shown before under a new title), and a dialog opens once what it starts from is read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit

from test_ui_selection import held
from test_ui_support import (  # noqa: F401  (fixtures)
    click_row, make_window, messages, open_source, select_cell, select_in_reader, settle, source_with, wait_for,
)
from workbench.store import briefs, excerpts, frame, sources
from workbench.store.project import Project
from workbench.store.source_removal import remove_sources
from workbench.ui.cite_dialog import CiteDialog
from workbench.ui.main_window import APP_TITLE
from workbench.ui.sources_model import TITLE

NEEDLE = "troop deployment to support Russia"


def _two_other_sources(window) -> tuple[int, int]:
    """Two sources with text, neither of them the one the reader shows."""
    project = window.session.project
    shown = window.reader.source.id if window.reader.source is not None else None
    found = [s.id for s in sources.list_all(project) if s.id != shown and (sources.get(project, s.id).text or "")]
    return found[0], found[1]


def _click_source(qtbot, window, source_id: int) -> None:
    pane = window.sources_pane
    click_row(qtbot, pane.table, pane.model.row_of(source_id), TITLE)


class Dialogs:
    """Answers every modal dialog of *kind* that comes up, as a person does, and counts them."""

    def __init__(self, kind: type, answer) -> None:
        self.kind = kind
        self.answer = answer
        self.seen: list[QDialog] = []
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog not in self.seen:
            self.seen.append(dialog)
            self.answer(dialog)

    def stop(self) -> None:
        self._timer.stop()


def test_clicking_a_then_b_while_the_file_is_held_shows_reading_then_only_b(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    reader = window.reader
    a, b = _two_other_sources(window)
    before = reader.source.title
    b_source = sources.get(project, b)  # read now: the file is held below
    shown: list[int | None] = []
    reader.source_shown.connect(lambda: shown.append(reader.source.id if reader.source else None))
    with held(sample_path) as other:
        _click_source(qtbot, window, a)
        _click_source(qtbot, window, b)
        # The reads wait for the file; the window goes on, with the plain reading state.
        wait_for(lambda: reader.updatesEnabled())  # the moment for a quick read has passed
        assert reader.reading and reader.source is None
        assert reader.header.text() == "Reading…" and reader.header.text() != before
        assert reader.text.toPlainText() == "" and reader.meta.text() == ""
        assert reader.cited_count() == 0 and reader.hit_count() == 0
        assert not window.actions.cite.isEnabled()  # nothing to cite from while reading
        selected = window.sources_pane.selected_ids()
        assert selected == [b]  # the list answered the clicks at once
        other.rollback()
    wait_for(lambda: not reader.reading)
    settle(qtbot, window)
    assert shown == [b]  # A, clicked first, never showed
    assert reader.source.id == b and reader.header.text() == b_source.title
    assert reader.text.toPlainText().replace("\u2029", "\n").startswith((b_source.text or "")[:40].split("\n")[0])


def test_a_search_hit_opens_its_source_with_the_hits_marked(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    pane = window.sources_pane
    pane.search_box.setFocus()
    qtbot.keyClicks(pane.search_box, "Pyongyang")
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.results, timeout=10_000)
    with held(sample_path) as other:
        click_row(qtbot, pane.results, 0)
        wait_for(lambda: window.reader.updatesEnabled())
        assert window.reader.reading and window.reader.header.text() == "Reading…"
        other.rollback()
    wait_for(lambda: not window.reader.reading)
    assert window.reader.source.id == pane.results_model.source_id(0)
    assert window.reader.hit_count() > 0
    selected = window.reader.text.textCursor().selectedText()
    assert selected.casefold() == "pyongyang"  # the first occurrence that matched is selected


def test_a_jump_to_a_cited_passage_while_the_file_is_held_selects_it_once_read(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    model = window.cell_editor.evidence_model
    excerpt = model.excerpt(0)
    other_source = next(s for s in _two_other_sources(window) if s != excerpt.source_id)
    open_source(window, other_source)
    with held(sample_path) as other:
        view = window.cell_editor.evidence
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(0)).center())
        wait_for(lambda: window.reader.updatesEnabled())
        assert window.reader.reading and window.reader.text.toPlainText() == ""
        other.rollback()
    wait_for(lambda: not window.reader.reading)
    assert window.reader.source.id == excerpt.source_id
    assert window.reader.selection() == (excerpt.start, excerpt.end)
    assert window.sources_pane.selected_ids() == [excerpt.source_id]
    assert excerpts.for_source(project, excerpt.source_id)


def test_the_title_names_the_project_once_read(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    name = window.session.project.name
    qtbot.waitUntil(lambda: window.windowTitle() == f"{name} — {sample_path.name} — {APP_TITLE}", timeout=10_000)


def test_cite_clicked_twice_while_the_file_is_held_opens_one_dialog(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    source_id, at = source_with(project, NEEDLE)
    open_source(window, source_id)
    select_cell(window, "European Union", "Sanctions")
    cell_id = window.cell_editor.cell.id
    before = len(excerpts.for_cell(project, cell_id))
    select_in_reader(window, at, at + len(NEEDLE))

    def answer(dialog: CiteDialog) -> None:
        combo = dialog.findChild(QComboBox, "credibility")
        combo.setCurrentIndex(combo.findData(2))
        dialog.findChild(QLineEdit, "note").setText("seen twice")
        dialog.accept()

    dialogs = Dialogs(CiteDialog, answer)
    try:
        with held(sample_path) as other:
            window.actions.cite.trigger()
            window.actions.cite.trigger()
            QApplication.processEvents()
            # The window did not wait for the file: no dialog yet, what it shows is read first.
            assert dialogs.seen == [] and QApplication.activeModalWidget() is None
            other.rollback()
        wait_for(lambda: dialogs.seen)
        settle(qtbot, window)
        window.actions.cite.trigger()  # after the dialog has closed, Cite asks again
        wait_for(lambda: len(dialogs.seen) == 2)
        settle(qtbot, window)
    finally:
        dialogs.stop()
    quotes = [(e.quote, e.note) for e in excerpts.for_cell(project, cell_id)]
    assert len(quotes) == before + 2 and quotes.count((NEEDLE, "seen twice")) == 2


def test_cite_of_a_source_removed_by_another_program_says_so_once(make_window, sample_path, messages, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    source_id, at = source_with(project, NEEDLE)
    open_source(window, source_id)
    select_cell(window, "European Union", "Sanctions")
    select_in_reader(window, at, at + len(NEEDLE))
    elsewhere = project.worker(writing=True)  # another connection: a colleague's tool, say
    try:
        remove_sources(elsewhere, [source_id])
    finally:
        elsewhere.close()
    dialogs = Dialogs(CiteDialog, lambda d: d.reject())
    try:
        window.actions.cite.trigger()
        wait_for(lambda: messages)
        settle(qtbot, window)
    finally:
        dialogs.stop()
    assert messages == [("warning", "Cite in cell", "This source is no longer in the project.")]
    assert dialogs.seen == []


def test_source_details_open_once_read_while_the_file_was_held(make_window, sample_path, qtbot):
    from workbench.ui.source_dialog import SourceDialog

    window = make_window(sample_path)
    project = window.session.project
    a, _b = _two_other_sources(window)
    title = sources.get(project, a).title
    seen_titles: list[str] = []
    dialogs = Dialogs(SourceDialog, lambda d: (seen_titles.append(d.findChild(QLineEdit, "title").text()),
                                               d.reject()))
    pane = window.sources_pane
    try:
        with held(sample_path) as other:
            rect = pane.table.visualRect(pane.model.index(pane.model.row_of(a), TITLE))
            qtbot.mouseClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            QApplication.processEvents()
            assert dialogs.seen == []
            other.rollback()
        wait_for(lambda: dialogs.seen)
        settle(qtbot, window)
    finally:
        dialogs.stop()
    assert seen_titles == [title]


def test_export_dialog_from_its_menu_opens_once_its_briefs_are_read(make_window, sample_path, qtbot):
    from workbench.ui.export_dialog import ExportDialog

    window = make_window(sample_path)
    project = window.session.project
    actors = [a.name for a in frame.actors(project)]
    saved = [b.name for b in briefs.list_all(project)]
    seen: list[tuple[list[str], list[str], bool]] = []

    def look(dialog: ExportDialog) -> None:
        listed = [dialog.form.actors.item(r).text() for r in range(dialog.form.actors.count())]
        seen.append((listed, dialog.names(), dialog.export_button.isEnabled()))
        dialog.reject()

    dialogs = Dialogs(ExportDialog, look)
    try:
        with held(sample_path) as other:
            window.actions.export_brief.trigger()
            window.actions.export_brief.trigger()  # impatient: still one dialog
            QApplication.processEvents()
            assert dialogs.seen == [] and QApplication.activeModalWidget() is None
            other.rollback()
        wait_for(lambda: dialogs.seen)
        settle(qtbot, window)
    finally:
        dialogs.stop()
    assert seen == [(actors, saved, True)]


def test_removing_cited_sources_asks_with_what_was_read(make_window, sample_path, messages, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    source_id = window.cell_editor.evidence_model.excerpt(0).source_id  # the sample opens on a cited cell
    cited = len(excerpts.for_source(project, source_id))
    assert cited
    _click_source(qtbot, window, source_id)
    wait_for(lambda: not window.reader.reading)
    with held(sample_path) as other:
        qtbot.keyClick(window.sources_pane.table, Qt.Key.Key_Delete)
        QApplication.processEvents()
        assert messages == []  # the question waits for what it counts
        other.rollback()
    wait_for(lambda: messages)
    settle(qtbot, window)
    (kind, title, text), = messages
    assert (kind, title) == ("warning", "Remove sources") and f"{cited} cited" in text
    with Project.open(sample_path, read_only=True) as reopened:
        assert all(s.id != source_id for s in sources.list_all(reopened))
