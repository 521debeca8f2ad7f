"""Markdown (user text) into Word paragraphs: the element tree of md_tree walked into python-docx.

Word's own styles carry the structure (List Bullet/Number 1-3, Quote, Table Grid, Heading
3-5), so an office template restyles the brief. Every string is set as run text, which
python-docx writes as XML text: nothing in it can become a field, an image or markup.
Links become hyperlinks only for http(s) addresses; others print as their text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from workbench.brief import fonts, md_tree

MONO = "Consolas"
LINK_COLOUR = RGBColor(0x1F, 0x4E, 0x8C)
LONG_WORD = 200  # characters: longer unbroken runs get break opportunities (bounded layout)
MAX_TABLE_COLUMNS = 10


def literal(text: str) -> str:
    """User text made XML-safe (control characters dropped) with break chances in long words."""
    return wrap_long_words(fonts.clean(text))


def add_paragraph(doc, style: str = "Normal", text: str = "") -> Paragraph:
    """A new paragraph of *style* (a Word style name).

    Naming the style by its id directly: python-docx's own lookup by name scans every style
    of the document for each paragraph, which was a third of a Word export's time.
    """
    para = doc.add_paragraph(text)
    if style != "Normal":
        ids = doc.__dict__.setdefault("_workbench_style_ids", {})
        if style not in ids:
            ids[style] = doc.styles[style].style_id
        para._p.style = ids[style]
    return para


def add_heading(doc, text: str, level: int) -> Paragraph:
    return add_paragraph(doc, f"Heading {level}", text)


def wrap_long_words(text: str) -> str:
    """A zero-width space every LONG_WORD characters of an unbroken run, so that a word
    processor lays out a pasted megabyte without spaces in linear time."""
    if len(text) <= LONG_WORD:
        return text
    out: list[str] = []
    for part in text.split(" "):
        if len(part) > LONG_WORD:
            part = "\u200b".join(part[i:i + LONG_WORD] for i in range(0, len(part), LONG_WORD))
        out.append(part)
    return " ".join(out)


@dataclass
class _Format:
    bold: bool = False
    italic: bool = False
    mono: bool = False
    strike: bool = False


class WordMarkdown:
    """Adds Markdown blocks to a python-docx document (one instance per document)."""

    def __init__(self, document) -> None:
        self.doc = document
        self._numbering_ids: list[int] = []

    # -- entry points --------------------------------------------------------------------

    def add(self, text: str, style: str = "Normal") -> None:
        """Add *text* as Markdown; too-complex text is added as plain paragraphs."""
        if not text.strip():
            return
        for root, source in md_tree.parse_parts(text):
            if root is None:
                self.add_plain(source, style)
                continue
            for el in root:
                self._block(el, style, 0)

    def add_plain(self, text: str, style: str = "Normal", prefix: str = "") -> Paragraph:
        """Text as typed, one paragraph per blank-line-separated block; returns the last one."""
        last = None
        for n, block in enumerate(b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()):
            last = add_paragraph(self.doc, style)
            if prefix and n == 0:
                label = last.add_run(prefix)
                label.bold = True
                label.font.size = Pt(8)
            self.text_runs(last, block.strip("\n"))
        return last if last is not None else add_paragraph(self.doc, style, prefix)

    def text_runs(self, para: Paragraph, text: str, fmt: _Format | None = None) -> None:
        """Plain text as runs, newlines as line breaks."""
        for k, line in enumerate(text.split("\n")):
            if k:
                para.add_run().add_break(WD_BREAK.LINE)
            if line:
                self._run(para, line, fmt or _Format())

    def inline(self, para: Paragraph, text: str) -> None:
        """Inline Markdown (emphasis, code, links) of one line of *text* into *para*."""
        try:
            root = md_tree.parse(text)
        except md_tree.TooComplex:
            self.text_runs(para, text)
            return
        for k, block in enumerate(root):
            if k:
                para.add_run(" ")
            self._inline(para, block, _Format())

    # -- blocks --------------------------------------------------------------------------

    def _block(self, el: ET.Element, style: str, depth: int) -> None:
        tag = el.tag
        if tag == "p":
            para = add_paragraph(self.doc, style)
            self._inline(para, el, _Format())
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(5, 2 + int(tag[1]))  # the brief's own headings use levels 1-3
            para = add_heading(self.doc, "", level)
            self._inline(para, el, _Format())
        elif tag in ("ul", "ol"):
            self._list(el, depth, tag == "ol")
        elif tag == "blockquote":
            for child in el:
                self._block(child, "Quote", depth)
        elif tag == "pre":
            self._code(md_tree.plain_text(el))
        elif tag == "table":
            self._table(el)
        elif tag == "hr":
            add_paragraph(self.doc, style, "\u2015" * 12)
        else:  # anything else: its text, as a paragraph
            para = add_paragraph(self.doc, style)
            self._inline(para, el, _Format())

    def _list(self, el: ET.Element, depth: int, ordered: bool) -> None:
        level = min(depth, 2)
        style = ("List Number" if ordered else "List Bullet") + ("" if level == 0 else f" {level + 1}")
        num_id = self._restart_numbering(style, int(el.get("start", "1") or 1)) if ordered else None
        for item in el:
            if item.tag != "li":
                continue
            para = add_paragraph(self.doc, style)
            if num_id is not None:
                _set_num(para, num_id, level)
            nested: list[ET.Element] = []
            lead = ET.Element("span")
            lead.text = item.text
            for child in item:
                if child.tag in ("ul", "ol", "blockquote", "pre", "table") or (child.tag == "p" and len(lead)):
                    nested.append(child)
                elif child.tag == "p" and not nested:
                    lead.append(child)  # a loose item's first paragraph is the item itself
                else:
                    lead.append(child)
            self._inline(para, lead, _Format())
            for child in nested:
                if child.tag in ("ul", "ol"):
                    self._list(child, depth + 1, child.tag == "ol")
                else:
                    self._block(child, "List Continue" if level == 0 else f"List Continue {level + 1}", depth + 1)

    def _restart_numbering(self, style: str, start: int) -> int | None:
        """A fresh numbering instance for one ordered list, so each list counts from *start*."""
        numbering = self.doc.part.numbering_part.element
        style_el = self.doc.styles[style].element
        num_pr = style_el.pPr.numPr if style_el.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        base = numbering.num_having_numId(num_pr.numId.val)
        abstract = base.abstractNumId.val
        num = numbering.add_num(abstract)
        for lvl in range(3):
            override = num.add_lvlOverride(ilvl=lvl)
            override.add_startOverride(start if lvl == 0 else 1)
        return num.numId

    def _code(self, text: str) -> None:
        para = add_paragraph(self.doc, "No Spacing")
        self.text_runs(para, text.rstrip("\n"), _Format(mono=True))

    def _table(self, el: ET.Element) -> None:
        rows = [[cell for cell in tr if cell.tag in ("th", "td")][:MAX_TABLE_COLUMNS] for tr in el.iter("tr")]
        rows = [r for r in rows if r]
        if not rows:
            return
        ncols = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, cell_el in enumerate(row):
                para = table.cell(r, c).paragraphs[0]
                self._inline(para, cell_el, _Format(bold=cell_el.tag == "th"))
        self.doc.add_paragraph()

    # -- inline --------------------------------------------------------------------------

    def _inline(self, para: Paragraph, el: ET.Element, fmt: _Format) -> None:
        if el.text:
            self._run(para, el.text.replace("\n", " "), fmt)
        for child in el:
            tag = child.tag
            if tag == "br":
                para.add_run().add_break(WD_BREAK.LINE)
            elif tag in ("strong", "b"):
                self._inline(para, child, _Format(True, fmt.italic, fmt.mono, fmt.strike))
            elif tag in ("em", "i"):
                self._inline(para, child, _Format(fmt.bold, True, fmt.mono, fmt.strike))
            elif tag == "code":
                self._run(para, md_tree.plain_text(child), _Format(fmt.bold, fmt.italic, True, fmt.strike))
            elif tag in ("del", "s"):
                self._inline(para, child, _Format(fmt.bold, fmt.italic, fmt.mono, True))
            elif tag == "a" and child.get("href", "").lower().startswith(("http://", "https://")):
                self._hyperlink(para, child.get("href", ""), md_tree.plain_text(child))
            elif tag == "p":  # loose list items hold paragraphs: keep them on one line
                if para.runs:
                    para.add_run().add_break(WD_BREAK.LINE)
                self._inline(para, child, fmt)
            else:
                self._inline(para, child, fmt)
            if child.tail:
                self._run(para, child.tail.replace("\n", " "), fmt)

    def _run(self, para: Paragraph, text: str, fmt: _Format) -> None:
        text = literal(text)
        if not text:
            return
        run = para.add_run(text)
        if fmt.bold:
            run.bold = True
        if fmt.italic:
            run.italic = True
        if fmt.strike:
            run.font.strike = True
        if fmt.mono:
            run.font.name = MONO

    def _hyperlink(self, para: Paragraph, url: str, label: str) -> None:
        """An external http(s) link (the relationship is External: Word never fetches it)."""
        r_id = para.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), str(LINK_COLOUR))
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        props.append(colour)
        props.append(underline)
        run.append(props)
        t = OxmlElement("w:t")
        t.text = literal(label or url)
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        para._p.append(link)


def _set_num(para: Paragraph, num_id: int, level: int) -> None:
    p_pr = para._p.get_or_add_pPr()
    num_pr = p_pr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
