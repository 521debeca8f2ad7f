"""Light and dark: the window follows the system's scheme, and every colour that carries
meaning stays legible in both (WCAG contrast of at least 4.5:1 for text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from test_ui_support import settle
from workbench.ui import appearance, colors

READABLE = 4.5


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(params=["light", "dark"])
def scheme_window(request, qtbot, sample_path: Path, tmp_path: Path):
    """The window on the sample, built under the light or the dark scheme."""
    from workbench.ui import app as app_module
    from workbench.ui.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance()
    style, palette = app.style().name(), QPalette(app.palette())
    app_module.configure(app)
    appearance.apply(app, dark_scheme=request.param == "dark")
    window = MainWindow(sample_path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.session.project.unchecked, timeout=20_000)
    settle(qtbot, window)
    yield request.param, window
    window.close()
    appearance.use_scheme(False)
    from PySide6.QtWidgets import QStyleFactory

    app.setStyle(QStyleFactory.create(style))
    app.setPalette(palette)


def test_the_scheme_is_the_one_asked_for(scheme_window):
    scheme, window = scheme_window
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert (window_colour.lightness() < 128) == (scheme == "dark") == appearance.dark
    assert (colors.STATUS_FILL["empty"].lightness() < 128) == (scheme == "dark")


def test_cell_text_is_legible_on_every_status_and_coverage_colour(scheme_window):
    _scheme, window = scheme_window
    text = window.matrix.palette().color(QPalette.ColorRole.Text)
    for name, fill in [*colors.STATUS_FILL.items(), *colors.COVERAGE_FILL.items()]:
        assert contrast(text, fill) >= READABLE, (name, fill.name())
        assert contrast(colors.MUTED_TEXT, fill) >= READABLE, (name, fill.name())


def test_reader_highlights_keep_the_text_legible(scheme_window):
    _scheme, window = scheme_window
    text = window.reader.text.palette().color(QPalette.ColorRole.Text)
    for name, fill in (("search hit", colors.SEARCH_HIT), ("cited", colors.CITED), ("jump", colors.JUMP)):
        assert contrast(text, fill) >= READABLE, (name, fill.name())
    base = window.reader.text.palette().color(QPalette.ColorRole.Base)
    assert contrast(colors.CITED_UNDERLINE, base) >= 3.0  # a line, not text: 3:1 is enough


def test_every_label_of_the_window_is_legible(scheme_window):
    _scheme, window = scheme_window
    unreadable = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        p = label.palette()
        ratio = contrast(p.color(QPalette.ColorRole.WindowText), p.color(QPalette.ColorRole.Window))
        if ratio < READABLE:
            unreadable.append((label.objectName() or label.text()[:30], round(ratio, 2)))
    assert unreadable == []


def test_greyed_out_fields_can_still_be_read(scheme_window, tmp_path):
    """With no cell selected the editor is greyed out; its hints must not vanish (3:1)."""
    from workbench import sample

    _scheme, window = scheme_window
    empty = tmp_path / "empty.pbw"
    sample.create_empty(empty).close()
    window.open_project(empty)
    posture = window.cell_editor.posture
    assert not posture.isEnabled() and posture.placeholderText()
    p = posture.palette()
    disabled = QPalette.ColorGroup.Disabled
    assert contrast(p.color(disabled, QPalette.ColorRole.PlaceholderText), p.color(disabled, QPalette.ColorRole.Base)) >= 3.0
    assert contrast(p.color(disabled, QPalette.ColorRole.Text), p.color(disabled, QPalette.ColorRole.Base)) >= 3.0
