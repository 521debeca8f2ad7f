"""The brief as a Word document (.docx), with the same content and order as the PDF.

Word's own styles (Title, Heading 1-3, Quote, List Number, Table Grid) carry the structure,
so an office's template restyles it. The marking is in the header and footer of every
section. The same content gives the same bytes: the core properties carry the brief's date
and the zip entries a fixed time.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from typing import BinaryIO

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from workbench.brief import overview, sections
from workbench.brief.compose import BriefContent, CellView, Quote
from workbench.brief.story import LANDSCAPE_FROM, long_date
from workbench.brief.styles import STATUS_COLOURS
from workbench.brief.word_markdown import WordMarkdown, add_heading, add_paragraph, literal
from workbench.domain import scales

MUTED = RGBColor(0x5B, 0x64, 0x70)
DRAFT = RGBColor(0xB3, 0x26, 0x1E)
TLP_COLOURS = {"TLP:RED": RGBColor(0xFF, 0x2B, 0x2B), "TLP:AMBER+STRICT": RGBColor(0xFF, 0xC0, 0x00),
               "TLP:AMBER": RGBColor(0xFF, 0xC0, 0x00), "TLP:GREEN": RGBColor(0x33, 0xFF, 0x00),
               "TLP:CLEAR": RGBColor(0xFF, 0xFF, 0xFF)}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
QUOTE_LIMIT = sections.QUOTE_LIMIT
OVERVIEW_LIMIT = 160  # characters of a cell's summary in the overview table


def render(content: BriefContent, target: BinaryIO) -> int:
    """Write the Word document of *content* to *target*; return its count of body blocks."""
    doc = docx.Document()
    _properties(doc, content)
    md = WordMarkdown(doc)
    _page(doc.sections[0])
    _title_block(doc, content)
    b = content.brief
    if b.bluf.strip():
        add_heading(doc, "Bottom line up front", 1)
        md.add(b.bluf)
    if b.key_judgments.strip():
        add_heading(doc, "Key judgments", 1)
        md.add(b.key_judgments)
    if b.recommendation.strip():
        add_heading(doc, "Recommendation", 1)
        md.add(b.recommendation)
    if content.changes is not None:
        _changes(doc, content)
    if content.actors and content.instruments:
        _overview(doc, content)
    _sections(doc, md, content)
    if b.include_sources:
        _sources(doc, content)
    _legend(doc)
    for section in doc.sections:
        _marking(section, content)
    buffer = io.BytesIO()
    doc.save(buffer)
    target.write(_fixed_zip(buffer.getvalue()))
    return len(doc.element.body)


def _properties(doc, content: BriefContent) -> None:
    b = content.brief
    props = doc.core_properties
    props.title = literal(b.title or b.name)[:255]
    props.subject = literal(b.subtitle or "Policy brief")[:255]
    props.author = literal(b.author)[:255]
    props.last_modified_by = literal(b.author)[:255]
    props.keywords = literal(b.marking)[:255]
    props.comments = "Policy Briefing Workbench"
    props.revision = 1
    when = _date(content.date)
    props.created = when
    props.modified = when
    props.last_printed = when


def _date(iso: str) -> datetime:
    """The brief's date as the document's time (never the clock: same content, same bytes)."""
    try:
        d = datetime.fromisoformat(iso[:10])
    except ValueError:
        d = datetime(2000, 1, 1)
    return d.replace(tzinfo=timezone.utc)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's time fixed, so equal documents are equal files."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))


def _marking(section, content: BriefContent) -> None:
    """The marking centred in the header and the footer; the footer also names the brief."""
    mark = literal(content.brief.marking)
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    for part in (section.header, section.footer):
        para = part.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(mark)
        run.bold = True
        if mark in TLP_COLOURS:  # TLP 2.0: the label's colour on black
            run.font.name = "Arial"
            run.font.color.rgb = TLP_COLOURS[mark]
            run.font.highlight_color = WD_COLOR_INDEX.BLACK
        elif mark:
            run.font.color.rgb = DRAFT
    title = section.footer.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _muted(title, f"{content.brief.title or content.brief.name}\u2003·\u2003Page ")
    _field(title, "PAGE")
    _muted(title, " of ")
    _field(title, "NUMPAGES")


def _field(para, instruction: str) -> None:
    """A page-number field (Word and LibreOffice fill it in as they lay out the pages)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")  # half-points: 8 pt, as the title beside it
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(MUTED))
    props.extend([colour, size])
    text = OxmlElement("w:t")
    text.text = "1"
    run.extend([props, text])
    field.append(run)
    para._p.append(field)


