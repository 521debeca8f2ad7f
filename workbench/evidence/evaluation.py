"""Measuring the finder against a labelled set: recall and precision in the top k.

A labelled cell names an actor, an instrument and the sentences (file name + exact text) a
careful analyst would cite for it. For each cell:

    recall@k    = labelled sentences among the top k / min(k, number labelled)
    precision@k = labelled sentences among the top k / suggestions returned in the top k

(a cell with nothing returned has precision 0). Totals are the means over cells.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.evidence.finder import suggest
from workbench.store import frame
from workbench.store.project import Project


@dataclass(frozen=True)
class CellResult:
    actor: str
    instrument: str
    labelled: int
    returned: int
    hits: int
    k: int

    @property
    def recall(self) -> float:
        return self.hits / min(self.k, self.labelled) if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.hits / self.returned if self.returned else 0.0


def load_labels(path: Path | str) -> list[dict[str, Any]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["cells"]


def evaluate(project: Project, cells: list[dict[str, Any]], k: int = 5) -> list[CellResult]:
    """Run the finder on each labelled cell of *project* and count hits in the top *k*."""
    files = dict(project.db.execute("SELECT id, filename FROM source").fetchall())
    out = []
    for cell in cells:
        actor = frame.find_actor(project, cell["actor"])
        instrument = frame.find_instrument(project, cell["instrument"])
        wanted = {(s["file"], " ".join(s["text"].split())) for s in cell["sentences"]}
        top = suggest(project, actor.id, instrument.id, limit=k)[:k]
        hits = sum(1 for s in top if (files.get(s.source_id), " ".join(s.text.split())) in wanted)
        out.append(CellResult(actor.name, instrument.name, len(wanted), len(top), hits, k))
    return out


def totals(results: list[CellResult]) -> tuple[float, float]:
    """Mean recall@k and mean precision@k over the cells."""
    if not results:
        return 0.0, 0.0
    return (sum(r.recall for r in results) / len(results),
            sum(r.precision for r in results) / len(results))


def table(results: list[CellResult]) -> str:
    """The per-cell figures and the totals as a plain-text table."""
    k = results[0].k if results else 5
    lines = [f"{'cell':<34} {'labelled':>8} {'returned':>8} {'hits':>5} {f'recall@{k}':>9} {f'prec@{k}':>7}"]
    for r in results:
        name = f"{r.actor} × {r.instrument}"
        lines.append(f"{name:<34} {r.labelled:>8} {r.returned:>8} {r.hits:>5} {r.recall:>9.2f} {r.precision:>7.2f}")
    recall, precision = totals(results)
    lines.append(f"{'mean over ' + str(len(results)) + ' cells':<34} {'':>8} {'':>8} {'':>5} {recall:>9.3f} {precision:>7.3f}")
    return "\n".join(lines)
