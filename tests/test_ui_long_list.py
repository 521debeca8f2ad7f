"""The list of sources never holds the window: it is read, made into rows and sorted on a
worker after the window has painted, and a long list is filtered and sorted again off the UI
thread as the analyst types in the filter box or clicks a column's header. (The sample's five
sources stand for a long list here: the length at which work leaves the UI thread is lowered.)"""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from test_ui_support import make_window, messages, wait_for  # noqa: F401  (fixtures)
from workbench.store import sources
from workbench.store.project import Project
from workbench.ui import sources_model
from workbench.ui.main_window import MainWindow
from workbench.ui.sources_model import GRADE, OUTLET, PUBLISHED, SOURCE_ID_ROLE, TITLE, arrange, prepare


def _window(qtbot, tmp_path: Path, path: Path, name: str) -> MainWindow:
    window = MainWindow(path, settings=QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def _shown_ids(window: MainWindow) -> list[int]:
    model = window.sources_pane.model
    return [model.index(r, TITLE).data(SOURCE_ID_ROLE) for r in range(model.rowCount())]


@pytest.fixture
def checked(sample_path: Path) -> Path:
    Project.open(sample_path).close()  # vouched for: no background check in the way
    return sample_path


@pytest.fixture
def arranged_on(monkeypatch) -> list[str]:
    """Lists longer than two rows count as long; names the threads each arrangement ran on."""
    threads: list[str] = []

    def arrange_and_note(*args):
        threads.append(threading.current_thread().name)
        return arrange(*args)

    monkeypatch.setattr(sources_model, "OFF_THREAD", 2)
    monkeypatch.setattr(sources_model, "arrange", arrange_and_note)
    return threads


def test_the_list_fills_in_after_the_window_shows(checked: Path, tmp_path: Path, qtbot) -> None:
    window = _window(qtbot, tmp_path, checked, "list")
    # Nothing read on the window's own connection: the list comes from a worker.
    assert window.sources_pane.model.rowCount() == 0
    assert window.sources_pane.status.text() == "Reading the list of sources…"
    window.show()
    qtbot.waitUntil(lambda: window.sources_pane.model.rowCount() == 5, timeout=20_000)
    with Project.open(checked, read_only=True) as project:
        every = sources.list_all(project)
    newest_first = [s.id for s in sorted(every, key=lambda s: (s.published, s.title.casefold()), reverse=True)]
    assert _shown_ids(window) == newest_first
    # The cited passage the window opens on is selected in the list.
    qtbot.waitUntil(lambda: window.reader.source is not None and bool(window.sources_pane.selected_ids()),
                    timeout=20_000)
    assert window.sources_pane.selected_ids() == [window.reader.source.id]
    qtbot.waitUntil(lambda: window.sources_pane.status.text() == "5 sources", timeout=20_000)
    window.close()


def test_typing_in_the_filter_box_filters_a_long_list_off_the_ui_thread(make_window, checked, qtbot,
                                                                        arranged_on) -> None:
    window = make_window(checked)
    pane = window.sources_pane
    wait_for(lambda: not pane.loading())
    with Project.open(checked, read_only=True) as project:
        every = sources.list_all(project)
    outlet = next(s.outlet for s in every if s.outlet)
    expected = {s.id for s in every
                if outlet.casefold() in f"{s.title}\n{s.author}\n{s.outlet}\n{s.published}".casefold()}
    assert 1 <= len(expected) < 5
    arranged_on.clear()
    qtbot.keyClicks(pane.filter_box, outlet.upper())  # case does not matter
    wait_for(lambda: pane.model.rowCount() == len(expected) and not pane.loading())
    assert set(_shown_ids(window)) == expected
    assert pane.status.text() == f"{len(expected)} of 5 sources"
    # Worked out once typing paused, off the UI thread.
    assert arranged_on and threading.main_thread().name not in arranged_on
    assert len(arranged_on) < len(outlet)

    pane.filter_box.clear()
    wait_for(lambda: pane.model.rowCount() == 5 and not pane.loading())
    assert pane.status.text() == "5 sources"


def test_clicking_a_header_sorts_a_long_list_off_the_ui_thread(make_window, checked, qtbot, arranged_on) -> None:
    window = make_window(checked)
    pane = window.sources_pane
    wait_for(lambda: not pane.loading())
    table, model = pane.table, pane.model
    table.selectRow(3)
    chosen = pane.selected_ids()
    with Project.open(checked, read_only=True) as project:
        titles = {s.id: s.title.casefold() for s in sources.list_all(project)}
    arranged_on.clear()
    header = table.horizontalHeader()
    at = header.sectionViewportPosition(TITLE) + header.sectionSize(TITLE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at, 5))
    wait_for(lambda: not pane.loading() and model.sort_order()[0] == TITLE)
    order = model.sort_order()[1]
    shown = [titles[i] for i in _shown_ids(window)]
    assert shown == sorted(shown, reverse=order == Qt.SortOrder.DescendingOrder)
    assert arranged_on and threading.main_thread().name not in arranged_on
    # The source chosen before stays chosen, wherever it went.
    assert pane.selected_ids() == chosen
    assert table.currentIndex().row() == model.row_of(chosen[0])

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at, 5))
    wait_for(lambda: not pane.loading() and model.sort_order()[1] != order)
    again = [titles[i] for i in _shown_ids(window)]
    assert again == sorted(again, reverse=model.sort_order()[1] == Qt.SortOrder.DescendingOrder)
    assert again != shown


