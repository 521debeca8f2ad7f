"""The window's reads and writes, driven as a person would.

What was just typed is what a CSV export holds; the status and stamp follow the save; a file
renamed under the window, or held busy by another program, is said plainly and never freezes
the window; a brief name differing only in spaces never overwrites another brief; brief edits
are undoable; selecting cell after cell leaves nothing behind; Cancel stops a check.

These tests wait only for what a person sees (a file written, a message, a label), so they
hold for any way the window schedules its work.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QInputDialog, QProgressDialog, QPushButton

from test_ui_support import make_window, messages, select_cell, settle, wait_for  # noqa: F401  (fixtures)
from workbench.store import briefs, cells
from workbench.store.project import Project


def _type_at_end(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def _in_file(path, sql: str, params: tuple = ()):
    """Read the project file the way another program would: its own connection."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def test_csv_export_right_after_typing_holds_the_typed_text(make_window, sample_path, tmp_path, qtbot, monkeypatch):
    window = make_window(sample_path)
    select_cell(window, "Japan", "Diplomacy")
    for n in range(8):
        _type_at_end(qtbot, window.cell_editor.options, f" step{n}")
        target = tmp_path / f"matrix {n}.csv"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        window.actions.export_csv.trigger()  # at once: no pause in typing, no focus change
        qtbot.waitUntil(lambda t=target: f"Matrix saved as {t.name}" in window.statusBar().currentMessage(),
                        timeout=10_000)
        rows = list(csv.reader(target.open(encoding="utf-8-sig")))
        japan = next(r for r in rows if r[0] == "Japan" and r[1] == "Diplomacy")
        assert any(cell.endswith(f" step{n}") for cell in japan), (n, japan)


def test_status_and_stamp_follow_typing_in_an_empty_cell(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    empty = [c for c in cells.all_cells(project) if c.status == "empty"][:8]
    assert len(empty) == 8
    editor = window.cell_editor
    for cell in empty:
        assert window.matrix.select_cell(cell.actor_id, cell.instrument_id)
        assert editor.stamp.text() == "" and editor.combos["status"].currentData() == "empty"
        _type_at_end(qtbot, editor.posture, "Holds back")
        editor.posture.clearFocus()  # leaving the field saves at once
        qtbot.waitUntil(lambda c=cell: _in_file(window.session.project.path,
                                                "SELECT posture FROM cell WHERE id = ?", (c.id,))[0][0]
                        == "Holds back", timeout=10_000)
        qtbot.waitUntil(lambda: editor.stamp.text().startswith("changed "), timeout=3000)
        assert editor.combos["status"].currentData() == "draft"
        assert "by tester" in editor.stamp.text()


def test_renaming_the_open_file_is_said_plainly_and_nothing_freezes(make_window, sample_path, tmp_path, qtbot,
                                                                     messages):
    window = make_window(sample_path)
    select_cell(window, "Russia", "Diplomacy")
    moved = tmp_path / "moved by the sync client.pbw"
    os.rename(sample_path, moved)  # what a sync client or a colleague's rename does
    _type_at_end(qtbot, window.cell_editor.posture, " Moscow waits.")
    window.cell_editor.posture.clearFocus()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    kind, _title, text = messages[0]
    assert kind == "critical" and "renamed, moved or deleted" in text and "not saved" in text
    assert "Traceback" not in text and "sqlite" not in text.lower()
    # The window goes on: a search still works, and closing does not hang.
    window.sources_pane.search_box.setText("sanctions")
    window.sources_pane.run_search()
    qtbot.waitUntil(lambda: "match" in window.sources_pane.status.text(), timeout=10_000)
    window.close()
    assert not [t for t in threading.enumerate() if t.name == "project-writer"]


def test_a_brief_name_differing_only_in_spaces_or_case_overwrites_nothing(make_window, sample_path, qtbot,
                                                                           monkeypatch, messages):
    from workbench.ui.export_dialog import ExportDialog

    window = make_window(sample_path)
    original = briefs.get(window.session.project, "Options brief")
    names = iter(["Second", "Options brief ", "options BRIEF"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(names), True))

    def use(dialog: ExportDialog) -> int:
        new = next(b for b in dialog.findChildren(QPushButton) if b.text() == "New…")
        qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.choice.currentText() == "Second", timeout=10_000)
        dialog.form.title.setFocus()
        dialog.form.title.selectAll()
        qtbot.keyClicks(dialog.form.title, "Title of the second brief")
        qtbot.mouseClick(new, Qt.MouseButton.LeftButton)  # "Options brief " (a trailing space)
        qtbot.mouseClick(new, Qt.MouseButton.LeftButton)  # "options BRIEF"
        dialog.reject()
        return 0

    monkeypatch.setattr(ExportDialog, "exec", use)
    window.actions.export_brief.trigger()
    qtbot.waitUntil(lambda: "Second" in [r[0] for r in _in_file(sample_path, "SELECT name FROM brief")],
                    timeout=10_000)
    warned = [m for m in messages if m[1] == "New brief"]
    assert len(warned) == 2 and all("exists already" in m[2] for m in warned)
    window.close()
    with Project.open(sample_path) as project:
        kept = briefs.get(project, "Options brief")
        assert (kept.title, kept.bluf, kept.uuid) == (original.title, original.bluf, original.uuid)
        assert sorted(b.name for b in briefs.list_all(project)) == ["Options brief", "Second"]


