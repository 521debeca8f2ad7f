"""A lone project path on the command line opens it, as a desktop double-click does."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import document_arguments


def test_lone_project_path_becomes_open(tmp_path: Path) -> None:
    assert document_arguments([str(tmp_path / "brief notes.pbw")]) == ["open", str(tmp_path / "brief notes.pbw")]
    assert document_arguments(["Report.PBW"]) == ["open", "Report.PBW"]


def test_a_lone_existing_file_spelled_as_a_path_opens(tmp_path: Path) -> None:
    f = tmp_path / "check"
    f.write_bytes(b"")
    assert document_arguments([str(f)]) == ["open", str(f)]


@pytest.mark.parametrize("argv", [[], ["check"], ["--version"], ["sources", "p.pbw"], ["new"]])
def test_commands_and_options_are_left_alone(argv: list[str], tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "check").write_bytes(b"")  # a file named like a command stays a command
    assert document_arguments(argv) == argv
