"""Upgrading project files of every past schema version to the current one.

Each past version has a frozen file under tests/data/ (made by tests/data/make_v1.py); the
tests copy it, open it, and compare the result with a file made fresh by this version.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.store import cells, excerpts, frame, search, sentences, sources, validate
from workbench.store.check import check
from workbench.store.project import Project
from workbench.store.schema import APPLICATION_ID, SCHEMA_VERSION

DATA = Path(__file__).parent / "data"
FROZEN = {1: DATA / "project_v1.pbw", 2: DATA / "project_v2.pbw", 3: DATA / "project_v3.pbw",
          4: DATA / "project_v4.pbw", 5: DATA / "project_v5.pbw", 6: DATA / "project_v6.pbw",
          7: DATA / "project_v7.pbw", 8: DATA / "project_v8.pbw", 9: DATA / "project_v9.pbw",
          10: DATA / "project_v10.pbw"}
# Terms the v2 file gave its instruments (tests/data/make_v2.py); v1 had no terms.
V2_TERMS = {"Diplomacy": ("emergency session", "talks"), "Sanctions": ("sanctions", "asset freeze")}
QUOTE = ("the United Nations must reassert its authority by convening an emergency session to "
         "address potential sanctions violations.")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def master_rows(path_or_db: Path | sqlite3.Connection) -> list[tuple]:
    """Every sqlite_master row, as SQLite stores it (no normalising of the SQL text)."""
    db = path_or_db if isinstance(path_or_db, sqlite3.Connection) else \
        sqlite3.connect(f"file:{path_or_db}?mode=ro", uri=True)
    try:
        return db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"
                          " ORDER BY type, name").fetchall()
    finally:
        if db is not path_or_db:
            db.close()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    path = tmp_path_factory.mktemp("fresh") / "fresh.pbw"
    Project.create(path, "fresh").close()
    return master_rows(path)


@pytest.fixture(params=sorted(FROZEN), ids=lambda v: f"v{v}")
def old_copy(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[int, Path]:
    """A copy of the frozen file of each past version in turn."""
    target = tmp_path / "old project.pbw"
    shutil.copyfile(FROZEN[request.param], target)
    return request.param, target


def test_every_past_version_has_a_frozen_file():
    # A new migration step must come with a frozen file of the version it upgrades from.
    assert sorted(FROZEN) == list(range(1, SCHEMA_VERSION))
    for version, path in FROZEN.items():
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            assert db.execute("PRAGMA user_version").fetchone()[0] == version
            assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        finally:
            db.close()


@pytest.mark.parametrize("version", sorted(FROZEN))
def test_upgrade_gives_exactly_the_fresh_schema(version: int, tmp_path: Path, fresh_schema):
    path = tmp_path / f"v{version}.pbw"
    shutil.copyfile(FROZEN[version], path)
    assert master_rows(path) != fresh_schema  # the frozen file really is old
    with Project.open(path) as project:
        assert project.migrated_from == version
        assert not project.read_only
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert project.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert master_rows(path) == fresh_schema
    # The upgraded file passes every check, seen from a fresh open.
    with Project.open(path) as project:
        assert project.migrated_from == 0
        report = check(project)
        assert report.ok, report.problems


def test_upgrade_keeps_the_data(old_copy: tuple[int, Path]):
    version, path = old_copy
    with Project.open(path) as project:
        assert project.name == "Frozen v1 project"
        (src,) = sources.list_all(project)
        assert src.title == "UN must convene an emergency session"
        assert src.reliability == "B"
        full = sources.get(project, src.id)
        assert hashlib.sha256(full.text.encode()).hexdigest() == src.sha256
        assert [a.name for a in frame.actors(project)] == ["United Nations", "Russia", "North Korea"]
        assert frame.find_actor(project, "security council").name == "United Nations"
        insts = frame.instruments(project)
        assert [i.name for i in insts] == ["Diplomacy", "Sanctions"]
        if version == 1:
            assert all(i.terms == () for i in insts)  # the new column's default
        else:
            assert {i.name: i.terms for i in insts} == V2_TERMS
        un = frame.find_actor(project, "UN")
        diplomacy = frame.find_instrument(project, "diplomacy")
        cell = cells.get(project, un.id, diplomacy.id)
        assert (cell.status, cell.likelihood, cell.confidence) == ("draft", "likely", "moderate")
        assert cell.evidence_count == 1
        (ex,) = excerpts.for_cell(project, cell.id)
        assert ex.quote == QUOTE
        assert full.text[ex.start:ex.end] == QUOTE
        assert ex.credibility == 3
        assert len(cells.all_cells(project)) == 6
        hits = search.search(project, "emergency session").hits
        assert [h.source_id for h in hits] == [src.id]


def test_upgrade_gives_an_empty_record_of_exported_briefs(old_copy: tuple[int, Path]):
    # No past version recorded exports: after the upgrade there are none, and one can be kept.
    from workbench.store import brief_snapshots
    from workbench.store.brief_snapshots import Snapshot

    _, path = old_copy
    with Project.open(path) as project:
        assert brief_snapshots.latest(project, "Main") is None
        kept = brief_snapshots.record(project, Snapshot("Main", "", "pdf", "TLP:AMBER", date="2024-11-25"))
        assert brief_snapshots.latest(project, "main") == kept
        assert check(project).ok


def test_upgrade_gives_an_empty_evidence_index_that_fills_on_first_use(old_copy: tuple[int, Path]):
    # The migration only makes the tables; coverage builds the index, and agrees with the
    # counts read from the sentences themselves.
    from workbench.evidence import index
    from workbench.evidence.coverage import coverage

    _, path = old_copy
    with Project.open(path) as project:
        for table in ("evidence_block", "evidence_source", "evidence_state"):
            assert project.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        expected = index.scratch_direct_counts(project)
        counts = coverage(project)
        assert index.is_current(project)
        assert {c: d for c, (d, _cited) in counts.items() if d} == expected
        assert project.db.execute("SELECT count(*) FROM evidence_source").fetchone()[0] == 1
        assert check(project).ok


def test_upgrade_makes_sentence_spans_for_old_sources(old_copy: tuple[int, Path]):
    _, path = old_copy
    with Project.open(path) as project:
        (src,) = sources.list_all(project)
        text = sources.get(project, src.id).text
        rows = sentences.spans_of(project.db, src.id)
        assert len(rows) >= 4
        assert all(0 <= start < end <= len(text) for _i, start, end in rows)
        hits = [r[0] for r in project.db.execute("SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH 'emergency'")]
        found = sentences.texts(project.db, (r[1:] for r in sentences.locate(project.db, hits)))
        assert len(found) == 1 and "emergency session" in found[0]
        # The index is sound and holds exactly the words of the spans.
        project.db.execute("INSERT INTO sentence_fts (sentence_fts) VALUES ('integrity-check')")
        assert validate.sentence_index_in_step(project.db)


def test_upgrade_backs_up_the_old_file_beside_it(old_copy: tuple[int, Path]):
    version, old_path = old_copy
    before = sha256(old_path)
    with Project.open(old_path) as project:
        backup = project.backup
    assert backup is not None and backup.exists()
    assert backup.parent == old_path.parent
    assert backup.suffix == ".pbw" and f".v{version}-backup-" in backup.name
    # The backup is the old file as it was: same version, same schema, same rows.
    assert master_rows(backup) == master_rows(FROZEN[version])
    db = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == version
        assert db.execute("SELECT count(*) FROM source").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM excerpt").fetchone()[0] == 1
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    assert sha256(old_path) != before  # the original was upgraded in place
    # Opening the upgraded file again makes no second backup.
    with Project.open(old_path) as project:
        assert project.backup is None
    assert len(list(old_path.parent.glob("*backup*"))) == 1


def test_read_only_old_file_upgrades_in_memory_only(old_copy: tuple[int, Path]):
    version, old_path = old_copy
    before = sha256(old_path)
    with Project.open(old_path, read_only=True) as project:
        assert project.read_only
        assert project.migrated_from == version
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert sentences.count(project.db) > 0
        assert search.search(project, "sanctions").hits
    assert sha256(old_path) == before
    assert sorted(p.name for p in old_path.parent.iterdir()) == [old_path.name]


def test_migration_killed_midway_leaves_the_old_file_intact(old_copy: tuple[int, Path], fresh_schema):
    version, old_path = old_copy
    # The last step runs and then the process dies before its COMMIT.
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        import workbench.store.project as project_module
        steps = list(project_module.MIGRATIONS)
        last = steps[-1]
        def dying(db):
            last(db)
            db.execute("PRAGMA user_version = {SCHEMA_VERSION}")
            os._exit(9)
        steps[-1] = dying
        project_module.MIGRATIONS = tuple(steps)
        project_module.Project.open(Path({str(old_path)!r}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    # Whatever reached the disk, SQLite's journal takes it back to version 1 ...
    with Project.open(old_path, read_only=True) as project:
        assert project.migrated_from == version
    # ... and a normal open then upgrades it properly.
    with Project.open(old_path) as project:
        assert project.migrated_from == version
        assert check(project).ok
        assert sources.count(project) == 1
    assert master_rows(old_path) == fresh_schema


def test_upgrade_from_v8_finds_phrases_by_their_words_and_builds_the_evidence_index_anew(tmp_path: Path):
    # Step 9 keeps no word positions in the sentence index: the finder's phrases and NEAR
    # groups are asked as all of their words. Step 10 stores scores as points: the rows of an
    # older index go, with their marks and state, so the finder reads every source again.
    from workbench.evidence import index
    from workbench.store import evidence_index, evidence_queries

    path = tmp_path / "v8.pbw"
    shutil.copyfile(FROZEN[8], path)
    db = sqlite3.connect(path)
    first, source_id = db.execute("SELECT min(id), min(source_id) FROM sentence").fetchone()
    rows = [(first, source_id, 1, 1, 0.5, 1, 11), (first + 1, source_id, 1, 2, 0.25, 0, 12)]
    db.executemany("INSERT INTO sentence_evidence VALUES (?, ?, ?, ?, ?, ?, ?)", [*rows, rows[0]])
    db.execute("INSERT INTO evidence_source SELECT id, uuid FROM source")
    db.commit()
    db.close()
    with Project.open(path) as project:
        assert project.migrated_from == 8
        for table in ("evidence_block", "evidence_source", "evidence_state"):
            assert project.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        sql = project.db.execute("SELECT sql FROM sqlite_master WHERE name = 'sentence_fts'").fetchone()[0]
        assert "detail=none" in sql
        query = '("United Nations" OR "UN") AND (NEAR("emergency" "session", 6) OR "asset freeze")'
        found = evidence_queries.candidates(project, query, None)
        assert [QUOTE in c[4] for c in found] == [True]
        assert index.refresh(project)
        assert evidence_index.all_rows(project)  # the quote is direct evidence, as points
        assert all(isinstance(r[4], float) for r in evidence_index.all_rows(project))
        assert check(project).ok


def test_upgrade_from_v10_packs_the_evidence_index_built_anew(tmp_path: Path):
    # Step 11 packs the index per cell and block of sources, keyed by 32 bits: the rows of
    # the v10 index (one per sentence and cell, 64-bit keys) go with their marks and state,
    # and the finder reads every source again.
    from workbench.evidence import index
    from workbench.evidence.coverage import coverage
    from workbench.store import evidence_index

    path = tmp_path / "v10.pbw"
    shutil.copyfile(FROZEN[10], path)
    with Project.open(path) as project:
        assert project.migrated_from == 10
        for table in ("evidence_block", "evidence_source", "evidence_state"):
            assert project.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        assert not project.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sentence_evidence'").fetchone()
        assert not index.is_current(project)
        counts = coverage(project)
        assert index.is_current(project)
        rows = evidence_index.all_rows(project)
        assert rows and all(0 <= r[6] < 2**32 for r in rows)
        assert {c: d for c, (d, _cited) in counts.items() if d} == index.scratch_direct_counts(project)
        assert check(project).ok


def test_an_old_file_holding_a_value_the_upgrade_cannot_take_is_refused_unchanged(tmp_path: Path, capsys):
    """A colleague's hand-edited v8 file: a sentence id at SQLite's largest integer leaves no room
    to number a source's sentences anew. One plain message, the file untouched, no backup left."""
    from workbench.cli import main
    from workbench.store.errors import DamagedProject

    path = tmp_path / "odd.pbw"
    shutil.copyfile(FROZEN[8], path)
    db = sqlite3.connect(path)
    db.execute("UPDATE sentence SET id = 9223372036854775807 WHERE id = 2")
    db.commit()
    db.close()
    before = sha256(path)
    with pytest.raises(DamagedProject, match="could not be upgraded.*left unchanged"):
        Project.open(path)
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "internal error" not in err and len((out + err).strip().splitlines()) == 1, out + err
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.pbw"]  # no backup, no lock left
