"""The pre-export review: each kind of finding on a project built to have it, through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from brief_builders import add_cell, worked_project
from test_merge import edit, merge_into, send
from workbench.brief import review as review_module
from workbench.brief.compose import compose
from workbench.brief.export import choose_brief, export_brief, review_brief
from workbench.ingest.importer import import_paths
from workbench.store import briefs, cells, excerpts, sources
from workbench.store.project import Project


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "WORKBENCH_DEBUG": ""})


def _every_kind(path: Path) -> Path:
    """A project whose main brief has one instance of every kind of finding."""
    extra = path.with_name("Briefing note.txt")
    extra.write_text("Briefing note.\n\nTokyo is weighing a larger aid package for Kyiv.\n", encoding="utf-8")
    with worked_project(path) as project:
        # A cell whose only source is removed after the brief was exported once.
        import_paths(project, [extra])
        note = next(s for s in sources.list_all(project) if s.title.startswith("Briefing note"))
        cell_id = add_cell(project, "Japan", "Military aid",
                           {"posture": "Watch closely.", "likelihood": "likely", "confidence": "low",
                            "status": "final"}, ["Tokyo is weighing a larger aid package"])
        export_brief(project, choose_brief(project), path.with_name("first.pdf"))
        for ex in excerpts.for_cell(project, cell_id):
            excerpts.uncite(project, cell_id, ex.id)
        sources.delete(project, note.id)
        # likelihood, no evidence, no confidence
        add_cell(project, "Russia", "Sanctions", {"posture": "Evades.", "likelihood": "very likely",
                                                  "status": "final"}, [])
        # weak evidence only: every quote's source graded E
        add_cell(project, "South Korea", "Diplomacy",
                 {"posture": "Talks.", "likelihood": "unlikely", "confidence": "low", "status": "final"},
                 ["EU leaders have cautioned"], credibility=5)
        brief = choose_brief(project)
        briefs.save(project, replace(brief, marking="TLP:AMBRE",
                                     key_judgments="1. Pyongyang is **very likely** to send more troops.\n"
                                                   "2. Sanctions on the networks are likely to bite [1]."))
    # a colleague's copy judged one of the brief's cells differently, and the merge left it open
    theirs = send(path, path.with_name("colleague.pbw"))
    edit(theirs, "bob", "South Korea", "Diplomacy", likelihood="likely")
    edit(path, "alice", "South Korea", "Diplomacy", likelihood="very unlikely")
    assert len(merge_into(path, theirs).disputes) == 1
    return path


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _every_kind(tmp_path_factory.mktemp("review") / "every.pbw")


def test_review_json_lists_each_kind_of_finding(every_kind: Path, tmp_path: Path):
    done = run("review", str(every_kind), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["brief"] == "Main"
    kinds = {f["kind"] for f in data["findings"]}
    assert kinds == set(review_module.KINDS)
    for f in data["findings"]:
        assert set(f) == {"kind", "where", "cell", "message"}
        assert f["message"] and f["where"]
        if f["kind"] not in ("unknown_marking", "key_judgment_unsupported"):
            assert f["cell"], f  # a finding about a cell names the cell
    by_kind = {f["kind"]: f for f in data["findings"]}
    assert by_kind["no_evidence"]["where"] == "Russia × Sanctions"
    assert by_kind["no_confidence"]["where"] == "Russia × Sanctions"
    assert by_kind["source_removed"]["where"] == "Japan × Military aid"
    assert "Briefing note" in by_kind["source_removed"]["message"]
    assert "TLP:AMBRE" in by_kind["unknown_marking"]["message"]
    assert "TLP:AMBER+STRICT" in by_kind["unknown_marking"]["message"]
    unsupported = [f for f in data["findings"] if f["kind"] == "key_judgment_unsupported"]
    assert len(unsupported) == 1 and "judgment 1" in unsupported[0]["message"]  # the cited one [1] passes
    weak = [f for f in data["findings"] if f["kind"] == "weak_evidence"]
    assert [f["where"] for f in weak] == ["South Korea × Diplomacy"]
    drafts = {f["where"] for f in data["findings"] if f["kind"] == "not_final"}
    assert drafts == {"United States × Military aid", "China × Diplomacy"}  # review and draft cells
    (disputed,) = [f for f in data["findings"] if f["kind"] == "disputed"]
    assert disputed["where"] == "South Korea × Diplomacy"
    assert "open disagreement with a colleague's copy (likelihood)" in disputed["message"]
    assert "settle it in the cell editor" in disputed["message"]
    assert 'workbench resolve PROJECT "South Korea" "Diplomacy" --keep mine' in disputed["message"]


def test_a_settled_dispute_is_no_longer_a_finding(every_kind: Path, tmp_path: Path):
    copy = tmp_path / "copy.pbw"
    copy.write_bytes(every_kind.read_bytes())
    done = run("resolve", str(copy), "South Korea", "Diplomacy", "--keep", "theirs", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(run("review", str(copy), "--json", cwd=tmp_path).stdout)
    assert "disputed" not in {f["kind"] for f in data["findings"]}
    assert len(data["findings"]) > 0  # the others stay


def _unsupported(project: Project, key_judgments: str) -> list[str]:
    brief = replace(choose_brief(project), key_judgments=key_judgments)
    return [f.message for f in review_brief(project, brief) if f.kind == "key_judgment_unsupported"]


def test_a_key_judgment_must_point_to_evidence_the_brief_holds(tmp_path: Path):
    with worked_project(tmp_path / "kj.pbw") as project:
        numbers = {f"{v.actor} × {v.instrument}": v.number for g in compose(project, choose_brief(project)).groups
                   for v in g.cells if v.quotes}
        china = numbers["China × Diplomacy"]
        for supported in ("Beijing is likely to stay quiet [1].", "Beijing is likely to stay quiet [1, p. 2].",
                          f"Beijing is likely to stay quiet (see {china}).", f"Beijing is likely to stay quiet ({china}).",
                          f"Beijing is likely to stay quiet (§ {china.split('.')[0]}).",
                          "Beijing is likely to stay quiet (China × Diplomacy).",
                          "Beijing is likely to stay quiet [2; 1]."):
            assert _unsupported(project, supported) == [], supported
        # resting on nothing, or on a source or section the brief does not hold
        assert len(_unsupported(project, "Beijing is likely to stay quiet.")) == 1
        assert len(_unsupported(project, "Beijing is likely to stay quiet (moderate confidence).")) == 1
        (message,) = _unsupported(project, "Beijing is likely to stay quiet [99] (see 42.1).")
        assert "points to [99], 42.1, which this brief does not hold" in message
        (message,) = _unsupported(project, "Beijing is likely to stay quiet (Japan × Sanctions).")  # no such judgment
        assert "points to no evidence" in message
        # a statement without an estimative word is not a judgment the check reads
        assert _unsupported(project, "Beijing stays quiet.") == []


def test_the_sample_brief_review_shows_only_real_problems(sample_path: Path, tmp_path: Path):
    done = run("review", str(sample_path), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    kinds = {f["kind"] for f in json.loads(done.stdout)["findings"]}
    assert "key_judgment_unsupported" not in kinds  # each of the six cites what it rests on
    assert kinds == {"single_source", "not_final"}  # the sample's cells are drafts, some with one source


def test_a_sound_brief_has_no_findings(tmp_path: Path):
    with worked_project(tmp_path / "sound.pbw") as project:
        brief = replace(choose_brief(project), key_judgments="North Korea is likely to stay [1].")
        for c in cells.all_cells(project):
            if c.status in ("draft", "review"):
                cells.update(project, c.id, status="final")
        found = review_brief(project, brief)
    assert [f.kind for f in found] == ["single_source"] * 4  # each worked cell cites one source


def test_export_prints_findings_on_stderr_and_still_exports(every_kind: Path, tmp_path: Path):
    copy = tmp_path / "copy.pbw"
    copy.write_bytes(every_kind.read_bytes())
    out = tmp_path / "brief.docx"
    done = run("export", str(copy), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.is_file() and done.stdout.strip() == f"wrote {out}"
    lines = done.stderr.splitlines()
    assert any(line.startswith("review: Russia × Sanctions: says “very likely” but cites no evidence")
               for line in lines), lines
    assert "Traceback" not in done.stderr


def test_strict_export_refuses_and_writes_nothing(every_kind: Path, tmp_path: Path):
    copy = tmp_path / "copy.pbw"
    copy.write_bytes(every_kind.read_bytes())
    out = tmp_path / "brief.pdf"
    done = run("export", str(copy), "-o", str(out), "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert "not exported" in done.stderr.splitlines()[-1]
    with Project.open(copy, read_only=True) as project:  # and the refused export was not recorded
        from workbench.store import brief_snapshots

        assert len(brief_snapshots.history(project, "Main")) == 1
