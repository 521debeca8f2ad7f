"""The text layer and metadata of a PDF, read with PDFium in a separate process.

PDFs from elsewhere are often encrypted, damaged, scanned without text, or crafted to trip
parsers. PDFium is fast and reads most of them well, but it is C++: here it runs in a child
process (pdf_worker, kept for a batch of files by pdf_reader) with a memory limit, and is
killed when it runs over the time limit, so a hostile file can neither hang nor crash the
app. Each failure becomes an IngestError with a sentence the user can act on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from workbench.ingest.errors import IngestError
from workbench.ingest.metadata import clean_person, guess_metadata, normalise_date
from workbench.ingest.pdf_text import clean_pages, fold
from workbench.ingest.text import clean_text

# A normal 500-page report takes a few seconds; far longer means a pathological file.
TIME_LIMIT_SECONDS = 120.0
# Address space for the reader process; text extraction of real reports needs far less.
MEMORY_LIMIT_MB = 2048

_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Producer boilerplate and placeholders that are not a real title.
_JUNK_TITLE = re.compile(
    r"^(?:untitled(?: document)?|\(?anonymous\)?|unknown|title|document\d*|slide \d+|"
    r"microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|odt|rtf|pptx?|indd|qxd|tex|dvi))$",
    re.I,
)
# Signs of a text layer that does not map glyphs to letters.
_GLYPH_NAMES = re.compile(r"/(?:g|uni|cid|G|glyph)[0-9A-Fa-f]{1,5}\b|\(cid:\d+\)")
_MIN_LETTERS_PER_PAGE = 10
DATE_GUESS_NOTE = "Publication date guessed from the PDF's creation date."


@dataclass(frozen=True)
class PdfResult:
    """Text of all pages ("\\n\\n" between pages), page start offsets and metadata."""

    text: str
    title: str = ""
    author: str = ""
    published: str = ""
    note: str = ""
    pages: tuple[int, ...] = ()


def extract_pdf(data: bytes, name: str) -> PdfResult:
    """Read the text layer of the PDF in ``data``; ``name`` is used in messages only."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError(f"{name} is not a PDF file, although its name ends in .pdf")
    result = _run_worker(data, name)
    if result.get("error") == "encrypted":
        raise IngestError(f"{name} is encrypted; remove the password and import it again")
    raw_pages = result.get("pages")
    if result.get("error") or not isinstance(raw_pages, list):
        raise IngestError(f"{name} could not be read as a PDF; the file may be damaged or incomplete")
    raw_pages = [p if isinstance(p, str) else "" for p in raw_pages]
    if not any(p.strip() for p in raw_pages):
        raise IngestError(
            f"{name} has no text layer (it looks like scanned pages); "
            "run it through OCR first and import the result"
        )
    if is_junk(raw_pages):
        raise IngestError(
            f"{name} has no usable text layer (its text is unreadable glyph codes, like a bad "
            "scan); run it through OCR first and import the result"
        )
    text, starts = clean_pages(raw_pages)
    meta = result.get("meta") if isinstance(result.get("meta"), dict) else {}
    first_lines = "\n".join(line.strip() for line in fold(raw_pages[0]).split("\n"))
    title, author, published, note = _metadata(meta, clean_text(first_lines)[:4000])
    return PdfResult(text, title, author, published, note, starts)


def _run_worker(data: bytes, name: str) -> dict[str, object]:
    from workbench.ingest.pdf_reader import ReaderGone, ReaderTimeout, read_pdf_bytes

    try:
        output = read_pdf_bytes(data, MEMORY_LIMIT_MB, TIME_LIMIT_SECONDS)
    except ReaderTimeout:
        raise IngestError(f"{name} took too long to read (over {TIME_LIMIT_SECONDS:g} s) and was "
                          "stopped; it may be damaged or built to trip PDF readers") from None
    except ReaderGone as gone:
        if str(gone) == "could not start":
            raise IngestError(f"{name} could not be read: the PDF reader could not be started") from None
        output = b""
    try:
        result = json.loads(output) if output else None
    except ValueError:
        result = None
    if not isinstance(result, dict):
        raise IngestError(f"{name} stopped the PDF reader (it crashed or ran out of memory); "
                          "the file may be damaged or built to trip PDF readers")
    return result


def is_junk(raw_pages: list[str]) -> bool:
    """True if the text layer is mostly glyph names, replacement characters or non-letters."""
    text = "".join(raw_pages)
    visible = sum(1 for ch in text if not ch.isspace())
    if not visible:
        return True
    glyph_chars = sum(len(m) for m in _GLYPH_NAMES.findall(text))
    bad = text.count("\ufffd") + glyph_chars
    letters = sum(1 for ch in text if ch.isalpha())
    # A few words on a one-page form are text; three letters across a 20-page report are not.
    too_few = letters < 5 or (len(raw_pages) >= 3 and letters < _MIN_LETTERS_PER_PAGE * len(raw_pages))
    return bad > 0.1 * visible or letters < 0.4 * visible or too_few


def _metadata(info: dict[str, str], first_page: str) -> tuple[str, str, str, str]:
    """(title, author, published, note) from the document information and the first page."""
    title = _plain(info.get("Title", ""))
    if _JUNK_TITLE.match(title):
        title = ""
    author = clean_person(_plain(info.get("Author", "")))
    # A date printed on the first page is the document's; the creation date is only when
    # this copy of the file was made, so it is a guess and says so.
    published = guess_metadata(first_page).published
    note = ""
    if not published:
        published = _pdf_date(_plain(info.get("CreationDate", "")))
        note = DATE_GUESS_NOTE if published else ""
    return title[:300], author, published, note


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
