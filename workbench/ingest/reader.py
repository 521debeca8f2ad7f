"""Reading one file of any supported type into a ParsedDocument."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbench.domain.models import ParsedDocument
from workbench.ingest.errors import IngestError, display_name
from workbench.ingest.files import SUPPORTED_WORDS, is_supported
from workbench.ingest.library import LIBRARY_SUFFIXES, Entry, read_library
from workbench.ingest.markdown_text import markdown_metadata
from workbench.ingest.metadata import guess_metadata
from workbench.ingest.text import MAX_FILE_BYTES, clean_text, decode_bytes

_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".pdf": "pdf", ".docx": "docx", ".odt": "odt"}


def read_documents(path: Path) -> list[Entry]:
    """The documents in ``path``: one for most files, one per record for library exports.

    Each entry is (label, document) or (label, IngestError for that record); a problem with
    the file as a whole raises IngestError.
    """
    path = Path(path)
    if path.suffix.lower() in LIBRARY_SUFFIXES:
        try:
            return read_library(path, read_bytes(path), read_document)
        except RecursionError:
            raise IngestError(f"{display_name(path)} is too deeply nested to read safely") from None
    return [(path.name, read_document(path))]


def read_document(path: Path) -> ParsedDocument:
    """Read ``path`` (.txt, .md, .html/.htm, .pdf, .docx or .odt) into text and metadata.

    Raises IngestError with one plain sentence for anything that stops the import:
    unsupported type, unreadable, too big, damaged, encrypted or without text.
    Reads no file but ``path`` and makes no network request.
    """
    path = Path(path)
    name = display_name(path)
    if not is_supported(path):
        kind = path.suffix.lower() or "no extension"
        raise IngestError(f"{name} is not a supported file type ({kind}); import {SUPPORTED_WORDS}")
    if path.suffix.lower() in LIBRARY_SUFFIXES:
        raise IngestError(f"{name} is a library export; import it on its own, not as an attachment")
    data = read_bytes(path)
    fmt = _FORMATS[path.suffix.lower()]
    try:
        doc = _parse(data, fmt, name)
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(f"{name} is too deeply nested to read safely") from None
    except Exception:
        # A reader bug must not become a traceback in the user's face.
        raise IngestError(f"{name} could not be read; the file may be damaged") from None
    if not doc.text.strip():
        raise IngestError(f"{name} has no text to import")
    title = doc.title or path.stem
    return ParsedDocument(text=doc.text, title=title, format=fmt, filename=path.name,
                          author=doc.author, outlet=doc.outlet, published=doc.published,
                          url=doc.url, note=doc.note, pages=doc.pages)


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; IngestError if missing, odd or too big."""
    name = display_name(path)
    # O_NONBLOCK: opening a FIFO someone named "notes.txt" must not hang the import.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise IngestError(f"{name} was not found") from None
    except IsADirectoryError:
        raise IngestError(f"{name} is a folder, not a file") from None
    except PermissionError:
        raise IngestError(f"{name} could not be opened: permission denied") from None
    except OSError:
        raise IngestError(f"{name} could not be opened") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(f"{name} is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"{name} is not a regular file")
        if info.st_size > limit:
            raise IngestError(_too_big(name, limit))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)  # the file may grow while we read it
    except OSError:
        raise IngestError(f"{name} could not be read") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise IngestError(_too_big(name, limit))
    if not data:
        raise IngestError(f"{name} is empty")
    return data


def _too_big(name: str, limit: int) -> str:
    return f"{name} is larger than {limit // (1024 * 1024)} MB; split it or import a smaller file"


def _parse(data: bytes, fmt: str, name: str) -> ParsedDocument:
    # Each format's reader is loaded with its first file: a reader process that is given
    # only text files starts sooner.
    if fmt == "pdf":
        from workbench.ingest.pdf import extract_pdf

        pdf = extract_pdf(data, name)
        return ParsedDocument(pdf.text, pdf.title, fmt, author=pdf.author, published=pdf.published,
                              note=pdf.note, pages=pdf.pages)
    if fmt in ("docx", "odt"):
        from workbench.ingest.office import extract_docx, extract_odt

        office = (extract_docx if fmt == "docx" else extract_odt)(data, name)
        return ParsedDocument(office.text, office.title, fmt, author=office.author,
                              published=office.published, note=office.note)
    if fmt == "html":
        from workbench.ingest.html import declared_charset
        from workbench.ingest.web import extract_web_page  # trafilatura loads with the first page

        page = extract_web_page(decode_bytes(data, declared_charset(data)))
        return ParsedDocument(page.text, page.title, fmt, author=page.author,
                              outlet=page.outlet, published=page.published, url=page.url,
                              note=page.note)
    text = clean_text(decode_bytes(data))
    if fmt == "md":
        fields = markdown_metadata(text)
        return ParsedDocument(text, fields.get("title", ""), fmt, author=fields.get("author", ""),
                              published=fields.get("date", ""))
    meta = guess_metadata(text)
    return ParsedDocument(text, meta.title, fmt, author=meta.author, outlet=meta.outlet,
                          published=meta.published)
