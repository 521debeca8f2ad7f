"""Files whose structure is sound but whose values are wrong (a hand edit in `sqlite3`, a buggy
tool, a flipped bit): every command still works, `check` names each wrong value, the file is
never changed, and "repair" writes a mended copy that says what it changed.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from test_ui_support import make_window, messages  # noqa: F401  (fixtures)
from workbench.cli import main
from workbench.store import cells, frame, repair, validate
from workbench.store.project import Project

Mutation = Callable[[sqlite3.Connection], None]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit(path: Path, *statements: str) -> None:
    """Change the file as another program would: plain SQLite, no checks, no foreign keys."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA ignore_check_constraints = ON")
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()


# Each: (statements that make the file wrong, words `check` must say).
WRONG: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "invalid UTF-8 in cell.likelihood": (
        ("UPDATE cell SET likelihood = CAST(x'fffe41' AS TEXT) WHERE id = (SELECT min(id) FROM cell)",),
        ("likelihood", "not valid UTF-8")),
    "invalid UTF-8 in a source title and text": (
        ("UPDATE source SET title = CAST(x'c3' AS TEXT), text = text || CAST(x'ff' AS TEXT)"
         " WHERE id = (SELECT min(id) FROM source)",),
        ("title", "not valid UTF-8")),
    "a BLOB where text belongs": (
        ("UPDATE cell SET posture = x'00ff10' WHERE id = (SELECT max(id) FROM cell)",),
        ("posture", "binary data where text belongs")),
    "a decimal where a whole number belongs": (
        ("UPDATE actor SET position = 1.5 WHERE id = (SELECT min(id) FROM actor)",),
        ("position", "a decimal number where a whole number belongs")),
    "text where an offset belongs": (
        ("UPDATE excerpt SET start = 'abc'",), ("start", "where a whole number belongs")),
    "JSON garbage": (("UPDATE actor SET aliases = '{not json'",), ("aliases", "not a list of names")),
    "JSON 10,000 deep": (("UPDATE instrument SET terms = '[' || replace(hex(zeroblob(5000)), '00', '[')"
                          " || replace(hex(zeroblob(5000)), '00', ']') || ']'",),
                         ("terms", "not a list of names")),
    "JSON of the wrong shape": (("UPDATE brief SET actors = '{\"a\": 1}'",), ("actors", "not a list of names")),
    "an empty status": (("UPDATE cell SET status = ''",), ("status", "outside its scale")),
    "an unknown likelihood word": (("UPDATE cell SET likelihood = 'perhaps'",), ("likelihood", "outside its scale")),
    "a credibility of 99": (("UPDATE excerpt SET credibility = 99",), ("credibility", "outside its scale")),
    "a dangling actor": (("PRAGMA foreign_keys = OFF", "DELETE FROM actor WHERE id = (SELECT min(id) FROM actor)"),
                         ("actor_id", "does not exist")),
    "a dangling excerpt link": (("PRAGMA foreign_keys = OFF", "UPDATE cell_excerpt SET excerpt_id = 9999 + id"),
                                ("excerpt_id", "does not exist")),
    "offsets past the end of the text": (("UPDATE excerpt SET start = 10000000, \"end\" = 10000010",),
                                         ("outside its source's text",)),
    "a cell missing from the matrix": (("DELETE FROM cell WHERE id = (SELECT max(id) FROM cell)",),
                                       ("has no cell",)),
    "a missing search index structure record": (("DELETE FROM source_fts_data WHERE id = 10",),
                                                ("search index",)),
    "text where the evidence index wants a number": (
        ("INSERT INTO evidence_block (actor_id, instrument_id, block, entries) VALUES (1, 1, 'seven', x'00')",),
        ("evidence index",)),
    "a packed evidence block that cannot be read": (
        ("INSERT INTO evidence_block (actor_id, instrument_id, block, entries) VALUES (1, 1, 0, randomblob(64))",),
        ("evidence index", "cannot be read")),
    "sentence spans that cannot be read": (
        ("UPDATE sentence_span SET spans = x'5a5a' WHERE source_id = (SELECT min(source_id) FROM sentence_span)",),
        ("cannot be read",)),
    "a sentence span past the end of its text": (
        ("UPDATE sentence_span SET last_id = first_id, spans = x'480000ffff'"
         " WHERE source_id = (SELECT min(source_id) FROM sentence_span)",), ("a sentence lies outside",)),
    "two sources naming the same sentence ids": (
        ("UPDATE sentence_span SET first_id = first_id - 1, last_id = last_id - 1"
         " WHERE source_id = (SELECT max(source_id) FROM sentence_span)",), ("another source's sentences",)),
    "a search index of an unknown format": (("UPDATE sentence_fts_config SET v = 99",), ("search index",)),
    "random bytes in the search index": (("UPDATE source_fts_data SET block = randomblob(100) WHERE id > 100",),
                                         ("search index",)),
}


