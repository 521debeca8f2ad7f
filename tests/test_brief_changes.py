"""What changed since the last brief: snapshots recorded by exports, `changes`, and the section."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brief_builders import add_cell, flat, pdf_text, worked_project
from workbench.brief.export import choose_brief, export_brief
from workbench.store import brief_snapshots, cells, excerpts, frame
from workbench.store.project import Project


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "WORKBENCH_DEBUG": ""})


@pytest.fixture
def worked_path(tmp_path: Path) -> Path:
    path = tmp_path / "worked.pbw"
    worked_project(path).close()
    return path


def _changes(path: Path, cwd: Path) -> dict:
    done = run("changes", str(path), "--json", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_export_then_edit_shows_exactly_the_edited_judgment(worked_path: Path, tmp_path: Path):
    assert _changes(worked_path, tmp_path)["previous_export"] is None  # never exported yet
    done = run("export", str(worked_path), "-o", str(tmp_path / "first.docx"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert _changes(worked_path, tmp_path)["changes"] == []  # nothing changed since
    with Project.open(worked_path) as project:
        china = frame.find_actor(project, "China")
        cell = cells.get(project, china.id, frame.find_instrument(project, "Diplomacy").id)
        cells.update(project, cell.id, likelihood="very likely", confidence="low")
        add_cell(project, "China", "Diplomacy", {}, ["EU leaders have cautioned"])
    data = _changes(worked_path, tmp_path)
    assert data["brief"] == "Main" and data["previous_export"]["format"] == "docx"
    (change,) = data["changes"]
    assert (change["kind"], change["actor"], change["instrument"], change["cell"]) == (
        "changed", "China", "Diplomacy", cell.uuid)
    assert change["likelihood"] == {"from": "likely", "to": "very likely", "direction": "up"}
    assert change["confidence"] == {"from": "moderate", "to": "low", "direction": "down"}
    assert [e["grade"] for e in change["evidence_added"]] == ["C2"] and change["evidence_removed"] == []
    assert change["posture_changed"] is False
    assert "likelihood up from likely to very likely" in change["summary"]


def test_added_and_removed_judgments_and_the_changes_section(worked_path: Path, tmp_path: Path):
    with Project.open(worked_path) as project:
        first = export_brief(project, choose_brief(project), tmp_path / "first.pdf")
        assert first.recorded
        add_cell(project, "Japan", "Diplomacy", {"posture": "Quiet support.", "likelihood": "likely"}, [])
        eu = frame.find_actor(project, "European Union")
        gone = cells.get(project, eu.id, frame.find_instrument(project, "Sanctions").id)
        cells.update(project, gone.id, posture="", likelihood="", confidence="", status="empty")
        for ex in excerpts.for_cell(project, gone.id):
            excerpts.uncite(project, gone.id, ex.id)
        second = export_brief(project, choose_brief(project), tmp_path / "second.pdf", with_changes=True)
        history = brief_snapshots.history(project, "main")
    assert [s.format for s in history] == ["pdf", "pdf"]
    text = flat(pdf_text(second.path))
    since = text.index("Changes since")
    overview = text.index("Matrix overview")
    assert since < overview  # a short section before the evidence
    section = text[since:overview]
    assert "Japan × Diplomacy: new judgment (likely)" in section
    assert "European Union × Sanctions: no longer in the brief" in section


def test_read_only_export_says_it_is_not_recorded(worked_path: Path, tmp_path: Path):
    holder = Project.open(worked_path)  # the window has the file: the CLI gets it read-only
    try:
        done = run("export", str(worked_path), "-o", str(tmp_path / "b.pdf"), cwd=tmp_path)
    finally:
        holder.close()
    assert done.returncode == 0, done.stderr
    assert "not recorded" in done.stderr and "Traceback" not in done.stderr
    with Project.open(worked_path, read_only=True) as project:
        assert brief_snapshots.history(project, "Main") == []


def test_a_damaged_snapshot_is_read_without_failing(worked_path: Path, tmp_path: Path):
    with Project.open(worked_path) as project:
        export_brief(project, choose_brief(project), tmp_path / "first.pdf")
        with project.transaction() as db:
            db.execute("UPDATE brief_snapshot SET content = ?", ('{"judgments": [1, {"cell": 5}, "x"]',))
    data = _changes(worked_path, tmp_path)
    assert {c["kind"] for c in data["changes"]} == {"added"}  # nothing readable: every judgment is new
