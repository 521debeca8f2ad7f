"""The window's look: Fusion with a light or dark palette (as the system asks), and a few
emphasised labels.

Done with palettes and fonts rather than an application style sheet: a style sheet makes Qt
polish every widget through QStyleSheetStyle, which tripled the window's construction time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget

_LIGHT = {
    "text": "#1f2937", "muted": "#5f6672", "window": "#f3f4f6", "base": "#ffffff", "alt_base": "#f8fafc",
    "button": "#eef0f3", "highlight": "#2563eb", "highlighted_text": "#ffffff",
    "inactive_highlight": "#c7d7f5", "inactive_highlighted_text": "#1f2937", "tooltip": "#fffdf2",
    "placeholder": "#8a919c", "mid": "#d1d5db", "midlight": "#e5e7eb", "disabled": "#7b828e",
    "disabled_base": "#f3f4f6", "banner": "#fff3cd", "banner_text": "#5c4400", "warning_text": "#8a5a00",
    "heading": "#111827", "pane_title": "#4b5563", "read_only_base": "#f3f4f6", "link": "#1d4ed8",
}
_DARK = {
    "text": "#e5e7eb", "muted": "#a8afba", "window": "#1f2227", "base": "#17191d", "alt_base": "#1d2025",
    "button": "#2b2f36", "highlight": "#3b82f6", "highlighted_text": "#ffffff",
    "inactive_highlight": "#2c4a7a", "inactive_highlighted_text": "#e5e7eb", "tooltip": "#2b2f36",
    "placeholder": "#8b929d", "mid": "#3a3f47", "midlight": "#30343b", "disabled": "#878e99",
    "disabled_base": "#23262b", "banner": "#4a3a0c", "banner_text": "#ffe8a3", "warning_text": "#fbbf24",
    "heading": "#f3f4f6", "pane_title": "#aab1bc", "read_only_base": "#23262b", "link": "#8ab4ff",
}

# The colours in use (light until `apply` finds the system dark); read when a widget is made.
TEXT = MUTED = WINDOW = BASE = ALT_BASE = BUTTON = HIGHLIGHT = BANNER = BANNER_TEXT = WARNING_TEXT = QColor()
_scheme: dict[str, str] = _LIGHT
dark = False


def _c(name: str) -> QColor:
    return QColor(_scheme[name])


def use_scheme(is_dark: bool) -> None:
    """Choose the light or dark colours, here and in `colors` (before the window is built)."""
    global _scheme, dark, TEXT, MUTED, WINDOW, BASE, ALT_BASE, BUTTON, HIGHLIGHT, BANNER, BANNER_TEXT, WARNING_TEXT
    from workbench.ui import colors

    dark = is_dark
    _scheme = _DARK if is_dark else _LIGHT
    TEXT, MUTED, WINDOW, BASE, ALT_BASE = _c("text"), _c("muted"), _c("window"), _c("base"), _c("alt_base")
    BUTTON, HIGHLIGHT, BANNER = _c("button"), _c("highlight"), _c("banner")
    BANNER_TEXT, WARNING_TEXT = _c("banner_text"), _c("warning_text")
    colors.use_scheme(is_dark)


use_scheme(False)


_system_window: QColor | None = None  # the system palette's window colour, before ours replaced it


def system_is_dark(app: QApplication) -> bool:
    """Whether the system asks for dark: its colour scheme, or else its own palette."""
    global _system_window
    if _system_window is None:
        _system_window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return _system_window.lightness() < 128


def apply(app: QApplication, *, dark_scheme: bool | None = None) -> None:
    """Fusion (the same on Windows, macOS and Linux, so colours keep their meaning) and a light
    or dark palette: the system's choice unless *dark_scheme* says."""
    use_scheme(system_is_dark(app) if dark_scheme is None else dark_scheme)
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
        p.setColor(group, QPalette.ColorRole.BrightText, _c("heading"))
        p.setColor(group, QPalette.ColorRole.Highlight, HIGHLIGHT)
        p.setColor(group, QPalette.ColorRole.HighlightedText, _c("highlighted_text"))
        p.setColor(group, QPalette.ColorRole.ToolTipBase, _c("tooltip"))
        p.setColor(group, QPalette.ColorRole.ToolTipText, TEXT)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, _c("placeholder"))
        p.setColor(group, QPalette.ColorRole.Mid, _c("mid"))
        p.setColor(group, QPalette.ColorRole.Midlight, _c("midlight"))
        p.setColor(group, QPalette.ColorRole.Link, _c("link"))
    # Selection in lists stays readable when the window loses focus.
    p.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, _c("inactive_highlight"))
    p.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, _c("inactive_highlighted_text"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.PlaceholderText):
        p.setColor(QPalette.ColorGroup.Disabled, role, _c("disabled"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, _c("disabled_base"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window, WINDOW)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, BUTTON)
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
    color(label, _c("pane_title"))


def heading(label: QLabel, scale: float = 1.25) -> None:
    _font(label, scale=scale, bold=True)
    color(label, _c("heading"))


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
    palette.setColor(QPalette.ColorRole.Base, _c("read_only_base") if read_only else BASE)
    widget.setPalette(palette)
