"""The project file's schema as ordered migration steps.

A new file is made by running every step from zero, so a fresh file and an upgraded one have
the same schema. Each step runs in one transaction together with the `user_version` bump.
The schema has no triggers and no views: the store keeps the full-text tables in sync itself,
because files from elsewhere are opened with triggers and views switched off.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable

# "PBWB" in ASCII: identifies a workbench project in the SQLite header.
APPLICATION_ID = 0x50425742
EXTENSION = ".pbw"

# Columns every user-visible row carries so that copies can later be merged row by row.
_STAMP = "uuid TEXT NOT NULL UNIQUE, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL"

# FTS tables follow the sqlite-utils convention: <table>_fts, content=<table>, rowid = id.
_FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


def _run(db: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one: executescript() would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement!r}")


def _v1(db: sqlite3.Connection) -> None:
    """Core tables: project, sources, the matrix frame, cells, excerpts, briefs, change log."""
    _run(
        db,
        f"""
        CREATE TABLE project (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            {_STAMP}
        );
        CREATE TABLE source (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            filename TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT 'txt',
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            reliability TEXT NOT NULL DEFAULT 'F'
                CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
            note TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            {_STAMP}
        );
        CREATE VIRTUAL TABLE source_fts USING fts5 (
            title, text, content=source, tokenize='{_FTS_TOKENIZE}'
        );
        CREATE TABLE actor (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL,
            {_STAMP}
        );
        CREATE TABLE instrument (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            {_STAMP}
        );
        CREATE TABLE cell (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            instrument_id INTEGER NOT NULL REFERENCES instrument(id),
            posture TEXT NOT NULL DEFAULT '',
            options TEXT NOT NULL DEFAULT '',
            likelihood TEXT NOT NULL DEFAULT '',
            confidence TEXT NOT NULL DEFAULT '',
            priority TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'empty',
            {_STAMP},
            UNIQUE (actor_id, instrument_id)
        );
        CREATE INDEX cell_instrument ON cell(instrument_id);
        CREATE TABLE excerpt (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            credibility INTEGER NOT NULL DEFAULT 6 CHECK (credibility BETWEEN 1 AND 6),
            note TEXT NOT NULL DEFAULT '',
            {_STAMP},
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX excerpt_source ON excerpt(source_id);
        CREATE TABLE cell_excerpt (
            id INTEGER PRIMARY KEY,
            cell_id INTEGER NOT NULL REFERENCES cell(id),
            excerpt_id INTEGER NOT NULL REFERENCES excerpt(id),
            position INTEGER NOT NULL DEFAULT 0,
            {_STAMP},
            UNIQUE (cell_id, excerpt_id)
        );
        CREATE INDEX cell_excerpt_excerpt ON cell_excerpt(excerpt_id);
        CREATE TABLE brief (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            subtitle TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            marking TEXT NOT NULL DEFAULT 'TLP:AMBER',
            bluf TEXT NOT NULL DEFAULT '',
            key_judgments TEXT NOT NULL DEFAULT '',
            recommendation TEXT NOT NULL DEFAULT '',
            actors TEXT NOT NULL DEFAULT '[]',
            instruments TEXT NOT NULL DEFAULT '[]',
            group_by TEXT NOT NULL DEFAULT 'actor' CHECK (group_by IN ('actor', 'instrument')),
            include_evidence INTEGER NOT NULL DEFAULT 1,
            include_sources INTEGER NOT NULL DEFAULT 1,
            {_STAMP}
        );
        CREATE TABLE change_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            action TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_uuid TEXT NOT NULL,
            before TEXT,
            after TEXT
        );
        CREATE INDEX change_log_row ON change_log(row_uuid);
        """
    )


def _v2(db: sqlite3.Connection) -> None:
    """Evidence finder: sentence spans of every source, and each instrument's term list."""
    _run(
        db,
        f"""
        CREATE TABLE sentence (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX sentence_source ON sentence(source_id, start);
        CREATE VIRTUAL TABLE sentence_fts USING fts5 (
            text, content=sentence, tokenize='{_FTS_TOKENIZE}'
        );
        ALTER TABLE instrument ADD COLUMN terms TEXT NOT NULL DEFAULT '[]';
        """
    )
    # Sentence spans for sources imported under version 1, by step 2's own frozen splitter.
    from workbench.store import frozen_v2  # late: only upgrading a version 1 file needs it

    frozen_v2.index_all_sources(db)


