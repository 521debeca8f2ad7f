"""Ranking: the actor acting with the instrument above passing mentions, targets and places."""

from __future__ import annotations

import pytest

from workbench.domain.models import Actor, Instrument
from workbench.evidence.matching import ActorMatcher, TermMatcher
from workbench.evidence.ranking import DIRECT_SCORE, MIN_SCORE, score_sentence

# Rules are tested as the rules decide; the model that may withdraw a direct mark is tested
# on its own (test_evidence_model.py), so a refit of its weights cannot fail these.
pytestmark = pytest.mark.usefixtures("rules_alone")

ACTORS = (
    Actor(1, "a1", "European Union", ("EU", "Brussels"), 0),
    Actor(2, "a2", "Russia", ("Moscow", "Russian", "Kremlin"), 1),
    Actor(3, "a3", "North Korea", ("Pyongyang", "North Korean"), 2),
    Actor(4, "a4", "Ukraine", ("Kyiv",), 3),
    Actor(5, "a5", "China", ("Beijing", "Chinese"), 4),
    Actor(6, "a6", "South Korea", ("Seoul", "South Korean"), 5),
    Actor(7, "a7", "United Nations", ("UN", "Security Council"), 6),
)
EU, RUSSIA, NORTH_KOREA, UKRAINE, CHINA, SOUTH_KOREA, UN = range(1, 8)
SANCTIONS = Instrument(1, "i1", "Sanctions", ("sanctions", "asset freezes", "designations"), 0)
MILITARY = Instrument(2, "i2", "Military aid", ("troops", "weapons", "military assistance", "deployment",
                                                "support", "shells"), 1)
DIPLOMACY = Instrument(3, "i3", "Diplomacy", ("dialogue", "concern", "talks", "summon", "envoy"), 2)


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
    assert eu.direct and not russia.direct
    assert any("threatens" in w for w in eu.why)
    assert any("receiving end" in w for w in russia.why)
    assert eu.score >= DIRECT_SCORE > russia.score >= MIN_SCORE


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


def _direct(text: str, actor_id: int, instrument: Instrument) -> bool:
    scored = _score(text, actor_id, instrument)
    assert scored is not None, text
    assert scored.direct == (scored.score >= DIRECT_SCORE)  # one threshold tells them apart
    return scored.direct


def test_direct_and_related_kept_apart():
    # The actor acts: subject, passive agent, urged to act, owner of the term.
    assert _direct("Brussels imposed sanctions on Moscow.", EU, SANCTIONS)
    assert _direct("Twelve banks were hit with asset freezes by the EU last week.", EU, SANCTIONS)
    assert _direct("Kyiv urged the EU to adopt new sanctions.", EU, SANCTIONS)
    assert _direct("North Korean troops crossed the border.", NORTH_KOREA, MILITARY)
    # The actor is acted on, only reports, or is named nearby.
    assert not _direct("Brussels imposed sanctions on Moscow.", RUSSIA, SANCTIONS)
    assert not _direct("Moscow was isolated by the sanctions.", RUSSIA, SANCTIONS)
    assert not _direct("Seoul confirmed that North Korean troops had arrived.", SOUTH_KOREA, MILITARY)


def test_passive_with_due_to_is_not_the_actor_acting():
    text = "North Korea's economy, while resilient, has been isolated due to international sanctions."
    assert not _direct(text, NORTH_KOREA, SANCTIONS)


def test_violating_or_undergoing_sanctions_is_being_their_target():
    assert not _direct("Pyongyang would violate UN sanctions by doing so.", NORTH_KOREA, SANCTIONS)
    assert _direct("Pyongyang would violate UN sanctions by doing so.", UN, SANCTIONS)
    text = "Moscow hopes to ease the sanctions imposed on it since the invasion."
    assert not _direct(text, RUSSIA, SANCTIONS)


def test_support_for_an_actor_makes_it_the_recipient():
    scored = _score("The summit pledged more support for Ukraine.", UKRAINE, MILITARY)
    assert scored is not None and not scored.direct
    assert any("receiving end" in w for w in scored.why)


def test_stakes_for_an_actor_are_not_its_action():
    text = "The deployment heightens the stakes for Beijing, which prefers quiet talks."
    assert not _direct(text, CHINA, MILITARY)


