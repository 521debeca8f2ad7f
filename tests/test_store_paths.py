"""Odd file and folder names (HAZARDS 11): create, open, share and import all work.

SQLite is reached through a `file:` URI, where `#`, `?` and `%` mean something: each name
here must reach the file system exactly as written, never decoded or cut short.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.store import frame, search, sources
from workbench.store.check import check
from workbench.store.errors import ProjectError
from workbench.store.lock import lock_path
from workbench.store.project import Project
from workbench.store.share import share

NAMES = [
    "with space",
    "hash #1",
    "100% done",
    "what?",
    "%23 and %3F and %25",  # percent-encodings a URI would decode
    "q?mode=ro&cache=shared",  # looks like URI parameters
    "emoji 🇺🇦📎 한국어 кириллица",
    "x" * 200,
    "trailing dot.",
    "'quotes' and \"double\"",
]
IDS = ["space", "hash", "percent", "question", "encoded", "uri-params", "emoji", "long200",
       "dot", "quotes"]


@pytest.mark.parametrize("name", NAMES, ids=IDS)
def test_create_open_share_import(tmp_path: Path, name: str):
    folder = tmp_path / f"folder {name[:40]}"
    folder.mkdir()
    path = folder / f"{name}.pbw"
    with sample.create_empty(path, name) as project:
        assert project.path == path
        assert lock_path(path).exists()
        frame.add_actor(project, "United Nations", ["UN"])
    # Exactly the file asked for exists, and nothing with a cut-off or decoded name.
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
    doc = folder / f"{name[:60]} note.txt"
    doc.write_text("The Security Council met in an emergency session on Friday.\n", encoding="utf-8")
    with Project.open(path) as project:
        assert not project.read_only, project.read_only_reason
        assert project.name == name
        report = import_paths(project, [doc])
        assert len(report.added) == 1, report.failed
        assert search.search(project, "emergency session").hits
        out = folder / f"copy of {name[:150]}.pbw"
        assert share(project, out) == out
    with Project.open(out) as copy:
        assert sources.count(copy) == 1
        assert check(copy).ok
    assert sorted(p.name for p in folder.iterdir()) == sorted([path.name, doc.name, out.name])


def test_names_differing_only_in_uri_syntax_stay_apart(tmp_path: Path):
    # If "%23" were decoded, these two would be the same file.
    a = tmp_path / "a#b.pbw"
    b = tmp_path / "a%23b.pbw"
    sample.create_empty(a, "hash").close()
    sample.create_empty(b, "percent").close()
    with Project.open(a) as pa, Project.open(b) as pb:
        assert (pa.name, pb.name) == ("hash", "percent")


def test_upgrade_backup_beside_an_odd_name(tmp_path: Path):
    path = tmp_path / "old #1 100% ?.pbw"
    shutil.copyfile(Path(__file__).parent / "data" / "project_v1.pbw", path)
    with Project.open(path) as project:
        assert project.migrated_from == 1
        assert project.backup is not None and project.backup.exists()
        assert project.backup.name.startswith("old #1 100% ?.v1-backup-")


def test_name_too_long_for_the_journal_is_refused_plainly(tmp_path: Path):
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    name = "n" * (limit - 4) + ".pbw"  # fits, but NAME-journal would not
    with pytest.raises(ProjectError, match="too long"):
        Project.create(tmp_path / name, "long")
    assert list(tmp_path.iterdir()) == []


def test_cli_with_odd_names(tmp_path: Path):
    folder = tmp_path / "Kim's files #2 (100%)?"
    folder.mkdir()
    path = folder / "brief 🇺🇦 ?.pbw"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                              text=True, timeout=120, cwd=folder)

    assert run("new", str(path), "--sample").returncode == 0
    doc = folder / "note #1 ?.md"
    doc.write_text("# Note\n\nAn emergency session of the Security Council.\n", encoding="utf-8")
    done = run("import", str(path), str(doc))
    assert done.returncode == 0 and "1 imported" in done.stdout, done.stderr
    assert run("search", str(path), "emergency").returncode == 0
    out = folder / "copy ? #.pbw"
    assert run("share", str(path), str(out)).returncode == 0
    assert run("check", str(out)).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted([path.name, doc.name, out.name])


def test_upgrade_of_a_file_with_a_long_name(tmp_path: Path):
    # The backup's name adds ".v1-backup-DATE-TIME": it is shortened to fit, not refused.
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    path = tmp_path / ("é" * ((limit - 12) // 2) + ".pbw")
    assert len(os.fsencode(path.name + "-journal")) <= limit
    shutil.copyfile(Path(__file__).parent / "data" / "project_v1.pbw", path)
    with Project.open(path) as project:
        assert project.migrated_from == 1
        assert project.backup is not None and project.backup.exists()
        assert ".v1-backup-" in project.backup.name
        assert check(project).ok
