"""Merging a colleague's copy, on real project files: each way two copies can differ."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench.ingest.importer import import_paths
from workbench.store import cells, disputes, excerpts, frame, history, sources
from workbench.store.check import check
from workbench.store.merge import MergeReport, merge
from workbench.store.project import Project
from workbench.store.share import share


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def opened(path: Path, user: str) -> Project:
    project = Project.open(path)
    project.user = user
    return project


def cell_of(project: Project, actor: str, instrument: str):
    return cells.get(project, frame.find_actor(project, actor).id, frame.find_instrument(project, instrument).id)


def edit(path: Path, user: str, actor: str, instrument: str, **fields: str) -> None:
    with opened(path, user) as project:
        cells.update(project, cell_of(project, actor, instrument).id, **fields)


def value(path: Path, actor: str, instrument: str, field: str) -> str:
    with Project.open(path, read_only=True) as project:
        return getattr(cell_of(project, actor, instrument), field)


def merge_into(mine: Path, theirs: Path, user: str = "alice", *, dry_run: bool = False) -> MergeReport:
    with opened(mine, user) as project:
        report = merge(project, theirs, dry_run=dry_run)
        problems = check(project).problems
    assert problems == [], problems
    return report


def send(source: Path, target: Path) -> Path:
    """"Share a copy", as an analyst sends the file."""
    with Project.open(source, read_only=True) as project:
        return share(project, target)


def matrix(path: Path) -> dict[tuple[str, str], tuple]:
    with Project.open(path, read_only=True) as project:
        names_a = {a.id: a.name for a in frame.actors(project)}
        names_i = {i.id: i.name for i in frame.instruments(project)}
        return {(names_a[c.actor_id], names_i[c.instrument_id]):
                (c.posture, c.options, c.likelihood, c.confidence, c.priority, c.status,
                 tuple(sorted(e.quote for e in excerpts.for_cell(project, c.id))))
                for c in cells.all_cells(project)}


@pytest.fixture
def pair(sample_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Mine (the sample) and a colleague's copy of it, sent with "Share a copy"."""
    folder = tmp_path / "colleague"
    folder.mkdir()
    theirs = send(sample_path, folder / "theirs.pbw")
    return sample_path, theirs


def test_cells_edited_on_each_side_both_arrive(pair):
    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", posture="Alice's view")
    edit(theirs, "bob", "China", "Diplomacy", posture="Bob's view", likelihood="likely")
    report = merge_into(mine, theirs)
    assert value(mine, "Russia", "Sanctions", "posture") == "Alice's view"
    assert value(mine, "China", "Diplomacy", "posture") == "Bob's view"
    assert value(mine, "China", "Diplomacy", "likelihood") == "likely"
    assert report.updated == {"cell": 1} and not report.disputes
    with Project.open(mine, read_only=True) as project:
        assert disputes.list_all(project) == []


def test_same_field_changed_differently_is_disputed_and_both_kept(pair):
    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", likelihood="likely", posture="Same words")
    edit(theirs, "bob", "Russia", "Sanctions", likelihood="unlikely", posture="Same words")
    report = merge_into(mine, theirs)
    assert [(d.field, d.mine, d.theirs) for d in report.disputes] == [("likelihood", "likely", "unlikely")]
    assert value(mine, "Russia", "Sanctions", "likelihood") == "likely"  # mine stays current
    with Project.open(mine, read_only=True) as project:
        (d,) = disputes.list_all(project)
        assert (d.label, d.field, d.mine, d.theirs) == ("Russia × Sanctions", "likelihood", "likely", "unlikely")
        assert (d.mine_by, d.theirs_by) == ("alice", "bob")
        assert d.theirs_at and d.mine_at
        assert disputes.disputed_cells(project) == {cell_of(project, "Russia", "Sanctions").id}


def test_same_change_on_both_sides_is_no_dispute(pair):
    mine, theirs = pair
    for path, user in ((mine, "alice"), (theirs, "bob")):
        edit(path, user, "Japan", "Sanctions", posture="Export controls", confidence="high")
    report = merge_into(mine, theirs)
    assert report.disputes == [] and report.taken == []
    # And the other way round, after that: still nothing to dispute.
    assert merge_into(theirs, mine, "bob").disputes == []


