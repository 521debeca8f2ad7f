"""The window keeps the evidence index up to date in the background, and its coverage view
follows: a cite changes one cell; frame edits and their undo are read again."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from test_ui_support import (  # noqa: F401  (fixtures)
    accept_next_dialog, make_window, messages, open_source, select_cell, select_in_reader, settle, source_with,
)
from workbench.evidence import index
from workbench.store import cells, frame
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
    assert not project.db.execute("SELECT 1 FROM sentence_evidence WHERE instrument_id = ?",
                                  (sanctions.id,)).fetchall()

    window.actions.undo.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: index.is_current(project) and _shown(window).get((1, sanctions.id)) is not None,
                    timeout=20_000)
    settle(qtbot, window)
    assert _shown(window) == shown
    assert cells.get(project, 1, sanctions.id) is not None
