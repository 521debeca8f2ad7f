"""Markdown (user text) to platypus flowables that split across pages.

Lists, quotes and code become indented paragraphs rather than nested containers, so a list
item or a cell longer than a page still breaks between pages. Text longer than
MAX_MARKDOWN is not parsed at all: it prints as plain paragraphs, which keeps a pasted
megabyte from costing more than its own length.
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable, Spacer

from workbench.brief import fonts, markup, md_blocks
from workbench.brief.md_inline import to_markup
from workbench.brief.styles import MUTED, RULE, TINT, Styles
from workbench.brief.para import Para

MAX_MARKDOWN = 100_000  # characters; longer text prints as plain paragraphs
PLAIN_CHUNK = 3_000  # characters per plain paragraph (reportlab re-scans a paragraph per split)
TABLE_CELL_LIMIT = 1_200  # a table row cannot split, so its cells are kept short
MAX_TABLE_COLUMNS = 10
INDENT = 5 * mm


def flowables(text: str, styles: Styles, width: float, style_name: str = "body") -> list[Flowable]:
    """The flowables of a Markdown text (empty text gives none)."""
    if not text.strip():
        return []
    style = getattr(styles, style_name)
    if len(text) > MAX_MARKDOWN:
        return plain(text, style)
    return _Renderer(styles, width, style).blocks(md_blocks.parse(text), 0.0)


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


class _Renderer:
    def __init__(self, styles: Styles, width: float, style) -> None:
        self.styles = styles
        self.width = width
        self.style = style

    def para(self, source: str, style, bullet: str | None = None, bold: bool = False) -> Paragraph:
        try:
            m = to_markup(source)
            return Para(markup.embolden(f"<b>{m}</b>") if bold else m, style, bulletText=bullet)
        except ValueError:  # markup we could not balance: print the text as typed
            return Para(markup.text(source), style, bulletText=bullet)

    def blocks(self, blocks: list[md_blocks.Block], indent: float) -> list[Flowable]:
        out: list[Flowable] = []
        for b in blocks:
            out.extend(self.block(b, indent))
        return out

    def block(self, b: md_blocks.Block, indent: float) -> list[Flowable]:
        if b.kind == "para":
            return [self.para(b.text, _indented(self.style, indent))]
        if b.kind == "heading":
            size = {1: 11.5, 2: 10.5}.get(b.level, 9.5)
            h = _indented(self.styles.h3, indent, fontSize=size, leading=size * 1.3)
            return [self.para(b.text, h, bold=True)]
        if b.kind == "rule":
            return [HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=3, spaceAfter=5)]
        if b.kind == "code":
            return self.code(b.text, indent)
        if b.kind == "quote":
            return self.quote(b, indent)
        if b.kind == "list":
            return self.list(b, indent)
        return self.table(b, indent)

    def list(self, b: md_blocks.Block, indent: float) -> list[Flowable]:
        out: list[Flowable] = []
        step = INDENT + (2 * mm if b.ordered else 0)
        for n, item in enumerate(b.items, b.start):
            bullet = f"{n}." if b.ordered else ("•", "◦", "▪")[int(indent // INDENT) % 3]
            first, rest = (item[0], item[1:]) if item and item[0].kind == "para" else (None, item)
            style = _indented(self.style, indent + step, bulletIndent=indent, spaceAfter=1.5,
                              bulletFontName=fonts.SYMBOLS if not b.ordered else self.style.fontName)
            out.append(self.para(first.text if first else "", style, bullet))
            out.extend(self.blocks(rest, indent + step))
        if out:
            out.append(Spacer(1, 2.5))
        return out

    def quote(self, b: md_blocks.Block, indent: float) -> list[Flowable]:
        saved = self.style
        self.style = _indented(saved, 0, textColor=MUTED, fontName=fonts.face_names(fonts.SERIF)[2])
        try:
            return self.blocks(b.children, indent + INDENT)
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

    def table(self, b: md_blocks.Block, indent: float) -> list[Flowable]:
        rows = [r[:MAX_TABLE_COLUMNS] for r in b.rows]
        ncols = len(rows[0])
        head = _indented(self.styles.cell, 0, fontName=self.styles.sans_bold())
        data = []
        for r, row in enumerate(rows):
            style = head if r == 0 else self.styles.cell
            data.append([self.para(markup.shorten(c, TABLE_CELL_LIMIT), style, bold=r == 0) for c in row])
        width = self.width - indent
        table = Table(data, colWidths=[width / ncols] * ncols, repeatRows=1, hAlign="LEFT")
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
