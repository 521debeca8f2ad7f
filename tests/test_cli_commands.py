"""The command line: exit codes, one-line errors, stable JSON shapes, edits read back.

Exit codes and stderr are checked on a real `python -m workbench` process; output shapes run
in-process through `workbench.cli.main`, which is the same code and much faster.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import sample
from workbench.cli import main
from workbench.ingest.importer import import_paths
from workbench.paths import seeds
from workbench.store import cells, excerpts, frame, sources
from workbench.store.project import Project

EMERGENCY_FILE = "004_232de966bcacab0b.txt"  # the article calling for a UN emergency session


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`workbench ARGS` as a real process."""
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "WORKBENCH_DEBUG": ""})


def one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("workbench: ")
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles, the default frame and one cited cell."""
    path = tmp_path_factory.mktemp("cli") / "template.pbw"
    with sample.create_empty(path, "CLI test") as project:
        sample.add_default_actors(project)
        import_paths(project, [seeds()])
        un = frame.find_actor(project, "UN")
        cell = cells.get(project, un.id, frame.find_instrument(project, "Diplomacy").id)
        cells.update(project, cell.id, posture="Push for an emergency session", likelihood="likely",
                     confidence="moderate")
        (src,) = [s for s in sources.list_all(project) if s.filename == EMERGENCY_FILE]
        text = sources.get(project, src.id).text
        start = text.index("the United Nations must reassert")
        excerpts.cite(project, cell.id, src.id, start, text.index(".", start) + 1, credibility=3)
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "p.pbw"
    shutil.copyfile(template, target)
    return target


def out_json(argv: list[str], capsys: pytest.CaptureFixture[str], code: int = 0) -> object:
    assert main(argv) == code
    captured = capsys.readouterr()
    return json.loads(captured.out)


# -- bad usage: exit 2 ---------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["frobnicate"],
    ["search"],
    ["search", "{p}"],
    ["search", "{p}", "q", "--limit", "0"],
    ["search", "{p}", "q", "--limit", "many"],
    ["cell", "{p}"],
    ["cell", "{p}", "UN", "Diplomacy", "--options", "a", "--options-file", "f.md"],
    ["matrix", "{p}", "--json", "--csv"],
    ["new", "notes.txt"],
    ["import", "{p}"],
    ["share", "{p}"],
    ["check"],
    ["sources", "{p}", "--frobnicate"],
    ["import", "{p}", str(seeds()), "--reliability", "Z"],
    ["cell", "{p}", "UN", "Diplomacy", "--likelihood", "probably"],
    ["cell", "{p}", "UN", "Diplomacy", "--confidence", "total"],
    ["cell", "{p}", "UN", "Diplomacy", "--status", "done"],
    ["cell", "{p}", "UN", "Diplomacy", "--priority", "urgent"],
])
def test_bad_usage_exits_2(project: Path, args: list[str]):
    done = run(*[a.replace("{p}", str(project)) for a in args], cwd=project.parent)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "usage:" in done.stderr
    assert "Traceback" not in done.stderr


def test_version_and_help_exit_0(tmp_path: Path):
    assert run("--version", cwd=tmp_path).returncode == 0
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    for command in ("new", "import", "sources", "search", "cell", "matrix", "check", "share"):
        assert command in done.stdout


# -- errors: exit 1, one line ------------------------------------------------------------

READING = [["sources", "{f}"], ["search", "{f}", "troops"], ["matrix", "{f}"], ["check", "{f}"],
           ["cell", "{f}", "UN", "Diplomacy"], ["share", "{f}", "out.pbw"],
           ["import", "{f}", str(seeds())], ["cell", "{f}", "UN", "Diplomacy", "--posture", "x"]]


@pytest.mark.parametrize("args", READING, ids=lambda a: " ".join(a[:1] + a[2:3]))
def test_missing_file_exits_1(tmp_path: Path, args: list[str]):
    done = run(*[a.replace("{f}", "missing.pbw") for a in args], cwd=tmp_path)
    one_line_error(done, "missing.pbw", "does not exist")
    assert not (tmp_path / "missing.pbw").exists()


@pytest.mark.parametrize("args", READING, ids=lambda a: " ".join(a[:1] + a[2:3]))
def test_not_a_project_exits_1(tmp_path: Path, args: list[str]):
    notes = tmp_path / "notes.pbw"
    notes.write_text("just some notes\n")
    done = run(*[a.replace("{f}", str(notes)) for a in args], cwd=tmp_path)
    one_line_error(done, "not a workbench project")
    assert notes.read_text() == "just some notes\n"


@pytest.mark.parametrize("args, words", [
    (["cell", "{p}", "Mars", "Diplomacy"], ["Mars", "actor"]),
    (["cell", "{p}", "UN", "Telepathy"], ["Telepathy", "instrument"]),
    (["cell", "{p}", "Mars", "Diplomacy", "--posture", "x"], ["Mars"]),
    (["cell", "{p}", "UN", "Diplomacy", "--options-file", "missing.md"], ["missing.md"]),
    (["new", "{p}"], ["already exists"]),
    (["new", "no/such/folder/x.pbw"], ["does not exist"]),
    (["share", "{p}", "no/such/folder/x.pbw"], ["does not exist"]),
    (["share", "{p}", "{p}"], ["open project itself"]),
])
def test_errors_exit_1_with_one_line(project: Path, args: list[str], words: list[str]):
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    done = run(*[a.replace("{p}", str(project)) for a in args], cwd=project.parent)
    one_line_error(done, *words)
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before


def test_import_of_nothing_readable_exits_1(project: Path, tmp_path: Path):
    done = run("import", str(project), "missing.txt", cwd=tmp_path)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert "missing.txt" in line and "Traceback" not in done.stderr
    # A partly failed batch keeps what was imported, says how many, and exits 1;
    # each failure is one line on stderr.
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 broken")
    good = tmp_path / "good.md"
    good.write_text("# A new note\n\nThe Security Council met in an emergency session.\n")
    done = run("import", str(project), str(bad), str(good), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("1 imported"), done.stdout
    (line,) = done.stderr.splitlines()
    assert "bad.pdf" in line
    assert "1 imported" in done.stdout


def test_edit_of_a_file_in_use_exits_1(project: Path):
    with Project.open(project) as holder:
        assert not holder.read_only
        done = run("cell", str(project), "UN", "Diplomacy", "--posture", "x", cwd=project.parent)
        one_line_error(done, "in use by", "since")
        # Reading commands still work while the file is in use.
        done = run("cell", str(project), "UN", "Diplomacy", "--json", cwd=project.parent)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["posture"] == "Push for an emergency session"


# -- JSON shapes ---------------------------------------------------------------------------

SOURCE_KEYS = {"id", "uuid", "title", "author", "outlet", "published", "url", "filename", "format",
               "sha256", "reliability", "note", "imported_at", "updated_at", "updated_by", "length"}
CELL_KEYS = {"actor", "instrument", "id", "uuid", "posture", "options", "likelihood", "confidence",
             "priority", "status", "updated_at", "updated_by", "evidence"}
EVIDENCE_KEYS = {"excerpt_id", "source_id", "source_title", "start", "end", "quote", "credibility",
                 "note"}
MATRIX_CELL_KEYS = {"actor", "instrument", "posture", "options", "likelihood", "confidence",
                    "priority", "status", "evidence_count"}


def test_sources_json(project: Path, capsys):
    items = out_json(["sources", str(project), "--json"], capsys)
    assert isinstance(items, list) and len(items) == 5
    for item in items:
        assert set(item) == SOURCE_KEYS
        assert item["reliability"] in "ABCDEF" and len(item["sha256"]) == 64
        assert item["length"] > 1000
    assert EMERGENCY_FILE in {i["filename"] for i in items}


def test_search_json(project: Path, capsys):
    data = out_json(["search", str(project), "emergency session", "--json"], capsys)
    assert set(data) == {"query", "literal", "message", "hits"}
    assert data["query"] == "emergency session" and data["literal"] is False
    assert data["hits"]
    for hit in data["hits"]:
        assert set(hit) == {"source_id", "title", "snippet", "highlights", "score"}
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].lower() in ("emergency", "session")
    with Project.open(project, read_only=True) as p:
        top = sources.get(p, data["hits"][0]["source_id"], with_text=False)
    assert top.filename == EMERGENCY_FILE


def test_search_json_with_bad_syntax(project: Path, capsys):
    data = out_json(["search", str(project), '"emergency session', "--json"], capsys)
    assert data["literal"] is True and data["message"]
    assert data["hits"]


def test_cell_json(project: Path, capsys):
    data = out_json(["cell", str(project), "united nations", "DIPLOMACY", "--json"], capsys)
    assert set(data) == CELL_KEYS
    assert (data["actor"], data["instrument"]) == ("United Nations", "Diplomacy")
    assert data["likelihood"] == "likely" and data["status"] == "draft"
    (ev,) = data["evidence"]
    assert set(ev) == EVIDENCE_KEYS
    assert ev["quote"].startswith("the United Nations must reassert")
    assert ev["credibility"] == 3


def test_matrix_json(project: Path, capsys):
    data = out_json(["matrix", str(project), "--json"], capsys)
    assert set(data) == {"actors", "instruments", "cells"}
    assert len(data["actors"]) == 10 and len(data["instruments"]) == 3
    assert all(set(a) == {"id", "uuid", "name", "aliases"} for a in data["actors"])
    assert all(set(i) == {"id", "uuid", "name", "terms"} for i in data["instruments"])
    assert len(data["cells"]) == 30
    assert all(set(c) == MATRIX_CELL_KEYS for c in data["cells"])
    (un,) = [c for c in data["cells"] if (c["actor"], c["instrument"]) == ("United Nations", "Diplomacy")]
    assert un["evidence_count"] == 1 and un["likelihood"] == "likely"


def test_check_json(project: Path, capsys):
    data = out_json(["check", str(project), "--json"], capsys)
    assert set(data) == {"ok", "facts", "problems"}
    assert data["ok"] is True and data["problems"] == []
    assert data["facts"]["sources"] == 5 and data["facts"]["excerpts"] == 1


def test_import_json(tmp_path: Path, capsys):
    path = tmp_path / "new.pbw"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    data = out_json(["import", str(path), str(seeds()), str(bad), "--json"], capsys, code=1)
    assert set(data) == {"added", "duplicates", "failed", "notices"}
    assert len(data["added"]) == 5 and data["duplicates"] == []
    (failed,) = data["failed"]
    assert set(failed) == {"path", "error"} and failed["path"].endswith("bad.pdf")
    again = out_json(["import", str(path), str(seeds()), "--json"], capsys)
    assert again["added"] == [] and len(again["duplicates"]) == 5


# -- cell edits, matrix, check, share ---------------------------------------------------

def test_cell_edit_reads_back(project: Path, tmp_path: Path):
    options = tmp_path / "options.md"
    options.write_text("- Table a **draft resolution**\n- Ask the IAEA for a report\n", encoding="utf-8")
    done = run("cell", str(project), "Seoul", "sanctions", "--posture", "Tighten secondary sanctions",
               "--likelihood", "Very Likely", "--confidence", "HIGH", "--priority", "high",
               "--status", "review", "--options-file", str(options), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "South Korea" in done.stdout and "Sanctions" in done.stdout
    done = run("cell", str(project), "south korea", "Sanctions", "--json", cwd=tmp_path)
    data = json.loads(done.stdout)
    assert data["posture"] == "Tighten secondary sanctions"
    assert (data["likelihood"], data["confidence"], data["priority"], data["status"]) == \
        ("very likely", "high", "high", "review")
    assert data["options"] == options.read_text(encoding="utf-8")
    assert data["updated_by"] == "tester"
    # Options from stdin.
    done = run("cell", str(project), "ROK", "Sanctions", "--options-file", "-", "--json",
               cwd=tmp_path, stdin="Ünïcode — 한국어 options\n")
    assert json.loads(done.stdout)["options"] == "Ünïcode — 한국어 options\n"
    # The edit is in the change log of the file itself.
    with Project.open(project, read_only=True) as p:
        logged = p.rows("SELECT by, action, table_name FROM change_log WHERE table_name = 'cell'")
    assert {"by": "tester", "action": "update", "table_name": "cell"} in logged


def test_matrix_csv_and_text(project: Path, capsys):
    assert main(["cell", str(project), "NATO", "Military aid", "--posture", "Air defence, now",
                 "--status", "final"]) == 0
    capsys.readouterr()
    assert main(["matrix", str(project), "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["actor", "instrument", "posture", "options", "likelihood", "confidence",
                       "priority", "status", "evidence_count"]
    assert len(rows) == 1 + 30
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key[("NATO", "Military aid")][2] == "Air defence, now"  # comma survives quoting
    assert by_key[("NATO", "Military aid")][7] == "final"
    assert by_key[("United Nations", "Diplomacy")][8] == "1"
    assert main(["matrix", str(project)]) == 0
    text = capsys.readouterr().out
    assert "NATO" in text and "Air defence" in text


def test_check_exit_codes(project: Path, tmp_path: Path):
    assert run("check", str(project), cwd=tmp_path).returncode == 0
    # Damage inside a source's text: the file opens, check finds it and exits 1.
    data = bytearray(project.read_bytes())
    at = data.find(b"must reassert its authority")
    data[at:at + 4] = b"MUST"
    project.write_bytes(bytes(data))
    done = run("check", str(project), cwd=tmp_path)
    assert done.returncode == 1
    assert "problem:" in done.stdout
    # Structural damage: refused at open, exit 1 with one line.
    data = project.read_bytes()
    project.write_bytes(data[: len(data) // 3])
    one_line_error(run("check", str(project), cwd=tmp_path), "damaged")


def test_share_makes_a_file_that_opens(project: Path, tmp_path: Path):
    out = tmp_path / "to send" / "copy for Kim.pbw"
    out.parent.mkdir()
    done = run("share", str(project), str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with Project.open(out) as copy:
        assert sources.count(copy) == 5
        assert len(cells.all_cells(copy)) == 30
    assert run("check", str(out), cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["copy for Kim.pbw"]


def test_share_drops_deleted_content(project: Path, tmp_path: Path):
    # A word no other source has, whose first letter no other search term shares: the
    # full-text index then stores it whole, and a byte search can find it there too.
    secret = "щукаволна"
    note = tmp_path / "informant.txt"
    note.write_text(f"Informant report. The informant's cover name is {secret}. "
                    "Meet at the usual place.\n" * 20, encoding="utf-8")
    assert run("import", str(project), str(note), cwd=tmp_path).returncode == 0
    with Project.open(project) as p:
        (src,) = [s for s in sources.list_all(p) if s.filename == "informant.txt"]
        # As on an SQLite build that leaves deleted content in free pages.
        p.db.execute("PRAGMA secure_delete = OFF")
        sources.delete(p, src.id)
    # The deleted text is still in the file's free pages: that is what must not travel.
    assert secret.encode() in project.read_bytes()
    out = tmp_path / "clean.pbw"
    assert run("share", str(project), str(out), cwd=tmp_path).returncode == 0
    data = out.read_bytes()
    assert secret.encode() not in data  # neither as text nor as a search-index term
    assert secret.encode("utf-16-le") not in data
    with Project.open(out) as copy:
        assert sources.count(copy) == 5


def test_deleted_text_is_overwritten_in_the_file_itself(project: Path, tmp_path: Path):
    secret = "QUETZAL-OSPREY-4410"
    note = tmp_path / "informant.txt"
    note.write_text(f"The informant's cover name is {secret}. Burn after reading.\n" * 40)
    assert run("import", str(project), str(note), cwd=tmp_path).returncode == 0
    assert secret.encode() in project.read_bytes()
    with Project.open(project) as p:
        (src,) = [s for s in sources.list_all(p) if s.filename == "informant.txt"]
        sources.delete(p, src.id)
    # The text's own bytes are gone. (Its words stay as search-index terms of the live file
    # until FTS5 merges segments; `share` merges them, see the test above.)
    assert secret.encode() not in project.read_bytes()


def _chattr(*args: str) -> bool:
    return subprocess.run(["chattr", *args], capture_output=True).returncode == 0


def test_share_to_an_unwritable_folder_keeps_the_previous_copy(project: Path, tmp_path: Path):
    folder = tmp_path / "outbox"
    folder.mkdir()
    target = folder / "copy.pbw"
    assert run("share", str(project), str(target), cwd=tmp_path).returncode == 0
    previous = hashlib.sha256(target.read_bytes()).hexdigest()
    with Project.open(project) as p:
        cells.update(p, cells.all_cells(p)[0].id, posture="a newer edit")
    folder.chmod(0o555)
    immutable = _chattr("+i", str(folder))
    try:
        if os.geteuid() == 0 and not immutable:
            pytest.skip("root can write in any folder and chattr is not available here")
        done = run("share", str(project), str(target), cwd=tmp_path)
        one_line_error(done, "outbox")
    finally:
        if immutable:
            _chattr("-i", str(folder))
        folder.chmod(0o755)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == previous
    assert sorted(p.name for p in folder.iterdir()) == ["copy.pbw"]


def test_share_failing_at_rename_keeps_the_previous_target(project: Path, tmp_path: Path):
    # The target is a folder named like a project: the final rename fails after the copy
    # was written; the folder and its contents are untouched and no temporary file remains.
    target = tmp_path / "copy.pbw"
    target.mkdir()
    (target / "keep.txt").write_text("keep me")
    done = run("share", str(project), str(target), cwd=tmp_path)
    one_line_error(done, "copy.pbw")
    assert (target / "keep.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.pbw", "p.pbw"]


def test_share_to_a_full_disk_keeps_the_previous_target(project: Path, tmp_path: Path):
    """HAZARDS 8: a small tmpfs stands in for a full USB stick."""
    mount = tmp_path / "stick"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
                             capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        target = mount / "copy.pbw"
        target.write_bytes(b"previous copy")
        done = run("share", str(project), str(target), cwd=tmp_path)
        one_line_error(done, "copy.pbw")
        assert target.read_bytes() == b"previous copy"
        assert sorted(p.name for p in mount.iterdir()) == ["copy.pbw"]
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_the_window_without_a_display_says_so_in_one_line(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for args in ([], ["open", str(tmp_path / "x.pbw")]):
        done = subprocess.run([sys.executable, "-m", "workbench", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        if not sys.platform.startswith("linux"):
            pytest.skip("the check is for Linux desktops")
        line = one_line_error(done, "needs a display", "xvfb-run")
        assert "xcb" not in line
