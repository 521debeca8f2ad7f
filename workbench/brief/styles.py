"""The brief's typography and colours: one place for sizes, spacing and the TLP palette."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from workbench.brief import fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5b6470")
RULE = colors.HexColor("#c9ced6")
ACCENT = colors.HexColor("#1f3a5f")  # dark navy for headings and the BLUF bar
TINT = colors.HexColor("#eef2f7")
QUOTE_BAR = colors.HexColor("#9aa7b8")
LINK = colors.HexColor("#1f4e8c")

MARGIN = 20 * mm
HEADER = 11 * mm  # band the marking sits in, above and below the text frame

# Cell status colours in the overview table: empty, draft, review, final.
STATUS_COLOURS = {
    "empty": colors.HexColor("#ffffff"),
    "draft": colors.HexColor("#fdf1d6"),
    "review": colors.HexColor("#dcebf8"),
    "final": colors.HexColor("#def2e0"),
}
STATUS_EDGE = {
    "empty": colors.HexColor("#d5d9df"),
    "draft": colors.HexColor("#d9a21b"),
    "review": colors.HexColor("#3b7cc4"),
    "final": colors.HexColor("#2e8b3e"),
}


@dataclass(frozen=True)
class Marking:
    """How a marking prints: label text, its colour and the band behind it."""

    text: str
    fg: colors.Color
    bg: colors.Color | None


_BLACK = colors.HexColor("#000000")
# TLP 2.0 (FIRST): coloured label on black; CLEAR is white on black.
_TLP = {
    "TLP:RED": colors.HexColor("#FF2B2B"),
    "TLP:AMBER+STRICT": colors.HexColor("#FFC000"),
    "TLP:AMBER": colors.HexColor("#FFC000"),
    "TLP:GREEN": colors.HexColor("#33FF00"),
    "TLP:CLEAR": colors.HexColor("#FFFFFF"),
}


def marking(label: str) -> Marking:
    """The printed form of a TLP label, or of a free classification line (dark red, no band)."""
    if label in _TLP:
        return Marking(label, _TLP[label], _BLACK)
    return Marking(label, colors.HexColor("#8b0000"), None)


def _style(name: str, **kw: object) -> ParagraphStyle:
    base = {"fontName": fonts.SERIF, "fontSize": 9.5, "leading": 13.2, "textColor": INK,
            "alignment": TA_LEFT, "splitLongWords": 1, "allowWidows": 0, "allowOrphans": 0}
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    """All paragraph styles of a brief, built once the fonts are registered."""

    def __init__(self) -> None:
        fonts.register()
        sans, sans_bold = fonts.SANS, fonts.face_names(fonts.SANS)[1]
        self.title = _style("Title", fontName=sans_bold, fontSize=22, leading=26, textColor=ACCENT,
                            spaceAfter=4)
        self.subtitle = _style("Subtitle", fontName=sans, fontSize=12.5, leading=16, textColor=MUTED,
                               spaceAfter=6)
        self.meta = _style("Meta", fontName=sans, fontSize=8.5, leading=11, textColor=MUTED)
        self.h1 = _style("H1", fontName=sans_bold, fontSize=14, leading=18, textColor=ACCENT,
                         spaceBefore=12, spaceAfter=5, keepWithNext=1)
        self.h2 = _style("H2", fontName=sans_bold, fontSize=11, leading=14, textColor=INK,
                         spaceBefore=9, spaceAfter=3, keepWithNext=1)
        self.h3 = _style("H3", fontName=sans_bold, fontSize=9.5, leading=12.5, textColor=INK,
                         spaceBefore=6, spaceAfter=2, keepWithNext=1)
        self.label = _style("Label", fontName=sans_bold, fontSize=7.5, leading=10, textColor=MUTED,
                            spaceBefore=5, spaceAfter=1, keepWithNext=1)
        self.body = _style("Body", spaceAfter=4)
        self.bluf = _style("BLUF", fontSize=10.5, leading=14.5, spaceAfter=3)
        self.facts = _style("Facts", fontName=sans, fontSize=8, leading=10.5, textColor=MUTED,
                            spaceAfter=3, keepWithNext=1)
        self.quote = _style("Quote", fontSize=9, leading=12.4, leftIndent=4 * mm, spaceAfter=5)
        self.quote_first = self.quote.clone("QuoteFirst", spaceBefore=4)
        self.code = _style("Code", fontName=fonts.MONO, fontSize=8, leading=10.5, backColor=TINT,
                           borderPadding=(3, 4, 3, 4), spaceBefore=2, spaceAfter=6)
        self.cell = _style("Cell", fontName=sans, fontSize=7.5, leading=9.6)
        self.cell_head = _style("CellHead", fontName=sans_bold, fontSize=8, leading=10,
                                textColor=colors.white)
        self.cell_row = _style("CellRow", fontName=sans_bold, fontSize=8, leading=10)
        self.cell_small = _style("CellSmall", fontName=sans, fontSize=6.8, leading=8.6, textColor=MUTED)
        self.source = _style("Source", fontSize=8.5, leading=11.5, leftIndent=8 * mm,
                             firstLineIndent=-8 * mm, spaceAfter=4)
        self.legend = _style("Legend", fontName=sans, fontSize=7.5, leading=10, textColor=MUTED,
                             spaceAfter=2)
        self.empty = _style("Empty", fontName=sans, fontSize=8.5, leading=11, textColor=MUTED)
        self.centered = _style("Centered", fontName=sans, fontSize=8, leading=10, alignment=TA_CENTER)

    def sans_bold(self) -> str:
        return fonts.face_names(fonts.SANS)[1]
