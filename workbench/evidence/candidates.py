"""Fetching candidate sentences for a cell through the sentence full-text index.

The index (FTS5, porter stemmer) is only a fast, generous filter: a sentence that names the
actor in any form and uses any of the instrument's terms. The exact rules (case, word
boundaries, overlapping names) are applied afterwards in Python by `matching`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.domain.models import Actor, Instrument
from workbench.evidence.matching import fts_any
from workbench.store import evidence_queries
from workbench.store.project import Project

# The ranking reads at most this many sentences per cell, those of the most recently imported
# sources first. Ordering by bm25 instead costs more than the whole budget of a suggestion on
# a large project (0.24 s for one cell of 10,000 sources), and bm25 rewards short sentences
# with rare words, which says little about an actor using an instrument. Reading each
# sentence's structure costs about 0.2 ms, so 400 keeps a suggestion within 100 ms.
MAX_CANDIDATES = 400


@dataclass(frozen=True)
class Candidate:
    sentence_id: int
    source_id: int
    start: int
    end: int
    text: str
    source_title: str
    reliability: str


def cell_query(actor: Actor, instrument: Instrument) -> str:
    """The FTS5 query for a cell: (any name of the actor) AND (any term of the instrument)."""
    names = fts_any(actor.names())
    terms = fts_any((*instrument.terms, instrument.name), near=True)
    if not names or not terms:
        return ""
    return f"({names}) AND ({terms})"


def any_cell_query(actors: Iterable[Actor], instruments: Iterable[Instrument]) -> str:
    """The FTS5 query for every cell at once: (any name of any actor) AND (any term of any
    instrument), for a single pass over the candidate sentences."""
    instruments = tuple(instruments)
    names = fts_any(n for a in actors for n in a.names())
    terms = fts_any((t for i in instruments for t in (*i.terms, i.name)), near=True)
    if not names or not terms:
        return ""
    return f"({names}) AND ({terms})"


def fetch(project: Project, actor: Actor, instrument: Instrument,
          limit: int | None = MAX_CANDIDATES) -> list[Candidate]:
    """Candidate sentences for the cell; all of them when *limit* is None."""
    return [Candidate(*r) for r in evidence_queries.candidates(project, cell_query(actor, instrument), limit)]
