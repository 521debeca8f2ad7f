"""The queries the evidence finder runs: candidate sentences, cited ranges, cited counts.

Candidate sentences come through the sentence full-text index (FTS5, porter stemmer), a
fast and generous filter; the finder applies its exact rules afterwards. A query is built
by the finder from quoted words only, so a syntax error is not expected; if one slips
through, no candidates is the honest answer and other errors propagate.
"""

from __future__ import annotations

import sqlite3

from workbench.store import sentences
from workbench.store.project import Project

# One candidate: sentence id, source id, start, end, text, source title, source reliability.
CandidateRow = tuple[int, int, int, int, str, str, str]

# Each hit's source and span come through the span row of its source (`sentences.cut`);
# the text of each sentence is cut from its source's text afterwards (`sentences.texts`),
# each source read once: cutting it in SQL would read a long source's whole text per sentence.
_NEWEST = (
    "SELECT hit.id, sp.source_id, sp.first_id, src.title, src.reliability"
    " FROM (SELECT rowid AS id FROM sentence_fts WHERE sentence_fts MATCH ? ORDER BY rowid DESC LIMIT ?) hit"
    f" JOIN {sentences.SPAN_OF_HIT} JOIN source src ON src.id = sp.source_id"
)
_ALL = (
    "SELECT hit.id, sp.source_id, sp.first_id, src.title, src.reliability"
    " FROM (SELECT rowid AS id FROM sentence_fts WHERE sentence_fts MATCH ?) hit"
    f" JOIN {sentences.SPAN_OF_HIT} JOIN source src ON src.id = sp.source_id"
)
_TEXTS = (
    "SELECT hit.id, sp.source_id, sp.first_id FROM (SELECT rowid AS id FROM sentence_fts"
    " WHERE sentence_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?) hit"
    f" JOIN {sentences.SPAN_OF_HIT} ORDER BY hit.id DESC"
)


def fts_failed(e: sqlite3.OperationalError) -> bool:
    return "fts5" in str(e)


def candidates(project: Project, query: str, limit: int | None) -> list[CandidateRow]:
    """Sentences matching the FTS5 *query*, the most recently imported first (at most *limit*;
    all of them when *limit* is None)."""
    if not query:
        return []
    try:
        if limit is None:
            rows = sentences.cut(project.db, project.db.execute(_ALL, (sentences.index_query(query),)))
        else:
            rows = sentences.cut(project.db, project.db.execute(_NEWEST, (sentences.index_query(query), limit)))
    except sqlite3.OperationalError as e:
        if not fts_failed(e):
            raise
        return []
    cut = sentences.texts(project.db, (r[1:4] for r in rows))
    return [(i, source_id, start, end, text, title, grade)
            for (i, source_id, start, end, title, grade), text in zip(rows, cut)]


def candidate_texts(project: Project, query: str, before: int, batch: int = 2000) -> list[tuple[int, str]]:
    """(sentence id, text) of up to *batch* sentences matching *query* with ids below *before*,
    the newest first: a pass over all candidates goes on from the last id it saw."""
    if not query:
        return []
    try:
        rows = sentences.cut(project.db, project.db.execute(_TEXTS, (sentences.index_query(query), before, batch)))
    except sqlite3.OperationalError as e:
        if not fts_failed(e):
            raise
        return []
    return list(zip((r[0] for r in rows), sentences.texts(project.db, (r[1:] for r in rows))))


def cited_spans(project: Project, actor_id: int, instrument_id: int) -> dict[int, list[tuple[int, int]]]:
    """Ranges already cited in the cell, by source id."""
    rows = project.db.execute(
        'SELECT e.source_id, e.start, e."end" FROM excerpt e'
        " JOIN cell_excerpt ce ON ce.excerpt_id = e.id JOIN cell c ON c.id = ce.cell_id"
        " WHERE c.actor_id = ? AND c.instrument_id = ?",
        (actor_id, instrument_id),
    ).fetchall()
    spans: dict[int, list[tuple[int, int]]] = {}
    for source_id, start, end in rows:
        spans.setdefault(source_id, []).append((start, end))
    return spans


def cited_counts(project: Project) -> dict[tuple[int, int], int]:
    """Excerpts cited per (actor_id, instrument_id)."""
    rows = project.db.execute(
        "SELECT c.actor_id, c.instrument_id, count(ce.id) FROM cell c"
        " LEFT JOIN cell_excerpt ce ON ce.cell_id = c.id GROUP BY c.id"
    ).fetchall()
    return {(a, i): n for a, i, n in rows}


def cell_cited_count(project: Project, actor_id: int, instrument_id: int) -> int:
    """Excerpts cited in one cell."""
    return project.db.execute(
        "SELECT count(ce.id) FROM cell c JOIN cell_excerpt ce ON ce.cell_id = c.id"
        " WHERE c.actor_id = ? AND c.instrument_id = ?", (actor_id, instrument_id)).fetchone()[0]


def source_filenames(project: Project) -> dict[int, str]:
    """Each source's file name by id (labelled sets name sentences by file)."""
    return dict(project.db.execute("SELECT id, filename FROM source").fetchall())