def test_one_clause_does_not_lend_its_verb_to_another():
    text = "Beijing said it had concerns, while Moscow dismissed the talks."
    assert _direct(text, CHINA, DIPLOMACY)
    assert not _direct("While Beijing voiced concern, Russian envoys stayed silent.", RUSSIA, SANCTIONS) \
        if _score("While Beijing voiced concern, Russian envoys stayed silent.", RUSSIA, SANCTIONS) else True
    assert not _direct("Seoul said that Moscow would send more troops.", SOUTH_KOREA, MILITARY)
    assert _direct("Seoul said that Moscow would send more troops.", RUSSIA, MILITARY)


def test_reported_speech_credits_the_reported_actor():
    text = "The intelligence service of South Korea confirmed the deployment of North Korean troops."
    assert not _direct(text, SOUTH_KOREA, MILITARY)
    assert _direct(text, NORTH_KOREA, MILITARY)


def test_lists_with_dashes_share_the_urging():
    text = "The Security Council urged all sides—Russia, Ukraine and North Korea—to return to dialogue."
    for actor in (RUSSIA, UKRAINE, NORTH_KOREA, UN):
        assert _direct(text, actor, DIPLOMACY), actor


def test_summoning_an_envoy_is_the_summoner_acting():
    text = "Seoul summoned the Chinese envoy over the remarks."
    assert _direct(text, SOUTH_KOREA, DIPLOMACY)


def test_common_constructions_of_news_reports():
    cases = [
        ("Brussels and Kyiv signed a security accord with sanctions clauses.", EU, SANCTIONS, True),
        ("The sanctions, announced by Brussels on Monday, target Russian banks.", EU, SANCTIONS, True),
        ("The sanctions, announced by Brussels on Monday, target Russian banks.", RUSSIA, SANCTIONS, False),
        ("Moscow has been hit by the EU's sanctions.", RUSSIA, SANCTIONS, False),
        ("Moscow has been hit by the EU's sanctions.", EU, SANCTIONS, True),
        ("Pyongyang refused to supply more shells.", NORTH_KOREA, MILITARY, True),
        ("Pyongyang is believed to have sent troops.", NORTH_KOREA, MILITARY, True),
        ("Kyiv received weapons from Pyongyang's neighbour.", UKRAINE, MILITARY, False),
        ("Seoul warned Moscow against sending more troops.", SOUTH_KOREA, MILITARY, False),
        ("Seoul accused Pyongyang of supplying shells to Moscow.", SOUTH_KOREA, MILITARY, False),
        ("Seoul accused Pyongyang of supplying shells to Moscow.", NORTH_KOREA, MILITARY, True),
        ("Seoul accused Pyongyang of supplying shells to Moscow.", RUSSIA, MILITARY, False),
        ("According to Seoul, Pyongyang sent more troops in May.", SOUTH_KOREA, MILITARY, False),
        ("According to Seoul, Pyongyang sent more troops in May.", NORTH_KOREA, MILITARY, True),
        ("Beijing, which has avoided sanctions so far, urged calm.", CHINA, SANCTIONS, False),
        ("Officials in Seoul said the troops had arrived.", SOUTH_KOREA, MILITARY, False),
    ]
    wrong = [(text, actor) for text, actor, instrument, direct in cases
             if _direct(text, actor, instrument) != direct]
    assert wrong == []


