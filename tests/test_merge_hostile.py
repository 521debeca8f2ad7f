"""A colleague's copy is untrusted input: a bad one is refused in plain words and MINE stays
byte for byte as it was; a merge killed half-way leaves MINE as it was too."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench import sample
from workbench.cli import main
from workbench.store import cells, frame
from workbench.store.check import check
from workbench.store.errors import ProjectError
from workbench.store.merge import merge
from workbench.store.project import Project
from workbench.store.schema import SCHEMA_VERSION
from workbench.store.share import share


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pair(sample_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "colleague"
    folder.mkdir()
    with Project.open(sample_path, read_only=True) as project:
        theirs = share(project, folder / "theirs.pbw")
    with Project.open(theirs) as project:
        project.user = "bob"
        cell = cells.get(project, frame.find_actor(project, "China").id, frame.find_instrument(project, "Diplomacy").id)
        cells.update(project, cell.id, posture="Bob's judgment")
    return sample_path, theirs


def raw(path: Path, *statements: str) -> None:
    """Change a file behind the workbench's back, as another program could."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for s in statements:
            db.execute(s)
    finally:
        db.close()


def _zero(p: Path) -> None:
    p.write_bytes(b"")


def _text(p: Path) -> None:
    p.write_text("Dear colleague, here is my copy.\n" * 50)


def _other_app(p: Path) -> None:
    p.unlink()
    raw(p, "CREATE TABLE notes (x)", "INSERT INTO notes VALUES (1)")


def _truncated(p: Path) -> None:
    p.write_bytes(p.read_bytes()[:5000])


def _trigger(p: Path) -> None:
    raw(p, "CREATE TRIGGER wipe AFTER UPDATE ON cell BEGIN DELETE FROM source; END")


