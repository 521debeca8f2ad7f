"""A shared copy keeps who changed what and when, not old values or what earlier briefs said."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.domain.models import ParsedDocument
from workbench.store import brief_snapshots, cells, frame, search, sources
from workbench.store.brief_snapshots import Judgment, Snapshot
from workbench.store.project import Project
from workbench.store.share import share


def test_overwritten_cell_text_and_deleted_titles_do_not_travel(sample_project: Project, tmp_path) -> None:
    actor = frame.find_actor(sample_project, "Japan")
    inst = frame.find_instrument(sample_project, "Sanctions")
    cell = cells.get(sample_project, actor.id, inst.id)
    cells.update(sample_project, cell.id, posture="ZEBRA-OLDPOSTURE-77 plan")
    cells.update(sample_project, cell.id, posture="Public posture")
    src_id = sources.add(sample_project, ParsedDocument(text="A short note.", title="Note", format="txt"))
    assert src_id is not None
    sources.update(sample_project, src_id, title="QUOKKA-SECRET-TITLE")
    sources.delete(sample_project, src_id)

    local = sample_project.path.read_bytes()
    assert b"ZEBRA-OLDPOSTURE-77" in local  # the local file keeps its history

    out = share(sample_project, tmp_path / "copy.pbw")
    data = out.read_bytes()
    assert b"ZEBRA-OLDPOSTURE-77" not in data
    assert b"QUOKKA-SECRET-TITLE" not in data
    db = sqlite3.connect(out)
    try:
        rows = db.execute(
            "SELECT count(*), count(before), count(after) FROM change_log WHERE row_uuid = ?", (cell.uuid,)
        ).fetchone()
    finally:
        db.close()
    assert rows[0] >= 2 and rows[1] == 0 and rows[2] == 0
    with Project.open(out) as copy:
        assert cells.by_id(copy, cell.id).posture == "Public posture"


def test_what_earlier_briefs_said_does_not_travel(sample_project: Project, tmp_path) -> None:
    actor = frame.find_actor(sample_project, "Japan")
    inst = frame.find_instrument(sample_project, "Sanctions")
    cell = cells.get(sample_project, actor.id, inst.id)
    cells.update(sample_project, cell.id, posture="WOMBAT-EXPORTED-POSTURE-31 plan")
    said = Judgment(cell=cell.uuid, actor="Japan", instrument="Sanctions",
                    posture="WOMBAT-EXPORTED-POSTURE-31 plan")
    brief_snapshots.record(sample_project, Snapshot(brief_name="Weekly", exported_at="", format="pdf",
                                                    marking="TLP:AMBER", judgments=(said,)))
    cells.update(sample_project, cell.id, posture="Public posture")
    assert brief_snapshots.latest(sample_project, "Weekly") is not None  # the project keeps it

    out = share(sample_project, tmp_path / "copy.pbw")
    assert b"WOMBAT-EXPORTED-POSTURE-31" not in out.read_bytes()
    with Project.open(out) as copy:
        assert brief_snapshots.latest(copy, "Weekly") is None
        assert cells.by_id(copy, cell.id).posture == "Public posture"


# A word no text of the sample has, spelt so that its tail survives FTS5's prefix compression
# (terms on one index page share their first letters with the term before).
GONE_WORD = "qjxwombatplughzyx"


def _index_pages(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT (SELECT count(*) FROM source_fts_data) + (SELECT count(*) FROM sentence_fts_data)"
                          ).fetchone()[0]
    finally:
        db.close()


def test_words_of_a_deleted_source_leave_both_search_indexes_of_the_copy(sample_project: Project, tmp_path):
    src_id = sources.add(sample_project, ParsedDocument(
        text=f"The envoy spoke of {GONE_WORD} twice. Then {GONE_WORD} again.", title="Gone", format="txt"))
    assert src_id is not None
    sources.delete(sample_project, src_id)
    tail = GONE_WORD[3:].encode()
    assert tail in sample_project.path.read_bytes()  # the local index still holds the words
    out = share(sample_project, tmp_path / "copy.pbw")
    assert tail not in out.read_bytes()


def test_a_project_that_only_imported_is_shared_without_rewriting_its_indexes(sample_project: Project,
                                                                              tmp_path):
    # Nothing ever left the indexes: the copy keeps their segments as they are (no merge).
    for i in range(3):
        sources.add(sample_project, ParsedDocument(text=f"Fresh note {i} about sanctions.", title=f"N{i}",
                                                   format="txt"))
    plain = tmp_path / "plain.pbw"
    sample_project.db.execute("VACUUM INTO ?", (str(plain),))
    out = share(sample_project, tmp_path / "copy.pbw")
    assert _index_pages(out) == _index_pages(plain) > 0
    with Project.open(out) as copy:
        assert search.search(copy, "sanctions").hits
