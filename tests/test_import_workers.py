"""A large import reads its files in worker processes while it writes (ingest/parse_pool.py).

What an import gives must not depend on where the files were read: the same sources, in the
same order, with the same sentences and the same messages for bad files. A reader process
that dies costs no file; cancelling, Ctrl+C and a killed import leave no reader behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.store import sentences, sources
from workbench.store.check import check
from workbench.store.project import Project

READER = b"workbench.ingest.parse_worker"


def readers(parent: int | None = None, cwd: Path | None = None) -> list[int]:
    """Process ids of the reader processes of *parent* (or of any started in *cwd*)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if READER not in (entry / "cmdline").read_bytes():
                continue
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent is not None and ppid != parent:
                continue
            if cwd is not None and Path(os.readlink(entry / "cwd")) != cwd:
                continue
        except (OSError, ValueError, IndexError):
            continue  # it ended while being looked at
        found.append(int(entry.name))
    return found


def notes(folder: Path, n: int, tag: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"note {i:04}.txt").write_text(
            f"Field note {tag}{i}\n\nEnvoys met in Geneva on day {i}. Seoul weighed sanctions "
            f"package {i}; officials said talks would go on. " + "More context follows. " * (i % 5),
            encoding="utf-8")
    return folder


def awkward_files(folder: Path) -> None:
    """Files of every kind an analyst's folder holds, good and bad."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(folder / "memo.pdf"))
    pdf.drawString(72, 720, "Ministers agreed an arms embargo on Tuesday. Talks resume in May.")
    pdf.showPage()
    pdf.drawString(72, 720, "Page two says the envoy left Vienna.")
    pdf.save()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Length 999 >> stream\nnot a pdf")
    (folder / "fake.docx").write_bytes(b"this is not a zip file at all")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n  \n", encoding="utf-8")
    (folder / "western.txt").write_bytes("Café talks in Genève: the envoy’s note.".encode("cp1252"))
    (folder / "wide.txt").write_text("Kyiv asked for air defence. Seoul said no.", encoding="utf-16")
    (folder / "front.md").write_text("---\ntitle: Front matter\nauthor: A. Writer\ndate: 2024-03-02\n---\n\n"
                                     "The ministry announced export controls.", encoding="utf-8")
    (folder / "page.html").write_text("<html><head><title>Briefing</title><script>alert(1)</script></head>"
                                      "<body><nav>Home | About</nav><article><p>NATO debated weapons "
                                      "deliveries at length.</p><p>Officials declined to give a "
                                      "timetable.</p></article></body></html>", encoding="utf-8")
    (folder / "deep.html").write_text("<div>" * 100_000 + "deep" + "</div>" * 100_000, encoding="utf-8")
    (folder / "again.txt").write_bytes((folder / "note 0003.txt").read_bytes())  # a duplicate
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")


def imported(path: Path) -> list[tuple]:
    """Each source of the project in import order, with its sentences."""
    with Project.open(path, read_only=True) as project:
        return [(s.filename, s.title, s.author, s.published, s.format, sources.get(project, s.id).text,
                 [(a, b) for _, a, b in sentences.spans_of(project.db, s.id)])
                for s in sources.list_all(project, order="imported")]


def test_a_large_import_reads_in_workers_and_gives_what_reading_here_gives(tmp_path: Path):
    folder = notes(tmp_path / "pile", 150)
    awkward_files(folder)
    seen_readers: list[int] = []

    def progress(done: int, total: int, name: str) -> None:
        if not seen_readers:
            seen_readers.extend(readers(os.getpid()))

    together = tmp_path / "together.pbw"
    with sample.create_empty(together) as project:
        report = import_paths(project, [folder], progress=progress)
    assert seen_readers, "the files were read here, not in reader processes"
    assert not readers(os.getpid()), "the readers outlive the import"

    # The same files a few at a time: too few each time to start reader processes.
    apart = tmp_path / "apart.pbw"
    files = sorted(folder.iterdir())
    separate = {"added": 0, "duplicates": [], "failed": []}
    with sample.create_empty(apart) as project:
        for at in range(0, len(files), 10):
            part = import_paths(project, files[at:at + 10], progress=progress)
            separate["added"] += len(part.added)
            separate["duplicates"] += part.duplicates
            separate["failed"] += part.failed
    assert len(seen_readers) and not readers(os.getpid())

    assert imported(together) == imported(apart)
    assert len(report.added) == separate["added"] == 156
    assert report.duplicates == separate["duplicates"] == [folder / "note 0003.txt"]  # "again.txt" comes first
    assert sorted(report.failed) == sorted(separate["failed"])
    messages = {p.name: why for p, why in report.failed}
    assert set(messages) == {"broken.pdf", "fake.docx", "empty.txt", "blank.md", "sheet.xlsx"}
    assert messages["broken.pdf"].startswith("broken.pdf ")
    by_name = {row[0]: row for row in imported(together)}
    assert "Page two says the envoy left Vienna." in by_name["memo.pdf"][5]
    assert by_name["front.md"][1:4] == ("Front matter", "A. Writer", "2024-03-02")
    assert by_name["western.txt"][5] == "Café talks in Genève: the envoy’s note."
    assert "NATO debated" in by_name["page.html"][5] and "alert" not in by_name["page.html"][5]
    with Project.open(together, read_only=True) as project:
        assert check(project).ok


def test_readers_killed_mid_import_cost_no_file(tmp_path: Path):
    folder = tmp_path / "pile"
    folder.mkdir()
    for i in range(300):  # long texts: splitting them is slower than writing them
        (folder / f"report {i:03}.txt").write_text(
            f"Report {i}\n\n" + "".join(f"Envoys met in Geneva on day {n} of report {i}. Seoul weighed "
                                        f"sanctions package {n}; talks went on.\n" for n in range(600)),
            encoding="utf-8")
    killed: list[int] = []

    def progress(done: int, total: int, name: str) -> None:
        # At 0 the reader may still be loading; at 150 it is busy with a file sent to it.
        if done in (0, 150):
            for pid in readers(os.getpid()):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    path = tmp_path / "p.pbw"
    with sample.create_empty(path) as project:
        report = import_paths(project, [folder], progress=progress)
        assert check(project).ok
    assert len(killed) >= 2
    assert report.failed == [] and len(report.added) == 300
    rows = imported(path)
    assert [r[0] for r in rows] == [f"report {i:03}.txt" for i in range(300)]
    assert all(text.strip() == (folder / name).read_text(encoding="utf-8").strip()
               for name, _, _, _, _, text, _ in rows)


def test_cancel_writes_what_came_before_and_ends_the_readers(tmp_path: Path):
    folder = notes(tmp_path / "pile", 600)

    def progress(done: int, total: int, name: str) -> bool:
        return done < 100

    with sample.create_empty(tmp_path / "p.pbw") as project:
        report = import_paths(project, [folder], progress=progress)
        assert report.cancelled and len(report.added) == 100
        assert sources.count(project) == 100
        assert check(project).ok
    assert not readers(os.getpid())


def _cli_import(tmp_path: Path, folder: Path, project: Path) -> subprocess.Popen:
    # Ctrl+C reaches a job in a terminal's foreground, whose SIGINT is not ignored. A test run
    # started as a background job has SIGINT ignored, and a program started from it keeps that:
    # the import starts with the foreground's handling, as a person's command would.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen([sys.executable, "-m", "workbench", "import", str(project), str(folder)],
                                cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, before)


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)


@pytest.mark.parametrize("how", ["ctrl+c", "kill"])
def test_a_stopped_command_line_import_leaves_no_reader_and_a_sound_project(tmp_path: Path, how: str):
    folder = notes(tmp_path / "pile", 4000)
    project = tmp_path / "p.pbw"
    sample.create_empty(project).close()
    proc = _cli_import(tmp_path, folder, project)
    try:
        _wait_for(lambda: readers(cwd=tmp_path) or proc.poll() is not None)
        assert proc.poll() is None, "the import ended before it could be stopped"
        if how == "ctrl+c":  # a terminal sends it to the whole group, readers included
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.kill()
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if how == "ctrl+c":
        assert proc.returncode != 0 and b"interrupted" in err and b"Traceback" not in err
    _wait_for(lambda: not readers(cwd=tmp_path), 10)
    with Project.open(project) as opened:
        assert check(opened).ok
        n = sources.count(opened)
    assert n < 4000
    assert [r[0] for r in imported(project)] == [f"note {i:04}.txt" for i in range(n)]


def test_long_paths_and_long_texts_do_not_stall_the_pipes(tmp_path: Path):
    """Requests (paths) and answers (texts) both fill their pipes here: a reader blocked
    writing an answer must never wait on the importer blocked sending it another path."""
    folder = tmp_path / "pile"
    deep = folder
    for level in range(12):  # a path of about 3,000 bytes to each file
        deep = deep / f"{level:02}{'x' * 240}"
    deep.mkdir(parents=True)
    paragraph = "Envoys met in Geneva; Seoul weighed sanctions and talks went on. " * 16
    for i in range(120):
        (deep / f"long {i:03}.txt").write_text(f"Long report {i}\n\n" + (paragraph + "\n") * 60,
                                               encoding="utf-8")
    project = tmp_path / "p.pbw"
    sample.create_empty(project).close()
    done = subprocess.run([sys.executable, "-m", "workbench", "import", str(project), str(folder), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Project.open(project, read_only=True) as opened:
        assert sources.count(opened) == 120


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return found


def _state(pid: int) -> str:
    """The process's state letter ('T' stopped, 'Z' ended and not yet reaped); '' when gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def test_cancel_ends_a_stuck_pdf_reader_that_a_reader_started(tmp_path: Path):
    from reportlab.pdfgen import canvas

    folder = tmp_path / "pile"
    folder.mkdir()
    for i in range(120):
        pdf = canvas.Canvas(str(folder / f"memo {i:03}.pdf"))
        pdf.drawString(72, 720, f"Ministers agreed an arms embargo, memo {i}.")
        pdf.save()
    stuck: list[int] = []

    def progress(done: int, total: int, name: str) -> bool:
        if done < 20:
            return True
        # A PDF reader that hangs on a file (stopped here) and then the user cancels.
        for reader in readers(os.getpid()):
            for pid in _children(reader):
                os.kill(pid, signal.SIGSTOP)
                stuck.append(pid)
        return not stuck  # goes on until a reader has started its PDF reader

    try:
        with sample.create_empty(tmp_path / "p.pbw") as project:
            report = import_paths(project, [folder], progress=progress)
        assert report.cancelled and stuck
        _wait_for(lambda: all(_state(pid) in ("", "Z") for pid in stuck), 30)
    finally:
        for pid in stuck:
            if _state(pid) not in ("", "Z"):
                os.kill(pid, signal.SIGKILL)
