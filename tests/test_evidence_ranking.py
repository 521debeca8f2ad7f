"""Ranking: the actor acting with the instrument above passing mentions, targets and places."""

from __future__ import annotations

from workbench.domain.models import Actor, Instrument
from workbench.evidence.matching import ActorMatcher, TermMatcher
from workbench.evidence.ranking import MIN_SCORE, score_sentence

ACTORS = (
    Actor(1, "a1", "European Union", ("EU", "Brussels"), 0),
    Actor(2, "a2", "Russia", ("Moscow", "Russian"), 1),
    Actor(3, "a3", "North Korea", ("Pyongyang", "North Korean"), 2),
    Actor(4, "a4", "Ukraine", ("Kyiv",), 3),
)
SANCTIONS = Instrument(1, "i1", "Sanctions", ("sanctions", "asset freezes"), 0)
MILITARY = Instrument(2, "i2", "Military aid", ("troops", "weapons", "military assistance"), 1)


def _score(text: str, actor_id: int, instrument: Instrument = SANCTIONS, reliability: str = "F"):
    mentions = ActorMatcher(ACTORS).mentions(text)
    mine = [m for m in mentions if m.owner == actor_id]
    others = [m for m in mentions if m.owner != actor_id]
    return score_sentence(text, mine, others, TermMatcher(instrument).mentions(text),
                          reliability=reliability, position=10_000)


def test_actor_as_subject_beats_actor_as_target():
    text = "EU leaders have cautioned that new sanctions would be directed at both Russia and Pyongyang."
    eu, russia = _score(text, 1), _score(text, 2)
    assert eu is not None and russia is not None
    assert eu.score > russia.score
    assert "the actor is the subject" in eu.why
    assert any("receiving end" in w for w in russia.why)
    assert eu.score >= MIN_SCORE > russia.score


def test_possessive_makes_the_term_the_actors_own():
    own = _score("North Korea’s troops crossed into Russia's Kursk region.", 3, MILITARY)
    theirs = _score("Russia could leverage North Korean troops for the offensive.", 2, MILITARY)
    assert own is not None and theirs is not None
    assert own.score > theirs.score
    assert any("the term belongs to" in w for w in theirs.why)


def test_place_and_war_names_are_not_the_actor_acting():
    acting = _score("Ukraine asked for weapons and military assistance.", 4, MILITARY)
    place = _score("Troops massed in Ukraine during the winter.", 4, MILITARY)
    war = _score("Weapons for the Ukraine war were discussed.", 4, MILITARY)
    assert acting is not None and place is not None and war is not None
    assert acting.score > place.score and acting.score > war.score


def test_no_score_without_both_actor_and_term():
    assert _score("Brussels debated the budget.", 1) is None
    assert _score("Sanctions were debated.", 1) is None


def test_reliability_grade_scales_the_score():
    text = "Brussels imposed sanctions on Moscow."
    a, f, e = _score(text, 1, reliability="A"), _score(text, 1), _score(text, 1, reliability="E")
    assert a is not None and f is not None and e is not None
    assert a.score > f.score > e.score
    assert "source graded A" in a.why


def test_why_names_the_alias_and_terms():
    s = _score("Brussels approved asset freezes and sanctions.", 1)
    assert s is not None
    assert s.alias == "Brussels"
    assert set(s.terms) == {"asset freezes", "sanctions"}
    assert s.why[0] == "actor: “Brussels”"
