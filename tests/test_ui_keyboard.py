"""The window without a mouse and with a screen reader: arrow keys in the matrix, Enter or F2
to edit a cell and Escape back, Tab in the order the panes stand, a name on every control."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QHeaderView, QLabel,
    QLineEdit,
    QPlainTextEdit, QTabBar, QTextEdit, QWidget,
)

from test_ui_support import make_window, open_source, select_in_reader, settle, source_with  # noqa: F401
from test_ui_views_true import when_modal

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView,
               QAbstractSpinBox, QTabBar)


def _qt_inner(widget: QWidget, top: QWidget) -> bool:
    """Parts Qt builds inside its own controls (a combo box's line edit, scroll bars, a tab
    bar's scroll arrows): they are named through the control that owns them."""
    w = widget
    while w is not None and w is not top:
        if w.objectName().startswith("qt_"):
            return True
        parent = w.parentWidget()
        if parent is not None and w is not widget and isinstance(w, QComboBox | QAbstractSpinBox):
            return True
        if parent is not None and isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit | QTabBar):
            return True
        w = parent
    return False


def unnamed_controls(top: QWidget) -> list[str]:
    """Controls shown in *top* that a screen reader would announce without a name."""
    buddies = {label.buddy() for label in top.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(top) or _qt_inner(widget, top):
            continue
        if isinstance(widget, QHeaderView):  # announced as the rows and columns of its table
            continue
        if widget.accessibleName() or widget in buddies:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue  # a button is announced by its text
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if isinstance(widget, QAbstractButton) and name:
            continue  # an icon button named by its tooltip or action
        missing.append(f"{type(widget).__name__} {widget.objectName() or '(no object name)'} "
                       f"in {type(widget.parentWidget()).__name__}")
    return missing


def focus() -> QWidget | None:
    return QApplication.focusWidget()


# -- the matrix from the keyboard ---------------------------------------------------------------

def test_arrows_move_in_the_matrix_enter_edits_and_escape_comes_back(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    matrix = window.matrix
    matrix.setFocus()
    matrix.setCurrentIndex(window.matrix_model.index(0, 0))
    qtbot.keyClick(matrix, Qt.Key.Key_Down)
    qtbot.keyClick(matrix, Qt.Key.Key_Right)
    assert (matrix.currentIndex().row(), matrix.currentIndex().column()) == (1, 1)
    assert window.cell_editor.cell.id == window.matrix_model.cell_at(matrix.currentIndex()).id
    qtbot.keyClick(matrix, Qt.Key.Key_Return)
    assert focus() is window.cell_editor.posture
    qtbot.keyClicks(window.cell_editor.posture, "Holds back")
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    assert focus() is matrix and matrix.currentIndex().row() == 1
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.cell_editor.cell.posture.endswith("Holds back"), timeout=5000)
    qtbot.keyClick(matrix, Qt.Key.Key_F2)
    assert focus() is window.cell_editor.posture
    # Escape from a scale (its list closed) comes back too.
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is window.cell_editor.combos["likelihood"]
    qtbot.keyClick(focus(), Qt.Key.Key_Escape)
    assert focus() is matrix


def test_tab_goes_through_the_panes_in_the_order_they_stand(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    panes = [("sources", window.sources_pane), ("reader", window.reader), ("matrix", window.matrix),
             ("cell", window.cell_editor)]

    def pane_of(widget: QWidget | None) -> str:
        for name, pane in panes:
            if widget is pane or (widget is not None and pane.isAncestorOf(widget)):
                return name
        return "elsewhere"

    window.sources_pane.search_box.setFocus()
    visited: list[str] = []
    seen: list[QWidget] = []
    for _ in range(60):
        widget = focus()
        if widget in seen:
            break
        seen.append(widget)
        name = pane_of(widget)
        if not visited or visited[-1] != name:
            visited.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    order = [name for name in visited if name != "elsewhere"]
    assert order[:4] == ["sources", "reader", "matrix", "cell"], visited
    editor = window.cell_editor
    inside = [w for w in seen if pane_of(w) == "cell"]
    assert inside.index(editor.posture) < inside.index(editor.combos["likelihood"]) \
        < inside.index(editor.combos["status"]) < inside.index(editor.options)


# -- names for screen readers -------------------------------------------------------------------

def test_every_control_of_the_main_window_has_a_name(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    assert unnamed_controls(window) == []


def _names_in(qtbot, kind: type, trigger: Callable[[], None], missing: list[str], close=None) -> None:
    seen: list[str] = []

    def look(dialog) -> None:
        seen.append(dialog.windowTitle())
        missing.extend(f"{dialog.windowTitle()}: {m}" for m in unnamed_controls(dialog))
        (close or (lambda d: d.reject()))(dialog)

    when_modal(qtbot, kind, look)
    trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)


def test_every_control_of_each_dialog_has_a_name(make_window, sample_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from workbench.ui.cite_dialog import CiteDialog
    from workbench.ui.export_dialog import ExportDialog
    from workbench.ui.frame_dialogs import FrameItemDialog
    from workbench.ui.preferences import PreferencesDialog
    from workbench.ui.source_dialog import SourceDialog

    window = make_window(sample_path)
    missing: list[str] = []
    _names_in(qtbot, PreferencesDialog, window.actions.preferences.trigger, missing)
    _names_in(qtbot, FrameItemDialog, window.actions.add_actor.trigger, missing)
    _names_in(qtbot, FrameItemDialog, window.actions.add_instrument.trigger, missing)
    source_id, at = source_with(window.session.project, "sanctions")
    open_source(window, source_id)
    select_in_reader(window, at, at + 40)
    _names_in(qtbot, CiteDialog, window.actions.cite.trigger, missing)
    _names_in(qtbot, SourceDialog, window.actions.edit_source.trigger, missing)
    _names_in(qtbot, ExportDialog, window.actions.export_brief.trigger, missing)
    from test_ui_fit import box_as_shown

    boxes: list[QMessageBox] = []
    box_as_shown(monkeypatch, "information", boxes)
    window.actions.check.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(boxes), timeout=20_000)
    missing.extend(f"Check project: {m}" for m in unnamed_controls(boxes[0]))
    boxes[0].close()
    for what in ("guide", "shortcuts", "about"):
        from workbench.ui import help as help_pages

        dialog = help_pages.show(window, what)
        missing.extend(f"help {what}: {m}" for m in unnamed_controls(dialog))
        dialog.close()
    assert missing == []
