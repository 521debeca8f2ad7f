"""The matrix overview: actors down, instruments across, one glanceable summary per cell.

Each cell shows its status as a colour, a summary cut to fit (with "…" and the number of the
section that has the whole text), likelihood, confidence and evidence count. Cutting keeps
every row shorter than a page, because a table row cannot break across pages.
"""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from workbench.brief import fonts, markup
from workbench.brief.compose import BriefContent, CellView
from workbench.brief.styles import ACCENT, RULE, STATUS_COLOURS, STATUS_EDGE, Styles
from workbench.brief.para import Para

_ARROW = "→\u00a0"
_SQUARE = "■"
_MARKERS = re.compile(r"^\s*(?:[#>]+|[-*+]|\d{1,9}[.)])\s+")


def summary(view: CellView) -> str:
    """The posture, else the first line of the options without its Markdown marker."""
    if view.posture.strip():
        return view.posture
    for line in view.options.splitlines():
        if line.strip():
            return _MARKERS.sub("", line).replace("**", "").replace("__", "")
    return ""


def facts(view: CellView) -> list[str]:
    """Likelihood, confidence and evidence count as the overview prints them (plain text)."""
    parts = []
    if view.likelihood:
        parts.append(view.likelihood.capitalize())
    if view.confidence:
        parts.append(f"{view.confidence} confidence")
    if view.evidence_count:
        parts.append(f"{view.evidence_count}\u00a0quote{'s' if view.evidence_count != 1 else ''}")
    return parts


def summary_limit(width: float, columns: int) -> int:
    """Characters of a cell's summary in an overview *width* wide with *columns* instruments."""
    first = min(34 * mm, width * 0.2)
    return max(50, int((width - first) / columns / 3.6 * 6))  # about six lines of 7.5 pt text


def shortened(view: CellView, limit: int) -> tuple[str, bool]:
    """The summary cut to *limit* characters, and whether it was cut."""
    text = summary(view)
    short = markup.shorten(text, limit)
    return short, short != " ".join(fonts.clean(text).split())


def build(content: BriefContent, styles: Styles, width: float) -> list[Flowable]:
    n = len(content.instruments)
    first = min(34 * mm, width * 0.2)
    col = (width - first) / n
    limit = summary_limit(width, n)
    head = [Para("", styles.cell_head)] + [
        Para(markup.text(name, fonts.SANS, newlines=False, bold=True), styles.cell_head)
        for name in content.instruments]
    data: list[list] = [head]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), fonts.SANS, 8),  # not the unembedded default
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r, actor in enumerate(content.actors, 1):
        row: list = [Para(markup.text(actor, fonts.SANS, newlines=False, bold=True), styles.cell_row)]
        for c in range(n):
            view = content.grid.get((r - 1, c))
            if view is None:
                row.append(Para("—", styles.cell_small))
                continue
            row.append(_cell(view, styles, limit))
            commands.append(("BACKGROUND", (c + 1, r), (c + 1, r), STATUS_COLOURS.get(view.status, colors.white)))
            commands.append(("LINEBEFORE", (c + 1, r), (c + 1, r), 2.2, STATUS_EDGE.get(view.status, RULE)))
        data.append(row)
    table = Table(data, colWidths=[first] + [col] * n, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return [table, Spacer(1, 2 * mm), _key(styles)]


def _cell(view: CellView, styles: Styles, limit: int) -> list[Flowable]:
    short, cut = shortened(view, limit)
    body = markup.text(short, fonts.SANS, newlines=False)
    pointer = f'<a href="#{view.anchor}" color="#1f4e8c">{"more in\u00a0" if cut else markup.text(_ARROW, fonts.SANS)}{view.number}</a>'
    out: list[Flowable] = [Para(body or "<i>no summary</i>", styles.cell)]
    known = markup.escape(" · ".join(facts(view)))
    out.append(Para(f"{known}{' · ' if known else ''}{pointer}", styles.cell_small))
    return out


def _key(styles: Styles) -> Paragraph:
    chips = []
    for status in ("draft", "review", "final"):
        colour = STATUS_COLOURS[status].hexval().replace("0x", "#")
        edge = STATUS_EDGE[status].hexval().replace("0x", "#")
        chips.append(f'<font color="{edge}">{markup.text(_SQUARE, fonts.SANS)}</font> <font backColor="{colour}">\u2002{status}\u2002</font>')
    return Para("Cell status:\u2003" + "\u2003".join(chips) + "\u2003·\u2003a dash means no judgment "
                     "is recorded; such cells have no section.", styles.legend)
