"""A file this computer has not checked (a colleague's copy) opens at once, read-only, while
SQLite's check and the value screen run in the background; it becomes writable when the check
passes, a damaged file gets the damaged-file message, and one with wrong values is read through
a mended copy with a repaired copy offered. The command line still checks before it acts."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from test_store_values import edit
from test_ui_support import make_window, messages, select_cell, settle  # noqa: F401  (fixtures)
from workbench.store import cells, received, sources, validate
from workbench.store.connection import known_columns
from workbench.store.project import CHECKING_REASON, Project
from workbench.ui.main_window import MainWindow


def _received(sample_path: Path, tmp_path: Path) -> Path:
    """A copy under a new name: this computer has never checked it."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    target = folder / "from Kim.pbw"
    shutil.copyfile(sample_path, target)
    return target


def _open_window(qtbot, tmp_path: Path, path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "received.ini"), QSettings.Format.IniFormat)
    window = MainWindow(path, settings=settings)  # opens the file before the first paint
    qtbot.addWidget(window)
    window.show()
    return window


def _listed(window: MainWindow) -> list[tuple[int, bool]]:
    """(rows, still being checked) each time the list of sources shows anew (it is read on a worker)."""
    seen: list[tuple[int, bool]] = []
    pane = window.sources_pane
    pane.model.arranged.connect(lambda: seen.append((pane.model.rowCount(), window.session.project.unchecked)))
    return seen


def _damage_an_index(path: Path) -> None:
    """Break the sentence index's pages: nothing read to show the window touches them."""
    db = sqlite3.connect(path)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sentence_span_first'").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start + size // 2:start + size - 8] = b"\xff" * (size - 8 - size // 2)
    path.write_bytes(data)


# A grade outside A-F in the sources' rows: corpus-sized, so left to the background check.
_WRONG_GRADE = "UPDATE source SET reliability = 'Z' WHERE id = (SELECT max(id) FROM source)"


def test_opening_a_received_file_reads_no_value_of_the_corpus(sample_path: Path, tmp_path: Path) -> None:
    """Before the first paint only the schema and the matrix tables' values are checked: a
    wrong value among the sources is found by the background check, not by the open."""
    path = _received(sample_path, tmp_path)
    edit(path, _WRONG_GRADE)
    before = path.read_bytes()
    with Project.open(path, check_later=True) as project:
        assert project.unchecked and project.read_only_reason == CHECKING_REASON and not project.damage
        # What the window shows meanwhile is read as text, whatever is stored.
        assert all(isinstance(v, str) for h in sources.list_headings(project) for v in h[1:])
        with project.worker() as worker:
            problems = received.check(worker)
        assert any("reliability" in line and "outside its scale" in line for line in problems)
    assert path.read_bytes() == before


def test_a_wrong_value_in_the_matrix_is_found_before_the_first_paint(sample_path: Path, tmp_path: Path) -> None:
    """The window reads the matrix tables whole as it opens: their values are screened first
    (milliseconds at any corpus size), and a wrong one opens the file through a mended copy."""
    path = _received(sample_path, tmp_path)
    edit(path, "UPDATE excerpt SET start = 'abc' WHERE id = (SELECT min(id) FROM excerpt)")
    before = path.read_bytes()
    with Project.open(path, check_later=True) as project:
        assert not project.unchecked and any("start" in line for line in project.damage)
    assert path.read_bytes() == before
    assert validate.OPENING_TABLES <= set(known_columns())  # names of real tables


