"""Importing files of every kind through `import_paths` (HAZARDS 20-23), on real files.

Each test writes real files (PDFs made with reportlab and pypdf), imports them into a real
project and reads the stored sources back.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from workbench.ingest.importer import import_paths
from workbench.store import search, sentences, sources
from workbench.store.check import check
from workbench.store.project import Project

ARTICLE = ("The Security Council met in an emergency session on Friday. "
           "Diplomats from Seoul and Tokyo called for new sanctions on Pyongyang.")


def make_pdf(path: Path, pages: list[str], *, title: str = "", password: str = "") -> Path:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if title:
        c.setTitle(title)
    for text in pages:
        y = 780
        for line in text.split(". "):
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    if password:
        # AES-256 with qpdf (installed by .ci/setup), as real "protected" reports are.
        plain = path.with_name(path.stem + ".plain.tmp")
        path.replace(plain)
        subprocess.run(["qpdf", "--encrypt", password, password + "-owner", "256", "--", str(plain), str(path)],
                       check=True, capture_output=True)
        plain.unlink()
    return path


def make_image_only_pdf(path: Path) -> Path:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.rect(100, 100, 300, 300, fill=1)  # a "scan": shapes, no text layer
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def texts(project: Project) -> dict[str, str]:
    return {s.filename: sources.get(project, s.id).text for s in sources.list_all(project)}


# -- each format ---------------------------------------------------------------------------

def test_each_format_imports_readable_text(empty_project: Project, tmp_path: Path):
    (tmp_path / "plain.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text(
        "---\ntitle: Front matter title\n---\n# Heading\n\nSome **bold** text about *sanctions* "
        "and [a link](https://example.org).\n", encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(
        "Caf\u00e9 owners in Kyiv said \u201cthe price of bread\u201d rose 20 \u20ac \u2013 "
        "a na\u00efve estimate.\n".encode("cp1252"))
    (tmp_path / "wide.txt").write_bytes(
        "\ufeffUTF-16 report: \uc11c\uc6b8 (Seoul) and \u041c\u043e\u0441\u043a\u0432\u0430 "
        "(Moscow) held talks.\n".encode("utf-16-le"))
    (tmp_path / "page.html").write_text(
        "<!doctype html><html><head><title>Page title</title><style>body{color:red}</style>"
        "<script>document.write('INJECTED SCRIPT TEXT'); fetch('http://127.0.0.1:9/x')</script>"
        "</head><body><nav>Home | About | Login</nav><article><h1>Summit ends</h1>"
        "<p>The summit ended with a joint statement on North Korean troops.</p>"
        "<img src='http://127.0.0.1:9/pixel.png'></article>"
        "<footer>Copyright footer</footer></body></html>", encoding="utf-8")
    (tmp_path / "page.htm").write_bytes(
        b"<html><head><meta charset='windows-1252'></head><body><p>Na\xefve caf\xe9 talks.</p></body></html>")
    make_pdf(tmp_path / "report.pdf", [ARTICLE, "Page two mentions Brussels and the EU."],
             title="PDF report title")

    seen: list[tuple[int, int, str]] = []
    report = import_paths(empty_project, [tmp_path], lambda d, t, n: seen.append((d, t, n)))
    assert report.failed == [] and report.duplicates == [] and len(report.added) == 7
    got = texts(empty_project)
    assert "emergency session" in got["plain.txt"]
    assert "Some **bold** text about *sanctions*" in got["notes.md"]  # Markdown is kept as written
    assert "Café owners in Kyiv said “the price of bread” rose 20 € – a naïve estimate." in got["legacy.txt"]
    assert "서울 (Seoul) and Москва (Moscow)" in got["wide.txt"] and "\ufeff" not in got["wide.txt"]
    html = got["page.html"]
    assert "joint statement on North Korean troops" in html
    assert "INJECTED" not in html and "color:red" not in html and "fetch(" not in html
    assert "Naïve café talks." in got["page.htm"]
    pdf = got["report.pdf"]
    assert "emergency session" in pdf and "Brussels" in pdf
    by_file = {s.filename: s for s in sources.list_all(empty_project)}
    assert by_file["report.pdf"].title == "PDF report title"
    assert by_file["report.pdf"].format == "pdf" and by_file["page.html"].format == "html"
    assert by_file["page.html"].title in ("Page title", "Summit ends")
    assert by_file["notes.md"].title == "Front matter title"
    for s in by_file.values():
        assert hashlib.sha256(got[s.filename].encode()).hexdigest() == s.sha256
    # Progress: one call per file, then the final (total, total).
    assert [d for d, _, _ in seen] == list(range(7)) + [7]
    assert {t for _, t, _ in seen} == {7}
    assert seen[-1] == (7, 7, "")
    assert {n for _, _, n in seen[:-1]} == set(by_file)
    assert search.search(empty_project, '"emergency session"').hits
    assert check(empty_project).ok


def test_bad_files_are_reported_and_the_batch_goes_on(empty_project: Project, tmp_path: Path):
    make_pdf(tmp_path / "a_locked.pdf", [ARTICLE], password="s3cret")
    (tmp_path / "b_broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R")
    (tmp_path / "c_fake.pdf").write_text("this is a text file named like a PDF")
    make_image_only_pdf(tmp_path / "d_scan.pdf")
    (tmp_path / "e_empty.txt").write_bytes(b"")
    (tmp_path / "f_spaces.md").write_text("   \n\n\t\n")
    truncated = make_pdf(tmp_path / "g_truncated.pdf", [ARTICLE] * 3)
    truncated.write_bytes(truncated.read_bytes()[:400])
    (tmp_path / "h_good.txt").write_text(ARTICLE)
    (tmp_path / "i_good.md").write_text("# Another\n\nTroops crossed the border near Kursk.\n")
    (tmp_path / "j_broken.docx").write_bytes(b"PK\x03\x04 not really a Word file")

    report = import_paths(empty_project, [tmp_path])
    failed = {p.name: msg for p, msg in report.failed}
    assert set(failed) == {"a_locked.pdf", "b_broken.pdf", "c_fake.pdf", "d_scan.pdf",
                           "e_empty.txt", "f_spaces.md", "g_truncated.pdf", "j_broken.docx"}
    for name, msg in failed.items():
        assert name in msg and "\n" not in msg and "Traceback" not in msg
    assert "password" in failed["a_locked.pdf"].lower() or "encrypt" in failed["a_locked.pdf"].lower()
    assert len(report.added) == 2
    assert sorted(texts(empty_project)) == ["h_good.txt", "i_good.md"]
    assert check(empty_project).ok


def test_explicit_missing_and_unsupported_paths_are_reported(empty_project: Project, tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    other = tmp_path / "slides.pptx"
    other.write_bytes(b"PK")
    report = import_paths(empty_project, [tmp_path / "missing.txt", other, good])
    assert len(report.added) == 1
    assert {p.name for p, _ in report.failed} == {"missing.txt", "slides.pptx"}


def test_duplicates_are_recognised_by_their_text(empty_project: Project, tmp_path: Path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "same text other name.txt").write_text(ARTICLE, encoding="utf-8")
    first = import_paths(empty_project, [tmp_path / "one.txt"])
    assert len(first.added) == 1
    again = import_paths(empty_project, [tmp_path])
    assert again.added == []
    assert sorted(p.name for p in again.duplicates) == ["one.txt", "same text other name.txt"]
    assert sources.count(empty_project) == 1
    # Duplicates within one batch, too.
    (tmp_path / "new.txt").write_text("A different article entirely.", encoding="utf-8")
    (tmp_path / "new copy.txt").write_text("A different article entirely.", encoding="utf-8")
    third = import_paths(empty_project, [tmp_path / "new.txt", tmp_path / "new copy.txt"])
    assert len(third.added) == 1 and len(third.duplicates) == 1
    assert "already in the project" in third.summary()


def test_cancel_keeps_what_was_imported(empty_project: Project, tmp_path: Path):
    for i in range(10):
        (tmp_path / f"doc{i:02}.txt").write_text(f"Document number {i}. " + ARTICLE)
    calls: list[int] = []

    def progress(done: int, total: int, name: str) -> bool:
        calls.append(done)
        return done < 4

    report = import_paths(empty_project, [tmp_path], progress)
    assert report.cancelled and "cancelled" in report.summary()
    assert len(report.added) == 4
    assert sources.count(empty_project) == 4
    assert calls == [0, 1, 2, 3, 4]  # no final call after a cancel
    assert check(empty_project).ok
    # The rest come in on the next run.
    rest = import_paths(empty_project, [tmp_path])
    assert len(rest.added) == 6 and len(rest.duplicates) == 4


def test_import_into_a_read_only_project_changes_nothing(sample_path: Path, tmp_path: Path):
    (tmp_path / "new.txt").write_text(ARTICLE)
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    with Project.open(sample_path, read_only=True) as project:
        with pytest.raises(Exception) as info:
            import_paths(project, [tmp_path / "new.txt"])
        assert "read-only" in str(info.value)
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before


def test_sentences_are_made_for_every_import(empty_project: Project, tmp_path: Path):
    (tmp_path / "a.txt").write_text("First sentence here. Second one follows! A third? Yes.")
    report = import_paths(empty_project, [tmp_path / "a.txt"])
    (source_id,) = report.added
    text = sources.get(empty_project, source_id).text
    rows = [(s, e) for _i, s, e in sentences.spans_of(empty_project.db, source_id)]
    assert [text[s:e] for s, e in rows] == ["First sentence here.", "Second one follows!", "A third?", "Yes."]