@pytest.mark.parametrize("column", [GRADE, TITLE, OUTLET, PUBLISHED])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_a_sort_in_short_runs_gives_the_order_of_one_sort_and_a_filter_keeps_it(column: int, order: Qt.SortOrder) -> None:
    rng = random.Random(column * 2 + int(order == Qt.SortOrder.DescendingOrder))
    # Many equal dates, titles, outlets and grades: ties must keep the order they came in.
    rows = [(n, rng.choice(["Alpha", "beta", "Ärger", "gamma", "ALPHA"]), "", rng.choice(["", "Wire", "ledger"]),
             f"2024-0{rng.randint(1, 3)}-01", rng.choice(["", "A", "B", "F"])) for n in range(1, 9_000)]
    hay = {r[0]: f"{r[1]}\n{r[2]}\n{r[3]}\n{r[4]}".casefold() for r in rows}
    keys = {
        GRADE: lambda r: (r[5] or "Z", r[1].casefold()),
        TITLE: lambda r: r[1].casefold(),
        OUTLET: lambda r: (r[3].casefold() or "\uffff", r[1].casefold()),
        PUBLISHED: lambda r: (r[4], r[1].casefold()),
    }
    expected = [r[0] for r in sorted(rows, key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)]
    made = prepare(rows, (column, order))
    assert [r[0] for r in made.ordered] == expected
    every, shown = arrange(made.rows, made.hay, "", frozenset(), (column, order))
    assert [r[0] for r in every] == [r[0] for r in shown] == expected
    # Filtered, from the order already worked out: the same rows as filtering first.
    again, narrow = arrange(made.rows, made.hay, "alp 2024-02", frozenset("AF"), (column, order), every)
    assert again is every
    grade = {r[0]: r[5] for r in rows}
    assert [r[0] for r in narrow] == [n for n in expected if "alp" in hay[n] and "2024-02" in hay[n]
                                      and grade[n] in ("A", "F")]


def test_the_source_the_reader_opens_on_is_selected_in_a_filtered_long_list(checked: Path, tmp_path: Path, qtbot,
                                                                            monkeypatch) -> None:
    """The filter box keeps its text when another project opens: the new list is filtered off the
    UI thread, and the source the reader opens on meanwhile is selected once the rows are in place."""
    gate = threading.Event()
    gate.set()

    def arrange_when_let(*args):
        if threading.current_thread() is not threading.main_thread():  # a short list is arranged at once
            gate.wait(20)
        return arrange(*args)

    monkeypatch.setattr(sources_model, "OFF_THREAD", 2)
    monkeypatch.setattr(sources_model, "arrange", arrange_when_let)
    other = tmp_path / "other.pbw"
    other.write_bytes(checked.read_bytes())
    Project.open(other).close()  # vouched for, like the first
    window = _window(qtbot, tmp_path, checked, "filtered")
    window.show()
    pane = window.sources_pane
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5 and not pane.loading(), timeout=20_000)
    qtbot.keyClicks(pane.filter_box, "e")  # every sample title has an "e": all five rows stay
    qtbot.waitUntil(lambda: not pane.loading() and "of" not in pane.status.text(), timeout=20_000)
    gate.clear()  # the new list's filtering waits until the reader has opened its source
    assert window.open_project(other)
    qtbot.waitUntil(lambda: window.reader.source is not None and window.session.project.path == other
                    and pane.model.arranging(), timeout=20_000)
    gate.set()
    qtbot.waitUntil(lambda: not pane.loading() and pane.model.rowCount() == 5, timeout=20_000)
    qtbot.waitUntil(lambda: pane.selected_ids() == [window.reader.source.id], timeout=5_000)
    window.close()