def _shade(cell, status: str) -> None:
    """The cell's status as its background colour, as in the PDF's overview."""
    colour = STATUS_COLOURS.get(status)
    if colour is None:
        return
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), colour.hexval()[2:].upper())
    cell._tc.get_or_add_tcPr().append(shade)


def _rows_whole(table) -> None:
    """The header row repeats on each page and no row splits across pages, as in the PDF."""
    for n, row in enumerate(table.rows):
        props = row._tr.get_or_add_trPr()
        for tag in ("w:cantSplit",) + (("w:tblHeader",) if n == 0 else ()):
            flag = OxmlElement(tag)
            flag.set(qn("w:val"), "true")
            props.append(flag)


def _muted(para, text: str, size: float = 8, bold: bool = False) -> None:
    run = para.add_run(literal(text))
    run.font.size = Pt(size)
    run.font.color.rgb = MUTED
    run.bold = bold or None


def _title_block(doc, content: BriefContent) -> None:
    b = content.brief
    kicker = doc.add_paragraph()
    _muted(kicker, f"POLICY BRIEF · {content.project_name}", 8, bold=True)
    add_paragraph(doc, "Title", literal(b.title or b.name))
    if b.subtitle.strip():
        add_paragraph(doc, "Subtitle", literal(b.subtitle))
    meta = doc.add_paragraph()
    parts = [x for x in (b.author, long_date(content.date)) if x]
    _muted(meta, " · ".join(parts + [""]) if parts else "", 9)
    mark = meta.add_run(literal(b.marking))
    mark.bold = True


def _changes(doc, content: BriefContent) -> None:
    changes = content.changes
    since = long_date(changes.since[:10])
    add_heading(doc, f"Changes since {since}", 1)
    if not changes.items:
        doc.add_paragraph(f"No judgment has changed since the brief of {since}.")
    for item in changes.items:
        para = add_paragraph(doc, "List Bullet")
        para.add_run(literal(f"{item.actor} × {item.instrument}")).bold = True
        para.add_run(literal(f": {item.summary()}"))


def _overview(doc, content: BriefContent) -> None:
    wide = len(content.instruments) >= LANDSCAPE_FROM
    if wide:  # a section of its own on a landscape page, as in the PDF
        section = doc.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    add_heading(doc, "Matrix overview", 1)
    table = doc.add_table(rows=len(content.actors) + 1, cols=len(content.instruments) + 1)
    table.style = doc.styles["Table Grid"]
    _rows_whole(table)
    for c, name in enumerate(content.instruments, 1):
        table.cell(0, c).paragraphs[0].add_run(literal(name)).bold = True
    for r, actor in enumerate(content.actors, 1):
        table.cell(r, 0).paragraphs[0].add_run(literal(actor)).bold = True
        for c in range(1, len(content.instruments) + 1):
            view = content.grid.get((r - 1, c - 1))
            cell = table.cell(r, c)
            if view is None:
                _muted(cell.paragraphs[0], "—", 8)  # no judgment recorded, as in the PDF
                continue
            _shade(cell, view.status)
            para = cell.paragraphs[0]
            if not sections.is_final(view):
                draft = para.add_run("DRAFT ")
                draft.bold = True
                draft.font.color.rgb = DRAFT
            summary = " ".join(overview.summary(view).split())
            cut = summary if len(summary) <= OVERVIEW_LIMIT else summary[:OVERVIEW_LIMIT - 1] + "…"
            para.add_run(literal(cut)).font.size = Pt(8)
            para.add_run(literal(f" → {view.number}")).font.size = Pt(8)
            facts = [view.likelihood.capitalize()] if view.likelihood else []
            if view.confidence:
                facts.append(f"{view.confidence} confidence")
            if view.evidence_count:
                facts.append(f"{view.evidence_count} quote{'s' if view.evidence_count != 1 else ''}")
            if facts:
                _muted(cell.add_paragraph(), " · ".join(facts), 7)
    if wide:
        section = doc.add_section()
        section.orientation = WD_ORIENT.PORTRAIT
        _page(section)


def _sections(doc, md: WordMarkdown, content: BriefContent) -> None:
    by = "actor" if content.brief.group_by == "actor" else "instrument"
    add_heading(doc, f"Judgments by {by}", 1)
    if not content.groups:
        doc.add_paragraph("No cell of this brief holds a judgment yet.")
        return
    titles = {s.number: s for s in content.sources}
    for group in content.groups:
        add_heading(doc, literal(f"{group.number} {group.title}"), 2)
        for view in group.cells:
            other = view.instrument if by == "actor" else view.actor
            add_heading(doc, literal(f"{view.number} {other}"), 3)
            _cell(doc, md, view, titles, content.brief.include_evidence)


