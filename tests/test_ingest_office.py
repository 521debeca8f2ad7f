"""Word (.docx) and OpenDocument (.odt) files: text in order, tables, properties, hostile archives."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest

from workbench.ingest import IngestError, read_document
from workbench.ingest.office import DATE_GUESS_NOTE
from workbench.ingest.importer import import_paths
from workbench.store import search, sources


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Options for the Kursk deployment", level=1)
    document.add_paragraph("Seoul and Washington weigh new sanctions on Pyongyang.")
    table = document.add_table(rows=2, cols=3)
    for row, cells in enumerate((("Actor", "Instrument", "Likelihood"),
                                 ("United States", "Sanctions", "likely"))):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    document.add_heading("Diplomacy", level=2)
    document.add_paragraph("The UN Security Council may convene an emergency session.")
    props = document.core_properties
    props.title = "Kursk options paper"
    props.author = "Jane Doe"
    props.created = dt.datetime(2024, 11, 21, 9, 30)
    document.save(str(path))
    return path


def make_odt(path: Path, body: str, meta: str = "") -> Path:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f'<?xml version="1.0"?><office:document-content {ns}>'
                                        f"<office:body><office:text>{body}</office:text></office:body>"
                                        "</office:document-content>")
        if meta:
            archive.writestr("meta.xml", f'<?xml version="1.0"?><office:document-meta {ns}>'
                                         f"<office:meta>{meta}</office:meta></office:document-meta>")
    return path


def test_docx_text_tables_and_properties(tmp_path: Path) -> None:
    doc = read_document(make_docx(tmp_path / "options.docx"))
    assert doc.format == "docx"
    assert doc.text == (
        "Options for the Kursk deployment\n\n"
        "Seoul and Washington weigh new sanctions on Pyongyang.\n\n"
        "Actor | Instrument | Likelihood\nUnited States | Sanctions | likely\n\n"
        "Diplomacy\n\n"
        "The UN Security Council may convene an emergency session."
    )
    assert (doc.title, doc.author) == ("Kursk options paper", "Jane Doe")
    # The creation date is when the file was made: a marked guess, not a fact.
    assert doc.published == "2024-11-21" and doc.note == DATE_GUESS_NOTE


def test_docx_imports_and_is_searchable(tmp_path: Path, empty_project) -> None:
    report = import_paths(empty_project, [make_docx(tmp_path / "options.docx")])
    (source_id,) = report.added
    assert sources.get(empty_project, source_id, with_text=False).title == "Kursk options paper"
    assert [h.source_id for h in search.search(empty_project, "emergency session").hits] == [source_id]


def test_odt_paragraphs_headings_tables_and_metadata(tmp_path: Path) -> None:
    body = ('<text:h text:outline-level="1">Troops near Kursk</text:h>'
            "<text:p>Seoul<text:s/>said<text:tab/>so.<text:note><text:note-body>"
            "<text:p>FOOTNOTE</text:p></text:note-body></text:note></text:p>"
            "<text:list><text:list-item><text:p>First point</text:p></text:list-item></text:list>"
            "<table:table><table:table-row><table:table-cell><text:p>EU</text:p></table:table-cell>"
            "<table:table-cell><text:p>Sanctions</text:p></table:table-cell></table:table-row></table:table>")
    meta = ("<dc:title>Kursk note</dc:title><meta:initial-creator>John Roe</meta:initial-creator>"
            "<meta:creation-date>2024-11-03T10:00:00</meta:creation-date>")
    doc = read_document(make_odt(tmp_path / "note.odt", body, meta))
    assert doc.format == "odt"
    assert doc.text == "Troops near Kursk\n\nSeoul said\tso.\n\nFirst point\n\nEU | Sanctions"
    assert (doc.title, doc.author, doc.published) == ("Kursk note", "John Roe", "2024-11-03")


def test_odt_with_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
            + ']><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
            "&i;</office:document-content>")
    path = tmp_path / "bomb.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", bomb)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert str(caught.value).startswith("bomb.odt ")


def test_zip_bomb_and_non_zip_are_refused_with_plain_messages(tmp_path: Path) -> None:
    bomb = tmp_path / "huge.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(IngestError) as caught:
        read_document(bomb)
    assert str(caught.value) == "huge.docx would unpack to far more than its size; it was not read"
    fake = tmp_path / "letter.docx"
    fake.write_text("Dear colleague, this is plain text.", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_document(fake)
    assert str(caught.value) == "letter.docx is not a Word (.docx) file or is damaged"
