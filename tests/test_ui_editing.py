"""Editing the frame and source metadata from the window, each step undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QPlainTextEdit

from test_ui_support import (  # noqa: F401  (fixtures)
    click_cell, click_row, make_window, messages, open_source, select_cell, settle, wait_for,
)
from workbench.store import cells, excerpts, frame, sources
from workbench.ui.frame_commands import AddFrameItem, EditFrameItem, MoveFrameItem
from workbench.ui.frame_dialogs import FrameItemDialog, split_names
from workbench.ui.source_dialog import SourceDialog


def choose(qtbot, combo, value) -> None:
    """Pick *value* in a closed combo box with the arrow keys, as a keyboard user does.

    Between key presses the window's events run: a reload read on a worker may disable the box
    for a moment, and a person would wait for it too. At most one press per step of the way."""
    combo.setFocus()
    target = combo.findData(value)
    assert target >= 0
    for _press in range(2 * combo.count()):
        wait_for(combo.isEnabled)
        if combo.currentIndex() == target:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)
    assert combo.currentIndex() == target


def _names(window, kind: str) -> list[str]:
    model = window.matrix_model
    items = model.actors if kind == "actor" else model.instruments
    return [i.name for i in items]


def test_add_rename_move_actor_and_undo_each(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    s = window.session
    rows = window.matrix_model.rowCount()
    assert s.run(AddFrameItem(s, "actor", "India", ["New Delhi", "Modi"]))
    settle(qtbot, window)
    assert _names(window, "actor")[-1] == "India" and window.matrix_model.rowCount() == rows + 1
    india = frame.find_actor(s.project, "New Delhi")
    assert s.run(EditFrameItem(s, "actor", india.id, name="Republic of India", extra=["New Delhi"]))
    settle(qtbot, window)
    assert frame.actor(s.project, india.id).aliases == ("New Delhi",)
    assert s.run(MoveFrameItem(s, "actor", india.id, 0))
    settle(qtbot, window)
    assert _names(window, "actor")[0] == "Republic of India"
    s.undo_stack.undo()
    settle(qtbot, window)
    assert _names(window, "actor")[-1] == "Republic of India"
    s.undo_stack.undo()
    settle(qtbot, window)
    assert frame.actor(s.project, india.id).name == "India"
    assert frame.actor(s.project, india.id).aliases == ("New Delhi", "Modi")
    s.undo_stack.undo()
    settle(qtbot, window)
    assert "India" not in _names(window, "actor") and window.matrix_model.rowCount() == rows
    s.undo_stack.redo()
    settle(qtbot, window)
    assert frame.actor(s.project, india.id).name == "India"  # the same row came back
    assert len([c for c in cells.all_cells(s.project) if c.actor_id == india.id]) == window.matrix_model.columnCount()


def test_removing_an_instrument_with_content_asks_first(make_window, sample_path, messages, monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    sanctions = frame.find_instrument(project, "Sanctions")
    evidence = sum(c.evidence_count for c in cells.all_cells(project) if c.instrument_id == sanctions.id)
    assert frame.has_content(project, instrument_id=sanctions.id) and evidence

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    window.edits.remove_item("instrument", sanctions.id)
    settle(qtbot, window)
    assert "Sanctions" in _names(window, "instrument")

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    window.edits.remove_item("instrument", sanctions.id)
    settle(qtbot, window)
    assert asked and "Sanctions" in asked[0]
    assert "Sanctions" not in _names(window, "instrument")
    assert window.cell_editor.cell is None or window.cell_editor.cell.instrument_id != sanctions.id

    window.actions.undo.trigger()
    settle(qtbot, window)
    assert "Sanctions" in _names(window, "instrument")
    back = sum(c.evidence_count for c in cells.all_cells(project) if c.instrument_id == sanctions.id)
    assert back == evidence


def test_removing_an_empty_actor_does_not_ask(make_window, sample_path, messages, qtbot):
    window = make_window(sample_path)
    s = window.session
    assert s.run(AddFrameItem(s, "actor", "Taiwan", []))
    settle(qtbot, window)
    taiwan = frame.find_actor(s.project, "Taiwan")
    window.edits.remove_item("actor", taiwan.id)
    settle(qtbot, window)
    assert messages == [] and "Taiwan" not in _names(window, "actor")


def test_frame_dialog_reads_names_and_aliases(qtbot):
    dialog = FrameItemDialog("actor", "European Union", ["EU", "Brussels"])
    qtbot.addWidget(dialog)
    assert dialog.name() == "European Union" and dialog.extra() == ["EU", "Brussels"]
    assert split_names("EU, Brussels; von der Leyen\nEU\n\n") == ["EU", "Brussels", "von der Leyen"]


def test_add_actor_through_the_menu_dialog(make_window, sample_path, monkeypatch, qtbot):
    window = make_window(sample_path)

    def fill(dialog: FrameItemDialog) -> int:
        dialog.findChild(QLineEdit, "name").setText("  African   Union ")
        dialog.findChild(QPlainTextEdit, "extra").setPlainText("AU\nAddis Ababa")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FrameItemDialog, "exec", fill)
    window.actions.add_actor.trigger()
    settle(qtbot, window)
    au = frame.find_actor(window.session.project, "Addis Ababa")
    assert au.name == "African Union" and _names(window, "actor")[-1] == "African Union"


def test_grade_and_edit_source_metadata_with_undo(make_window, sample_path, monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    src = sources.list_all(project)[0]
    open_source(window, src.id)
    new_grade = "B" if src.reliability != "B" else "C"
    window.edits.grade_source(src.id, new_grade)
    settle(qtbot, window)
    model = window.sources_pane.model
    assert model.get(src.id).reliability == new_grade
    assert f"Grade {new_grade}" in window.reader.meta.text()

    def edit(dialog: SourceDialog) -> int:
        dialog.findChild(QLineEdit, "title").setText("Renamed by the analyst")
        dialog.findChild(QLineEdit, "outlet").setText("Outlet X")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SourceDialog, "exec", edit)
    window.actions.edit_source.trigger()
    settle(qtbot, window)
    assert sources.get(project, src.id, with_text=False).title == "Renamed by the analyst"
    assert window.reader.header.text() == "Renamed by the analyst"
    assert model.get(src.id).outlet == "Outlet X"

    window.actions.undo.trigger()
    settle(qtbot, window)
    assert sources.get(project, src.id, with_text=False).title == src.title
    assert model.get(src.id).title == src.title
    window.actions.undo.trigger()
    settle(qtbot, window)
    assert sources.get(project, src.id, with_text=False).reliability == src.reliability


def test_credibility_and_removal_of_evidence_are_undoable(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    cell = next(c for c in cells.all_cells(project) if c.evidence_count)
    click_cell(qtbot, window, cell.actor_id, cell.instrument_id)
    editor = window.cell_editor
    wait_for(lambda: not editor.reading)  # its evidence is read on a worker
    click_row(qtbot, editor.evidence, 0)  # as a person picks the excerpt to change
    assert editor.evidence.currentIndex().row() == 0
    ex = editor.evidence_model.excerpt(0)
    other = ex.credibility - 1 if ex.credibility > 1 else 2  # one step away: one key press
    choose(qtbot, editor.credibility, other)
    settle(qtbot, window)
    assert excerpts.get(project, ex.id).credibility == other
    editor.remove_selected_evidence()
    settle(qtbot, window)
    assert len(excerpts.for_cell(project, cell.id)) == cell.evidence_count - 1
    window.actions.undo.trigger()
    settle(qtbot, window)
    window.actions.undo.trigger()
    settle(qtbot, window)
    assert excerpts.get(project, ex.id).credibility == ex.credibility
    assert len(excerpts.for_cell(project, cell.id)) == cell.evidence_count


def test_scale_choices_save_at_once(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    select_cell(window, "NATO", "Military aid")
    editor = window.cell_editor
    combo = editor.combos["likelihood"]
    choose(qtbot, combo, "very likely")
    settle(qtbot, window)
    cell = cells.by_id(window.session.project, editor.cell.id)
    assert cell.likelihood == "very likely"
    assert window.matrix_model.cell_at(window.matrix.currentIndex()).likelihood == "very likely"
    assert "very likely" in window.matrix.currentIndex().data(Qt.ItemDataRole.ToolTipRole)


def test_search_box_shows_snippets_and_highlights_hits_in_the_reader(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    pane = window.sources_pane
    window.actions.search_all.trigger()
    assert pane.search_box.hasFocus()
    qtbot.keyClicks(pane.search_box, "Pyongyang")
    qtbot.waitUntil(lambda: pane.results_model.rowCount() > 0, timeout=5000)
    assert pane.stack.currentWidget() is pane.results
    pane.results.setCurrentIndex(pane.results_model.index(0))
    qtbot.waitUntil(lambda: not window.reader.reading, timeout=20_000)  # read on a worker
    assert window.reader.source is not None and window.reader.hit_count() > 0
    assert "pyongyang" in window.reader.text.textCursor().selectedText().casefold()
    # Bad query syntax gives a message, not an error.
    pane.search_box.setText('"unbalanced AND OR')
    pane.run_search()
    qtbot.waitUntil(lambda: "not understood" in pane.status.text() or "match" in pane.status.text(), timeout=5000)
    pane.search_box.clear()
    pane.run_search()
    assert pane.stack.currentWidget() is pane.table


def test_dragging_a_column_header_reorders_instruments(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    names = _names(window, "instrument")
    header = window.matrix.horizontalHeader()
    header.moveSection(0, 2)  # what a drag of the first header to the end does
    settle(qtbot, window)
    assert _names(window, "instrument") == [names[1], names[2], names[0]]
    assert [header.logicalIndex(v) for v in range(3)] == [0, 1, 2]  # the model holds the order
    assert [i.name for i in frame.instruments(window.session.project)] == _names(window, "instrument")
    window.actions.undo.trigger()
    settle(qtbot, window)
    assert _names(window, "instrument") == names


def test_excerpt_note_is_edited_and_undone(make_window, sample_path, monkeypatch, qtbot):
    from PySide6.QtWidgets import QInputDialog

    window = make_window(sample_path)
    project = window.session.project
    cell = next(c for c in cells.all_cells(project) if c.evidence_count)
    window.matrix.select_cell(cell.actor_id, cell.instrument_id)
    ex = window.cell_editor.evidence_model.excerpt(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Second source agrees", True))
    window.cell_editor.edit_note(ex.id)
    settle(qtbot, window)
    assert excerpts.get(project, ex.id).note == "Second source agrees"
    assert "Second source agrees" in window.cell_editor.evidence_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    window.actions.undo.trigger()
    settle(qtbot, window)
    assert excerpts.get(project, ex.id).note == ex.note


def test_tooltips_show_hostile_cell_text_literally(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    select_cell(window, "Japan", "Sanctions")
    posture = window.cell_editor.posture
    posture.setFocus()
    posture.selectAll()
    qtbot.keyClicks(posture, '<img src="/etc/hostname"> M8 <b>bolt')
    posture.clearFocus()  # leaving the field saves at once
    settle(qtbot, window)
    tip = window.matrix.currentIndex().data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip
