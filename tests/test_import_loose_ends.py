"""Import at its edges: undoing a very large import, and a folder with an entry that cannot be read."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from workbench import sample
from workbench.domain.models import ParsedDocument
from workbench.ingest.importer import import_paths
from workbench.store import sources
from workbench.store.check import check
from workbench.store.project import Project
from workbench.store.source_removal import impact, remove_sources, restore_sources

# SQLite's default build (Windows and macOS Pythons) allows 32,766 parameters per statement;
# Debian's allows more, so the test sets the default limit itself.
DEFAULT_PARAMETER_LIMIT = 32766
MANY = DEFAULT_PARAMETER_LIMIT + 500


def test_undoing_an_import_of_more_sources_than_sqlite_takes_parameters(tmp_path: Path) -> None:
    path = tmp_path / "large.pbw"
    with sample.create_empty(path, "Large") as project:
        with project.transaction():  # one commit, as the importer batches them
            ids = [sources.add(project, ParsedDocument(f"Note {n}.", f"n{n}", "txt")) for n in range(MANY)]
    with Project.open(path) as project:
        project.db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, DEFAULT_PARAMETER_LIMIT)
        assert impact(project, ids).sources == MANY
        removed = remove_sources(project, ids)
        assert sources.count(project) == 0
        assert len(removed.rows["source"]) == MANY
        restore_sources(project, removed)
        assert sources.count(project) == MANY
        assert check(project).ok


def test_entries_of_a_folder_that_cannot_be_read_are_named_and_the_rest_imports(tmp_path: Path) -> None:
    """Root reads every file whatever its mode, so the entries here fail in ways root meets too."""
    folder = tmp_path / "pile"
    folder.mkdir()
    for name in ("a.txt", "b-vanishes.txt", "c.txt", "d-replaced.txt"):
        (folder / name).write_text(f"Envoys met in Geneva; this is {name}.", encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "deleted-long-ago.txt")  # dangling, inside the folder
    (folder / "loop.txt").symlink_to(folder / "loop.txt")  # a link to itself
    os.mkfifo(folder / "pipe.txt")
    (folder / "notes.txt").mkdir()  # a folder with a file's name: walked as a folder
    (folder / "notes.txt" / "inner.txt").write_text("Talks resumed in Vienna.", encoding="utf-8")

    def meanwhile(done: int, total: int, name: str) -> None:
        # Between listing the folder and reading it, one file is deleted and another becomes a folder.
        if name == "b-vanishes.txt":
            (folder / name).unlink()
        if name == "d-replaced.txt":
            (folder / name).unlink()
            (folder / name).mkdir()

    with sample.create_empty(tmp_path / "p.pbw", "Pile") as project:
        report = import_paths(project, [folder], progress=meanwhile)
        imported = sorted(s.filename for s in sources.list_all(project))
    assert imported == ["a.txt", "c.txt", "inner.txt"]
    assert {p.name: why for p, why in report.failed} == {
        "b-vanishes.txt": "b-vanishes.txt was not found",
        "d-replaced.txt": "d-replaced.txt is a folder, not a file",
        "gone.txt": "gone.txt is a link to a file that is not there; it was skipped",
        "loop.txt": "loop.txt could not be opened",
        "pipe.txt": "pipe.txt is not a regular file",
    }
    assert report.summary() == "3 imported, 5 could not be read"


def test_the_command_line_names_the_unreadable_entry_and_imports_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    (folder / "a.txt").write_text("Envoys met in Geneva.", encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "deleted-long-ago.txt")
    project = tmp_path / "p.pbw"
    sample.create_empty(project, "Pile").close()
    done = subprocess.run([sys.executable, "-m", "workbench", "import", str(project), str(folder)],
                          capture_output=True, text=True, timeout=120)
    assert "gone.txt is a link to a file that is not there" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    with Project.open(project) as opened:
        assert [s.filename for s in sources.list_all(opened)] == ["a.txt"]
