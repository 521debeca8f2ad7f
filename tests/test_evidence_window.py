"""The suggestions panel inside the real window: select a cell, cite a suggestion, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_ui_support import accept_next_dialog, make_window, select_cell, settle  # noqa: F401  (fixtures)
from workbench.store import cells, excerpts, frame


def test_cite_a_suggestion_through_the_window(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    panel = window.suggestions
    assert panel is not None
    project = window.session.project
    select_cell(window, "European Union", "Sanctions")
    qtbot.waitUntil(lambda: not panel.is_busy() and panel.model.rowCount() > 0, timeout=10_000)
    first = panel.model.item(0)
    assert first.matched_alias == "EU" and not first.cited

    a = frame.find_actor(project, "European Union").id
    i = frame.find_instrument(project, "Sanctions").id
    cell = cells.get(project, a, i)
    before = cell.evidence_count
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    accept_next_dialog(qtbot, credibility=2)
    qtbot.mouseClick(panel.cite_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    cited = [(e.source_id, e.start, e.end, e.credibility) for e in excerpts.for_cell(project, cell.id)]
    assert (first.source_id, first.start, first.end, 2) in cited
    assert window.cell_editor.evidence_model.rowCount() == before + 1

    window.actions.undo.trigger()
    settle(qtbot, window)
    assert cells.get(project, a, i).evidence_count == before
    window.close()
