"""The matrix as CSV: one row per cell, for spreadsheets and scripts."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from workbench.brief.atomic import replace_file
from workbench.store import cells as cell_store
from workbench.store import frame
from workbench.store.project import Project

FIELDS = ("posture", "options", "likelihood", "confidence", "priority", "status")
HEADER = ("actor", "instrument", *FIELDS, "evidence_count")
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(project: Project, *, spreadsheet_safe: bool = False) -> list[list[str | int]]:
    """Header and one row per cell, in matrix order (actor, then instrument position)."""
    actors = {a.id: a.name for a in frame.actors(project)}
    instruments = {i.id: i.name for i in frame.instruments(project)}
    out: list[list[str | int]] = [list(HEADER)]
    for c in cell_store.all_cells(project):
        values = [actors[c.actor_id], instruments[c.instrument_id], *(getattr(c, f) for f in FIELDS)]
        if spreadsheet_safe:
            values = [_defuse(v) for v in values]
        out.append([*values, c.evidence_count])
    return out


def _defuse(value: str) -> str:
    """Keep a spreadsheet from evaluating untrusted text: a leading quote marks it as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def matrix_csv(project: Project, out: TextIO | Path | str, *, spreadsheet_safe: bool | None = None) -> None:
    """Write the matrix as CSV to a text stream, or atomically to a file path.

    A file gets a UTF-8 byte-order mark (so spreadsheet programs read Cyrillic and Hangul
    right) and formula-like cells defused; a stream gets the plain values unless asked.
    """
    if isinstance(out, (str, Path)):
        data = rows(project, spreadsheet_safe=True if spreadsheet_safe is None else spreadsheet_safe)
        with replace_file(Path(out), "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(data)
        return
    csv.writer(out, lineterminator="\n").writerows(rows(project, spreadsheet_safe=bool(spreadsheet_safe)))
