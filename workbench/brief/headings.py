"""Headings that are also PDF bookmarks and link targets."""

from __future__ import annotations

from workbench.brief import fonts, markup
from workbench.brief.para import Para


class Heading(Para):
    """A heading that is also a bookmark in the PDF outline and a link target."""

    def __init__(self, text: str, style, key: str, level: int, outline_title: str | None = None) -> None:
        super().__init__(f'<a name="{key}"/>{text}', style)
        title = " ".join(fonts.clean(outline_title if outline_title is not None else text).split())
        self.outline = (key, title, level)


def heading(title: str, style, key: str, level: int, number: str = "") -> Heading:
    """A heading from plain (user) text, escaped, with an optional section number."""
    shown = markup.text(title, fonts.SANS, newlines=False, bold=True)
    if number:
        shown = f'<font color="#5b6470">{number}</font>\u2002{shown}'
    return Heading(shown, style, key, level, f"{number} {title}".strip())
