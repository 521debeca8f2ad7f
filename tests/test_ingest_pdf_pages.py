"""PDFs read with PDFium in a worker: readable paragraphs, pages kept, junk and hostile files stopped.

Every PDF here is a real file made with reportlab or written byte by byte, then read through
the same path an import takes.
"""

from __future__ import annotations

import os
import subprocess
import zlib
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from workbench.ingest import IngestError, pdf, read_document
from workbench.ingest.importer import import_paths
from workbench.ingest.pdf_text import clean_pages
from workbench.store import search, sources

FONT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "DejaVuSans.ttf"


def unicode_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF in DejaVu Sans, which has glyphs for ligatures and U+FFFD."""
    if "DejaVuTest" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuTest", str(FONT)))
    doc = canvas.Canvas(str(path))
    for lines in pages:
        doc.setFont("DejaVuTest", 11)
        for number, line in enumerate(lines):
            doc.drawString(72, 760 - 15 * number, line)
        doc.showPage()
    doc.save()
    return path


def heavy_pdf(path: Path, operations: int) -> Path:
    """One page whose compressed content stream holds millions of text operations.

    A few kilobytes on disk that keep PDFium busy for seconds and, under a tight memory
    limit, make it abort: the kind of file a batch must survive.
    """
    packer = zlib.compressobj(1)
    chunk = b"(ab) Tj 0.01 0 Td " * 100_000
    parts = [packer.compress(b"BT /F1 1 Tf ")]
    parts += [packer.compress(chunk) for _ in range(operations // 100_000)]
    content = b"".join(parts) + packer.compress(b"ET") + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_ligatures_become_letters_and_search_finds_them(tmp_path: Path, empty_project) -> None:
    path = unicode_pdf(tmp_path / "typeset.pdf", [[
        "The \ufb01rst e\ufb03cient response to the con\ufb02ict came from Seoul.",
        "O\ufb00icials said the \ufb02ow of shells had slowed.",
    ]])
    doc = read_document(path)
    assert "first efficient response to the conflict" in doc.text
    assert "Officials" in doc.text and "flow" in doc.text
    assert not any(0xFB00 <= ord(ch) <= 0xFB06 for ch in doc.text)
    report = import_paths(empty_project, [path])
    assert len(report.added) == 1
    hits = search.search(empty_project, "first").hits
    assert [h.source_id for h in hits] == report.added


def test_lines_join_into_paragraphs_and_line_end_hyphens_are_undone(tmp_path: Path) -> None:
    path = unicode_pdf(tmp_path / "column.pdf", [[
        "The delegation met the negotiators in Geneva and the",
        "talks continued late into the night, with the nego-",
        "tiators agreeing on a short statement. A well-",
        "known diplomat chaired the session in Geneva today.",
        "",
        "Sanctions",
        "Officials said sanctions would follow within weeks if",
        "the troops stayed in Kursk beyond the end of the month.",
    ]])
    text = read_document(path).text
    assert "and the talks continued late into the night, with the negotiators agreeing" in text
    assert "A well-known diplomat" in text  # a real hyphen stays
    assert "\n\nSanctions\n\nOfficials said sanctions would follow within weeks if the troops" in text


def test_running_headers_and_footers_are_dropped_and_pages_kept(tmp_path: Path) -> None:
    topics = ["Troops crossed the border near Kursk in the early morning.",
              "Seoul asked the Security Council for an emergency session.",
              "Washington announced new sanctions on three shipping firms.",
              "Beijing called for restraint and offered to host talks."]
    pages = [["WORLD WIRE ANALYSIS — November 2024", topic, "More detail on this follows here.",
              f"Page {n + 1} of 4"] for n, topic in enumerate(topics)]
    doc = read_document(unicode_pdf(tmp_path / "report.pdf", pages))
    assert "WORLD WIRE" not in doc.text and "of 4" not in doc.text
    assert len(doc.pages) == 4
    for number, topic in enumerate(topics):
        start = doc.text.index(topic)
        assert sources.page_at(doc.pages, start) == number + 1


def test_clean_pages_offsets_match_the_joined_text() -> None:
    text, starts = clean_pages(["First page line.\r\n", "", "Third \ufb01le page."])
    assert text == "First page line.\n\nThird file page."
    assert starts == (0, 18, 18)
    assert text[starts[2]:].startswith("Third")


def test_junk_text_layer_is_refused_like_a_scan(tmp_path: Path) -> None:
    glyphs = "".join(f"/g{n}" for n in range(140, 160))
    path = unicode_pdf(tmp_path / "garbled.pdf", [[glyphs] * 30] * 3)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert str(caught.value).startswith("garbled.pdf has no usable text layer")
    replacement = unicode_pdf(tmp_path / "boxes.pdf", [["\ufffd" * 40 + " ok"] * 20])
    with pytest.raises(IngestError, match="no usable text layer"):
        read_document(replacement)


def test_creation_date_is_only_a_marked_guess(tmp_path: Path) -> None:
    dated = unicode_pdf(tmp_path / "dated.pdf", [["Ministry of Defence", "21 November 2024",
                                                  "The ministry reported troop movements near Kursk."]])
    doc = read_document(dated)
    assert doc.published == "2024-11-21" and doc.note == ""
    undated = unicode_pdf(tmp_path / "undated.pdf", [["The ministry reported troop movements near Kursk."]])
    doc = read_document(undated)
    assert doc.published and doc.note == pdf.DATE_GUESS_NOTE


def test_placeholder_titles_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "Annual review.pdf"
    doc = canvas.Canvas(str(path))
    doc.setTitle("(anonymous)")
    doc.drawString(72, 720, "The annual review of regional security.")
    doc.save()
    assert read_document(path).title == "Annual review"


def test_a_pdf_that_keeps_the_reader_busy_is_stopped_and_the_batch_goes_on(
        tmp_path: Path, empty_project, monkeypatch: pytest.MonkeyPatch) -> None:
    # About two seconds of PDFium's work (and 1 GB) against half a second of reading time; a
    # normal file takes milliseconds (the reader's start-up is not counted).
    monkeypatch.setattr(pdf, "TIME_LIMIT_SECONDS", 0.5)
    heavy_pdf(tmp_path / "a_spinning.pdf", 3_000_000)
    unicode_pdf(tmp_path / "b_fine.pdf", [["A normal report about talks in Geneva."]])
    report = import_paths(empty_project, [tmp_path])
    (failed_path, message), = report.failed
    assert failed_path.name == "a_spinning.pdf"
    assert message.startswith("a_spinning.pdf took too long to read (over 0.5 s) and was stopped")
    assert [sources.get(empty_project, i).filename for i in report.added] == ["b_fine.pdf"]


@pytest.mark.skipif(os.name == "nt", reason="the memory limit needs POSIX resource limits")
def test_a_pdf_that_crashes_the_reader_is_reported_and_the_batch_goes_on(
        tmp_path: Path, empty_project, monkeypatch: pytest.MonkeyPatch) -> None:
    # Under this limit PDFium aborts on the heavy page, while a normal file reads fine.
    monkeypatch.setattr(pdf, "MEMORY_LIMIT_MB", 150)
    heavy_pdf(tmp_path / "a_crashing.pdf", 2_000_000)
    unicode_pdf(tmp_path / "b_fine.pdf", [["A normal report about talks in Geneva."]])
    report = import_paths(empty_project, [tmp_path])
    (failed_path, message), = report.failed
    assert failed_path.name == "a_crashing.pdf"
    assert message.startswith("a_crashing.pdf stopped the PDF reader (it crashed or ran out of memory)")
    assert [sources.get(empty_project, i).filename for i in report.added] == ["b_fine.pdf"]
    assert empty_project.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_permission_only_aes_pdf_opens_without_a_password(tmp_path: Path) -> None:
    plain = unicode_pdf(tmp_path / "plain.pdf", [["Readable by anyone, printing restricted."]])
    locked = tmp_path / "protected.pdf"
    subprocess.run(["qpdf", "--encrypt", "", "owner-secret", "256", "--print=none", "--",
                    str(plain), str(locked)], check=True, capture_output=True)
    assert read_document(locked).text == "Readable by anyone, printing restricted."


def test_an_excerpt_from_page_3_is_cited_as_p_3_in_the_brief(tmp_path: Path) -> None:
    from workbench import sample
    import docx

    from workbench.brief.export import choose_brief, export_brief, export_pdf
    from workbench.store import cells, excerpts, frame

    pages = [["Background on the deployment and its timeline."],
             ["Estimates of troop numbers from several agencies."],
             ["The Security Council should convene an emergency session at once."]]
    pdf_path = unicode_pdf(tmp_path / "report.pdf", pages)
    with sample.create_empty(tmp_path / "brief.pbw", "Brief") as project:
        sample.add_default_actors(project)
        (source_id,) = import_paths(project, [pdf_path]).added
        text = sources.get(project, source_id).text
        start = text.index("The Security Council should")
        un = frame.find_actor(project, "UN")
        cell = cells.get(project, un.id, frame.find_instrument(project, "Diplomacy").id)
        cells.update(project, cell.id, posture="Call an emergency session", status="draft")
        excerpt = excerpts.cite(project, cell.id, source_id, start, start + 45)
        assert sources.excerpt_page(project, excerpt.id) == 3
        out = export_pdf(project, choose_brief(project), tmp_path / "brief.pdf")
        word = export_brief(project, choose_brief(project), tmp_path / "brief.docx", record=False).path
    printed = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert "[1, p. 3]" in printed
    assert any("[1, p. 3]" in p.text for p in docx.Document(str(word)).paragraphs)
