"""Citing from the reader into a cell, undo and redo, and finding it again after reopening."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from test_ui_support import (  # noqa: F401  (fixtures)
    accept_next_dialog, make_window, messages, open_source, select_cell, select_in_reader, settle, source_with,
    wait_for,
)
from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.store import cells, excerpts, frame, sources
from workbench.store.project import Project

NEEDLE = "troop deployment to support Russia"


def _eu_sanctions(project):
    a = frame.find_actor(project, "European Union")
    i = frame.find_instrument(project, "Sanctions")
    return cells.get(project, a.id, i.id)


def test_cite_undo_redo_reopen(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    source_id, at = source_with(project, NEEDLE)
    before = _eu_sanctions(project).evidence_count

    open_source(window, source_id)
    select_cell(window, "European Union", "Sanctions")
    select_in_reader(window, at, at + len(NEEDLE))
    assert window.reader.selection() == (at, at + len(NEEDLE))
    assert window.actions.cite.isEnabled()

    accept_next_dialog(qtbot, credibility=2, note="deployment confirmed")
    window.actions.cite.trigger()
    settle(qtbot, window)
    cell = _eu_sanctions(project)
    assert cell.evidence_count == before + 1
    cited = [e for e in excerpts.for_cell(project, cell.id) if e.quote == NEEDLE]
    assert len(cited) == 1 and cited[0].credibility == 2 and cited[0].note == "deployment confirmed"
    assert window.cell_editor.evidence_model.rowCount() == before + 1
    assert window.matrix_model.cell_at(window.matrix.currentIndex()).evidence_count == before + 1
    assert window.reader.cited_count() >= 1

    window.actions.undo.trigger()
    settle(qtbot, window)
    assert not [e for e in excerpts.for_cell(project, cell.id) if e.quote == NEEDLE]
    assert window.cell_editor.evidence_model.rowCount() == before
    window.actions.redo.trigger()
    settle(qtbot, window)
    again = [e for e in excerpts.for_cell(project, cell.id) if e.quote == NEEDLE]
    assert [e.uuid for e in again] == [cited[0].uuid]  # the same excerpt came back

    window.close()
    assert window.session is None
    with Project.open(sample_path) as reopened:
        assert not reopened.read_only  # the window let go of its lock
        quotes = [(e.quote, e.credibility, e.source_id) for e in excerpts.for_cell(reopened, _eu_sanctions(reopened).id)]
    assert (NEEDLE, 2, source_id) in quotes


def test_undo_shortcut_in_cell_editor_undoes_typing(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    select_cell(window, "Japan", "Diplomacy")
    cell_id = window.cell_editor.cell.id
    original = cells.by_id(project, cell_id).options
    editor = window.cell_editor.options
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "Tokyo presses Pyongyang")
    qtbot.waitUntil(lambda: cells.by_id(project, cell_id).options.endswith("Tokyo presses Pyongyang"), timeout=5000)
    # Ctrl+Z in the editor goes to the project's undo stack, not the editor's own history.
    qtbot.keySequence(editor, QKeySequence(QKeySequence.StandardKey.Undo))
    settle(qtbot, window)
    assert cells.by_id(project, cell_id).options == original
    assert editor.toPlainText() == original
    qtbot.keySequence(editor, QKeySequence(QKeySequence.StandardKey.Redo))
    settle(qtbot, window)
    assert cells.by_id(project, cell_id).options.endswith("Tokyo presses Pyongyang")


def test_typing_saves_after_a_pause_as_one_undo_step(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    select_cell(window, "China", "Diplomacy")
    cell = window.cell_editor.cell
    start_posture, start_status = cell.posture, cell.status
    window.cell_editor.posture.setFocus()
    window.cell_editor.posture.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.cell_editor.posture, "Beijing hedges")
    qtbot.waitUntil(lambda: cells.by_id(project, cell.id).posture.endswith("Beijing hedges"), timeout=3000)
    qtbot.keyClicks(window.cell_editor.posture, " publicly")
    qtbot.waitUntil(lambda: cells.by_id(project, cell.id).posture.endswith("hedges publicly"), timeout=3000)
    qtbot.waitUntil(lambda: window.matrix_model.cell_at(window.matrix.currentIndex()).posture.endswith("publicly"),
                    timeout=3000)  # the notice follows the background save
    stack = window.session.undo_stack
    assert stack.count() == 1  # two saves, one burst of typing, one step
    window.actions.undo.trigger()
    settle(qtbot, window)
    after = cells.by_id(project, cell.id)
    assert (after.posture, after.status) == (start_posture, start_status)


def test_cite_needs_a_selection_and_a_cell(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    window.reader.text.moveCursor(QTextCursor.MoveOperation.Start)  # drop the opening jump's selection
    assert window.reader.selection() is None
    assert not window.actions.cite.isEnabled()
    assert window.edits.cite_selection() is False
    settle(qtbot, window)


def test_emoji_before_the_passage_keeps_offsets_right(make_window, tmp_path, qtbot):
    """Qt counts UTF-16 units: a passage after astral characters must still anchor exactly."""
    path = tmp_path / "emoji.pbw"
    project = sample.create_empty(path)
    text = "Intro 😀😀 𝒳 and 한국어 text.\n\nThe EU adopted 🇪🇺 sanctions on Pyongyang today. End."
    doc = tmp_path / "emoji.txt"
    doc.write_text(text, encoding="utf-8")
    import_paths(project, [doc])
    frame.add_actor(project, "European Union", ["EU"])
    project.close()

    window = make_window(path)
    project = window.session.project
    (src,) = sources.list_all(project)
    stored = sources.get(project, src.id).text
    needle = "sanctions on Pyongyang"
    at = stored.index(needle)
    open_source(window, src.id)
    select_cell(window, "EU", "Sanctions")
    select_in_reader(window, at, at + len(needle))
    assert window.reader.text.textCursor().selectedText() == needle
    assert window.reader.selection() == (at, at + len(needle))
    accept_next_dialog(qtbot)
    assert window.edits.cite_selection()
    settle(qtbot, window)
    (ex,) = excerpts.for_cell(project, window.cell_editor.cell.id)
    assert ex.quote == needle
    # Jumping back selects exactly that passage in the reader.
    window.reader.show_source(None)
    window.jump_to(ex.source_id, ex.start, ex.end)
    wait_for(lambda: not window.reader.reading)  # the source is read on a worker
    assert window.reader.text.textCursor().selectedText() == needle


def test_clicking_evidence_jumps_to_the_passage(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    source_id, at = source_with(project, NEEDLE)
    select_cell(window, "European Union", "Sanctions")
    cell_id = window.cell_editor.cell.id
    accept_next_dialog(qtbot)
    assert window.edits.cite(source_id, at, at + len(NEEDLE))
    settle(qtbot, window)
    model = window.cell_editor.evidence_model
    row = next(r for r in range(model.rowCount()) if model.excerpt(r).quote == NEEDLE)
    view = window.cell_editor.evidence
    rect = view.visualRect(model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_for(lambda: not window.reader.reading)  # the source is read on a worker
    assert window.reader.source.id == source_id
    assert window.reader.text.textCursor().selectedText().replace("\u2029", "\n") == NEEDLE


def test_typing_then_closing_at_once_loses_nothing(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    select_cell(window, "Russia", "Diplomacy")
    cell_id = window.cell_editor.cell.id
    editor = window.cell_editor.options
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Moscow stalls.")
    window.close()  # before the pause that would save: the close saves and waits for the writer
    with Project.open(sample_path) as p:
        assert cells.by_id(p, cell_id).options.endswith(" Moscow stalls.")
