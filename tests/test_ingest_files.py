"""Choosing files to import, and reading plain text and Markdown files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.ingest import IngestError, collect_paths, read_document


def touch(path: Path, text: str = "Some text.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_walked_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    root = tmp_path / "pile"
    touch(root / "b.txt")
    touch(root / "A.md")
    touch(root / "sheet.xlsx")  # unsupported inside a folder: reported
    touch(root / ".hidden.txt")
    touch(root / ".git" / "config.txt")
    touch(root / "sub" / "deeper" / "page.HTML")
    touch(root / "sub" / "c.pdf")
    touch(root / "sub" / "z.markdown")
    files, skipped = collect_paths([root])
    names = [p.relative_to(root).as_posix() for p in files]
    assert names == ["A.md", "b.txt", "sub/c.pdf", "sub/deeper/page.HTML", "sub/z.markdown"]
    assert [(p.name, reason.split(";")[0]) for p, reason in skipped] == [
        ("sheet.xlsx", "sheet.xlsx is not a supported file type (.xlsx)")]


def test_explicit_paths_report_missing_and_unsupported(tmp_path: Path) -> None:
    good = touch(tmp_path / "good.txt")
    odd = touch(tmp_path / "sheet.xlsx")
    missing = tmp_path / "gone.txt"
    files, skipped = collect_paths([good, odd, missing, good])
    assert files == [good]  # each file once
    assert skipped == [
        (odd, "sheet.xlsx is not a supported file type (.xlsx); import .txt, .md, .html, .pdf, "
              ".docx, .odt files or CSL-JSON, RIS, BibTeX exports"),
        (missing, "gone.txt was not found"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    touch(root / "one.txt")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "z-link.txt").symlink_to(root / "one.txt")
    files, skipped = collect_paths([root])
    assert [p.name for p in files] == ["one.txt"]  # the link to it is the same file, once
    assert skipped == [(root / "loop", "loop is a link to a folder; it was not followed")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_folder_links_never_lead_out_of_the_folder(tmp_path: Path) -> None:
    secret = touch(tmp_path / "private" / "secret.txt", "The vault code is 4711.")
    root = tmp_path / "pile"
    touch(root / "a.txt", "A real note.")
    (root / "notes.txt").symlink_to(secret)
    (root / "zero.txt").symlink_to("/dev/zero")
    (root / "sys.txt").symlink_to("/proc/self/environ")
    os.mkfifo(root / "pipe.txt")
    files, skipped = collect_paths([root])
    assert files == [root / "a.txt"]
    reasons = dict((p.name, reason) for p, reason in skipped)
    assert reasons["notes.txt"] == "notes.txt is a link to something outside the folder; it was not followed"
    assert set(reasons) == {"notes.txt", "zero.txt", "sys.txt", "pipe.txt"}
    assert reasons["pipe.txt"] == "pipe.txt is not a regular file"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_named_explicitly_is_followed_and_said(tmp_path: Path) -> None:
    target = touch(tmp_path / "elsewhere" / "report.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    notices: list[str] = []
    files, skipped = collect_paths([link], notices)
    assert files == [link] and skipped == []
    assert notices == ["link.txt is a symbolic link; it was followed to report.txt"]


def test_plain_text_document(tmp_path: Path) -> None:
    path = touch(tmp_path / "note.txt", "Quarterly Security Outlook\n\nBody text here.\r\n")
    doc = read_document(path)
    assert (doc.format, doc.filename, doc.title) == ("txt", "note.txt", "Quarterly Security Outlook")
    assert doc.text == "Quarterly Security Outlook\n\nBody text here.\n"


def test_title_falls_back_to_stem(tmp_path: Path) -> None:
    path = touch(tmp_path / "field notes.txt", "a short lowercase start. Then more text follows here.")
    assert read_document(path).title == "field notes"


def test_markdown_kept_as_written_with_heading_title(tmp_path: Path) -> None:
    text = "```\n# not a heading\n```\n\nIntro.\n\n# The *Real* Title #\n\n- item one\n"
    path = touch(tmp_path / "doc.md", text)
    doc = read_document(path)
    assert doc.format == "md"
    assert doc.text == text
    assert doc.title == "The Real Title"


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: \"Options Paper\"\nauthor: Jane Doe\ndate: 2024-11-21\n---\n\n# Other\n"
    doc = read_document(touch(tmp_path / "paper.markdown", text))
    assert (doc.title, doc.author, doc.published) == ("Options Paper", "Jane Doe", "2024-11-21")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n", b"\x00\x00\x00"])
def test_empty_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert str(caught.value) in ("blank.txt is empty", "blank.txt has no text to import")


def test_unsupported_missing_and_folder(tmp_path: Path) -> None:
    cases = {
        touch(tmp_path / "data.csv"): "data.csv is not a supported file type (.csv); "
                                      "import .txt, .md, .html, .pdf, .docx, .odt files or "
                                      "CSL-JSON, RIS, BibTeX exports",
        tmp_path / "nowhere.txt": "nowhere.txt was not found",
    }
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    cases[folder] = "folder.txt is a folder, not a file"
    for path, expected in cases.items():
        with pytest.raises(IngestError) as caught:
            read_document(path)
        assert str(caught.value) == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_does_not_hang(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(IngestError) as caught:
        read_document(pipe)
    assert str(caught.value) == "pipe.txt is not a regular file"
    files, skipped = collect_paths([pipe])
    assert files == [] and skipped == [(pipe, "pipe.txt is not a regular file")]


def test_odd_file_names_stay_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad\nname #%?.csv"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("bad name #%?.csv is not a supported file type")
