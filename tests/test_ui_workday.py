"""A working day in the window: it starts where the analyst left off, knows who they are,
finds in the document shown, and closes cleanly when the session ends."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings

from test_ui_support import make_window, messages, settle  # noqa: F401  (fixtures)
from workbench.ui import app as app_module
from workbench.ui.file_flows import sample_path as bundled_sample_path


def _start(qtbot, tmp_path: Path, path: Path | None = None):
    """What `workbench` (no arguments) does, with the test's own settings file."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = app_module.start_window(path, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_no_arguments_opens_the_project_worked_on_last(make_window, sample_path, tmp_path, qtbot):
    other = tmp_path / "mine.pbw"
    shutil.copyfile(sample_path, other)
    first = make_window(sample_path)  # settings.ini, as _start uses
    first.open_project(other)
    first.close()
    again = _start(qtbot, tmp_path)
    assert again.session is not None and again.session.project.path == other
    again.close()


def test_first_start_opens_the_sample_and_a_missing_last_project_falls_back(make_window, sample_path, tmp_path, qtbot):
    window = _start(qtbot, tmp_path)  # no settings yet: the very first start
    assert window.session.project.path == bundled_sample_path()
    window.close()
    gone = tmp_path / "gone.pbw"
    shutil.copyfile(sample_path, gone)
    first = make_window(gone)
    first.close()
    gone.unlink()
    window = _start(qtbot, tmp_path)
    assert window.session.project.path == bundled_sample_path()
    assert "gone.pbw is no longer" in window.statusBar().currentMessage()
    window.close()


def _answer_preferences(qtbot, name: str, initials: str | None = None) -> None:
    """When Preferences is up, type *name* (and *initials*) as a person would and press Enter."""
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtWidgets import QApplication

    from workbench.ui.preferences import PreferencesDialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, name)
        if initials is not None:
            dialog.initials.selectAll()
            qtbot.keyClicks(dialog.initials, initials)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, answer)


def test_display_name_stamps_a_new_change_and_names_the_lock(make_window, sample_path, tmp_path, qtbot):
    from test_ui_support import select_cell
    from workbench.store import cells, lock
    from workbench.store.project import Project

    window = make_window(sample_path)
    _answer_preferences(qtbot, "Ana Maria Lopez")
    window.actions.preferences.trigger()
    assert window.settings.display_name() == "Ana Maria Lopez" and window.settings.initials() == "AML"
    select_cell(window, "Japan", "Sanctions")
    posture = window.cell_editor.posture
    posture.setFocus()
    posture.selectAll()
    qtbot.keyClicks(posture, "Tokyo follows the G7 line")
    posture.clearFocus()  # leaving the field saves at once
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "by Ana Maria Lopez" in window.cell_editor.stamp.text(), timeout=5000)
    cell_id = window.cell_editor.cell.id
    # A project opened after the name was set names its holder in the lock.
    other = tmp_path / "other.pbw"
    shutil.copyfile(sample_path, other)
    window.open_project(other)
    assert lock.read_lock(other).user == "Ana Maria Lopez"
    window.close()
    with Project.open(sample_path, read_only=True) as p:
        assert cells.by_id(p, cell_id).updated_by == "Ana Maria Lopez"


def test_first_start_asks_once_prefilled_with_the_login_name(make_window, sample_path, qtbot):
    from workbench.ui import preferences

    window = make_window(sample_path)
    seen: list[str] = []

    def look_then_cancel() -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, preferences.PreferencesDialog):
            QTimer.singleShot(20, look_then_cancel)
            return
        seen.append(dialog.name.text())
        dialog.reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, look_then_cancel)
    preferences.ask_once(window)
    assert seen == [preferences.login_full_name()] and seen[0]
    preferences.ask_once(window)  # asked once: no dialog the second time
    assert len(seen) == 1 and window.settings.display_name() == ""


