"""Sentence spans of each source, kept in step with the source by store code.

A source's sentences are stored in one row of `sentence_span`: the id of its first sentence
(the others follow it in order, up to `last_id`) and the (start, end) of each, packed (see
`pack`); a sentence's text is cut from its source's text. The sentence search index
(`sentence_fts`, rowid = sentence id) is contentless: it holds the words of each span but
not the text, so an entry can only be removed by giving FTS5 the very words it was made
from. `drop_source` therefore runs before the source row goes, while its text is there.
It keeps which sentences hold a word, not where (`detail=none`): `index_query` asks a phrase
or a NEAR group as all of its words, and the finder reads each candidate itself.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

from workbench.store import evidence_index

# A source of millions of one-word lines would otherwise make tens of millions of rows;
# the evidence finder gains nothing from sentences past this many in one source.
MAX_SENTENCES = 200_000

# (sentence id, source id, start, end)
Located = tuple[int, int, int, int]

# SQL joining `hit.id` (a sentence id) to the span row of its source as `sp`: the row with
# the greatest first id not above it (one step down the index on first_id). Whether the id
# is past that source's last sentence is seen when the spans are read (`cut`, which reads
# each source's spans once rather than once a hit).
SPAN_OF_HIT = ("sentence_span sp ON sp.first_id ="
               " (SELECT max(first_id) FROM sentence_span WHERE first_id <= hit.id)")


def pack(spans: Sequence[tuple[int, int]]) -> bytes:
    """The spans as stored: a type letter, then start, end, start, end, ... as little-endian
    unsigned numbers of 16 bits ('H', a text shorter than 65,536 characters) or 32 bits ('I'):
    4 bytes a sentence instead of a table row, and any sentence read without the others."""
    flat = [offset for span in spans for offset in span]
    kind = "H" if max(flat, default=0) <= 0xFFFF else "I"
    packed = array(kind, flat)
    if sys.byteorder == "big":
        packed.byteswap()
    return kind.encode() + packed.tobytes()


def _offsets(blob: object) -> array | None:
    """The offsets of a stored value (start, end, start, ...), or None if `pack` did not write it."""
    if not isinstance(blob, bytes) or blob[:1] not in (b"H", b"I"):
        return None
    offsets = array(blob[:1].decode())
    if (len(blob) - 1) % (2 * offsets.itemsize):
        return None
    offsets.frombytes(blob[1:])
    if sys.byteorder == "big":
        offsets.byteswap()
    return offsets


def unpack(blob: object) -> list[tuple[int, int]] | None:
    """The (start, end) pairs of a stored value, or None if it is not one `pack` wrote."""
    offsets = _offsets(blob)
    return None if offsets is None else list(zip(offsets[0::2], offsets[1::2]))


def spans_of(db: sqlite3.Connection, source_id: int) -> list[tuple[int, int, int]]:
    """(sentence id, start, end) of a source's sentences in order; none for a row that does
    not read as spans."""
    row = db.execute("SELECT first_id, spans FROM sentence_span WHERE source_id = ?", (source_id,)).fetchone()
    if row is None or not isinstance(row[0], int):
        return []
    return [(row[0] + n, s, e) for n, (s, e) in enumerate(unpack(row[1]) or ())]


def spans_by_source(db: sqlite3.Connection, source_ids: Iterable[int]) -> dict[int, list[tuple[int, int, int]]]:
    """(sentence id, start, end) of the sentences of each of *source_ids* that has any, in order."""
    ids = list(source_ids)
    out: dict[int, list[tuple[int, int, int]]] = {}
    for at in range(0, len(ids), 500):
        part = ids[at:at + 500]
        for source_id, first, blob in db.execute(
                f"SELECT source_id, first_id, spans FROM sentence_span WHERE source_id IN ({', '.join('?' * len(part))})",
                part):
            spans = unpack(blob) if isinstance(first, int) else None
            if spans:
                out[source_id] = [(first + n, s, e) for n, (s, e) in enumerate(spans)]
    return out


def cut(db: sqlite3.Connection, rows: Iterable[Sequence]) -> list[tuple]:
    """Rows of (sentence id, source id, first id, *rest) (a join through SPAN_OF_HIT) as
    (sentence id, source id, start, end, *rest); each source's spans are read once, and an
    id that is not one of its source's sentences is left out."""
    rows = list(rows)
    wanted = sorted({r[1] for r in rows})
    by_source: dict[int, array | None] = {}
    for at in range(0, len(wanted), 500):
        part = wanted[at:at + 500]
        by_source.update((i, _offsets(blob)) for i, blob in db.execute(
            f"SELECT source_id, spans FROM sentence_span WHERE source_id IN ({', '.join('?' * len(part))})", part))
    out: list[tuple] = []
    for sentence_id, source_id, first, *rest in rows:
        offsets = by_source.get(source_id)
        at = 2 * (sentence_id - first) if isinstance(first, int) else -1
        if offsets is not None and 0 <= at < len(offsets):
            out.append((sentence_id, source_id, offsets[at], offsets[at + 1], *rest))
    return out