def test_same_source_imported_on_both_sides_becomes_one(pair, tmp_path):
    mine, theirs = pair
    article = tmp_path / "shared article.txt"
    article.write_text("Seoul and Tokyo agreed on new sanctions on shipping firms on Monday. "
                       "Officials declined to give a timetable.\n", encoding="utf-8")
    for path, user in ((mine, "alice"), (theirs, "bob")):
        with opened(path, user) as project:
            import_paths(project, [article])
    with opened(theirs, "bob") as project:
        src = next(s for s in sources.list_all(project) if s.filename == article.name)
        cell = cell_of(project, "Japan", "Sanctions")
        excerpts.cite(project, cell.id, src.id, 0, 67, credibility=2)
        their_source_uuid = src.uuid
    with Project.open(mine, read_only=True) as project:
        before = sources.count(project)
        mine_source = next(s for s in sources.list_all(project) if s.filename == article.name)
    assert mine_source.uuid != their_source_uuid
    report = merge_into(mine, theirs)
    assert report.sources_by_text == 1 and report.excerpts_repointed == 1
    with Project.open(mine, read_only=True) as project:
        assert sources.count(project) == before
        (ex,) = excerpts.for_cell(project, cell_of(project, "Japan", "Sanctions").id)
        assert ex.source_id == mine_source.id
        assert ex.quote.startswith("Seoul and Tokyo agreed")
    assert merge_into(mine, theirs).changed is False  # and not again


def test_actor_renamed_here_while_its_cells_changed_there(pair):
    mine, theirs = pair
    with opened(mine, "alice") as project:
        frame.update_actor(project, frame.find_actor(project, "Russia").id, name="Russian Federation")
    edit(theirs, "bob", "Russia", "Military aid", posture="Shells from Pyongyang", likelihood="almost certain")
    merge_into(mine, theirs)
    assert value(mine, "Russian Federation", "Military aid", "posture") == "Shells from Pyongyang"
    merge_into(theirs, mine, "bob")
    assert value(theirs, "Russian Federation", "Military aid", "likelihood") == "almost certain"
    assert matrix(mine) == matrix(theirs)


def test_actor_deleted_here_and_changed_there_comes_back_disputed(pair):
    mine, theirs = pair
    with opened(mine, "alice") as project:
        frame.remove_actor(project, frame.find_actor(project, "Japan").id)
    edit(theirs, "bob", "Japan", "Diplomacy", posture="Tokyo hosts talks")
    report = merge_into(mine, theirs)
    assert ("actor", ) == tuple({t for t, _ in report.restored} - {"cell", "cell_excerpt"})
    assert value(mine, "Japan", "Diplomacy", "posture") == "Tokyo hosts talks"  # the edit is not lost
    with opened(mine, "alice") as project:
        (d,) = disputes.list_all(project)
        assert (d.table, d.field, d.kind, d.label) == ("actor", "deleted", "deleted_here", "Japan")
        japan = frame.find_actor(project, "Japan")
        marked = disputes.disputed_cells(project)
        assert {c.id for c in cells.all_cells(project) if c.actor_id == japan.id} <= marked
        disputes.resolve(project, d.id, "mine")  # delete it after all
        assert all(a.name != "Japan" for a in frame.actors(project))
        assert check(project).ok
    # Back on the other side, the deletion is now the newer decision: Japan goes there too.
    merge_into(theirs, mine, "bob")
    with Project.open(theirs, read_only=True) as project:
        assert all(a.name != "Japan" for a in frame.actors(project))
        assert disputes.list_all(project) == []


def test_actor_deleted_there_and_changed_here_stays_disputed(pair):
    mine, theirs = pair
    with opened(theirs, "bob") as project:
        frame.remove_actor(project, frame.find_actor(project, "NATO").id)
    edit(mine, "alice", "NATO", "Military aid", posture="Air defence")
    report = merge_into(mine, theirs)
    assert [(t, report.labels[u]) for t, u in report.kept] == [("actor", "NATO")]
    assert value(mine, "NATO", "Military aid", "posture") == "Air defence"
    with Project.open(mine, read_only=True) as project:
        (d,) = disputes.list_all(project)
        assert (d.kind, d.mine, d.theirs) == ("deleted_there", "kept", "deleted")