def test_a_received_file_shows_at_once_and_becomes_writable_after_its_check(
        sample_path: Path, tmp_path: Path, qtbot, messages) -> None:
    received = _received(sample_path, tmp_path)
    window = _open_window(qtbot, tmp_path, received)
    # Before the check has reported back: the project is on screen, read-only, "checking".
    # The matrix is read on a worker beside the check: look at the window as it shows.
    seen: list[dict] = []
    window.matrix_model.loaded.connect(lambda: seen.append({
        "rows": window.matrix_model.rowCount(),
        "read_only": window.session.read_only, "banner": window.banner.isVisible() and window.banner.label.text(),
        "title": window.windowTitle(), "import": window.actions.import_sources.isEnabled(),
        "cell": window.cell_editor.cell is not None, "posture_read_only": window.cell_editor.posture.isReadOnly()}))
    listed = _listed(window)
    assert window.session is not None and window.session.project.path == received
    qtbot.waitUntil(lambda: bool(seen) and bool(listed))
    first = seen[0]
    assert first["rows"] > 0
    assert listed[0][0] > 0 and listed[0][1]  # the list of sources too, still checking
    assert first["read_only"]
    assert first["banner"] and "Checking from Kim.pbw" in first["banner"]
    assert "[read-only]" in first["title"]
    assert not first["import"]
    assert first["cell"] and first["posture_read_only"]

    qtbot.waitUntil(lambda: not window.session.read_only, timeout=20_000)
    assert not window.cell_editor.posture.isReadOnly()  # the cell shown since opening, too
    assert window.banner.isHidden()
    assert "[read-only]" not in window.windowTitle()
    assert window.actions.import_sources.isEnabled()
    assert "checked" in window.statusBar().currentMessage()

    # Now it takes changes, typed as a person types them.
    select_cell(window, "Japan", "Sanctions")
    posture = window.cell_editor.posture
    posture.setFocus()
    posture.selectAll()
    qtbot.keyClicks(posture, "Typed after the check")
    posture.clearFocus()
    settle(qtbot, window)
    window.close()
    assert messages == []
    with Project.open(received, check_later=True) as project:
        assert not project.unchecked and not project.read_only  # vouched for: no second check
        assert any(c.posture == "Typed after the check" for c in cells.all_cells(project))


def test_a_received_file_that_fails_its_check_gets_the_damaged_file_message(
        sample_path: Path, tmp_path: Path, qtbot, messages) -> None:
    received = _received(sample_path, tmp_path)
    _damage_an_index(received)
    before = received.read_bytes()
    window = _open_window(qtbot, tmp_path, received)
    assert window.session is not None and window.session.read_only  # shown, never writable
    qtbot.waitUntil(lambda: window.session is None, timeout=20_000)
    assert [(kind, title) for kind, title, _text in messages] == [("critical", "Cannot open project")]
    assert "from Kim.pbw is damaged" in messages[0][2]
    assert window.banner.isHidden() and "No project open" in window.status.file.text()
    assert received.read_bytes() == before  # nothing written to it
    window.close()


def test_the_command_line_checks_a_received_file_before_it_acts(sample_path: Path, tmp_path: Path) -> None:
    received = _received(sample_path, tmp_path)
    _damage_an_index(received)
    done = subprocess.run([sys.executable, "-m", "workbench", "sources", str(received)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode != 0
    assert "damaged" in done.stderr and "Traceback" not in done.stderr


def test_a_received_file_with_a_wrong_value_is_shown_checking_then_read_through_a_mended_copy(
        sample_path: Path, tmp_path: Path, qtbot, messages) -> None:
    received_file = _received(sample_path, tmp_path)
    edit(received_file, _WRONG_GRADE)
    before = received_file.read_bytes()
    window = _open_window(qtbot, tmp_path, received_file)
    listed = _listed(window)
    # Shown at once, read-only, "Checking…": the wrong value is not known yet.
    assert window.session is not None and window.session.project.unchecked
    assert window.banner.isVisible() and "Checking from Kim.pbw" in window.banner.label.text()
    qtbot.waitUntil(lambda: bool(listed))
    assert listed[0][0] > 0 and listed[0][1]  # its list of sources, read while still checking
    assert not window.actions.import_sources.isEnabled()

    # The check finds it: the file is opened again the careful way, and the analyst is told.
    qtbot.waitUntil(lambda: window.session is not None and bool(window.session.project.damage), timeout=30_000)
    assert [(kind, title) for kind, title, _text in messages] == [("warning", "Wrong values in the project")]
    assert "from Kim.pbw holds values the workbench does not accept" in messages[0][2]
    assert "reliability" in messages[0][2]
    assert window.session.read_only and not window.session.project.unchecked
    assert window.banner.isVisible() and window.banner.button.text() == "Save a repaired copy…"
    assert "[read-only]" in window.windowTitle()
    window.close()
    assert received_file.read_bytes() == before  # nothing written to it, then or since