def test_wire_copy_with_the_default_terms():
    from workbench import sample

    frame = {i["name"]: Instrument(n, f"i{n}", i["name"], tuple(i["terms"]), n)
             for n, i in enumerate(sample.default_frame()["instruments"], 1)}
    D, S, M = frame["Diplomacy"], frame["Sanctions"], frame["Military aid"]  # noqa: N806
    cases = [
        ("The EU on Friday extended its economic sanctions against Russia by six months.", EU, S, True),
        ("The EU on Friday extended its economic sanctions against Russia by six months.", RUSSIA, S, False),
        ("Russian Foreign Minister Sergei Lavrov met his North Korean counterpart in Moscow.", NORTH_KOREA, D, True),
        ("Ukraine has asked Seoul for air defence systems.", SOUTH_KOREA, M, False),
        # A denial is related, not the act (tests/data/evidence_grading.md).
        ("Pyongyang denied sending weapons to Russia.", NORTH_KOREA, M, False),
        ("China has repeatedly called for a ceasefire.", CHINA, D, True),
        ("Beijing slammed the new EU sanctions on Chinese firms.", CHINA, D, True),
        ("Beijing slammed the new EU sanctions on Chinese firms.", CHINA, S, False),
        ("Beijing slammed the new EU sanctions on Chinese firms.", EU, S, True),
        ("Seoul is weighing whether to send howitzers to Kyiv.", SOUTH_KOREA, M, True),
        ("Seoul is weighing whether to send howitzers to Kyiv.", UKRAINE, M, False),
        ("Moscow and Pyongyang deepened their military cooperation last year.", RUSSIA, M, True),
        ("Weapons shipped from North Korea have been found in Ukraine.", NORTH_KOREA, M, True),
        ("Weapons shipped from North Korea have been found in Ukraine.", UKRAINE, M, False),
        ("The UN Security Council imposed an arms embargo on the country in 2006.", UN, S, True),
        ("Kyiv's allies have pledged more artillery ammunition.", UKRAINE, M, False),
        ("Brussels is preparing a new round of sanctions targeting Russian oil exports.", EU, S, True),
        ("The new sanctions on Russia were agreed by EU ambassadors on Wednesday.", EU, S, True),
        ("The new sanctions on Russia were agreed by EU ambassadors on Wednesday.", RUSSIA, S, False),
        ("Japan joined the United States in imposing export controls on Chinese chip makers.", CHINA, S, False),
        ("Russian troops, backed by North Korean soldiers, retook the village.", NORTH_KOREA, M, True),
        ("The Kremlin thanked Pyongyang for its military support.", RUSSIA, M, False),
        ("The Kremlin thanked Pyongyang for its military support.", NORTH_KOREA, M, True),
    ]
    wrong = [(text, actor, instrument.name) for text, actor, instrument, direct in cases
             if _direct(text, actor, instrument) != direct]
    assert wrong == []


def test_op_ed_phrasing_with_the_default_terms():
    from workbench import sample

    frame = {i["name"]: Instrument(n, f"i{n}", i["name"], tuple(i["terms"]), n)
             for n, i in enumerate(sample.default_frame()["instruments"], 1)}
    D, S, M = frame["Diplomacy"], frame["Sanctions"], frame["Military aid"]  # noqa: N806
    cases = [
        ("It is time for Seoul to supply Kyiv with artillery.", SOUTH_KOREA, M, True),
        ("It is time for Seoul to supply Kyiv with artillery.", UKRAINE, M, False),
        ("Brussels cannot afford to lift the sanctions now.", EU, S, True),
        ("Japan, South Korea and the EU have all imposed sanctions on Pyongyang.", SOUTH_KOREA, S, True),
        ("Japan, South Korea and the EU have all imposed sanctions on Pyongyang.", NORTH_KOREA, S, False),
        ("Sanctions have been imposed on Pyongyang by the UN since 2006.", UN, S, True),
        ("Sanctions have been imposed on Pyongyang by the UN since 2006.", NORTH_KOREA, S, False),
        ("Seoul should consider sending weapons, the op-ed argues.", SOUTH_KOREA, M, True),
        ("Moscow's war effort now depends on North Korean shells.", RUSSIA, M, False),
        ("Moscow's war effort now depends on North Korean shells.", NORTH_KOREA, M, True),
        ("The talks in Beijing ended without agreement.", CHINA, D, False),
        ("Beijing hosted talks between the two sides.", CHINA, D, True),
        ("The EU must stop dithering and send Kyiv the air defence it needs.", EU, M, True),
        ("The EU must stop dithering and send Kyiv the air defence it needs.", UKRAINE, M, False),
        ("Neither Seoul nor Tokyo has sent lethal aid to Ukraine.", SOUTH_KOREA, M, True),
        ("A Chinese envoy visited Kyiv and Moscow last spring.", CHINA, D, True),
        ("A Chinese envoy visited Kyiv and Moscow last spring.", UKRAINE, D, False),
        ("Russia is expected to face new sanctions.", RUSSIA, S, False),
        ("The UN's sanctions monitors reported new violations by North Korea.", UN, S, True),
        ("The UN's sanctions monitors reported new violations by North Korea.", NORTH_KOREA, S, False),
    ]
    wrong = [(text, actor, instrument.name) for text, actor, instrument, direct in cases
             if _direct(text, actor, instrument) != direct]
    assert wrong == []


