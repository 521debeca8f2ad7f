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


class Utf16Map:
    """Maps Python offsets of one text to Qt positions and back, in O(log n) per call."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Python indexes of astral characters; empty (and every call cheap) for most texts.
        if len(text.encode("utf-16-le")) == 2 * len(text):
            self._astral: list[int] = []
        else:
            self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # The Qt position at which each astral character starts.
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    @property
    def trivial(self) -> bool:
        """True when Python offsets and Qt positions coincide."""
        return not self._astral

    def to_qt(self, index: int) -> int:
        """Qt position of Python offset *index* (0..len(text))."""
        index = max(0, min(index, self._length))
        return index + bisect_left(self._astral, index)

    def to_py(self, pos: int) -> int:
        """Python offset of Qt position *pos*; a position inside a surrogate pair rounds down."""
        pos = max(0, pos)
        # Astral characters starting before pos each add one extra Qt unit.
        n = bisect_right(self._astral_qt, pos - 1)
        index = pos - n
        if n and self._astral_qt[n - 1] + 1 == pos:
            index = self._astral[n - 1]  # pos fell between the two halves of a pair
        return max(0, min(index, self._length))
