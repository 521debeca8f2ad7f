"""The window keeps the evidence index up to date in the background, and its coverage view
follows: a cite changes one cell; frame edits and their undo are read again."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from test_ui_support import (  # noqa: F401  (fixtures)
    accept_next_dialog, make_window, messages, open_source, select_cell, select_in_reader, settle, source_with,
)
from workbench.evidence import index
from workbench.store import cells, frame, sources
from workbench.ui.matrix_model import COVERAGE_ROLE

NEEDLE = "troop deployment to support Russia"


def _shown(window) -> dict[tuple[int, int], tuple[int, int]]:
    model = window.matrix_model
    return {(a.id, i.id): model.index_of(a.id, i.id).data(COVERAGE_ROLE)
            for a in model.actors for i in model.instruments}


def test_a_cite_repaints_only_its_cell(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    window.actions.coverage.trigger()
    qtbot.waitUntil(lambda: window.matrix_model.showing_coverage, timeout=20_000)
    settle(qtbot, window)
    before = _shown(window)
    eu = frame.find_actor(project, "European Union")
    sanctions = frame.find_instrument(project, "Sanctions")
    assert before[(eu.id, sanctions.id)][0] > 0  # direct sentences, counted to the end

    repainted = []
    window.matrix_model.dataChanged.connect(lambda tl, br, *_: repainted.append(((tl.row(), tl.column()),
                                                                                (br.row(), br.column()))))
    source_id, at = source_with(project, NEEDLE)
    open_source(window, source_id)
    select_cell(window, "European Union", "Sanctions")
    select_in_reader(window, at, at + len(NEEDLE))
    accept_next_dialog(qtbot, credibility=2, note="")
    window.actions.cite.trigger()
    settle(qtbot, window)
    cell = window.matrix_model.index_of(eu.id, sanctions.id)
    qtbot.waitUntil(lambda: cell.data(COVERAGE_ROLE)[1] == before[(eu.id, sanctions.id)][1] + 1, timeout=10_000)
    after = _shown(window)
    assert after[(eu.id, sanctions.id)] == (before[(eu.id, sanctions.id)][0], before[(eu.id, sanctions.id)][1] + 1)
    assert {c: v for c, v in after.items() if c != (eu.id, sanctions.id)} == \
        {c: v for c, v in before.items() if c != (eu.id, sanctions.id)}
    # Only that cell was repainted: no count of the whole matrix ran.
    spot = (cell.row(), cell.column())
    assert repainted and all(r == (spot, spot) for r in repainted)


def test_frame_edits_and_undo_are_followed_in_the_background(make_window, sample_path, monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    window.actions.coverage.trigger()
    qtbot.waitUntil(lambda: window.matrix_model.showing_coverage, timeout=20_000)
    settle(qtbot, window)
    assert index.is_current(project)
    sanctions = frame.find_instrument(project, "Sanctions")
    shown = _shown(window)

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.edits.remove_item("instrument", sanctions.id)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: index.is_current(project), timeout=20_000)
    assert not project.db.execute("SELECT 1 FROM evidence_block WHERE instrument_id = ?",
                                  (sanctions.id,)).fetchall()

    window.actions.undo.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: index.is_current(project) and _shown(window).get((1, sanctions.id)) is not None,
                    timeout=20_000)
    settle(qtbot, window)
    assert _shown(window) == shown
    assert cells.get(project, 1, sanctions.id) is not None


# -- a long build: progress where the analyst waits, Cancel, resume, typing meanwhile --------

import random  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from test_evidence_index import _article, scratch_coverage  # noqa: E402
from workbench import sample  # noqa: E402
from workbench.ingest.importer import import_paths  # noqa: E402
from workbench.store import evidence_index  # noqa: E402
from workbench.store.project import Project  # noqa: E402

SOURCES = 1000


@pytest.fixture(scope="module")
def unindexed_template(tmp_path_factory) -> Path:
    """A project of SOURCES generated articles whose evidence index was never built."""
    folder = tmp_path_factory.mktemp("unindexed")
    path = folder / "many.pbw"
    rng = random.Random(5)
    texts = folder / "texts"
    texts.mkdir()
    for k in range(SOURCES):
        # Long enough that the build takes seconds even on a quick machine (typing lands first).
        (texts / f"a{k:04d}.txt").write_text(f"Report {k}.\n\n" + " ".join(_article(rng) for _ in range(6)),
                                             encoding="utf-8")
    with sample.create_empty(path) as project:
        sample.add_default_actors(project)
        import_paths(project, [texts])
    return path


@pytest.fixture
def unindexed(unindexed_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "many.pbw"
    shutil.copyfile(unindexed_template, path)
    return path


def test_coverage_shows_indexing_progress_cancels_and_resumes(make_window, unindexed, qtbot):
    window = make_window(unindexed)
    project = window.session.project
    strip = window.index_progress
    window.actions.coverage.trigger()
    qtbot.waitUntil(lambda: strip.isVisible() and f"of {SOURCES:,}" in strip.label.text(), timeout=60_000)
    assert strip.label.text().startswith("Indexing sources… ")
    # The Suggestions page says so too.
    tabs = window.cell_editor.lower_tabs
    bar = tabs.tabBar()
    page = tabs.indexOf(window.suggestions_page)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(page).center())
    panel_strip = window.suggestions.indexing
    qtbot.waitUntil(panel_strip.isVisible, timeout=10_000)
    assert f"of {SOURCES:,}" in panel_strip.label.text()
    qtbot.mouseClick(strip.cancel, Qt.MouseButton.LeftButton)
    assert not strip.isVisible() and not panel_strip.isVisible()
    assert not window.actions.coverage.isChecked()
    settle(qtbot, window)
    marked, total = evidence_index.count_sources(project)
    assert 0 < marked < total == SOURCES and not index.is_current(project)
    assert "Indexing stopped at" in window.statusBar().currentMessage()

    # Shown again, it goes on from the sources already indexed: the bar never counts from 0.
    values: list[int] = []
    strip.bar.valueChanged.connect(values.append)
    window.actions.coverage.trigger()
    qtbot.waitUntil(lambda: window.matrix_model.showing_coverage, timeout=120_000)
    settle(qtbot, window)
    assert values and min(values) >= marked
    assert index.is_current(project) and not strip.isVisible()
    assert _shown(window) == scratch_coverage(project)


def test_typing_in_a_cell_is_saved_while_the_index_is_built(make_window, unindexed, qtbot):
    window = make_window(unindexed)
    project = window.session.project
    window.actions.coverage.trigger()
    qtbot.waitUntil(window.index_progress.isVisible, timeout=60_000)
    select_cell(window, "Russia", "Sanctions")
    posture = window.cell_editor.posture
    qtbot.mouseClick(posture.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(posture, "Holds firm under pressure")
    russia, sanctions = frame.find_actor(project, "Russia"), frame.find_instrument(project, "Sanctions")
    qtbot.waitUntil(lambda: cells.get(project, russia.id, sanctions.id).posture == "Holds firm under pressure",
                    timeout=60_000)
    # Saved while the build still had sources to read: the autosave did not wait for it.
    assert evidence_index.count_sources(project)[0] < SOURCES
    qtbot.waitUntil(lambda: window.matrix_model.showing_coverage, timeout=120_000)
    assert index.is_current(project)


def test_an_import_is_indexed_in_the_background_right_away(make_window, sample_path, tmp_path, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    window.actions.coverage.trigger()  # built once, then hidden again
    qtbot.waitUntil(lambda: window.matrix_model.showing_coverage, timeout=20_000)
    window.actions.coverage.trigger()
    settle(qtbot, window)
    assert index.is_current(project)
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "eu.txt").write_text("The European Union imposed new sanctions on Russian banks.", encoding="utf-8")
    before = max(s.id for s in sources.list_all(project))
    window.files.import_paths([folder])
    qtbot.waitUntil(lambda: max(s.id for s in sources.list_all(project)) > before, timeout=30_000)
    added = max(s.id for s in sources.list_all(project))
    assert not index.is_current(project)
    # Nobody asks for coverage or suggestions: the index follows the import by itself.
    qtbot.waitUntil(lambda: index.is_current(project), timeout=30_000)
    assert [r for r in evidence_index.all_rows(project) if r[1] == added and r[5] == 1]
