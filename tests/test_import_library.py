"""Zotero and library-catalogue exports (CSL-JSON, RIS, BibTeX) become sources with metadata.

Attachments are read when the export points to a file inside its own folder, as Zotero's
"Export with files" writes them; anything else is never opened.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.pdfgen import canvas

from workbench.ingest.importer import import_paths
from workbench.ingest.library import ABSTRACT_NOTE, BARE_NOTE
from workbench.store import search, sources


def attachment_pdf(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = canvas.Canvas(str(path))
    doc.drawString(72, 720, text)
    doc.save()
    return path


def by_title(project) -> dict[str, object]:
    return {s.title: sources.get(project, s.id) for s in sources.list_all(project)}


def test_csl_json_records_become_sources(tmp_path: Path, empty_project) -> None:
    export = tmp_path / "zotero.json"
    export.write_text(json.dumps([
        {"id": "a", "type": "article-journal", "title": "Sanctions after Kursk",
         "author": [{"family": "Doe", "given": "Jane"}, {"literal": "World Wire Desk"}],
         "container-title": "Foreign Affairs", "issued": {"date-parts": [[2024, 11, 21]]},
         "DOI": "10.1234/fa.2024.11", "abstract": "The article weighs secondary sanctions on Pyongyang."},
        {"id": "b", "type": "webpage", "title": "UN session notes", "URL": "https://example.org/un",
         "issued": {"date-parts": [["2024", "10"]]}},
    ]), encoding="utf-8")
    report = import_paths(empty_project, [export])
    assert len(report.added) == 2 and report.failed == []
    got = by_title(empty_project)
    first = got["Sanctions after Kursk"]
    assert (first.author, first.outlet, first.published) == ("Jane Doe, World Wire Desk", "Foreign Affairs",
                                                             "2024-11-21")
    assert first.url == "https://doi.org/10.1234/fa.2024.11"
    assert first.text == "The article weighs secondary sanctions on Pyongyang."
    assert first.note == ABSTRACT_NOTE and first.format == "record"
    second = got["UN session notes"]
    assert (second.published, second.url, second.note) == ("2024-10", "https://example.org/un", BARE_NOTE)


def test_ris_with_an_attached_pdf_takes_its_text(tmp_path: Path, empty_project) -> None:
    attachment_pdf(tmp_path / "files" / "12" / "report.pdf", "Troops crossed the border near Kursk on Monday.")
    (tmp_path / "library.ris").write_text(
        "TY  - RPRT\nTI  - Kursk situation report\nAU  - Doe, Jane\nAU  - Roe, John\n"
        "T2  - Institute for Security Studies\nPY  - 2024/11/02/\nUR  - https://example.org/report\n"
        "L1  - files/12/report.pdf\nAB  - Short abstract.\nER  - \n"
        "TY  - JOUR\nTI  - Record pointing outside\nL1  - ../../etc/passwd\nAB  - Only the abstract.\nER  - \n",
        encoding="utf-8")
    report = import_paths(empty_project, [tmp_path / "library.ris"])
    assert len(report.added) == 2
    got = by_title(empty_project)
    paper = got["Kursk situation report"]
    assert paper.text == "Troops crossed the border near Kursk on Monday."
    assert paper.format == "pdf"
    assert (paper.author, paper.outlet, paper.published, paper.url) == (
        "Jane Doe, John Roe", "Institute for Security Studies", "2024-11-02", "https://example.org/report")
    outside = got["Record pointing outside"]
    assert outside.text == "Only the abstract."
    assert outside.note.startswith(ABSTRACT_NOTE) and "was not read" in outside.note
    assert [h.source_id for h in search.search(empty_project, "border Kursk").hits] == [paper.id]


def test_bibtex_with_zotero_file_field_and_latex(tmp_path: Path, empty_project) -> None:
    attachment_pdf(tmp_path / "files" / "7" / "paper.pdf", "Pyongyang denied sending any troops to Russia.")
    (tmp_path / "refs.bib").write_text(r"""
@article{doe2024,
  title = {The {\"U}bergang: {North Korean} Troops in Russia},
  author = {M{\"u}ller, Anna and Roe, John},
  journal = {Journal of Strategic Studies},
  year = {2024}, month = nov,
  doi = {10.5555/jss.2024.7},
  file = {Full Text PDF:files/7/paper.pdf:application/pdf}
}
@techreport{un2024,
  title = {Emergency session brief},
  institution = {United Nations},
  year = 2024,
  abstract = {The Council met in an emergency session.}
}
""", encoding="utf-8")
    report = import_paths(empty_project, [tmp_path / "refs.bib"])
    assert len(report.added) == 2, report.failed
    got = by_title(empty_project)
    paper = got["The Übergang: North Korean Troops in Russia"]
    assert paper.text == "Pyongyang denied sending any troops to Russia."
    assert (paper.author, paper.outlet, paper.published) == ("Anna Müller, John Roe",
                                                             "Journal of Strategic Studies", "2024-11")
    assert paper.url == "https://doi.org/10.5555/jss.2024.7"
    brief = got["Emergency session brief"]
    assert (brief.outlet, brief.published, brief.text) == ("United Nations", "2024",
                                                           "The Council met in an emergency session.")


def test_broken_exports_are_reported_in_plain_words(tmp_path: Path, empty_project) -> None:
    (tmp_path / "a.json").write_text('{"not": "a list"}', encoding="utf-8")
    (tmp_path / "b.ris").write_text("just some words", encoding="utf-8")
    (tmp_path / "c.bib").write_text("no entries here", encoding="utf-8")
    (tmp_path / "d.json").write_text("[" * 100_000, encoding="utf-8")
    report = import_paths(empty_project, [tmp_path / n for n in ("a.json", "b.ris", "c.bib", "d.json")])
    failed = {p.name: message for p, message in report.failed}
    assert failed == {
        "a.json": "a.json is not a CSL-JSON file (expected a list of records)",
        "b.ris": "b.ris is not an RIS file (no TY record start)",
        "c.bib": "c.bib is not a BibTeX file (no @entries found)",
        "d.json": failed["d.json"],
    }
    assert failed["d.json"].startswith("d.json ")
    assert report.added == []


def test_json_files_inside_folders_are_not_read_and_a_notice_says_so(tmp_path: Path, empty_project) -> None:
    (tmp_path / "settings.json").write_text('[{"title": "not a record", "type": "setting"}]', encoding="utf-8")
    (tmp_path / "note.txt").write_text("Troops moved near Kursk.", encoding="utf-8")
    report = import_paths(empty_project, [tmp_path])
    assert len(report.added) == 1 and report.failed == []
    assert report.notices == ["JSON files inside folders are not read (settings.json); "
                              "import a CSL-JSON export on its own"]
