"""What a merge did: the report a merge returns, and its plain-words lines for the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.store.merge_undo import Images


@dataclass
class FieldChange:
    table: str
    row_uuid: str
    field: str
    mine: Any
    theirs: Any


@dataclass
class MergeReport:
    """What a merge did (or, for a dry run, would do)."""

    mine: str
    theirs: str
    dry_run: bool
    merge_uuid: str = ""
    backup: Path | None = None
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    taken: list[FieldChange] = field(default_factory=list)
    disputes: list[FieldChange] = field(default_factory=list)
    restored: list[tuple[str, str]] = field(default_factory=list)  # (table, uuid) kept though deleted here
    kept: list[tuple[str, str]] = field(default_factory=list)  # (table, uuid) kept though deleted there
    matched_by_name: list[tuple[str, str]] = field(default_factory=list)  # (table, name)
    sources_by_text: int = 0
    excerpts_repointed: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # row uuid -> words for a person
    undo: Images | None = None  # the rows as they were, for undoing the merge (see merge_undo)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.disputes or self.restored)

    def count(self, what: dict[str, int], table: str) -> None:
        what[table] = what.get(table, 0) + 1


def kept_rows(report: MergeReport) -> list[tuple[str, str, str]]:
    """(table, uuid, why) of rows kept though one side deleted them, as a person is told of them."""
    kept = [(t, u, f"deleted here, changed in {report.theirs}")
            for t, u in report.restored if t not in ("cell", "cell_excerpt")]
    kept += [(t, u, f"deleted in {report.theirs}, changed here") for t, u in report.kept]
    return kept


def describe(report: MergeReport) -> list[str]:
    """The report in plain lines, as the command line prints it."""
    head = "would merge" if report.dry_run else "merged"
    lines = [f"{head} {report.theirs} into {report.mine}"]
    if report.backup:
        lines.append(f"  backup of {report.mine} before the merge: {report.backup.name}")
    if not report.changed:
        lines.append("  nothing new to bring in")

    def counts(what: dict[str, int]) -> str:
        return ", ".join(f"{n} {_plural(t, n)}" for t, n in sorted(what.items()))

    for title, what in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        if what:
            lines.append(f"  {title}: {counts(what)}")
    for table, name in report.matched_by_name:
        lines.append(f"  matched by name: {table} “{name}” (made on both sides)")
    if report.sources_by_text:
        lines.append(f"  same text imported on both sides: {report.sources_by_text} source(s),"
                     f" {report.excerpts_repointed} excerpt(s) re-pointed")
    for n, c in enumerate(report.taken):
        if n == _SHOWN:
            lines.append(f"  … and {len(report.taken) - n} more field(s) taken from {report.theirs}")
            break
        what = "" if c.table == "cell" else f"{c.table} "
        lines.append(f"  took theirs: {what}{report.labels.get(c.row_uuid, c.row_uuid)} {c.field}:"
                     f" {_short(c.mine)} → {_short(c.theirs)}")
    for table, u, why in kept_rows(report):
        lines.append(f"  kept {table} {report.labels.get(u, u)}: {why}")
    edits = [c for c in report.disputes if c.field]
    if edits:
        lines.append(f"  disputed: {len(edits)} field(s) judged differently (yours stays; theirs kept beside it)")
        for c in edits[:_SHOWN]:
            lines.append(f"    {report.labels.get(c.row_uuid, c.row_uuid)} {c.field}: mine {_short(c.mine)},"
                         f" theirs {_short(c.theirs)}")
    return lines


_SHOWN = 20  # lines of detail per kind; `disputes` and --json list everything


def _plural(table: str, n: int) -> str:
    word = {"cell_excerpt": "evidence link", "source": "source", "actor": "actor",
            "instrument": "instrument", "cell": "cell", "excerpt": "excerpt", "brief": "brief"}[table]
    return word if n == 1 else word + "s"


def _short(value: Any) -> str:
    text = " ".join(str(value).split()) if value not in (None, "") else "(empty)"
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"
