"""The matrix as CSV: one row per cell, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import unicodedata
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


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet could take *value* for a formula.

    Spreadsheets skip leading spaces and invisible format characters (zero-width space,
    byte-order mark) and some read full-width signs (＝, ＋) as the ASCII ones, so those are
    looked through: NFKC folds the full-width forms."""
    if value.startswith(_FORMULA_START):
        return True
    head = unicodedata.normalize("NFKC", value[:64])
    head = "".join(ch for ch in head if unicodedata.category(ch) != "Cf").lstrip()
    return head.startswith(_FORMULA_START)


def _defuse(value: str) -> str:
    """Keep a spreadsheet from evaluating untrusted text: a leading quote marks it as text."""
    return "'" + value if looks_like_formula(value) else value


def matrix_csv(project: Project, out: TextIO | Path | str, *, spreadsheet_safe: bool = True) -> None:
    """Write the matrix as CSV to a text stream, or atomically to a file path.

    Formula-like cells are defused on every path unless *spreadsheet_safe* is False (for
    scripts that want the stored values). A file gets a UTF-8 byte-order mark (so
    spreadsheet programs read Cyrillic and Hangul right); the open project is never its target.
    """
    data = rows(project, spreadsheet_safe=spreadsheet_safe)
    if isinstance(out, (str, Path)):
        with replace_file(Path(out), "w", project=project.path, encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(data)
        return
    csv.writer(out, lineterminator="\n").writerows(data)
