"""PDF files: text layer, metadata, and a plain message for every kind of bad PDF."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from workbench.ingest import IngestError, read_document


def make_pdf(path: Path, pages: list[list[str]], title: str = "", author: str = "") -> Path:
    pdf = canvas.Canvas(str(path))
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    for lines in pages:
        for number, line in enumerate(lines):
            pdf.drawString(72, 750 - 16 * number, line)
        pdf.showPage()
    pdf.save()
    return path


def encrypt(source: Path, target: Path, user_password: str) -> Path:
    writer = PdfWriter()
    writer.append(PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    writer.write(target)
    return target


def message(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        read_document(path)
    return str(caught.value)


def test_text_layer_and_metadata(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "brief.pdf",
                    [["North Korea sent troops.", "The U.S. responded."], ["Second page."]],
                    title="Troops Brief", author="Jane Doe")
    doc = read_document(path)
    assert doc.format == "pdf"
    assert doc.filename == "brief.pdf"
    assert doc.text == "North Korea sent troops. The U.S. responded.\n\nSecond page."
    assert doc.pages == (0, len("North Korea sent troops. The U.S. responded.\n\n"))
    assert doc.title == "Troops Brief"
    assert doc.author == "Jane Doe"
    # reportlab stamps today as the creation date: only a guess at publication, and marked so
    assert len(doc.published) == 10 and doc.published[4] == "-"
    assert doc.note == "Publication date guessed from the PDF's creation date."


def test_title_falls_back_to_file_name(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "Annual report 2024.pdf", [["Some text."]])
    assert read_document(path).title == "Annual report 2024"


def test_encrypted_pdf_is_refused_with_a_plain_message(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", [["Secret text."]])
    path = encrypt(plain, tmp_path / "report.pdf", "secret")
    assert message(path) == "report.pdf is encrypted; remove the password and import it again"


def test_pdf_encrypted_with_empty_password_opens(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", [["Readable without a password."]])
    path = encrypt(plain, tmp_path / "restricted.pdf", "")
    assert read_document(path).text == "Readable without a password."


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "whole.pdf", [["Some text here."]]).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert message(path) == "cut.pdf could not be read as a PDF; the file may be damaged or incomplete"


def test_random_bytes_after_a_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "noise.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert "could not be read as a PDF" in message(path)


def test_not_a_pdf_at_all(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_text("Dear colleague, this is plain text.", encoding="utf-8")
    assert message(path) == "letter.pdf is not a PDF file, although its name ends in .pdf"


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    text = message(path)
    assert text.startswith("scan.pdf has no text layer")
    assert "OCR" in text


def test_deeply_nested_objects_do_not_crash(tmp_path: Path) -> None:
    # An array nested 100,000 levels deep, where pypdf's recursive parser would recurse.
    body = b"[" * 100_000 + b"]" * 100_000
    data = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X " + body + b" >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    path = tmp_path / "nested.pdf"
    path.write_bytes(data)
    assert message(path).startswith("nested.pdf ")


@pytest.mark.slow
def test_five_hundred_pages_in_reasonable_time(tmp_path: Path) -> None:
    animals = ("fox", "cat", "owl", "elk", "yak", "emu", "ram")
    pages = [[f"Line {n} about the {animals[(p + n) % 7]}: it jumps over the lazy dog." for n in range(40)]
             for p in range(500)]
    path = make_pdf(tmp_path / "long.pdf", pages)
    started = time.monotonic()
    doc = read_document(path)
    assert time.monotonic() - started < 60
    assert doc.text.count("Line 39 about the") == 500
    assert len(doc.pages) == 500
