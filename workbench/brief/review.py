"""The pre-export review: what a careful reader would query in a brief before it goes out.

Findings never block an export (the command line refuses only with --strict). Each names
the judgment it is about and says what to do, in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from workbench.brief.compose import BriefContent, CellView
from workbench.domain import scales
from workbench.store import brief_snapshots
from workbench.store import briefs as brief_store
from workbench.store.project import Project

# Finding kinds, in the order they are listed.
KINDS: tuple[str, ...] = (
    "unknown_marking", "disputed", "key_judgment_unsupported", "no_evidence", "no_confidence", "single_source",
    "weak_evidence", "not_final", "source_removed",
)
WEAK_RELIABILITY = frozenset("EF")
WEAK_CREDIBILITY = frozenset((5, 6))

_ESTIMATIVE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(scales.LIKELIHOOD, key=len, reverse=True))
                         + r"|probabl[ey]|almost certainly)\b", re.IGNORECASE)
# "[2]", "[2, p. 14]", "[2; 5]"; and "§ 3.1", "see 3.1", "section 3", "(3.1)".
_SOURCE_REF = re.compile(r"\[(\d{1,4}(?:\s*[,;]\s*\d{1,4})*)(?:,\s*pp?\.\s*[\d\u2013-]+)?\]")
_SECTION_REF = re.compile(r"(?:§\s*|\bsee\s+(?:also\s+)?(?:section\s+)?|\bsections?\s+)"
                          r"(\d{1,3}(?:\.\d{1,3})?)(?![\d.]\d)|\((\d{1,3}\.\d{1,3})\)", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*+|`+|(?<!\w)_+|_+(?!\w)")
_ITEM_START = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+")


@dataclass(frozen=True)
class Finding:
    kind: str
    where: str  # "Actor × Instrument", "Key judgments" or "Marking"
    message: str  # what is wrong and what to do, one or two plain sentences
    cell: str = ""  # cell uuid when the finding is about a cell

    def line(self) -> str:
        return f"{self.where}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "where": self.where, "cell": self.cell, "message": self.message}


def review(project: Project, content: BriefContent) -> list[Finding]:
    """Findings about *content* (as composed from *project*), most fundamental first."""
    found: list[Finding] = []
    marking = content.brief.marking
    if scales.unknown_tlp(marking):
        found.append(Finding("unknown_marking", "Marking",
                             f"“{marking}” is not a TLP 2.0 label: choose one of {', '.join(scales.TLP)}, "
                             "or give a classification line instead."))
    found += _key_judgments(content)
    for group in content.groups:
        for view in group.cells:
            found += _cell(view)
            if view.disputed:
                found.append(_disputed(view))
    found += _removed_sources(project, content)
    order = {k: n for n, k in enumerate(KINDS)}
    return sorted(found, key=lambda f: order[f.kind])  # stable: print order within a kind


def _where(view: CellView) -> str:
    return f"{view.actor} × {view.instrument}"


def _cell(view: CellView) -> list[Finding]:
    out: list[Finding] = []
    where, uuid = _where(view), view.cell_uuid
    if view.likelihood and not view.quotes:
        out.append(Finding("no_evidence", where, f"says “{view.likelihood}” but cites no evidence: "
                           "cite a passage that supports it, or remove the likelihood.", uuid))
    if view.likelihood and not view.confidence:
        out.append(Finding("no_confidence", where, f"gives a likelihood (“{view.likelihood}”) without a "
                           "confidence: say how sure the evidence lets you be (low, moderate or high).", uuid))
    titles = {q.source_uuid: q.source_title for q in view.quotes}
    if len(titles) == 1:
        (title,) = titles.values()
        out.append(Finding("single_source", where, f"rests on a single source (“{title}”): corroborate it "
                           "with a second, independent source or lower the confidence.", uuid))
    if view.quotes and all(q.reliability in WEAK_RELIABILITY or q.credibility in WEAK_CREDIBILITY
                           for q in view.quotes):
        grades = ", ".join(sorted({f"{q.reliability}{q.credibility}" for q in view.quotes}))
        out.append(Finding("weak_evidence", where, f"rests only on weak evidence (graded {grades}): "
                           "find a more reliable source or state the judgment with low confidence.", uuid))
    if view.status in ("draft", "review"):
        out.append(Finding("not_final", where, f"is still marked {view.status}: finish it, or leave the "
                           "cell out of this brief.", uuid))
    return out


def _disputed(view: CellView) -> Finding:
    """A judgment a colleague's copy disagrees with: the brief would print one side unsaid."""
    what = ", ".join(view.disputed)
    return Finding("disputed", _where(view),
                   f"has an open disagreement with a colleague's copy ({what}): settle it in the cell editor, "
                   f"or with `workbench resolve PROJECT \"{view.actor}\" \"{view.instrument}\" --keep mine` "
                   "(or theirs), before the brief goes out.", view.cell_uuid)


