"""The few colours that carry meaning in the window: cell status, coverage, highlights."""

from __future__ import annotations

from PySide6.QtGui import QColor

# Each table has a light and a dark version; `use_scheme` puts one in place, before the window
# is built (delegates and views read these names when they paint).
_LIGHT = {
    # Status: grey (nothing yet) -> amber (draft) -> blue (in review) -> green (final).
    "status_fill": {"empty": "#f6f7f9", "draft": "#fff4dc", "review": "#e3efff", "final": "#e2f4e6"},
    "status_accent": {"empty": "#c9ced6", "draft": "#e0a030", "review": "#3d7fd9", "final": "#2f9e55"},
    # Coverage: no candidate evidence / candidates but little cited / well supported.
    "coverage_fill": {"none": "#eceef1", "thin": "#ffe3cf", "some": "#fff6c8", "good": "#d5f0dc"},
    "search_hit": "#ffe680", "cited": "#cfe3ff", "cited_underline": "#3d7fd9", "jump": "#ffb74d",
    "muted_text": "#5f6672", "dispute": "#c2410c",
}
# Dark: deep tints of the same hues, so the palette's light text stays readable on them.
_DARK = {
    "status_fill": {"empty": "#2a2e35", "draft": "#4a3914", "review": "#1f3656", "final": "#1f4029"},
    "status_accent": {"empty": "#6b7280", "draft": "#e0a030", "review": "#5b9cf0", "final": "#3fbf6a"},
    "coverage_fill": {"none": "#2c3036", "thin": "#52301c", "some": "#4a4418", "good": "#1f4a2c"},
    "search_hit": "#6b5600", "cited": "#1f3f6b", "cited_underline": "#7fb0ff", "jump": "#8a4a00",
    "muted_text": "#b4bac4", "dispute": "#fb923c",
}

STATUS_FILL: dict[str, QColor] = {}
STATUS_ACCENT: dict[str, QColor] = {}
COVERAGE_FILL: dict[str, QColor] = {}
SEARCH_HIT = QColor()
CITED = QColor()
CITED_UNDERLINE = QColor()
JUMP = QColor()
MUTED_TEXT = QColor()
DISPUTE = QColor()  # the corner mark of a cell two analysts judged differently


def use_scheme(dark: bool) -> None:
    """Put the light or dark colours in place (the same objects: holders of them see the change)."""
    table = _DARK if dark else _LIGHT
    for target, key in ((STATUS_FILL, "status_fill"), (STATUS_ACCENT, "status_accent"),
                        (COVERAGE_FILL, "coverage_fill")):
        for name, value in table[key].items():
            target[name] = _set(target.get(name), value)
    for color, key in ((SEARCH_HIT, "search_hit"), (CITED, "cited"), (CITED_UNDERLINE, "cited_underline"),
                       (JUMP, "jump"), (MUTED_TEXT, "muted_text"), (DISPUTE, "dispute")):
        _set(color, table[key])


def _set(color: QColor | None, value: str) -> QColor:
    color = color if color is not None else QColor()
    color.setRgba(QColor(value).rgba())
    return color


use_scheme(False)


def coverage_level(candidates: int, cited: int) -> str:
    """How well supported a cell is, from its candidate sentences and its cited excerpts."""
    if cited >= 3:
        return "good"
    if cited:
        return "some"
    return "thin" if candidates else "none"

# Admiralty reliability: greens for A-B, amber for C, reds for D-E, grey for F (cannot be judged).
GRADE_FILL = {
    "A": QColor("#1f8a4c"),
    "B": QColor("#4caf6e"),
    "C": QColor("#d9a21b"),
    "D": QColor("#e07b39"),
    "E": QColor("#c9452f"),
    "F": QColor("#9aa1ab"),
}