def test_keeping_a_row_they_deleted_brings_it_back_to_them_without_a_new_dispute(pair):
    mine, theirs = pair
    with opened(theirs, "bob") as project:
        frame.remove_actor(project, frame.find_actor(project, "NATO").id)
        frame.add_instrument(project, "Information", ["propaganda"])  # empty cells for every actor
    edit(mine, "alice", "NATO", "Military aid", posture="Air defence")
    merge_into(mine, theirs)
    with opened(mine, "alice") as project:
        (d,) = disputes.list_all(project)
        disputes.resolve(project, d.id, "mine")
    report = merge_into(theirs, mine, "bob")
    assert report.disputes == [] and ("actor", d.row_uuid) not in report.restored
    assert value(theirs, "NATO", "Military aid", "posture") == "Air defence"
    assert value(theirs, "NATO", "Information", "status") == "empty"
    assert matrix(mine) == matrix(theirs)


def test_a_column_they_added_does_not_bring_back_a_row_i_deleted(pair):
    mine, theirs = pair
    with opened(mine, "alice") as project:
        frame.remove_actor(project, frame.find_actor(project, "Japan").id)
    with opened(theirs, "bob") as project:
        frame.add_instrument(project, "Information", ["propaganda"])
    report = merge_into(mine, theirs)
    assert report.restored == [] and report.disputes == []
    assert matrix(mine) == {k: v for k, v in matrix(theirs).items() if k[0] != "Japan"}


def test_actor_deleted_there_and_untouched_here_goes(pair):
    mine, theirs = pair
    with opened(theirs, "bob") as project:
        frame.remove_actor(project, frame.find_actor(project, "NATO").id)
        frame.remove_instrument(project, frame.find_instrument(project, "Sanctions").id)
    report = merge_into(mine, theirs)
    assert (report.removed["actor"], report.removed["instrument"]) == (1, 1) and not report.disputes
    assert matrix(mine) == matrix(theirs)


def test_evidence_links_merge_as_sets(pair):
    mine, theirs = pair
    with opened(mine, "alice") as project:
        src = sources.list_all(project)[0]
        excerpts.cite(project, cell_of(project, "China", "Sanctions").id, src.id, 0, 40)
    with opened(theirs, "bob") as project:
        cited = next(c for c in cells.all_cells(project) if c.evidence_count)
        ex = excerpts.for_cell(project, cited.id)[0]
        excerpts.uncite(project, cited.id, ex.id)
        src = sources.list_all(project)[1]
        excerpts.cite(project, cell_of(project, "Ukraine", "Diplomacy").id, src.id, 10, 60)
    merge_into(mine, theirs)
    merge_into(theirs, mine, "bob")
    assert matrix(mine) == matrix(theirs)
    m = matrix(mine)
    assert m[("China", "Sanctions")][6] and m[("Ukraine", "Diplomacy")][6]
    with Project.open(mine, read_only=True) as project:
        assert ex.quote not in [e.quote for e in excerpts.for_cell(project, cited.id)]


def test_merging_twice_changes_nothing_the_second_time(pair):
    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", likelihood="likely")
    edit(theirs, "bob", "Russia", "Sanctions", likelihood="unlikely")
    edit(theirs, "bob", "China", "Sanctions", posture="Quiet support")
    first = merge_into(mine, theirs)
    assert first.changed and first.backup is not None and first.backup.exists()
    before = sha256(mine)
    files = sorted(p.name for p in mine.parent.iterdir())
    second = merge_into(mine, theirs)
    assert not second.changed and second.disputes == [] and second.backup is None
    assert sha256(mine) == before
    assert sorted(p.name for p in mine.parent.iterdir()) == files


def test_round_trip_a_b_a_b(pair, tmp_path):
    a, b = pair
    edit(a, "alice", "China", "Diplomacy", posture="A1")
    edit(b, "bob", "Japan", "Diplomacy", posture="B1")
    back = send(b, tmp_path / "from-bob-1.pbw")
    assert merge_into(a, back).disputes == []
    edit(a, "alice", "Japan", "Diplomacy", posture="A2 on top of B1")
    edit(b, "bob", "China", "Sanctions", posture="B2")
    again = send(a, tmp_path / "from-alice-2.pbw")
    report = merge_into(b, again, "bob")
    assert report.disputes == []
    assert value(b, "Japan", "Diplomacy", "posture") == "A2 on top of B1"
    assert value(b, "China", "Diplomacy", "posture") == "A1"
    edit(b, "bob", "China", "Diplomacy", posture="B3 on top of A1")
    third = send(b, tmp_path / "from-bob-3.pbw")
    assert merge_into(a, third).disputes == []
    assert matrix(a) == matrix(b)


