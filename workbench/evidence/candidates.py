"""Fetching candidate sentences for a cell through the sentence full-text index.

The index (FTS5, porter stemmer) is only a fast, generous filter: a sentence that names the
actor in any form and uses any of the instrument's terms. The exact rules (case, word
boundaries, overlapping names) are applied afterwards in Python by `matching`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbench.domain.models import Actor, Instrument
from workbench.evidence.matching import fts_any
from workbench.store.project import Project

# The ranking reads at most this many sentences per cell, those of the most recently imported
# sources first. Ordering by bm25 instead costs more than the whole budget of a suggestion on
# a large project (0.24 s for one cell of 10,000 sources), and bm25 rewards short sentences
# with rare words, which says little about an actor using an instrument.
MAX_CANDIDATES = 600


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


_SQL = (
    'SELECT s.id, s.source_id, s.start, s."end", s.text, src.title, src.reliability'
    " FROM (SELECT rowid AS id FROM sentence_fts WHERE sentence_fts MATCH ? ORDER BY rowid DESC LIMIT ?) hit"
    " JOIN sentence s ON s.id = hit.id JOIN source src ON src.id = s.source_id"
)
_SQL_ALL = (
    'SELECT s.id, s.source_id, s.start, s."end", s.text, src.title, src.reliability'
    " FROM sentence_fts JOIN sentence s ON s.id = sentence_fts.rowid"
    " JOIN source src ON src.id = s.source_id WHERE sentence_fts MATCH ?"
)


def fetch(project: Project, actor: Actor, instrument: Instrument,
          limit: int | None = MAX_CANDIDATES) -> list[Candidate]:
    """Candidate sentences for the cell; all of them when *limit* is None."""
    query = cell_query(actor, instrument)
    if not query:
        return []
    try:
        if limit is None:
            rows = project.db.execute(_SQL_ALL, (query,)).fetchall()
        else:
            rows = project.db.execute(_SQL, (query, limit)).fetchall()
    except sqlite3.OperationalError as e:
        # Names and terms are quoted word by word, so a query syntax error is not expected;
        # if one slips through, no candidates is the honest answer. Other errors propagate.
        if "fts5" not in str(e):
            raise
        return []
    return [Candidate(*r) for r in rows]
