"""The brief preview's text fallback: pages that cannot be drawn are shown as their text."""

from __future__ import annotations

import io
import resource

from PySide6.QtWidgets import QPlainTextEdit
from reportlab.pdfgen import canvas

from workbench.ui.brief_preview import PreviewPane, render_pages

PAGES = ("Envoys met in Geneva on Monday.", "Talks resumed in Vienna.", "Sanctions were eased.",
         "A fourth page the preview leaves out.")


def _sliver_pdf() -> bytes:
    """Pages 3 points wide and 5 metres tall: drawn 900 pixels wide they would take 11 GB."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(3, 14400))
    for words in PAGES:
        pdf.setFont("Helvetica", 2)
        pdf.drawString(0, 14000, words)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_pages_too_large_to_draw_are_shown_as_text_without_the_memory(qtbot) -> None:
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    preview = render_pages(_sliver_pdf(), len(PAGES))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mb < 1024  # drawing the pages anyway took 11 GB here
    assert preview.images == () and preview.pages == 4
    assert preview.text == "\n\n— page break —\n\n".join(PAGES[:3])
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.show_preview(preview)
    (shown,) = pane.findChildren(QPlainTextEdit)
    assert shown.toPlainText().startswith("Envoys met in Geneva on Monday.")
    assert shown.isReadOnly()


def test_a_damaged_pdf_gets_a_plain_message_not_a_traceback() -> None:
    preview = render_pages(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF", 1)
    assert preview.images == ()
    assert preview.text == ("No preview: The brief could not be read as a PDF; "
                            "the file may be damaged or incomplete")
