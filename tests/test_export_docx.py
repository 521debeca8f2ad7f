"""Word briefs: real .docx files written from real projects and read back with python-docx."""

from __future__ import annotations

import contextlib
import os
import shutil
import re
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from brief_builders import WORKED, add_cell, flat, pdf_text, worked_project
from workbench.brief.export import ExportError, choose_brief, export_brief
from workbench.store import briefs, frame, sources
from workbench.store.project import Project


@pytest.fixture
def worked(tmp_path: Path):
    project = worked_project(tmp_path / "worked.pbw")
    yield project
    with contextlib.suppress(sqlite3.ProgrammingError):
        project.close()


def _text(document) -> list[str]:
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [cell.text for row in table.rows for cell in row.cells]
    return out


def test_marking_in_every_sections_header_and_footer(worked, tmp_path):
    # five instruments: the overview gets a landscape section of its own, so there are three
    for name in ("Cyber", "Information"):
        frame.add_instrument(worked, name)
    brief = replace(choose_brief(worked), marking="TLP:AMBER+STRICT")
    out = export_brief(worked, brief, tmp_path / "brief.docx").path
    document = docx.Document(str(out))
    assert len(document.sections) == 3
    for section in document.sections:
        assert section.header.paragraphs[0].text == "TLP:AMBER+STRICT"
        assert section.footer.paragraphs[0].text == "TLP:AMBER+STRICT"
        assert not section.header.is_linked_to_previous and not section.footer.is_linked_to_previous
    assert document.sections[1].page_width > document.sections[1].page_height  # the overview page


def test_same_content_and_order_as_the_pdf_with_citations_and_sources(worked, tmp_path):
    brief = choose_brief(worked)
    word = docx.Document(str(export_brief(worked, brief, tmp_path / "b.docx").path))
    pdf = flat(pdf_text(export_brief(worked, brief, tmp_path / "b.pdf").path))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "Worked brief")
    top = [t for s, t in headings if s == "Heading 1"]
    assert top == ["Bottom line up front", "Key judgments", "Matrix overview", "Judgments by actor", "Sources"]
    # the PDF prints the same headings in the same order
    positions = [pdf.index(t) for t in top]
    assert positions == sorted(positions)
    sections = [t for s, t in headings if s in ("Heading 2", "Heading 3")]
    assert [pdf.index(t.split(" ", 1)[1]) >= 0 for t in sections]
    body = "\n".join(_text(word))
    for actor, instrument, fields, quotes in WORKED:
        assert fields["posture"] in body
        for q in quotes:
            quote = next(p for p in word.paragraphs if q in p.text)
            assert quote.style.name == "Quote" and re.search(r"” \[\d+\]$", quote.text)
    listing = [p.text for p in word.paragraphs[[p.text for p in word.paragraphs].index("Sources"):]]
    entries = [t for t in listing if re.match(r"\[\d+\] ", t)]
    assert len(entries) == 2  # the worked cells cite two sources
    for n, entry in enumerate(entries, 1):
        assert entry.startswith(f"[{n}] ")
        assert "Reliability C (Fairly reliable)" in entry and "https://example.org/article/" in entry
    assert any(p.style.name == "List Number" for p in word.paragraphs)  # "1. North Korea is likely"
    assert any(t.style.name == "Table Grid" for t in word.tables)


def test_same_input_gives_the_same_bytes(worked, tmp_path):
    brief = choose_brief(worked)
    a = export_brief(worked, brief, tmp_path / "a.docx", record=False).path.read_bytes()
    b = export_brief(worked, brief, tmp_path / "b.docx", record=False).path.read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2024-11-25T00:00:00Z" in core


HOSTILE = {
    "lt": "a < b",
    "bolt": "M8 <b>bolt",
    "sp": "S&P",
    "nul_entity": "&#0;",
    "font": '<font color="[[[getattr(pow, Word(\'__globals__\'))]]]">x</font>',
    "unichar": '<unichar name="LATIN CAPITAL LETTER A"/>',
    "img": '<img src="/etc/hostname"/>',
    "win": r"C:\Windows\win.ini",
    "unc": r"\\host\share\x.png",
    "url": "http://127.0.0.1:9/x",
    "field": "{ INCLUDEPICTURE \"/etc/hostname\" } { HYPERLINK \"file:///etc/passwd\" }",
    "scripts": "Привет, мир · 안녕하세요 세계 · مرحبا · שלום · 😀",
}


def test_hostile_strings_come_out_literal(worked, tmp_path):
    posture = " | ".join(HOSTILE.values()) + " | NUL\x00here | bell\x07here"
    options = ("![alt](file:///etc/hostname)\n\n[click](javascript:alert(1)) [local](file:///etc/passwd) "
               "[web](https://example.org/a?b=1&c=2)\n\n<img src=\"/etc/hostname\">\n\n" + "[" * 50000)
    add_cell(worked, "Japan", "Diplomacy", {"posture": posture, "options": options}, [])
    frame.add_actor(worked, '<font color="[[[x]]]">Bad</font> & Co')
    brief = replace(choose_brief(worked), title="Brief <b>&amp; S&P</b>", marking="<b>SECRET</b> & Co")
    out = export_brief(worked, brief, tmp_path / "hostile.docx").path
    document = docx.Document(str(out))
    body = "\n".join(_text(document)).replace("\u200b", "")
    for key, value in HOSTILE.items():
        assert value in body, key
    assert "NULhere" in body and "bellhere" in body
    assert "[image: alt]" in body and "click" in body and "[" * 20000 in body  # a long word is cut with a note
    assert "<img src=\"/etc/hostname\">" in body
    assert '<font color="[[[x]]]">Bad</font> & Co' in body
    assert document.sections[0].header.paragraphs[0].text == "<b>SECRET</b> & Co"
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert not [n for n in names if n.startswith("word/media/")]  # no image at all
        xml = "".join(z.read(n).decode("utf-8") for n in names if n.endswith((".xml", ".rels")))
    # no field codes but our own page numbers in the footers (user text never becomes a field)
    assert set(re.findall(r'<w:fldSimple w:instr="([^"]*)"', xml)) == {"PAGE", "NUMPAGES"}
    assert xml.count("<w:fldSimple") == 2 * len(document.sections) and "w:instrText" not in xml
    targets = re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', xml)
    assert targets == ["https://example.org/a?b=1&amp;c=2"]  # the one web link; nothing else external


