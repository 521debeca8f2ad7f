"""Gather what a brief shows from the project into plain, ordered data (no reportlab here).

Everything is ordered by the matrix's own order (actor and instrument positions, evidence
positions) and sources are numbered by first citation, so the same project and brief always
give the same content, and so the same PDF bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.domain import scales
from workbench.domain.models import Actor, Brief, Cell, Instrument
from workbench.store import cells as cell_store
from workbench.store import excerpts, frame, sources
from workbench.store.project import Project


@dataclass(frozen=True)
class Quote:
    text: str
    source_no: int
    credibility: int
    note: str
    page: int | None = None  # where the passage is, for sources with pages (PDFs)


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


def has_judgment(cell: Cell) -> bool:
    """Whether a cell holds anything worth printing."""
    return bool(cell.posture.strip() or cell.options.strip() or cell.likelihood or cell.confidence
                or cell.evidence_count)


def last_change_date(project: Project) -> str:
    """ISO date of the newest edit in the matrix or briefs ('' for an untouched project)."""
    row = project.db.execute(
        "SELECT max(d) FROM (SELECT max(updated_at) AS d FROM cell UNION ALL"
        " SELECT max(updated_at) FROM brief UNION ALL SELECT max(updated_at) FROM excerpt)"
    ).fetchone()
    return (row[0] or "")[:10]


def default_brief(project: Project) -> Brief:
    """A brief of the whole matrix, used when the project defines none."""
    return Brief(name="Matrix", title=project.name or "Policy options", subtitle="Policy-option matrix")


def _pick(items: list, wanted: list[str]) -> list:
    if not wanted:
        return items
    keep = set(wanted)
    return [x for x in items if x.uuid in keep]


def compose(project: Project, brief: Brief) -> BriefContent:
    """The content of *brief* from the project, in print order."""
    actors: list[Actor] = _pick(frame.actors(project), brief.actors)
    instruments: list[Instrument] = _pick(frame.instruments(project), brief.instruments)
    by_pos = {(c.actor_id, c.instrument_id): c for c in cell_store.all_cells(project)}
    rows, cols = (actors, instruments) if brief.group_by == "actor" else (instruments, actors)
    numbers: dict[int, int] = {}  # source id -> citation number
    groups: list[Group] = []
    views: dict[int, CellView] = {}
    printed: list[Cell] = []
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
            quotes = _quotes(project, cell, numbers) if brief.include_evidence else ()
            view = CellView(
                actor=a.name, instrument=i.name, number=f"{number}.{k}", anchor=f"cell-{cell.uuid}",
                posture=cell.posture, options=cell.options, likelihood=cell.likelihood,
                confidence=cell.confidence, priority=cell.priority, status=cell.status,
                quotes=quotes, evidence_count=cell.evidence_count,
            )
            views[cell.id] = view
            cell_views.append(view)
            printed.append(cell)
        groups.append(Group(row.name, number, f"group-{row.uuid}", tuple(cell_views)))
    if brief.include_sources and not brief.include_evidence:
        for cell in printed:  # list the cited sources even when the quotes are not printed
            _quotes(project, cell, numbers)
    grid = {(ai, ii): views.get(by_pos[(a.id, i.id)].id) if (a.id, i.id) in by_pos else None
            for ai, a in enumerate(actors) for ii, i in enumerate(instruments)}
    return BriefContent(
        brief=replace(brief, marking=scales.marking(brief.marking) or "TLP:AMBER"),
        project_name=project.name,
        date=brief.date or last_change_date(project),
        actors=tuple(a.name for a in actors),
        instruments=tuple(i.name for i in instruments),
        grid=grid,
        groups=tuple(groups),
        sources=_sources(project, numbers),
    )


def _quotes(project: Project, cell: Cell, numbers: dict[int, int]) -> tuple[Quote, ...]:
    out = []
    for ex in excerpts.for_cell(project, cell.id):
        no = numbers.setdefault(ex.source_id, len(numbers) + 1)
        out.append(Quote(ex.quote, no, ex.credibility, ex.note, sources.excerpt_page(project, ex.id)))
    return tuple(out)


def _sources(project: Project, numbers: dict[int, int]) -> tuple[SourceEntry, ...]:
    out = []
    for source_id, no in sorted(numbers.items(), key=lambda kv: kv[1]):
        s = sources.get(project, source_id, with_text=False)
        out.append(SourceEntry(no, s.title, s.author, s.outlet, s.published, s.url, s.reliability))
    return tuple(out)
