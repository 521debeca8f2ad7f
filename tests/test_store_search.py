"""Full-text search with whatever a user types (HAZARDS 19): never an exception, words still found."""

from __future__ import annotations

import pytest

from workbench.store import search, sources
from workbench.store.project import Project

EMERGENCY_FILE = "004_232de966bcacab0b.txt"  # calls for a UN emergency session

HOSTILE = [
    '"unbalanced', 'unbalanced"', '"', '""', "'", "AND OR", "AND", "OR", "NOT", "NEAR", "*", "**",
    "NEAR(", "NEAR(troops", "NEAR(troops session, 5", "col:", "title:", "nosuchcolumn: troops",
    "{title text", "^", "^^troops", "troops^", "(", ")", "((troops)", "troops)", "-", "-troops",
    "+", "troops +", ":", "::", "troops AND", "OR troops", "troops NOT", "*troops", "tro*ps",
    "", "   ", "\t\n", "!!!???", ".,;:-_", "()[]{}<>", "\\", "%", "_", "'; DROP TABLE source; --",
    "\x00", "troops\x00session", "\x00\x00\x00", "\ue000", "\ue000troops\ue001",
    "🇺🇦", "한국어", "Пхеньян", "e\u0301", "\u200b", "troops" + "\u0000" * 5,
    "x" * 10_000, "troops " * 1_430, ("(" * 5000) + ("\"" * 5000), "NEAR(" * 2000,
    " OR ".join(["troops"] * 2000),
]


@pytest.fixture(scope="module")
def project(sample_template) -> Project:
    with Project.open(sample_template, read_only=True) as p:
        yield p


def emergency_id(project: Project) -> int:
    (src,) = [s for s in sources.list_all(project) if s.filename == EMERGENCY_FILE]
    return src.id


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:30]))
def test_hostile_query_never_raises(project: Project, query: str):
    result = search.search(project, query)
    assert isinstance(result.hits, tuple)
    for hit in result.hits:
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)
        assert "\ue000" not in hit.snippet and "\ue001" not in hit.snippet
    if result.literal:
        assert result.message
    ranges = search.match_ranges(project, 1, query)
    assert all(0 <= s < e for s, e in ranges)


def test_empty_and_punctuation_queries_find_nothing_quietly(project: Project):
    for query in ("", "   ", "!!!???", "()[]{}", "\x00"):
        result = search.search(project, query)
        assert result.hits == ()


@pytest.mark.parametrize("query", [
    '"emergency session', 'emergency session"', "emergency AND OR session", "NEAR(emergency session",
    "emergency session ^", "emergency: session", "emergency session (", "emergency)session",
    "emergency\x00 session", '"emergency" ""session',
])
def test_literal_fallback_finds_the_words(project: Project, query: str):
    result = search.search(project, query)
    assert result.hits, query
    assert emergency_id(project) in [h.source_id for h in result.hits[:2]], query


def test_valid_syntax_is_not_treated_literally(project: Project):
    for query in ('"emergency session"', "emergency AND session", "sanction*", "NEAR(emergency session, 3)",
                  "title: korea", "troops NOT ukraine"):
        result = search.search(project, query)
        assert not result.literal, query
    phrase = search.search(project, '"emergency session"')
    assert [h.source_id for h in phrase.hits] == [emergency_id(project)]
    prefix = search.search(project, "sanction*")
    assert len(prefix.hits) >= 3


def test_best_match_first_with_highlights(project: Project):
    result = search.search(project, "emergency session")
    top = result.hits[0]
    assert top.source_id == emergency_id(project)
    marked = {top.snippet[s:e].lower() for s, e in top.highlights}
    assert marked <= {"emergency", "session"} and marked
    assert [h.score for h in result.hits] == sorted(h.score for h in result.hits)


def test_limit_is_respected_and_clamped(project: Project):
    assert len(search.search(project, "korea", limit=2).hits) == 2
    assert len(search.search(project, "korea", limit=0).hits) == 1
    assert len(search.search(project, "korea", limit=10**9).hits) == 5


def test_match_ranges_point_at_the_words(project: Project):
    source_id = emergency_id(project)
    text = sources.get(project, source_id).text
    ranges = search.match_ranges(project, source_id, '"emergency session')
    words = {text[s:e].lower() for s, e in ranges}
    assert "emergency" in words and "session" in words
    assert search.match_ranges(project, source_id, "AND OR NOT") == []
    assert search.match_ranges(project, 999_999, "troops") == []


def test_search_after_edits_stays_in_step(sample_project: Project):
    source_id = emergency_id(sample_project)
    sources.update(sample_project, source_id, title="Quarantined dispatch from Jakarta")
    hits = search.search(sample_project, "quarantined").hits
    assert [h.source_id for h in hits] == [source_id]
    assert search.search(sample_project, "emergency session").hits
    sample_project.db.execute("INSERT INTO source_fts (source_fts) VALUES ('integrity-check')")


def test_very_long_queries_are_cut_with_a_message(project: Project):
    pasted = "emergency session " + " ".join(f"word{i}" for i in range(3000))
    result = search.search(project, pasted)
    assert result.literal and str(search.MAX_WORDS) in result.message
    assert result.hits == ()  # all 64 words must match, and word1.. are in no source
    repeated = search.search(project, "emergency session " * 2000)
    assert [h.source_id for h in repeated.hits][:1] == [emergency_id(project)]


def test_literal_query_quotes_each_different_word_once():
    assert search.literal_query('Troops troops AND "x" NEAR(y') == '"Troops" "x" "y"'
    assert search.literal_query("AND OR") == '"AND" "OR"'  # only operators: search them as words
    assert search.literal_query("!!!") == ""
    assert search.literal_query(" ".join(f"w{i}" for i in range(100))).count('"') == 2 * search.MAX_WORDS
