"""Selecting cells while their reads wait: the cell editor shows the cell clicked last, and
nothing of a cell clicked before it, even while another program holds the file.

The cell's evidence, disputes and history are read on workers through the I/O service; the
window never waits for the file. Cells are chosen by clicking them, as a person does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from test_ui_support import click_cell, click_row, make_window, settle, wait_for  # noqa: F401  (fixtures)
from workbench.store import cells, excerpts, frame
from workbench.store.history import cell_history


@contextmanager
def held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holds the file in a long write: nobody else reads it meanwhile."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.rollback()
        other.close()


def _two_cells_with_evidence(window):
    """Two cells with cited excerpts, neither of them the one selected at open."""
    project = window.session.project
    shown = window.cell_editor.cell
    found = [c for c in cells.all_cells(project) if c.evidence_count and c.id != shown.id]
    first = found[0]
    second = next(c for c in found if c.actor_id != first.actor_id and c.instrument_id != first.instrument_id)
    return first, second


def _quotes(window) -> list[str]:
    model = window.cell_editor.evidence_model
    return [model.excerpt(r).quote for r in range(model.rowCount())]


def _title(project, cell) -> str:
    return f"{frame.actor(project, cell.actor_id).name} × {frame.instrument(project, cell.instrument_id).name}"


def test_clicking_a_then_b_while_the_file_is_held_shows_b_and_nothing_of_a(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    editor = window.cell_editor
    a, b = _two_cells_with_evidence(window)
    before = _quotes(window)  # the cell selected at open
    assert before
    title = _title(project, b)  # read now: the file is held below
    shown: list[int] = []
    editor.evidence_pane.shown.connect(shown.append)
    with held(sample_path) as other:
        click_cell(qtbot, window, a.actor_id, a.instrument_id)
        click_cell(qtbot, window, b.actor_id, b.instrument_id)
        # The reads wait for the file; the window goes on, showing the cell clicked last.
        wait_for(lambda: editor.updatesEnabled())  # the moment for a quick read has passed
        assert editor.cell.id == b.id
        assert editor.title.text() == title  # the names on show in the matrix
        assert editor.reading
        assert _quotes(window) == []  # neither A's excerpts nor those of the cell before
        assert editor.evidence_pane.state.isVisible()
        assert "Reading" in editor.evidence_pane.state.text()
        assert not editor.evidence.isVisible()
        assert editor.lower_tabs.tabText(0) == "Evidence"
        assert editor.credibility.currentText() == "" and not editor.credibility.isEnabled()
        assert not editor.evidence_pane.remove_button.isEnabled()
        other.rollback()
        wait_for(lambda: not editor.reading)
    assert editor.cell.id == b.id
    assert _quotes(window) == [e.quote for e in excerpts.for_cell(project, b.id)]
    assert editor.lower_tabs.tabText(0) == f"Evidence ({b.evidence_count})"
    assert editor.evidence.isVisible() and not editor.evidence_pane.state.isVisible()
    settle(qtbot, window)
    assert shown == [b.id]  # A's read was replaced before it could show anything


def test_a_cell_clicked_while_the_file_is_free_shows_its_evidence_at_once(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    editor = window.cell_editor
    a, b = _two_cells_with_evidence(window)
    for cell in (a, b, a):
        click_cell(qtbot, window, cell.actor_id, cell.instrument_id)
        wait_for(lambda: not editor.reading)
        assert editor.updatesEnabled()  # the pane paints again once its reads are in
        assert editor.title.text() == _title(project, cell)
        assert _quotes(window) == [e.quote for e in excerpts.for_cell(project, cell.id)]


def test_the_history_page_shows_only_the_history_of_the_cell_clicked_last(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    editor = window.cell_editor
    a, b = _two_cells_with_evidence(window)
    click_cell(qtbot, window, a.actor_id, a.instrument_id)
    wait_for(lambda: not editor.reading)
    bar = editor.lower_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(editor.lower_tabs.indexOf(editor.history)).center())
    wait_for(lambda: editor.history.topLevelItemCount() == len(cell_history(project, a.id)) > 0)
    with held(sample_path) as other:
        click_cell(qtbot, window, b.actor_id, b.instrument_id)
        wait_for(lambda: editor.updatesEnabled())
        assert editor.history.topLevelItemCount() == 0  # A's history is gone, B's is on its way
        other.rollback()
        wait_for(lambda: not editor.reading)
    expected = len(cell_history(project, b.id))
    assert expected
    wait_for(lambda: editor.history.topLevelItemCount() == expected)


def test_typing_in_a_cell_whose_read_waits_keeps_what_was_typed(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    editor = window.cell_editor
    _a, b = _two_cells_with_evidence(window)
    with held(sample_path) as other:
        click_cell(qtbot, window, b.actor_id, b.instrument_id)
        assert editor.posture.toPlainText() == b.posture  # the fields come with the cell clicked
        editor.posture.setFocus()
        editor.posture.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(editor.posture, " Still weighing it.")
        other.rollback()
        wait_for(lambda: not editor.reading)
        assert editor.posture.toPlainText() == b.posture + " Still weighing it."
    editor.posture.clearFocus()  # leaving the field saves at once
    settle(qtbot, window)
    assert editor.posture.toPlainText() == b.posture + " Still weighing it."
    assert cells.by_id(window.session.project, b.id).posture == b.posture + " Still weighing it."


def test_an_evidence_row_chosen_by_click_is_the_one_credibility_and_remove_act_on(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    editor = window.cell_editor
    cell = next(c for c in cells.all_cells(project) if c.evidence_count >= 2)
    click_cell(qtbot, window, cell.actor_id, cell.instrument_id)
    wait_for(lambda: not editor.reading)
    click_row(qtbot, editor.evidence, 1)
    second = excerpts.for_cell(project, cell.id)[1]
    assert editor.evidence_pane.selected_excerpt_id() == second.id
    qtbot.mouseClick(editor.evidence_pane.remove_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert second.id not in [e.id for e in excerpts.for_cell(project, cell.id)]
