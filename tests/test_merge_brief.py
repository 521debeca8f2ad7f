"""A brief can print a disagreement with a colleague's copy as an "Analysts differ" note."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from test_merge import edit, merge_into, send
from workbench.cli import main


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    import docx

    return " ".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_analysts_differ_note_in_pdf_and_word_only_when_asked(sample_path: Path, tmp_path: Path, capsys):
    folder = tmp_path / "colleague"
    folder.mkdir()
    theirs = send(sample_path, folder / "theirs.pbw")
    edit(sample_path, "alice", "Russia", "Military aid", likelihood="very likely", status="final")
    edit(theirs, "bob", "Russia", "Military aid", likelihood="roughly even chance")
    edit(theirs, "bob", "Russia", "Military aid", posture="Ammunition <b>& shells</b> from Pyongyang")
    edit(sample_path, "alice", "Russia", "Military aid", posture="Shells from Pyongyang")
    assert len(merge_into(sample_path, theirs).disputes) == 2
    for ending, read in ((".pdf", _pdf_text), (".docx", _docx_text)):
        plain = tmp_path / f"plain{ending}"
        noted = tmp_path / f"noted{ending}"
        assert main(["export", str(sample_path), "-o", str(plain), "--no-record"]) == 0
        assert main(["export", str(sample_path), "-o", str(noted), "--no-record", "--analysts-differ"]) == 0
        capsys.readouterr()
        without, with_note = read(plain), read(noted)
        assert "ANALYSTS DIFFER" not in without and "bob judged" not in without
        assert "ANALYSTS DIFFER" in with_note
        assert "likelihood: “very likely” here; bob judged “roughly even chance”" in with_note
        assert "Ammunition <b>& shells</b> from Pyongyang" in with_note  # a colleague's text, literally
