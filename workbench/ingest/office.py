"""Word (.docx) and OpenDocument (.odt) files: paragraphs, headings, tables and properties.

Both are zip archives of XML. The archive is checked before anything is unpacked (a small
file can inflate to gigabytes); the XML parsers used resolve no external entities and fetch
nothing. A document's creation date is when the file was made, not when the text was
published, so it is only used as a marked guess.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from workbench.ingest.errors import IngestError
from workbench.ingest.metadata import clean_person, normalise_date
from workbench.ingest.text import clean_text

_MAX_UNPACKED = 200 * 1024 * 1024
_MAX_RATIO = 200  # a text document compresses far less than this
DATE_GUESS_NOTE = "Publication date guessed from the document's creation date."


@dataclass(frozen=True)
class OfficeResult:
    text: str
    title: str = ""
    author: str = ""
    published: str = ""
    note: str = ""


def check_archive(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The zip archive in *data*, refused if it is not one or would unpack to too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise IngestError(f"{name} is not a {kind} file or is damaged") from None
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > _MAX_UNPACKED or unpacked > _MAX_RATIO * packed + 10_000_000:
        raise IngestError(f"{name} would unpack to far more than its size; it was not read")
    return archive


def extract_docx(data: bytes, name: str) -> OfficeResult:
    """Text (headings, paragraphs, tables in order) and core properties of a .docx file."""
    check_archive(data, name, "Word (.docx)")
    import docx  # python-docx: loaded only when a Word file is imported
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise IngestError(f"{name} is not a Word (.docx) file or is damaged") from None
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            blocks.extend(_docx_table(item))
        else:
            text = item.text.strip()
            if text:
                blocks.append(text)
    props = document.core_properties
    created = props.created.date().isoformat() if props.created else ""
    return _result(blocks, props.title or "", props.author or "", created)


def _docx_table(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or cells[-1] != text:  # merged cells repeat their text
                cells.append(text)
        line = " | ".join(cells).strip(" |")
        if line:
            rows.append(line)
    return ["\n".join(rows)] if rows else []


_ODF = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def extract_odt(data: bytes, name: str) -> OfficeResult:
    """Text and metadata of an OpenDocument text (.odt) file."""
    archive = check_archive(data, name, "OpenDocument (.odt)")
    try:
        content = ElementTree.fromstring(archive.read("content.xml"))
        meta_xml = archive.read("meta.xml") if "meta.xml" in archive.namelist() else b""
        meta = ElementTree.fromstring(meta_xml) if meta_xml else None
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, ValueError):
        raise IngestError(f"{name} is not an OpenDocument (.odt) file or is damaged") from None
    body = content.find("office:body/office:text", _ODF)
    blocks: list[str] = []
    if body is not None:
        _odt_blocks(body, blocks)

    def field(path: str) -> str:
        node = meta.find(f"office:meta/{path}", _ODF) if meta is not None else None
        return (node.text or "") if node is not None else ""

    return _result(blocks, field("dc:title"), field("meta:initial-creator") or field("dc:creator"),
                   field("meta:creation-date")[:10])


def _odt_blocks(node: ElementTree.Element, blocks: list[str]) -> None:
    for child in node:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "h"):
            text = _odt_text(child).strip()
            if text:
                blocks.append(text)
        elif tag == "table":
            rows = []
            for row in child.iter(f"{{{_ODF['table']}}}table-row"):
                cells = [" ".join(_odt_text(c).split()) for c in row
                         if c.tag.endswith("}table-cell")]
                line = " | ".join(cells).strip(" |")
                if line:
                    rows.append(line)
            if rows:
                blocks.append("\n".join(rows))
        else:
            _odt_blocks(child, blocks)  # sections, lists, list items


def _odt_text(node: ElementTree.Element) -> str:
    parts = [node.text or ""]
    for child in node:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "s":
            parts.append(" ")
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        elif tag not in ("note", "annotation"):
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _result(blocks: list[str], title: str, author: str, created: str) -> OfficeResult:
    text = clean_text("\n\n".join(blocks))
    published = normalise_date(created) if created else ""
    return OfficeResult(text, " ".join(clean_text(title).split())[:300],
                        clean_person(clean_text(author)), published,
                        DATE_GUESS_NOTE if published else "")
