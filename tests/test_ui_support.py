"""Helpers shared by the window tests: a MainWindow on a real file, with its own settings.

Holds no tests itself. Settings go to an INI file in the test's temp folder and Qt's standard
paths are in test mode, so a test run never touches the user's own settings or data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMessageBox, QStyleFactory

from workbench.store import frame, sources
from workbench.ui import app as app_module
from workbench.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    """make_window(path) -> a shown MainWindow on *path*; closed again after the test."""
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance()
    style, palette = app.style().name(), QPalette(app.palette())
    names = (app.organizationName(), app.applicationName())
    app_module.configure(app)  # the window's real look and names
    made: list[MainWindow] = []

    def make(path: Path | None = None, name: str = "settings") -> MainWindow:
        settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(path, settings=settings)
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        # Window shortcuts (Undo, Cite) fire only in the active window.
        window.windowHandle().requestActivate()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        # A file this computer has not checked yet opens read-only until its check is done.
        qtbot.waitUntil(lambda: window.session is None or not window.session.project.unchecked, timeout=20_000)
        # The list of sources is read on a worker.
        wait_for(lambda: window.session is None or not window.sources_pane.loading())
        # The matrix and the first cell are read on workers: wait for them as a person would.
        wait_for(lambda: window.session is None or (shown(window) and not window.cell_editor.reading
                                                    and not window.reader.reading))
        made.append(window)
        return window

    yield make
    for window in made:
        if window.session is not None:
            window.close()
    # Leave the application as other tests expect it.
    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)
    app.setOrganizationName(names[0])
    app.setApplicationName(names[1])


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str, str]]:
    """Capture QMessageBox static dialogs as (kind, title, text) instead of showing them."""
    seen: list[tuple[str, str, str]] = []

    def fake(kind: str, answer=QMessageBox.StandardButton.Ok):
        def show(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return answer
        return show

    monkeypatch.setattr(QMessageBox, "critical", fake("critical"))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", fake("information"))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.Cancel))
    return seen


def accept_next_dialog(qtbot, *, credibility: int | None = None, note: str = "") -> None:
    """Accept the next modal dialog once it is up (the cite dialog, for instance)."""
    from PySide6.QtCore import QTimer

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, accept)
            return
        if credibility is not None:
            combo = dialog.findChild(QComboBox, "credibility")
            combo.setCurrentIndex(combo.findData(credibility))
        if note:
            dialog.findChild(QLineEdit, "note").setText(note)
        dialog.accept()

    QTimer.singleShot(0, accept)


def source_with(project, needle: str) -> tuple[int, int]:
    """(source id, offset) of the first source whose text contains *needle*."""
    for s in sources.list_all(project):
        text = sources.get(project, s.id).text or ""
        at = text.find(needle)
        if at >= 0:
            return s.id, at
    raise AssertionError(f"no source contains {needle!r}")


def settle(qtbot, window: MainWindow, timeout: int = 20_000) -> None:
    """Wait, as a person waits for the screen, until every read, write and job the window
    queued is done and shown."""
    qtbot.waitUntil(lambda: window.session is None or window.session.io.idle(), timeout=timeout)


def wait_for(condition: Callable[[], object], timeout_s: float = 20.0) -> None:
    """Let the window work (events, worker results) until *condition* holds."""
    import time

    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout_s:g} s")
        QTest.qWait(5)


def shown(window: MainWindow) -> bool:
    """The project's matrix is read and on show (a project without actors shows none)."""
    model = window.matrix_model
    return window.session is not None and (bool(model.rowCount()) or window.empty_guide.isVisible())


def select_cell(window: MainWindow, actor: str, instrument: str) -> None:
    """Select a cell in the matrix and wait, as a person does, for its evidence to show."""
    project = window.session.project
    a = frame.find_actor(project, actor)
    i = frame.find_instrument(project, instrument)
    assert window.matrix.select_cell(a.id, i.id)
    assert window.cell_editor.cell is not None
    assert (window.cell_editor.cell.actor_id, window.cell_editor.cell.instrument_id) == (a.id, i.id)
    wait_for(lambda: not window.cell_editor.reading)


def click_row(qtbot, view, row: int, column: int = 0) -> None:
    """Click a row (a cell, for a table) of an item view as a person does: in the middle of it."""
    from PySide6.QtCore import Qt

    index = view.model().index(row, column)
    assert index.isValid(), (row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def click_cell(qtbot, window: MainWindow, actor_id: int, instrument_id: int) -> None:
    """Click a cell of the matrix (its reads may still be on their way afterwards)."""
    index = window.matrix_model.index_of(actor_id, instrument_id)
    click_row(qtbot, window.matrix, index.row(), index.column())
    assert window.cell_editor.cell is not None and window.cell_editor.cell.id == window.matrix_model.cell_at(index).id


def open_source(window: MainWindow, source_id: int) -> None:
    row = window.sources_pane.model.row_of(source_id)
    assert row >= 0
    window.sources_pane.table.selectRow(row)
    # The reader reads the source on a worker: wait for it as a person waits for the text.
    wait_for(lambda: not window.reader.reading)
    assert window.reader.source is not None and window.reader.source.id == source_id


def select_in_reader(window: MainWindow, start: int, end: int) -> None:
    """Select text[start:end] (Python offsets) as a person does: scroll to the passage, click
    before its first character, scroll to its end and Shift+click after its last."""
    from bisect import bisect_right

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from workbench.ui.text_offsets import soft_breaks

    view = window.reader.text
    text = window.reader.source.text or ""
    breaks = soft_breaks(text)  # where the reader shows a very long run on several lines

    def shown_at(offset: int):
        """Scroll until the place before text[offset] is in sight; return it (viewport pixels)."""
        cursor = QTextCursor(view.document())
        # Where the reader shows it: UTF-16 units, plus the line breaks it adds before it.
        cursor.setPosition(len(text[:offset].encode("utf-16-le")) // 2 + bisect_right(breaks, offset))
        bar, height = view.verticalScrollBar(), view.viewport().height()
        line = max(1, view.fontMetrics().lineSpacing())
        for _ in range(200):  # scroll towards it; lines are laid out as they come into sight
            y = view.cursorRect(cursor).center().y()
            if 0 <= y < height:
                break
            lines = (y - height // 3) // line
            bar.setValue(bar.value() + (lines or (1 if y >= height else -1)))
        where = view.cursorRect(cursor).center()
        assert 0 <= where.y() < height, (offset, where)
        return where

    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, shown_at(start))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, shown_at(end))
    assert window.reader.selection() == (start, end), (window.reader.selection(), (start, end))


__all__ = ["make_window", "messages", "accept_next_dialog", "source_with", "select_cell",
           "open_source", "select_in_reader"]
