"""The brief's flowables in reading order: title block, BLUF, key judgments, overview,
sections, recommendation, sources and the key to the scales."""

from __future__ import annotations

from datetime import date as Date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from workbench.brief import fonts, markup, overview, sections
from workbench.brief.compose import BriefContent
from workbench.brief.headings import Heading, heading
from workbench.brief.markdown_flowables import flowables as markdown
from workbench.brief.styles import ACCENT, MUTED, TINT, Styles
from workbench.brief.para import Para
from workbench.domain import scales

LANDSCAPE_FROM = 5  # instruments; from this many the overview gets a landscape page


def long_date(iso: str) -> str:
    """'2024-11-21' as '21 November 2024'; partial or odd dates as given."""
    try:
        d = Date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year}"


def build(content: BriefContent, styles: Styles, doc) -> list[Flowable]:
    b = content.brief
    out: list[Flowable] = _title_block(content, styles)
    if b.bluf.strip():
        out.append(heading("Bottom line up front", styles.h1, "bluf", 0))
        out.extend(_boxed(markdown(b.bluf, styles, doc.width - 10 * mm, "bluf"), doc.width, doc.height))
    if b.key_judgments.strip():
        out.append(heading("Key judgments", styles.h1, "key-judgments", 0))
        out.extend(markdown(b.key_judgments, styles, doc.width))
    if b.recommendation.strip():  # the reader's answer comes before the evidence behind it
        out.append(heading("Recommendation", styles.h1, "recommendation", 0))
        out.extend(markdown(b.recommendation, styles, doc.width))
    if content.changes is not None:
        out.extend(_changes(content, styles))
    if content.actors and content.instruments:
        out.extend(_overview(content, styles, doc))
    out.extend(sections.build(content, styles, doc.width))
    if b.include_sources:
        out.extend(_sources(content, styles))
    out.extend(_legend(styles))
    return out


def _changes(content: BriefContent, styles: Styles) -> list[Flowable]:
    """'Changes since DATE': one line per judgment added, removed or changed."""
    changes = content.changes
    since = long_date(changes.since[:10])
    out: list[Flowable] = [heading(f"Changes since {since}", styles.h1, "changes", 0)]
    if not changes.items:
        out.append(Para(f"No judgment has changed since the brief of {markup.escape(since)}.", styles.body))
    bullet = styles.body.clone("ChangeItem", leftIndent=5 * mm, bulletIndent=0, spaceAfter=1.5,
                               bulletFontName=fonts.SYMBOLS)
    for item in changes.items:
        where = markup.text(f"{item.actor} × {item.instrument}", fonts.SERIF, newlines=False)
        out.append(Para(f"<b>{where}</b>: {markup.text(item.summary(), newlines=False)}", bullet,
                        bulletText="•"))
    return out


def _title_block(content: BriefContent, styles: Styles) -> list[Flowable]:
    b = content.brief
    kicker = styles.meta.clone("Kicker", fontName=styles.sans_bold(), textColor=ACCENT, fontSize=8)
    out: list[Flowable] = [
        Para("POLICY BRIEF\u2002·\u2002" + markup.text(content.project_name, fonts.SANS, newlines=False, bold=True),
                  kicker),
        Spacer(1, 3 * mm),
        Heading(markup.text(b.title or b.name, fonts.SANS, newlines=False, bold=True), styles.title, "title", 0,
                b.title or b.name),
    ]
    if b.subtitle.strip():
        out.append(Para(markup.text(b.subtitle, fonts.SANS, newlines=False), styles.subtitle))
    meta = [markup.text(x, fonts.SANS, newlines=False) for x in (b.author, long_date(content.date)) if x]
    meta.append(f"<b>{markup.text(b.marking, fonts.SANS, newlines=False, bold=True)}</b>")
    out.append(Para("\u2003·\u2003".join(meta), styles.meta))
    out.append(HRFlowable(width="100%", thickness=1.4, color=ACCENT, spaceBefore=3 * mm, spaceAfter=2 * mm))
    return out


def _boxed(items: list[Flowable], width: float, frame_height: float) -> list[Flowable]:
    """The BLUF in a tinted box with an accent bar, unless it is too long to keep together."""
    box = Table([[items]], colWidths=[width])
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 8),  # not the unembedded default
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ]))
    _, height = box.wrap(width, frame_height)
    # A table row cannot break across pages: a very long BLUF prints without the box.
    return items if height > frame_height * 0.6 else [box]


def _overview(content: BriefContent, styles: Styles, doc) -> list[Flowable]:
    wide = len(content.instruments) >= LANDSCAPE_FROM
    title = heading("Matrix overview", styles.h1, "overview", 0)
    if not wide:
        return [title, *overview.build(content, styles, doc.width)]
    land_width = doc.pagesize[1] - doc.leftMargin - doc.rightMargin
    return [NextPageTemplate("landscape"), PageBreak(), title,
            *overview.build(content, styles, land_width),
            NextPageTemplate("portrait"), PageBreak()]


def _sources(content: BriefContent, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [heading("Sources", styles.h1, "sources", 0)]
    if not content.sources:
        out.append(Para("No source is cited in this brief.", styles.empty))
    for s in content.sources:
        parts = [f"<b>{markup.text(s.title, newlines=False, bold=True)}</b>"]
        parts += [markup.text(x, newlines=False) for x in (s.author, s.outlet, s.published) if x.strip()]
        grade = f'Reliability <b>{s.reliability}</b> ({markup.escape(scales.RELIABILITY.get(s.reliability, ""))})'
        line = ". ".join(parts) + "."
        if s.url.strip():
            line += f' <font name="{fonts.SANS}" size="7.5" color="#5b6470">{markup.text(s.url, fonts.SANS, newlines=False)}</font>'
        out.append(Para(f'<a name="src-{s.number}"/>[{s.number}]\u2002{line} {grade}.', styles.source))
    return out


def _legend(styles: Styles) -> list[Flowable]:
    likely = ", ".join(scales.LIKELIHOOD)
    rel = ", ".join(f"{k} {v.lower()}" for k, v in scales.RELIABILITY.items())
    cred = ", ".join(f"{k} {v.lower()}" for k, v in scales.CREDIBILITY.items())
    return [
        Spacer(1, 4 * mm),
        HRFlowable(width="100%", thickness=0.5, color=MUTED, spaceAfter=2 * mm),
        Para("<b>How to read this brief.</b> Likelihood uses estimative language (ICD 203): "
                  f"{likely}. Confidence (low, moderate, high) rates the evidence and reasoning behind a "
                  "judgment, separately from its likelihood. Quotes carry the Admiralty grade of their "
                  f"source and information: source reliability {rel}; information credibility {cred}.",
                  styles.legend),
    ]

