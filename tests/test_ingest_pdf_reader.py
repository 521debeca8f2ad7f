"""One PDF reader process serves a batch of files; it is replaced after a crash, a timeout or
FILES_PER_READER files, keeps its memory limit, and does not outlive the work."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from test_ingest_pdf_pages import heavy_pdf, unicode_pdf
from workbench.ingest import pdf, pdf_reader
from workbench.ingest.importer import import_paths
from workbench.store import sources

TOPICS = ("Geneva", "Vienna", "Oslo", "Doha", "Nairobi", "Bogota", "Jakarta")


def _reports(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [unicode_pdf(folder / f"r{n}.pdf", [[f"Envoys met in {TOPICS[n % 7]} for round {n}.",
                                                 "Both sides agreed to meet again."]])
            for n in range(count)]


def _imported(project, report) -> list[str]:
    return sorted(sources.get(project, i).filename for i in report.added)


def test_a_folder_of_pdfs_is_read_by_one_process(tmp_path: Path, empty_project) -> None:
    pdf_reader.close_reader()
    _reports(tmp_path / "in", 7)
    before = pdf_reader.readers_started()
    report = import_paths(empty_project, [tmp_path / "in"])
    assert _imported(empty_project, report) == [f"r{n}.pdf" for n in range(7)]
    assert pdf_reader.readers_started() - before == 1


def test_a_fresh_process_after_so_many_files(tmp_path: Path, empty_project, monkeypatch) -> None:
    pdf_reader.close_reader()
    monkeypatch.setattr(pdf_reader, "FILES_PER_READER", 3)
    _reports(tmp_path / "in", 7)
    before = pdf_reader.readers_started()
    report = import_paths(empty_project, [tmp_path / "in"])
    assert len(report.added) == 7
    assert pdf_reader.readers_started() - before == 3  # 3 + 3 + 1 files


@pytest.mark.skipif(os.name == "nt", reason="the memory limit needs POSIX resource limits")
def test_the_memory_limit_holds_for_every_file_of_the_batch(tmp_path: Path, empty_project,
                                                            monkeypatch) -> None:
    # The crashing file comes second, in a process that has already read one: the limit is
    # the process's, so it still applies; the file after it gets a fresh process.
    pdf_reader.close_reader()
    monkeypatch.setattr(pdf, "MEMORY_LIMIT_MB", 150)
    folder = tmp_path / "in"
    _reports(folder, 1)
    heavy_pdf(folder / "r1-heavy.pdf", 2_000_000)
    unicode_pdf(folder / "r2.pdf", [["Talks resumed in Vienna."]])
    before = pdf_reader.readers_started()
    report = import_paths(empty_project, [folder])
    assert [(p.name, why.split(" (")[0]) for p, why in report.failed] == [
        ("r1-heavy.pdf", "r1-heavy.pdf stopped the PDF reader")]
    assert _imported(empty_project, report) == ["r0.pdf", "r2.pdf"]
    assert pdf_reader.readers_started() - before == 2


def test_after_a_timeout_the_next_file_gets_a_fresh_process(tmp_path: Path, empty_project,
                                                           monkeypatch) -> None:
    pdf_reader.close_reader()
    monkeypatch.setattr(pdf, "TIME_LIMIT_SECONDS", 0.5)
    folder = tmp_path / "in"
    _reports(folder, 1)
    heavy_pdf(folder / "r1-spinning.pdf", 3_000_000)
    unicode_pdf(folder / "r2.pdf", [["Talks resumed in Vienna."]])
    before = pdf_reader.readers_started()
    report = import_paths(empty_project, [folder])
    assert [p.name for p, _ in report.failed] == ["r1-spinning.pdf"]
    assert _imported(empty_project, report) == ["r0.pdf", "r2.pdf"]
    assert pdf_reader.readers_started() - before == 2


def test_the_process_ends_when_the_work_is_done(tmp_path: Path, empty_project, monkeypatch) -> None:
    pdf_reader.close_reader()
    monkeypatch.setattr(pdf_reader, "IDLE_SECONDS", 0.3)
    _reports(tmp_path / "in", 2)
    import_paths(empty_project, [tmp_path / "in"])
    assert pdf_reader.reader_running()
    deadline = time.monotonic() + 30
    while pdf_reader.reader_running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pdf_reader.reader_running()


def test_readers_on_two_threads_take_turns_with_one_process(tmp_path: Path) -> None:
    # The window imports on its I/O thread while a brief preview may fall back to text.
    from concurrent.futures import ThreadPoolExecutor

    from workbench.ingest import read_document

    pdf_reader.close_reader()
    files = _reports(tmp_path / "in", 6)
    before = pdf_reader.readers_started()
    with ThreadPoolExecutor(max_workers=3) as pool:
        texts = list(pool.map(lambda path: read_document(path).text, files))
    assert [text.split(" for round")[0] for text in texts] == [
        f"Envoys met in {TOPICS[n]}" for n in range(6)]
    assert pdf_reader.readers_started() - before == 1
