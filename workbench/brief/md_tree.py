"""The one Markdown parser: Python-Markdown's element tree, made safe, for preview, PDF and Word.

The cell preview serialises the tree to HTML; the PDF walks it into flowables and the Word
brief into paragraphs, so what the analyst previews is what prints.

Python-Markdown does not sanitise, so here: raw HTML and entities stay text as typed, an image
becomes the words "[image: ALT]", and links keep only http(s) and mailto targets (others
print as their text).
Input it would take too long on (it is quadratic in '[' within one paragraph, and deep
nesting recurses) is refused up front with TooComplex: callers then print plain text.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET

MAX_CHARS = 100_000  # beyond this, Markdown is not parsed (plain text costs only its length)
MAX_BRACKETS_PER_BLOCK = 400  # link parsing is quadratic in '[' within one paragraph
MAX_NESTING = 12  # quote/list markers at the start of one line
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_BLOCKS = re.compile(r"\n\s*\n")
_DEEP = re.compile(r"^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])){%d}" % MAX_NESTING, re.MULTILINE)
_PLACEHOLDER = re.compile("\x02[^\x02\x03]{0,40}\x03")
_CODE_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


class TooComplex(ValueError):
    """The text is too large or too tangled to parse as Markdown in reasonable time."""


def check_renderable(text: str) -> None:
    """Raise TooComplex for input the parser would take too long on."""
    if len(text) > MAX_CHARS:
        raise TooComplex(f"The text is longer than {MAX_CHARS:,} characters.")
    if text.count("[") > MAX_BRACKETS_PER_BLOCK:
        for block in _BLOCKS.split(text):
            if block.count("[") > MAX_BRACKETS_PER_BLOCK:
                raise TooComplex("The text has too many '[' in one paragraph to render.")
    if _DEEP.search(text):
        raise TooComplex("The text is nested too deeply to render.")


def _converter():  # -> markdown.Markdown
    import markdown  # imported here: the window does not need it at start-up
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class _Safe(Treeprocessor):
        """Runs last: drop unsafe links, unescape code text, keep the tree for the caller."""

        def run(self, root: ET.Element) -> None:
            for el in root.iter():
                if el.tag == "a":
                    href = (el.get("href") or "").strip()
                    if not href.lower().startswith(SAFE_SCHEMES):
                        el.attrib.pop("href", None)
                        el.tag = "span"
                    el.attrib.pop("title", None)
                elif el.tag == "img":  # never an image from user text: its description instead
                    alt = " ".join((el.get("alt") or "").split())
                    el.attrib.clear()
                    el.tag = "span"
                    el.text = f"[image: {alt}]" if alt else "[image]"
                elif el.tag == "code" and el.text:
                    for escaped, char in _CODE_ESCAPES:
                        el.text = el.text.replace(escaped, char)
                # Stashed fragments are never used here: a leftover marker is removed.
                if el.text and "\x02" in el.text:
                    el.text = _PLACEHOLDER.sub("", el.text)
                if el.tail and "\x02" in el.tail:
                    el.tail = _PLACEHOLDER.sub("", el.tail)
            self.md.tree = root

    class _SafeMarkdown(Extension):
        def extendMarkdown(self, md) -> None:
            md.preprocessors.deregister("html_block")
            for name in ("html", "entity", "automail"):
                md.inlinePatterns.deregister(name)
            md.treeprocessors.register(_Safe(md), "workbench_safe", -10)

    return markdown.Markdown(extensions=[_SafeMarkdown(), "sane_lists", "tables"], output_format="html")


_local = threading.local()


def parse(text: str) -> ET.Element:
    """The element tree of *text* (a <div> root); TooComplex when it should print as plain text."""
    check_renderable(text)
    # One converter per thread, reset between texts: Markdown objects keep state and are not
    # thread-safe, and making one (loading its extensions) costs more than a short cell.
    md = getattr(_local, "converter", None)
    if md is None:
        md = _local.converter = _converter()
    md.reset()
    md.tree = None
    html = md.convert(text)
    root = md.tree if md.tree is not None else ET.Element("div")
    return root if html or len(root) else ET.Element("div")


def parse_parts(text: str) -> list[tuple[ET.Element | None, str]]:
    """(tree, text) parts of *text*: the whole tree when it parses; else one part per block
    (blank-line separated), a block the parser would be slow on given as (None, its text)."""
    try:
        return [(parse(text), text)]
    except TooComplex:
        if len(text) > MAX_CHARS:
            return [(None, text)]
    parts: list[tuple[ET.Element | None, str]] = []
    for block in _BLOCKS.split(text):
        if not block.strip():
            continue
        try:
            parts.append((parse(block), block))
        except TooComplex:
            parts.append((None, block))
    return parts


def to_html(text: str) -> str:
    """Safe HTML of *text* from the same tree the brief prints (TooComplex as for parse)."""
    root = parse(text)
    parts = [ET.tostring(child, encoding="unicode", method="html") for child in root]
    return "\n".join(parts)


def plain_text(el: ET.Element) -> str:
    """All text inside *el*, as the reader sees it (line breaks kept)."""
    out: list[str] = []

    def walk(e: ET.Element) -> None:
        if e.tag == "br":
            out.append("\n")
        if e.text:
            out.append(e.text)
        for child in e:
            walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return "".join(out)
