"""The model that weighs the finder's reading: its features, its fitting, and what it may change."""

from __future__ import annotations

import json

import pytest

from workbench import paths
from workbench.domain.models import Actor, Instrument
from workbench.evidence import model
from workbench.evidence.matching import ActorMatcher, TermMatcher
from workbench.evidence.ranking import DIRECT_SCORE, MIN_SCORE, score_sentence

ACTORS = (Actor(1, "a1", "South Korea", ("Seoul",), 0),
          Actor(2, "a2", "North Korea", ("Pyongyang", "North Korean"), 1))
SEOUL, NORTH = 1, 2
SANCTIONS = Instrument(1, "i1", "Sanctions", ("sanctions",), 0)
MILITARY = Instrument(2, "i2", "Military aid", ("troops", "weapons"), 1)
DIPLOMACY = Instrument(3, "i3", "Diplomacy", ("talks", "cooperation"), 2)


def _score(text: str, actor: int, instrument: Instrument, **kw):
    mentions = ActorMatcher(ACTORS).mentions(text)
    mine = [m for m in mentions if m.owner == actor]
    others = [m for m in mentions if m.owner != actor]
    return score_sentence(text, mine, others, TermMatcher(instrument).mentions(text), **kw)


def _feature(scored, name: str) -> float:
    return scored.features[model.FEATURES.index(name)]


def test_the_stored_weights_match_the_features():
    data = json.loads((paths.resources() / model.MODEL_FILE).read_text(encoding="utf-8"))
    w = model.from_json(data)
    assert len(w.weights) == len(model.FEATURES) and 0 < w.direct_at < 1
    # A file written for other features is refused rather than read askew.
    with pytest.raises(ValueError):
        model.from_json({**data, "features": data["features"][1:]})


def test_conditionals_hypotheticals_and_negations_are_read():
    # (An act inside the condition itself is only supposed, and the rules do not call it direct.)
    text = "Seoul would impose sanctions on Pyongyang if the talks were to fail."
    s = _score(text, SEOUL, SANCTIONS)
    assert _feature(s, "conditional") == 1 and _feature(s, "hypothetical verb") == 1
    plain = _score("Seoul imposed sanctions on Pyongyang.", SEOUL, SANCTIONS)
    assert _feature(plain, "conditional") == 0 and _feature(plain, "hypothetical verb") == 0
    assert _feature(plain, "negation") == 0
    assert _feature(_score("Seoul has not imposed sanctions on Pyongyang.", SEOUL, SANCTIONS), "negation") == 1
    # "if" inside a word, "nothing" and "notably" are no such cues.
    other = _score("Seoul notably imposed sanctions on Pyongyang, iffy as they were.", SEOUL,
                   SANCTIONS)
    assert _feature(other, "conditional") == 0 and _feature(other, "negation") == 0
    told = _score("Seoul imposed sanctions after envoys were told to leave.", SEOUL, SANCTIONS)
    assert _feature(told, "conditional") == 0


def test_headings_and_questions_are_read():
    # The rules do not call an act only asked about direct: the model reads it while fitting.
    asked = "Will Seoul impose sanctions on Pyongyang?"
    assert not _score(asked, SEOUL, SANCTIONS).direct
    with model.record():
        question = _score(asked, SEOUL, SANCTIONS)
    assert _feature(question, "question") == 1 and _feature(question, "no closing punctuation") == 1
    # A heading stating the actor's act is read like any sentence (the grading guide): the
    # rules may call it direct, and the model weighs it knowing it is a heading.
    read = _score("Seoul weighs sanctions on Pyongyang banks", SEOUL, SANCTIONS)
    assert _feature(read, "heading") == 1 and _feature(read, "no closing punctuation") == 1


def test_what_the_model_reads_does_not_depend_on_position_or_source():
    # The index reads a sentence without its place or its source's grade, the panel with them:
    # both must decide direct alike.
    text = "Pyongyang talks were set for May."
    bare = _score(text, NORTH, DIPLOMACY, position=10_000)
    placed = _score(text, NORTH, DIPLOMACY, position=0, reliability="A")
    assert bare.features == placed.features and bare.direct == placed.direct


def test_the_model_only_withdraws_a_direct_mark():
    ruled_out = "Seoul's military cooperation with Washington deepened."  # a weak term: never direct
    acting = "Seoul imposed sanctions on Pyongyang."
    eager = model.Weights(10.0, (0.0,) * len(model.FEATURES), 0.5)
    with model.using(eager):
        assert not _score(ruled_out, SEOUL, DIPLOMACY).direct
        assert _score(acting, SEOUL, SANCTIONS).direct
        with model.record():  # weighed, as while fitting, and still not direct
            assert not _score(ruled_out, SEOUL, DIPLOMACY).direct
    doubtful = model.Weights(-10.0, (0.0,) * len(model.FEATURES), 0.5)
    with model.using(doubtful):
        withdrawn = _score(acting, SEOUL, SANCTIONS)
    # Withdrawn, it stays in view as related, and says why.
    assert not withdrawn.direct and MIN_SCORE <= withdrawn.score < DIRECT_SCORE
    assert any("so related" in w for w in withdrawn.why)


def test_the_stored_model_weighs_owners_of_generic_terms_lower_than_actors():
    owner = _score("North Korean troops could be sent to the front.", NORTH, MILITARY)
    actor = _score("Pyongyang sent troops to the front.", NORTH, MILITARY)
    assert actor.direct and not owner.direct
    assert any("weighed" in w and "so related" in w for w in owner.why)


def test_fitting_learns_which_way_a_feature_points():
    width = len(model.FEATURES)
    heading = model.FEATURES.index("heading")
    direct = model.FEATURES.index("direct role")
    rows, targets = [], []
    for n in range(40):
        x = [0.0] * width
        x[direct] = 1.0
        x[heading] = float(n % 2)
        rows.append(tuple(x))
        targets.append(0.0 if n % 2 else 1.0)  # headings are never direct
    bias, weights = model.fit(rows, targets, steps=300)
    assert weights[heading] < -1 and weights[direct] + bias > 0
    w = model.Weights(bias, weights, 0.5)
    assert model.probability(rows[0], w) > 0.5 > model.probability(rows[1], w)


def test_related_sentences_are_weighed_only_while_fitting():
    # In use the model only weighs what the rules call direct; fitting reads related ones too.
    related = "Washington and Seoul imposed sanctions on Pyongyang."
    target = _score(related, NORTH, SANCTIONS)
    assert not target.direct and target.features == ()
    assert not any("weighed" in w for w in target.why)
    with model.record():
        recorded = _score(related, NORTH, SANCTIONS)
    assert recorded.features and _feature(recorded, "direct role") == 0
    assert recorded.score == target.score and not recorded.direct


def test_a_withdrawn_mark_names_what_weighed_against_it():
    # The reasons of a withdrawn mark name the cue against it, in plain words; those of a mark
    # kept name what weighed for it.
    weights = [0.0] * len(model.FEATURES)
    weights[model.FEATURES.index("hypothetical verb")] = -4.0
    weights[model.FEATURES.index("direct role")] = 1.0
    with model.using(model.Weights(1.0, tuple(weights), 0.5)):
        doubtful = _score("Seoul could impose sanctions on Pyongyang.", SEOUL, SANCTIONS)
        plain = _score("Seoul imposed sanctions on Pyongyang.", SEOUL, SANCTIONS)
    assert not doubtful.direct and plain.direct
    assert "weighed 12% likely direct, so related (against: would, could, might or may)" in doubtful.why
    assert "weighed 88% likely direct, so direct" in plain.why  # what every direct mark has is not named
