"""Hostile and damaged project files (HAZARDS 1-4): refused with a plain sentence, left untouched.

Every refused open is checked byte for byte (SHA-256 before and after): the workbench must
never "repair", truncate or stamp a file it did not accept.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.paths import seeds
from workbench.store import briefs, cells, connection, excerpts, frame, sources
from workbench.store.check import check
from workbench.store.errors import DamagedProject, NewerVersion, NotAProject, ProjectError, ReadOnlyProject
from workbench.store.lock import lock_path
from workbench.store.project import Project
from workbench.store.schema import APPLICATION_ID, SCHEMA_VERSION


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real project: the seed articles, two actors, one cited cell."""
    path = tmp_path_factory.mktemp("hostile") / "template.pbw"
    with sample.create_empty(path, "template") as project:
        import_paths(project, [seeds()])
        un = frame.add_actor(project, "United Nations", ["UN"])
        frame.add_actor(project, "Russia", ["Moscow"])
        cell = cells.get(project, un.id, frame.find_instrument(project, "Diplomacy").id)
        cells.update(project, cell.id, posture="Calls for an emergency session", likelihood="likely")
        src = sources.list_all(project)[0]
        text = sources.get(project, src.id).text
        excerpts.cite(project, cell.id, src.id, 0, min(80, len(text)), credibility=2)
    return path


