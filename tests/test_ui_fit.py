"""The window and its dialogs fit the screens analysts have: seven instruments side by side at
1920 x 1080, and every dialog's buttons inside a 1280 x 720 laptop screen."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QWidget

from test_ui_support import make_window, open_source, select_in_reader, settle, source_with  # noqa: F401
from workbench.store import frame

LAPTOP = QRect(0, 0, 1280, 720)
TITLE_BAR = 40  # room the window manager's title bar takes above a dialog


def check_fits(dialog: QWidget) -> list[str]:
    """Problems with *dialog* on a 1280 x 720 screen: too big, or a button outside it."""
    QApplication.processEvents()
    problems = []
    # Dialogs may size themselves for the screen they open on (the test screen is not a
    # laptop's): the size must fit that screen, and the smallest size a laptop's.
    screen = dialog.screen().availableGeometry().size()
    for what, size, free in (("size", dialog.size(), screen), ("smallest size", dialog.minimumSizeHint(), LAPTOP.size())):
        if size.width() > free.width() or size.height() + TITLE_BAR > free.height():
            problems.append(f"{dialog.windowTitle()}: {what} {size.width()}x{size.height()}")
    inside = dialog.rect()
    for button in dialog.findChildren(QAbstractButton):
        if not button.isVisibleTo(dialog):
            continue
        top_left = button.mapTo(dialog, QPoint(0, 0))
        if not inside.contains(QRect(top_left, button.size())):
            problems.append(f"{dialog.windowTitle()}: button {button.text()!r} at {top_left.x()},{top_left.y()}")
    return problems


def look_at_next(qtbot, kind: type, seen: list[str], close: Callable[[QWidget], None] | None = None) -> None:
    """When the next dialog of *kind* is up, check that it fits, then close it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, look)
            return
        seen.append(dialog.windowTitle())
        seen.extend(check_fits(dialog))
        (close or (lambda d: d.reject()))(dialog)

    QTimer.singleShot(0, look)


def box_as_shown(monkeypatch, kind: str, seen: list[QMessageBox]) -> None:
    """Answer the next static QMessageBox.<kind> call with its default, keeping the box it
    would have shown (same icon, title, text, buttons and parent) to measure."""
    icons = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
             "question": QMessageBox.Icon.Question, "critical": QMessageBox.Icon.Critical}

    def show(parent, title, text, buttons=QMessageBox.StandardButton.Ok,
             default=QMessageBox.StandardButton.NoButton):
        box = QMessageBox(icons[kind], title, text, buttons, parent)
        if default != QMessageBox.StandardButton.NoButton:
            box.setDefaultButton(default)
        box.show()
        seen.append(box)
        return default if default != QMessageBox.StandardButton.NoButton else QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, kind, staticmethod(show))


def laptop_window(make_window, path: Path):
    window = make_window(path)
    window.resize(LAPTOP.size())
    return window


# -- the matrix at 1920 x 1080 ---------------------------------------------------------------

def test_seven_instruments_fit_side_by_side_at_1920_by_1080(make_window, sample_path, qtbot):
    from workbench.store.project import Project
    from workbench.ui import window_layout

    with Project.open(sample_path) as p:
        for name in ("Economic aid", "Information", "Humanitarian aid", "Cyber"):
            frame.add_instrument(p, name)
        assert len(frame.instruments(p)) == 7
    window = make_window(sample_path)
    window.resize(1920, 1080)
    window_layout.default_sizes(window, window.main_split, window.right, window.cell_editor.splitter)
    qtbot.waitUntil(lambda: window.width() == 1920 and window.height() == 1080, timeout=3000)
    QApplication.processEvents()
    matrix = window.matrix
    assert window.matrix_model.columnCount() == 7
    assert matrix.horizontalScrollBar().maximum() == 0  # nothing to scroll to
    for col in range(7):
        right = matrix.columnViewportPosition(col) + matrix.columnWidth(col)
        assert 0 <= matrix.columnViewportPosition(col) and right <= matrix.viewport().width(), col
        assert matrix.columnWidth(col) >= matrix.fontMetrics().horizontalAdvance("Military aid") + 8


# -- every dialog inside 1280 x 720 ----------------------------------------------------------

