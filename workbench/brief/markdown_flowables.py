"""Markdown (user text) to platypus flowables that split across pages.

The text is parsed once by md_tree (Python-Markdown, the parser the cell preview uses) and its
element tree is walked here. Lists, quotes and code become indented paragraphs rather than
nested containers, so a list item or a cell longer than a page still breaks between pages.
Text md_tree refuses (over MAX_CHARS, or tangled enough to make the parser slow) prints as
plain paragraphs, which keeps a pasted megabyte from costing more than its own length.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable, Spacer

from workbench.brief import fonts, markup, md_tree
from workbench.brief.para import Para
from workbench.brief.styles import LINK, MUTED, RULE, TINT, Styles

MAX_MARKDOWN = md_tree.MAX_CHARS  # characters; longer text prints as plain paragraphs
PLAIN_CHUNK = 3_000  # characters per plain paragraph (reportlab re-scans a paragraph per split)
TABLE_CELL_LIMIT = 1_200  # a table row cannot split, so its cells are kept short
MAX_TABLE_COLUMNS = 10
MAX_INDENT_LEVELS = 8  # deeper lists and quotes print at this indent
INDENT = 5 * mm
_LINK_COLOUR = LINK.hexval().replace("0x", "#")
# Characters (or line starts) that can make Markdown; a text without any is plain as it is.
_MARKDOWN_CHARS = re.compile(r"[*_`\\\[<>#|~!]|^\s*(?:[-+=]|\d+[.)])|  \n", re.MULTILINE)
_HEADINGS = {"h1": 11.5, "h2": 10.5, "h3": 9.5, "h4": 9.5, "h5": 9.5, "h6": 9.5}


def flowables(text: str, styles: Styles, width: float, style_name: str = "body") -> list[Flowable]:
    """The flowables of a Markdown text (empty text gives none)."""
    if not text.strip():
        return []
    style = getattr(styles, style_name)
    renderer = _Renderer(styles, width, style)
    out: list[Flowable] = []
    for root, source in md_tree.parse_parts(text):
        out.extend(plain(source, style) if root is None else renderer.blocks(root, 0))
    return out


def inline(text: str, base: str = fonts.SERIF) -> str:
    """Inline Markdown of one paragraph (emphasis, code; links as text) as Paragraph markup.

    Used for quoted evidence: a source written in Markdown prints its emphasis, not '**'.
    Anything that would parse as more than one plain paragraph (a quote opening with
    "1984. " would become a list) prints exactly as quoted instead.
    """
    if not _MARKDOWN_CHARS.search(text):
        return markup.text(text, base)  # most quotes: nothing to parse
    try:
        root = md_tree.parse(text)
    except md_tree.TooComplex:
        return markup.text(text, base)
    if len(root) != 1 or root[0].tag != "p":
        return markup.text(text, base)
    out = _markup(root[0], base, links=False)
    return markup.embolden(out) if "<b>" in out else out


def plain(text: str, style, prefix: str = "") -> list[Flowable]:
    """Text as escaped paragraphs (split at blank lines, then into bounded chunks).

    *prefix* is markup of ours put at the start of the first paragraph."""
    out: list[Flowable] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip("\n")
        while block:
            cut = _cut(block, PLAIN_CHUNK)
            out.append(Para(("" if out else prefix) + markup.text(block[:cut]), style))
            block = block[cut:].lstrip("\n")
    return out or [Para(prefix, style)]


def _cut(text: str, limit: int) -> int:
    if len(text) <= limit:
        return len(text)
    for sep in ("\n", " "):
        at = text.rfind(sep, limit // 2, limit)
        if at > 0:
            return at + 1
    return limit


def _indented(style, indent: float, **extra):
    if not indent and not extra:
        return style
    return style.clone(f"{style.name}+{indent:g}", leftIndent=style.leftIndent + indent, **extra)


def _markup(el: ET.Element, base: str, *, links: bool = True) -> str:
    """The inline content of *el* as safe Paragraph markup (every text escaped)."""
    parts: list[str] = []
    if el.text:
        parts.append(markup.text(el.text, base, newlines=False))
    for child in el:
        tag = child.tag
        if tag == "br":
            parts.append("<br/>")
        elif tag in ("strong", "b"):
            parts.append(f"<b>{_markup(child, base, links=links)}</b>")
        elif tag in ("em", "i"):
            parts.append(f"<i>{_markup(child, base, links=links)}</i>")
        elif tag in ("del", "s"):
            parts.append(f"<strike>{_markup(child, base, links=links)}</strike>")
        elif tag == "code":
            body = markup.text(" ".join(md_tree.plain_text(child).split("\n")), fonts.MONO, newlines=False)
            parts.append(f'<font name="{fonts.MONO}">{body}</font>')
        elif tag == "a":
            parts.append(_link(child, base, links))
        elif tag in ("ul", "ol", "blockquote", "pre", "table"):
            parts.append(markup.text(" " + md_tree.plain_text(child), base, newlines=False))
        else:  # span, p inside a list item, and anything unexpected: its content
            parts.append(_markup(child, base, links=links))
        if child.tail:
            parts.append(markup.text(child.tail, base, newlines=False))
    return "".join(parts)


def _link(el: ET.Element, base: str, links: bool) -> str:
    url = el.get("href", "")
    label = _markup(el, base, links=False)
    shown = markup.text(url, base, newlines=False)
    tail = "" if label == shown or not url else f' <font color="#5b6470">({shown})</font>'
    if links and url.lower().startswith(md_tree.SAFE_SCHEMES):
        return f'<a href="{markup.attr(url)}" color="{_LINK_COLOUR}">{label}</a>{tail}'
    return f"{label}{tail}"


class _Renderer:
    def __init__(self, styles: Styles, width: float, style) -> None:
        self.styles = styles
        self.width = width
        self.style = style

    def para(self, el: ET.Element, style, bullet: str | None = None, bold: bool = False) -> Paragraph:
        m = _markup(el, style.fontName if style.fontName in fonts.FAMILIES else fonts.SERIF)
        if bold:
            m = f"<b>{m}</b>"
        if "<b>" in m:
            m = markup.embolden(m)
        return Para(m, style, bulletText=bullet)

    def blocks(self, parent: ET.Element, indent: float) -> list[Flowable]:
        out: list[Flowable] = []
        for el in parent:
            out.extend(self.block(el, indent))
        return out

    def block(self, el: ET.Element, indent: float) -> list[Flowable]:
        tag = el.tag
        if tag == "p":
            return [self.para(el, _indented(self.style, indent))]
        if tag in _HEADINGS:
            size = _HEADINGS[tag]
            return [self.para(el, _indented(self.styles.h3, indent, fontSize=size, leading=size * 1.3), bold=True)]
        if tag == "hr":
            return [HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=3, spaceAfter=5)]
        if tag == "pre":
            return self.code(md_tree.plain_text(el).rstrip("\n"), indent)
        if tag == "blockquote":
            return self.quote(el, indent)
        if tag in ("ul", "ol"):
            return self.list(el, indent, tag == "ol")
        if tag == "table":
            return self.table(el, indent)
        return [self.para(el, _indented(self.style, indent))]

    def _deeper(self, indent: float, step: float) -> float:
        return indent + step if indent < MAX_INDENT_LEVELS * INDENT else indent

    def list(self, el: ET.Element, indent: float, ordered: bool) -> list[Flowable]:
        out: list[Flowable] = []
        step = INDENT + (2 * mm if ordered else 0)
        inner = self._deeper(indent, step)
        try:
            start = int(el.get("start", "1"))
        except ValueError:
            start = 1
        items = [li for li in el if li.tag == "li"]
        for n, item in enumerate(items, start):
            bullet = f"{n}." if ordered else ("•", "◦", "▪")[int(indent // INDENT) % 3]
            style = _indented(self.style, inner, bulletIndent=inner - step, spaceAfter=1.5,
                              bulletFontName=fonts.SYMBOLS if not ordered else self.style.fontName)
            lead, rest = _split_item(item)
            out.append(self.para(lead, style, bullet))
            for child in rest:
                out.extend(self.block(child, inner))
        if out:
            out.append(Spacer(1, 2.5))
        return out

    def quote(self, el: ET.Element, indent: float) -> list[Flowable]:
        saved = self.style
        self.style = _indented(saved, 0, textColor=MUTED, fontName=fonts.face_names(fonts.SERIF)[2])
        try:
            return self.blocks(el, self._deeper(indent, INDENT))
        finally:
            self.style = saved

    def code(self, text: str, indent: float) -> list[Flowable]:
        out: list[Flowable] = []
        style = _indented(self.styles.code, indent)
        lines = text.split("\n")
        for start in range(0, len(lines), 40):  # bounded paragraphs so long listings split
            chunk = "\n".join(lines[start:start + 40])
            body = markup.text(chunk, fonts.MONO)
            body = re.sub(r"(^|<br/>)( +)", lambda m: m.group(1) + "&nbsp;" * len(m.group(2)), body)
            out.append(Para(body or "&nbsp;", style))
        return out

    def table(self, el: ET.Element, indent: float) -> list[Flowable]:
        rows = [[c for c in tr if c.tag in ("th", "td")][:MAX_TABLE_COLUMNS] for tr in el.iter("tr")]
        rows = [r for r in rows if r]
        if not rows:
            return []
        ncols = max(len(r) for r in rows)
        head = _indented(self.styles.cell, 0, fontName=self.styles.sans_bold())
        data = []
        for r, row in enumerate(rows):
            style = head if row[0].tag == "th" else self.styles.cell
            cells = []
            for c in row:
                short = ET.Element("span")
                short.text = markup.shorten(md_tree.plain_text(c), TABLE_CELL_LIMIT)
                source = c if len(md_tree.plain_text(c)) <= TABLE_CELL_LIMIT else short
                cells.append(self.para(source, style, bold=c.tag == "th"))
            data.append(cells + [""] * (ncols - len(cells)))
        width = self.width - indent
        table = Table(data, colWidths=[width / ncols] * ncols, repeatRows=1 if rows[0][0].tag == "th" else 0,
                      hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), fonts.SANS, 8),  # not the unembedded default
            ("BACKGROUND", (0, 0), (-1, 0), TINT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        return [table, Spacer(1, 4)]


def _split_item(item: ET.Element) -> tuple[ET.Element, list[ET.Element]]:
    """A list item's first line (its text, or its first paragraph) and the blocks after it."""
    lead = ET.Element("span")
    lead.text = item.text
    rest: list[ET.Element] = []
    for child in item:
        if rest or child.tag in ("ul", "ol", "blockquote", "pre", "table", "hr") \
                or (child.tag == "p" and (len(lead) or (lead.text or "").strip())):
            rest.append(child)
        else:
            lead.append(child)
    return lead, rest
