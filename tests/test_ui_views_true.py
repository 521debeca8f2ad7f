"""What the window shows stays true after an edit, a jump, a search or another project:
each test does what an analyst does (double-click, type, click, menus) and looks at the screen."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget

from test_ui_support import make_window, select_cell, settle, shown, wait_for  # noqa: F401  (fixtures)
from workbench import sample
from workbench.store import sources
from workbench.ui.sources_model import PUBLISHED, TITLE


def when_modal(qtbot, kind: type, act: Callable[[QWidget], None]) -> None:
    """Run *act* on the next modal dialog of *kind* once it is up (a person answering it)."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, look)
            return
        act(dialog)

    QTimer.singleShot(0, look)


def click_button(qtbot, dialog: QWidget, text: str) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def double_click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_row(qtbot, view, index) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def on_screen(widget: QWidget) -> QImage:
    """What the screen shows of *widget* now, as painted (not painted afresh as grab() would)."""
    QApplication.processEvents()
    window = widget.window()
    at = widget.mapTo(window, QPoint(0, 0))
    return widget.screen().grabWindow(window.winId(), at.x(), at.y(), widget.width(), widget.height()).toImage()


def rows_painted_selected(table) -> list[int]:
    """Rows whose date column, at its right edge, is painted in a selection blue (active or not)."""
    image = on_screen(table.viewport())
    scale = image.width() / max(1, table.viewport().width())
    seen = []
    for row in range(table.model().rowCount()):
        rect = table.visualRect(table.model().index(row, PUBLISHED))
        if rect.bottom() < 0 or rect.top() > table.viewport().height():
            continue
        pixel = image.pixelColor(int((rect.right() - 3) * scale), int(rect.center().y() * scale))
        if pixel.blue() - pixel.red() > 25:
            seen.append(row)
    return seen


# -- (a) the list sorts again after a date is edited ----------------------------------------

def test_a_new_date_moves_the_source_to_its_place_in_the_list(make_window, sample_path, qtbot):
    from workbench.ui.source_dialog import SourceDialog

    window = make_window(sample_path)
    table = window.sources_pane.table
    model = window.sources_pane.model
    newest = model.source_id(0)

    def backdate(dialog) -> None:
        field = dialog.findChild(QLineEdit, "published")
        field.selectAll()
        qtbot.keyClicks(field, "1999-01-02")
        click_button(qtbot, dialog, "Save")

    when_modal(qtbot, SourceDialog, backdate)
    double_click_row(qtbot, table, 0)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: model.get(newest).published == "1999-01-02", timeout=5000)
    dates = [model.index(r, PUBLISHED).data() for r in range(model.rowCount())]
    later = sum(1 for d in dates if d > "1999-01-02")
    assert later >= 1 and model.row_of(newest) == later  # below every source dated after it
    assert dates == sorted(dates, reverse=True)
    assert [model.source_id(i.row()) for i in table.selectionModel().selectedRows()] == [newest]


# -- (b) one row looks selected after a jump to a cited passage -----------------------------

