"""Once the window shows its first list of sources, what start-up made leaves the garbage
collector's generations (ui/long_lived.py), once per program. Run in a program of its own:
the test process's collector is shared by every test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

_WINDOW = """
import gc, json, sys
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from workbench.ui import app as app_module
from workbench.ui.main_window import MainWindow

app = QApplication(sys.argv[:1])
app_module.configure(app)
counts = [gc.get_freeze_count()]
window = MainWindow(settings=QSettings(sys.argv[3], QSettings.Format.IniFormat))
window.show()
for path in sys.argv[1:3]:
    window.open_project(path)
    while window.sources_pane.loading() or not window.sources_pane.model.rowCount():
        QTest.qWait(20)
    counts.append(gc.get_freeze_count())
window.close()
print(json.dumps(counts))
"""


def test_start_up_is_frozen_once_when_the_first_list_shows(sample_path: Path, tmp_path: Path):
    second = tmp_path / "second.pbw"
    shutil.copyfile(sample_path, second)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", _WINDOW, str(sample_path), str(second), str(tmp_path / "s.ini")],
                         capture_output=True, text=True, env=env, timeout=300, check=True).stdout
    before, first, second_open = json.loads(out.strip().splitlines()[-1])
    assert first > before + 10_000  # modules, classes, the window: all of start-up
    assert second_open <= first  # not again: what the second project made is collected as before