def _cell(doc, md: WordMarkdown, view: CellView, titles: dict, evidence: bool) -> None:
    # Counted in body elements (doc.paragraphs is rebuilt per call); new paragraphs go before
    # the body's closing section properties.
    body = doc.element.body
    start = len(body) - (1 if len(body) and body[-1].tag == qn("w:sectPr") else 0)
    facts = [(label, value) for label, value in (("Likelihood", view.likelihood), ("Confidence", view.confidence),
                                                 ("Priority", view.priority)) if value]
    if facts or not sections.is_final(view):
        para = doc.add_paragraph()
        if not sections.is_final(view):
            draft = para.add_run("DRAFT")
            draft.bold = True
            draft.font.color.rgb = DRAFT
            if facts:
                para.add_run("    ")
        for n, (label, value) in enumerate(facts):
            _muted(para, ("    " if n else "") + label.upper() + " ", 8)
            para.add_run(literal(value)).bold = True
    if view.posture.strip():
        md.add_plain(view.posture, prefix="POSTURE\u2002")
    if view.options.strip():
        _muted(doc.add_paragraph(), "OPTIONS", 8, bold=True)
        md.add(view.options)
    for n, line in enumerate(view.differ):
        md.add_plain(line, prefix="ANALYSTS DIFFER\u2002" if n == 0 else "")
    quotes = view.quotes if evidence else ()
    for n, q in enumerate(quotes):
        if n == 0:
            _muted(doc.add_paragraph(), "EVIDENCE", 8, bold=True)
            # The judgment and its first piece of evidence stay on one page where they fit.
            for element in body[start:]:
                if element.tag == qn("w:p"):
                    Paragraph(element, doc._body).paragraph_format.keep_with_next = True
        _quote(doc, md, q, titles.get(q.source_no))


def _quote(doc, md: WordMarkdown, q: Quote, source) -> None:
    text = q.text if len(q.text) <= QUOTE_LIMIT else q.text[:QUOTE_LIMIT] + " …"
    para = add_paragraph(doc, "Quote")
    para.paragraph_format.keep_with_next = True
    para.add_run("\u201c")
    md.inline(para, text)  # emphasis typed in a source prints as emphasis, never as raw '**'
    para.add_run(f"\u201d [{q.label}]")
    attribution = [f"[{q.source_no}]"]
    if source is not None:
        attribution += [x for x in (source.title, source.outlet, source.published) if x]
        reliability = scales.RELIABILITY.get(source.reliability, "").lower()
        credibility = scales.CREDIBILITY.get(q.credibility, "").lower()
        attribution.append(f"graded {source.reliability}{q.credibility} ({reliability}; {credibility})")
    else:
        attribution.append(f"credibility {q.credibility}")
    if q.note.strip():
        attribution.append(f"note: {' '.join(q.note.split())}")
    _muted(doc.add_paragraph(), " · ".join(attribution), 8)


def _sources(doc, content: BriefContent) -> None:
    add_heading(doc, "Sources", 1)
    if not content.sources:
        doc.add_paragraph("No source is cited in this brief.")
    for s in content.sources:
        para = doc.add_paragraph()
        para.add_run(f"[{s.number}] ")
        para.add_run(literal(s.title)).bold = True
        rest = [x for x in (s.author, s.outlet, s.published) if x.strip()]
        para.add_run(literal(". " + ". ".join(rest) + "." if rest else "."))
        if s.url.strip():
            _muted(para, f" {s.url}", 8)
        para.add_run(f" Reliability {s.reliability} ({scales.RELIABILITY.get(s.reliability, '')}).")


def _legend(doc) -> None:
    likely = ", ".join(scales.LIKELIHOOD)
    rel = ", ".join(f"{k} {v.lower()}" for k, v in scales.RELIABILITY.items())
    cred = ", ".join(f"{k} {v.lower()}" for k, v in scales.CREDIBILITY.items())
    para = doc.add_paragraph()
    para.add_run("How to read this brief. ").bold = True
    _muted(para, f"Likelihood uses estimative language (ICD 203): {likely}. Confidence (low, moderate, high) "
           "rates the evidence and reasoning behind a judgment, separately from its likelihood. Quotes carry "
           f"the Admiralty grade of their source and information: source reliability {rel}; information "
           f"credibility {cred}.", 8)

