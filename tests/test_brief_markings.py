"""Markings: TLP 2.0 labels validated and normalised; free classification lines via --classification."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from brief_builders import page_texts, worked_project
from workbench.domain import scales


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "WORKBENCH_DEBUG": ""})


@pytest.fixture(scope="module")
def project_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("markings") / "worked.pbw"
    worked_project(path).close()
    return path


@pytest.mark.parametrize("typed, label", [
    ("TLP:AMBER", "TLP:AMBER"), ("tlp:amber", "TLP:AMBER"), (" TLP : Amber + Strict ", "TLP:AMBER+STRICT"),
    ("tlp-red", "TLP:RED"), ("TLP:WHITE", "TLP:CLEAR"), ("tlp green", "TLP:GREEN"),
])
def test_tlp_labels_are_normalised(typed, label):
    assert scales.tlp(typed) == label


@pytest.mark.parametrize("typed", ["TLP:AMBRE", "TLP:YELLOW", "tlp:", "TLP:AMBER+", "TLP:REDD"])
def test_unknown_tlp_labels_are_refused_with_the_list(typed):
    with pytest.raises(ValueError) as e:
        scales.tlp(typed)
    assert all(label in str(e.value) for label in scales.TLP)
    assert scales.unknown_tlp(typed) and scales.marking(typed) == " ".join(typed.split())


def test_marking_tlp_ambre_exits_2_listing_the_valid_labels(project_path: Path, tmp_path: Path):
    out = tmp_path / "b.pdf"
    done = run("export", str(project_path), "-o", str(out), "--marking", "TLP:AMBRE", cwd=tmp_path)
    assert done.returncode == 2
    assert "TLP:AMBRE" in done.stderr and "Traceback" not in done.stderr
    for label in scales.TLP:
        assert label in done.stderr
    assert "--classification" in done.stderr
    assert not out.exists()


def test_marking_is_normalised_on_every_page(project_path: Path, tmp_path: Path):
    out = tmp_path / "b.pdf"
    done = run("export", str(project_path), "-o", str(out), "--marking", "tlp: amber + strict", "--no-record",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pages = page_texts(out)
    assert pages and all(p.count("TLP:AMBER+STRICT") >= 2 for p in pages)


def test_classification_line_is_printed_as_given(project_path: Path, tmp_path: Path):
    out = tmp_path / "b.docx"
    line = "OFFICIAL-SENSITIVE  //  Ministry use only"
    done = run("export", str(project_path), "-o", str(out), "--classification", line, "--no-record", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "unknown_marking" not in done.stderr and "TLP 2.0" not in done.stderr
    section = docx.Document(str(out)).sections[0]
    assert section.header.paragraphs[0].text == "OFFICIAL-SENSITIVE // Ministry use only"
    both = run("export", str(project_path), "-o", str(out), "--classification", "X", "--marking", "TLP:RED",
               cwd=tmp_path)
    assert both.returncode == 2 and "not allowed with" in both.stderr
