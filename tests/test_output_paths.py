"""Never write over the project: every output (PDF, CSV, share copy, repaired copy) refuses the
open project's own path, a symbolic link to it and a hard link of it; temporary files left by
a killed export or share are cleaned up by the next one in that folder, and only ours.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from workbench.brief.export import choose_brief, export_pdf
from workbench.brief.matrix_csv import matrix_csv
from workbench.cli import main
from workbench.store import location
from workbench.store.errors import OverwriteRefused
from workbench.store.project import Project
from workbench.store.share import share


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def named_pdf(sample_path: Path) -> Path:
    """The sample project saved under a name that looks like an export: x.pdf."""
    target = sample_path.with_name("x.pdf")
    shutil.move(sample_path, target)
    return target


def test_project_named_x_pdf_exported_to_x_pdf_is_refused(named_pdf: Path, capsys):
    before = sha256(named_pdf)
    code = main(["export", str(named_pdf), "-o", str(named_pdf)])
    err = capsys.readouterr().err
    assert code == 1
    assert "open project itself" in err and len(err.splitlines()) == 1, err
    assert sha256(named_pdf) == before
    with Project.open(named_pdf) as project:  # still a sound project
        assert project.name


def _links(project: Path, folder: Path, suffix: str) -> list[Path]:
    sym = folder / f"symlink{suffix}"
    sym.symlink_to(project)
    hard = folder / f"hardlink{suffix}"
    os.link(project, hard)
    relative = folder / "sub"
    relative.mkdir()
    dotted = relative / ".." / project.name
    return [project, sym, hard, dotted]


def test_pdf_export_refuses_the_project_through_any_link(named_pdf: Path, tmp_path: Path):
    before = sha256(named_pdf)
    with Project.open(named_pdf, read_only=True) as project:
        brief = choose_brief(project)
        for target in _links(named_pdf, tmp_path, ".pdf"):
            with pytest.raises(OverwriteRefused, match="open project itself"):
                export_pdf(project, brief, target)
    assert sha256(named_pdf) == before


def test_csv_and_share_refuse_the_project_through_any_link(sample_path: Path, tmp_path: Path):
    before = sha256(sample_path)
    with Project.open(sample_path, read_only=True) as project:
        for target in _links(sample_path, tmp_path, ".pbw"):
            with pytest.raises(OverwriteRefused):
                matrix_csv(project, target)
            with pytest.raises(OverwriteRefused):
                share(project, target)
    assert sha256(sample_path) == before


def test_the_projects_journal_and_lock_are_refused_too(sample_path: Path):
    with Project.open(sample_path, read_only=True) as project:
        for name in (sample_path.name + "-journal", sample_path.name + ".lock"):
            with pytest.raises(OverwriteRefused, match="needs"):
                matrix_csv(project, sample_path.with_name(name))
        assert not sample_path.with_name(sample_path.name + "-journal").exists()


def test_other_targets_are_written(sample_path: Path, tmp_path: Path):
    with Project.open(sample_path, read_only=True) as project:
        matrix_csv(project, tmp_path / "m.csv")
        share(project, tmp_path / "copy.pbw")
    assert (tmp_path / "m.csv").read_bytes().startswith(b"\xef\xbb\xbfactor,")
    with Project.open(tmp_path / "copy.pbw") as copy:
        assert copy.name


def _leftover(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"half a file")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_leftovers_of_a_killed_export_are_cleaned_by_the_next_one(sample_path: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    old = _leftover(out, f"{location.TEMP_PREFIX}brief.pdf.abc123{location.TEMP_SUFFIX}", 2 * 3600)
    young = _leftover(out, f"{location.TEMP_PREFIX}brief.pdf.def456{location.TEMP_SUFFIX}", 10)
    foreign = _leftover(out, ".brief.pdf.xyz.tmp", 2 * 3600)  # not our name: left alone
    mine_but_folder = out / f"{location.TEMP_PREFIX}folder{location.TEMP_SUFFIX}"
    mine_but_folder.mkdir()
    with Project.open(sample_path, read_only=True) as project:
        export_pdf(project, choose_brief(project), out / "brief.pdf")
    assert not old.exists()
    assert young.exists() and foreign.exists() and mine_but_folder.is_dir()
    assert (out / "brief.pdf").read_bytes().startswith(b"%PDF")
    # Nothing of this export's own is left behind.
    assert sorted(p.name for p in out.iterdir()) == sorted(["brief.pdf", young.name, foreign.name,
                                                             mine_but_folder.name])


def test_leftovers_of_a_killed_share_are_cleaned_by_the_next_one(sample_path: Path, tmp_path: Path):
    old = _leftover(tmp_path, f"{location.TEMP_PREFIX}copy.pbw.k1{location.TEMP_SUFFIX}", 2 * 3600)
    with Project.open(sample_path, read_only=True) as project:
        share(project, tmp_path / "copy.pbw")
    assert not old.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(location.TEMP_PREFIX)]


def test_a_killed_export_leaves_a_temp_file_the_next_export_removes(sample_path: Path, tmp_path: Path):
    """A real kill: SIGKILL a CLI export while it writes, then export again in that folder."""
    import signal
    import subprocess
    import sys

    out = tmp_path / "brief.pdf"
    env = {**os.environ, "WORKBENCH_KILL_ME": "1"}
    code = ("import os, signal, sys\n"
            "from workbench.brief import pdf\n"
            "real = pdf.render\n"
            "def render(content, f, progress=None):\n"
            "    f.write(b'%PDF-partial'); f.flush(); os.kill(os.getpid(), signal.SIGKILL)\n"
            "pdf.render = render\n"
            "from workbench.cli import main\n"
            f"main(['export', {str(sample_path)!r}, '-o', {str(out)!r}])\n")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    left = [p for p in tmp_path.iterdir() if p.name.startswith(location.TEMP_PREFIX)]
    assert len(left) == 1 and not out.exists()
    then = time.time() - 2 * location.TEMP_MAX_AGE
    os.utime(left[0], (then, then))
    assert main(["export", str(sample_path), "-o", str(out)]) == 0
    assert not left[0].exists() and out.read_bytes().startswith(b"%PDF")


def test_merge_backup_refuses_a_link_planted_under_its_temporary_name(sample_path: Path):
    """The backup before a merge writes NAME.before-merge-STAMP.pbw.tmp: a symbolic link
    planted there (for the next few seconds' stamps) must not lead the copy onto the project."""
    from datetime import datetime, timedelta

    from workbench.store import merge

    now = datetime.now()
    for s in range(0, 4):
        stamp = (now + timedelta(seconds=s)).strftime("%Y%m%d-%H%M%S")
        link = sample_path.with_name(f"{sample_path.stem}.before-merge-{stamp}{sample_path.suffix}.tmp")
        link.symlink_to(sample_path)
    before = sha256(sample_path)
    with Project.open(sample_path) as project:
        with pytest.raises(OverwriteRefused):
            merge.backup(project)
    assert sha256(sample_path) == before


def test_sources_export_refuses_the_project(sample_path: Path, capsys):
    named = sample_path.with_name("x.json")
    shutil.move(sample_path, named)
    before = sha256(named)
    assert main(["export-sources", str(named), "-o", str(named)]) == 1
    assert "open project itself" in capsys.readouterr().err
    assert sha256(named) == before
