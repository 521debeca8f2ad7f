"""Converting between Python string offsets and Qt text positions.

The store anchors excerpts by Python offsets (code points). Qt counts UTF-16 code units, so
every character outside the Basic Multilingual Plane (emoji, rare Hangul and CJK) takes two
positions in a QTextDocument and one in Python. The reader also shows a lightly normalised text
(see `display_text`) whose Python length equals the source's, so only the UTF-16 shift remains.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


def display_text(text: str) -> str:
    """The text as the reader shows it: same length, but no carriage returns.

    QTextDocument turns "\\r\\n" into one block break, which would shift every later position;
    replacing "\\r" of a pair with a space and a lone "\\r" with "\\n" keeps offsets aligned.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


# Qt lays out one paragraph as a whole, and a run of characters with no place to break costs
# it far more than linear time (a 500 KB run without spaces took 15 s to show). Runs longer
# than this get a line break inserted every SOFT_BREAK characters, for display only.
SOFT_BREAK = 2000


def soft_breaks(text: str, limit: int = SOFT_BREAK) -> list[int]:
    """Python offsets before which the reader inserts a line break: inside every run of more
    than *limit* characters without white space, one every *limit* characters."""
    import re  # compiled once and cached by re

    out: list[int] = []
    for m in re.finditer(rf"\S{{{limit + 1},}}", text):
        out.extend(range(m.start() + limit, m.end(), limit))
    return out


def with_breaks(text: str, breaks: list[int]) -> str:
    """*text* with a newline inserted before each offset of *breaks* (ascending)."""
    if not breaks:
        return text
    parts, last = [], 0
    for k in breaks:
        parts.append(text[last:k])
        last = k
    parts.append(text[last:])
    return "\n".join(parts)


class Utf16Map:
    """Maps Python offsets of one text to Qt positions and back, in O(log n) per call.

    *breaks* are offsets before which the view inserted a line break of its own (see
    soft_breaks): each takes one Qt position that maps back to the offset after it."""

    def __init__(self, text: str, breaks: list[int] | tuple[int, ...] = ()) -> None:
        self._length = len(text)
        # Python indexes of astral characters; empty (and every call cheap) for most texts.
        if len(text.encode("utf-16-le")) == 2 * len(text):
            self._astral: list[int] = []
        else:
            self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._breaks = list(breaks)
        # Every extra Qt unit in order: (the offset it follows, whether it is a break).
        # An astral character's second unit follows offset a + 1's start; a break sits at k.
        extras = sorted([(a + 1, 0) for a in self._astral] + [(k, 1) for k in self._breaks])
        self._unit_qt = [b + n for n, (b, _kind) in enumerate(extras)]
        self._unit = extras

    @property
    def trivial(self) -> bool:
        """True when Python offsets and Qt positions coincide."""
        return not self._astral and not self._breaks

    def to_qt(self, index: int) -> int:
        """Qt position of Python offset *index* (0..len(text))."""
        index = max(0, min(index, self._length))
        return index + bisect_left(self._astral, index) + bisect_right(self._breaks, index)

    def to_py(self, pos: int) -> int:
        """Python offset of Qt position *pos*; a position inside a surrogate pair rounds down,
        one on an inserted break maps to the offset after it."""
        pos = max(0, pos)
        n = bisect_left(self._unit_qt, pos)  # extra units before pos
        index = pos - n
        if n < len(self._unit_qt) and self._unit_qt[n] == pos and self._unit[n][1] == 0:
            index -= 1  # pos fell between the two halves of a pair
        return max(0, min(index, self._length))
