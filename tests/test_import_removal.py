"""Removing sources: excerpts leave their cells, the text leaves the file, and undo brings all back.

Also `workbench remove-source` and `workbench export-sources` as real processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.store import cells, excerpts, frame, search, sources
from workbench.store.check import check
from workbench.store.project import Project
from workbench.store.source_removal import impact, remove_sources, restore_sources

SECRET = "Zanzibarquartz"  # a word found nowhere else
SECRET_TEXT = (f"Confidential: the {SECRET} channel was used to move funds to Pyongyang. "
               "Officials in Seoul asked the Security Council for an emergency session.")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "WORKBENCH_DEBUG": ""})


@pytest.fixture()
def cited(tmp_path: Path) -> tuple[Path, int, int]:
    """A project with a secret source cited in two cells; (path, secret id, other id)."""
    path = tmp_path / "removal.pbw"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "secret.txt").write_text(SECRET_TEXT, encoding="utf-8")
    (tmp_path / "in" / "other.txt").write_text("Moscow denied that troops had arrived in Kursk.",
                                               encoding="utf-8")
    with sample.create_empty(path, "Removal") as project:
        sample.add_default_actors(project)
        import_paths(project, [tmp_path / "in"])
        by_name = {s.filename: s.id for s in sources.list_all(project)}
        secret, other = by_name["secret.txt"], by_name["other.txt"]
        un = frame.find_actor(project, "UN")
        for instrument in ("Diplomacy", "Sanctions"):
            cell = cells.get(project, un.id, frame.find_instrument(project, instrument).id)
            start = SECRET_TEXT.index("the " + SECRET)
            excerpts.cite(project, cell.id, secret, start, start + 40)
        cell = cells.get(project, un.id, frame.find_instrument(project, "Diplomacy").id)
        excerpts.cite(project, cell.id, other, 0, 20)
    return path, secret, other


def test_removal_takes_excerpts_out_and_the_text_out_of_the_file(cited) -> None:
    path, secret, other = cited
    with Project.open(path) as project:
        assert impact(project, [secret]) == impact(project, [secret, secret])
        seen = impact(project, [secret])
        assert (seen.sources, seen.excerpts, seen.cells) == (1, 2, 2)
        remove_sources(project, [secret])
        assert [s.id for s in sources.list_all(project)] == [other]
        assert not search.search(project, SECRET).hits
        counts = [c.evidence_count for c in cells.all_cells(project) if c.evidence_count]
        assert counts == [1]  # only the other source's excerpt is left
        assert check(project).ok
    raw = path.read_bytes()
    assert SECRET.encode() not in raw and SECRET.lower().encode() not in raw
    assert not any(p.name.endswith("-journal") for p in path.parent.iterdir())


def test_restore_puts_everything_back(cited) -> None:
    path, secret, other = cited
    with Project.open(path) as project:
        before = {c.id: c.evidence_count for c in cells.all_cells(project)}
        removed = remove_sources(project, [secret, other])
        assert sources.count(project) == 0
        restore_sources(project, removed)
        assert sorted(s.id for s in sources.list_all(project)) == sorted([secret, other])
        assert {c.id: c.evidence_count for c in cells.all_cells(project)} == before
        assert [h.source_id for h in search.search(project, SECRET).hits] == [secret]
        assert sources.get(project, secret).text == SECRET_TEXT
        assert check(project).ok


def test_unknown_id_removes_nothing(cited) -> None:
    path, secret, _ = cited
    with Project.open(path) as project:
        with pytest.raises(Exception, match="There is no source 999"):
            remove_sources(project, [secret, 999])
        assert sources.count(project) == 2


def test_cli_remove_source_asks_for_force_when_cited(cited) -> None:
    path, secret, other = cited
    done = run("remove-source", str(path), str(secret), cwd=path.parent)
    assert done.returncode == 1
    assert done.stderr.strip() == ("workbench: 1 source cited in the matrix: removing it takes 2 excerpts "
                                   "out of 2 cells; add --force to remove anyway")
    done = run("remove-source", str(path), str(secret), "--force", cwd=path.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "removed 1 source; 2 excerpts taken out of 2 cells"
    done = run("search", str(path), SECRET, cwd=path.parent)
    assert SECRET not in done.stdout
    assert SECRET.encode() not in path.read_bytes()
    done = run("remove-source", str(path), "424242", cwd=path.parent)
    assert done.returncode == 1 and "There is no source 424242" in done.stderr


def test_cli_export_sources_is_csl_json_that_imports_again(cited, tmp_path: Path) -> None:
    path, secret, _ = cited
    with Project.open(path) as project:
        sources.update(project, secret, author="Jane Doe", outlet="World Wire", published="2024-11-21",
                       url="https://example.org/a")
    out = tmp_path / "sources.json"
    done = run("export-sources", str(path), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    first = next(r for r in records if r["title"] == "secret")
    assert first["author"] == [{"literal": "Jane Doe"}]
    assert (first["container-title"], first["issued"], first["URL"]) == (
        "World Wire", {"date-parts": [[2024, 11, 21]]}, "https://example.org/a")
    # A reference manager (or another project) reads it back.
    again = tmp_path / "again.pbw"
    assert run("new", str(again), cwd=tmp_path).returncode == 0
    done = run("import", str(again), str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with Project.open(again) as project:
        titles = {s.title: s for s in sources.list_all(project)}
    assert titles["secret"].author == "Jane Doe" and titles["secret"].published == "2024-11-21"


def test_cli_import_reports_unsupported_and_exits_1_saying_how_many(tmp_path: Path) -> None:
    path = tmp_path / "p.pbw"
    assert run("new", str(path), cwd=tmp_path).returncode == 0
    folder = tmp_path / "pile"
    folder.mkdir()
    (folder / "note.txt").write_text("Troops moved near Kursk.", encoding="utf-8")
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    done = run("import", str(path), str(folder), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.strip() == "1 imported, 1 could not be read"
    assert "sheet.xlsx is not a supported file type (.xlsx)" in done.stderr
    assert "Traceback" not in done.stderr
