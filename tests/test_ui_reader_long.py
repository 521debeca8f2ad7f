"""The reader on sources no one lays out in one piece: a 500 KB line without a single space.

Qt lays out a paragraph as a whole, and a run with nowhere to break cost it far more than
linear time (15 s for 500 KB here). The reader inserts its own line breaks into such runs,
for display only: offsets, selections and citations still refer to the stored text.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from test_ui_support import accept_next_dialog, make_window, messages, open_source, select_cell, select_in_reader, settle  # noqa: F401
from workbench import sample
from workbench.ingest.importer import import_paths
from workbench.store import excerpts, frame, sources
from workbench.ui.text_offsets import SOFT_BREAK, Utf16Map, display_text, soft_breaks, with_breaks


def test_soft_breaks_map_back_to_the_stored_offsets():
    rnd = random.Random(5)
    alphabet = "ab \n😀한"
    for _ in range(200):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))) + "x" * rnd.randint(0, 50)
        breaks = soft_breaks(text, limit=7)
        shown = with_breaks(display_text(text), breaks)
        m = Utf16Map(text, breaks)
        units = shown.encode("utf-16-le")
        for i in range(len(text) + 1):
            q = m.to_qt(i)
            assert m.to_py(q) == i
            # The Qt text from position q starts with the stored text from offset i.
            assert units[2 * q:].decode("utf-16-le", "surrogatepass").replace("\n", "").startswith(
                text[i:i + 3].replace("\n", ""))
        # Every run in the shown text is at most `limit` characters long.
        assert all(len(run) <= 7 for line in shown.split("\n") for run in line.split(" ") if "\n" not in run
                   and not any(ch.isspace() for ch in run))


def test_a_500_kb_line_without_spaces_shows_and_cites(make_window, tmp_path: Path, qtbot):
    head = "Header line.\n"
    run = "".join(random.Random(1).choice("abcdefghij") for _ in range(500_000))
    text = head + run + "\nThe EU adopted sanctions on Pyongyang today.\n"
    doc = tmp_path / "one-line.txt"
    doc.write_text(text, encoding="utf-8")
    path = tmp_path / "long.pbw"
    project = sample.create_empty(path)
    import_paths(project, [doc])
    frame.add_actor(project, "European Union", ["EU"])
    project.close()
    assert len(soft_breaks(text)) >= 500_000 // SOFT_BREAK - 1

    window = make_window(path)
    (src,) = sources.list_all(window.session.project)
    # The window keeps ticking while the source is shown (a stall would stop the ticks).
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    open_source(window, src.id)
    qtbot.waitUntil(lambda: window.reader.source is not None and window.reader.source.id == src.id, timeout=30_000)
    window.reader.text.viewport().repaint()
    qtbot.wait(50)
    timer.stop()
    stored = sources.get(window.session.project, src.id).text
    # Layout is bounded: no paragraph Qt must lay out is longer than the soft-break length.
    doc = window.reader.text.document()
    blocks = [doc.findBlockByNumber(n).length() for n in range(doc.blockCount())]
    assert max(blocks) <= SOFT_BREAK + 1 and len(blocks) > 250
    # A passage deep inside the run, and one after it, select and cite exactly.
    at = len(head) + 300_123
    select_in_reader(window, at, at + 5000)
    assert window.reader.selection() == (at, at + 5000)
    needle = "sanctions on Pyongyang"
    at = stored.index(needle)
    select_cell(window, "EU", "Sanctions")
    select_in_reader(window, at, at + len(needle))
    assert window.reader.text.textCursor().selectedText() == needle
    accept_next_dialog(qtbot)
    assert window.edits.cite_selection()
    settle(qtbot, window)  # the citation is written by the I/O service
    (ex,) = excerpts.for_cell(window.session.project, window.cell_editor.cell.id)
    assert ex.quote == needle and (ex.start, ex.end) == (at, at + len(needle))
    assert len(ticks) >= 2
