"""What the command line prints: control characters never reach the terminal raw, every error
is one line, and CSV is defused for spreadsheets on every path (`--raw` for scripts).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from workbench.brief.matrix_csv import looks_like_formula, matrix_csv
from workbench.cli import main
from workbench.cli.terminal import one_line, safe_text
from workbench.store import cells, frame
from workbench.store.project import Project

ESC_TITLE = "Clear\x1b[2J\x1b]0;owned\x07 title\rHidden\u202eevil\x9b"


def test_safe_text_escapes_what_a_terminal_obeys():
    shown = safe_text(ESC_TITLE + "\tand\nnext")
    assert "\x1b" not in shown and "\r" not in shown and "\x07" not in shown
    assert "\u202e" not in shown and "\x9b" not in shown
    assert "\\u001b[2J" in shown and "\tand\nnext" in shown
    assert one_line("a\nb\tc") == "a\\u000ab\\u0009c"


@pytest.fixture
def hostile(sample_path: Path) -> Path:
    with Project.open(sample_path) as project:
        actor = frame.add_actor(project, "Evil\x1b[2J actor")
        cell = cells.get(project, actor.id, frame.instruments(project)[0].id)
        cells.update(project, cell.id, posture="=HYPERLINK(\"http://x\",\"y\")", options=" ＝1+1")
    db = sqlite3.connect(sample_path)
    db.execute("UPDATE source SET title = ? WHERE id = (SELECT min(id) FROM source)", (ESC_TITLE,))
    db.commit()
    db.close()
    return sample_path


@pytest.mark.parametrize("args", [["sources", "{p}"], ["matrix", "{p}"], ["search", "{p}", "troops"],
                                  ["sources", "{p}", "--json"], ["matrix", "{p}", "--json"]])
def test_text_output_has_no_raw_control_characters(hostile: Path, args: list[str], capsys):
    assert main([a.replace("{p}", str(hostile)) for a in args]) == 0
    out = capsys.readouterr().out
    for ch in "\x1b\r\x07\x9b\u202e":
        assert ch not in out, (args, repr(out[:300]))
    assert "Clear\\u001b[2J" in out or "Evil\\u001b[2J" in out


def test_json_output_stays_valid_json(hostile: Path, capsys):
    import json

    main(["sources", str(hostile), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert any(s["title"].startswith("Clear\x1b[2J") for s in data)  # escaped, not lost


def test_errors_are_one_line_with_names_escaped(tmp_path: Path, capsys):
    bad = tmp_path / "two\nlines\x1b[2J.pbw"
    bad.write_text("not a project")
    assert main(["sources", str(bad)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "\x1b" not in err, repr(err)
    assert "two\\u000alines\\u001b[2J.pbw" in err


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "  =1", "\u200b=1",
                                   "\ufeff=1", "＝1+1", " ＋1", "\u00a0=1", "\u2060@x"])
def test_formula_triggers_are_recognised(value: str):
    assert looks_like_formula(value)


@pytest.mark.parametrize("value", ["plain", "1+1", "a=b", "", "’quoted"])
def test_plain_values_are_not_touched(value: str):
    assert not looks_like_formula(value)


def _csv_cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_matrix_csv_on_stdout_is_defused_by_default(hostile: Path, capsys):
    assert main(["matrix", str(hostile), "--csv"]) == 0
    values = _csv_cells(capsys.readouterr().out)
    assert "'=HYPERLINK(\"http://x\",\"y\")" in values and "' ＝1+1" in values
    assert not [v for v in values if looks_like_formula(v)]


def test_matrix_csv_raw_gives_the_stored_values(hostile: Path, capsys):
    assert main(["matrix", str(hostile), "--csv", "--raw"]) == 0
    values = _csv_cells(capsys.readouterr().out)
    assert "=HYPERLINK(\"http://x\",\"y\")" in values and " ＝1+1" in values


def test_matrix_csv_file_is_defused(hostile: Path, tmp_path: Path):
    with Project.open(hostile, read_only=True) as project:
        matrix_csv(project, tmp_path / "m.csv")
    values = _csv_cells((tmp_path / "m.csv").read_text(encoding="utf-8-sig"))
    assert not [v for v in values if looks_like_formula(v)]
