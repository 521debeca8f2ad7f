"""Hostile text in a project (HAZARDS.md 12-18) prints literally; nothing is read or fetched."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from brief_builders import add_cell, flat, pdf_text, worked_project
from workbench.brief.export import choose_brief, export_pdf
from workbench.ingest.importer import import_paths
from workbench.store import briefs, excerpts, frame, sources


class _Listener:
    """A local TCP server that only counts who connects to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    server = _Listener()
    yield server
    server.close()


def _hostile(secret: Path, port: int) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}/x"
    return {
        "lt": "a < b",
        "bolt": "M8 <b>bolt",
        "sp": "S&P",
        "nul_entity": "&#0;",
        "font": '<font color="[[[getattr(pow, Word(\'__globals__\'))[\'os\'].system(\'touch pwned\')]]]">x</font>',
        "unichar": '<unichar name="LATIN CAPITAL LETTER A"/> <unichar code="0x41"/>',
        "img": f'<img src="{secret}" width="10" height="10"/>',
        "win": r"C:\Windows\win.ini",
        "unc": r"\\host\share\x.png",
        "url": url,
        "scripts": "Привет, мир · 안녕하세요 세계 · مرحبا · e\u0301 · 😀",
    }


def _build(tmp_path: Path, port: int) -> tuple[Path, Path, dict[str, str]]:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\nnot really an image, never to be read")
    strings = _hostile(secret, port)
    path = tmp_path / "hostile.pbw"
    project = worked_project(path)
    # hostile source text, cited as a quote
    doc = tmp_path / "hostile source.txt"
    doc.write_text("Intro.\n\n" + "\n\n".join(strings.values()) + "\n\nEnd.", encoding="utf-8")
    import_paths(project, [doc])
    src = next(s for s in sources.list_all(project) if s.filename.startswith("hostile"))
    sources.update(project, src.id, title="<b>Evil</b> & <img src=\"" + str(secret) + "\"> source",
                   url=f"javascript:alert(1) {strings['url']}")
    actor_name = '<font color="[[[x]]]">Bad</font> & Co'
    frame.add_actor(project, actor_name, [])
    posture = " | ".join(strings.values()) + " | NUL\x00here | bell\x07here"
    options = "\n\n".join([
        f"Raw tag: {strings['img']}",
        f"![alt text](file://{secret})",
        f"![]({strings['url']}/img.png)",
        "[click me](javascript:alert(1))",
        f"[local](file://{secret})",
        f"<{strings['url']}>",
        "deep " + "> " * 200 + "quote",
        "[" * 50000,
    ])
    cell_id = add_cell(project, actor_name, "Diplomacy",
                       {"posture": posture, "options": options, "likelihood": "unlikely"}, [])
    text = sources.get(project, src.id).text or ""
    for value in (strings["img"], strings["font"], strings["scripts"]):
        value = unicodedata.normalize("NFC", value)  # the importer stores NFC text
        at = text.index(value)
        excerpts.cite(project, cell_id, src.id, at, at + len(value), credibility=4)
    brief = choose_brief(project)
    briefs.save(project, replace(brief, title="Brief <b>&amp; S&P</b>",
                                 marking="<font color=red>SECRET</font> & Co"))
    project.close()
    return path, secret, strings


_EXPORT = """
import json, sys
opened, network = [], []
def hook(event, args):
    if event == "open":
        opened.append(str(args[0]))
    elif event.startswith(("socket.", "urllib.")):
        network.append(event + " " + repr(args)[:200])
sys.addaudithook(hook)
from workbench.store.project import Project
from workbench.brief.export import choose_brief, export_pdf
project = Project.open(sys.argv[1], read_only=True)
export_pdf(project, choose_brief(project), sys.argv[2])
print(json.dumps({"opened": opened, "network": network}))
"""


def test_hostile_text_prints_literally_and_nothing_is_read_or_fetched(tmp_path, listener):
    path, secret, strings = _build(tmp_path, listener.port)
    out = tmp_path / "out.pdf"
    run = subprocess.run([sys.executable, "-c", _EXPORT, str(path), str(out)], capture_output=True,
                         text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    events = json.loads(run.stdout.strip().splitlines()[-1])
    assert any(p.endswith("NotoSerif-Regular.ttf") for p in events["opened"])  # the hook sees opens
    assert not [p for p in events["opened"]
                if p.endswith("secret.png") or "win.ini" in p or "share" in p or "x.png" in p]
    assert events["network"] == [] and listener.connections == 0
    assert not (tmp_path / "pwned").exists()

    raw = out.read_bytes()
    assert b"/Subtype /Image" not in raw and b"/Launch" not in raw and b"/JavaScript" not in raw
    reader = PdfReader(out)
    for page in reader.pages:
        for xobject in page["/Resources"].get("/XObject", {}).values():
            assert xobject.get_object()["/Subtype"] == "/Form"  # the page total, never an image
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                assert str(action["/URI"]).startswith(("http://", "https://", "mailto:"))
    text = flat(pdf_text(out))
    for key, value in strings.items():
        shown = value.replace("\u0301", "") if key == "scripts" else value
        if key == "scripts":
            for word in ("Привет, мир", "안녕하세요 세계", "e"):
                assert word in text
            continue
        assert flat(shown) in text, key
    assert "NULhere" in text and "bellhere" in text
    assert "<b>Evil</b> & <img src=" in text  # a source title, in quotes' attribution and the list
    assert '<font color="[[[x]]]">Bad</font> & Co' in text
    assert "Brief <b>&amp; S&P</b>" in text
    assert text.count("<font color=red>SECRET</font> & Co") >= 2 * len(reader.pages)
    assert "[image: alt text]" in text and "[image]" in text
    assert "click me" in text  # an unsafe link prints as its text; the annotations above are web links only
    assert f"Raw tag: {strings['img']}" in text
    assert "[" * 200 in text.replace(" ", "")


def test_unknown_characters_get_a_visible_stand_in_not_a_box(tmp_path):
    project = worked_project(tmp_path / "p.pbw")
    add_cell(project, "Japan", "Diplomacy", {"posture": "Unicorn \U0001F984 and private \ue000 use"}, [])
    pdf = export_pdf(project, choose_brief(project), tmp_path / "u.pdf")
    project.close()
    text = flat(pdf_text(pdf))
    assert "Unicorn [unicorn face] and private \ufffd use" in text