def test_brief_edits_are_undoable_from_the_edit_menu(make_window, sample_path, qtbot, monkeypatch):
    from workbench.ui.export_dialog import ExportDialog

    window = make_window(sample_path)
    names = iter(["Second", "Second, renamed"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(names), True))

    def use(dialog: ExportDialog) -> int:
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        qtbot.mouseClick(buttons["New…"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.choice.currentText() == "Second", timeout=10_000)
        qtbot.mouseClick(buttons["Rename…"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.choice.currentText() == "Second, renamed", timeout=10_000)
        dialog.reject()
        return 0

    monkeypatch.setattr(ExportDialog, "exec", use)
    window.actions.export_brief.trigger()

    def names_in_file() -> list[str]:
        return sorted(r[0] for r in _in_file(sample_path, "SELECT name FROM brief"))

    qtbot.waitUntil(lambda: names_in_file() == ["Options brief", "Second, renamed"], timeout=10_000)
    assert "Rename brief" in window.actions.undo.text()
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: names_in_file() == ["Options brief", "Second"], timeout=10_000)
    assert "New brief" in window.actions.undo.text()
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: names_in_file() == ["Options brief"], timeout=10_000)
    window.actions.redo.trigger()
    qtbot.waitUntil(lambda: names_in_file() == ["Options brief", "Second"], timeout=10_000)


def test_selecting_sixty_cells_leaves_no_background_work_behind(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    panel = window.suggestions  # the Suggestions page, as when it is shown
    model = window.matrix_model
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=10_000)
    before = len(panel.findChildren(QObject))
    threads = threading.active_count()
    indexes = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    for index in (indexes * 2)[:60]:
        rect = window.matrix.visualRect(index)
        qtbot.mouseClick(window.matrix.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=20_000)
    qtbot.wait(100)
    assert window.cell_editor.cell is not None
    assert len(panel.findChildren(QObject)) - before < 10  # no object per selection
    assert threading.active_count() - threads < 5  # no thread per selection


def test_cancel_stops_check_project(make_window, sample_path, qtbot, messages):
    window = make_window(sample_path)
    select_cell(window, "Japan", "Sanctions")
    # Another program holds the file, so the text typed just before the check waits to be
    # saved, and the check waits for it: Cancel is pressed before the check can begin.
    other = sqlite3.connect(sample_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(2.0, other.rollback)
    try:
        _type_at_end(qtbot, window.cell_editor.posture, " Tokyo watches.")
        release.start()
        window.actions.check.trigger()
        dialog = next(d for d in window.findChildren(QProgressDialog))
        cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
        cancel.click()
        qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage()
                        or any(m[1] == "Check project" for m in messages), timeout=20_000)
    finally:
        release.join()
        other.close()
    assert "Check cancelled" in window.statusBar().currentMessage()
    assert not any(m[1] == "Check project" for m in messages)  # no report of a check that was stopped
    qtbot.waitUntil(lambda: any("Tokyo watches" in r[0] for r in _in_file(sample_path, "SELECT posture FROM cell")),
                    timeout=10_000)  # the typed text was saved all the same


def test_closing_while_another_program_holds_the_file_waits_for_the_save_to_give_up(
        make_window, sample_path, qtbot, monkeypatch, messages):
    monkeypatch.setenv("WORKBENCH_SAVE_PATIENCE_S", "1.5")
    window = make_window(sample_path)
    select_cell(window, "China", "Sanctions")
    other = sqlite3.connect(sample_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writes, and keeps at it
    try:
        _type_at_end(qtbot, window.cell_editor.posture, " Beijing objects.")
        window.close()
        # Closing waited for the save to be tried for as long as saving tries: it has ended,
        # and its refusal was said, before the project's lock was let go.
        assert not [t for t in threading.enumerate() if t.name == "project-writer"]
        assert any("not saved" in m[2] and "busy" in m[2] for m in messages), messages
    finally:
        other.rollback()
        other.close()
    assert not any("Beijing objects" in r[0] for r in _in_file(sample_path, "SELECT posture FROM cell"))


def test_quick_edits_are_undone_one_at_a_time(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    source_id, original = _in_file(sample_path, "SELECT id, reliability FROM source ORDER BY id LIMIT 1")[0]
    first, second = [g for g in "ABCDE" if g != original][:2]

    def grade() -> str:
        return _in_file(sample_path, "SELECT reliability FROM source WHERE id = ?", (source_id,))[0][0]

    # Two grades in a row, the second asked before the first is in the file.
    window.edits.grade_source(source_id, first)
    window.edits.grade_source(source_id, second)
    qtbot.waitUntil(lambda: grade() == second, timeout=10_000)
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: grade() != second, timeout=10_000)
    assert grade() == first  # the step undone is the second grade, back to the first
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: grade() == original, timeout=10_000)


