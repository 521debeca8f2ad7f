"""A project in a sync folder gets a warning banner and a way to a local copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from test_ui_support import make_window, messages  # noqa: F401  (fixtures)


def test_sync_folder_warns_and_offers_a_local_copy(make_window, sample_path, tmp_path, qtbot, messages, monkeypatch):
    synced = tmp_path / "Dropbox" / "team"
    synced.mkdir(parents=True)
    path = synced / "crisis.pbw"
    shutil.copyfile(sample_path, path)
    window = make_window(path)
    assert not window.session.read_only
    assert window.banner.isVisible()
    assert "Dropbox" in window.banner.label.text()
    assert window.banner.button.text() == "Save a local copy…"

    suggested: list[str] = []
    target = tmp_path / "local" / "crisis.pbw"
    target.parent.mkdir()

    def save_name(_parent, _title, suggestion, _filter):
        suggested.append(suggestion)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    window.banner.button.click()
    qtbot.waitUntil(lambda: window.session is not None and window.session.project.path == target, timeout=10_000)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(suggested[0]).parent == Path(documents or Path.home())
    assert window.banner.isHidden()  # the local copy is a safe place


def test_ordinary_folder_shows_no_banner(make_window, sample_path):
    window = make_window(sample_path)
    assert window.banner.isHidden()