def locate(db: sqlite3.Connection, sentence_ids: Iterable[int]) -> list[Located]:
    """(sentence id, source id, start, end) of each of *sentence_ids* that exists, in order."""
    rows = []
    for sentence_id in sentence_ids:
        row = db.execute("SELECT ?, sp.source_id, sp.first_id FROM (SELECT ? AS id) hit"
                         f" JOIN {SPAN_OF_HIT}", (sentence_id, sentence_id)).fetchone()
        if row is not None:
            rows.append(row)
    return cut(db, rows)


def last_id(db: sqlite3.Connection) -> int:
    """The highest sentence id in use (0 when there is none).

    Read from the source with the highest first id, one step down the index on first_id:
    sources' id ranges never overlap (`validate` names a file where they do), and max(last_id)
    would read every source's row, each time a source is added."""
    row = db.execute("SELECT first_id, last_id FROM sentence_span ORDER BY first_id DESC LIMIT 1").fetchone()
    if row is None:
        return 0
    if isinstance(row[0], int) and isinstance(row[1], int):
        return row[1]
    # Text or a decimal where an id belongs sorts apart from the whole numbers (a file from
    # elsewhere, which check names): the highest whole last id, however it is found.
    return db.execute("SELECT coalesce(max(last_id), 0) FROM sentence_span WHERE typeof(last_id) = 'integer'").fetchone()[0]


def count(db: sqlite3.Connection) -> int:
    """How many sentences the project holds."""
    return db.execute("SELECT coalesce(sum(last_id - first_id + 1), 0) FROM sentence_span").fetchone()[0]


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


def index_source(db: sqlite3.Connection, source_id: int,
                 spans: Iterable[tuple[int, int]] | None = None) -> int:
    """Store the spans of a source's sentences, split from its text here unless *spans*
    gives them (an import splits each file where it reads it); returns how many."""
    evidence_index.forget_source(db, source_id)  # split anew: the finder indexes it again
    (text,) = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
    if spans is None:
        # Imported here: only adding a source splits text, and the window opens faster without it.
        from workbench.domain.sentences import split_sentences

        spans = split_sentences(text)
    return store_spans(db, source_id, text, spans)


def store_spans(db: sqlite3.Connection, source_id: int, text: str,
                spans: Iterable[tuple[int, int]]) -> int:
    """Store the spans of *text* (the source's own text, which has none stored yet) with
    their search entries, under new ids that follow each other in the order given; returns
    how many were stored."""
    # Only places inside the text can be stored (and packed as unsigned numbers).
    size = len(text)
    rows = [(s, e) for s, e in spans if 0 <= s < e <= size][:MAX_SENTENCES]
    if not rows:
        return 0
    first = last_id(db) + 1
    db.execute("INSERT INTO sentence_span (source_id, first_id, last_id, spans) VALUES (?, ?, ?, ?)",
               (source_id, first, first + len(rows) - 1, pack(rows)))
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
    if row is not None and isinstance(row[0], str):
        text = row[0]
        db.executemany(
            "INSERT INTO sentence_fts (sentence_fts, rowid, text) VALUES ('delete', ?, ?)",
            [(i, text[s:e]) for i, s, e in spans_of(db, source_id)],
        )
    db.execute("DELETE FROM sentence_span WHERE source_id = ?", (source_id,))


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
    """(sentence id, text) of every sentence, each source's text read once: what the
    sentence search index should hold."""
    for (source_id,) in db.execute("SELECT id FROM source ORDER BY id").fetchall():
        row = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
        text = row[0] if row and isinstance(row[0], str) else ""
        for sentence_id, start, end in spans_of(db, source_id):
            yield sentence_id, text[max(start, 0):max(end, 0)]
