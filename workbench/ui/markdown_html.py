"""Markdown to HTML for the cell preview, from the same parser and tree the brief prints.

md_tree (Python-Markdown, made safe) does the parsing: raw HTML and typed entities stay text,
images become "[image: ALT]", and links keep only http, https and mailto targets. Input that
would make the parser slow is refused up front (TooComplex) so that the caller shows plain
text instead. Pure Python; the window runs it off the UI thread.
"""

from __future__ import annotations

import html

from workbench.brief.md_tree import MAX_BRACKETS_PER_BLOCK, MAX_CHARS, SAFE_SCHEMES, TooComplex, check_renderable
from workbench.brief.md_tree import to_html

__all__ = ["MAX_BRACKETS_PER_BLOCK", "MAX_CHARS", "SAFE_SCHEMES", "TooComplex", "check_renderable",
           "plain_html", "render"]


def plain_html(text: str) -> str:
    """The text escaped and kept as typed, for when Markdown is not rendered."""
    return f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"


def render(text: str) -> str:
    """Safe HTML for *text*; raises TooComplex when plain text should be shown instead."""
    return to_html(text)