def test_a_scale_chosen_and_chosen_back_at_once_ends_as_shown(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    select_cell(window, "NATO", "Sanctions")
    cell_id = window.cell_editor.cell.id
    combo = window.cell_editor.combos["likelihood"]
    combo.setFocus()
    start = combo.currentIndex()
    key = Qt.Key.Key_Down if start + 1 < combo.count() else Qt.Key.Key_Up
    back = Qt.Key.Key_Up if key == Qt.Key.Key_Down else Qt.Key.Key_Down
    qtbot.keyClick(combo, key)  # another value...
    qtbot.keyClick(combo, back)  # ...and straight back, before the first is in the file
    shown = combo.currentData()

    def in_file() -> str:
        return _in_file(sample_path, "SELECT likelihood FROM cell WHERE id = ?", (cell_id,))[0][0]

    qtbot.waitUntil(lambda: window.session.io.idle(), timeout=10_000)
    assert in_file() == shown and combo.currentData() == shown


def test_a_credibility_chosen_and_chosen_back_while_a_commit_is_slow_ends_as_shown(make_window, sample_path,
                                                                                  qtbot):
    window = make_window(sample_path)
    excerpt_id, cell_id, original = _in_file(
        sample_path, "SELECT e.id, ce.cell_id, e.credibility FROM excerpt e JOIN cell_excerpt ce"
                     " ON ce.excerpt_id = e.id ORDER BY e.id LIMIT 1")[0]
    actor_id, instrument_id = _in_file(sample_path, "SELECT actor_id, instrument_id FROM cell WHERE id = ?",
                                       (cell_id,))[0]
    assert window.matrix.select_cell(actor_id, instrument_id)
    pane = window.cell_editor.evidence_pane
    wait_for(lambda: not window.cell_editor.reading)  # its evidence is read on a worker
    row = pane.model.row_of(excerpt_id)
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=pane.view.visualRect(pane.model.index(row)).center())
    assert pane.selected_excerpt_id() == excerpt_id
    combo = pane.credibility
    assert combo.currentData() == original
    key = Qt.Key.Key_Down if combo.currentIndex() + 1 < combo.count() else Qt.Key.Key_Up
    back = Qt.Key.Key_Up if key == Qt.Key.Key_Down else Qt.Key.Key_Down
    # Another program holds the file for a while: the first choice waits to be committed.
    other = sqlite3.connect(sample_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.5, other.rollback)
    try:
        combo.setFocus()
        release.start()
        qtbot.keyClick(combo, key)  # another value...
        assert combo.currentData() != original
        qtbot.wait(300)  # the notice of nothing yet: the file is held
        qtbot.keyClick(combo, back)  # ...and back to the value the file had
        assert combo.currentData() == original
        qtbot.waitUntil(lambda: window.session.io.idle(), timeout=20_000)
    finally:
        release.join()
        other.close()
    assert _in_file(sample_path, "SELECT credibility FROM excerpt WHERE id = ?", (excerpt_id,))[0][0] == original
    assert combo.currentData() == original


def test_panes_follow_a_save_while_another_program_holds_the_file_and_the_window_goes_on(
        make_window, sample_path, qtbot, messages):
    window = make_window(sample_path)
    empty = next(c for c in cells.all_cells(window.session.project) if c.status == "empty")
    assert window.matrix.select_cell(empty.actor_id, empty.instrument_id)
    editor = window.cell_editor
    assert editor.stamp.text() == ""
    _type_at_end(qtbot, editor.posture, "Seoul hedges")
    editor.posture.clearFocus()  # leaving the field saves at once

    def saved() -> bool:
        return _in_file(sample_path, "SELECT posture FROM cell WHERE id = ?", (empty.id,))[0][0] == "Seoul hedges"

    # The save reaches the file on the writer thread; its notice waits for the window's next turn.
    for _ in range(1000):
        if saved():
            break
        time.sleep(0.01)
    assert saved()
    # Now another program holds the file as it commits a long change of its own. The panes
    # re-read what the notice says changed; the window must not wait for the file meanwhile.
    other = sqlite3.connect(sample_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    held = [time.monotonic()]
    ticks: list[float] = []
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    release = threading.Timer(1.5, lambda: (held.append(time.monotonic()), other.rollback()))
    try:
        timer.start()
        release.start()
        qtbot.waitUntil(lambda: editor.stamp.text().startswith("changed "), timeout=20_000)
    finally:
        release.join()
        timer.stop()
        other.close()
    start, end = held
    assert [t for t in ticks if start + 0.5 < t < end - 0.2], "the window stopped while the file was held"
    settle(qtbot, window)
    assert "by tester" in editor.stamp.text() and editor.combos["status"].currentData() == "draft"
    shown = [window.matrix_model.cell_at(window.matrix_model.index(r, c))
             for r in range(window.matrix_model.rowCount()) for c in range(window.matrix_model.columnCount())]
    assert next(c for c in shown if c is not None and c.id == empty.id).posture == "Seoul hedges"
    assert messages == []