def test_export_picks_the_format_by_extension(worked, tmp_path):
    worked.close()
    path = worked.path
    for name, magic in (("brief.docx", b"PK\x03\x04"), ("brief.PDF", b"%PDF")):
        done = subprocess.run([sys.executable, "-m", "workbench", "export", str(path), "-o", str(tmp_path / name)],
                              capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).read_bytes()[:4] == magic
    done = subprocess.run([sys.executable, "-m", "workbench", "export", str(path), "-o", str(tmp_path / "b.txt")],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 2 and ".pdf or .docx" in done.stderr
    with Project.open(path) as project:
        with pytest.raises(ExportError, match=r"\.pdf or \.docx"):
            export_brief(project, choose_brief(project), tmp_path / "brief.odt")


@pytest.mark.parametrize("name", ["brief.pdf", "brief.docx"])
def test_exported_files_get_the_users_usual_permissions(worked, tmp_path, name):
    old = os.umask(0o022)
    try:
        out = export_brief(worked, choose_brief(worked), tmp_path / name).path
        assert out.stat().st_mode & 0o777 == 0o644
        os.umask(0o027)
        out = export_brief(worked, choose_brief(worked), tmp_path / name).path
        assert out.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


_HUGE = """
import sys
from workbench.store.project import Project
from workbench.brief.export import choose_brief, export_brief
with Project.open(sys.argv[1]) as project:
    export_brief(project, choose_brief(project), sys.argv[2], record=False)
print("done")
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", ["huge.pdf", "huge.docx"])
def test_a_ten_megabyte_word_without_spaces_exports(tmp_path, name):
    path = tmp_path / "huge.pbw"
    with worked_project(path) as project:
        add_cell(project, "Japan", "Diplomacy", {"posture": "x" * 10_000_000, "options": "y" * 10_000_000}, [])
    # Generous: it takes a few seconds; laying out all of it took over a minute (thousands of pages).
    done = subprocess.run([sys.executable, "-c", _HUGE, str(path), str(tmp_path / name)],
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / name).stat().st_size > 0
    if name.endswith(".pdf"):
        assert "more characters without a space are in the project" in flat(pdf_text(tmp_path / name))


def test_briefs_and_sources_are_untouched_by_a_word_export(worked, tmp_path):
    before = (briefs.list_all(worked), sources.list_all(worked))
    export_brief(worked, choose_brief(worked), tmp_path / "b.docx")
    assert (briefs.list_all(worked), sources.list_all(worked)) == before


def test_a_judgment_is_kept_with_its_first_quote_in_word(worked, tmp_path):
    document = docx.Document(str(export_brief(worked, choose_brief(worked), tmp_path / "k.docx").path))
    paras = document.paragraphs
    checked = 0
    for k, p in enumerate(paras):
        if p.style.name != "Heading 3":
            continue
        first_quote = next(j for j in range(k + 1, len(paras)) if paras[j].style.name == "Quote")
        for p2 in paras[k + 1:first_quote + 1]:  # facts, posture, options, labels, the quote itself
            assert p2.paragraph_format.keep_with_next, (p.text, p2.text)
        checked += 1
    assert checked == 4
    header = document.sections[0].header.paragraphs[0].runs[0]
    assert header.font.highlight_color is not None and str(header.font.color.rgb) == "FFC000"  # amber on black


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_sample_brief_reads_right_in_libreoffice(sample_path: Path, tmp_path: Path):
    """The Word file as LibreOffice lays it out: converted to PDF by soffice and read back."""
    from workbench.brief.compose import compose

    out = tmp_path / "sample.docx"
    done = subprocess.run([sys.executable, "-m", "workbench", "export", str(sample_path), "-o", str(out),
                           "--no-record"], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    profile = (tmp_path / "office-profile").as_uri()  # its own profile: runs never share one
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=240, check=True)
    pdf = tmp_path / "sample.pdf"
    pages = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
             for n in range(1, int(re.search(r"Pages:\s+(\d+)", subprocess.run(
                 ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1)) + 1)]
    assert len(pages) >= 4
    for n, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == "TLP:AMBER" and "TLP:AMBER" in lines[-2:], (n, lines[:2], lines[-2:])  # top and bottom
        assert f"Page {n} of {len(pages)}" in lines[-1], lines[-1]
        if "→" in page:  # a page of the overview table starts with its header row
            assert re.search(r"Diplomacy\s+Sanctions\s+Military aid", page), n
    text = flat("\n".join(pages))
    headings = ["Bottom line up front", "Key judgments", "Recommendation", "Matrix overview", "Judgments by actor",
                "1 United States", "1.1 Sanctions", "Sources", "How to read this brief."]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    with Project.open(sample_path, read_only=True) as project:
        content = compose(project, choose_brief(project))
    quotes = [q for g in content.groups for v in g.cells for q in v.quotes]
    assert len(quotes) >= 10
    for q in quotes:
        assert flat(f"“{q.text}” [{q.label}]") in text, q.text
    for s in content.sources:
        assert f"[{s.number}] {flat(s.title)}" in text, s.title