def _v3(db: sqlite3.Connection) -> None:
    """Full-text tables name their content table in quotes (`content="source"`).

    That is the form sqlite-utils and Datasette look for; with a bare `content=source`
    `sqlite-utils search FILE source ...` reported the table as not searchable.
    """
    for table, columns in (("source", "title, text"), ("sentence", "text")):
        db.execute(f"DROP TABLE {table}_fts")
        db.execute(
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5 ("
            f"{columns}, content=\"{table}\", tokenize='{_FTS_TOKENIZE}')"
        )
        db.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")


def _v4(db: sqlite3.Connection) -> None:
    """Merging copies: revisions of every field (the record of common ancestry), each copy's
    current revision per field, disputes between two analysts, and the merges made.

    Plain SQL rather than sqlite-utils: a frozen step must write the same schema text forever,
    and the schema check compares that text exactly.
    """
    _run(
        db,
        """
        CREATE TABLE revision (
            id INTEGER PRIMARY KEY,
            rev TEXT NOT NULL UNIQUE,
            table_name TEXT NOT NULL,
            row_uuid TEXT NOT NULL,
            field TEXT NOT NULL,
            action TEXT NOT NULL,
            parent TEXT NOT NULL DEFAULT '',
            other TEXT NOT NULL DEFAULT '',
            value TEXT,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            merge_uuid TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX revision_row ON revision(row_uuid, field);
        CREATE TABLE revision_head (
            row_uuid TEXT NOT NULL,
            field TEXT NOT NULL,
            rev TEXT NOT NULL,
            PRIMARY KEY (row_uuid, field)
        );
        CREATE TABLE dispute (
            id INTEGER PRIMARY KEY,
            table_name TEXT NOT NULL,
            row_uuid TEXT NOT NULL,
            field TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'edit'
                CHECK (kind IN ('edit', 'deleted_here', 'deleted_there')),
            mine_rev TEXT NOT NULL DEFAULT '',
            theirs_rev TEXT NOT NULL DEFAULT '',
            theirs_value TEXT,
            theirs_at TEXT NOT NULL DEFAULT '',
            theirs_by TEXT NOT NULL DEFAULT '',
            merge_uuid TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (row_uuid, field)
        );
        CREATE TABLE merge_log (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            theirs_file TEXT NOT NULL,
            theirs_by TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '{}'
        );
        """,
    )


def _v5_source_pages(db: sqlite3.Connection) -> None:
    """Sources read from paged documents (PDF) keep where each page starts in their text.

    A JSON list of character offsets, one per page ('' for sources without pages), so that
    an excerpt knows its page and a brief can cite "p. 3".
    """
    db.execute("ALTER TABLE source ADD COLUMN pages TEXT NOT NULL DEFAULT ''")


def _v6_brief_snapshots(db: sqlite3.Connection) -> None:
    """What each exported brief said (judgments, grades, evidence, marking), to report changes."""
    _run(
        db,
        """
        CREATE TABLE brief_snapshot (
            id INTEGER PRIMARY KEY,
            brief_name TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            format TEXT NOT NULL,
            marking TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL,
            uuid TEXT NOT NULL UNIQUE,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL
        );
        CREATE INDEX brief_snapshot_name ON brief_snapshot(brief_name COLLATE NOCASE, exported_at);
        """
    )


def _v7_sentence_spans(db: sqlite3.Connection) -> None:
    """Sentences are kept as spans only, and source headings are read without the text.

    Each sentence's text was stored twice more: in `sentence.text` and as the content of
    `sentence_fts`. Both copies go: a sentence's text is cut from its source's text by span
    (SQLite's substr() counts characters, as Python's slices do), and `sentence_fts` becomes
    contentless (`content=''`) and keeps no per-row sizes (`columnsize=0`: the finder orders
    by rowid, never by bm25). Entries leave it through FTS5's 'delete' command with the words
    cut from the source text, before the source row goes.

    `source_heading` holds the columns of the window's source list, so that listing 100,000
    sources reads the index alone and never the texts stored beside those columns.

    Frozen: the statements and the tokenizer are written out here, not taken from elsewhere.
    """
    _run(
        db,
        """
        DROP TABLE sentence_fts;
        ALTER TABLE sentence DROP COLUMN text;
        CREATE VIRTUAL TABLE sentence_fts USING fts5 (
            text, content='', columnsize=0, tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE INDEX source_heading ON source(id, title, author, outlet, published, reliability);
        """,
    )
    # The words of every sentence, cut from its source's text read once per source (cutting
    # them in SQL would read a long source's whole text once per sentence).
    for (source_id,) in db.execute("SELECT id FROM source ORDER BY id").fetchall():
        (text,) = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
        text = text if isinstance(text, str) else ""
        spans = db.execute('SELECT id, start, "end" FROM sentence WHERE source_id = ? ORDER BY id',
                           (source_id,)).fetchall()
        db.executemany("INSERT INTO sentence_fts (rowid, text) VALUES (?, ?)",
                       [(i, text[max(s, 0):max(e, 0)]) for i, s, e in spans
                        if isinstance(s, int) and isinstance(e, int)])


def _v8_evidence_index(db: sqlite3.Connection) -> None:
    """The evidence index: per sentence, the cells it is evidence for (score, direct or only
    related, and a key shared by identical sentences), which sources it covers, and what it
    was computed with (finder version, each actor's names, each instrument's terms).

    Only the empty tables: the finder fills them as ordinary code, so this step stays frozen.
    """
    _run(
        db,
        """
        CREATE TABLE sentence_evidence (
            sentence_id INTEGER NOT NULL,
            source_id INTEGER NOT NULL,
            actor_id INTEGER NOT NULL,
            instrument_id INTEGER NOT NULL,
            score REAL NOT NULL,
            direct INTEGER NOT NULL,
            key INTEGER NOT NULL
        );
        CREATE INDEX sentence_evidence_cell
            ON sentence_evidence(actor_id, instrument_id, direct, score, key, sentence_id);
        CREATE INDEX sentence_evidence_source ON sentence_evidence(source_id, sentence_id);
        CREATE TABLE evidence_source (
            source_id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL
        );
        CREATE TABLE evidence_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


def _v9_compact_index(db: sqlite3.Connection) -> None:
    """A smaller file: one row of packed spans per source instead of one row per sentence,
    a sentence search index without word positions, an evidence index without a rowid.

    `sentence_span` holds, per source, the id of its first sentence (the others follow in
    order, up to `last_id`) and every (start, end), packed: a type letter, then start, end,
    start, end, ... as little-endian unsigned numbers of 16 bits ('H', when every offset fits)
    or 32 bits ('I'). Sentence ids stay what they were; a source whose ids did not follow
    each other gets new ones after the last, and its evidence index rows go (the finder
    reads it again). `sentence_fts` keeps which sentences hold a word but not where
    (`detail=none`): the finder only filters with it and reads each candidate itself.
    `sentence_evidence` is keyed by (source, sentence, actor, instrument) WITHOUT ROWID, which
    also serves what `sentence_evidence_source` did; its cell index is kept.

    Frozen: the statements, the packing and the tokenizer are written out here.
    """
    _run(
        db,
        """
        CREATE TABLE sentence_span (
            source_id INTEGER PRIMARY KEY REFERENCES source(id),
            first_id INTEGER NOT NULL,
            last_id INTEGER NOT NULL,
            spans BLOB NOT NULL
        );
        CREATE UNIQUE INDEX sentence_span_first ON sentence_span(first_id);
        ALTER TABLE sentence_evidence RENAME TO sentence_evidence_v8;
        CREATE TABLE sentence_evidence (
            sentence_id INTEGER NOT NULL,
            source_id INTEGER NOT NULL,
            actor_id INTEGER NOT NULL,
            instrument_id INTEGER NOT NULL,
            score REAL NOT NULL,
            direct INTEGER NOT NULL,
            key INTEGER NOT NULL,
            PRIMARY KEY (source_id, sentence_id, actor_id, instrument_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO sentence_evidence
            SELECT sentence_id, source_id, actor_id, instrument_id, score, direct, key
            FROM sentence_evidence_v8 ORDER BY source_id, sentence_id, actor_id, instrument_id;
        DROP TABLE sentence_evidence_v8;
        CREATE INDEX sentence_evidence_cell
            ON sentence_evidence(actor_id, instrument_id, direct, score, key, sentence_id);
        DROP TABLE sentence_fts;
        CREATE VIRTUAL TABLE sentence_fts USING fts5 (
            text, content='', columnsize=0, detail=none,
            tokenize='porter unicode61 remove_diacritics 2'
        );
        """,
    )

    from array import array  # here: opening a file at the current version never needs it

    def pack(spans: list[tuple[int, int]]) -> bytes:
        flat = [offset for span in spans for offset in span]
        kind = "H" if max(flat, default=0) <= 0xFFFF else "I"
        packed = array(kind, flat)
        if sys.byteorder == "big":
            packed.byteswap()
        return kind.encode() + packed.tobytes()

    after = db.execute("SELECT coalesce(max(id), 0) FROM sentence").fetchone()[0]
    for (source_id,) in db.execute("SELECT id FROM source ORDER BY id").fetchall():
        (text,) = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()
        text = text if isinstance(text, str) else ""
        rows = [(i, s, e) for i, s, e in db.execute(
            'SELECT id, start, "end" FROM sentence WHERE source_id = ? ORDER BY id', (source_id,))
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)]
        if not rows:
            continue
        first = rows[0][0]
        if rows[-1][0] - first + 1 != len(rows):
            first = after + 1
            after += len(rows)
            db.execute("DELETE FROM sentence_evidence WHERE source_id = ?", (source_id,))
            db.execute("DELETE FROM evidence_source WHERE source_id = ?", (source_id,))
        spans = [(s, e) for _i, s, e in rows]
        db.execute("INSERT INTO sentence_span (source_id, first_id, last_id, spans) VALUES (?, ?, ?, ?)",
                   (source_id, first, first + len(rows) - 1, pack(spans)))
        db.executemany("INSERT INTO sentence_fts (rowid, text) VALUES (?, ?)",
                       [(first + n, text[s:e]) for n, (s, e) in enumerate(spans)])
    db.execute("DROP TABLE sentence")


def _v10_evidence_points(db: sqlite3.Connection) -> None:
    """The evidence index keeps each score as a whole number of ten-thousandths (`points`; the
    finder rounds scores to four decimals): 3 bytes where a REAL took 8, in the table and again
    in its cell index, a sixth of the index.

    The index is emptied, its marks and state with it: the finder builds it again when it is
    next used, as after a new finder version.

    Frozen: the statements are written out here.
    """
    _run(
        db,
        """
        DROP TABLE sentence_evidence;
        CREATE TABLE sentence_evidence (
            sentence_id INTEGER NOT NULL,
            source_id INTEGER NOT NULL,
            actor_id INTEGER NOT NULL,
            instrument_id INTEGER NOT NULL,
            points INTEGER NOT NULL,
            direct INTEGER NOT NULL,
            key INTEGER NOT NULL,
            PRIMARY KEY (source_id, sentence_id, actor_id, instrument_id)
        ) WITHOUT ROWID;
        CREATE INDEX sentence_evidence_cell
            ON sentence_evidence(actor_id, instrument_id, direct, points, key, sentence_id);
        DELETE FROM evidence_source;
        DELETE FROM evidence_state;
        """,
    )


def _v11_packed_evidence(db: sqlite3.Connection) -> None:
    """The evidence index packed: one row per cell and block of 512 consecutive source ids,
    its candidates as parallel packed arrays (store/evidence_pack.py), instead of one row per
    candidate with its cell index (~7 bytes a candidate where there were ~64). Wordings are
    keyed by 32 bits instead of 64 and counted distinct when read.

    The index is emptied, its marks and state with it: the finder builds it again when it is
    next used, as after a new finder version.

    Frozen: the statements are written out here.
    """
    _run(
        db,
        """
        DROP TABLE sentence_evidence;
        CREATE TABLE evidence_block (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER NOT NULL,
            instrument_id INTEGER NOT NULL,
            block INTEGER NOT NULL,
            entries BLOB NOT NULL
        );
        CREATE UNIQUE INDEX evidence_block_cell ON evidence_block(actor_id, instrument_id, block);
        CREATE INDEX evidence_block_sources ON evidence_block(block);
        DELETE FROM evidence_source;
        DELETE FROM evidence_state;
        """,
    )


# Migration steps in order: MIGRATIONS[n] takes a file from version n to n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5_source_pages,
                                                                 _v6_brief_snapshots, _v7_sentence_spans,
                                                                 _v8_evidence_index, _v9_compact_index,
                                                                 _v10_evidence_points, _v11_packed_evidence)
SCHEMA_VERSION = len(MIGRATIONS)