@pytest.fixture
def wrong_file(sample_path: Path, request) -> tuple[Path, tuple[str, ...]]:
    statements, words = WRONG[request.param]
    edit(sample_path, *statements)
    return sample_path, words


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("wrong_file", list(WRONG), indirect=True)
def test_every_command_works_and_check_names_the_wrong_value(wrong_file, tmp_path: Path, capsys):
    path, words = wrong_file
    before = sha256(path)
    code, out, err = run_cli(["check", str(path)], capsys)
    assert code == 1, out + err
    assert "internal error" not in err
    for w in words:
        assert w in out, out
    for args in (["sources", str(path)], ["matrix", str(path)], ["matrix", str(path), "--csv"],
                 ["matrix", str(path), "--json"], ["search", str(path), "troops"],
                 ["suggest", str(path), "United Nations", "Sanctions"],
                 ["export", str(path), "-o", str(tmp_path / "brief.pdf")]):
        code, out, err = run_cli(args, capsys)
        assert "internal error" not in err and "Traceback" not in err, (args, err)
        assert code in (0, 1), (args, code, err)
        # one line at most, besides the pre-export review's findings that export lists
        assert len([line for line in err.strip().splitlines() if not line.startswith("review: ")]) <= 1, err
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert sha256(path) == before  # reading never changed the file


@pytest.mark.parametrize("wrong_file", list(WRONG), indirect=True)
def test_repaired_copy_is_sound_and_says_what_changed(wrong_file, tmp_path: Path, capsys):
    path, _words = wrong_file
    before = sha256(path)
    out_path = tmp_path / "mended.pbw"
    code, out, err = run_cli(["repair", str(path), str(out_path)], capsys)
    assert code == 0, err
    assert "wrote" in out and len(out.splitlines()) >= 2, out  # at least one named repair
    assert sha256(path) == before
    code, out, err = run_cli(["check", str(out_path)], capsys)
    assert code == 0, out + err
    with Project.open(out_path) as project:
        assert not project.read_only and not project.damage


def test_repair_of_the_evidence_index_names_only_what_it_did(sample_path: Path, tmp_path: Path, capsys):
    statements, _words = WRONG["text where the evidence index wants a number"]
    edit(sample_path, *statements)
    code, out, err = run_cli(["repair", str(sample_path), str(tmp_path / "mended.pbw")], capsys)
    assert code == 0, err
    assert "emptied the evidence index" in out, out
    assert "full-text search index" not in out, out  # the search indexes were sound


def test_wrong_values_open_read_only_through_a_mended_copy(sample_path: Path):
    edit(sample_path, "UPDATE cell SET likelihood = CAST(x'fffe41' AS TEXT), status = ''")
    before = sha256(sample_path)
    with Project.open(sample_path) as project:
        assert project.read_only and "repaired copy" in project.read_only_reason
        assert any("not valid UTF-8" in line for line in project.damage)
        # Values reach the caller in the shape the store promises.
        for c in cells.all_cells(project):
            assert c.likelihood == "" and c.status in ("empty", "draft")
        assert frame.actors(project)
    assert sha256(sample_path) == before
    assert not sample_path.with_name(sample_path.name + ".lock").exists()