def test_preferences_and_frame_dialogs_fit_a_laptop_screen(make_window, sample_path, qtbot):
    from workbench.ui.frame_dialogs import FrameItemDialog
    from workbench.ui.preferences import PreferencesDialog

    window = laptop_window(make_window, sample_path)
    seen: list[str] = []
    look_at_next(qtbot, PreferencesDialog, seen)
    window.actions.preferences.trigger()
    look_at_next(qtbot, FrameItemDialog, seen)
    window.actions.add_actor.trigger()
    look_at_next(qtbot, FrameItemDialog, seen)
    window.actions.add_instrument.trigger()
    assert len(seen) == 3, seen


def test_cite_and_source_details_fit_a_laptop_screen(make_window, sample_path, qtbot):
    from workbench.ui.cite_dialog import CiteDialog
    from workbench.ui.source_dialog import SourceDialog

    window = laptop_window(make_window, sample_path)
    source_id, at = source_with(window.session.project, "sanctions")
    open_source(window, source_id)
    # A long passage: the dialog shows it scrolled, not taller than the screen.
    select_in_reader(window, max(0, at - 1500), at + 1500)
    seen: list[str] = []
    look_at_next(qtbot, CiteDialog, seen)
    window.actions.cite.trigger()  # the dialog opens once its passage is read
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=20_000)
    settle(qtbot, window)
    look_at_next(qtbot, SourceDialog, seen)
    window.actions.edit_source.trigger()
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=20_000)
    assert len(seen) == 2, seen


def test_export_and_check_fit_a_laptop_screen(make_window, sample_path, qtbot, monkeypatch):
    from workbench.ui.export_dialog import ExportDialog

    window = laptop_window(make_window, sample_path)
    seen: list[str] = []
    look_at_next(qtbot, ExportDialog, seen)
    window.actions.export_brief.trigger()  # it opens once its briefs are read
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen == ["Export brief"], seen
    boxes: list[QMessageBox] = []
    box_as_shown(monkeypatch, "information", boxes)
    window.actions.check.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(boxes), timeout=20_000)
    assert boxes[0].windowTitle() == "Check project" and check_fits(boxes[0]) == []
    boxes[0].close()


def test_remove_sources_confirmation_fits_a_laptop_screen(make_window, sample_path, qtbot, monkeypatch):
    window = laptop_window(make_window, sample_path)
    settle(qtbot, window)
    cited = window.session.project.db.execute("SELECT source_id FROM excerpt LIMIT 1").fetchone()[0]
    table = window.sources_pane.table
    index = window.sources_pane.model.index(window.sources_pane.model.row_of(cited), 1)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    boxes: list[QMessageBox] = []
    box_as_shown(monkeypatch, "warning", boxes)  # a cited source: removing it asks first
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(boxes), timeout=20_000)  # asked once what it counts is read
    assert len(boxes) == 1 and boxes[0].windowTitle() == "Remove sources"
    assert check_fits(boxes[0]) == []
    boxes[0].close()


def test_merge_preview_fits_a_laptop_screen(make_window, sample_path, tmp_path, qtbot):
    from workbench.store import cells
    from workbench.store.project import Project

    theirs = tmp_path / "theirs.pbw"
    shutil.copyfile(sample_path, theirs)
    with Project.open(theirs) as p:
        for cell in cells.all_cells(p)[:12]:
            cells.update(p, cell.id, posture=f"Their view of cell {cell.id}, " + "with reasons " * 20)
    window = laptop_window(make_window, sample_path)
    window.merges.start(theirs)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.merges.preview is not None and window.merges.preview.isVisible(), timeout=10_000)
    preview = window.merges.preview
    assert check_fits(preview) == []
    preview.reject()


def test_lock_warning_and_help_fit_a_laptop_screen(make_window, sample_path, qtbot):
    from test_ui_lock_window import foreign_lock

    foreign_lock(sample_path, hours_ago=50)
    window = laptop_window(make_window, sample_path)
    seen: list[str] = []
    look_at_next(qtbot, QMessageBox, seen)
    qtbot.mouseClick(window.banner.anyway, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and seen[0] == "Open anyway?", seen
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    for action in help_menu.actions():
        if action.isSeparator():
            continue
        action.trigger()
        dialog = window.help_dialog
        qtbot.waitExposed(dialog)
        assert check_fits(dialog) == []
        dialog.close()