@pytest.fixture
def project_file(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "project.pbw"
    shutil.copyfile(template, target)
    return target


def refused(path: Path, error: type[ProjectError], *words: str) -> str:
    """Open *path*, expect *error*; check the message and that the file is unchanged."""
    before = sha256(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(error) as info:
        Project.open(path)
    message = str(info.value)
    assert "\n" not in message and message.endswith("."), message
    assert path.name in message
    for w in words:
        assert w in message, message
    assert sha256(path) == before
    # No lock, journal or backup left behind by the refused open.
    assert sorted(p.name for p in path.parent.iterdir()) == siblings
    # Read-only opens are refused the same way.
    with pytest.raises(error):
        Project.open(path, read_only=True)
    assert sha256(path) == before
    return message


# -- HAZARDS 1: not a project at all -----------------------------------------------------

def test_zero_byte_file(tmp_path: Path):
    path = tmp_path / "empty.pbw"
    path.write_bytes(b"")
    refused(path, NotAProject, "not a workbench project")
    assert path.stat().st_size == 0


def test_text_file_renamed(tmp_path: Path):
    path = tmp_path / "notes.pbw"
    path.write_text("Meeting notes\nThe UN should convene an emergency session.\n" * 50)
    refused(path, NotAProject, "not a workbench project")


def test_another_programs_sqlite_file(tmp_path: Path):
    path = tmp_path / "places.pbw"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    db.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    db.commit()
    db.close()
    refused(path, NotAProject, "another program")


def test_another_program_borrowing_our_application_id(tmp_path: Path):
    path = tmp_path / "impostor.pbw"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.commit()
    db.close()
    refused(path, DamagedProject, "structure")


def test_a_folder_named_like_a_project(tmp_path: Path):
    path = tmp_path / "folder.pbw"
    path.mkdir()
    with pytest.raises(NotAProject, match="folder"):
        Project.open(path)


def test_missing_file(tmp_path: Path):
    path = tmp_path / "nowhere.pbw"
    with pytest.raises(NotAProject, match="does not exist"):
        Project.open(path)
    assert list(tmp_path.iterdir()) == []


# -- HAZARDS 2: random, truncated and damaged files ---------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_random_bytes(tmp_path: Path, seed: int):
    path = tmp_path / "noise.pbw"
    path.write_bytes(random.Random(seed).randbytes(64 * 1024))
    refused(path, NotAProject, "not a workbench project")


def test_random_bytes_behind_a_valid_header(project_file: Path, tmp_path: Path):
    # Our header (magic, page size, application id, version) followed by noise.
    head = project_file.read_bytes()[:100]
    path = tmp_path / "noise.pbw"
    path.write_bytes(head + random.Random(7).randbytes(200 * 1024))
    refused(path, DamagedProject)


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_file(project_file: Path, keep: float):
    data = project_file.read_bytes()
    project_file.write_bytes(data[: int(len(data) * keep)])
    refused(project_file, DamagedProject, "damaged")


def test_truncated_inside_the_header(project_file: Path):
    project_file.write_bytes(project_file.read_bytes()[:60])
    refused(project_file, NotAProject)


def _table_pages(path: Path, table: str) -> tuple[int, list[int]]:
    """Page size and the pages of *table*'s b-tree (root first), read with plain SQLite."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        db.close()
    data = path.read_bytes()
    pages = [root]
    # Interior table pages (0x05) list child page numbers; walk them to find the leaves.
    i = 0
    while i < len(pages):
        base = (pages[i] - 1) * page_size + (100 if pages[i] == 1 else 0)
        if data[base] == 0x05:
            n = int.from_bytes(data[base + 3:base + 5], "big")
            for k in range(n):
                ptr = int.from_bytes(data[base + 12 + 2 * k:base + 14 + 2 * k], "big")
                off = (pages[i] - 1) * page_size + ptr
                pages.append(int.from_bytes(data[off:off + 4], "big"))
            pages.append(int.from_bytes(data[base + 8:base + 12], "big"))
        i += 1
    return page_size, pages


@pytest.mark.parametrize("table", ["source", "cell", "actor"])
def test_flipped_bytes_in_a_table_btree_page(project_file: Path, table: str):
    page_size, pages = _table_pages(project_file, table)
    data = bytearray(project_file.read_bytes())
    leaf = pages[-1]
    base = (leaf - 1) * page_size
    assert data[base] in (0x0D, 0x05), "not a table b-tree page"
    # Flip the page header's cell count and the cell pointer array.
    for off in range(3, 24):
        data[base + off] ^= 0xA5
    project_file.write_bytes(bytes(data))
    refused(project_file, DamagedProject, "damaged")


def _tables_holding(path: Path, phrase: str) -> set[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = set()
        for table, column in (("source", "text"), ("excerpt", "quote"), ("cell", "posture")):
            n = db.execute(f"SELECT count(*) FROM {table} WHERE instr({column}, ?)", (phrase,)).fetchone()[0]
            if n:
                found.add(table)
        return found
    finally:
        db.close()


def test_changed_bytes_inside_stored_text_are_caught_by_check(project_file: Path, tmp_path: Path):
    # A change inside a text value leaves the b-tree sound: the file opens, and `check` finds
    # the text no longer matches its hash. Sentences keep no copy of the text (only spans).
    data = project_file.read_bytes()
    needle, changed = "emergency session".encode(), "EMERGENCY SESSION".encode()
    seen: set[str] = set()
    at = data.find(needle)
    while at >= 0:
        copy = tmp_path / f"flip{at}.pbw"
        copy.write_bytes(data[:at] + changed + data[at + len(needle):])
        tables = _tables_holding(copy, "EMERGENCY SESSION")
        seen |= tables
        with Project.open(copy) as project:
            report = check(project)
        if "source" in tables:
            assert any("hash" in p for p in report.problems), report.problems
        if tables <= {"cell"}:
            assert report.ok  # an ordinary edit of a cell's text, nothing to find
        at = data.find(needle, at + 1)
    assert "source" in seen


@pytest.mark.parametrize("seed", range(12))
def test_random_page_damage_never_crashes(project_file: Path, seed: int):
    """Bytes flipped anywhere after the header: either refused cleanly, or opened and usable."""
    rng = random.Random(seed)
    data = bytearray(project_file.read_bytes())
    for _ in range(40):
        data[rng.randrange(100, len(data))] ^= 1 << rng.randrange(8)
    project_file.write_bytes(bytes(data))
    before = sha256(project_file)
    try:
        project = Project.open(project_file)
    except ProjectError as e:
        assert "\n" not in str(e)
        assert sha256(project_file) == before
        return
    with project:
        # It opened: reading and checking must still give answers, not crashes.
        try:
            check(project)
            sources.list_all(project)
            cells.all_cells(project)
        except sqlite3.DatabaseError:
            pass  # damage outside what quick_check reads; reported by SQLite, no crash


# -- HAZARDS 3: triggers and views ---------------------------------------------------------

def _tamper(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path)
    for s in statements:
        db.execute(s)
    db.commit()
    db.close()


def test_file_with_a_trigger_is_refused_and_the_trigger_never_runs(project_file: Path):
    _tamper(project_file,
            "CREATE TRIGGER wipe AFTER UPDATE ON cell BEGIN DELETE FROM excerpt; DELETE FROM source; END")
    message = refused(project_file, DamagedProject, "wipe")
    assert "structure" in message
    # Defence in depth: on a hardened connection the trigger does not fire even when
    # its table is written.
    db = connection.connect(project_file, read_only=False)
    try:
        before = db.execute("SELECT count(*) FROM source").fetchone()[0]
        assert before > 0
        db.execute("UPDATE cell SET posture = 'x'")
        assert db.execute("SELECT count(*) FROM source").fetchone()[0] == before
    finally:
        db.close()


def test_file_with_a_view_is_refused(project_file: Path):
    _tamper(project_file, "CREATE VIEW secrets AS SELECT text FROM source")
    refused(project_file, DamagedProject, "secrets")


def test_a_table_replaced_by_a_view_is_refused(project_file: Path):
    _tamper(project_file, "DROP TABLE change_log",
            "CREATE VIEW change_log AS SELECT 1 AS id, '' AS at, '' AS by, '' AS action,"
            " '' AS table_name, '' AS row_uuid, NULL AS before, NULL AS after")
    refused(project_file, DamagedProject)


def test_extra_index_or_column_is_refused(project_file: Path, tmp_path: Path):
    _tamper(project_file, "CREATE INDEX sneaky ON source(title)")
    refused(project_file, DamagedProject, "structure")
    other = tmp_path / "column.pbw"
    shutil.copyfile(project_file, other)
    _tamper(other, "DROP INDEX sneaky", "ALTER TABLE cell ADD COLUMN payload TEXT")
    refused(other, DamagedProject, "structure")


def test_hardened_connection_switches_off_views_and_triggers(tmp_path: Path):
    db = sqlite3.connect(":memory:")
    connection.harden(db)
    db.execute("CREATE TABLE t (x)")
    db.execute("CREATE TABLE log (x)")
    db.execute("CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.x); END")
    db.execute("INSERT INTO t VALUES (1)")
    assert db.execute("SELECT count(*) FROM log").fetchone()[0] == 0
    db.execute("CREATE VIEW v AS SELECT x FROM t")
    with pytest.raises(sqlite3.OperationalError):
        db.execute("SELECT * FROM v").fetchall()
    db.close()


# -- HAZARDS 4: newer version ----------------------------------------------------------------

@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, 999])
def test_newer_version_opens_read_only_and_unchanged(project_file: Path, version: int):
    _tamper(project_file, "ALTER TABLE brief ADD COLUMN audience TEXT NOT NULL DEFAULT ''",
            "CREATE TABLE future_feature (id INTEGER PRIMARY KEY)", f"PRAGMA user_version = {version}")
    before = sha256(project_file)
    with Project.open(project_file) as project:
        assert project.read_only
        assert "newer version" in project.read_only_reason and str(version) in project.read_only_reason
        assert sources.count(project) >= 1
        briefs.list_all(project)  # extra columns are ignored
        with pytest.raises(ReadOnlyProject):
            with project.transaction():
                pass
    assert sha256(project_file) == before
    assert not lock_path(project_file).exists()


def test_newer_version_that_dropped_what_we_read_is_refused(project_file: Path):
    _tamper(project_file, "ALTER TABLE cell DROP COLUMN priority", f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    message = refused(project_file, NewerVersion, "newer version")
    assert str(SCHEMA_VERSION + 1) in message


def test_newer_version_with_a_trigger_is_refused(project_file: Path):
    _tamper(project_file, "CREATE TRIGGER wipe AFTER UPDATE ON cell BEGIN DELETE FROM source; END",
            f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    refused(project_file, DamagedProject, "wipe")


def test_no_version_at_all_is_refused(project_file: Path):
    _tamper(project_file, "PRAGMA user_version = 0")
    refused(project_file, DamagedProject, "no schema version")


# -- WAL: a project someone switched to WAL with another tool ---------------------------

def test_wal_mode_file_is_opened_and_put_back_into_rollback_mode(project_file: Path):
    db = sqlite3.connect(project_file)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.execute("UPDATE source SET note = 'written in WAL' WHERE id = 1")
    db.commit()
    # Copy the file with its -wal, as someone sending it would if careful, then close.
    wal = project_file.with_name(project_file.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    db.close()
    with Project.open(project_file) as project:
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert sources.get(project, 1).note == "written in WAL"
        assert check(project).ok
    assert not wal.exists()


def test_hazard_04_user_version_minus_one_is_not_a_newer_version(project_file: Path):
    _tamper(project_file, "PRAGMA user_version = -1")
    message = refused(project_file, DamagedProject, "impossible schema version (-1)")
    assert "newer" not in message


# -- HAZARDS 6: a journal beside the file ---------------------------------------------------

_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def rollback_journal(original: bytes, page_size: int = 4096, nonce: int = 0x5EED) -> bytes:
    """A hot rollback journal (SQLite's file format) that restores *original*, page by page,
    into whatever file it is put beside: what a killed transaction leaves behind."""
    pages = len(original) // page_size
    header = (_JOURNAL_MAGIC + pages.to_bytes(4, "big") + nonce.to_bytes(4, "big")
              + pages.to_bytes(4, "big") + (512).to_bytes(4, "big") + page_size.to_bytes(4, "big"))
    out = bytearray(header.ljust(512, b"\0"))
    for n in range(pages):
        data = original[n * page_size:(n + 1) * page_size]
        checksum = (nonce + sum(data[i] for i in range(page_size - 200, 0, -200))) % 2**32
        out += (n + 1).to_bytes(4, "big") + data + checksum.to_bytes(4, "big")
    return bytes(out)


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def test_journal_helper_makes_a_journal_sqlite_rolls_back(project_file: Path, tmp_path: Path):
    """The helper is right: a journal of the file's earlier state, beside the file, restores it."""
    earlier = project_file.read_bytes()
    with Project.open(project_file) as project:
        cells.update(project, cells.all_cells(project)[0].id, posture="after")
    journal_of(project_file).write_bytes(rollback_journal(earlier))
    with Project.open(project_file) as project:
        assert cells.all_cells(project)[0].posture != "after"
        assert not project.notice
    assert not journal_of(project_file).exists()


def _another_project(template: Path, tmp_path: Path, page_size: int = 4096) -> bytes:
    """The bytes of a different project (other edits, so another change counter)."""
    other = tmp_path / "other.pbw"
    if page_size == 4096:
        shutil.copyfile(template, other)
        with Project.open(other) as project:
            for n in range(3):
                cells.update(project, cells.all_cells(project)[n].id, posture=f"other {n}")
    else:
        db = sqlite3.connect(template)
        db.execute(f"VACUUM INTO '{other}'")
        db.close()
        db = sqlite3.connect(other)
        db.execute(f"PRAGMA page_size = {page_size}")
        db.execute("VACUUM")
        db.close()
    return other.read_bytes()


@pytest.mark.parametrize("kind", ["another project's", "another page size", "garbage"])
def test_hazard_06_a_journal_that_is_not_the_files_is_moved_aside(
        project_file: Path, template: Path, tmp_path: Path, kind: str):
    if kind == "another project's":
        journal = rollback_journal(_another_project(template, tmp_path))
    elif kind == "another page size":
        journal = rollback_journal(_another_project(template, tmp_path, 8192), 8192)
    else:
        journal = _JOURNAL_MAGIC + random.Random(3).randbytes(20_000)
    journal_of(project_file).write_bytes(journal)
    before = sha256(project_file)
    with Project.open(project_file) as project:
        assert "did not belong" in project.notice and "moved aside" in project.notice
        assert check(project).ok
    assert sha256(project_file) == before  # SQLite never rolled the stranger in
    aside = [p for p in project_file.parent.iterdir() if p.name.startswith(journal_of(project_file).name + ".")]
    assert len(aside) == 1 and aside[0].read_bytes() == journal  # moved, never deleted
    assert not journal_of(project_file).exists()


def test_hazard_06_a_journal_that_is_the_files_is_rolled_back_not_moved(project_file: Path):
    earlier = project_file.read_bytes()
    with Project.open(project_file) as project:
        cells.update(project, cells.all_cells(project)[0].id, posture="half-saved")
    journal_of(project_file).write_bytes(rollback_journal(earlier))
    with Project.open(project_file, read_only=True) as project:  # read-only: a scratch copy rolls back
        assert cells.all_cells(project)[0].posture != "half-saved"
        assert project.read_only and not project.notice
    assert journal_of(project_file).exists()  # the file itself waits for a writable open
    with Project.open(project_file) as project:
        assert cells.all_cells(project)[0].posture != "half-saved"
    assert not journal_of(project_file).exists()
    assert [p.name for p in project_file.parent.iterdir() if "journal" in p.name] == []


def test_hazard_05_killed_while_committing_an_upgrade_opens_at_the_first_try(tmp_path: Path):
    """The upgrade's pages (user_version included) reached the file, the journal was not yet
    deleted: the header must be read after the rollback, not before."""
    frozen = Path(__file__).parent / "data" / "project_v1.pbw"
    path = tmp_path / "old.pbw"
    shutil.copyfile(frozen, path)
    with Project.open(path) as project:
        assert project.migrated_from == 1
    assert int.from_bytes(path.read_bytes()[60:64], "big") == SCHEMA_VERSION
    for backup in tmp_path.glob("old.v1-backup-*"):
        backup.unlink()
    # The journal of the upgrade's transaction saved page 1 one commit before the file's state
    # (the upgraded file is then written out afresh by one more commit, VACUUM).
    earlier = bytearray(frozen.read_bytes())
    counter = (int.from_bytes(path.read_bytes()[24:28], "big") - 1).to_bytes(4, "big")
    earlier[24:28] = earlier[92:96] = counter
    journal_of(path).write_bytes(rollback_journal(bytes(earlier)))
    with Project.open(path) as project:  # the first try
        assert project.migrated_from == 1 and not project.read_only
        assert any(s.title == "UN must convene an emergency session" for s in sources.list_all(project))
        assert check(project).ok