def _newer(p: Path) -> None:
    raw(p, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _bad_word(p: Path) -> None:
    raw(p, "UPDATE cell SET likelihood = 'surely' WHERE posture = 'Bob''s judgment'")


def _bad_aliases(p: Path) -> None:
    raw(p, "UPDATE actor SET aliases = '{\"not\": \"a list\"}' WHERE name = 'China'")


def _source_text_changed(p: Path) -> None:
    # A source MINE does not have, whose text no longer matches its recorded hash.
    raw(p, "INSERT INTO source (title, text, sha256, imported_at, uuid, updated_at, updated_by)"
           " VALUES ('Planted', 'other words', 'abc', 'x', 'planted-uuid', 'x', 'x')")


def _excerpt_elsewhere(p: Path) -> None:
    # An excerpt MINE does not have, whose quote is not the text at its place.
    raw(p, "UPDATE excerpt SET uuid = 'moved-excerpt', start = start + 3, \"end\" = \"end\" + 3"
           " WHERE id = (SELECT min(id) FROM excerpt)",
        "UPDATE cell_excerpt SET uuid = 'moved-link' WHERE excerpt_id = (SELECT min(id) FROM excerpt)")


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "zero-byte": (_zero, "not a workbench project"),
    "text": (_text, "not a workbench project"),
    "other-app": (_other_app, "another program"),
    "truncated": (_truncated, "theirs.pbw"),
    "trigger": (_trigger, "wipe"),
    "newer": (_newer, "newer version"),
    "bad-word": (_bad_word, "does not accept"),
    "bad-aliases": (_bad_aliases, "does not accept"),
    "source-hash": (_source_text_changed, "does not match its hash"),
    "excerpt-moved": (_excerpt_elsewhere, "does not match its source"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_or_damaged_theirs_leaves_mine_unchanged(pair, case: str):
    mine, theirs = pair
    damage, words = CASES[case]
    damage(theirs)
    before = sha256(mine)
    files = sorted(p.name for p in mine.parent.iterdir())
    with Project.open(mine) as project:
        with pytest.raises(ProjectError) as info:
            merge(project, theirs)
    message = str(info.value)
    assert "\n" not in message and words in message, message
    assert sha256(mine) == before
    assert sorted(p.name for p in mine.parent.iterdir()) == files  # no backup left behind


def test_another_project_is_refused(pair, tmp_path):
    mine, _ = pair
    other = tmp_path / "other.pbw"
    sample.create_sample(other).close()
    before = sha256(mine)
    with Project.open(mine) as project, pytest.raises(ProjectError, match="different project"):
        merge(project, other)
    assert sha256(mine) == before


def test_merging_a_file_into_itself_is_refused(pair, capsys):
    mine, _ = pair
    before = sha256(mine)
    assert main(["merge", str(mine), str(mine)]) == 1
    err = capsys.readouterr().err
    assert "is this project itself" in err and err.count("\n") == 1
    assert sha256(mine) == before


def test_a_merge_killed_midway_leaves_mine_as_it_was(pair):
    mine, theirs = pair
    before = sha256(mine)
    with Project.open(mine, read_only=True) as project:
        cells_before = [(c.uuid, c.posture) for c in cells.all_cells(project)]
    # The merge has written its rows and is completing the matrix when the process is killed.
    script = textwrap.dedent(f"""
        import os, signal
        from workbench.store import merge as m
        from workbench.store.project import Project
        original = m._Merger._complete_frame
        def dying(self):
            original(self)
            self.db.execute("PRAGMA cache_spill = 1")  # let pages reach the file first
            os.kill(os.getpid(), signal.SIGKILL)
        m._Merger._complete_frame = dying
        m.merge(Project.open({str(mine)!r}), {str(theirs)!r})
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == -signal.SIGKILL, done.stderr
    with Project.open(mine) as project:  # SQLite rolls the half-made merge back
        assert check(project).ok
        assert [(c.uuid, c.posture) for c in cells.all_cells(project)] == cells_before
        assert project.db.execute("SELECT count(*) FROM merge_log").fetchone()[0] == 0
    assert sha256(mine) == before


def test_command_line_merge_disputes_resolve_history(pair, capsys):
    mine, theirs = pair
    with Project.open(mine) as project:
        project.user = "alice"
        cell = cells.get(project, frame.find_actor(project, "China").id, frame.find_instrument(project, "Diplomacy").id)
        cells.update(project, cell.id, posture="Alice's judgment")
    assert main(["merge", str(mine), str(theirs), "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["dry_run"] is True and dry["backup"] is None and dry["merge"] is None
    assert main(["merge", str(mine), str(theirs), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["dry_run"] is False and Path(out["backup"]).exists()
    (d,) = out["disputes"]
    assert (d["label"], d["field"], d["mine"], d["theirs"]) == \
        ("China × Diplomacy", "posture", "Alice's judgment", "Bob's judgment")
    assert out["disputes"] == dry["disputes"]
    assert main(["disputes", str(mine), "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["theirs"]["by"] == "bob" and listed["mine"]["value"] == "Alice's judgment"
    assert main(["disputes", str(mine)]) == 0
    assert "Bob's judgment" in capsys.readouterr().out
    assert main(["resolve", str(mine), "china", "diplomacy", "--keep", "theirs", "--field", "posture"]) == 0
    capsys.readouterr()
    assert main(["disputes", str(mine), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["resolve", str(mine), "China", "Diplomacy", "--keep", "mine"]) == 1
    assert "no open dispute" in capsys.readouterr().err
    assert main(["history", str(mine), "Beijing", "Diplomacy", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["by"] for e in entries][-3:] == ["bob", "alice", "tester"]  # bob changed it first
    assert entries[-3]["merge"]["from"] == "theirs.pbw" and entries[-1]["action"] == "resolve"
    assert main(["history", str(mine), "Beijing", "Diplomacy"]) == 0
    assert "merged from theirs.pbw" in capsys.readouterr().out


def test_a_revision_graph_with_cycles_never_hangs_the_merge(pair):
    mine, theirs = pair
    with Project.open(mine) as project:
        project.user = "alice"
        cell = cells.get(project, frame.find_actor(project, "China").id, frame.find_instrument(project, "Diplomacy").id)
        cells.update(project, cell.id, posture="Alice's judgment")
    # Every revision of THEIRS names the next one as its parent, and the last names the first.
    db = sqlite3.connect(theirs, isolation_level=None)
    try:
        revs = [r[0] for r in db.execute("SELECT rev FROM revision ORDER BY id")]
        db.executemany("UPDATE revision SET parent = ?, other = ? WHERE rev = ?",
                       [(revs[(i + 1) % len(revs)], revs[i - 1], r) for i, r in enumerate(revs)])
    finally:
        db.close()
    with Project.open(mine) as project:
        report = merge(project, theirs)
        assert check(project).ok
    assert report.disputes  # with no ancestry to go by, both judgments are kept


def test_a_dispute_outside_the_matrix_is_settled_by_its_id(pair, capsys):
    mine, theirs = pair
    for path, user, name in ((mine, "alice", "EU (Council)"), (theirs, "bob", "EU (Commission)")):
        with Project.open(path) as project:
            project.user = user
            frame.update_actor(project, frame.find_actor(project, "European Union").id, name=name)
    assert main(["merge", str(mine), str(theirs)]) == 0
    assert "EU (Commission)" in capsys.readouterr().out
    assert main(["disputes", str(mine), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    (d,) = [x for x in listed if x["table"] == "actor"]
    assert (d["field"], d["mine"]["value"], d["theirs"]["value"]) == ("name", "EU (Council)", "EU (Commission)")
    with pytest.raises(SystemExit) as usage:  # a cell and an id at once: bad usage
        main(["resolve", str(mine), "EU (Council)", "Sanctions", "--id", str(d["id"]), "--keep", "theirs"])
    assert usage.value.code == 2
    capsys.readouterr()
    assert main(["resolve", str(mine), "--id", str(d["id"]), "--keep", "theirs"]) == 0
    with Project.open(mine, read_only=True) as project:
        assert frame.find_actor(project, "EU (Commission)").name == "EU (Commission)"
    assert main(["resolve", str(mine), "--id", str(d["id"]), "--keep", "theirs"]) == 1
    assert "no open dispute" in capsys.readouterr().err
