"""Gather what a brief shows from the project into plain, ordered data (no reportlab here).

Everything is ordered by the matrix's own order (actor and instrument positions, evidence
positions) and sources are numbered by first citation, so the same project and brief always
give the same content, and so the same PDF bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from workbench.domain import scales
from workbench.domain.models import Actor, Brief, Cell, Instrument
from workbench.store import briefs as brief_store
from workbench.store import cells as cell_store
from workbench.store import excerpts, frame, sources
from workbench.store.project import Project

if TYPE_CHECKING:
    from workbench.brief.changes import Changes


@dataclass(frozen=True)
class Quote:
    text: str
    source_no: int
    credibility: int
    note: str
    page: int | None = None  # where the passage is, for sources with pages (PDFs)

    @property
    def label(self) -> str:
        """What the citation prints between brackets: "2", or "2, p. 14"."""
        return f"{self.source_no}, p. {self.page}" if self.page else str(self.source_no)
    excerpt_uuid: str = ""
    source_uuid: str = ""
    source_title: str = ""
    reliability: str = ""


@dataclass(frozen=True)
class CellView:
    """One judged cell of the matrix as the brief prints it."""

    actor: str
    instrument: str
    number: str  # section number, e.g. "2.3"
    anchor: str  # link target of its section
    posture: str
    options: str  # Markdown
    likelihood: str
    confidence: str
    priority: str
    status: str
    quotes: tuple[Quote, ...]
    evidence_count: int
    cell_uuid: str = ""
    differ: tuple[str, ...] = ()  # "Analysts differ" notes, when the export asks for them
    disputed: tuple[str, ...] = ()  # fields a colleague's copy judged differently, still to settle


@dataclass(frozen=True)
class Group:
    """A section of the brief: one actor (or one instrument) and its judged cells."""

    title: str
    number: str
    anchor: str
    cells: tuple[CellView, ...]


@dataclass(frozen=True)
class SourceEntry:
    number: int
    title: str
    author: str
    outlet: str
    published: str
    url: str
    reliability: str


@dataclass(frozen=True)
class BriefContent:
    brief: Brief
    project_name: str
    date: str  # the brief's date, else the date of the project's last change
    actors: tuple[str, ...]
    instruments: tuple[str, ...]
    grid: dict[tuple[int, int], CellView | None]  # (actor index, instrument index) -> cell
    groups: tuple[Group, ...]
    sources: tuple[SourceEntry, ...]  # cited sources by number (listed if include_sources)
    changes: Changes | None = None  # printed as "Changes since DATE" when set


# Characters of one unbroken word a brief prints: beyond this the rest of the word stays in the
# project and a note says so. Laying out a pasted 10 MB "word" would take minutes and thousands
# of pages; text with spaces prints whole, since its cost is its length.
WORD_LIMIT = 20_000
_LONG_WORD = re.compile(r"\S{%d,}" % (WORD_LIMIT + 1))


def printable(text: str) -> str:
    """*text* with every unbroken word over WORD_LIMIT characters cut, saying how much was cut."""
    if len(text) <= WORD_LIMIT:
        return text
    return _LONG_WORD.sub(lambda m: f"{m.group()[:WORD_LIMIT]} … [cut for print: {len(m.group()) - WORD_LIMIT:,} "
                                    "more characters without a space are in the project]", text)


def has_judgment(cell: Cell) -> bool:
    """Whether a cell holds anything worth printing."""
    return bool(cell.posture.strip() or cell.options.strip() or cell.likelihood or cell.confidence
                or cell.evidence_count)


def last_change_date(project: Project) -> str:
    """ISO date of the newest edit in the matrix or briefs ('' for an untouched project)."""
    return brief_store.last_change_date(project)


def default_brief(project: Project) -> Brief:
    """A brief of the whole matrix, used when the project defines none."""
    return Brief(name="Matrix", title=project.name or "Policy options", subtitle="Policy-option matrix")


def _pick(items: list, wanted: list[str]) -> list:
    if not wanted:
        return items
    keep = set(wanted)
    return [x for x in items if x.uuid in keep]


def compose(project: Project, brief: Brief, *, differ: bool = False) -> BriefContent:
    """The content of *brief* from the project, in print order; with *differ*, each judgment
    two analysts still disagree on carries a note of the other view."""
    actors: list[Actor] = _pick(frame.actors(project), brief.actors)
    instruments: list[Instrument] = _pick(frame.instruments(project), brief.instruments)
    by_pos = {(c.actor_id, c.instrument_id): c for c in cell_store.all_cells(project)}
    rows, cols = (actors, instruments) if brief.group_by == "actor" else (instruments, actors)
    numbers: dict[int, int] = {}  # source id -> citation number
    groups: list[Group] = []
    views: dict[int, CellView] = {}
    printed: list[Cell] = []
    source_info: dict[int, tuple[str, str, str]] = {}  # source id -> (uuid, title, reliability)
    for row in rows:
        judged = []
        for col in cols:
            a, i = (row, col) if brief.group_by == "actor" else (col, row)
            cell = by_pos.get((a.id, i.id))
            if cell is not None and has_judgment(cell):
                judged.append((a, i, cell))
        if not judged:
            continue
        number = str(len(groups) + 1)
        cell_views = []
        for k, (a, i, cell) in enumerate(judged, 1):
            # The quotes are gathered even when not printed: the review and snapshot need them.
            quotes = _quotes(project, cell, numbers, source_info)
            view = CellView(
                actor=a.name, instrument=i.name, number=f"{number}.{k}", anchor=f"cell-{cell.uuid}",
                posture=printable(cell.posture), options=printable(cell.options), likelihood=cell.likelihood,
                confidence=cell.confidence, priority=cell.priority, status=cell.status,
                quotes=quotes, evidence_count=cell.evidence_count, cell_uuid=cell.uuid,
                differ=_differ(project, cell) if differ and cell.disputes else (),
                disputed=_disputed(project, cell) if cell.disputes else (),
            )
            views[cell.id] = view
            cell_views.append(view)
            printed.append(cell)
        groups.append(Group(row.name, number, f"group-{row.uuid}", tuple(cell_views)))
    grid = {(ai, ii): views.get(by_pos[(a.id, i.id)].id) if (a.id, i.id) in by_pos else None
            for ai, a in enumerate(actors) for ii, i in enumerate(instruments)}
    return BriefContent(
        brief=replace(brief, marking=scales.marking(brief.marking) or "TLP:AMBER", bluf=printable(brief.bluf),
                      key_judgments=printable(brief.key_judgments),
                      recommendation=printable(brief.recommendation)),
        project_name=project.name,
        date=brief.date or last_change_date(project),
        actors=tuple(a.name for a in actors),
        instruments=tuple(i.name for i in instruments),
        grid=grid,
        groups=tuple(groups),
        sources=_sources(project, numbers),
    )


def _differ(project: Project, cell: Cell) -> tuple[str, ...]:
    """One line per disputed field: what this brief says and what the colleague judged."""
    from workbench.store import disputes

    lines = []
    for d in disputes.for_cell(project, cell.id):
        if d.table == "cell" and d.field != disputes.DELETED:
            when = f", {d.theirs_at[:10]}" if d.theirs_at else ""
            lines.append(printable(f"{d.field}: “{d.mine or '—'}” here; {d.theirs_by or 'a colleague'} "
                                   f"judged “{d.theirs or '—'}”{when}."))
    return tuple(lines)


def _disputed(project: Project, cell: Cell) -> tuple[str, ...]:
    """The names of the cell's disputed fields ("deleted" when its actor or instrument is)."""
    from workbench.store import disputes

    return tuple(dict.fromkeys(d.field for d in disputes.for_cell(project, cell.id)))


def _quotes(project: Project, cell: Cell, numbers: dict[int, int],
            source_info: dict[int, tuple[str, str, str]]) -> tuple[Quote, ...]:
    out = []
    for ex in excerpts.for_cell(project, cell.id):
        no = numbers.setdefault(ex.source_id, len(numbers) + 1)
        if ex.source_id not in source_info:
            s = sources.get(project, ex.source_id, with_text=False)
            source_info[ex.source_id] = (s.uuid, s.title, s.reliability)
        uuid, title, reliability = source_info[ex.source_id]
        out.append(Quote(ex.quote, no, ex.credibility, ex.note, page=sources.excerpt_page(project, ex.id),
                         excerpt_uuid=ex.uuid, source_uuid=uuid, source_title=title, reliability=reliability))
    return tuple(out)


def _sources(project: Project, numbers: dict[int, int]) -> tuple[SourceEntry, ...]:
    out = []
    for source_id, no in sorted(numbers.items(), key=lambda kv: kv[1]):
        s = sources.get(project, source_id, with_text=False)
        out.append(SourceEntry(no, s.title, s.author, s.outlet, s.published, s.url, s.reliability))
    return tuple(out)
