"""Sources: immutable text snapshots with editable metadata and an A-F reliability grade."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from workbench.domain import scales
from workbench.domain.models import ParsedDocument, Source
from workbench.store import sentences
from workbench.store.errors import NotFound
from workbench.store.project import Project, now, ordered_uuid

# Metadata a user may edit; the text and its hash never change after import.
EDITABLE = ("title", "author", "outlet", "published", "url", "reliability", "note")
# Read as text whatever is stored: a file from elsewhere is shown while its values are still
# being checked (`received.check`), and a number or a BLOB there must not reach the window.
_TEXT_COLUMNS = ("uuid", "title", "author", "outlet", "published", "url", "filename", "format", "sha256",
                 "reliability", "note", "imported_at", "updated_at", "updated_by")
_COLUMNS = ("id, " + ", ".join(f"CAST({c} AS TEXT) AS {c}" for c in _TEXT_COLUMNS)
            + ", length(text) AS length")


def text_hash(text: str) -> str:
    import hashlib  # only imports hash texts: not loaded at start-up

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _source(row: dict[str, Any], text: str | None = None) -> Source:
    return Source(**row, text=text)


def find_by_hash(project: Project, sha256: str) -> int | None:
    r = project.db.execute("SELECT id FROM source WHERE sha256 = ?", (sha256,)).fetchone()
    return r[0] if r else None


def add(project: Project, doc: ParsedDocument, *, reliability: str = "F",
        spans: Iterable[tuple[int, int]] | None = None) -> int | None:
    """Store a parsed document as a new source; None if the same text is already there.
    *spans* are its sentences when already split (else they are split here).

    Call inside `project.transaction()`: the importer batches several sources per commit.
    """
    digest = text_hash(doc.text)
    if find_by_hash(project, digest) is not None:
        return None
    stamp = now()
    values = {
        "uuid": ordered_uuid(),
        "title": doc.title.strip() or doc.filename or "Untitled",
        "author": doc.author,
        "outlet": doc.outlet,
        "published": doc.published,
        "url": doc.url,
        "note": doc.note,
        "pages": json.dumps(list(doc.pages)) if doc.pages else "",
        "filename": doc.filename,
        "format": doc.format,
        "text": doc.text,
        "sha256": digest,
        "reliability": scales.reliability(reliability),
        "imported_at": stamp,
        "updated_at": stamp,
        "updated_by": project.user,
    }
    with project.transaction() as db:
        cur = db.execute(
            f"INSERT INTO source ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )
        source_id = int(cur.lastrowid or 0)
        db.execute(
            "INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
            (source_id, values["title"], doc.text),
        )
        sentences.index_source(db, source_id, spans)
        # What came in, not a second copy of the row (which holds the rest): at 100,000
        # sources the whole row took 45 MB of the log.
        after = {k: values[k] for k in ("title", "filename", "sha256")}
        project.log("insert", "source", values["uuid"], None, after)
    return source_id


def list_all(project: Project, *, order: str = "published") -> list[Source]:
    """All sources without their text, newest first by default."""
    orders = {
        "published": "published DESC, title",
        "title": "title COLLATE NOCASE",
        "outlet": "outlet COLLATE NOCASE, title",
        "reliability": "reliability, title",
        "imported": "id",
    }
    sql = f"SELECT {_COLUMNS} FROM source ORDER BY {orders.get(order, orders['published'])}"
    return [_source(r) for r in project.rows(sql)]


def count(project: Project) -> int:
    return project.db.execute("SELECT count(*) FROM source").fetchone()[0]


def get(project: Project, source_id: int, *, with_text: bool = True) -> Source:
    row = project.row(f"SELECT {_COLUMNS} FROM source WHERE id = ?", (source_id,))
    if row is None:
        raise NotFound(f"There is no source {source_id}.")
    text = None
    if with_text:
        text = project.db.execute("SELECT CAST(text AS TEXT) FROM source WHERE id = ?", (source_id,)).fetchone()[0]
    return _source(row, text)


def update(project: Project, source_id: int, **fields: str) -> Source:
    """Change a source's metadata (see EDITABLE); one transaction, logged."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))} of a source")
    if "reliability" in fields:
        fields["reliability"] = scales.reliability(fields["reliability"])
    before = get(project, source_id, with_text=False)
    old = {k: getattr(before, k) for k in fields}
    if old == fields:
        return before
    with project.transaction() as db:
        sets = {**fields, **project.stamp()}
        db.execute(
            f"UPDATE source SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
            (*sets.values(), source_id),
        )
        if "title" in fields and fields["title"] != before.title:
            text = db.execute("SELECT text FROM source WHERE id = ?", (source_id,)).fetchone()[0]
            db.execute(
                "INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                (source_id, before.title, text),
            )
            db.execute(
                "INSERT INTO source_fts (rowid, title, text) VALUES (?, ?, ?)",
                (source_id, fields["title"], text),
            )
        project.log("update", "source", before.uuid, old, fields)
    return get(project, source_id, with_text=False)