def test_a_run_on_sentence_is_not_read_for_structure():
    # A table or list that lost its punctuation can make one "sentence" of thousands of
    # names and terms; reading its structure would cost time for nothing.
    text = " ".join(["Brussels imposed sanctions on Moscow, and Kyiv sent troops"] * 300) + "."
    scored = _score(text, EU)
    assert scored is not None and not scored.direct
    assert "too long a sentence to tell who acts" in scored.why


def test_a_term_that_names_a_factory_or_a_body_is_not_the_instrument():
    factory = _score("Beijing expanded its weapons factories near the coast.", CHINA, MILITARY)
    supplied = _score("Beijing expanded its weapons supplies to the coast.", CHINA, MILITARY)
    assert factory is not None and supplied is not None
    assert not factory.direct and any("names something else" in w for w in factory.why)
    assert supplied.direct
    command = _score("Seoul opened a dialogue centre in Panmunjom.", SOUTH_KOREA, DIPLOMACY)
    assert command is not None and not command.direct
    assert _score("Seoul opened a dialogue with Panmunjom.", SOUTH_KOREA, DIPLOMACY).direct


def test_a_term_that_qualifies_another_instrument_or_an_agency_is_not_this_one():
    embargo = _score("Kyiv wants a weapons embargo on Moscow.", UKRAINE, MILITARY)
    assert embargo is not None and not embargo.direct
    assert _score("Kyiv wants weapons from Seoul.", UKRAINE, MILITARY).direct


def test_general_words_for_goods_are_not_arms_when_the_goods_are_civilian():
    goods = Instrument(4, "i4", "Military aid", ("deliveries", "equipment", "weapons"), 3)
    gas = _score("Moscow resumed gas deliveries to Minsk.", RUSSIA, goods)
    grain = _score("Kyiv increased its deliveries of grain to Africa.", UKRAINE, goods)
    medical = _score("Seoul sent medical equipment to Kyiv.", SOUTH_KOREA, goods)
    for civilian in (gas, grain, medical):
        assert civilian is not None and not civilian.direct
        assert any("civilian goods" in w for w in civilian.why)
    # Unqualified, or goods of war, they are the instrument.
    assert _score("Moscow resumed deliveries to Minsk.", RUSSIA, goods).direct
    assert _score("Seoul sent equipment and weapons and oil to Kyiv.", SOUTH_KOREA, goods).direct
    assert _score("Kyiv increased its deliveries of weapons and grain.", UKRAINE, goods).direct


def test_ties_in_the_armed_field_are_not_diplomacy():
    ties = Instrument(4, "i4", "Diplomacy", ("cooperation", "concerned over"), 3)
    text = "Ministers were concerned over the deepening military cooperation between Russia and North Korea."
    military = _score(text, RUSSIA, ties)
    assert military is not None and not military.direct
    assert any("military, not diplomatic" in w for w in military.why)
    # The same parties to plain cooperation act together.
    plain = _score("Ministers were concerned over the deepening cooperation between Russia and North Korea.", RUSSIA, ties)
    assert plain is not None and plain.direct


def test_a_term_in_a_persons_title_is_not_the_instrument():
    policy = Instrument(5, "i5", "Diplomacy", ("foreign policy", "dialogue"), 4)
    chief = _score("EU foreign policy chief Anna Berg told reporters the fleet was a threat.", EU, policy)
    assert chief is not None and not chief.direct
    assert any("names something else" in w for w in chief.why)
    # The policy itself is still the instrument.
    assert _score("The EU foreign policy now favours dialogue with Beijing.", EU, policy).direct


def test_ties_whose_object_is_arms_are_not_diplomacy():
    ties = Instrument(6, "i6", "Diplomacy", ("coordination",), 5)
    armed = _score("The EU will take over the coordination of weapons deliveries.", EU, ties)
    assert armed is not None and not armed.direct
    assert any("military, not diplomatic" in w for w in armed.why)
    plain = _score("The EU will take over the coordination of the peace talks.", EU, ties)
    assert plain is not None and plain.direct
