"""The window's look: Fusion with a light palette, and a few emphasised labels.

Done with palettes and fonts rather than an application style sheet: a style sheet makes Qt
polish every widget through QStyleSheetStyle, which tripled the window's construction time.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget

TEXT = QColor("#1f2937")
MUTED = QColor("#6b7280")
WINDOW = QColor("#f3f4f6")
BASE = QColor("#ffffff")
ALT_BASE = QColor("#f8fafc")
BUTTON = QColor("#eef0f3")
HIGHLIGHT = QColor("#2563eb")
BANNER = QColor("#fff3cd")
BANNER_TEXT = QColor("#5c4400")
WARNING_TEXT = QColor("#8a5a00")


def apply(app: QApplication) -> None:
    """Fusion (the same on Windows, macOS and Linux, so colours keep their meaning) and palette."""
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    p = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, WINDOW)
        p.setColor(group, QPalette.ColorRole.WindowText, TEXT)
        p.setColor(group, QPalette.ColorRole.Base, BASE)
        p.setColor(group, QPalette.ColorRole.AlternateBase, ALT_BASE)
        p.setColor(group, QPalette.ColorRole.Text, TEXT)
        p.setColor(group, QPalette.ColorRole.Button, BUTTON)
        p.setColor(group, QPalette.ColorRole.ButtonText, TEXT)
        p.setColor(group, QPalette.ColorRole.Highlight, HIGHLIGHT)
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.ToolTipBase, QColor("#fffdf2"))
        p.setColor(group, QPalette.ColorRole.ToolTipText, TEXT)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#9ca3af"))
        p.setColor(group, QPalette.ColorRole.Mid, QColor("#d1d5db"))
        p.setColor(group, QPalette.ColorRole.Midlight, QColor("#e5e7eb"))
    # Selection in lists stays readable when the window loses focus.
    p.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, QColor("#c7d7f5"))
    p.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, TEXT)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9ca3af"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9ca3af"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor("#f3f4f6"))
    app.setPalette(p)


def _font(widget: QWidget, *, scale: float = 1.0, bold: bool = False, italic: bool = False) -> None:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    font.setItalic(italic)
    widget.setFont(font)


def color(widget: QWidget, text: QColor, background: QColor | None = None) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Text, text)
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, background)
        widget.setAutoFillBackground(True)
    widget.setPalette(palette)


def pane_title(label: QLabel) -> None:
    """Small, bold, muted heading above a pane."""
    font = QFont(label.font())
    font.setBold(True)
    font.setCapitalization(QFont.Capitalization.AllUppercase)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.85)
    label.setFont(font)
    color(label, QColor("#4b5563"))


def heading(label: QLabel, scale: float = 1.25) -> None:
    _font(label, scale=scale, bold=True)
    color(label, QColor("#111827"))


def muted(label: QLabel, scale: float = 1.0) -> None:
    if scale != 1.0:
        _font(label, scale=scale)
    color(label, MUTED)


def field_label(label: QLabel) -> None:
    _font(label, scale=0.9, bold=True)
    color(label, MUTED)


def italic(label: QLabel) -> None:
    _font(label, italic=True)


def banner(widget: QWidget) -> None:
    color(widget, BANNER_TEXT, BANNER)


def warning_text(label: QLabel) -> None:
    _font(label, bold=True)
    color(label, WARNING_TEXT)


def read_only_look(widget: QWidget, read_only: bool) -> None:
    """A text field that cannot be edited looks it: a grey page instead of a white one."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#f3f4f6") if read_only else BASE)
    widget.setPalette(palette)
