"""Reference-manager exports: CSL-JSON (Zotero), RIS and BibTeX, one source per record.

Each record keeps its title, authors, outlet (journal, site, publisher), date, URL or DOI.
Its text is the attached file's when the export points to one that exists inside the
export's own folder (Zotero's "Export with files" writes `files/<n>/<name>`); links
leading anywhere else are not followed. A record without a readable attachment becomes a
source with its abstract (or note), and its note says so.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.domain.models import ParsedDocument
from workbench.ingest.errors import IngestError, display_name, one_line
from workbench.ingest.metadata import normalise_date
from workbench.ingest.text import clean_text, decode_bytes

LIBRARY_SUFFIXES = (".json", ".ris", ".bib")
MAX_RECORDS = 20_000
ABSTRACT_NOTE = "Library record without an attached text: the text is its abstract."
NOTE_NOTE = "Library record without an attached text: the text is its note."
BARE_NOTE = "Library record without an attached text or abstract: the text is its citation."
_ATTACHABLE = (".pdf", ".html", ".htm", ".txt", ".md", ".docx", ".odt")


@dataclass(frozen=True)
class Record:
    """One bibliographic record, in plain fields."""

    title: str = ""
    authors: tuple[str, ...] = ()
    outlet: str = ""
    published: str = ""
    url: str = ""
    abstract: str = ""
    note: str = ""
    files: tuple[str, ...] = ()  # attachment paths as written in the export


# (label for messages, document or the reason there is none)
Entry = tuple[str, ParsedDocument | IngestError]
ReadFile = Callable[[Path], ParsedDocument]


def read_library(path: Path, data: bytes, read_file: ReadFile) -> list[Entry]:
    """The records of a CSL-JSON, RIS or BibTeX file as documents ready to import."""
    name = display_name(path)
    text = clean_text(decode_bytes(data))
    suffix = path.suffix.lower()
    try:
        records = {".json": _csl_json, ".ris": _ris, ".bib": _bibtex}[suffix](text, name)
    except IngestError:
        raise
    except (RecursionError, ValueError, KeyError, TypeError, AttributeError):
        raise IngestError(f"{name} could not be read as a {_KIND[suffix]} file") from None
    if not records:
        raise IngestError(f"{name} holds no records")
    folder = path.parent
    return [_entry(path.name, i, r, folder, read_file) for i, r in enumerate(records[:MAX_RECORDS], 1)]


_KIND = {".json": "CSL-JSON", ".ris": "RIS", ".bib": "BibTeX"}


def _entry(file_name: str, number: int, record: Record, folder: Path, read_file: ReadFile) -> Entry:
    label = f"{file_name} record {number}" + (f" ({one_line(record.title, 60)})" if record.title else "")
    problems: list[str] = []
    for raw in record.files:
        attachment = _inside(folder, raw)
        if attachment is None:
            problems.append(f"its attachment {one_line(raw, 80)} is not inside the export's folder "
                            "or does not exist; it was not read")
            continue
        try:
            doc = read_file(attachment)
        except IngestError as error:
            problems.append(str(error))
            continue
        return label, _with_record(doc, record, "")
    if record.abstract.strip():
        text, note = record.abstract, ABSTRACT_NOTE
    elif record.note.strip():
        text, note = record.note, NOTE_NOTE
    else:
        text, note = _citation(record), BARE_NOTE
    if problems:
        note += " " + " ".join(problems)
    doc = ParsedDocument(text=clean_text(text).strip(), title="", format="record", filename=file_name)
    return label, _with_record(doc, record, note)


def _with_record(doc: ParsedDocument, record: Record, note: str) -> ParsedDocument:
    """The record's own fields win over what was guessed from the attached file."""
    return replace(
        doc,
        title=record.title or doc.title,
        author=", ".join(record.authors)[:200] or doc.author,
        outlet=record.outlet[:200] or doc.outlet,
        published=record.published or doc.published,
        url=record.url or doc.url,
        note=" ".join(filter(None, (doc.note, note)))[:1000],
    )


def _citation(record: Record) -> str:
    parts = [", ".join(record.authors), record.title, record.outlet, record.published, record.url]
    return ". ".join(p for p in parts if p) or "Untitled record"


def _inside(folder: Path, raw: str) -> Path | None:
    """The attachment's path if it is a file of a readable kind inside *folder*."""
    raw = raw.strip()
    if raw.lower().startswith("file://"):
        raw = raw[7:]
    if not raw or "\x00" in raw or raw.lower().startswith(("http:", "https:", "ftp:")):
        return None
    candidate = Path(raw) if os.path.isabs(raw) else folder / raw
    try:
        real = candidate.resolve(strict=True)
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(root) or not real.is_file() or real.suffix.lower() not in _ATTACHABLE:
        return None
    return real


# -- CSL-JSON ------------------------------------------------------------------------

def _csl_json(text: str, name: str) -> list[Record]:
    try:
        data = json.loads(text)
    except ValueError:
        raise IngestError(f"{name} is not a CSL-JSON file (it is not valid JSON)") from None
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
        raise IngestError(f"{name} is not a CSL-JSON file (expected a list of records)")
    if data and not any("title" in i or "type" in i for i in data):
        raise IngestError(f"{name} is not a CSL-JSON file (its items have no title or type)")
    return [Record(
        title=_flat(item.get("title")),
        authors=tuple(filter(None, (_csl_name(a) for a in _list(item.get("author"))))),
        outlet=_flat(item.get("container-title")) or _flat(item.get("publisher")),
        published=_csl_date(item.get("issued")),
        url=_url(_flat(item.get("URL")), _flat(item.get("DOI"))),
        abstract=_flat(item.get("abstract"), keep_lines=True),
        note=_flat(item.get("note"), keep_lines=True),
    ) for item in data]


