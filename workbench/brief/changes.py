"""What a brief says now against what its last export said (ICD 203: say how judgments moved).

`snapshot()` turns composed brief content into the small record an export keeps;
`compare()` lists the judgments added, removed or changed between a record and new content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.brief.compose import BriefContent
from workbench.domain import scales
from workbench.store import brief_snapshots
from workbench.store.brief_snapshots import EvidenceRef, Judgment, Snapshot
from workbench.store.project import Project


@dataclass(frozen=True)
class Change:
    """One judgment added, removed or changed since the last export."""

    kind: str  # "added", "removed" or "changed"
    cell: str  # cell uuid
    actor: str
    instrument: str
    likelihood: tuple[str, str] = ("", "")  # (then, now); equal when unchanged
    confidence: tuple[str, str] = ("", "")
    status: tuple[str, str] = ("", "")
    posture_changed: bool = False
    options_changed: bool = False
    evidence_added: tuple[EvidenceRef, ...] = ()
    evidence_removed: tuple[EvidenceRef, ...] = ()

    def summary(self) -> str:
        """The change in plain words, e.g. 'likelihood up from unlikely to likely; 1 new quote'."""
        if self.kind == "added":
            return "new judgment" + (f" ({self.likelihood[1]})" if self.likelihood[1] else "")
        if self.kind == "removed":
            return "no longer in the brief"
        parts = []
        for label, (then, now), scale in (("likelihood", self.likelihood, scales.LIKELIHOOD),
                                          ("confidence", self.confidence, scales.CONFIDENCE)):
            if then != now:
                parts.append(f"{label} {_direction(then, now, scale)} from {then or 'none'} to {now or 'none'}")
        if self.status[0] != self.status[1]:
            parts.append(f"status {self.status[0] or 'none'} → {self.status[1] or 'none'}")
        if self.posture_changed:
            parts.append("posture reworded")
        if self.options_changed:
            parts.append("options reworded")
        if self.evidence_added:
            n = len(self.evidence_added)
            parts.append(f"{n} new piece{'s' if n != 1 else ''} of evidence")
        if self.evidence_removed:
            n = len(self.evidence_removed)
            parts.append(f"{n} piece{'s' if n != 1 else ''} of evidence dropped")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "cell": self.cell, "actor": self.actor,
                               "instrument": self.instrument, "summary": self.summary()}
        if self.kind != "changed":
            return out
        for name, scale in (("likelihood", scales.LIKELIHOOD), ("confidence", scales.CONFIDENCE)):
            then, now = getattr(self, name)
            if then != now:
                out[name] = {"from": then, "to": now, "direction": _direction(then, now, scale)}
        if self.status[0] != self.status[1]:
            out["status"] = {"from": self.status[0], "to": self.status[1]}
        out["posture_changed"] = self.posture_changed
        out["options_changed"] = self.options_changed
        out["evidence_added"] = [_ref_json(e) for e in self.evidence_added]
        out["evidence_removed"] = [_ref_json(e) for e in self.evidence_removed]
        return out


@dataclass(frozen=True)
class Changes:
    """Changes of one brief since its last export (*since* is that export's time)."""

    brief: str
    since: str
    previous_format: str
    previous_marking: str
    items: tuple[Change, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {"brief": self.brief, "since": self.since,
                "previous_export": {"exported_at": self.since, "format": self.previous_format,
                                    "marking": self.previous_marking},
                "changes": [c.to_json() for c in self.items]}


def _ref_json(e: EvidenceRef) -> dict[str, Any]:
    return {"excerpt": e.excerpt, "source": e.source, "source_title": e.source_title,
            "grade": f"{e.reliability}{e.credibility or ''}"}


def _direction(then: str, now: str, scale: tuple[str, ...]) -> str:
    if not then or then not in scale:
        return "set"
    if not now or now not in scale:
        return "cleared"
    return "up" if scale.index(now) > scale.index(then) else "down"


def judgments(content: BriefContent) -> tuple[Judgment, ...]:
    """The judgments *content* prints, as a snapshot records them (in print order)."""
    out = []
    for group in content.groups:
        for view in group.cells:
            refs = tuple(EvidenceRef(q.excerpt_uuid, q.source_uuid, q.source_title, q.reliability, q.credibility)
                         for q in view.quotes)
            out.append(Judgment(view.cell_uuid, view.actor, view.instrument, view.posture, view.options,
                                view.likelihood, view.confidence, view.status, refs))
    return tuple(out)


def snapshot(content: BriefContent, fmt: str) -> Snapshot:
    """The record an export of *content* keeps in the project."""
    b = content.brief
    return Snapshot(brief_name=b.name, exported_at="", format=fmt, marking=b.marking, date=content.date,
                    key_judgments=b.key_judgments, judgments=judgments(content))


def compare(previous: Snapshot, content: BriefContent) -> Changes:
    """Judgments added, removed or changed in *content* since *previous* (print order)."""
    then = {j.cell: j for j in previous.judgments}
    items: list[Change] = []
    current = judgments(content)
    for j in current:
        old = then.get(j.cell)
        if old is None:
            items.append(Change("added", j.cell, j.actor, j.instrument, likelihood=("", j.likelihood),
                                confidence=("", j.confidence), status=("", j.status)))
            continue
        old_ids = {e.excerpt for e in old.evidence}
        new_ids = {e.excerpt for e in j.evidence}
        change = Change(
            "changed", j.cell, j.actor, j.instrument,
            likelihood=(old.likelihood, j.likelihood), confidence=(old.confidence, j.confidence),
            status=(old.status, j.status),
            posture_changed=old.posture.strip() != j.posture.strip(),
            options_changed=old.options.strip() != j.options.strip(),
            evidence_added=tuple(e for e in j.evidence if e.excerpt not in old_ids),
            evidence_removed=tuple(e for e in old.evidence if e.excerpt not in new_ids),
        )
        if change.summary():
            items.append(change)
    now_cells = {j.cell for j in current}
    items += [Change("removed", j.cell, j.actor, j.instrument) for j in previous.judgments
              if j.cell not in now_cells]
    return Changes(content.brief.name, previous.exported_at, previous.format, previous.marking, tuple(items))


def since_last(project: Project, content: BriefContent) -> Changes | None:
    """Changes since the last export of this brief, or None if it was never exported."""
    previous = brief_snapshots.latest(project, content.brief.name)
    return None if previous is None else compare(previous, content)
