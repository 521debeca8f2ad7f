"""The suggestions panel on a real project: select a cell, see suggestions, cite one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.evidence.suggestion import Suggestion
from workbench.store import cells, excerpts, frame
from workbench.ui.session import ProjectSession
from workbench.ui.suggestions_panel import SuggestionsModel, SuggestionsPanel


_sessions: list[ProjectSession] = []


@pytest.fixture(autouse=True)
def _close_sessions(qtbot):
    yield
    while _sessions:
        _sessions.pop().io.shutdown()


def _panel(qtbot, project) -> SuggestionsPanel:
    """A panel reading *project* through its own session (its I/O stops after the test)."""
    session = ProjectSession(project)
    _sessions.append(session)
    panel = SuggestionsPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    panel.session = session
    return panel


def _show_cell(qtbot, panel: SuggestionsPanel, project, actor: str, instrument: str) -> None:
    a, i = frame.find_actor(project, actor).id, frame.find_instrument(project, instrument).id
    with qtbot.waitSignal(panel.suggestions_ready, timeout=10_000):
        panel.set_cell(a, i)


def test_model_passes_the_model_tester(qtmodeltester):
    model = SuggestionsModel()
    model.set_items([
        Suggestion(1, "A source", 7, "Brussels imposed sanctions.", 0, 27, 3.1, "Brussels", ("sanctions",),
                   ("actor: “Brussels”",)),
        Suggestion(2, "Another", 9, "The EU warned of sanctions.", 5, 32, 2.2, "EU", ("sanctions",),
                   ("actor: “EU”",), cited=True, duplicates=2),
    ])
    qtmodeltester.check(model)
    assert "Brussels imposed sanctions." in model.data(model.index(0, 0))
    assert "✓ cited" in model.data(model.index(1, 0)) and "+2 identical" in model.data(model.index(1, 0))
    assert model.data(model.index(1, 0), SuggestionsModel.CitedRole) is True


def test_select_cell_see_suggestions_cite_one(qtbot, sample_project):
    panel = _panel(qtbot, sample_project)
    actor = frame.find_actor(sample_project, "European Union")
    instrument = frame.find_instrument(sample_project, "Sanctions")
    cell = cells.get(sample_project, actor.id, instrument.id)
    assert excerpts.for_cell(sample_project, cell.id) == []

    def cite(source_id: int, start: int, end: int) -> None:
        excerpts.cite(sample_project, cell.id, source_id, start, end, credibility=2)

    panel.cite_requested.connect(cite)
    _show_cell(qtbot, panel, sample_project, "European Union", "Sanctions")
    assert panel.model.rowCount() >= 1
    first: Suggestion = panel.model.item(0)
    assert first.text.startswith("EU leaders have cautioned")
    assert not panel.cite_button.isEnabled()  # nothing selected yet

    panel.view.setCurrentIndex(panel.model.index(0, 0))
    assert panel.cite_button.isEnabled()
    with qtbot.waitSignal(panel.cite_requested) as blocker:
        qtbot.mouseClick(panel.cite_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [first.source_id, first.start, first.end]

    evidence = excerpts.for_cell(sample_project, cell.id)
    assert [(e.source_id, e.start, e.end, e.quote) for e in evidence] == [
        (first.source_id, first.start, first.end, first.text)]

    # After a refresh the sentence shows as cited and cannot be cited twice.
    with qtbot.waitSignal(panel.suggestions_ready, timeout=10_000):
        panel.refresh()
    assert panel.model.item(0).cited
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    assert not panel.cite_button.isEnabled()
    with qtbot.assertNotEmitted(panel.cite_requested):
        panel.view.doubleClicked.emit(panel.model.index(0, 0))
    assert "already cited" in panel.status.text()


def test_switching_cells_keeps_only_the_latest_result(qtbot, sample_project):
    panel = _panel(qtbot, sample_project)
    china = frame.find_actor(sample_project, "China").id
    diplomacy = frame.find_instrument(sample_project, "Diplomacy").id
    panel.set_cell(frame.find_actor(sample_project, "NATO").id, diplomacy)
    with qtbot.waitSignal(panel.suggestions_ready, timeout=10_000):
        panel.set_cell(china, diplomacy)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=10_000)
    assert panel.model.rowCount() >= 3
    assert all(panel.model.item(r).matched_alias in ("China", "Beijing", "Chinese")
               for r in range(panel.model.rowCount()))


def test_empty_cell_and_no_cell(qtbot, sample_project):
    panel = _panel(qtbot, sample_project)
    _show_cell(qtbot, panel, sample_project, "Japan", "Sanctions")
    assert panel.model.rowCount() == 0
    assert "No sentence names this actor" in panel.status.text()
    panel.set_cell(None, None)
    assert panel.model.rowCount() == 0 and "Select a cell" in panel.status.text()


def test_read_only_project_offers_no_cite(qtbot, sample_path):
    from workbench.store.project import Project

    with Project.open(sample_path, read_only=True) as project:
        panel = _panel(qtbot, project)
        _show_cell(qtbot, panel, project, "European Union", "Sanctions")
        panel.view.setCurrentIndex(panel.model.index(0, 0))
        assert not panel.cite_button.isEnabled()
        assert "read-only" in panel.cite_button.toolTip()
        panel.session.io.shutdown()
