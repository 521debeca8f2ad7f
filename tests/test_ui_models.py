"""Item models under pytest-qt's qtmodeltester, plus offset mapping and sorting/filtering."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workbench.domain.hits import SearchHit
from workbench.store import cells, excerpts, frame, sources
from workbench.store import search as search_store
from workbench.ui.evidence_model import EXCERPT_ID_ROLE, EvidenceModel
from workbench.ui.matrix_model import CELL_ROLE, COVERAGE_ROLE, MatrixModel
from workbench.ui.search_model import HIGHLIGHTS_ROLE, SNIPPET_ROLE, SearchModel
from workbench.ui.sources_model import GRADE, PUBLISHED, SOURCE_ID_ROLE, TITLE, SourcesModel
from workbench.ui.text_offsets import Utf16Map, display_text


def _sources_model(project) -> SourcesModel:
    model = SourcesModel()
    model.load(sources.list_headings(project))
    return model


def test_sources_model(qtmodeltester, sample_project):
    model = _sources_model(sample_project)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == sources.count(sample_project) == 5
    grades = {s.id: s.reliability for s in sources.list_all(sample_project)}
    for r in range(model.rowCount()):
        assert model.index(r, GRADE).data() == grades[model.index(r, TITLE).data(SOURCE_ID_ROLE)]
    qtmodeltester.check(model, force_py=True)


def test_sources_model_sorts_and_filters(qtmodeltester, sample_project):
    model = _sources_model(sample_project)
    model.sort(PUBLISHED, Qt.SortOrder.DescendingOrder)
    dates = [model.index(r, PUBLISHED).data() for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    titles = [model.index(r, TITLE).data().casefold() for r in range(model.rowCount())]
    assert titles == sorted(titles)
    model.sort(GRADE, Qt.SortOrder.AscendingOrder)
    letters = [model.index(r, GRADE).data() for r in range(model.rowCount())]
    assert letters == sorted(letters)
    all_sources = sources.list_all(sample_project)
    outlet = next(s.outlet for s in all_sources if s.outlet)
    model.set_filter(outlet.upper())  # case does not matter
    expected = {s.id for s in all_sources
                if outlet.casefold() in f"{s.title} {s.author} {s.outlet} {s.published}".casefold()}
    assert {model.source_id(r) for r in range(model.rowCount())} == expected
    assert 1 <= model.rowCount() < len(all_sources)
    model.set_filter("", {letters[0]})
    assert {model.index(r, GRADE).data() for r in range(model.rowCount())} == {letters[0]}
    model.set_filter("no such words anywhere")
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=True)


def test_matrix_model(qtmodeltester, sample_project):
    model = MatrixModel()
    model.load(frame.actors(sample_project), frame.instruments(sample_project), cells.all_cells(sample_project))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(frame.actors(sample_project))
    assert model.columnCount() == len(frame.instruments(sample_project))
    assert model.headerData(0, Qt.Orientation.Vertical) == frame.actors(sample_project)[0].name
    eu = frame.find_actor(sample_project, "EU")
    sanctions = frame.find_instrument(sample_project, "Sanctions")
    index = model.index_of(eu.id, sanctions.id)
    cell = index.data(CELL_ROLE)
    assert (cell.actor_id, cell.instrument_id) == (eu.id, sanctions.id)
    assert index.data(COVERAGE_ROLE) is None
    model.set_coverage({(eu.id, sanctions.id): (12, 3)})
    assert index.data(COVERAGE_ROLE) == (12, 3)
    assert "12 candidate" in index.data(Qt.ItemDataRole.ToolTipRole)
    cells.update(sample_project, cell.id, posture="Changed here")
    model.update_cell(cells.by_id(sample_project, cell.id))
    assert index.data() == "Changed here"
    qtmodeltester.check(model, force_py=True)


def test_evidence_model(qtmodeltester, sample_project):
    cell = next(c for c in cells.all_cells(sample_project) if c.evidence_count)
    model = EvidenceModel()
    model.load(excerpts.for_cell(sample_project, cell.id))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == cell.evidence_count
    first = excerpts.for_cell(sample_project, cell.id)[0]
    assert model.index(0).data(EXCERPT_ID_ROLE) == first.id
    assert model.index(0).data().startswith("[1] “")


def test_search_model(qtmodeltester, sample_project):
    result = search_store.search(sample_project, "sanctions")
    assert result.hits
    model = SearchModel()
    model.set_hits("sanctions", result.hits)
    qtmodeltester.check(model, force_py=True)
    snippet = model.index(0).data(SNIPPET_ROLE)
    for start, end in model.index(0).data(HIGHLIGHTS_ROLE):
        assert "sanction" in snippet[start:end].casefold()
    model.set_hits("x", (SearchHit(1, "t", "s", (), 0.0),))
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize("text", ["plain ascii", "a😀b한😀😀c", "𝒳" * 5, "", "e\u0301 combining 🇪🇺 flag"])
def test_utf16_map_round_trips(text):
    m = Utf16Map(text)
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert q == len(text[:i].encode("utf-16-le")) // 2
        assert m.to_py(q) == i
    assert m.trivial == (len(text.encode("utf-16-le")) == 2 * len(text))


def test_display_text_keeps_length_and_drops_carriage_returns():
    text = "one\r\ntwo\rthree\n"
    shown = display_text(text)
    assert len(shown) == len(text) and "\r" not in shown
    assert shown.split("\n")[1:3] == ["two", "three"]
