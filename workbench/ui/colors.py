"""The few colours that carry meaning in the window: cell status, coverage, highlights."""

from __future__ import annotations

from PySide6.QtGui import QColor

# Status: grey (nothing yet) -> amber (draft) -> blue (in review) -> green (final).
STATUS_FILL = {
    "empty": QColor("#f6f7f9"),
    "draft": QColor("#fff4dc"),
    "review": QColor("#e3efff"),
    "final": QColor("#e2f4e6"),
}
STATUS_ACCENT = {
    "empty": QColor("#c9ced6"),
    "draft": QColor("#e0a030"),
    "review": QColor("#3d7fd9"),
    "final": QColor("#2f9e55"),
}

# Coverage: no candidate evidence / candidates but little cited / well supported.
COVERAGE_FILL = {
    "none": QColor("#eceef1"),
    "thin": QColor("#ffe3cf"),
    "some": QColor("#fff6c8"),
    "good": QColor("#d5f0dc"),
}

SEARCH_HIT = QColor("#ffe680")
CITED = QColor("#cfe3ff")
CITED_UNDERLINE = QColor("#3d7fd9")
JUMP = QColor("#ffb74d")
MUTED_TEXT = QColor("#6b7280")
DISPUTE = QColor("#c2410c")  # the corner mark of a cell two analysts judged differently


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
