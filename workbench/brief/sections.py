"""One section per actor (or instrument): each judged cell with its facts, posture, options
and evidence quotes, every quote numbered after its source in the source list."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, KeepTogether

from workbench.brief import fonts, markup
from workbench.brief.compose import BriefContent, CellView, Quote
from workbench.brief.headings import heading
from workbench.brief.markdown_flowables import flowables as markdown
from workbench.brief.markdown_flowables import PLAIN_CHUNK, inline, plain
from workbench.brief.styles import Styles
from workbench.brief.para import Para
from workbench.domain import scales

KEEP_WHOLE = 1_500  # characters: quotes shorter than this are never split across pages
KEEP_LEAD = 12  # flowables: a cell's lead part longer than this may part from its evidence
QUOTE_LIMIT = 20_000  # characters of one quote; longer ones print cut, pointing at the source


def build(content: BriefContent, styles: Styles, width: float) -> list[Flowable]:
    by = "actor" if content.brief.group_by == "actor" else "instrument"
    title = heading(f"Judgments by {by}", styles.h1, "judgments", 0)
    if not content.groups:
        return [title, Para("No cell of this brief holds a judgment yet.", styles.empty)]
    out: list[Flowable] = []
    heads: list[Flowable] = [title]  # headings waiting to be kept with what follows them
    titles = {s.number: s for s in content.sources}
    linked = content.brief.include_sources  # citations link to the list only when it is printed
    group_style = styles.h1.clone("Group", fontSize=12.5, leading=16, spaceBefore=10)
    for group in content.groups:
        heads.append(heading(group.title, group_style, group.anchor, 1, group.number))
        for view in group.cells:
            other = view.instrument if by == "actor" else view.actor
            heads.append(heading(other, styles.h2, view.anchor, 2, view.number))
            lead, quotes = _cell(view, styles, width, titles, linked, content.brief.include_evidence)
            if quotes and len(lead) + len(quotes[0]) <= KEEP_LEAD:
                # A judgment never ends a page without its first piece of evidence: its
                # headings, facts, posture and options are kept with the first quote. (A
                # KeepTogether is not joined by keepWithNext headings, so they go inside;
                # nor may it hold another KeepTogether, which always asks for a new page.)
                out.append(KeepTogether(heads + lead + quotes[0]))
                quotes = quotes[1:]
            else:
                out.extend(heads + lead)
            for paras in quotes:
                # a short quote never leaves its last lines behind; a long one may break
                short = len(paras) == 1 and len(paras[0].text) < KEEP_WHOLE
                out.extend([KeepTogether(paras)] if short else paras)
            heads = []
    return out


DRAFT_MARK = '<font color="#b3261e"><b>DRAFT</b></font>'


def _facts(view: CellView) -> str:
    """Likelihood, confidence and priority; a cell that is not final opens with a DRAFT mark."""
    items = [("Likelihood", view.likelihood), ("Confidence", view.confidence), ("Priority", view.priority)]
    shown = [f'{label.upper()}\u2002<font color="#1a1a1a"><b>{markup.escape(value)}</b></font>'
             for label, value in items if value]
    if not is_final(view):
        shown.insert(0, DRAFT_MARK)
    return "\u2003\u2003".join(shown)


def is_final(view: CellView) -> bool:
    return view.status in ("final", "empty", "")


def _label(text: str) -> str:
    """A small caps-style label opening a paragraph (one flowable instead of two: cheaper to
    lay out, and the label can never be stranded at the foot of a page)."""
    return f'<font name="{fonts.face_names(fonts.SANS)[1]}" size="7.5" color="#5b6470">{text}</font><br/>'


def _cell(view: CellView, styles: Styles, width: float, sources: dict, linked: bool,
          evidence: bool) -> tuple[list[Flowable], list[list[Flowable]]]:
    """The cell's lead part (facts, posture, options) and the paragraphs of each quote."""
    lead: list[Flowable] = []
    facts = _facts(view)
    if facts:
        lead.append(Para(facts, styles.facts))
    if view.posture.strip():
        lead.extend(plain(view.posture, styles.body, prefix=_label("POSTURE")))
    if view.options.strip():
        lead.append(Para("OPTIONS", styles.label))
        lead.extend(markdown(view.options, styles, width))
    for n, line in enumerate(view.differ):
        lead.extend(plain(line, styles.body, prefix=_label("ANALYSTS DIFFER") if n == 0 else ""))
    quotes = view.quotes if evidence else ()
    return lead, [_quote(q, styles, sources.get(q.source_no), linked, _label("EVIDENCE") if n == 0 else "")
                  for n, q in enumerate(quotes)]


def _quote_paras(text: str, style, prefix: str) -> list[Flowable]:
    """A quote's paragraphs, inline Markdown rendered (emphasis as emphasis, never raw '**')."""
    out: list[Flowable] = []
    for block in re.split(r"\n\s*\n", text):
        if not block.strip():
            continue
        lead = "" if out else prefix
        if len(block) > PLAIN_CHUNK:
            out.extend(plain(block, style, prefix=lead))
        else:
            out.append(Para(lead + inline(block.strip("\n")), style))
    return out or [Para(prefix, style)]


def _quote(q: Quote, styles: Styles, source, linked: bool, prefix: str) -> list[Flowable]:
    text = q.text if len(q.text) <= QUOTE_LIMIT else q.text[:QUOTE_LIMIT] + " …"
    cite = f'<a href="#src-{q.source_no}" color="#1f4e8c">[{q.label}]</a>' if linked else f"[{q.label}]"
    attribution = []
    if source is not None:
        attribution.append(markup.text(source.title, fonts.SANS, newlines=False))
        attribution += [markup.text(x, fonts.SANS, newlines=False) for x in (source.outlet, source.published) if x]
        reliability = markup.escape(scales.RELIABILITY.get(source.reliability, "").lower())
        credibility = markup.escape(scales.CREDIBILITY.get(q.credibility, "").lower())
        attribution.append(f"graded <b>{source.reliability}{q.credibility}</b> ({reliability}; {credibility})")
    else:
        attribution.append(f"credibility {q.credibility}")
    if q.note.strip():
        attribution.append("note: " + markup.text(q.note, fonts.SANS, newlines=False))
    # The attribution ends the quote's own paragraph, so the two never part; a long quote
    # is several paragraphs so that it can break across pages.
    paras = _quote_paras(f"\u201c{text}\u201d", styles.quote, prefix)
    tail = (f'\u2002{cite}<br/><font name="{fonts.SANS}" size="7.5" color="#5b6470">'
            f'[{q.source_no}]\u2002{" · ".join(attribution)}</font>')
    paras[-1] = Para(paras[-1].text + tail, styles.quote)
    if prefix:
        paras[0].style = styles.quote_first
    return paras
