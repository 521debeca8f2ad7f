"""Decoding files of unknown encoding and cleaning their text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.ingest import IngestError, MAX_FILE_BYTES, clean_text, decode_bytes, read_document

SAMPLE = "He said “no” to the café’s résumé — naïve, déjà vu.\nSecond line with € 5."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_plain_and_with_bom() -> None:
    assert decode_bytes(SAMPLE.encode("utf-8")) == SAMPLE
    assert decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")) == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_wide_encodings_with_bom(encoding: str) -> None:
    data = SAMPLE.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data) == SAMPLE


def test_utf16_without_bom() -> None:
    assert decode_bytes(SAMPLE.encode("utf-16-le")) == SAMPLE


@pytest.mark.parametrize(
    "text",
    [SAMPLE, "é", "café", "Müller über Straße — “Grüße” aus Köln.", "Déjà vu: l’été à Paris."],
)
def test_cp1252_comes_out_readable(text: str) -> None:
    assert decode_bytes(text.encode("cp1252")) == text


def test_cyrillic_legacy_code_page_is_detected() -> None:
    text = "Москва и Киев: переговоры продолжаются, санкции расширены. " * 3
    assert decode_bytes(text.encode("cp1251")) == text


def test_declared_charset_is_used_when_not_utf8() -> None:
    text = "Zażółć gęślą jaźń"
    assert decode_bytes(text.encode("iso-8859-2"), declared="iso-8859-2") == text
    # Browsers read "iso-8859-1" as windows-1252, and so do we.
    assert decode_bytes("“quoted”".encode("cp1252"), declared="iso-8859-1") == "“quoted”"


def test_clean_text_newlines_controls_and_nfc() -> None:
    raw = "a\r\nb\rc\x00d\x07e\x1bf\x85g\x9fh\ttab\u2028i\ufeffj" + "e\u0301"
    cleaned = clean_text(raw)
    assert cleaned == "a\nb\ncd" + "ef\ng" + "h\ttab\nij" + "é"
    assert "\r" not in cleaned and "\x00" not in cleaned


def test_cp1252_file_reads_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.txt", ("Memo title here\r\n\r\n" + SAMPLE).encode("cp1252"))
    doc = read_document(path)
    assert "“no”" in doc.text and "café" in doc.text and "€" in doc.text
    assert "\r" not in doc.text
    assert doc.title == "Memo title here"


def test_utf16_file_with_bom_reads_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", SAMPLE.encode("utf-16"))
    doc = read_document(path)
    assert doc.text == SAMPLE
    assert "\x00" not in doc.text


def test_mixed_controls_and_nuls_are_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.txt", b"Alpha\x00 beta\x01\x02 gamma\x7f.\r\nNext\x0bline.")
    doc = read_document(path)
    assert doc.text == "Alpha beta gamma.\nNext\nline."


def test_too_big_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk space
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert str(caught.value) == (
        "huge.txt is larger than 50 MB; split it or import a smaller file"
    )