def _csl_name(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    if value.get("literal"):
        return _flat(value["literal"])
    return " ".join(filter(None, (_flat(value.get("given")), _flat(value.get("family")))))


def _csl_date(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [p for p in parts[0][:3] if isinstance(p, (int, str)) and str(p).isdigit()]
        if numbers:
            return _date_from_parts(*[int(p) for p in numbers])
    return normalise_date(_flat(value.get("raw")))


# -- RIS -----------------------------------------------------------------------------

def _ris(text: str, name: str) -> list[Record]:
    import rispy  # loaded only when an RIS file is imported

    if not re.search(r"^TY  - ", text, re.M):
        raise IngestError(f"{name} is not an RIS file (no TY record start)")
    records = []
    for item in rispy.loads(text, skip_unknown_tags=True):
        authors = _list(item.get("authors")) + _list(item.get("first_authors"))
        files = [*_list(item.get("file_attachments1")), *_list(item.get("file_attachments2"))]
        records.append(Record(
            title=_flat(item.get("title") or item.get("primary_title") or item.get("translated_title")),
            authors=tuple(_inverted(_flat(a)) for a in authors if _flat(a)),
            outlet=_flat(item.get("secondary_title") or item.get("journal_name")
                         or item.get("alternate_title3") or item.get("publisher")),
            published=_loose_date(_flat(item.get("date")) or _flat(item.get("year"))
                                  or _flat(item.get("publication_year"))),
            url=_url(_flat(_list(item.get("urls"))[0] if _list(item.get("urls")) else ""),
                     _flat(item.get("doi"))),
            abstract=_flat(item.get("abstract"), keep_lines=True),
            note=_flat(" ".join(str(n) for n in _list(item.get("notes"))), keep_lines=True),
            files=tuple(f for raw in files for f in str(raw).split(";") if f.strip()),
        ))
    return records


# -- BibTeX --------------------------------------------------------------------------

def _bibtex(text: str, name: str) -> list[Record]:
    import bibtexparser  # loaded only when a BibTeX file is imported
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    if not library.entries:
        raise IngestError(f"{name} is not a BibTeX file (no @entries found)")
    records = []
    for entry in library.entries:
        f = {k.lower(): _flat(v.value) for k, v in entry.fields_dict.items() if isinstance(v.value, str)}
        authors = [a for a in re.split(r"\s+and\s+", f.get("author", "") or f.get("editor", "")) if a]
        month = _MONTHS.get(f.get("month", "")[:3].lower(), 0) or (
            int(f["month"]) if f.get("month", "").isdigit() else 0)
        published = _loose_date(f.get("date", ""))
        if not published and f.get("year", "").isdigit():
            published = _date_from_parts(int(f["year"]), month)
        records.append(Record(
            title=_unbrace(f.get("title", "")),
            authors=tuple(_inverted(_unbrace(a)) for a in authors),
            outlet=_unbrace(f.get("journal") or f.get("journaltitle") or f.get("booktitle")
                            or f.get("publisher") or f.get("institution") or f.get("howpublished", "")),
            published=published,
            url=_url(f.get("url", ""), f.get("doi", "")),
            abstract=f.get("abstract", ""),
            note=f.get("note", "") or f.get("annote", ""),
            files=tuple(_bibtex_files(f.get("file", ""))),
        ))
    return records


def _bibtex_files(value: str) -> list[str]:
    """Paths in a `file` field: Zotero/JabRef "Description:path:type;..." or plain paths."""
    out = []
    for part in value.split(";"):
        pieces = part.split(":")
        if len(pieces) >= 3:
            path = ":".join(pieces[1:-1])  # the description and type sit around the path
        else:
            path = part
        path = path.replace("\\:", ":").strip()
        if path:
            out.append(path)
    return out


# -- shared helpers ------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _flat(value: Any, keep_lines: bool = False) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return ""
    value = clean_text(value)
    if keep_lines:
        return value.strip()[:200_000]
    return " ".join(value.split())[:2000]


def _unbrace(value: str) -> str:
    return " ".join(value.replace("{", "").replace("}", "").split())


def _inverted(name: str) -> str:
    """"Doe, Jane" -> "Jane Doe"; other forms as they are."""
    if name.count(",") == 1:
        family, given = (p.strip() for p in name.split(","))
        return f"{given} {family}".strip()
    return name


def _date_from_parts(year: int, month: int = 0, day: int = 0) -> str:
    if not 1000 <= year <= 2200:
        return ""
    if not month:
        return f"{year:04d}"
    if not day:
        return normalise_date(f"{year:04d}-{month:02d}")
    return normalise_date(f"{year:04d}-{month:02d}-{day:02d}")


def _loose_date(value: str) -> str:
    """RIS and BibTeX dates: "2023/05/02/", "2023/05//", "2023", "2023-05-02"."""
    numbers = [int(n) for n in re.findall(r"\d+", value)[:3]]
    if not numbers or not 1000 <= numbers[0] <= 2200:
        return ""
    return _date_from_parts(*numbers)


def _url(url: str, doi: str) -> str:
    if url.lower().startswith(("http://", "https://")) and " " not in url:
        return url[:2048]
    doi = doi.strip().removeprefix("https://doi.org/").removeprefix("doi:")
    return f"https://doi.org/{doi}"[:2048] if re.match(r"^10\.\d{3,9}/\S+$", doi) else ""
