"""Sentence spans of each source, kept in step with the source by store code.

A sentence is stored as a span (source, start, end) only; its text is cut from the source's
text. The sentence search index (`sentence_fts`) is contentless: it holds the words of each
span but not the text, so an entry can only be removed by giving FTS5 the very words it was
made from. `drop_source` therefore runs before the source row goes, while its text is there.
It keeps which sentences hold a word, not where (`detail=none`): `index_query` asks a phrase
or a NEAR group as all of its words, and the finder reads each candidate itself.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator

from workbench.store import evidence_index

# A source of millions of one-word lines would otherwise make tens of millions of rows;
# the evidence finder gains nothing from sentences past this many in one source.
MAX_SENTENCES = 200_000

# A sentence's text in SQL: substr() counts characters (not bytes), as Python's slices do.
TEXT_SQL = 'substr(src.text, s.start + 1, s."end" - s.start)'


# A quoted phrase ("" stands for a quote inside it), a NEAR group of phrases, and a token as
# the index's tokenizer (unicode61) cuts one: letters and digits; `_` separates, as in FTS5.
_PHRASE = re.compile(r'"((?:[^"]|"")*)"')
_NEAR = re.compile(r'\bNEAR\(((?:\s*"(?:[^"]|"")*")+)\s*(?:,\s*\d+\s*)?\)')
_TOKEN = re.compile(r"[^\W_]+")


def index_query(query: str) -> str:
    """The FTS5 *query* as the sentence index can answer it: a phrase of several words and a
    NEAR group become all of their words (the index knows no word positions), so the
    filter is as generous as before or more; the finder's own rules decide afterwards."""
    def words(m: re.Match[str]) -> str:
        tokens = _TOKEN.findall(m.group(1).replace('""', '"'))
        if len(tokens) < 2:
            return m.group(0)
        return "(" + " ".join(f'"{t}"' for t in tokens) + ")"

    query = _NEAR.sub(lambda m: "(" + m.group(1).strip() + ")", query)
    return _PHRASE.sub(words, query)


def index_source(db: sqlite3.Connection, source_id: int) -> int:
    """Split a source's text into sentences and store their spans; returns how many."""
    # Imported here: only adding a source splits text, and the window opens faster without it.
    from workbench.domain.sentences import split_sentences

    evidence_index.forget_source(db, source_id)  # split anew: the finder indexes it again
    (text,) = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
    return store_spans(db, source_id, text, split_sentences(text))


def store_spans(db: sqlite3.Connection, source_id: int, text: str,
                spans: Iterable[tuple[int, int]]) -> int:
    """Store the spans of *text* (the source's own text) with their search entries, under
    new ids that follow each other in the order given; returns how many were stored."""
    rows = list(spans)[:MAX_SENTENCES]
    if not rows:
        return 0
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM sentence").fetchone()[0]
    db.executemany(
        'INSERT INTO sentence (id, source_id, start, "end") VALUES (?, ?, ?, ?)',
        [(first + i, source_id, s, e) for i, (s, e) in enumerate(rows)],
    )
    db.executemany(
        "INSERT INTO sentence_fts (rowid, text) VALUES (?, ?)",
        [(first + i, text[s:e]) for i, (s, e) in enumerate(rows)],
    )
    return len(rows)


def drop_source(db: sqlite3.Connection, source_id: int) -> None:
    """Remove a source's sentences and their search entries (the source row must still exist:
    the entries are deleted with the words cut from its text), and their evidence index rows."""
    evidence_index.forget_source(db, source_id)
    row = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
    spans = db.execute('SELECT id, start, "end" FROM sentence WHERE source_id = ?', (source_id,)).fetchall()
    if row is not None and isinstance(row[0], str):
        text = row[0]
        db.executemany(
            "INSERT INTO sentence_fts (sentence_fts, rowid, text) VALUES ('delete', ?, ?)",
            [(i, text[s:e]) for i, s, e in spans if isinstance(s, int) and isinstance(e, int)],
        )
    db.execute("DELETE FROM sentence WHERE source_id = ?", (source_id,))


def texts(db: sqlite3.Connection, spans: Iterable[tuple[int, int, int]]) -> list[str]:
    """The text of each (source id, start, end), cut from the source's text; each source's
    text is read once, however many of its sentences are asked for."""
    spans = list(spans)
    wanted = sorted({source_id for source_id, _, _ in spans})
    by_source: dict[int, str] = {}
    for at in range(0, len(wanted), 500):
        part = wanted[at:at + 500]
        marks = ", ".join("?" * len(part))
        by_source.update(db.execute(f"SELECT id, text FROM source WHERE id IN ({marks})", part).fetchall())
    return [by_source.get(source_id, "")[start:end] for source_id, start, end in spans]


def index_entries(db: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """(sentence id, text) of every sentence whose span is a pair of whole numbers, each
    source's text read once: what the sentence search index should hold."""
    for (source_id,) in db.execute("SELECT id FROM source ORDER BY id").fetchall():
        row = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
        text = row[0] if row and isinstance(row[0], str) else ""
        for sentence_id, start, end in db.execute(
                'SELECT id, start, "end" FROM sentence WHERE source_id = ? ORDER BY id', (source_id,)).fetchall():
            if isinstance(start, int) and isinstance(end, int):
                yield sentence_id, text[max(start, 0):max(end, 0)]
