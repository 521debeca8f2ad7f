"""Markdown to HTML for the cell preview, made safe for a Qt rich-text view.

Python-Markdown does not sanitise: raw HTML passes through and images become <img> tags that Qt
would load from file: URLs. Here raw HTML is escaped (shown as typed), images are not made at
all, and links keep only http, https and mailto targets. Input that would make the parser
quadratic (thousands of '[' in one paragraph) is refused up front so that the caller shows plain
text instead. Pure Python; the window runs it off the UI thread.
"""

from __future__ import annotations

import html
import re

MAX_CHARS = 100_000  # beyond this the preview shows plain text
MAX_BRACKETS_PER_BLOCK = 400  # link parsing is quadratic in '[' within one paragraph
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_BLOCKS = re.compile(r"\n\s*\n")
# Entities a user typed pass through Python-Markdown; show them as typed instead.
_TYPED_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot);)(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


class TooComplex(ValueError):
    """The text is too large or too tangled to render as Markdown in reasonable time."""


def check_renderable(text: str) -> None:
    """Raise TooComplex for input the Markdown parser would take too long on."""
    if len(text) > MAX_CHARS:
        raise TooComplex(f"The text is longer than {MAX_CHARS:,} characters.")
    if text.count("[") <= MAX_BRACKETS_PER_BLOCK:
        return
    for block in _BLOCKS.split(text):
        if block.count("[") > MAX_BRACKETS_PER_BLOCK:
            raise TooComplex("The text has too many '[' in one paragraph to render.")


def plain_html(text: str) -> str:
    """The text escaped and kept as typed, for when Markdown is not rendered."""
    return f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"


def _make_converter():  # -> markdown.Markdown
    import markdown  # imported here: the module is not needed at start-up
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class _SafeLinks(Treeprocessor):
        def run(self, root) -> None:  # root: xml.etree.ElementTree.Element
            for a in root.iter("a"):
                href = (a.get("href") or "").strip()
                if not href.lower().startswith(SAFE_SCHEMES):
                    a.attrib.pop("href", None)
                    a.tag = "span"
                a.attrib.pop("title", None)

    class _NoRawHtmlNoImages(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.preprocessors.deregister("html_block")
            for name in ("html", "image_link", "image_reference", "short_image_ref"):
                md.inlinePatterns.deregister(name)
            md.treeprocessors.register(_SafeLinks(md), "safe_links", 1)

    return markdown.Markdown(extensions=[_NoRawHtmlNoImages(), "sane_lists"], output_format="html")


def render(text: str) -> str:
    """Safe HTML for *text*; raises TooComplex when plain text should be shown instead."""
    check_renderable(text)
    # A fresh converter per call: Markdown objects keep state and are not thread-safe.
    return _TYPED_ENTITY.sub(r"&amp;\1;", _make_converter().convert(text))
