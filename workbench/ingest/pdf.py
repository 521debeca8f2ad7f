"""The text layer and metadata of a PDF, read with pypdf.

PDFs from elsewhere are often encrypted, damaged, scanned without text, or crafted to
trip parsers. Each case becomes an IngestError with a sentence the user can act on;
nothing else escapes.
"""

from __future__ import annotations

import io
import logging
import re
import time
from dataclasses import dataclass

from pypdf import PasswordType, PdfReader

from workbench.ingest.errors import IngestError
from workbench.ingest.metadata import clean_person, normalise_date
from workbench.ingest.text import clean_text

# A PDF that takes longer than this to yield its text is treated as pathological;
# a normal 500-page report takes a few seconds.
TIME_BUDGET_SECONDS = 180.0

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Producer boilerplate that is not a real title.
_JUNK_TITLE = re.compile(
    r"^(?:untitled|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|odt|rtf|pptx?|indd|qxd))$",
    re.I,
)


@dataclass(frozen=True)
class PdfResult:
    """Text of all pages ("\\n\\n" between pages) and the document's own metadata."""

    text: str
    title: str = ""
    author: str = ""
    published: str = ""


def extract_pdf(data: bytes, name: str) -> PdfResult:
    """Read the text layer of the PDF in ``data``; ``name`` is used in messages only."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError(f"{name} is not a PDF file, although its name ends in .pdf")
    # pypdf logs a warning for every small defect it repairs; users see our message.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader, name)
        texts = _page_texts(reader, name)
        info = _metadata(reader)
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(f"{name} is too deeply nested to read safely; it may be damaged") from None
    except MemoryError:
        raise IngestError(f"{name} needs more memory to read than is available") from None
    except Exception:
        raise IngestError(
            f"{name} could not be read as a PDF; the file may be damaged or incomplete"
        ) from None
    text = clean_text("\n\n".join(t.strip() for t in texts if t.strip()))
    if not text.strip():
        raise IngestError(
            f"{name} has no text layer (it looks like scanned pages); "
            "run it through OCR first and import the result"
        )
    return PdfResult(text, *info)


def _unlock(reader: PdfReader, name: str) -> None:
    """Open PDFs that are encrypted with an empty user password; refuse the rest."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:
        # e.g. an AES-encrypted file and no crypto library installed
        unlocked = False
    if not unlocked:
        raise IngestError(f"{name} is encrypted; remove the password and import it again")


def _page_texts(reader: PdfReader, name: str) -> list[str]:
    started = time.monotonic()
    texts: list[str] = []
    for page in reader.pages:
        texts.append(page.extract_text() or "")
        if time.monotonic() - started > TIME_BUDGET_SECONDS:
            raise IngestError(f"{name} took too long to read; it may be damaged or unusually complex")
    return texts


def _metadata(reader: PdfReader) -> tuple[str, str, str]:
    """(title, author, published) from the document information, "" where unusable."""
    try:
        info = reader.metadata or {}
        raw = {key: info.get(key) for key in ("/Title", "/Author", "/CreationDate")}
    except Exception:
        return "", "", ""  # a damaged info dictionary should not cost the text
    title = _plain(raw["/Title"])
    if _JUNK_TITLE.match(title):
        title = ""
    return title[:300], clean_person(_plain(raw["/Author"])), _pdf_date(_plain(raw["/CreationDate"]))


def _plain(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(clean_text(value).split())


def _pdf_date(value: str) -> str:
    """ISO date from a PDF date string such as "D:20241121093000+01'00'"."""
    match = _PDF_DATE.match(value)
    if not match:
        return ""
    year, month, day = match.groups()
    if month and day:
        return normalise_date(f"{year}-{month}-{day}")
    return normalise_date(f"{year}-{month}") if month else ""
