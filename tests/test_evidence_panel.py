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
    # One sentence, now cited: said in the singular, and that none is left to cite.
    assert panel.model.rowCount() == 1
    assert panel.status.text().startswith("1 sentence of direct evidence (all cited already).")
    panel.show()
    qtbot.waitExposed(panel)
    first_row = panel.view.visualRect(panel.model.index(0, 0)).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    assert panel.view.currentIndex().row() == 0
    assert not panel.cite_button.isEnabled() and "already cited" not in panel.status.text()
    with qtbot.assertNotEmitted(panel.cite_requested):
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    assert "already cited" in panel.status.text()
    _show_cell(qtbot, panel, sample_project, "North Korea", "Military aid")
    n = panel.model.rowCount()
    assert n > 1 and panel.status.text().startswith(f"{n} sentences of direct evidence (")


def test_switching_cells_keeps_only_the_latest_result(qtbot, sample_project):
    panel = _panel(qtbot, sample_project)
    russia = frame.find_actor(sample_project, "Russia")
    diplomacy = frame.find_instrument(sample_project, "Diplomacy").id
    panel.set_cell(frame.find_actor(sample_project, "NATO").id, diplomacy)
    with qtbot.waitSignal(panel.suggestions_ready, timeout=10_000):
        panel.set_cell(russia.id, diplomacy)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=10_000)
    assert panel.model.rowCount() >= 3
    assert all(panel.model.item(r).matched_alias in (russia.name, *russia.aliases)
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


def _click_row(qtbot, view, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_direct_and_related_groups_and_citing_from_either(qtbot, sample_project):
    panel = _panel(qtbot, sample_project)
    panel.resize(520, 700)
    panel.show()
    actor = frame.find_actor(sample_project, "United States")
    instrument = frame.find_instrument(sample_project, "Diplomacy")
    cell = cells.get(sample_project, actor.id, instrument.id)
    assert excerpts.for_cell(sample_project, cell.id) == []
    panel.cite_requested.connect(lambda sid, s, e: excerpts.cite(sample_project, cell.id, sid, s, e))
    _show_cell(qtbot, panel, sample_project, "United States", "Diplomacy")

    # Direct evidence first, each with the reason it is direct; related ones collapsed.
    direct = [panel.model.item(r) for r in range(panel.model.rowCount())]
    related = [panel.related_model.item(r) for r in range(panel.related_model.rowCount())]
    assert direct and related
    assert all(s.direct for s in direct) and not any(s.direct for s in related)
    assert all("\nDirect: " in panel.model.data(panel.model.index(r, 0)) for r in range(len(direct)))
    assert all("\nRelated: " in panel.related_model.data(panel.related_model.index(r, 0))
               for r in range(len(related)))
    assert panel.direct_label.text() == f"Direct evidence ({len(direct)})"
    assert panel.related_toggle.text() == f"Related sentences ({len(related)})"
    assert panel.view.isVisible() and not panel.related_view.isVisible()

    # Open the related group and cite one of its sentences by clicking.
    qtbot.mouseClick(panel.related_toggle, Qt.MouseButton.LeftButton)
    assert panel.related_view.isVisible()
    _click_row(qtbot, panel.related_view, 0)
    assert panel.selected() == related[0] and panel.cite_button.isEnabled()
    qtbot.mouseClick(panel.cite_button, Qt.MouseButton.LeftButton)

    # Then one of the direct group: the selection moves over, the other group's is cleared.
    _click_row(qtbot, panel.view, 0)
    assert not panel.related_view.selectionModel().hasSelection()
    assert panel.selected() == direct[0]
    qtbot.mouseClick(panel.cite_button, Qt.MouseButton.LeftButton)

    cited = {(e.source_id, e.start, e.end) for e in excerpts.for_cell(sample_project, cell.id)}
    assert cited == {(related[0].source_id, related[0].start, related[0].end),
                     (direct[0].source_id, direct[0].start, direct[0].end)}

    # Collapsing the group again hides it and drops its selection.
    _click_row(qtbot, panel.related_view, 0)
    qtbot.mouseClick(panel.related_toggle, Qt.MouseButton.LeftButton)
    assert not panel.related_view.isVisible() and panel.selected() is None


def test_a_cell_without_direct_evidence_shows_none_as_direct(qtbot, sample_project):
    panel = _panel(qtbot, sample_project)
    _show_cell(qtbot, panel, sample_project, "Russia", "Sanctions")
    assert panel.model.rowCount() == 0
    assert panel.related_model.rowCount() > 0
    assert "No direct evidence" in panel.status.text()
    assert panel.related_toggle.isEnabled() and not panel.related_toggle.isChecked()
