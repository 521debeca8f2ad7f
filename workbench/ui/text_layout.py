"""Fitting text into a painted rectangle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics


def elide_lines(text: str, fm: QFontMetrics, width: int, lines: int) -> str:
    """Word-wrap *text* into at most *lines* lines of *width*, eliding the last one."""
    words = text[: 40 * max(1, width // 4) * lines].split()  # only what can ever show
    out: list[str] = []
    current = ""
    for n, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if fm.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        if len(out) == lines - 1:  # last line: the rest goes on it, elided
            current = " ".join([current, *words[n:]])
            break
        out.append(current)
        current = word
    out.append(fm.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return "\n".join(out)


def small_font(font: QFont) -> QFont:
    """The smaller font of an item's second line (source, credibility, counts); never below 7 pt."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
    return small