def test_undecodable_text_reads_as_replacement_characters(sample_path: Path):
    """Even a file this computer vouched for reads text that is not UTF-8 without raising."""
    with Project.open(sample_path) as project:
        cell_id = cells.all_cells(project)[0].id
        project.db.execute("UPDATE cell SET posture = CAST(x'41ff42' AS TEXT) WHERE id = ?", (cell_id,))
        assert cells.by_id(project, cell_id).posture == "A\ufffdB"


def test_a_nul_character_in_a_text_is_not_read_as_its_end(sample_path: Path, capsys):
    """SQLite's length() stops at a NUL; a text another program wrote may hold one mid-way (our
    importers drop them). Its sentences and cited passages after the NUL are inside the text."""
    from workbench.domain.models import ParsedDocument
    from workbench.store import excerpts, sources

    path = sample_path
    with Project.open(path) as project:
        text = "A stray\x00 byte came first. The United States imposed sanctions on the bank. A last line."
        source_id = sources.add(project, ParsedDocument(text=text, title="With a NUL", format="txt"))
        start = text.index("The United")
        cell_id = cells.all_cells(project)[0].id
        excerpts.cite(project, cell_id, source_id, start, start + len("The United States imposed sanctions"))
    code, out, err = run_cli(["check", str(path)], capsys)
    assert code == 0, out + err


def test_a_cited_passage_that_no_longer_matches_its_place_is_named(sample_path: Path, capsys):
    edit(sample_path, "UPDATE excerpt SET quote = 'words the source never held' WHERE id = (SELECT min(id) FROM excerpt)")
    code, out, err = run_cli(["check", str(sample_path)], capsys)
    assert code == 1 and "1 excerpt(s) no longer match their place in the source" in out, out + err


def test_sound_file_has_no_problems(sample_path: Path):
    with Project.open(sample_path) as project:
        assert validate.find(project.db, fts_writable=True) == []
        assert not project.damage and not project.read_only


def test_repair_refuses_to_write_over_the_project(sample_path: Path, tmp_path: Path):
    link = tmp_path / "link.pbw"
    link.symlink_to(sample_path)
    before = sha256(sample_path)
    for target in (sample_path, link):
        with pytest.raises(Exception, match="open project itself"):
            repair.save_repaired_copy(sample_path, target)
    assert sha256(sample_path) == before


def test_window_opens_a_file_with_invalid_utf8_read_only(make_window, sample_path: Path, messages):
    """The window used to abort (SIGABRT) on this file: the read raised inside the matrix."""
    edit(sample_path, "UPDATE cell SET likelihood = CAST(x'fffe41' AS TEXT)")
    before = sha256(sample_path)
    window = make_window(sample_path)
    assert window.session is not None and window.session.read_only
    assert window.banner.isVisible()
    assert window.banner.button.text() == "Save a repaired copy…"
    assert "likelihood" in window.banner.label.text()
    assert window.matrix_model.rowCount() > 0
    window.close()
    assert sha256(sample_path) == before


def test_window_saves_a_repaired_copy_and_opens_it(make_window, sample_path: Path, tmp_path: Path, qtbot,
                                                   monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    edit(sample_path, "UPDATE cell SET likelihood = CAST(x'fffe41' AS TEXT), status = ''",
         "UPDATE actor SET aliases = '{not json'")
    before = sha256(sample_path)
    window = make_window(sample_path)
    target = tmp_path / "mended copy.pbw"
    said: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def question(parent, title, text, *args, **kwargs):
        said.append(text)
        return QMessageBox.StandardButton.Open

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and window.session.project.path == target, timeout=20_000)
    assert not window.session.read_only and window.banner.isHidden()
    assert said and "likelihood" in said[0] and "aliases" in said[0]
    assert sha256(sample_path) == before
    with Project.open(target, read_only=True) as copy:
        assert not copy.damage
