"""Paragraph that remembers its last layout, so wrapping it twice at one width costs once.

Platypus wraps a flowable more than once (KeepTogether measures its contents, frames
measure before drawing); line breaking is most of the export time, and its result depends
only on the width.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph


class Para(Paragraph):
    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # reportlab drops blPara when it splits or resets a paragraph: then wrap again
        if self._wrapped_at == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size
