"""Sentence spans of each source, kept in step with the source by store code."""

from __future__ import annotations

import sqlite3

# A source of millions of one-word lines would otherwise make tens of millions of rows;
# the evidence finder gains nothing from sentences past this many in one source.
MAX_SENTENCES = 200_000


def index_source(db: sqlite3.Connection, source_id: int) -> int:
    """Split a source's text into sentences and store their spans; returns how many."""
    # Imported here: only adding a source splits text, and the window opens faster without it.
    from workbench.domain.sentences import split_sentences

    (text,) = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
    spans = split_sentences(text)[:MAX_SENTENCES]
    rows = [(source_id, s, e, text[s:e]) for s, e in spans]
    if not rows:
        return 0
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM sentence").fetchone()[0]
    db.executemany(
        'INSERT INTO sentence (id, source_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        [(first + i, *r) for i, r in enumerate(rows)],
    )
    db.executemany(
        "INSERT INTO sentence_fts (rowid, text) VALUES (?, ?)",
        [(first + i, r[3]) for i, r in enumerate(rows)],
    )
    return len(rows)


def drop_source(db: sqlite3.Connection, source_id: int) -> None:
    """Remove a source's sentences and their full-text entries."""
    rows = db.execute(
        "SELECT id, text FROM sentence WHERE source_id = ?", (source_id,)
    ).fetchall()
    db.executemany(
        "INSERT INTO sentence_fts (sentence_fts, rowid, text) VALUES ('delete', ?, ?)", rows
    )
    db.execute("DELETE FROM sentence WHERE source_id = ?", (source_id,))