def test_three_analysts_in_a_ring(pair, tmp_path):
    a, b = pair
    c = send(a, tmp_path / "colleague" / "c.pbw")
    edit(a, "alice", "Russia", "Diplomacy", posture="from A")
    edit(b, "bob", "China", "Diplomacy", posture="from B")
    edit(c, "carol", "Japan", "Diplomacy", posture="from C")
    assert merge_into(b, send(a, tmp_path / "a-to-b.pbw"), "bob").disputes == []
    assert merge_into(c, send(b, tmp_path / "b-to-c.pbw"), "carol").disputes == []
    assert merge_into(a, send(c, tmp_path / "c-to-a.pbw")).disputes == []
    assert value(a, "China", "Diplomacy", "posture") == "from B"
    assert value(a, "Japan", "Diplomacy", "posture") == "from C"
    # Carol builds on Alice's judgment; going round again brings it back without a dispute.
    edit(c, "carol", "Russia", "Diplomacy", posture="from A, sharpened by C")
    assert merge_into(a, send(c, tmp_path / "c-to-a-2.pbw")).disputes == []
    assert value(a, "Russia", "Diplomacy", "posture") == "from A, sharpened by C"
    assert merge_into(b, send(a, tmp_path / "a-to-b-2.pbw"), "bob").disputes == []
    assert matrix(a) == matrix(b)


def test_a_shared_copy_keeps_its_revisions_but_not_their_values(pair):
    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", posture="SECRET-DRAFT-WORDING")
    edit(mine, "alice", "Russia", "Sanctions", posture="Public wording")
    copy = send(mine, mine.parent / "sent.pbw")
    assert b"SECRET-DRAFT-WORDING" not in copy.read_bytes()
    db = sqlite3.connect(copy)
    try:
        n, values = db.execute("SELECT count(*), count(value) FROM revision").fetchone()
    finally:
        db.close()
    assert n >= 2 and values == 0
    # The shared copy still merges three-way: only the side that changed a field wins.
    edit(copy, "bob", "Russia", "Sanctions", likelihood="likely")
    edit(mine, "alice", "Russia", "Sanctions", confidence="low")
    report = merge_into(mine, copy)
    assert report.disputes == []
    assert (value(mine, "Russia", "Sanctions", "likelihood"), value(mine, "Russia", "Sanctions", "confidence"),
            value(mine, "Russia", "Sanctions", "posture")) == ("likely", "low", "Public wording")


def test_dry_run_changes_nothing(pair):
    mine, theirs = pair
    edit(theirs, "bob", "China", "Diplomacy", posture="Bob's view")
    edit(theirs, "bob", "Russia", "Diplomacy", posture="Theirs")
    edit(mine, "alice", "Russia", "Diplomacy", posture="Mine")
    before = sha256(mine)
    files = sorted(p.name for p in mine.parent.iterdir())
    report = merge_into(mine, theirs, dry_run=True)
    assert report.dry_run and report.updated == {"cell": 1} and len(report.disputes) == 1
    assert report.backup is None
    assert sha256(mine) == before
    assert sorted(p.name for p in mine.parent.iterdir()) == files


def test_resolving_settles_it_for_both_copies(pair):
    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", posture="Mine")
    edit(theirs, "bob", "Russia", "Sanctions", posture="Theirs")
    merge_into(mine, theirs)
    with opened(mine, "alice") as project:
        (d,) = disputes.list_all(project)
        settled = disputes.resolve(project, d.id, "theirs")
        assert cell_of(project, "Russia", "Sanctions").posture == "Theirs"
        disputes.unresolve(project, settled)  # undo puts value and dispute back
        assert cell_of(project, "Russia", "Sanctions").posture == "Mine"
        (d,) = disputes.list_all(project)
        disputes.resolve(project, d.id, "combine", "Mine, and Theirs")
    assert merge_into(mine, theirs).disputes == []  # settled here: no new dispute
    report = merge_into(theirs, mine, "bob")  # and the other copy takes the settlement
    assert report.disputes == []
    assert value(theirs, "Russia", "Sanctions", "posture") == "Mine, and Theirs"


