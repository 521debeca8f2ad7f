"""A shared copy keeps who changed what and when, not old values or what earlier briefs said."""

from __future__ import annotations

import sqlite3

from workbench.domain.models import ParsedDocument
from workbench.store import brief_snapshots, cells, frame, sources
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
