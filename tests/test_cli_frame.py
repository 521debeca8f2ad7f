"""Building a project by script: actors, instruments and citations from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.paths import seeds
from workbench.store import cells, excerpts, frame, sources
from workbench.store.project import Project


def run_json(argv: list[str], capsys) -> object:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def project(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "scripted.pbw"
    assert main(["new", str(path)]) == 0
    assert main(["import", str(path), str(seeds())]) == 0
    capsys.readouterr()
    return path


def test_a_known_actor_brings_its_bundled_aliases(project: Path, capsys):
    data = run_json(["actor", "add", str(project), "Seoul", "--json"], capsys)
    assert data["name"] == "South Korea"  # the short form names the full actor
    assert "Seoul" in data["aliases"] and "ROK" in data["aliases"]
    data = run_json(["actor", "add", str(project), "Atlantis", "--alias", "Atl", "--json"], capsys)
    assert data["aliases"] == ["Atl"]
    with Project.open(project, read_only=True) as p:
        assert [a.name for a in frame.actors(p)] == ["South Korea", "Atlantis"]
        assert frame.find_actor(p, "atl").name == "Atlantis"


def test_adding_an_actor_twice_is_refused(project: Path, capsys):
    assert main(["actor", "add", str(project), "South Korea"]) == 0
    capsys.readouterr()
    assert main(["actor", "add", str(project), "ROK"]) == 1
    assert "already has an actor “South Korea”" in capsys.readouterr().err
    with Project.open(project, read_only=True) as p:
        assert len(frame.actors(p)) == 1


def test_rename_and_remove(project: Path, capsys):
    assert main(["actor", "add", str(project), "EU"]) == 0
    assert main(["instrument", "add", str(project), "Cyber operations", "--term", "hacking"]) == 0
    assert main(["actor", "rename", str(project), "Brussels", "Union"]) == 0
    assert main(["instrument", "rename", str(project), "cyber operations", "Cyber"]) == 0
    capsys.readouterr()
    with Project.open(project, read_only=True) as p:
        assert [a.name for a in frame.actors(p)] == ["Union"]
        assert frame.find_instrument(p, "Cyber").terms == ("hacking",)
    assert main(["instrument", "remove", str(project), "Cyber"]) == 0  # empty: no question asked
    with Project.open(project, read_only=True) as p:
        assert [i.name for i in frame.instruments(p)] == ["Diplomacy", "Sanctions", "Military aid"]
        assert len(cells.all_cells(p)) == 3


def test_removing_an_actor_with_judgments_needs_force(project: Path, capsys):
    assert main(["actor", "add", str(project), "United Nations"]) == 0
    assert main(["cell", str(project), "UN", "Diplomacy", "--posture", "Emergency session"]) == 0
    capsys.readouterr()
    assert main(["actor", "remove", str(project), "UN"]) == 1
    assert "1 cell with judgments" in capsys.readouterr().err
    with Project.open(project, read_only=True) as p:
        assert len(frame.actors(p)) == 1
    assert main(["actor", "remove", str(project), "UN", "--force"]) == 0
    with Project.open(project, read_only=True) as p:
        assert frame.actors(p) == [] and cells.all_cells(p) == []


def test_cite_by_offsets_and_by_quote(project: Path, capsys):
    assert main(["actor", "add", str(project), "United Nations"]) == 0
    capsys.readouterr()
    with Project.open(project, read_only=True) as p:
        src = next(s for s in sources.list_all(p) if "emergency session" in (sources.get(p, s.id).text or ""))
        text = sources.get(p, src.id).text or ""
    at = text.index("emergency session")
    data = run_json(["cite", str(project), str(src.id), str(at), str(at + 17), "UN", "diplomacy",
                     "--credibility", "2", "--note", "the call itself", "--json"], capsys)
    assert data["quote"] == "emergency session" and data["credibility"] == 2
    assert data["actor"] == "United Nations" and data["instrument"] == "Diplomacy"
    # A quote typed with other white space (a line break) still finds the passage.
    words = text[at:at + 60].split()[:4]
    data = run_json(["cite", str(project), str(src.id), "UN", "Sanctions",
                     "--quote", "\n  ".join(words), "--json"], capsys)
    assert data["quote"].split() == words
    with Project.open(project, read_only=True) as p:
        un = frame.find_actor(p, "UN")
        dip = cells.get(p, un.id, frame.find_instrument(p, "Diplomacy").id)
        assert dip.status == "draft"  # a cell with evidence is no longer empty
        (ex,) = excerpts.for_cell(p, dip.id)
        assert ex.note == "the call itself"


def test_cite_refuses_what_it_cannot_find(project: Path, capsys):
    assert main(["actor", "add", str(project), "China"]) == 0
    capsys.readouterr()
    assert main(["cite", str(project), "1", "China", "Diplomacy", "--quote", "no such words here"]) == 1
    assert "does not contain that passage" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:  # offsets missing and no --quote: bad usage
        main(["cite", str(project), "1", "China", "Diplomacy"])
    assert done.value.code == 2
    assert main(["cite", str(project), "1", "5", "5", "China", "Diplomacy"]) == 1  # empty passage
    with Project.open(project, read_only=True) as p:
        assert sum(c.evidence_count for c in cells.all_cells(p)) == 0


def test_matrix_text_is_readable_and_wraps(project: Path, capsys, monkeypatch):
    long_posture = "Press for an emergency session of the Security Council " * 4
    assert main(["actor", "add", str(project), "United Nations"]) == 0
    assert main(["cell", str(project), "UN", "Diplomacy", "--posture", long_posture.strip(),
                 "--likelihood", "likely", "--confidence", "moderate"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["matrix", str(project)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), out
    assert "1 actor × 3 instruments, 1 of 3 cells filled" in out
    assert "likely, moderate confidence" in out and "no evidence" in out
    # The whole posture is there, wrapped rather than cut.
    assert " ".join(out.split()).count("Security Council") == 4
