"""Suggestions and coverage on the real sample project file."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.cli import main
from workbench.evidence.coverage import coverage
from workbench.evidence.finder import suggest
from workbench.ingest.importer import import_paths
from workbench.store import cells, excerpts, frame, sources
from workbench.store.project import Project


def _cell(project: Project, actor: str, instrument: str) -> tuple[int, int]:
    return frame.find_actor(project, actor).id, frame.find_instrument(project, instrument).id


def test_suggestions_quote_the_source_exactly(sample_project):
    a, i = _cell(sample_project, "China", "Diplomacy")
    items = suggest(sample_project, a, i, limit=10)
    assert items
    for s in items:
        text = sources.get(sample_project, s.source_id).text or ""
        assert text[s.start:s.end] == s.text
        assert s.matched_alias in frame.actor(sample_project, a).names()
        assert s.matched_terms and s.why
    assert [s.score for s in items] == sorted((s.score for s in items), reverse=True)
    assert items[0].text.startswith("Beijing’s diplomatic efforts to mediate")


def test_citing_a_suggestion_marks_it_cited(sample_project):
    a, i = _cell(sample_project, "European Union", "Sanctions")
    cell = cells.get(sample_project, a, i)
    assert cell.evidence_count == 0  # the sample leaves this cell for the window test
    first = suggest(sample_project, a, i)[0]
    assert not first.cited
    excerpts.cite(sample_project, cell.id, first.source_id, first.start, first.end)
    again = suggest(sample_project, a, i)[0]
    assert (again.source_id, again.start, again.cited) == (first.source_id, first.start, True)
    # Cited in another cell does not count as cited here.
    other = cells.get(sample_project, *_cell(sample_project, "Russia", "Sanctions"))
    assert other.id != cell.id
    assert all(not s.cited for s in suggest(sample_project, *_cell(sample_project, "Russia", "Sanctions")))


def test_identical_sentences_are_folded(sample_project, tmp_path: Path):
    a, i = _cell(sample_project, "European Union", "Sanctions")
    before = suggest(sample_project, a, i)
    copy = tmp_path / "wire copy.txt"
    copy.write_text("Wire copy\n\n" + before[0].text + "\n\nNothing else here today.\n", encoding="utf-8")
    report = import_paths(sample_project, [copy])
    assert len(report.added) == 1
    after = suggest(sample_project, a, i)
    assert len(after) == len(before)
    assert after[0].duplicates == 1 and after[0].text == before[0].text


def test_alias_and_term_edits_change_the_suggestions(sample_project):
    a, i = _cell(sample_project, "Japan", "Diplomacy")
    assert suggest(sample_project, a, i) == []
    frame.update_instrument(sample_project, i, terms=[*frame.instrument(sample_project, i).terms,
                                                       "direct threat"])
    found = suggest(sample_project, a, i)
    assert found and found[0].matched_terms == ("direct threat",)


def test_unknown_ids_raise_a_plain_error(sample_project):
    import pytest

    from workbench.store.errors import NotFound

    with pytest.raises(NotFound):
        suggest(sample_project, 9999, 1)


def test_coverage_counts_direct_evidence_and_citations(sample_project):
    seen: list[tuple[int, int]] = []
    cov = coverage(sample_project, progress=lambda d, t, _s: seen.append((d, t)) or True)
    actors, instruments = frame.actors(sample_project), frame.instruments(sample_project)
    assert set(cov) == {(a.id, i.id) for a in actors for i in instruments}
    assert seen[-1][0] == seen[-1][1] > 0  # the last report says the pass is done
    for (a, i), (found, cited) in cov.items():
        direct = {s.text for s in suggest(sample_project, a, i, limit=1000) if s.direct}
        assert found == len(direct), frame.actor(sample_project, a).name
        assert cited == cells.get(sample_project, a, i).evidence_count
    assert cov[_cell(sample_project, "North Korea", "Military aid")][0] >= 5
    assert cov[_cell(sample_project, "North Korea", "Military aid")][1] == 3
    assert cov[_cell(sample_project, "Japan", "Sanctions")] == (0, 0)
    # Related sentences do not count: Russia is named with sanctions only as their target.
    russia = _cell(sample_project, "Russia", "Sanctions")
    assert cov[russia][0] == 0 and suggest(sample_project, *russia)


def test_coverage_stops_when_cancelled(sample_project):
    calls = []

    def progress(done: int, total: int, text: str) -> bool:
        calls.append(done)
        return False

    assert coverage(sample_project, progress) == {}
    assert calls == [0]


def test_coverage_counts_every_sentence_without_a_cap(sample_project):
    # Coverage is counted from the evidence index, to the end: no cell stops at a cap.
    a, i = _cell(sample_project, "North Korea", "Military aid")
    found = coverage(sample_project)[(a, i)][0]
    direct = {s.text for s in suggest(sample_project, a, i, limit=1000) if s.direct}
    assert found == len(direct) > 3


def test_cli_suggest_json(sample_path, capsys):
    assert main(["suggest", str(sample_path), "eu", "sanctions", "--json", "--limit", "3"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert 1 <= len(items) <= 3
    keys = {"source_id", "source_title", "sentence_id", "text", "start", "end", "score",
            "matched_alias", "matched_terms", "why", "direct", "cited", "duplicates"}
    assert set(items[0]) == keys
    assert items[0]["matched_alias"] == "EU" and items[0]["matched_terms"] == ["sanctions"]
    assert items[0]["direct"] is True and items[0]["score"] >= 2
    with Project.open(sample_path, read_only=True) as project:
        text = sources.get(project, items[0]["source_id"]).text or ""
    assert text[items[0]["start"]:items[0]["end"]] == items[0]["text"]


def test_cli_suggest_text_and_errors(sample_path, capsys):
    assert main(["suggest", str(sample_path), "Beijing", "Diplomacy"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(" 1. [") and "why: actor: “Beijing”" in out
    assert " direct] " in out.splitlines()[0]
    assert main(["suggest", str(sample_path), "Atlantis", "Diplomacy"]) == 1
    assert "No actor is called “Atlantis”" in capsys.readouterr().err


def test_one_score_threshold_separates_direct_from_related(sample_project):
    from workbench.evidence.ranking import DIRECT_SCORE

    seen = {True: 0, False: 0}
    for a in frame.actors(sample_project):
        for i in frame.instruments(sample_project):
            items = suggest(sample_project, a.id, i.id, limit=1000)
            for s in items:
                assert s.direct == (s.score >= DIRECT_SCORE), (s.score, s.text)
                seen[s.direct] += 1
            # Direct evidence always comes first.
            assert [s.direct for s in items] == sorted((s.direct for s in items), reverse=True)
    assert seen[True] > 20 and seen[False] > 20


def test_verb_terms_reach_suggestions_and_coverage_through_the_full_text_index(sample_project, tmp_path: Path):
    us, sanctions = _cell(sample_project, "United States", "Sanctions")
    nato, military = _cell(sample_project, "NATO", "Military aid")
    before = coverage(sample_project)
    note = tmp_path / "options.txt"
    note.write_text("Options paper\n\nWashington ought to target the banks in the Gulf that move the money. "
                    "NATO would arm the rebels whatever the cost.\n", encoding="utf-8")
    assert len(import_paths(sample_project, [note]).added) == 1
    banks = [s for s in suggest(sample_project, us, sanctions) if "target the banks" in s.text]
    assert banks and banks[0].direct and "target … banks" in banks[0].matched_terms
    armed = [s for s in suggest(sample_project, nato, military) if "would arm" in s.text]
    assert armed and armed[0].direct
    after = coverage(sample_project)
    assert after[(us, sanctions)][0] == before[(us, sanctions)][0] + 1
    assert after[(nato, military)][0] == before[(nato, military)][0] + 1
