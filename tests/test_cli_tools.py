"""A project file made by the command line, read by ordinary SQLite tools as it is."""

from __future__ import annotations

import array
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SQLITE3 = shutil.which("sqlite3") or "/usr/bin/sqlite3"
SQLITE_UTILS = str(Path(sys.executable).with_name("sqlite-utils"))
EMERGENCY_FILE = "004_232de966bcacab0b.txt"
EMERGENCY_TITLE = "North Korea’s Troop Deployment to Russia: A Threat to International Security"
TABLES = {"project", "source", "source_fts", "actor", "instrument", "cell", "excerpt", "cell_excerpt",
          "brief", "change_log", "sentence_span", "sentence_fts"}


# The sentence search shown in README.md ("The project file"), as it is written there.
SENTENCE_QUERY = (
    "SELECT src.title, f.rowid - sp.first_id + 1 AS sentence FROM sentence_fts f"
    " JOIN sentence_span sp ON f.rowid BETWEEN sp.first_id AND sp.last_id JOIN source src ON src.id = sp.source_id"
    " WHERE sentence_fts MATCH 'emergency session'")


def run(*cmd: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tools")
    done = run(sys.executable, "-m", "workbench", "new", "p.pbw", "--sample", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "5 sources" in done.stdout
    return folder / "p.pbw"


def test_search_finds_the_call_for_an_emergency_session(sample_file: Path):
    done = run(sys.executable, "-m", "workbench", "search", sample_file.name, "emergency session",
               "--json", cwd=sample_file.parent)
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)["hits"]
    assert hits[0]["title"] == EMERGENCY_TITLE
    assert "United Nations must reassert its authority by convening an emergency session" in hits[0]["snippet"]
    listed = json.loads(run(sys.executable, "-m", "workbench", "sources", sample_file.name, "--json",
                            cwd=sample_file.parent).stdout)
    by_id = {s["id"]: s for s in listed}
    assert by_id[hits[0]["source_id"]]["filename"] == EMERGENCY_FILE


@pytest.mark.skipif(not Path(SQLITE3).exists(), reason="the sqlite3 command-line tool is not installed")
def test_sqlite3_reads_the_file(sample_file: Path):
    done = run(SQLITE3, "-readonly", sample_file.name, ".tables", cwd=sample_file.parent)
    assert done.returncode == 0, done.stderr
    assert TABLES <= set(done.stdout.split())
    done = run(SQLITE3, "-readonly", sample_file.name,
               "SELECT title FROM source WHERE id IN (SELECT rowid FROM source_fts"
               " WHERE source_fts MATCH '\"emergency session\"')", cwd=sample_file.parent)
    assert done.stdout.strip() == EMERGENCY_TITLE
    done = run(SQLITE3, "-readonly", sample_file.name, "PRAGMA integrity_check; PRAGMA journal_mode;",
               cwd=sample_file.parent)
    assert done.stdout.split() == ["ok", "delete"]


def test_sqlite_utils_reads_and_searches_the_file(sample_file: Path):
    done = run(SQLITE_UTILS, "tables", sample_file.name, cwd=sample_file.parent)
    assert done.returncode == 0, done.stderr
    assert TABLES <= {t["table"] for t in json.loads(done.stdout)}
    done = run(SQLITE_UTILS, "tables", sample_file.name, "--fts5", cwd=sample_file.parent)
    assert {t["table"] for t in json.loads(done.stdout)} == {"source_fts", "sentence_fts"}
    done = run(SQLITE_UTILS, "search", sample_file.name, "source", "emergency session",
               "-c", "id", "-c", "title", cwd=sample_file.parent)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows[0]["title"] == EMERGENCY_TITLE
    # Sentences are found through their contentless index, which knows which sentences hold
    # each word; the spans of the sentences found are those the README says how to read.
    done = run(SQLITE_UTILS, "query", sample_file.name, SENTENCE_QUERY, cwd=sample_file.parent)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert EMERGENCY_TITLE in {r["title"] for r in found}
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert SENTENCE_QUERY in readme  # the README shows this very query
    db = sqlite3.connect(f"file:{sample_file}?mode=ro", uri=True)
    try:
        first, blob, text = db.execute("SELECT first_id, spans, text FROM sentence_span sp JOIN source src"
                                       " ON src.id = sp.source_id WHERE src.title = ?", (EMERGENCY_TITLE,)).fetchone()
    finally:
        db.close()
    offsets = array.array(blob[:1].decode(), blob[1:])  # as the README says (a little-endian machine)
    n = next(r["sentence"] for r in found if r["title"] == EMERGENCY_TITLE)
    assert "emergency session" in text[offsets[2 * n - 2]:offsets[2 * n - 1]]
    done = run(SQLITE_UTILS, "rows", sample_file.name, "actor", "-c", "name", cwd=sample_file.parent)
    assert "United Nations" in {r["name"] for r in json.loads(done.stdout)}


def test_the_file_is_unchanged_by_the_tools(sample_file: Path, tmp_path: Path):
    # The workbench still opens it as a sound project afterwards.
    copy = tmp_path / "p.pbw"
    shutil.copyfile(sample_file, copy)
    done = run(sys.executable, "-m", "workbench", "check", str(copy), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