def test_jumping_to_a_cited_passage_leaves_one_row_selected_on_screen(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    pane = window.sources_pane
    excerpt = window.cell_editor.evidence_model.excerpt(0)
    assert excerpt is not None  # the sample opens on a cell with evidence
    other = next(pane.model.source_id(r) for r in range(pane.model.rowCount())
                 if pane.model.source_id(r) != excerpt.source_id)
    click_row(qtbot, pane.table, pane.model.index(pane.model.row_of(other), TITLE))
    wait_for(lambda: not window.reader.reading)  # the source is read on a worker
    assert window.reader.source.id == other
    qtbot.waitUntil(lambda: rows_painted_selected(pane.table) == [pane.model.row_of(other)], timeout=3000)
    # From the keyboard: focus in the evidence list, Enter on the passage.
    evidence = window.cell_editor.evidence
    evidence.setCurrentIndex(evidence.model().index(0, 0))
    blank = QPoint(evidence.viewport().width() // 2, evidence.viewport().height() - 3)
    qtbot.mouseClick(evidence.viewport(), Qt.MouseButton.LeftButton, pos=blank)
    assert evidence.hasFocus() and window.reader.source.id == other
    on_screen(pane.table.viewport())  # the table has lost focus: shown again
    qtbot.keyClick(evidence, Qt.Key.Key_Return)
    wait_for(lambda: not window.reader.reading)
    assert window.reader.source.id == excerpt.source_id
    wanted = [pane.model.row_of(excerpt.source_id)]
    assert [i.row() for i in pane.table.selectionModel().selectedRows()] == wanted
    qtbot.waitUntil(lambda: rows_painted_selected(pane.table) == wanted, timeout=3000)


# -- (c) clearing a search leaves the list on the source the reader shows -------------------

def test_clearing_a_search_selects_the_source_the_reader_shows(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    pane = window.sources_pane
    before = window.reader.source.id
    pane.search_box.setFocus()
    qtbot.keyClicks(pane.search_box, "Pyongyang")
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.results, timeout=10_000)
    results = pane.results
    row = next(r for r in range(results.model().rowCount()) if pane.results_model.source_id(r) != before)
    chosen = pane.results_model.source_id(row)
    click_row(qtbot, results, results.model().index(row, 0))
    wait_for(lambda: not window.reader.reading)  # the source is read on a worker
    assert window.reader.source.id == chosen
    pane.search_box.setFocus()
    pane.search_box.selectAll()
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.table, timeout=5000)
    selected = [pane.model.source_id(i.row()) for i in pane.table.selectionModel().selectedRows()]
    assert selected == [chosen] and window.reader.source.id == chosen
    current = pane.table.currentIndex()
    assert pane.model.source_id(current.row()) == chosen


# -- (d) greyed-out fields are blank, not another project's ---------------------------------

def _choose(qtbot, combo, text: str) -> None:
    """Pick *text* in a combo box with the keyboard, as a person would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, text


def test_a_project_with_no_cell_selected_shows_blank_fields(make_window, sample_path, tmp_path, qtbot):
    window = make_window(sample_path)
    select_cell(window, "Japan", "Sanctions")
    editor = window.cell_editor
    _choose(qtbot, editor.combos["likelihood"], "likely")
    _choose(qtbot, editor.combos["confidence"], "high")
    settle(qtbot, window)
    empty = tmp_path / "empty.pbw"
    sample.create_empty(empty).close()
    window.open_project(empty)
    assert editor.cell is None and not editor.isEnabled()
    assert {name: c.currentText() for name, c in editor.combos.items()} == {
        "likelihood": "—", "confidence": "—", "priority": "—", "status": editor.combos["status"].itemText(0)}
    assert editor.posture.toPlainText() == "" and editor.options.toPlainText() == ""


def test_a_read_only_project_shows_its_own_cell_values(make_window, sample_path, tmp_path, qtbot):
    from workbench.store import cells
    from workbench.store.project import Project

    other = tmp_path / "theirs.pbw"
    shutil.copyfile(sample_path, other)
    window = make_window(sample_path)
    select_cell(window, "Japan", "Sanctions")
    _choose(qtbot, window.cell_editor.combos["likelihood"], "almost certain")
    settle(qtbot, window)
    other.chmod(0o444)  # a file this account may not write: opens read-only
    try:
        window.open_project(other)
        assert window.session.read_only
        editor = window.cell_editor
        wait_for(lambda: shown(window) and not editor.reading)  # the matrix and its first cell
        with Project.open(other, read_only=True) as p:
            in_file = cells.by_id(p, editor.cell.id)
        assert editor.combos["likelihood"].currentData() == in_file.likelihood
        select_cell(window, "Japan", "Sanctions")
        assert editor.combos["likelihood"].currentText() != "almost certain"
    finally:
        other.chmod(0o644)


# -- (e) counts speak English -----------------------------------------------------------------

def test_the_status_bar_says_1_cell_filled(make_window, tmp_path, qtbot):
    path = tmp_path / "one.pbw"
    sample.create_empty(path).close()
    window = make_window(path)
    qtbot.mouseClick(window.empty_guide.default_frame, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() > 0, timeout=5000)
    counts = window.status.counts
    assert "0 cells filled" in counts.text() and "1 actors" not in counts.text()
    window.matrix.setFocus()
    window.matrix.setCurrentIndex(window.matrix_model.index(0, 0))
    posture = window.cell_editor.posture
    posture.setFocus()
    qtbot.keyClicks(posture, "Talks first")
    posture.clearFocus()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "1 cell filled" in counts.text(), timeout=5000)
    assert "1 cells" not in counts.text()



def test_the_filled_count_follows_edits_and_undo(make_window, sample_path, qtbot):
    """The status line's count of filled cells is kept as cells change, not counted again
    from the whole matrix: it must still say what the matrix shows after each change."""
    from test_ui_support import click_row

    window = make_window(sample_path)
    model = window.matrix_model
    counts = window.status.counts

    def filled_on_show() -> int:
        return sum(1 for r in range(model.rowCount()) for c in range(model.columnCount())
                   if model.cell_at(model.index(r, c)).status != "empty")

    before = filled_on_show()
    qtbot.waitUntil(lambda: f"{before} cells filled" in counts.text(), timeout=5000)
    empty = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                 if model.cell_at(model.index(r, c)).status == "empty")
    click_row(qtbot, window.matrix, empty.row(), empty.column())
    posture = window.cell_editor.posture
    posture.setFocus()
    qtbot.keyClicks(posture, "Talks first")
    posture.clearFocus()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: f"{before + 1} cells filled" in counts.text(), timeout=5000)
    assert filled_on_show() == before + 1
    window.matrix.setFocus()
    window.actions.undo.trigger()  # Edit ▸ Undo empties the cell again
    settle(qtbot, window)
    qtbot.waitUntil(lambda: f"{before} cells filled" in counts.text(), timeout=5000)
    assert filled_on_show() == before


# -- (f) citing into an empty cell makes it a draft --------------------------------------------

def test_citing_into_an_empty_cell_makes_it_a_draft_and_undo_empties_it(make_window, sample_path, qtbot):
    from test_ui_support import accept_next_dialog, open_source, select_in_reader, source_with

    window = make_window(sample_path)
    model = window.matrix_model
    empty = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                 if model.cell_at(model.index(r, c)).status == "empty")
    click_row(qtbot, window.matrix, empty)
    editor = window.cell_editor
    assert editor.combos["status"].currentData() == "empty"
    source_id, at = source_with(window.session.project, "sanctions")
    open_source(window, source_id)
    select_in_reader(window, at, at + len("sanctions"))
    accept_next_dialog(qtbot)
    window.actions.cite.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: editor.evidence_model.rowCount() == 1, timeout=5000)
    assert editor.combos["status"].currentData() == "draft"
    assert model.cell_at(empty).status == "draft"
    assert editor.stamp.text().startswith("changed")
    window.actions.undo.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: editor.evidence_model.rowCount() == 0, timeout=5000)
    assert editor.combos["status"].currentData() == "empty" and model.cell_at(empty).status == "empty"
    window.actions.redo.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: editor.evidence_model.rowCount() == 1, timeout=5000)
    assert model.cell_at(empty).status == "draft"


def test_the_command_line_cite_makes_an_empty_cell_a_draft(sample_path):
    from workbench.store import cells, excerpts
    from workbench.store.project import Project

    with Project.open(sample_path) as p:
        cell = next(c for c in cells.all_cells(p) if c.status == "empty")
        src = sources.list_all(p)[0]
        excerpts.cite(p, cell.id, src.id, 0, 20)
        assert cells.by_id(p, cell.id).status == "draft"


# -- (g) the saved time follows every write, brief edits too -----------------------------------

def test_editing_a_brief_moves_the_saved_time(make_window, sample_path, qtbot, monkeypatch):
    from workbench.ui import status as status_module
    from workbench.ui.export_dialog import ExportDialog

    window = make_window(sample_path)
    saved = window.status.saved
    assert not saved.text().startswith("Saved")

    class Clock:  # the status line's clock, set to a time no test run will see by chance
        @staticmethod
        def now():
            from datetime import datetime

            return datetime(2031, 5, 6, 7, 8, 9)

    monkeypatch.setattr(status_module, "datetime", Clock)
    seen: list[str] = []

    def edit(dialog) -> None:
        title = dialog.form.title
        title.setFocus()
        title.selectAll()
        qtbot.keyClicks(title, "Troops abroad")  # saved after a pause in typing
        qtbot.waitUntil(lambda: saved.text() == "Saved 07:08:09", timeout=10_000)
        seen.append(saved.text())
        dialog.reject()

    when_modal(qtbot, ExportDialog, edit)
    window.actions.export_brief.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)  # it opens once its briefs are read
    assert seen == ["Saved 07:08:09"]
