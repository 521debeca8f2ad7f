"""Dataclasses for what a project holds. Rows come out of the store as these."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedDocument:
    """A file read into text, before it becomes a source. Produced by ingest."""

    text: str
    title: str
    format: str  # "txt", "md", "html", "pdf", "docx", "odt", "record" (a library record)
    filename: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""  # ISO date "YYYY-MM-DD" (or "YYYY-MM", "YYYY"), "" if unknown
    url: str = ""
    note: str = ""  # e.g. how a date was guessed, or that only an abstract was available
    pages: tuple[int, ...] = ()  # where each page starts in text (paged formats only)


@dataclass(frozen=True)
class Source:
    id: int
    uuid: str
    title: str
    author: str
    outlet: str
    published: str
    url: str
    filename: str
    format: str
    sha256: str
    reliability: str  # Admiralty A-F
    note: str
    imported_at: str
    updated_at: str
    updated_by: str
    length: int = 0  # characters of text
    text: str | None = None  # only filled when asked for


@dataclass(frozen=True)
class Actor:
    id: int
    uuid: str
    name: str
    aliases: tuple[str, ...]
    position: int
    updated_at: str = ""
    updated_by: str = ""

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Instrument:
    id: int
    uuid: str
    name: str
    terms: tuple[str, ...]
    position: int
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class Cell:
    id: int
    uuid: str
    actor_id: int
    instrument_id: int
    posture: str
    options: str  # Markdown
    likelihood: str  # one of scales.LIKELIHOOD or ""
    confidence: str  # one of scales.CONFIDENCE or ""
    priority: str  # one of scales.PRIORITY or ""
    status: str  # one of scales.STATUS
    updated_at: str = ""
    updated_by: str = ""
    evidence_count: int = 0
    disputes: int = 0  # open disagreements with a colleague's copy (the matrix marks them)

    def summary(self) -> str:
        """One line for the matrix grid: the posture, else the first line of the options."""
        text = self.posture.strip() or self.options.strip()
        return text.splitlines()[0] if text else ""


# Fields of a cell a user edits; the store accepts exactly these in updates.
CELL_FIELDS: tuple[str, ...] = ("posture", "options", "likelihood", "confidence", "priority", "status")


@dataclass(frozen=True)
class Excerpt:
    """A passage of a source, anchored by character offsets into the source's text snapshot."""

    id: int
    uuid: str
    source_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    credibility: int  # Admiralty 1-6
    note: str
    updated_at: str = ""
    updated_by: str = ""
    source_title: str = ""


@dataclass
class Brief:
    """A brief definition saved in the project."""

    name: str
    title: str = ""
    subtitle: str = ""
    author: str = ""
    date: str = ""  # ISO date
    marking: str = "TLP:AMBER"
    bluf: str = ""  # Markdown
    key_judgments: str = ""  # Markdown
    recommendation: str = ""  # Markdown
    actors: list[str] = field(default_factory=list)  # actor uuids; empty means all
    instruments: list[str] = field(default_factory=list)  # instrument uuids; empty means all
    group_by: str = "actor"  # "actor" or "instrument"
    include_evidence: bool = True
    include_sources: bool = True
    id: int | None = None
    uuid: str = ""
    updated_at: str = ""
    updated_by: str = ""
