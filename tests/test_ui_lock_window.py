"""A lock left by another computer, as the analyst meets it in the window: who, where, since
when, whether it looks left behind, and "Open anyway" only after a plain warning."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from test_ui_support import make_window, settle  # noqa: F401  (fixtures)
from test_ui_views_true import when_modal
from workbench.store.lock import lock_path, read_lock


def foreign_lock(path: Path, hours_ago: float) -> Path:
    since = (datetime.now(timezone.utc) - timedelta(hours=hours_ago)).isoformat(timespec="seconds")
    lp = lock_path(path)
    lp.write_text(json.dumps({"user": "Kim Min-ji", "host": "laptop-of-kim", "pid": 4242, "since": since,
                              "os_lock": True}), encoding="utf-8")
    return lp


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answer_warning(qtbot, button: str, seen: list[str], meanwhile=None) -> None:
    def act(box: QMessageBox) -> None:
        seen.append(f"{box.text()}\n{box.informativeText()}")
        if meanwhile is not None:
            meanwhile()
        chosen = next(b for b in box.buttons() if b.text().replace("&", "") == button)
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)

    when_modal(qtbot, QMessageBox, act)


def test_an_old_lock_from_another_computer_says_who_where_since_and_that_it_is_stale(
        make_window, sample_path, qtbot):
    foreign_lock(sample_path, hours_ago=50)
    window = make_window(sample_path)
    banner = window.banner
    assert window.session.read_only and banner.isVisible()
    text = banner.label.text()
    assert "Kim Min-ji" in text and "laptop-of-kim" in text and "UTC (2 days ago)" in text
    assert "The lock is old" in text
    assert banner.anyway.isVisible() and banner.button.isVisible()
    assert not window.actions.add_actor.isEnabled()


def test_a_fresh_lock_is_not_called_stale(make_window, sample_path, qtbot):
    foreign_lock(sample_path, hours_ago=3.5)
    window = make_window(sample_path)
    text = window.banner.label.text()
    assert "(3 hours ago)" in text and "old" not in text
    assert window.banner.anyway.isVisible()


def test_cancel_leaves_the_lock_and_the_file_alone(make_window, sample_path, qtbot):
    lp = foreign_lock(sample_path, hours_ago=50)
    before = (digest(sample_path), lp.read_bytes())
    window = make_window(sample_path)
    seen: list[str] = []
    answer_warning(qtbot, "Cancel", seen)
    qtbot.mouseClick(window.banner.anyway, Qt.MouseButton.LeftButton)
    assert seen and "Kim Min-ji" in seen[0] and "lose work" in seen[0] and "most likely stopped" in seen[0]
    assert window.session.read_only and window.banner.anyway.isVisible()
    assert lp.read_bytes() == before[1]
    window.close()
    assert (digest(sample_path), lp.read_bytes()) == before


def test_open_anyway_takes_the_lock_and_the_file_can_be_changed(make_window, sample_path, qtbot):
    foreign_lock(sample_path, hours_ago=50)
    window = make_window(sample_path)
    seen: list[str] = []
    answer_warning(qtbot, "Open anyway", seen)
    qtbot.mouseClick(window.banner.anyway, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert seen and not window.session.read_only and not window.banner.isVisible()
    holder = read_lock(sample_path)
    assert holder is not None and holder.host != "laptop-of-kim"
    assert window.actions.add_actor.isEnabled()
    window.close()
    assert read_lock(sample_path) is None  # released on close like any lock of ours


def test_a_lock_that_changed_during_the_warning_is_left_alone(make_window, sample_path, qtbot):
    foreign_lock(sample_path, hours_ago=50)
    window = make_window(sample_path)
    seen: list[str] = []
    # Kim opens the file again while the warning is up: that new lock is not the one warned about.
    answer_warning(qtbot, "Open anyway", seen, meanwhile=lambda: foreign_lock(sample_path, hours_ago=0))
    qtbot.mouseClick(window.banner.anyway, Qt.MouseButton.LeftButton)
    assert window.session.read_only
    assert read_lock(sample_path).user == "Kim Min-ji"
    assert "(less than an hour ago)" in window.banner.label.text()
    assert any("changed meanwhile" in text for _severity, text in window.notifier.shown)
