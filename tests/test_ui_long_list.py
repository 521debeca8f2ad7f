"""A long list of sources does not hold back the window: it is read, made into rows and sorted
on a worker after the window has painted, and fills in with the row the window chose selected.
(The sample's five sources stand for a long list here: the limit is lowered for the test.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from test_ui_support import messages  # noqa: F401  (fixture)
from workbench.store import sources
from workbench.store.project import Project
from workbench.ui.main_window import MainWindow
from workbench.ui.sources_model import SOURCE_ID_ROLE, TITLE


def _window(qtbot, tmp_path: Path, path: Path, name: str) -> MainWindow:
    window = MainWindow(path, settings=QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def _shown_ids(window: MainWindow) -> list[int]:
    model = window.sources_pane.model
    return [model.index(r, TITLE).data(SOURCE_ID_ROLE) for r in range(model.rowCount())]


@pytest.fixture
def checked(sample_path: Path) -> Path:
    Project.open(sample_path).close()  # vouched for: no background check in the way
    return sample_path


def test_a_long_list_fills_in_after_the_window_shows(checked: Path, tmp_path: Path, qtbot, monkeypatch) -> None:
    short = _window(qtbot, tmp_path, checked, "short")
    short.show()
    qtbot.waitUntil(lambda: short.reader.source is not None and bool(short.sources_pane.selected_ids()),
                    timeout=20_000)
    eager_order, eager_selected = _shown_ids(short), short.sources_pane.selected_ids()
    short.close()
    assert len(eager_order) == 5 and eager_selected

    monkeypatch.setattr(sources, "LONG_LIST", 2)
    window = _window(qtbot, tmp_path, checked, "long")
    # Nothing read yet: the list comes from a worker.
    assert window.sources_pane.model.rowCount() == 0
    assert window.sources_pane.status.text() == "Reading the list of sources…"
    window.show()
    qtbot.waitUntil(lambda: window.sources_pane.model.rowCount() == 5, timeout=20_000)
    assert _shown_ids(window) == eager_order  # newest first, as the short list
    # The cited passage the window opens on is selected, as in the short list.
    qtbot.waitUntil(lambda: window.sources_pane.selected_ids() == eager_selected, timeout=20_000)
    assert eager_selected == [window.reader.source.id]
    qtbot.waitUntil(lambda: window.status.counts.text().startswith("5 sources"), timeout=20_000)
    assert window.sources_pane.status.text() == "5 sources"
    window.close()