def test_history_names_who_changed_what_and_which_merge_brought_it(pair):
    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", posture="First")
    edit(theirs, "bob", "Russia", "Sanctions", likelihood="likely")
    report = merge_into(mine, theirs)
    with Project.open(mine, read_only=True) as project:
        entries = history.cell_history(project, cell_of(project, "Russia", "Sanctions").id)
    mine_entry = next(e for e in entries if e.by == "alice")
    their_entry = next(e for e in entries if e.by == "bob")
    assert mine_entry.merge is None
    assert [(f.field, f.before, f.after) for f in mine_entry.fields][0] == ("posture", "", "First")
    assert their_entry.merge is not None and their_entry.merge["uuid"] == report.merge_uuid
    assert their_entry.merge["from"] == "theirs.pbw"
    assert ("likelihood", "", "likely") in [(f.field, f.before, f.after) for f in their_entry.fields]


def test_the_merged_file_reads_in_ordinary_sqlite_tools(pair):
    import sqlite_utils

    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", posture="Mine")
    edit(theirs, "bob", "Russia", "Sanctions", posture="Theirs")
    merge_into(mine, theirs)
    db = sqlite_utils.Database(sqlite3.connect(f"file:{mine}?mode=ro", uri=True))
    assert {"revision", "revision_head", "dispute", "merge_log"} <= set(db.table_names())
    (row,) = db["dispute"].rows
    assert row["field"] == "posture" and row["theirs_value"] == '"Theirs"'


def test_a_file_copied_without_sharing_merges_too(pair, tmp_path):
    mine, _ = pair
    plain = tmp_path / "plain copy.pbw"
    shutil.copyfile(mine, plain)
    edit(plain, "bob", "China", "Diplomacy", posture="copied by hand")
    assert merge_into(mine, plain).updated == {"cell": 1}


def test_a_source_only_they_imported_arrives_searchable_with_its_sentences(pair, tmp_path):
    mine, theirs = pair
    article = tmp_path / "their article.txt"
    article.write_text("Pyongyang denied the reports. Kyiv published intercepted radio traffic "
                       "naming the brigade.\n", encoding="utf-8")
    with opened(theirs, "bob") as project:
        import_paths(project, [article])
        src = next(s for s in sources.list_all(project) if s.filename == article.name)
        excerpts.cite(project, cell_of(project, "Ukraine", "Diplomacy").id, src.id, 30, 71)
    report = merge_into(mine, theirs)  # check() inside: hash, sentences, index, excerpts
    assert report.added["source"] == 1 and report.excerpts_repointed == 0
    with Project.open(mine, read_only=True) as project:
        from workbench.store import search

        hit = search.search(project, "intercepted radio").hits[0]
        assert hit.title == src.title
        from workbench.store import sentences

        spans = [(s, e) for _i, s, e in sentences.spans_of(project.db, hit.source_id)]
        text = sources.get(project, hit.source_id).text
        assert [text[s:e] for s, e in spans] == ["Pyongyang denied the reports.",
                                                 "Kyiv published intercepted radio traffic naming the brigade."]
        (ex,) = excerpts.for_cell(project, cell_of(project, "Ukraine", "Diplomacy").id)
        assert ex.quote == text[ex.start:ex.end] == "Kyiv published intercepted radio traffic"


def test_a_disputed_cell_says_so_when_read(pair):
    mine, theirs = pair
    edit(mine, "alice", "Russia", "Sanctions", posture="Mine", likelihood="likely")
    edit(theirs, "bob", "Russia", "Sanctions", posture="Theirs", likelihood="unlikely")
    merge_into(mine, theirs)
    with Project.open(mine, read_only=True) as project:
        assert cell_of(project, "Russia", "Sanctions").disputes == 2
        assert {c.id for c in cells.all_cells(project) if c.disputes} == disputes.disputed_cells(project)