def _key_judgments(content: BriefContent) -> list[Finding]:
    """Key judgments that state a likelihood but point to no evidence the brief holds: a source
    it lists ("[2]", "[2, p. 14]"), a section with quoted evidence ("see 3.1", "(3.1)", "§ 3"),
    or a judged cell with evidence named by its actor and instrument ("China × Diplomacy")."""
    views = [v for g in content.groups for v in g.cells if v.quotes]
    names = [(v.actor.lower(), v.instrument.lower()) for v in views]
    sections = {v.number for v in views} | {v.number.split(".")[0] for v in views}
    listed = {str(s.number) for s in content.sources}
    out = []
    for n, item in enumerate(_items(content.brief.key_judgments), 1):
        estimate = _ESTIMATIVE.search(item)
        if not estimate:
            continue
        cited = {no for m in _SOURCE_REF.finditer(item) for no in re.findall(r"\d+", m.group(1))}
        named = {m.group(1) or m.group(2) for m in _SECTION_REF.finditer(item)}
        low = item.lower()
        if cited & listed or named & sections or any(a in low and i in low for a, i in names):
            continue
        short = " ".join(_EMPHASIS.sub("", item).split())  # quoted as read, without Markdown marks
        short = short if len(short) <= 80 else short[:79] + "…"
        missing = [f"[{no}]" for no in sorted(cited - listed, key=int)] + sorted(named - sections)
        why = (f"points to {', '.join(missing)}, which this brief does not hold" if missing
               else "points to no evidence")
        out.append(Finding("key_judgment_unsupported", "Key judgments",
                           f"judgment {n} (“{short}”) says “{estimate.group()}” but {why}: cite a "
                           "source [n] or name the section (2.1) that supports it.", ""))
    return out


def _items(text: str) -> list[str]:
    """The key judgments: list items, else paragraphs."""
    items: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if _ITEM_START.match(line) or not line.strip():
            if current:
                items.append(" ".join(current))
            current = [_ITEM_START.sub("", line)] if line.strip() else []
        else:
            current.append(line.strip())
    if current:
        items.append(" ".join(current))
    return [i for i in items if i.strip()]


def _removed_sources(project: Project, content: BriefContent) -> list[Finding]:
    """Evidence the last export of this brief cited whose source is no longer in the project."""
    previous = brief_snapshots.latest(project, content.brief.name)
    if previous is None:
        return []
    cited = {e.source for j in previous.judgments for e in j.evidence if e.source}
    present = brief_store.existing_sources(project, cited)
    out = []
    for j in previous.judgments:
        gone = sorted({e.source_title or "an untitled source" for e in j.evidence if e.source not in present})
        if gone:
            titles = ", ".join(f"“{t}”" for t in gone)
            out.append(Finding("source_removed", f"{j.actor} × {j.instrument}",
                               f"cited {titles} in the brief of {previous.exported_at[:10]}, and that source "
                               "has since been removed: re-cite the judgment or say why it stands.", j.cell))
    return out
