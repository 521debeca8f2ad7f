"""Export real PDFs of real project files and read them back (pdftotext, qpdf, pdffonts, pypdf)."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from brief_builders import WORKED, add_cell, flat, page_texts, pdf_text, worked_project
from workbench.brief.export import ExportCancelled, ExportError, choose_brief, export_pdf
from workbench.store import briefs, excerpts, frame, sources
from workbench.store.project import Project


@pytest.fixture
def worked(tmp_path: Path):
    project = worked_project(tmp_path / "worked.pbw")
    yield project
    with contextlib.suppress(sqlite3.ProgrammingError):  # some tests close it themselves
        project.close()


def _export(project: Project, path: Path, **changes) -> Path:
    brief = replace(choose_brief(project), **changes)
    return export_pdf(project, brief, path)


def test_text_in_reading_order_has_cover_cells_and_quotes_with_sources(worked, tmp_path):
    pdf = _export(worked, tmp_path / "brief.pdf")
    text = flat(pdf_text(pdf))
    cover = ["Worked brief", "Test Unit", "25 November 2024", "Bottom line up front", "The bottom line.",
             "Key judgments", "North Korea is likely to stay."]
    positions = [text.index(s) for s in cover]
    assert positions == sorted(positions)
    assert text.index("Matrix overview") > positions[-1]
    for actor, instrument, fields, quotes in WORKED:
        section = text.index(f"{instrument}", text.index(actor, text.index("Judgments by actor")))
        assert fields["posture"] in text[section:]
        for q in quotes:
            assert f"“{q}”" in text, q
    # each quote names its source after it, and the source list has outlet, date, URL and grade
    cited = {e.source_id for c in worked.db.execute("SELECT id FROM cell").fetchall()
             for e in excerpts.for_cell(worked, c[0])}
    listing = text[text.rindex("Sources"):]
    for sid in cited:
        s = sources.get(worked, sid, with_text=False)
        assert flat(s.title) in text[text.index("Judgments by actor"):text.rindex("Sources")]
        assert flat(s.title) in listing and s.outlet in listing and s.url in listing
    assert "Reliability C (Fairly reliable)" in listing


def test_marking_on_every_page_top_and_bottom_and_page_x_of_y(worked, tmp_path):
    # enough text for several pages
    add_cell(worked, "Japan", "Diplomacy", {"options": "\n\n".join(["A paragraph of options text. " * 30] * 30)}, [])
    pdf = _export(worked, tmp_path / "brief.pdf", marking="TLP:RED")
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
        assert lines[0] == "TLP:RED" and lines[-1] == "TLP:RED", (n, lines[:2], lines[-2:])
        assert f"Page {n} of {len(pages)}" in flat(page)


def test_free_classification_line_prints_as_given(worked, tmp_path):
    pdf = _export(worked, tmp_path / "brief.pdf", marking="RESTRICTED – internal use only")
    for page in page_texts(pdf):
        assert page.count("RESTRICTED – internal use only") >= 2


def test_qpdf_check_fonts_embedded_outline_and_metadata(worked, tmp_path):
    pdf = _export(worked, tmp_path / "brief.pdf")
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[-5] == "yes" and r[-4] == "yes" for r in rows), fonts  # emb, sub
    reader = PdfReader(pdf)
    meta = reader.metadata
    assert meta.title == "Worked brief" and meta.author == "Test Unit" and meta.subject
    assert meta["/CreationDate"].startswith("D:20241125")
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for expected in ("Worked brief", "Bottom line up front", "Key judgments", "Matrix overview",
                     "Judgments by actor", "1 United States", "1.1 Sanctions", "Sources"):
        assert expected in titles, titles
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    internal = [a for a in links if "/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo")]
    assert internal, "citations and overview cells link inside the document"


def test_same_project_and_brief_give_identical_bytes_across_processes(worked, tmp_path):
    first = _export(worked, tmp_path / "a.pdf")
    worked.close()
    code = ("import sys; from workbench.store.project import Project;"
            "from workbench.brief.export import choose_brief, export_pdf;"
            "p = Project.open(sys.argv[1], read_only=True); export_pdf(p, choose_brief(p), sys.argv[2])")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "worked.pbw"), str(tmp_path / "b.pdf")],
                   check=True)
    assert first.read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_grouped_by_instrument_and_selected_actors(worked, tmp_path):
    china = frame.find_actor(worked, "China")
    pdf = _export(worked, tmp_path / "brief.pdf", group_by="instrument", actors=[china.uuid])
    text = flat(pdf_text(pdf))
    assert "Judgments by instrument" in text and "1 Diplomacy 1.1 China" in text
    assert "Widen sanctions" not in text  # United States was not selected
    assert "Beijing walks a fine line" in text


def test_without_evidence_keeps_the_source_list(worked, tmp_path):
    pdf = _export(worked, tmp_path / "brief.pdf", include_evidence=False)
    text = flat(pdf_text(pdf))
    assert "intensify sanctions on both North Korea and Russia" not in text
    assert "Reliability C" in text
    no_sources = flat(pdf_text(_export(worked, tmp_path / "b.pdf", include_sources=False)))
    assert "Reliability C" not in no_sources and "“intensify sanctions" in no_sources


def test_wide_matrix_overview_gets_a_landscape_page(worked, tmp_path):
    for name in ("Economic aid", "Information", "Humanitarian"):
        frame.add_instrument(worked, name, [])
    pdf = _export(worked, tmp_path / "brief.pdf")
    reader = PdfReader(pdf)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
    assert landscape and "Matrix overview" in reader.pages[landscape[0]].extract_text()
    assert sizes[-1] == (595, 842)


def test_megabyte_cell_and_five_thousand_character_word_still_export(worked, tmp_path):
    word = "x" * 4999 + "y"
    big = ("Paragraph " + "lorem ipsum dolor sit amet " * 40 + "\n\n") * 950
    assert len(big) > 1_000_000
    add_cell(worked, "Russia", "Sanctions", {"posture": word, "options": big}, [])
    pdf = _export(worked, tmp_path / "brief.pdf")
    text = pdf_text(pdf)
    section = text[text.index("POSTURE", text.index("Russia", text.index("Judgments by actor"))):]
    letters = "".join(section.split())
    assert letters.count("x") >= 4999 and "y" in letters  # the word wraps; its letters all print
    assert len(PdfReader(pdf).pages) > 100


def test_cancel_and_failure_leave_no_partial_file_and_keep_the_old_one(worked, tmp_path):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous export")
    calls = []

    def cancel_soon(done, total, text):
        calls.append(done)
        return len(calls) < 3

    with pytest.raises(ExportCancelled):
        export_pdf(worked, choose_brief(worked), target, cancel_soon)
    assert target.read_bytes() == b"previous export" and len(calls) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    with pytest.raises(ExportError):
        export_pdf(worked, choose_brief(worked), tmp_path / "missing" / "brief.pdf")
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o500)
    try:
        if not (tmp_path / "ro").stat().st_mode & 0o200 and not _can_write(tmp_path / "ro"):
            with pytest.raises(ExportError):
                export_pdf(worked, choose_brief(worked), tmp_path / "ro" / "brief.pdf")
            assert list((tmp_path / "ro").iterdir()) == []
    finally:
        (tmp_path / "ro").chmod(0o700)
    assert not [p for p in tmp_path.rglob("*.part")]


def _can_write(folder: Path) -> bool:
    try:
        (folder / "probe").write_bytes(b"")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


def test_cli_export_uses_the_saved_brief_and_overrides_the_marking(worked, tmp_path):
    briefs.save(worked, replace(choose_brief(worked), id=None, name="Zweite", title="Second brief"))
    worked.close()
    out = tmp_path / "cli.pdf"
    run = subprocess.run([sys.executable, "-m", "workbench", "export", str(tmp_path / "worked.pbw"),
                          "-o", str(out), "--brief", "zweite", "--marking", "tlp:green"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = pdf_text(out)
    assert "Second brief" in text and text.count("TLP:GREEN") >= 2
    bad = subprocess.run([sys.executable, "-m", "workbench", "export", str(tmp_path / "worked.pbw"),
                          "-o", str(tmp_path / "x.pdf"), "--brief", "nope"], capture_output=True, text=True)
    assert bad.returncode == 1 and "No brief is called" in bad.stderr and "Traceback" not in bad.stderr
    usage = subprocess.run([sys.executable, "-m", "workbench", "export", str(tmp_path / "worked.pbw"),
                            "-o", str(tmp_path / "x.doc")], capture_output=True, text=True)
    assert usage.returncode == 2


def test_project_without_briefs_exports_the_whole_matrix(empty_project, tmp_path):
    frame.add_actor(empty_project, "Кремль", [])
    pdf = export_pdf(empty_project, choose_brief(empty_project), tmp_path / "m.pdf")
    text = flat(pdf_text(pdf))
    assert "Policy-option matrix" in text and "Кремль" in text
    assert "No cell of this brief holds a judgment yet." in text
