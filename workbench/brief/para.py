"""Paragraph that remembers its last layout, so wrapping it twice at one width costs once.

Platypus wraps a flowable more than once (KeepTogether measures its contents, frames
measure before drawing); line breaking is most of the export time, and its result depends
only on the width. A paragraph with Arabic or Hebrew is shaped, and its lines are put in
display order after they are broken.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph

from workbench.brief.bidi_lines import reorder_lines
from workbench.brief.markup import RTL

_shaped_styles: dict[int, object] = {}


class Para(Paragraph):
    _wrapped_at: float | None = None

    def __init__(self, text: str, style=None, *args, **kwargs) -> None:
        # Arabic and Hebrew need HarfBuzz shaping (joined letters, right-to-left words);
        # only paragraphs that hold such text pay for it.
        if style is not None and text and RTL.search(text):
            shaped = _shaped_styles.get(id(style))
            if shaped is None or shaped.parent is not style:
                shaped = _shaped_styles[id(style)] = style.clone(f"{style.name}+shaped", parent=style, shaping=1)
            style = shaped
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # reportlab drops blPara when it splits or resets a paragraph: then wrap again
        if self._wrapped_at == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def breakLines(self, width):
        lines = super().breakLines(width)
        if getattr(self.style, "shaping", 0) and lines.kind == 1:
            # broken in reading order; now each line's words in display order
            reorder_lines(lines.lines)
        return lines