def test_a_display_name_is_one_clean_line():
    from workbench.ui.preferences import clean_name, initials_of

    assert clean_name("  Ana\tMaría\nLópez\x00\x1b[31m  ") == "Ana María López [31m"
    assert initials_of("Ana María López") == "AML"
    assert initials_of("Jean-Luc  Picard") == "JLP"
    assert len(clean_name("x" * 500)) == 80



def test_preferences_offer_the_name_the_stamps_already_use(monkeypatch):
    from workbench.ui.preferences import login_full_name

    monkeypatch.setenv("WORKBENCH_USER", "  Ana\tAnalyst ")
    assert login_full_name() == "Ana Analyst"
    monkeypatch.setenv("WORKBENCH_USER", "")
    assert login_full_name()  # the account's full name or login, never empty


# -- finding ---------------------------------------------------------------------------------

def _open_with_text(window, needle: str) -> int:
    from test_ui_support import open_source, source_with

    source_id, _at = source_with(window.session.project, needle)
    open_source(window, source_id)
    return source_id


def test_ctrl_f_finds_in_the_document_with_next_previous_and_a_count(make_window, sample_path, qtbot):
    from PySide6.QtCore import Qt

    window = make_window(sample_path)
    _open_with_text(window, "sanctions")
    reader = window.reader
    reader.text.setFocus()
    qtbot.keyClick(reader.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = reader.find_bar
    assert bar.isVisible() and bar.box.hasFocus()
    qtbot.keyClicks(bar.box, "SANCTIONS")
    text = reader.source.text
    total = text.casefold().count("sanctions")
    assert total >= 2
    assert bar.count.text() == f"1 of {total}"
    assert reader.text.textCursor().selectedText().casefold() == "sanctions"
    first = reader.selection()
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    second = reader.selection()
    assert second[0] > first[0] and text[second[0]:second[1]].casefold() == "sanctions"
    qtbot.keyClick(bar.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {total}" and reader.selection() == first
    qtbot.mouseClick(bar.previous, Qt.MouseButton.LeftButton)  # wraps round to the last
    assert bar.count.text() == f"{total} of {total}"
    bar.box.selectAll()
    qtbot.keyClicks(bar.box, "no such words here")
    assert bar.count.text() == "No matches"
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    highlighted = [s.cursor.selectedText() for s in reader.text.extraSelections()]
    assert not [h for h in highlighted if h.casefold() == "sanctions"]  # the matches are no longer marked
    # Ctrl+Shift+F still searches every source.
    qtbot.keyClick(reader.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.sources_pane.search_box.hasFocus()


def _search_and_open_first(window, qtbot, query: str) -> None:
    pane = window.sources_pane
    window.actions.search_all.trigger()
    pane.search_box.selectAll()
    qtbot.keyClicks(pane.search_box, query)
    qtbot.waitUntil(lambda: pane.results_model.rowCount() > 0 and pane.results_model.query == query, timeout=5000)
    pane.results.setCurrentIndex(pane.results_model.index(0))
    qtbot.waitUntil(lambda: not window.reader.reading, timeout=20_000)  # read on a worker
    assert window.reader.source is not None


def test_opening_a_phrase_hit_selects_the_phrase_not_a_lone_word(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    _search_and_open_first(window, qtbot, '"economic sanctions"')
    reader = window.reader
    assert reader.text.textCursor().selectedText().casefold() == "economic sanctions"
    text = reader.source.text.casefold()
    # Only the phrase is highlighted, not each "sanctions" on its own.
    assert reader.hit_count() == text.count("economic sanctions") < text.count("sanctions")


def test_opening_a_near_hit_selects_the_words_standing_together(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    _search_and_open_first(window, qtbot, "NEAR(international sanctions, 0)")
    assert window.reader.text.textCursor().selectedText().casefold() == "international sanctions"


def test_a_new_search_clears_old_highlights_and_messages_wrap(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    pane = window.sources_pane
    _search_and_open_first(window, qtbot, "Pyongyang")
    assert window.reader.hit_count() > 0
    width = pane.width()
    pane.search_box.selectAll()
    qtbot.keyClicks(pane.search_box, '"unbalanced AND OR troops')
    qtbot.waitUntil(lambda: "not understood" in pane.status.text(), timeout=5000)
    assert window.reader.hit_count() == 0
    assert pane.width() == width and pane.status.wordWrap()
    pane.search_box.clear()
    assert window.reader.hit_count() == 0


# -- ending from outside ---------------------------------------------------------------------

_TYPE_THEN_WAIT = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from workbench.store import frame
from workbench.ui import app as app_module

# What `workbench open P` does, with keys typed into the posture field before it waits.
path = Path(sys.argv[1])
app = QApplication(sys.argv[:1])
app_module.configure(app)
window = app_module.start_window(path)
window.show()
# A file this computer has not checked yet opens read-only until the check in the background ends.
for _ in range(600):
    if window.session is not None and not window.session.read_only:
        break
    QTest.qWait(50)
project = window.session.project
actor = frame.find_actor(project, "Japan")
instrument = frame.find_instrument(project, "Sanctions")
window.matrix.select_cell(actor.id, instrument.id)
window.cell_editor.posture.setFocus()
window.cell_editor.posture.selectAll()
QTest.keyClicks(window.cell_editor.posture, "typed just before logout")
from workbench.ui import shutdown
keep = shutdown.close_on_signals(app)
print("typed", flush=True)
sys.exit(app.exec())
"""


def _signal_ends_cleanly(sample_path: Path, tmp_path: Path, signum: int) -> None:
    import os
    import subprocess
    import sys

    from workbench.store import cells, frame
    from workbench.store.project import Project

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    lock = sample_path.with_name(sample_path.name + ".lock")
    proc = subprocess.Popen([sys.executable, "-c", _TYPE_THEN_WAIT, str(sample_path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parent.parent)
    try:
        assert proc.stdout.readline().strip() == b"typed", proc.stderr.read().decode()
        assert lock.exists()
        proc.send_signal(signum)
        assert proc.wait(60) == 0, proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
    assert not lock.exists()
    with Project.open(sample_path, read_only=True) as p:
        a, i = frame.find_actor(p, "Japan"), frame.find_instrument(p, "Sanctions")
        cell = next(c for c in cells.all_cells(p) if (c.actor_id, c.instrument_id) == (a.id, i.id))
        assert cell.posture == "typed just before logout"


def test_sigterm_saves_typed_text_and_releases_the_lock(sample_path, tmp_path):
    import signal

    _signal_ends_cleanly(sample_path, tmp_path, signal.SIGTERM)


def test_sigint_saves_typed_text_and_releases_the_lock(sample_path, tmp_path):
    import signal

    _signal_ends_cleanly(sample_path, tmp_path, signal.SIGINT)


# -- help ------------------------------------------------------------------------------------

def _help_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")


def test_help_menu_has_a_guide_the_shortcuts_and_about_with_versions(make_window, sample_path, qtbot):
    import sqlite3

    from PySide6.QtCore import Qt

    from workbench import __version__

    window = make_window(sample_path)
    items = {a.text(): a for a in _help_menu(window).actions() if a.text()}
    items["Workbench &guide"].trigger()
    guide = window.help_dialog.browser.toPlainText()
    for words in ("Cite in cell", "ICD 203", "almost certain", "Admiralty", "TLP:AMBER+STRICT", "Reader"):
        assert words in guide
    assert window.help_dialog.isVisible()
    qtbot.keyClick(window.help_dialog, Qt.Key.Key_Escape)
    assert not window.help_dialog.isVisible()
    items["&Keyboard shortcuts"].trigger()
    shortcuts = window.help_dialog.browser.toPlainText()
    assert "Ctrl+Shift+F" in shortcuts and "Find in document" in shortcuts and "Ctrl+F" in shortcuts
    items["&About"].trigger()
    about = window.help_dialog.browser.toPlainText()
    assert __version__ in about and sqlite3.sqlite_version in about and "PySide6" in about
    # Every help page fits a 1280 x 720 screen.
    assert window.help_dialog.width() <= 1280 and window.help_dialog.height() <= 720


# -- an empty project ------------------------------------------------------------------------

def _empty(tmp_path: Path) -> Path:
    from workbench import sample

    path = tmp_path / "new.pbw"
    sample.create_empty(path, "New").close()
    return path


def test_an_empty_project_offers_the_default_frame_and_undo_takes_it_back(make_window, tmp_path, qtbot):
    from PySide6.QtCore import Qt

    window = make_window(_empty(tmp_path))
    guide = window.empty_guide
    assert guide.isVisible() and "no actors yet" in guide.text.text()
    assert guide.geometry().right() <= window.matrix.viewport().width()
    qtbot.mouseClick(guide.default_frame, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 10, timeout=5000)
    assert window.matrix_model.columnCount() == 3 and not guide.isVisible()
    window.actions.undo.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 0, timeout=5000)
    assert guide.isVisible()
    window.actions.redo.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 10, timeout=5000)


def test_add_actor_completes_a_known_name_fills_its_aliases_and_ctrl_enter_accepts(make_window, tmp_path, qtbot):
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

    from workbench.store import frame
    from workbench.ui.frame_dialogs import FrameItemDialog

    window = make_window(_empty(tmp_path))
    seen: dict[str, str] = {}

    def type_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FrameItemDialog):
            QTimer.singleShot(20, type_in_dialog)
            return
        name = dialog.findChild(QLineEdit, "name")
        extra = dialog.findChild(QPlainTextEdit, "extra")
        seen["completion"] = name.completer().model().index(0, 0).data() if name.completer() else ""
        qtbot.keyClicks(name, "Japan")
        # a known name fills in its aliases
        seen["aliases"] = extra.toPlainText()
        qtbot.keyClick(extra, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, type_in_dialog)
    qtbot.mouseClick(window.empty_guide.add_actor, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert seen["completion"] and "Tokyo" in seen["aliases"]
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 1, timeout=5000)
    actor = frame.find_actor(window.session.project, "Japan")
    assert "Tokyo" in actor.aliases and "Kishida" in actor.aliases


def test_right_clicking_the_empty_matrix_offers_to_add(make_window, tmp_path, qtbot):
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    window = make_window(_empty(tmp_path))
    offered: list[str] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, look)
            return
        offered.extend(a.text() for a in menu.actions() if a.isEnabled())
        menu.close()

    QTimer.singleShot(0, look)
    viewport = window.matrix.viewport()
    point = QPoint(viewport.width() // 2, viewport.height() - 10)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                       viewport.mapToGlobal(point)))
    assert offered == ["Add actor…", "Add instrument…", "Add the default frame"]


# -- a laptop screen -------------------------------------------------------------------------

def test_at_1280_by_720_the_matrix_shows_five_actors_by_three_instruments(make_window, sample_path, qtbot):
    from PySide6.QtCore import Qt

    from workbench.ui import window_layout

    window = make_window(sample_path)
    window.resize(1280, 720)
    window_layout.default_sizes(window, window.main_split, window.right, window.cell_editor.splitter)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() == 720, timeout=3000)
    QApplication = __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication
    QApplication.processEvents()
    matrix = window.matrix
    viewport = matrix.viewport()
    for row in range(5):
        assert matrix.rowViewportPosition(row) + matrix.rowHeight(row) <= viewport.height(), row
    for col in range(3):
        assert matrix.columnViewportPosition(col) + matrix.columnWidth(col) <= viewport.width(), col
        assert matrix.columnWidth(col) >= 110
    # Two lines of cell text fit in a row.
    assert matrix.rowHeight(0) >= matrix.fontMetrics().lineSpacing() * 2
    # A long actor name is cut at its end, with the full name in the tooltip.
    header = matrix.verticalHeader()
    long_name = "The Democratic People's Republic of Korea and its allied governments"
    assert header.width() < header.fontMetrics().horizontalAdvance(long_name)
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    assert window.matrix_model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
