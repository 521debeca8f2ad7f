"""Full-text search over source titles and text (FTS5, bm25), with highlighted snippets.

A user's query is tried as FTS5 syntax first (so "exact phrase", OR, NEAR and prefix* work);
if SQLite rejects it, the words are searched literally instead of failing.
"""

from __future__ import annotations

import sqlite3

from workbench.domain.hits import SearchHit, SearchResult
from workbench.store.project import Project

# Private-use characters mark matches in snippet(); user text cannot produce them after ingest.
_OPEN, _CLOSE = "\ue000", "\ue001"

# Ordering by FTS5's own `rank` lets FTS5 sort before SQLite computes the result columns, so
# snippet() runs for the rows returned only, not for every match (3x faster on common words).
# Titles weigh 10x the body in bm25, and are read as text whatever a file from elsewhere holds
# (it is searched while its values are still being checked).
_SQL = (
    "SELECT rowid, CAST(title AS TEXT), snippet(source_fts, 1, ?, ?, '…', ?), rank"
    " FROM source_fts WHERE source_fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)'"
    " ORDER BY rank LIMIT ?"
)


# FTS5's operators: in a query it could not parse they were meant as syntax, not as words.
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
# Control characters become spaces (a translation table: a plain search does not load `re`).
_CONTROL = dict.fromkeys([*range(0x20), 0x7F], " ")


def _words(text: str) -> list[str]:
    import re  # only for queries that are long or not FTS5 syntax, and for marking matches

    return re.findall(r"\w+", text)


# Ranking and snippets cost more than linearly in the number of query terms (a pasted page
# of 2,000 words took 20 s on five sources): longer queries are cut to this many words.
MAX_WORDS = 64


def literal_query(query: str, max_words: int = MAX_WORDS) -> str:
    """The query's different words, each quoted, so FTS5 reads nothing in them as syntax."""
    words = _words(query)
    plain = [w for w in words if w not in _OPERATORS] or words
    unique: dict[str, str] = {}
    for w in plain:
        unique.setdefault(w.casefold(), w)
    return " ".join(f'"{w}"' for w in list(unique.values())[:max_words])


def _split_marks(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text without the match marks, and the ranges they enclosed."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, piece in enumerate(snippet.split(_OPEN)):
        # A mark opens before every piece but the first; it is closed at the piece's first
        # closing mark, if any (further closing marks, unopened, are dropped).
        inside, closed, rest = piece.partition(_CLOSE) if i else ("", "", piece)
        if closed:
            spans.append((pos, pos + len(inside)))
        elif i:
            inside, rest = "", inside  # opened, never closed: no range
        rest = rest.replace(_CLOSE, "")
        out.append(inside + rest)
        pos += len(inside) + len(rest)
    return "".join(out), tuple(spans)


def search(project: Project, query: str, *, limit: int = 50, snippet_words: int = 16) -> SearchResult:
    """Sources matching *query*, best first. Never raises for a bad query string."""
    # SQLite would end the query at a NUL; other control characters are never meant.
    query = query.translate(_CONTROL).strip()
    if not query:
        return SearchResult(())
    limit = max(1, min(int(limit), 10_000))

    def run(match: str) -> list[tuple]:
        return project.db.execute(_SQL, (_OPEN, _CLOSE, snippet_words, match, limit)).fetchall()

    rows: list[tuple] | None = None
    message = ""
    # Each word but the last is followed by a character that is not part of one: a query this
    # short cannot have too many, and needs no counting.
    if len(query) >= 2 * MAX_WORDS and len(_words(query)) > MAX_WORDS:
        message = f"The query is long, so only its first {MAX_WORDS} different words were searched."
    else:
        try:
            rows = run(query)
        except sqlite3.OperationalError:
            message = "The search syntax was not understood, so the words were searched as plain text."
    literal = rows is None
    if rows is None:
        words = literal_query(query)
        rows = run(words) if words else []
    hits = []
    for source_id, title, snip, score in rows:
        text, spans = _split_marks(snip or "")
        hits.append(SearchHit(source_id, title, text, spans, float(score)))
    return SearchResult(tuple(hits), literal, message)


def match_ranges(project: Project, source_id: int, query: str) -> list[tuple[int, int]]:
    """Character ranges in a source's text that match *query*, as FTS5 itself matched them.

    A phrase is one range ("secondary sanctions", never a lone "sanctions" elsewhere); NEAR
    marks only the words that stand near each other. A query FTS5 cannot parse marks its words
    as the search did (each word literally)."""
    query = query.translate(_CONTROL).strip()
    if not query or len(_words(query)) > MAX_WORDS:
        query = literal_query(query) if query else ""
    if not query:
        return []
    sql = ("SELECT highlight(source_fts, 1, ?, ?) FROM source_fts"
           " WHERE source_fts MATCH ? AND rowid = ?")
    try:
        row = project.db.execute(sql, (_OPEN, _CLOSE, query, source_id)).fetchone()
    except sqlite3.OperationalError:  # as the search did: each word literally, operators dropped
        words = " ".join(f'"{w}"' for w in _words(query)[:MAX_WORDS] if w.upper() not in _OPERATORS)
        row = project.db.execute(sql, (_OPEN, _CLOSE, words, source_id)).fetchone() if words else None
    if row is None or row[0] is None:
        return []  # only the title matched, or the source is gone
    return list(_split_marks(row[0])[1])


_NEAR = r"\bNEAR\s*\((?:[^(),]*?)(?:,\s*(\d+))?\s*\)"


def occurrences(text: str, ranges: list[tuple[int, int]], query: str) -> list[tuple[int, int]]:
    """The matched ranges grouped into occurrences: for a NEAR query, the words that stand
    within its distance of each other make one occurrence (from the first to the last)."""
    import re

    near = re.search(_NEAR, query)
    if near is None or not ranges:
        return list(ranges)
    distance = int(near.group(1)) if near.group(1) else 10  # FTS5's default
    groups = [list(ranges[0])]
    for start, end in ranges[1:]:
        between = len(_words(text[groups[-1][1]:start]))
        if between <= distance:
            groups[-1][1] = end
        else:
            groups.append([start, end])
    return [(a, b) for a, b in groups]
