"""The brief's PDF document: A4 pages with the marking top and bottom, page x of y, outline.

`render(content, target, progress)` lays out the story from `story.py` on portrait pages
(the overview table switches to landscape when the matrix is wide). The total page count
is a form XObject filled in after the last page, so the document is built in one pass and
internal links and bookmarks keep their pages. reportlab runs in invariant mode with the
creation date taken from the brief, so the same content gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from workbench.brief import fonts, markup, story
from workbench.brief.compose import BriefContent
from workbench.brief.styles import HEADER, MARGIN, MUTED, RULE, Styles, marking
from workbench.brief.para import Para

# No URL or file is ever fetched while rendering: nothing of ours asks for one, and
# user text is escaped before it reaches markup; this closes reportlab's own door too.
rl_config.trustedHosts = None
rl_config.trustedSchemes = []

Progress = Callable[[int, int, str], bool]
_TOTAL_FORM = "pageTotal"


class Cancelled(Exception):
    """The progress callback asked to stop."""


class _Document(BaseDocTemplate):
    def __init__(self, target: BinaryIO, content: BriefContent, styles: Styles) -> None:
        b = content.brief
        super().__init__(
            target, pagesize=A4, invariant=1, pageCompression=1,
            title=b.title or b.name, author=b.author, subject=b.subtitle or "Policy brief",
            creator="Policy Briefing Workbench", producer="Policy Briefing Workbench",
            keywords=[b.marking], leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN,
            initialFontName=fonts.SERIF, initialFontSize=9.5,  # else an unembedded Helvetica is listed
        )
        self.content = content
        self.styles = styles
        self.mark = marking(b.marking)
        self.pages = 0
        self._furniture: dict[tuple[str, float], object] = {}
        self.addPageTemplates([self._template("portrait", A4), self._template("landscape", landscape(A4))])

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        w, h = size
        frame = Frame(MARGIN, MARGIN, w - 2 * MARGIN, h - 2 * MARGIN, id=name,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(id=name, frames=[frame], onPage=self._decorate, pagesize=size)

    def beforeDocument(self) -> None:
        self.canv.showOutline()
        date = "".join(ch for ch in self.content.date if ch.isdigit())[:8]
        if len(date) == 8:  # the creation date is the brief's date, not the clock
            self.canv.setDateFormatter(lambda *_: f"D:{date}000000Z")

    def afterFlowable(self, flowable) -> None:
        entry = getattr(flowable, "outline", None)
        if entry:
            key, title, level = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=level >= 1)

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        w, h = canv._pagesize
        canv.saveState()
        self._marking(canv, w / 2, h - HEADER + 1.5 * mm)
        self._marking(canv, w / 2, 4.5 * mm)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(MARGIN, h - MARGIN + 4 * mm, w - MARGIN, h - MARGIN + 4 * mm)
        canv.line(MARGIN, MARGIN - 4 * mm, w - MARGIN, MARGIN - 4 * mm)
        self._footer_title(canv, w).drawOn(canv, MARGIN, MARGIN - 9 * mm)
        canv.setFont(fonts.SANS, 8)
        canv.setFillColor(MUTED)
        label = f"Page {canv.getPageNumber()} of "
        x = w - MARGIN - canv.stringWidth("Page 000 of 000", fonts.SANS, 8)
        canv.drawString(x, MARGIN - 8.2 * mm, label)
        canv.translate(x + canv.stringWidth(label, fonts.SANS, 8), MARGIN - 8.2 * mm)
        canv.doForm(_TOTAL_FORM)
        canv.restoreState()

    # Page furniture is the same on every page of one width: laid out once, drawn on each.
    def _footer_title(self, canv: Canvas, page_width: float) -> Para:
        p = self._furniture.get(("title", page_width))
        if p is None:
            title = markup.text(markup.shorten(self.content.brief.title or self.content.brief.name, 90),
                                fonts.SANS, newlines=False)
            p = self._furniture[("title", page_width)] = Para(title, self.styles.meta)
            p.wrapOn(canv, page_width / 2, 20)
        return p

    def _marking_para(self, canv: Canvas) -> tuple[Para, float, float]:
        page_width = canv._pagesize[0]
        laid = self._furniture.get(("marking", page_width))
        if laid is None:
            text = markup.shorten(self.mark.text, 110)
            size = 9
            style = self.styles.centered.clone("Marking", fontName=self.styles.sans_bold(), fontSize=size,
                                               leading=size * 1.2, textColor=self.mark.fg)
            p = Para(markup.text(text, fonts.SANS, newlines=False, bold=True), style)
            p.wrapOn(canv, page_width - 2 * MARGIN, 30)
            width = max(p.getActualLineWidths0() or [0]) + 6 * mm
            _, height = p.wrapOn(canv, width, 30)
            laid = self._furniture[("marking", page_width)] = (p, width, height)
        return laid

    def _marking(self, canv: Canvas, cx: float, y: float) -> None:
        """The marking centred at *cx*, baseline *y*: TLP labels on a black band."""
        p, width, height = self._marking_para(canv)
        if self.mark.bg is not None:
            canv.setFillColor(self.mark.bg)
            canv.rect(cx - width / 2, y - 1.6 * mm, width, height + 1.4 * mm, stroke=0, fill=1)
        p.drawOn(canv, cx - width / 2, y - 0.9 * mm)

    def finish_total(self) -> None:
        """Define the page-total form every footer refers to (after the last page)."""
        canv = self.canv
        canv.beginForm(_TOTAL_FORM)
        canv.setFont(fonts.SANS, 8)
        canv.setFillColor(MUTED)
        canv.drawString(0, 0, str(self.pages))
        canv.endForm()


class _TotalCanvas(Canvas):
    """A canvas that lets the document write the page total just before saving."""

    document: _Document | None = None

    def save(self) -> None:
        if self.document is not None:
            self.document.pages = self.getPageNumber() - 1
            self.document.finish_total()
        super().save()


def render(content: BriefContent, target: BinaryIO, progress: Progress | None = None) -> int:
    """Write the PDF of *content* to *target*; return the number of pages.

    *progress(done, total, text)* is called as flowables are laid out; returning False
    raises Cancelled.
    """
    styles = Styles()
    doc = _Document(target, content, styles)
    flowables = story.build(content, styles, doc)
    total = len(flowables)

    def report(kind: str, value: int) -> None:
        if progress is None or kind != "PROGRESS":
            return
        if progress(value, total, f"page {doc.page}") is False:
            raise Cancelled()

    doc.setProgressCallBack(report)

    def maker(*args, **kw) -> _TotalCanvas:
        canv = _TotalCanvas(*args, **kw)
        canv.document = doc
        return canv

    doc.build(flowables, canvasmaker=maker)
    if progress is not None:
        progress(total, total, f"{doc.pages} pages")
    return doc.pages
