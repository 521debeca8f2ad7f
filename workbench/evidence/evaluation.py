"""Measuring the finder against a labelled set of cells.

A labelled cell names an actor, an instrument and graded sentences (file name + exact
text): grade 2 is direct evidence (the actor uses, plans, is urged to use or refuses the
instrument), grade 1 is related (the actor is the target or recipient, or only reports
someone else's action); a sentence not listed is 0. A listed sentence without a grade is
direct. Every set follows one grading guide, tests/data/evidence_grading.md. For each cell,
over the finder's top k:

    recall@k     = direct sentences in the top k / min(k, number of direct sentences)
    nDCG@k       = DCG of the grades in the top k / DCG of the best possible top k
    precision@k  = direct sentences in the top k / k   (returning fewer is not free)
    false direct = suggestions marked direct in a cell that has no direct evidence

Recall and precision are means over the cells with direct evidence, nDCG over the cells
with any graded sentence. With `every_cell`, cells of the frame that the set does not list
are taken as having no evidence at all, so what the finder proposes there is counted too.

A held-out set measures new text only while no rule has been written after reading its
misses. Once one has, the set says how well those misses were fixed, and only a set written
and labelled afresh (its labels committed before the finder first sees it) says how the
finder does on text it has not met; tests/test_evidence_quality.py records which sets are
which.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.domain.models import ParsedDocument
from workbench.evidence.finder import suggest
from workbench.store import evidence_queries, frame, sources
from workbench.store.project import Project

DIRECT, RELATED = 2, 1


@dataclass(frozen=True)
class CellResult:
    actor: str
    instrument: str
    direct: int  # sentences graded direct
    related: int  # sentences graded related
    top: tuple[int, ...]  # the grades of the top k, in order
    marked_direct: int  # suggestions the finder marked direct (all it returned)
    ideal: tuple[int, ...]  # the best possible grades of a top k
    k: int

    @property
    def hits(self) -> int:
        return sum(1 for g in self.top if g == DIRECT)

    @property
    def recall(self) -> float:
        return self.hits / min(self.k, self.direct) if self.direct else 1.0

    @property
    def precision(self) -> float:
        return self.hits / self.k

    @property
    def ndcg(self) -> float:
        best = _dcg(self.ideal)
        return _dcg(self.top) / best if best else 1.0

    @property
    def false_direct(self) -> int:
        return 0 if self.direct else self.marked_direct


@dataclass(frozen=True)
class Totals:
    recall: float
    ndcg: float
    precision: float
    precision_ceiling: float  # the best precision@k the labels allow
    false_direct: int
    cells_without_direct: int


def _dcg(grades: tuple[int, ...]) -> float:
    return sum((2 ** g - 1) / math.log2(n + 2) for n, g in enumerate(grades))


def _norm(text: str) -> str:
    return " ".join(text.split())


def load_set(path: Path | str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def build_project(path: Path | str, labelled: dict[str, Any]) -> Project:
    """A new project with the default frame holding the set's own documents as sources."""
    from workbench import sample  # the default frame; imported here, as only evaluation needs it

    project = sample.create_empty(path, "held-out evidence set")
    sample.add_default_actors(project)
    with project.transaction():
        for doc in labelled["documents"]:
            title = doc["text"].split("\n", 1)[0].strip()
            sources.add(project, ParsedDocument(text=doc["text"], title=title, format="txt",
                                                filename=doc["file"]))
    return project


def evaluate(project: Project, cells: list[dict[str, Any]], k: int = 5, *,
             every_cell: bool = False, limit: int = 10) -> list[CellResult]:
    """Run the finder on each labelled cell of *project* (with *every_cell*, on every cell of
    its frame) and grade its top *k*; *limit* is how many it is asked for, as in the panel."""
    files = evidence_queries.source_filenames(project)
    listed = {(c["actor"].casefold(), c["instrument"].casefold()): c for c in cells}
    if every_cell:
        todo = [(a.name, i.name) for a in frame.actors(project) for i in frame.instruments(project)]
    else:
        todo = [(c["actor"], c["instrument"]) for c in cells]
    out = []
    for actor_name, instrument_name in todo:
        cell = listed.get((actor_name.casefold(), instrument_name.casefold()), {"sentences": []})
        actor = frame.find_actor(project, actor_name)
        instrument = frame.find_instrument(project, instrument_name)
        grades = {(s["file"], _norm(s["text"])): int(s.get("grade", DIRECT)) for s in cell["sentences"]}
        found = suggest(project, actor.id, instrument.id, limit=limit)
        top = tuple(grades.get((files.get(s.source_id), _norm(s.text)), 0) for s in found[:k])
        marked = sum(1 for s in found if getattr(s, "direct", True))
        ideal = tuple(sorted(grades.values(), reverse=True)[:k])
        direct = sum(1 for g in grades.values() if g == DIRECT)
        related = sum(1 for g in grades.values() if g == RELATED)
        out.append(CellResult(actor.name, instrument.name, direct, related, top, marked, ideal, k))
    return out


def totals(results: list[CellResult]) -> Totals:
    """Means over the cells (see the module's docstring) and the false direct count."""
    with_direct = [r for r in results if r.direct]
    graded = [r for r in results if r.ideal and r.ideal[0] > 0]

    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    return Totals(
        recall=mean([r.recall for r in with_direct]),
        ndcg=mean([r.ndcg for r in graded]),
        precision=mean([r.precision for r in with_direct]),
        precision_ceiling=mean([min(r.k, r.direct) / r.k for r in with_direct]),
        false_direct=sum(r.false_direct for r in results),
        cells_without_direct=len(results) - len(with_direct),
    )


def table(results: list[CellResult]) -> str:
    """The per-cell figures and the totals as a plain-text table."""
    k = results[0].k if results else 5
    lines = [f"{'cell':<34} {'direct':>6} {'related':>7} {'top ' + str(k):>10} {'marked':>6} "
             f"{f'recall@{k}':>9} {f'nDCG@{k}':>7} {f'prec@{k}':>7}"]
    for r in results:
        name = f"{r.actor} × {r.instrument}"
        grades = "".join(map(str, r.top)) or "-"
        recall = f"{r.recall:.2f}" if r.direct else "-"
        ndcg = f"{r.ndcg:.2f}" if r.ideal and r.ideal[0] else "-"
        precision = f"{r.precision:.2f}" if r.direct else "-"
        lines.append(f"{name:<34} {r.direct:>6} {r.related:>7} {grades:>10} {r.marked_direct:>6} "
                     f"{recall:>9} {ndcg:>7} {precision:>7}")
    t = totals(results)
    lines.append(f"mean over cells: recall@{k} {t.recall:.3f}  nDCG@{k} {t.ndcg:.3f}  "
                 f"precision@{k} {t.precision:.3f} (ceiling {t.precision_ceiling:.3f})")
    lines.append(f"suggestions marked direct in the {t.cells_without_direct} cells without "
                 f"direct evidence: {t.false_direct}")
    return "\n".join(lines)