def excerpt_count(project: Project, source_id: int) -> int:
    return project.db.execute(
        "SELECT count(*) FROM excerpt WHERE source_id = ?", (source_id,)
    ).fetchone()[0]


def delete(project: Project, source_id: int) -> None:
    """Remove a source that no excerpt cites (cited sources must keep their passages)."""
    src = get(project, source_id)
    if excerpt_count(project, source_id):
        raise ValueError(f"“{src.title}” is cited in the matrix; remove those excerpts first.")
    with project.transaction() as db:
        sentences.drop_source(db, source_id)
        db.execute(
            "INSERT INTO source_fts (source_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
            (source_id, src.title, src.text),
        )
        db.execute("DELETE FROM source WHERE id = ?", (source_id,))
        project.log("delete", "source", src.uuid, {"title": src.title, "sha256": src.sha256}, None)


def page_starts(project: Project, source_id: int) -> tuple[int, ...]:
    """Where each page starts in the source's text; () for sources without pages."""
    row = project.db.execute("SELECT pages FROM source WHERE id = ?", (source_id,)).fetchone()
    return _parse_pages(row[0]) if row else ()


def page_at(starts: tuple[int, ...], offset: int) -> int | None:
    """The 1-based page holding character *offset*, given page_starts(); None without pages."""
    if not starts:
        return None
    return max(1, bisect_right(starts, offset))


def excerpt_page(project: Project, excerpt_id: int) -> int | None:
    """The page an excerpt starts on (1-based), or None when its source has no pages."""
    row = project.db.execute(
        "SELECT s.pages, e.start FROM excerpt e JOIN source s ON s.id = e.source_id WHERE e.id = ?",
        (excerpt_id,),
    ).fetchone()
    return page_at(_parse_pages(row[0]), row[1]) if row else None


def _parse_pages(raw: str) -> tuple[int, ...]:
    # The column comes from a file made elsewhere: anything but a list of offsets is no pages.
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return ()
    if not isinstance(value, list) or not all(type(v) is int and v >= 0 for v in value):
        return ()
    return tuple(value)


def list_headings(project: Project) -> list[tuple[int, str, str, str, str, str]]:
    """(id, title, author, outlet, published, reliability) of every source, in id order.

    Read from the covering index `source_heading` alone (it holds these columns in id order),
    so no page of the table, where the texts are stored, is read: the window shows its list
    of 100,000 sources from this (a third of a second, on a worker).
    """
    return project.db.execute(HEADINGS_SQL).fetchall()


HEADINGS_SQL = ("SELECT id, CAST(title AS TEXT), CAST(author AS TEXT), CAST(outlet AS TEXT),"
                " CAST(published AS TEXT), CAST(reliability AS TEXT) FROM source ORDER BY id")
