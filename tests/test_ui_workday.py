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
