"""The finder's reading of English sentence structure, on sentences written for these tests
(none is in the labelled sets), with the default frame of resources/frame.json.

Each test pairs the structure with a contrast, so a rule that fires everywhere fails too."""

from __future__ import annotations

import pytest

from workbench import sample
from workbench.domain.models import Actor, Instrument
from workbench.evidence.analysis import Frame, analyse, frame_of
from workbench.evidence.ranking import Scored

# Rules are tested as the rules decide; the model that may withdraw a direct mark is tested
# on its own (test_evidence_model.py), so a refit of its weights cannot fail these.
pytestmark = pytest.mark.usefixtures("rules_alone")


@pytest.fixture(scope="module")
def default_frame() -> tuple[Frame, dict[str, int], dict[str, int]]:
    data = sample.default_frame()
    actors = [Actor(n, f"a{n}", a["name"], tuple(a["aliases"]), n) for n, a in enumerate(data["actors"], 1)]
    instruments = [Instrument(n, f"i{n}", i["name"], tuple(i["terms"]), n)
                   for n, i in enumerate(data["instruments"], 1)]
    return (frame_of(actors, instruments), {a.name: a.id for a in actors},
            {i.name: i.id for i in instruments})


@pytest.fixture()
def cell(default_frame):
    found, actor_ids, instrument_ids = default_frame

    def score(text: str, actor: str, instrument: str) -> Scored:
        result = analyse(text, found).get((actor_ids[actor], instrument_ids[instrument]))
        assert result is not None, (text, actor, instrument)
        return result

    return score


def _all_direct(cell, cases: list[tuple[str, str, str]]) -> None:
    """Every (text, actor, instrument) is direct evidence; a failure names the text."""
    for text, actor, instrument in cases:
        assert cell(text, actor, instrument).direct, text


def _none_direct(direct, cases: list[tuple[str, str, str]]) -> None:
    """No (text, actor, instrument) is direct evidence (nor need it be a candidate)."""
    for text, actor, instrument in cases:
        assert not direct(text, actor, instrument), text


def _says(scored: Scored, words: str) -> bool:
    return any(words in why for why in scored.why)


def test_the_one_asked_to_act_is_urged_even_in_the_passive(cell):
    text = "Tokyo was asked by Washington to send more air defence interceptors."
    assert cell(text, "Japan", "Military aid").direct
    active = "Brussels asked Tokyo to impose sanctions on Moscow."
    assert cell(active, "Japan", "Sanctions").direct
    # The one asking is not on the receiving end, and it does not impose anything itself.
    asker = cell(active, "European Union", "Sanctions")
    assert not asker.direct and _says(asker, "asks another to act")
    assert asker.score > cell(active, "Russia", "Sanctions").score
    # Asking *for* something is still receiving it.
    assert not cell("Seoul asked Washington for more air defence.", "South Korea", "Military aid").direct


def test_a_request_phrase_makes_the_actor_the_one_who_asked(cell):
    late = "Japan imposed sanctions on Monday at the request of Seoul."
    requested = cell(late, "South Korea", "Sanctions")
    assert requested.direct and _says(requested, "asked for it")
    assert cell(late, "Japan", "Sanctions").direct
    assert cell("The envoy arrived in Geneva on Friday at Kyiv's invitation.", "Ukraine", "Diplomacy").direct
    # The preposition that governs the name decides, not the first one after the term.
    assert not cell("Japan imposed sanctions on Monday against Russian banks.", "Russia", "Sanctions").direct
    assert not cell("The sanctions on the central bank of Russia were tightened.", "Russia", "Sanctions").direct
    objecting = cell("The EU agreed new sanctions on Friday despite Chinese objections.", "China", "Sanctions")
    assert not objecting.direct and not _says(objecting, "receiving end")


def test_the_actors_people_acted_upon_by_another_do_not_make_it_act(cell):
    summoned = "Seoul summoned the Russian envoy over the remarks."
    envoy = cell(summoned, "Russia", "Diplomacy")
    assert not envoy.direct and _says(envoy, "acted upon by another")
    assert cell(summoned, "South Korea", "Diplomacy").direct
    trained = "The EU agreed to train Ukrainian soldiers in Poland."
    assert not cell(trained, "Ukraine", "Military aid").direct
    assert cell(trained, "European Union", "Military aid").direct
    # As the subject, or as a thing the actor owns, the term is still the actor's own.
    assert cell("The Russian envoy protested the vote.", "Russia", "Diplomacy").direct
    assert cell("Pyongyang denounced the new Japanese sanctions.", "Japan", "Sanctions").direct
    # Meeting is mutual: both sides take part.
    met = "Ukraine's foreign minister met his Japanese counterpart in Geneva."
    assert cell(met, "Ukraine", "Diplomacy").direct and cell(met, "Japan", "Diplomacy").direct
    # A name before "and" does not own the verb after it.
    assert not cell("Kyiv sanctioned the Chinese firms and urged the EU to follow.", "China", "Diplomacy").direct


def test_the_speaker_keeps_acting_after_the_reported_clause(cell):
    text = "Tokyo said the embargo was overdue and promised to consult its allies."
    assert cell(text, "Japan", "Diplomacy").direct
    assert not cell(text, "Japan", "Sanctions").direct  # the embargo is only reported
    # After "would", a bare verb continues what was reported: still the speaker's plan.
    plan = "Tokyo said it would send instructors and impose an embargo on Pyongyang."
    assert cell(plan, "Japan", "Sanctions").direct and cell(plan, "Japan", "Military aid").direct
    # A reported passive goes on with its own participles.
    trained = "Seoul said the units were paid and supplied with drones by Pyongyang."
    assert not cell(trained, "South Korea", "Military aid").direct
    # Coordinated verbs in the speaker's own clause: the verb before the term decides.
    welcomed = "Seoul's foreign minister welcomed the vote and urged restraint."
    assert cell(welcomed, "South Korea", "Diplomacy").direct


def test_a_place_name_inside_another_name_or_a_time_is_not_the_actor(cell):
    paper = "A Russian envoy met diplomats from Laos, the Washington Post reported."
    post = cell(paper, "United States", "Diplomacy")
    assert not post.direct and _says(post, "part of another name")
    assert cell(paper, "Russia", "Diplomacy").direct
    clock = "The talks in Geneva began at noon Moscow time."
    assert not cell(clock, "Russia", "Diplomacy").direct
    assert _says(cell(clock, "Russia", "Diplomacy"), "time")
    assert cell("Washington will host the talks next week.", "United States", "Diplomacy").direct


def test_measures_alone_are_sanctions_language(cell):
    text = "Seoul announced new measures against Russian shipping firms."
    assert cell(text, "South Korea", "Sanctions").direct
    assert not cell(text, "Russia", "Sanctions").direct


def test_an_object_after_add_is_not_reported_speech(cell):
    text = "Brussels has added four Chinese firms to its sanctions list."
    assert cell(text, "European Union", "Sanctions").direct
    assert not cell(text, "China", "Sanctions").direct
    # "added that" still reports.
    assert not cell("Brussels added that Moscow had evaded the sanctions.", "European Union", "Sanctions").direct


def test_a_relative_clause_and_a_related_party_keep_their_own_subjects(cell):
    assert not cell("Pyongyang has found a partner that will veto any new sanctions.", "North Korea", "Sanctions").direct
    assert not cell("The strikes could prompt new sanctions by Kyiv's allies.", "Ukraine", "Sanctions").direct
    assert cell("The strikes could prompt new sanctions by Kyiv.", "Ukraine", "Sanctions").direct


def test_the_actors_attack_is_not_a_use_of_the_instrument(cell):
    text = "A Russian missile attack on Odesa drew condemnation from Tokyo."
    attack = cell(text, "Russia", "Military aid")
    assert not attack.direct and _says(attack, "attack")
    assert not cell(text, "Russia", "Diplomacy").direct
    # Without the attack noun, the term is the actor's own.
    assert cell("Russian drone deliveries to Belarus continued.", "Russia", "Military aid").direct


def test_what_follows_told_or_warned_with_an_object_is_said_not_done(cell):
    text = "Last week, Moscow warned Tokyo that sending shells to Kyiv would end their ties."
    assert not cell(text, "Russia", "Military aid").direct
    assert cell(text, "Russia", "Diplomacy").direct
    # A threat of its own is still the speaker's plan.
    assert cell("Moscow warned Tokyo that it would send more troops to the islands.", "Russia", "Military aid").direct


def test_the_speakers_own_side_named_by_what_it_is(cell):
    assert cell("Guterres said the organisation would send an envoy to Yangon.", "United Nations", "Diplomacy").direct
    # The speaker who only reports does not take part.
    assert not cell("Guterres said the talks in Yangon would resume.", "United Nations", "Diplomacy").direct


def test_from_belongs_to_the_nearest_phrase(cell):
    pressed = cell("Japan renewed its sanctions on Monday under pressure from Seoul.", "South Korea", "Sanctions")
    assert not pressed.direct and not _says(pressed, "where it comes from")
    assert cell("The shells from Pyongyang reached the front in October.", "North Korea", "Military aid").direct


def test_after_nor_or_a_leading_auxiliary_the_subject_follows_it(cell):
    refused = "Nor should Tokyo rule out new sanctions on Moscow."
    assert cell(refused, "Japan", "Sanctions").direct
    assert not cell(refused, "Russia", "Sanctions").direct
    assert cell("Neither will Seoul send shells to Kyiv.", "South Korea", "Military aid").direct
    # A question puts the auxiliary first too: Seoul is read as its subject, whose act is only
    # asked about (see test_an_act_only_asked_about_is_not_the_actors_act).
    asked = cell("Will Seoul send shells to Kyiv?", "South Korea", "Military aid")
    assert not asked.direct and _says(asked, "only asked about")
    # The name after the verb is still its object, inverted or not.
    assert not cell("Nor did the sanctions hurt Moscow.", "Russia", "Sanctions").direct
    assert not cell("Nor was Seoul spared the sanctions.", "South Korea", "Sanctions").direct


def test_a_name_after_found_in_is_what_was_found(cell):
    text = "Tokyo sees in Beijing a rival that is arming Moscow."
    rival = cell(text, "China", "Military aid")
    assert rival.direct and _says(rival, "subject")
    assert not cell(text, "Japan", "Military aid").direct
    # Without a verb of finding, or without a noun phrase to stand for it, "in" names a place.
    assert not cell("The sanctions were announced in Moscow a day after the vote.", "Russia", "Sanctions").direct
    assert not cell("Seoul found in Tokyo a warm welcome for its sanctions plan.", "Japan", "Sanctions").direct
    assert not cell("Talks on new sanctions opened in Beijing on Monday.", "China", "Sanctions").direct


def test_a_pronoun_after_the_term_stands_for_the_subject(cell):
    fronted = "In exchange for the shells it ships to Moscow, Pyongyang gets oil and food."
    assert cell(fronted, "North Korea", "Military aid").direct
    assert not cell(fronted, "Russia", "Military aid").direct
    asked = "Seoul asked Washington for air defence in return for the drones it has sent."
    sent = cell(asked, "South Korea", "Military aid")
    assert sent.direct and _says(sent, "pronoun stands for the actor")
    assert cell("Seoul said the drones it sent were old.", "South Korea", "Military aid").direct
    # Receiving is not acting: the sanctions it faces are someone else's.
    faces = cell("Moscow complained about the sanctions it faces.", "Russia", "Sanctions")
    assert not faces.direct and _says(faces, "receiving end")
    # With a recipient named before the pronoun, receiving points to it, not to the subject.
    needs = "The EU must send Kyiv the air defence it needs."
    assert cell(needs, "European Union", "Military aid").direct
    assert not cell(needs, "Ukraine", "Military aid").direct
    # A pronoun that only says or thinks does not make the subject act.
    assert not cell("Seoul asked Washington for help against the troops it said were massing.",
                    "South Korea", "Military aid").direct


def test_a_list_after_an_agent_phrase_names_some_of_the_agents(cell):
    text = "The resolution was tabled by Kyiv and backed by forty states, including Tokyo and Seoul."
    for actor in ("Japan", "South Korea", "Ukraine"):
        assert cell(text, actor, "Diplomacy").direct, actor
    assert cell("The sanctions were imposed by a dozen allies, such as Japan.", "Japan", "Sanctions").direct
    # After an object, the list still gives examples of those acted upon.
    condemned = cell("The resolution condemned several states, including Japan.", "Japan", "Diplomacy")
    assert not condemned.direct and _says(condemned, "example")
    assert not cell("Sanctions hit banks in several countries, including China.", "China", "Sanctions").direct


def test_the_person_told_and_the_people_trained_are_acted_upon(cell):
    told = "Seoul told the Russian ambassador that the talks were over."
    envoy = cell(told, "Russia", "Diplomacy")
    assert not envoy.direct and _says(envoy, "acted upon by another")
    # What a reporting verb introduces is a clause: its subject acts.
    assert cell("Seoul confirmed that the Russian envoy had left the talks.", "Russia", "Diplomacy").direct
    trained = "Brussels pays for the training of Ukrainian soldiers in Poland."
    assert not cell(trained, "Ukraine", "Military aid").direct
    assert cell(trained, "European Union", "Military aid").direct
    # Also as the subject: the soldiers trained do not make their country act.
    assert not cell("The training of Ukrainian soldiers in Poland will resume in May.", "Ukraine", "Military aid").direct
    # Reaching another's diplomats is the caller's own diplomacy (another's troops used are not).
    called = "The Japanese foreign minister phoned his Ukrainian counterpart on Monday."
    assert cell(called, "Japan", "Diplomacy").direct
    assert not cell(called, "Ukraine", "Diplomacy").direct
    # Other acts are the people's own.
    assert cell("The deployment of North Korean troops to Russia went on.", "North Korea", "Military aid").direct
    assert cell("The arrival of North Korean troops in Kursk alarmed Seoul.", "North Korea", "Military aid").direct


def test_verb_terms_of_the_default_frame(cell, default_frame):
    found, actor_ids, instrument_ids = default_frame
    banks = cell("Washington will target the banks that move Pyongyang's money.", "United States", "Sanctions")
    assert banks.direct and "target … banks" in banks.terms
    armed = "NATO would arm Kyiv whatever the cost."
    assert cell(armed, "NATO", "Military aid").direct
    assert not cell(armed, "Ukraine", "Military aid").direct
    # The adjective and the noun are not the verb.
    military = instrument_ids["Military aid"]
    for text in ("Russia's armed forces crossed the border.", "The military arm of the Kremlin grew."):
        assert not any(i == military for _a, i in analyse(text, found)), text


def test_a_word_after_an_article_is_not_the_clauses_verb(cell):
    from workbench.evidence.clauses import parse
    from workbench.evidence.words import tokens

    toks = tokens("The announced sanctions hit Moscow hard.")
    [clause] = parse(toks, {4})
    assert toks[clause.verb].low == "hit"
    call = "Wang Yi told his Russian counterpart in a phone call that Beijing hoped for a political settlement."
    assert not cell(call, "Russia", "Diplomacy").direct
    assert cell(call, "China", "Diplomacy").direct


def test_a_relative_clause_with_a_pronoun_subject_is_a_clause_of_its_own(cell):
    tariffs = "The White House announced tariffs on Chinese goods that it says help Russia build drones."
    assert cell(tariffs, "United States", "Sanctions").direct
    assert not cell(tariffs, "United States", "Military aid").direct  # only what it says of the goods
    assert cell("Tokyo announced sanctions that it will impose next month.", "Japan", "Sanctions").direct
    # "that" right after the verb is still what the speaker threatens.
    assert cell("EU leaders cautioned on Monday that further strikes would lead to new sanctions.",
                "European Union", "Sanctions").direct


def test_a_number_or_a_conjunction_does_not_hide_the_people_acted_upon(cell):
    text = "The EU agreed to train another 15,000 Ukrainian soldiers and to send shells."
    assert not cell(text, "Ukraine", "Military aid").direct
    assert cell(text, "European Union", "Military aid").direct
    # Through the number to "by": those named after it act.
    assert cell("Russia was reinforced by 12,000 North Korean soldiers.", "North Korea", "Military aid").direct


def test_urging_another_later_in_the_clause_is_asking(cell):
    text = "Kyiv opened a channel to Seoul, hoping to persuade South Korea to supply shells."
    asking = cell(text, "Ukraine", "Military aid")
    assert not asking.direct and _says(asking, "asks another to act")
    assert cell(text, "South Korea", "Military aid").direct
    # Without another actor to act, the subject's own act stands.
    assert cell("Seoul sent shells, hoping to persuade Kyiv.", "South Korea", "Military aid").direct


def test_the_place_troops_leave_is_not_where_they_come_from(cell):
    text = "Seoul urged Pyongyang to withdraw its troops from Russia."
    left = cell(text, "Russia", "Military aid")
    assert not left.direct and _says(left, "place they leave")
    assert cell(text, "North Korea", "Military aid").direct
    assert cell("The shells from Pyongyang reached the front in October.", "North Korea", "Military aid").direct


def test_whose_after_a_name_makes_what_follows_its_own(cell):
    text = "The measures follow months of pressure from Tokyo, whose diplomats lobbied Brussels."
    owned = cell(text, "Japan", "Diplomacy")
    assert owned.direct and _says(owned, "actor’s own")
    # Without "whose" the name is only where the pressure came from.
    assert not cell("The measures follow months of pressure from Tokyo and talks in Brussels.", "Japan", "Diplomacy").direct


def test_a_name_before_a_verb_in_the_past_is_its_subject_not_its_owner(cell):
    # The host city of a foreign mission is where it sits, not the one who speaks.
    hosted = "The Chinese consulate in Tokyo warned that the visit would harm relations."
    assert not cell(hosted, "Japan", "Diplomacy").direct
    assert cell(hosted, "China", "Diplomacy").direct
    # Named alone before the verb, the city is the government that acts.
    assert cell("Tokyo warned that the visit would harm relations.", "Japan", "Diplomacy").direct
    # Before a noun the name still qualifies it: "EU-designated" entities are the EU's listings.
    assert cell("Banks must screen for EU designated entities.", "European Union", "Sanctions").direct


def test_the_first_object_of_a_verb_of_giving_receives_it(cell):
    offered = "Seoul could offer Pyongyang new talks on family reunions."
    assert not cell(offered, "North Korea", "Diplomacy").direct
    assert cell(offered, "South Korea", "Diplomacy").direct
    sold = "Tehran sold Moscow drones for two years."
    assert not cell(sold, "Russia", "Military aid").direct
    # Without a verb of giving before it, the name before the term is its owner (whether an
    # owner of so generic a term as "talks" is marked direct is for the model to weigh).
    owned = cell("Pyongyang talks were set for May.", "North Korea", "Diplomacy")
    assert "the term is the actor’s own (“Pyongyang” + term)" in owned.why


def test_an_owner_named_after_for_or_to_is_the_one_it_goes_to(cell):
    paid = "Norway will pay for Ukrainian air defence through 2027."
    assert not cell(paid, "Ukraine", "Military aid").direct
    assert not cell("The loan goes to Kyiv's artillery brigades.", "Ukraine", "Military aid").direct
    # Only after a word of giving or paying: "calls for", "due to" keep the owner acting.
    assert cell("Brussels calls for Japanese sanctions on the exporters.", "Japan", "Sanctions").direct
    assert cell("Prices rose due to Chinese sanctions on the firm.", "China", "Sanctions").direct


def test_condemning_anothers_act_is_not_doing_it(cell):
    text = "Tokyo condemned the delivery of missiles to Moscow."
    assert not cell(text, "Japan", "Military aid").direct
    # Where condemning is the instrument, the one condemning acts.
    assert cell(text, "Japan", "Diplomacy").direct
    # Another verb after "and" is the actor's own act again.
    assert cell("Tokyo condemned the launch and sent missiles to Manila.", "Japan", "Military aid").direct


def test_importing_or_buying_is_receiving_unless_it_is_for_another(cell):
    imported = "Moscow keeps importing Iranian drones and North Korean shells."
    assert not cell(imported, "Russia", "Military aid").direct
    assert cell(imported, "North Korea", "Military aid").direct
    assert not cell("Pyongyang bought Russian fighter jets.", "North Korea", "Military aid").direct
    bought = "Brussels will buy artillery shells for Kyiv from Korean makers."
    assert cell(bought, "European Union", "Military aid").direct
    assert not cell(bought, "Ukraine", "Military aid").direct


def test_speaking_about_a_thing_or_meeting_at_it_is_not_doing_it(cell):
    assert not cell("Washington declined to comment on the talks.", "United States", "Diplomacy").direct
    assert not cell("Seoul was asked about the embargo.", "South Korea", "Sanctions").direct
    occasion = "Japan will raise defence spending at its next summit."
    assert not cell(occasion, "Japan", "Diplomacy").direct
    # Taking part in the meeting is diplomacy.
    assert cell("Japan met South Korea at the summit in Busan.", "Japan", "Diplomacy").direct
    assert cell("Washington will host the talks next week.", "United States", "Diplomacy").direct


def test_a_question_is_not_a_request(cell):
    asked = "Kyiv asked about the shipments of air defence."
    assert not _says(cell(asked, "Ukraine", "Military aid"), "receiving end")
    assert _says(cell("Kyiv asked for more air defence.", "Ukraine", "Military aid"), "receiving end")


def test_the_actor_after_for_and_before_to_would_do_it(cell):
    waiting = "Warsaw is waiting for Seoul and Washington to send tanks."
    assert cell(waiting, "United States", "Military aid").direct
    pressed = "There is pressure for Tokyo to impose an embargo."
    assert cell(pressed, "Japan", "Sanctions").direct
    # Receiving after "to" is still receiving; "for" before a term names the recipient.
    assert not cell("The deal made it easier for Kyiv to receive tanks.", "Ukraine", "Military aid").direct
    assert not cell("Aid for Kyiv to rebuild arrived, with tanks.", "Ukraine", "Military aid").direct
    # A list after "for X" that goes on with "and to" is not the actor's infinitive.
    later = "The allies pledged to keep up support for Kyiv and to raise tank production."
    assert not cell(later, "Ukraine", "Military aid").direct


def test_a_pronoun_that_needs_the_term_receives_it(cell):
    text = "The question is whether Kyiv gets the tanks it needs this winter."
    assert not cell(text, "Ukraine", "Military aid").direct
    assert cell("Pyongyang counts the shells it has sent as payment.", "North Korea", "Military aid").direct


def test_urging_reaches_only_to_the_end_of_its_clause(cell):
    text = "Kyiv asked the UN to act on the strikes, but Moscow vetoed the resolution."
    assert not cell(text, "United Nations", "Diplomacy").direct
    assert cell(text, "Russia", "Diplomacy").direct


def test_watching_recording_or_discussing_a_thing_is_not_doing_it(cell):
    watched = "Tokyo set up a team to monitor ship-to-ship arms shipments."
    assert not cell(watched, "Japan", "Military aid").direct
    assert not cell("Seoul sent envoys to discuss air defence with Warsaw.", "South Korea", "Military aid").direct
    # Discussing is still diplomacy, through the diplomacy terms of the sentence.
    assert cell("Seoul sent envoys to discuss air defence with Warsaw.", "South Korea", "Diplomacy").direct
    assert cell("Tokyo set up a team to deliver ship-to-ship arms shipments.", "Japan", "Military aid").direct


def test_being_urged_to_stop_is_not_being_urged_to_act(cell):
    stop = "Washington urged Beijing to halt its shipments of drones to Moscow."
    assert not cell(stop, "China", "Military aid").direct
    assert cell("Washington urged Beijing to expand its shipments of drones to Kyiv.", "China", "Military aid").direct


def test_a_hyphenated_modifier_does_not_hide_a_verb_of_receiving(cell):
    text = "Moscow went on buying Chinese-made components and Iranian-designed drones."
    assert not cell(text, "Russia", "Military aid").direct
    assert cell("Moscow went on sending Russian-made drones to the front.", "Russia", "Military aid").direct


def test_what_the_object_is_blamed_for_is_not_the_subjects_act(cell):
    listed = "Washington blacklisted four Chinese firms for supplying drones to Moscow."
    assert not cell(listed, "United States", "Military aid").direct
    assert cell(listed, "United States", "Sanctions").direct
    # Without an object between the verb and "for", the subject's own reason stays its act.
    assert cell("Washington pressed for supplying drones to Kyiv.", "United States", "Military aid").direct


def test_the_one_a_call_comes_from_asks_and_is_not_asked(cell):
    text = "Oslo has ignored appeals from Kyiv to send more air defence."
    asker = cell(text, "Ukraine", "Military aid")
    assert not asker.direct and _says(asker, "the one asking")
    # The one called on is still urged to act.
    assert cell("Calls on Seoul to send more shells grew louder.", "South Korea", "Military aid").direct
    # "from" after a word of giving is where it comes from, not an appeal.
    assert cell("The deliveries from Seoul to Warsaw included howitzers.", "South Korea", "Military aid").direct


def test_a_bare_name_modifying_the_subjects_object_is_its_target(cell):
    text = "Brussels approves fresh Russia sanctions."
    eu, russia = cell(text, "European Union", "Sanctions"), cell(text, "Russia", "Sanctions")
    assert eu.direct and not russia.direct and _says(russia, "aims the term at")
    # In a phrase after the verb, or as the only name, the modifier still owns the term.
    evaded = "Pyongyang found ways around the UN sanctions."
    assert not cell(evaded, "North Korea", "Sanctions").direct
    assert cell("UN sanctions were tightened last year.", "United Nations", "Sanctions").direct


def test_an_actors_event_named_as_a_time_is_not_its_act(cell):
    text = "The panel will report before the NATO summit in June."
    when = cell(text, "NATO", "Diplomacy")
    assert not when.direct and _says(when, "names a time")
    # At its summit, or its summit as the subject, the actor acts.
    assert cell("Leaders agreed new goals at the NATO summit in June.", "NATO", "Diplomacy").direct
    assert cell("The NATO summit endorsed the plan.", "NATO", "Diplomacy").direct


def test_the_name_before_which_or_who_is_the_subject_of_the_relative_clause(cell):
    joined = "Japan, which joined the price cap on Russian oil, kept its gas stake."
    assert cell(joined, "Japan", "Sanctions").direct and not cell(joined, "Russia", "Sanctions").direct
    # A verb the lexicon does not know still follows the pronoun.
    assert cell("Biden, who spoke with Seoul by phone on Monday, said little.", "United States", "Diplomacy").direct
    # With a subject of its own the relative clause is not the name's ("which Tokyo put ...").
    assert not cell("Pyongyang, which Tokyo put under sanctions in May, fired a missile.", "North Korea",
                    "Sanctions").direct
    # Nor is it the main clause's subject's.
    assert not cell("Seoul thanked Canada, which joined the price cap.", "South Korea", "Sanctions").direct


def test_forbidding_a_thing_is_not_doing_it(cell):
    text = "The Security Council prohibits all arms deliveries to Pyongyang."
    assert not cell(text, "United Nations", "Military aid").direct
    # Where forbidding is itself the instrument, it is done.
    assert cell(text, "United Nations", "Sanctions").direct
    assert cell("The Security Council sent arms monitors and weapons to the region.", "United Nations",
                "Military aid").direct


def test_both_sides_of_a_conversation_held_take_part(cell):
    text = "Seoul's envoy spoke to Putin by telephone on Friday."
    assert cell(text, "Russia", "Diplomacy").direct
    on_phone = "The minister spent an hour on the phone with Lavrov."
    assert cell(on_phone, "Russia", "Diplomacy").direct
    # Talks that may never happen name a counterpart; a term elsewhere is not the conversation.
    assert not cell("Washington should not rule out talks with Pyongyang.", "North Korea", "Diplomacy").direct
    told = "Tokyo spoke to Moscow about the sanctions on its banks."
    assert not cell(told, "Russia", "Sanctions").direct


def test_a_term_that_begins_with_a_preposition_belongs_to_no_name_before_it(cell):
    text = "Biden, who reached Kishida by telephone, said little."
    assert cell(text, "United States", "Diplomacy").direct
    assert not _says(cell(text, "Japan", "Diplomacy"), "the actor’s own")


def test_those_who_lead_the_subject_are_part_of_it(cell):
    text = "Nine states, led by Japan and South Korea, have set up a working group on the trade."
    assert cell(text, "Japan", "Diplomacy").direct and cell(text, "South Korea", "Diplomacy").direct
    # The agent of a passive verb elsewhere in the clause is still only that.
    assert not cell("The plan, drafted by Japan, was rejected at the summit.", "Japan", "Diplomacy").direct


def test_what_the_actor_owns_acts_for_it_in_a_relative_clause(cell):
    text = "The vote follows the European Union's new package of restrictions, which blacklisted forty ships."
    assert cell(text, "European Union", "Sanctions").direct
    # The actor's allies or partners are others.
    assert not cell("Kyiv's allies, which imposed sanctions, met.", "Ukraine", "Sanctions").direct


def test_its_people_in_a_later_clause_are_the_subjects(cell):
    text = "Moscow has escalated the war, while its diplomats talk of peace in Geneva."
    assert cell(text, "Russia", "Diplomacy").direct
    # With another actor named in between, "its" may stand for that one.
    other = "Moscow has attacked Kyiv for years, while its diplomats talk of peace in Geneva."
    assert not cell(other, "Russia", "Diplomacy").direct


def test_an_urging_verb_in_ing_urges_as_well(cell):
    text = "Seoul's envoys spent May in Beijing, asking China to use its influence on Pyongyang."
    assert cell(text, "China", "Diplomacy").direct
    # Asking about a thing is a question, not a request.
    assert not cell("Reporters kept asking China about the talks with Pyongyang.", "China", "Diplomacy").direct


def test_a_list_after_an_agent_phrase_names_agents_without_a_comma(cell):
    text = "The embargo was imposed by nine states including Japan last year."
    assert cell(text, "Japan", "Sanctions").direct
    # "including" after a target is still an example of the target.
    assert not cell("Sanctions on nine states including North Korea were lifted.", "North Korea", "Sanctions").direct


def test_so_before_far_or_much_is_an_adverb_not_a_new_clause(cell):
    text = "Seoul has so far refused to send weapons to Kyiv."
    assert cell(text, "South Korea", "Military aid").direct
    assert cell("Tokyo has so much as promised air defence.", "Japan", "Military aid").direct
    # "so" that begins a clause of purpose still cuts it: the one sending is its own subject.
    purpose = "Seoul lobbied Washington, so Washington sent weapons to Kyiv."
    assert not cell(purpose, "South Korea", "Military aid").direct


def test_the_one_a_task_is_taken_over_from_hands_it_over(cell):
    text = "The Alliance will take over the coordination of weapons deliveries from Washington."
    handed = cell(text, "United States", "Military aid")
    assert not handed.direct and _says(handed, "hands it over")
    # Goods that come from the actor still come from it.
    assert cell("Kyiv received more shells from Seoul.", "South Korea", "Military aid").direct


def test_since_after_before_or_until_with_a_subject_and_a_verb_opens_a_clause(cell):
    shipped = "Since Pyongyang began shipping shells to Russia, the debate in Seoul has changed."
    assert cell(shipped, "North Korea", "Military aid").direct
    assert cell("Nothing moved until Brussels imposed sanctions on the banks.", "European Union", "Sanctions").direct
    assert cell("Ever since Tokyo announced sanctions, exports have fallen.", "Japan", "Sanctions").direct
    # Before a noun the word is still a preposition, and one who receives still receives.
    assert not cell("After Moscow's veto, the Council sent no troops.", "Russia", "Military aid").direct
    received = "Before Kyiv received the tanks, Washington sent instructors."
    assert not cell(received, "Ukraine", "Military aid").direct
    assert cell(received, "United States", "Military aid").direct


def test_an_act_only_asked_about_is_not_the_actors_act(cell):
    asked = cell("Asked whether Tokyo would ever send artillery shells, the minister smiled.", "Japan", "Military aid")
    assert not asked.direct and _says(asked, "only asked about")
    put = cell("Is Seoul sending air defence interceptors to Kyiv?", "South Korea", "Military aid")
    assert not put.direct and _says(put, "only asked about")
    why = cell("Why would the European Union ever lift its sanctions on Moscow?", "European Union", "Sanctions")
    assert not why.direct and _says(why, "only asked about")
    # Contrasts: the same acts stated, weighed ("whether to"), or asked of someone else.
    assert cell("Tokyo sent artillery shells, the minister said.", "Japan", "Military aid").direct
    assert cell("Seoul is weighing whether to send air defence interceptors to Kyiv.", "South Korea", "Military aid").direct
    assert cell("The question is whether partners see Washington sending more air defence to Kyiv.",
                "United States", "Military aid").direct
    assert cell("Nor should Brussels lift its sanctions on Moscow.", "European Union", "Sanctions").direct
    assert cell("Seoul sent air defence interceptors to Kyiv; was it wise?", "South Korea", "Military aid").direct
    # An auxiliary after other words of its clause is an inversion, not a question's opening.
    late = cell("Only last week did Seoul send air defence interceptors to Kyiv, so why the delay?",
                "South Korea", "Military aid")
    assert not _says(late, "only asked about")
    # Only the act asked about: a term outside the "whether" clause is not in question.
    other = cell("Asked whether Seoul agreed, the envoy said its air defence interceptors had reached Kyiv.",
                 "South Korea", "Military aid")
    assert not _says(other, "only asked about")
    saying = cell("Does Seoul still say that Washington sends air defence interceptors?", "South Korea", "Military aid")
    assert not _says(saying, "only asked about")
    before = cell("Sanctions came up, and asked whether Seoul agreed, the envoy nodded.", "South Korea", "Sanctions")
    assert not _says(before, "only asked about")


def test_both_sides_of_talks_held_and_of_a_meeting_act(cell):
    held = cell("Oslo's foreign minister is in Hanoi for two days of talks with Sergei Lavrov.", "Russia", "Diplomacy")
    assert held.direct and _says(held, "other side of the talks")
    met = cell("The premier met Putin three times last year.", "Russia", "Diplomacy")
    assert met.direct and _says(met, "other side of the meeting")
    # Contrasts: talks only sought, and a verb done to the one named.
    assert not cell("Oslo seeks talks with Moscow.", "Russia", "Diplomacy").direct
    assert not cell("Oslo condemned Moscow for the raid.", "Russia", "Diplomacy").direct


def test_actors_listed_together_share_the_term_they_own(cell):
    assert cell("The EU and Japan held talks in Oslo.", "European Union", "Diplomacy").direct
    assert cell("The EU and Japan held talks in Oslo.", "Japan", "Diplomacy").direct
    # Contrast: a term that is only another actor's.
    assert not cell("The EU watched as Japan held talks in Oslo.", "European Union", "Diplomacy").direct


def test_a_bodys_own_officials_meeting_one_another_is_not_diplomacy(cell):
    own = cell("EU finance ministers meet on Friday in Oslo.", "European Union", "Diplomacy")
    assert not own.direct and _says(own, "among themselves")
    waiting = cell("NATO defence ministers have been meeting all day to agree the budget.", "NATO", "Diplomacy")
    assert not waiting.direct and _says(waiting, "among themselves")
    # Contrasts: meeting another party.
    assert cell("EU finance ministers meet their Japanese counterparts on Friday.", "European Union", "Diplomacy").direct
    assert cell("NATO defence ministers met with Zelenskyy in Oslo.", "NATO", "Diplomacy").direct


def test_a_denial_is_not_the_act_and_a_sanctioned_country_is_the_target(cell):
    denied = cell("Beijing denies sending drones to either side.", "China", "Military aid")
    assert not denied.direct and _says(denied, "denies it")
    target = cell("Russia is now the most heavily sanctioned economy in the world.", "Russia", "Sanctions")
    assert not target.direct and _says(target, "receiving end")
    # Contrasts: the act stated, and the perfect tense of the same verb.
    assert cell("Beijing is sending drones to Moscow.", "China", "Military aid").direct
    assert cell("Japan has sanctioned three banks in Hong Kong.", "Japan", "Sanctions").direct


def test_coordinating_deliveries_of_arms_is_not_diplomacy(cell):
    arms = cell("NATO, which coordinates most Western deliveries, met in Oslo.", "NATO", "Diplomacy")
    assert _says(arms, "military, not diplomatic")
    assert not _says(cell("NATO coordinates closely with the EU.", "NATO", "Diplomacy"), "military")
    assert not _says(cell("NATO coordinates gas deliveries.", "NATO", "Diplomacy"), "military")


def test_what_a_supplier_is_blamed_for_is_not_the_listers_aid(cell):
    listed = cell("Tokyo listed two firms for supplying rifles to Moscow.", "Japan", "Military aid")
    assert not listed.direct
    assert cell("Tokyo is supplying rifles to Kyiv.", "Japan", "Military aid").direct


def test_ordinary_english_with_the_new_diplomacy_words_is_not_diplomacy(cell, direct):
    for text, actor in [
        ("Japan will meet the target for emissions this year.", "Japan"),
        ("China met its growth target last year.", "China"),
        ("Russia is ready to meet any challenge.", "Russia"),
        ("Ukrainian troops met Russian forces near the river.", "Ukraine"),
        ("The EU asked member states to cut gas use.", "European Union"),
        ("Japan pushed its automakers for faster electrification.", "Japan"),
    ]:
        assert not direct(text, actor, "Diplomacy"), text
    # Contrasts: meeting and asking another government.
    assert cell("Japan will meet the Chinese foreign minister this year.", "Japan", "Diplomacy").direct
    assert cell("Washington has asked South Korea to send shells to Ukraine.", "United States", "Diplomacy").direct
    assert cell("The Kremlin dismissed the measures as illegitimate.", "Russia", "Diplomacy").direct
    # Asking for a thing is still receiving it.
    assert not cell("Kyiv asked for more weapons.", "Ukraine", "Military aid").direct


def test_supplying_civilian_goods_and_a_parliaments_resolution_are_not_the_instruments(cell, direct):
    assert not cell("Japan supplies cars to Europe.", "Japan", "Military aid").direct
    assert not cell("The EU coordinates supplies of vaccines and grain.", "European Union", "Military aid").direct
    assert not direct("Japan will implement the resolution on plastic waste adopted by parliament.",
                      "Japan", "Sanctions")
    assert cell("Japan is supplying artillery shells to Kyiv.", "Japan", "Military aid").direct
    assert cell("Japan implements every Security Council resolution on North Korea.", "Japan", "Sanctions").direct


def test_a_denial_is_only_a_verb_of_denying_an_act(cell):
    assert not cell("Beijing flatly denied that it had sent drones to Moscow.", "China", "Military aid").direct
    # Refusing a thing, and an act after "and", are the actor's.
    assert cell("Japan denied entry to Russian diplomats.", "Japan", "Diplomacy").direct
    assert cell("Japan denied Russia's request and sent weapons to Ukraine.", "Japan", "Military aid").direct


def test_a_heading_is_direct_when_the_actor_acts_in_it(cell):
    assert cell("Seoul weighs sending arms to Kyiv", "South Korea", "Military aid").direct
    assert cell("Commentary: Beijing's peace diplomacy has a sanctions problem", "China", "Diplomacy").direct
    # A bare name before the term may name what the sanctions are on.
    assert not cell("Russia sanctions: what they mean for Japan", "Russia", "Sanctions").direct
    assert not cell("North Korea sanctions explained", "North Korea", "Sanctions").direct


def test_talks_resumed_have_two_sides(cell):
    assert cell("Tokyo resumed talks with Moscow.", "Russia", "Diplomacy").direct
    assert not cell("Tokyo wants talks with Moscow.", "Russia", "Diplomacy").direct


def test_rejecting_reports_of_an_act_denies_it(cell):
    for text in ("Beijing rejected allegations of drone shipments to Moscow.",
                 "Beijing rejected as groundless reports of drone shipments to Moscow."):
        rejected = cell(text, "China", "Military aid")
        assert not rejected.direct and _says(rejected, "denies it"), text
    assert not cell("Beijing rejects as groundless reports that it sent drones to Moscow.", "China", "Military aid").direct
    assert not cell("Beijing has rejected accusations that it ships drones to Moscow.", "China", "Military aid").direct
    # Contrast: rejecting a demand, then acting.
    assert cell("Japan rejected Russia's demands and sent more weapons to Ukraine.", "Japan", "Military aid").direct


def test_having_none_and_being_listed_for_a_role_are_not_the_act(cell):
    none = cell("NATO, which has no sanctions of its own, met in Oslo.", "NATO", "Sanctions")
    assert not none.direct and _says(none, "has none")
    listed = cell("The EU lists the defence minister and three firms for their role in the troop transfers.",
                  "European Union", "Military aid")
    assert not listed.direct
    # Contrasts: having sanctions, and sending troops for a role.
    assert cell("NATO has new sanctions of its own.", "NATO", "Sanctions").direct
    assert cell("The EU sent troops for their role in the mission.", "European Union", "Military aid").direct


def test_a_countrys_companies_are_not_its_government(cell):
    firms = cell("Chinese firms sold drones to Russia.", "China", "Military aid")
    assert not firms.direct and _says(firms, "companies or people act")
    # Contrasts: the government itself, and its troops.
    assert cell("Beijing sold drones to Russia.", "China", "Military aid").direct
    assert cell("Chinese troops were sent to Russia.", "China", "Military aid").direct


def test_asking_pressing_and_voting_in_a_council_are_diplomacy(cell, direct):
    assert cell("Zelenskyy will ask the EU for a faster path on the frozen assets.", "Ukraine", "Diplomacy").direct
    assert cell("Seoul and Tokyo press Beijing on North Korean arms", "South Korea", "Diplomacy").direct
    assert cell("China voted for the resolution in the Security Council.", "China", "Diplomacy").direct
    # Contrasts: the press, and voters.
    assert not direct("The press on Monday praised Seoul.", "South Korea", "Diplomacy")
    assert not direct("Japanese voters voted for the opposition.", "Japan", "Diplomacy")


def test_acting_together_with_another_and_an_envoy_speaking_for_the_actor(cell, direct):
    together = cell("We are analysing the situation together with the United States.", "United States", "Diplomacy")
    assert together.direct and _says(together, "together with")
    envoy = cell("The representative of the United States said the launch broke nine resolutions.",
                 "United States", "Diplomacy")
    assert envoy.direct and _says(envoy, "own envoy")
    # Contrasts: together with no government, and the envoy of someone else named after it.
    assert not direct("Japan, together with its carmakers, plans new plants.", "Japan", "Diplomacy")
    assert not cell("The representative of the Philippines said the United States erred.", "United States",
                    "Diplomacy").direct


def test_a_package_is_sanctions_unless_it_is_aid(cell):
    assert cell("The EU adopted its fourteenth package.", "European Union", "Sanctions").direct
    assert not cell("The EU unveiled an aid package for Kyiv.", "European Union", "Sanctions").direct
    assert cell("Russia vetoed the renewal of the panel of experts.", "Russia", "Sanctions").direct


@pytest.fixture()
def direct(default_frame):
    """Whether the sentence is direct evidence for the cell (False when it is no candidate)."""
    found, actor_ids, instrument_ids = default_frame

    def is_direct(text: str, actor: str, instrument: str) -> bool:
        result = analyse(text, found).get((actor_ids[actor], instrument_ids[instrument]))
        return result is not None and result.direct

    return is_direct


def test_new_terms_stay_in_their_field(cell, direct):
    _none_direct(direct, [
        ("China imposed capital controls on outflows.", "China", "Sanctions"),
        ("Japan announced a stimulus package against deflation.", "Japan", "Sanctions"),
        ("Russia cut the town off from the power grid.", "Russia", "Sanctions"),
        ("Japan will raise taxes with effect from April.", "Japan", "Diplomacy"),
        ("Japanese voters will vote on Sunday.", "Japan", "Diplomacy"),
        ("Japan will implement the resolution on plastic waste in 2025.", "Japan", "Sanctions"),
        ("Russia sold oil to India, skirting the price cap.", "Russia", "Sanctions"),
        ("Chinese state-owned companies shipped shells to Russia.", "China", "Military aid"),
        ("Japan has no plans to send weapons to Ukraine.", "Japan", "Military aid"),
        ("Japan has no diplomatic ties with Taiwan.", "Japan", "Diplomacy"),
    ])
    _all_direct(cell, [
        ("Seoul tightened its controls on dual-use exports to Russia.", "South Korea", "Sanctions"),
        ("The EU pressed its partners to lift the veto on the package.", "European Union", "Diplomacy"),
        ("Japan voted in favour of the measure in the UN General Assembly.", "Japan", "Diplomacy"),
        ("Xi began a tour of Europe on Sunday.", "China", "Diplomacy"),
        ("Tokyo rejected as unacceptable Moscow's demand and imposed new sanctions.", "Japan", "Sanctions"),
        ("Japan denied the request and sent weapons to Ukraine.", "Japan", "Military aid"),
        ("Japan supplies steel helmets to Ukraine.", "Japan", "Military aid"),
        ("Japan raised the matter with Chinese officials.", "Japan", "Diplomacy"),
        ("EU sanctions on Russia explained", "European Union", "Sanctions"),
        ("NATO coordinates three deliveries of food aid.", "NATO", "Diplomacy"),
    ])


def test_a_title_case_heading_keeps_its_prepositions():
    from workbench.evidence.roles_base import lead
    from workbench.evidence.ranking import read

    s = read("Talks With Putin Collapse", [])
    assert lead(s, 2, [])[1] == "with"
    s = read("The envoy met with Foreign Minister Sergei Lavrov.", [])
    assert lead(s, 7, [])[1] == "with"


def test_the_month_may_is_no_hypothetical_and_that_opens_a_clause(cell):
    from workbench.evidence.ranking import _cues, read

    assert _cues(read("The report, published in May, set out how the shells reach the front.", []))[2] == 0
    assert _cues(read("Seoul may send shells.", []))[2] == 1
    assert _cues(read("May Seoul send shells?", []))[2] == 1
    # "and that Pyongyang has shipped": "that" opens a clause, the name is no place.
    shipped = cell("Officials say the shells went to the front in Ukraine, and that Pyongyang has shipped "
                   "artillery shells since.", "North Korea", "Military aid")
    assert not _says(shipped, "names a place")


def test_a_term_that_names_something_else_bears_no_role(cell):
    # "intelligence services" is no instrument: the role rests on "soldiers".
    fighting = cell("North Korean soldiers fought alongside Russian forces, say the intelligence services.",
                    "North Korea", "Military aid")
    assert not _says(fighting, "the actor is the subject")


def test_officials_from_the_actor_are_the_actor(cell):
    met = cell("Officials from Japan and China met in Beijing.", "Japan", "Diplomacy")
    assert met.direct and _says(met, "own people act")
    # Contrast: goods from the actor are not its people.
    assert not cell("Imports from Japan faced new sanctions.", "Japan", "Sanctions").direct


def test_denials_of_the_past_questions_with_nt_and_reasons_after_over(cell, direct):
    never = cell("Chinese officials say that Beijing has never provided weapons to either party.", "China", "Military aid")
    assert not never.direct and _says(never, "denies it")
    nothing = cell("Chinese officials insist Beijing has nothing to do with any transfer of arms.", "China", "Military aid")
    assert not nothing.direct and _says(nothing, "denies it")
    asked = cell("Q: Why doesn't China just send weapons to Russia?", "China", "Military aid")
    assert not asked.direct and _says(asked, "only asked about")
    over = cell("Beijing placed American contractors on its entity list over arms sales to Taiwan.", "China", "Military aid")
    assert not over.direct
    assert not direct("NATO has no power to impose sanctions.", "NATO", "Sanctions")
    # Contrasts: a refusal for the future, a question not about the act, and "over" as a place.
    assert cell("Seoul will never send lethal arms to a country at war.", "South Korea", "Military aid").direct
    assert cell("China sent weapons to Russia; why?", "China", "Military aid").direct
    assert cell("Beijing sells arms to Pakistan over the objections of India.", "China", "Military aid").direct


def test_second_review_of_new_words_in_ordinary_english(cell, direct):
    _none_direct(direct, [
        ("Japan asked Toyota to cut output.", "Japan", "Diplomacy"),
        ("Japan sent a message to its citizens about the typhoon.", "Japan", "Diplomacy"),
        ("A representative of Japan's fishing industry visited the port.", "Japan", "Diplomacy"),
        ("Japan sanctions on hold as talks stall", "Japan", "Sanctions"),
        ("China's package of stimulus measures lifted markets.", "China", "Sanctions"),
        ("Japanese lawmakers will vote on the budget on Friday.", "Japan", "Diplomacy"),
    ])
    _all_direct(cell, [
        ("Japan dismissed the reports and imposed new sanctions on Russia.", "Japan", "Sanctions"),
        ("Japan and China agreed on cooperation on prisoner transfers.", "Japan", "Diplomacy"),
        ("Japan sent a message to Pyongyang through its embassy in Beijing.", "Japan", "Diplomacy"),
    ])


def test_third_round_clauses_agencies_training_and_meeting_places(cell, direct):
    # ", and neither has been asked to provide troops": "neither" opens a clause of its own.
    neither = cell("Japan has no part in the plan, and neither has been asked to provide troops.", "Japan", "Military aid")
    assert not neither.direct
    assert not direct("Ukrainian intelligence says North Korean shells reach Russian units.", "Ukraine", "Military aid")
    assert not cell("Ukrainian recruits have completed basic training in Britain.", "Ukraine", "Military aid").direct
    own = cell("NATO foreign ministers met in Brussels to mark the anniversary.", "NATO", "Diplomacy")
    assert not own.direct and _says(own, "among themselves")
    # Contrasts: the actor's own clause, intelligence shared, trainers, and a meeting with another.
    assert cell("Seoul has no part in the plan, and Japan will send troops.", "Japan", "Military aid").direct
    assert cell("Seoul shared intelligence with Kyiv.", "South Korea", "Military aid").direct
    assert cell("Britain and Poland gave Ukrainian recruits training, and Seoul began training them too.",
                "South Korea", "Military aid").direct
    assert cell("NATO foreign ministers met Ukrainian officials in Brussels.", "NATO", "Diplomacy").direct


def test_third_round_terms(cell, direct):
    assert cell("Lavrov received North Korea's foreign minister in Moscow.", "Russia", "Diplomacy").direct
    assert cell("The two sides signed a protocol; Russia hosted.", "Russia", "Diplomacy").direct
    assert cell("Washington welcomes the step taken by Tokyo.", "United States", "Diplomacy").direct
    assert not direct("Tokyo welcomed tourists all summer.", "Japan", "Diplomacy")
    assert cell("The Security Council capped North Korea's imports of refined petroleum.", "United Nations",
                "Sanctions").direct
    assert cell("Japan added 31 entities to its end user list.", "Japan", "Sanctions").direct


def test_listing_capping_and_private_people(cell, direct):
    assert not direct("Japan added new items to the restaurant menu.", "Japan", "Sanctions")
    assert not direct("Japan capped its own imports of rice.", "Japan", "Sanctions")
    assert not direct("Japanese fans welcomed the Chinese team at the airport.", "Japan", "Diplomacy")
    assert cell("China capped imports of Australian coal in 2020.", "China", "Sanctions").direct
    assert cell("Japan welcomed the decision of the United States to extend the deadline.", "Japan", "Diplomacy").direct


def test_fourth_round_protests_untrue_reports_threats_aimed_at_oneself(cell, direct):
    assert not cell("Japan strongly protests the ballistic missile launched by North Korea.", "Japan", "Military aid").direct
    assert not cell("Reports that Japan is considering sending missiles to Ukraine are untrue.", "Japan",
                    "Military aid").direct
    assert not cell("Beijing has warned Washington that any sanctions on Chinese firms would be met with "
                    "countermeasures.", "China", "Sanctions").direct
    # Contrasts: a threat of its own measures, a report not denied, and a protest as diplomacy.
    assert cell("Beijing warned that it would impose sanctions on American firms.", "China", "Sanctions").direct
    assert cell("Reports say Japan is sending missiles to Ukraine.", "Japan", "Military aid").direct
    assert cell("Japan strongly protests the missile launch.", "Japan", "Diplomacy").direct


def test_fourth_round_bilateral_names_conversations_and_chairs(cell, direct):
    assert cell("The two leaders reaffirmed the ironclad US-ROK Alliance.", "United States", "Diplomacy").direct
    assert cell("The Minister spoke to Chinese officials on Monday.", "China", "Diplomacy").direct
    assert cell("The conference was co-chaired by the European Union.", "European Union", "Diplomacy").direct
    assert not direct("Japan spoke to reporters.", "Japan", "Diplomacy")
    # Contrast: a capitalised term that is part of another name.
    assert not direct("The Tokyo-based Alliance Bank expanded.", "Japan", "Diplomacy")


def test_fifth_round_war_joint_work_and_simulations(cell, direct):
    war = cell("When Russian tanks shelled Kharkiv, Seoul joined the export controls.", "Russia", "Military aid")
    assert not war.direct and _says(war, "attack")
    assert cell("Russian tanks were sent to Belarus.", "Russia", "Military aid").direct
    joint = cell("The minister said Seoul is consulting closely with Tokyo.", "Japan", "Diplomacy")
    assert _says(joint, "working together")
    assert not direct("Pupils will stage a model NATO summit in the town hall.", "NATO", "Diplomacy")
    assert cell("NATO will hold its summit in the town hall.", "NATO", "Diplomacy").direct


def test_second_review_of_the_newest_rules(cell, direct):
    _all_direct(cell, [
        ("Japan imposed sanctions on Russia, saying claims that the referendum was fair are false.", "Japan",
         "Sanctions"),
        ("The United States provided Kyiv with intelligence reports on Russian positions.", "United States",
         "Military aid"),
        ("Chinese state media said Beijing would impose sanctions on Lockheed Martin.", "China", "Sanctions"),
        ("Washington has rationed Patriot interceptors for Ukraine since the spring.", "United States",
         "Military aid"),
    ])
    _none_direct(direct, [
        ("North Korea is sharing missile technology with Russia.", "Russia", "Military aid"),
        ("Japan welcomed three million Chinese tourists last year.", "Japan", "Diplomacy"),
        ("Japan has added two items to the list of World Heritage candidates.", "Japan", "Sanctions"),
        ("Russia capped gasoline exports to stabilise domestic prices.", "Russia", "Sanctions"),
    ])


def test_a_clause_opening_the_sentence_ends_at_its_comma(cell, direct):
    _none_direct(direct, [
        ("If Pyongyang conducts a seventh nuclear test, Japan will push for new sanctions.", "North Korea",
         "Sanctions"),
        ("When Russian tanks crossed into Ukraine, Seoul joined the export controls.", "Russia", "Sanctions"),
    ])
    _all_direct(cell, [
        ("If Pyongyang conducts a seventh nuclear test, Japan will push for new sanctions.", "Japan", "Sanctions"),
        ("When Tokyo imposed sanctions in 2022, Seoul followed within a week.", "Japan", "Sanctions"),
        # A list inside the opening clause is no comma of its end.
        ("When China, Russia and Iran sent arms to the junta, the embargo failed.", "China", "Military aid"),
    ])


def test_the_other_side_of_talks_held_later_in_the_clause(cell, direct):
    _all_direct(cell, [
        ("The minister met with the Chinese foreign minister in Busan.", "China", "Diplomacy"),
        ("Last month the minister held talks in Busan with the Chinese foreign minister.", "China", "Diplomacy"),
    ])
    _none_direct(direct, [
        # Talks only argued for, or kept as a goal, and a possessive that names the agenda.
        ("Some leaders have argued for talks with the Kremlin.", "Russia", "Diplomacy"),
        ("Japan stands ready to hold talks with Pyongyang.", "North Korea", "Diplomacy"),
        ("Seoul and Tokyo hold their regular dialogue, with Pyongyang's missiles high on the agenda.",
         "North Korea", "Diplomacy"),
    ])


def test_it_after_an_opening_clause_stands_for_its_subject(cell, direct):
    _all_direct(cell, [
        ("While Beijing stayed silent, it could also express concern about the deployment.", "China", "Diplomacy"),
    ])
    _none_direct(direct, [
        # "It was" is mostly no one; a name in the object is not what "it" stands for.
        ("When Seoul changed governments, it was a question of sanctions again.", "South Korea", "Sanctions"),
        ("While Beijing may prefer a stronger Russia, it could also express concern about the deployment.",
         "Russia", "Diplomacy"),
        # Another actor in the opening clause: "it" could stand for either.
        ("While Beijing may prefer a stronger Russia, it could also express concern about the deployment.",
         "China", "Diplomacy"),
    ])


def test_yes_no_questions_former_officials_and_denied_reports(cell, direct):
    _none_direct(direct, [
        ("Q: Is North Korea getting military technology back from Moscow?", "Russia", "Military aid"),
        ("Would it help if Seoul also tightened its own sanctions?", "South Korea", "Sanctions"),
        ("As for the so-called arms transfers between the DPRK and Russia, these are groundless speculation.",
         "Russia", "Military aid"),
        ("A former Japanese diplomat argued that the talks had failed.", "Japan", "Diplomacy"),
        ("North Korea shipped shells to Russia, according to South Korean and Ukrainian intelligence.", "Ukraine",
         "Military aid"),
    ])
    _all_direct(cell, [
        ("North Korea is getting military technology back from Moscow.", "Russia", "Military aid"),
        ("The arms transfers between the DPRK and Russia have continued all year.", "Russia", "Military aid"),
        ("A Japanese diplomat met his Chinese counterpart in Beijing.", "Japan", "Diplomacy"),
        ("South Korea shares intelligence with Ukraine.", "South Korea", "Military aid"),
    ])


def test_those_asked_what_they_are_asked_and_whom_measures_hit(cell, direct):
    request = "A Ukrainian minister thanked Seoul and repeated Kyiv's request that South Korea sell it air-defence systems."
    _all_direct(cell, [
        (request, "South Korea", "Military aid"),
        ("NATO now trains Ukrainian brigades in Poland.", "NATO", "Military aid"),
        ("Pyongyang has shipped millions of rounds to Russia by rail.", "North Korea", "Military aid"),
        ("The United States and Japan have imposed sanctions on entities involved in the arms trade.",
         "United States", "Sanctions"),
    ])
    _none_direct(direct, [
        (request, "Ukraine", "Military aid"),
        ("NATO now trains Ukrainian brigades in Poland.", "Ukraine", "Military aid"),
        ("The UN chief called on all states supplying weapons into the conflict to think again.", "United Nations",
         "Military aid"),
        ("The United States and Japan have imposed sanctions on entities involved in the arms trade.",
         "United States", "Military aid"),
        ("North Korea is under a UN embargo, and Pyongyang's workers, ships and coal are all listed or banned.",
         "North Korea", "Sanctions"),
        ("The Security Council opened the Geneva round on Friday.", "United Nations", "Military aid"),
        ("Moscow agreed to new rounds of talks with Kyiv.", "Russia", "Military aid"),
    ])


def test_clefts_clauses_seen_and_named_bodies(cell, direct):
    _all_direct(cell, [
        ("Our producer points out that it was the US Treasury that fined those banks.", "United States", "Sanctions"),
        ("So I was glad to see that Japan and China have agreed to resume their dialogue.", "Japan", "Diplomacy"),
        ("Japan, Korea and the United States launched the Multilateral Sanctions Monitoring Team.", "United States",
         "Sanctions"),
        # A question takes for granted what it names with "the" or as the actor's own.
        ("Has the Government raised the transfer of North Korean missiles to Russia with Beijing?", "North Korea",
         "Military aid"),
    ])
    _none_direct(direct, [
        ("It was Washington's pressure that made Tokyo impose sanctions.", "United States", "Sanctions"),
        ("It was Washington that made Tokyo impose sanctions.", "United States", "Sanctions"),
        ("Officials of Japan's foreign and defence ministries met on 4 December.", "Japan", "Diplomacy"),
        ("The Nobel Peace Prize went to a Japanese group.", "Japan", "Diplomacy"),
    ])


def test_asking_others_giving_none_arming_oneself_and_votes(cell, direct):
    _all_direct(cell, [
        ("Russia, which once voted for the cap, has since argued that it should be eased.", "Russia", "Diplomacy"),
        ("The Security Council banned the coal trade in 2017, and Russia and China voted for it.", "China",
         "Diplomacy"),
        ("Should the DPRK test again, the Republic of Korea will propose new measures.", "South Korea", "Sanctions"),
        ("Japan is sending missiles to Ukraine, not buying them for its own forces.", "Japan", "Military aid"),
        ("Under resolution 2397, adopted by the UN Security Council in 2017, the North's fuel imports are capped.",
         "United Nations", "Sanctions"),
    ])
    _none_direct(direct, [
        ("Kyiv keeps asking its partners to go further and sanction the suppliers' banks too.", "Ukraine",
         "Sanctions"),
        ("Beijing insists it has sent no weapons to either side.", "China", "Military aid"),
        ("Should the DPRK test again, the Republic of Korea will propose new measures.", "North Korea",
         "Sanctions"),
        ("Japan is spending record sums on long-range missiles for its own forces.", "Japan", "Military aid"),
        ("Japanese voters will vote on Sunday.", "Japan", "Diplomacy"),
        ("The UN Security Council's resolutions prohibit ship-to-ship transfers with North Korean vessels.",
         "United Nations", "Diplomacy"),
        ("Under the waste resolution adopted by the EU in May, exports of scrap will fall.",
         "European Union", "Sanctions"),
    ])


def test_review_of_finders_26_to_29_with_ordinary_english(cell, direct):
    _all_direct(cell, [
        ("When Japan sent food, weapons and medical supplies to Ukraine in 2022, it broke with practice.", "Japan",
         "Military aid"),
        ("After the alleged chemical attack, the United States imposed sanctions on Syrian officials, saying "
         "Damascus's denials were false.", "United States", "Sanctions"),
        ("The alleged North Korean arms shipments to Russia are no longer speculation.", "North Korea",
         "Military aid"),
        ("The former US administration imposed tariffs on Chinese steel.", "United States", "Sanctions"),
        ("Japan, which has sanctioned Russian banks, is also involved in talks with South Korea.", "Japan",
         "Diplomacy"),
        ("The US urged Japan, after sending its own Patriots to Kyiv, to do the same.", "United States",
         "Military aid"),
        ("Putin explained his peace plan to Xi in a phone call.", "Russia", "Diplomacy"),
        ("Beijing stressed dialogue and restraint in its call with Putin.", "China", "Diplomacy"),
    ])
    _none_direct(direct, [
        ("When Ukraine asked the EU for more shells, it promised a million rounds within a year.", "Ukraine",
         "Military aid"),
        ("Although Moscow protested, they sent the tanks anyway.", "Russia", "Military aid"),
        ("The EU held a meeting of foreign ministers on trade with China.", "China", "Diplomacy"),
        ("Would it help if Tokyo joined the price cap?", "Japan", "Sanctions"),
        ("Is there any chance that Beijing will join the sanctions?", "China", "Sanctions"),
        ("Japan's prime minister did the rounds in Washington, meeting lawmakers.", "Japan", "Military aid"),
        ("Russia fired thousands of rounds at Ukrainian positions.", "Russia", "Military aid"),
        ("It was China that faced sanctions first.", "China", "Sanctions"),
        ("It was North Korea that the sanctions targeted.", "North Korea", "Sanctions"),
        ("Ukrainian brigades received Leopard tanks from Germany.", "Ukraine", "Military aid"),
    ])


def test_an_act_in_a_condition_is_only_supposed(cell, direct):
    _none_direct(direct, [
        ("The court remarked that such cases would be fewer if Beijing enforced its own export controls.", "China",
         "Sanctions"),
        ("If China sends weapons to Russia, Washington will respond.", "China", "Military aid"),
    ])
    _all_direct(cell, [
        # The one who states the condition for its own act still acts.
        ("Seoul will impose sanctions if Pyongyang tests again.", "South Korea", "Sanctions"),
    ])


def test_urged_not_to_fire_by_charges_denied_and_occasions(cell, direct):
    _none_direct(direct, [
        ("The Minister called on China not to provide Russia with weapons.", "China", "Military aid"),
        ("The Secretary replied that the Alliance's demand for shells will be met in full.", "NATO", "Diplomacy"),
        ("Pyongyang tested a missile every week, and the Security Council passed one sanctions resolution after "
         "another.", "United Nations", "Diplomacy"),
        ("Prime Minister Ishiba expressed condolences to Japan's partners for the missile and drone attacks on "
         "Kyiv.", "Japan", "Military aid"),
        ("Japan expressed serious concern that Russia may transfer missile technology to North Korea.", "Japan",
         "Military aid"),
        ("Beijing denies Western charges that Chinese drone engines are keeping Russia's war going.", "China",
         "Military aid"),
        ("Pyongyang supplied a large share of the shells fired by Russian artillery.", "Russia", "Military aid"),
        ("Russia and China have blocked every new North Korean listing.", "North Korea", "Sanctions"),
        ("Seoul and Tokyo will meet the United States on the margins of the NATO summit.", "NATO", "Diplomacy"),
    ])
    _all_direct(cell, [
        ("The Council's expert panel was wound up in 2024 after Russia vetoed its renewal.", "Russia", "Sanctions"),
        ("China and Russia voted for it, as they had for every sanctions resolution on the North.", "China",
         "Diplomacy"),
        ("Japan expressed serious concern about the transfers of missile technology.", "Japan", "Diplomacy"),
        ("Washington says Beijing denies charges that it armed Russia, but the US itself sent weapons to Kyiv.",
         "United States", "Military aid"),
    ])


def test_fronted_phrases_accusations_trade_and_vague_measures(cell, direct):
    _all_direct(cell, [
        ("By our estimates North Korea has supplied Russia with millions of rounds of artillery ammunition.",
         "North Korea", "Military aid"),
        ("Japan sent missiles bought from the United States to Ukraine.", "Japan", "Military aid"),
        ("Ukraine's foreign minister welcomed the package in a call with the High Representative.", "Ukraine",
         "Diplomacy"),
        ("Pyongyang imports oil above the cap set by the Security Council.", "United Nations", "Sanctions"),
    ])
    _none_direct(direct, [
        ("Ukraine's Western sponsors have supplied Kiev with billions of dollars' worth of weapons.", "Ukraine",
         "Military aid"),
        ("Zelenskyy said the shells kept coming, and the Ukrainian president appealed to allies to speed up "
         "deliveries of air defence.", "Ukraine", "Military aid"),
        ("Japan has frozen the assets of a hundred individuals involved in the arms trade.", "Japan",
         "Military aid"),
        ("Any transfer of arms to North Korea is prohibited by Security Council resolutions.", "United Nations",
         "Diplomacy"),
        ("Beijing insists it sends no weapons to Russia.", "China", "Military aid"),
        ("China firmly opposes the listings and will take necessary measures.", "China", "Sanctions"),
        ("The DPRK will never recognize the sanctions resolutions.", "North Korea", "Sanctions"),
        ("Tokyo banned all imports from North Korea.", "North Korea", "Sanctions"),
        ("NATO's own stockpile targets are already under strain.", "NATO", "Military aid"),
        ("Brussels added three Chinese firms to its list, accusing them of supplying drone engines to Russia.",
         "European Union", "Military aid"),
        ("Japan's defence ministry has signed for 400 cruise missiles bought from the United States.", "Japan",
         "Military aid"),
    ])


def test_review_of_finders_29_to_31_with_ordinary_english(cell, direct):
    _all_direct(cell, [
        ("Japan sent a letter to Moscow and pledged more shells for Kyiv.", "Japan", "Military aid"),
        ("Should Russia, China and Iran deepen their ties, the US will impose secondary sanctions.",
         "United States", "Sanctions"),
        ("The US will send Patriot missiles to Ukraine for its own defence.", "United States", "Military aid"),
        ("The US introduced a resolution that would require Russia to withdraw its troops.", "United States",
         "Diplomacy"),
        ("The US circulated a draft sanctions resolution to Council members.", "United States", "Diplomacy"),
        ("It was Japan that first proposed talks with Seoul.", "Japan", "Diplomacy"),
        ("Washington fired a fresh round of sanctions at Moscow.", "United States", "Sanctions"),
        ("The EU launched a military aid programme for Moldova.", "European Union", "Military aid"),
        ("Washington urged Tokyo not to hesitate to impose sanctions on Russian banks.", "Japan", "Sanctions"),
        ("The US urged Japan not to lift its sanctions on Moscow.", "Japan", "Sanctions"),
        ("Japanese and Chinese diplomats were met by Russian officials at the airport.", "Russia", "Diplomacy"),
        ("New US sanctions strike at China's chip industry.", "United States", "Sanctions"),
        ("Fresh American designations hit 50 Chinese companies.", "United States", "Sanctions"),
        ("Agreements were signed on the sidelines of the China-Arab States summit in Riyadh.", "China",
         "Diplomacy"),
    ])
    _none_direct(direct, [
        ("Japan's parliament voted for the ban on single-use plastics.", "Japan", "Diplomacy"),
        ("Japan's Diet voted on the sanctions law after the UN Security Council acted.", "Japan", "Diplomacy"),
        ("The US Senate will vote next week on a bill that would impose sanctions on China.", "United States",
         "Diplomacy"),
        ("Japan deployed engineers to South Sudan under a UN resolution on peacekeeping.", "Japan", "Sanctions"),
        ("Russia vetoed the renewal of the UN peacekeeping mission in Mali.", "Russia", "Sanctions"),
        ("A former Japanese PM called for talks with Beijing.", "Japan", "Diplomacy"),
        ("There is little chance that Beijing will join the sanctions.", "China", "Sanctions"),
        ("Analysts fear that Pyongyang will send more troops to Russia.", "North Korea", "Military aid"),
    ])
    # What follows "that" after such nouns is only supposed when it is still to come.
    assert cell("The concerns that Seoul raised with Beijing were about North Korean troops.", "South Korea",
                "Diplomacy").direct


def test_replies_to_a_panel_suppliers_hit_and_arms_built_up_for_another(cell, direct):
    _all_direct(cell, [
        ("Japan informed the Panel that it had frozen the assets of the broker's affiliate.", "Japan", "Diplomacy"),
        ("In response to the Panel's enquiry, China stated that no such vessel had entered its ports.", "China",
         "Diplomacy"),
        ("If Beijing does not stop these deliveries, the EU must be ready to list the Chinese suppliers involved.",
         "European Union", "Sanctions"),
    ])
    _none_direct(direct, [
        ("In response to Western sanctions, Russia expelled three diplomats.", "Russia", "Sanctions"),
        ("Kyiv imposed sanctions on 23 companies, including Chinese and Belarusian firms supplying drone parts to "
         "Russia.", "China", "Military aid"),
        ("The Ukrainians themselves are now producing more of their own shells.", "Ukraine", "Military aid"),
        ("Together with NATO, we will keep working to strengthen Ukraine's air defences.", "Ukraine",
         "Military aid"),
        ("Rutte confirmed that the Alliance would deliver the next package of equipment to Ukraine.", "NATO",
         "Sanctions"),
    ])


def test_caps_denials_of_the_term_defiance_and_votes_in_a_council(cell, direct):
    _all_direct(cell, [
        ("Ship-to-ship transfers continue despite the UN cap of 500,000 barrels a year.", "United Nations",
         "Sanctions"),
        ("Security Council resolutions adopted between 2006 and 2017 forbid any country to sell weapons to North "
         "Korea, and Russia voted for every one of them.", "Russia", "Diplomacy"),
    ])
    _none_direct(direct, [
        ("The EU will cap spending on the new programme at two billion euros.", "European Union", "Sanctions"),
        ("Japan capped fees for foreign students and its spending on embassies.", "Japan", "Sanctions"),
        ("Pyongyang and Moscow both deny any arms transfers.", "Russia", "Military aid"),
        ("North Korea advanced its missile programmes in open defiance of the sanctions resolutions.",
         "North Korea", "Sanctions"),
    ])
    # "denied Russia access" refuses a thing; only what follows the fillers straight away is denied.
    assert cell("Japan denied Russian ships access and imposed sanctions.", "Japan", "Sanctions").direct


def test_review_of_finders_32_to_35_with_ordinary_english(cell, direct):
    _all_direct(cell, [
        ("The United States funded interceptors bought from European makers for Ukraine.", "United States",
         "Military aid"),
        ("Japan will take the necessary measures against Russian banks.", "Japan", "Sanctions"),
        ("The United States named 20 new sanctions targets in Russia's energy sector.", "United States",
         "Sanctions"),
        ("The United States sanctioned the firms, accusing them of helping Moscow, and sent more weapons to "
         "Ukraine.", "United States", "Military aid"),
        ("South Korea sends no weapons directly to Ukraine.", "South Korea", "Military aid"),
        ("The European Union will support Japan's sanctions on Russian oil.", "Japan", "Sanctions"),
        ("South Korea is making its own artillery shells available to the United States for Ukraine.",
         "South Korea", "Military aid"),
        ("Japan agreed to cap Russian crude at $47.60 a barrel.", "Japan", "Sanctions"),
        ("The United States will deny export licences to Chinese chipmakers.", "United States", "Sanctions"),
        ("In response to the Panel's enquiry, China stated that the ship was not registered there.", "China",
         "Diplomacy"),
    ])
    _none_direct(direct, [
        ("Without US support Ukraine cannot sustain its air defence.", "United States", "Military aid"),
        ("Russia was the main topic at a meeting of NATO foreign ministers.", "Russia", "Diplomacy"),
        ("Japan's foreign minister informed the parliamentary committee that UN sanctions would be extended.",
         "Japan", "Diplomacy"),
        ("In response to the Panel's findings, North Korea fired two more missiles.", "North Korea", "Diplomacy"),
        ("Saudi Arabia and Russia agreed to cap oil production until March.", "Russia", "Sanctions"),
        ("South Korea voted on Wednesday in a presidential election, and the UN has no role in it.", "South Korea",
         "Diplomacy"),
        ("Shells and other goods from North Korea are arriving in Russia by rail.", "Russia", "Military aid"),
    ])
    # Goods from North Korea that are shells are still its arms.
    assert cell("Shells and other goods from North Korea are arriving in Russia by rail.", "North Korea",
                "Military aid").direct


def test_more_words_of_each_instrument_and_security_council_resolutions(cell, direct):
    _all_direct(cell, [
        ("Japan gives Ukraine trucks, generators and body armour instead.", "Japan", "Military aid"),
        ("Tokyo has sent only helmets and bulletproof vests to Kyiv.", "Japan", "Military aid"),
        ("Zelenskyy thanked Seoul for its support.", "Ukraine", "Diplomacy"),
        ("Seoul will continue to provide non-lethal assistance to Ukraine.", "South Korea", "Military aid"),
        ("North Korea has become Russia's most reliable supplier of shells.", "North Korea", "Military aid"),
        ("Moscow appears to be passing on satellite and submarine know-how to Pyongyang.", "Russia",
         "Military aid"),
        ("The United States stopped buying oil from Russia in 2022.", "United States", "Sanctions"),
        ("Japan added three names to its list of sanctioned entities.", "Japan", "Sanctions"),
        # A Security Council resolution broken, enforced or banning is the Council's measures.
        ("The transfers flagrantly violate relevant UN Security Council resolutions.", "United Nations",
         "Sanctions"),
        ("The UN Security Council resolutions forbid the sale of machinery to the DPRK.", "United Nations",
         "Sanctions"),
        # Refusing is still deciding about the instrument; a second object after "and" is not hit.
        ("Seoul has rejected sending lethal weapons to Kyiv, citing its own export law.", "South Korea",
         "Military aid"),
        ("The US announced sanctions on Russia and weapons for Ukraine.", "United States", "Military aid"),
    ])
    _none_direct(direct, [
        # Whom measures hit, and a violation condemned, are not the condemner's measures.
        ("Washington and Brussels announce coordinated sanctions on arms brokers in Serbia.", "United States",
         "Military aid"),
        ('14:48 U.S. State Department condemns launch as "a flagrant violation" of multiple UN Security Council '
         "resolutions, urges Pyongyang to return to talks.", "United States", "Sanctions"),
        # Other senses of the new words.
        ("The band added new names to its tour list.", "Japan", "Sanctions"),
        ("Japan stopped buying the story.", "Japan", "Sanctions"),
        ("Kishida thanked the crew of the rescue ship at a ceremony in Yokohama.", "Japan", "Diplomacy"),
        ("Japanese police tested non-lethal stun guns at a training centre in Chiba.", "Japan", "Military aid"),
        ("South Korea is the world's top supplier of memory chips.", "South Korea", "Military aid"),
        ("China is the main supplier of rare earths and chips to Japan's carmakers.", "China", "Military aid"),
        ("The United States is Ukraine's largest supplier of weapons.", "Ukraine", "Military aid"),
        ("The EU sanctioned third-country suppliers of Russia's military.", "European Union", "Military aid"),
        ("Tokyo does not know how Beijing will respond to the new export rules.", "Japan", "Military aid"),
        ("South Korea exported its nuclear reactor know-how to the United Arab Emirates.", "South Korea",
         "Military aid"),
        ("The UN Security Council resolution on Haiti authorised a Kenyan-led police mission.", "United Nations",
         "Sanctions"),
        ("Russia vetoed a UN Security Council resolution renewing the sanctions panel of experts.",
         "United Nations", "Sanctions"),
        ("Japan circulated a draft UN Security Council resolution on new sanctions against North Korea.",
         "United Nations", "Sanctions"),
        ("The Atlantic alliance marked its 75th anniversary in Washington.", "NATO", "Diplomacy"),
    ])


def test_why_questions_list_markers_and_a_new_clause_after_a_target(cell, direct):
    # "Why does X ...?" asks the reason of an act taken as fact; "Why would X ...?" or
    # "Why doesn't X ...?" only suppose it.
    assert cell("Why does Japan keep sending helmets to Kyiv?", "Japan", "Military aid").direct
    assert cell("Why has Seoul imposed sanctions on the shipping firm?", "South Korea", "Sanctions").direct
    assert cell("Why does the EU keep adding names to its sanctions lists?", "European Union", "Sanctions").direct
    _none_direct(direct, [
        ("Why did Japan not send weapons to Ukraine?", "Japan", "Military aid"),
        ("Why would Japan send helmets to Kyiv?", "Japan", "Military aid"),
        ("Why doesn't Japan send weapons to Kyiv?", "Japan", "Military aid"),
        ("How do North Korea sanctions differ?", "North Korea", "Sanctions"),
    ])
    # A list marker or a speaker's label before an opening clause does not hide where it ends.
    from workbench.evidence.clauses import parse
    from workbench.evidence.words import tokens

    for text in ("(a) If sanctions have failed, why do they keep adding names?",
                 "HOST: If sanctions have failed, why do they keep adding names?"):
        toks = tokens(text)
        assert [toks[c.first].low for c in parse(toks, set())][-1] == "why", text
    marked = cell("(a) If sanctions on Pyongyang have failed to stop its missile programme, why do the US, "
                  "Japan and the EU keep adding names to their lists?", "Japan", "Sanctions")
    assert not _says(marked, "receiving end")
    # The target of measures does not run on into a clause with a subject of its own.
    voted = cell("The Security Council passed nine rounds of sanctions on North Korea, and China and Russia "
                 "voted for every one of them.", "China", "Sanctions")
    assert not _says(voted, "receiving end")
    assert _says(cell("The Security Council passed sanctions on North Korea and Iran.", "North Korea", "Sanctions"),
                 "receiving end")


def test_the_actors_own_arms_or_diplomats_named_are_no_act(cell, direct):
    _none_direct(direct, [
        ("Those components have been found in Russian drones and missiles recovered in Ukraine.", "Russia",
         "Military aid"),
        ("When Russian tanks crossed into Ukraine, Seoul joined the export controls.", "Russia", "Military aid"),
        ("Now a word on the letter from the Russian embassy on the notice board.", "Russia", "Diplomacy"),
        ("I asked the Russian embassy in London about the voyage.", "Russia", "Diplomacy"),
    ])
    # Arms that go to another, and diplomats who act, are still the actor's act.
    _all_direct(cell, [
        ("North Korean shells shipped to Russia are killing Ukrainian soldiers.", "North Korea", "Military aid"),
        ("Chinese diplomats lobbied hard against the resolution.", "China", "Diplomacy"),
        ("The Chinese ambassador addressed the council of the International Maritime Organization.", "China",
         "Diplomacy"),
        ("Japanese sanctions on Russian banks took effect on Monday.", "Japan", "Sanctions"),
    ])


def test_firing_or_testing_arms_and_coordinating_deliveries_are_no_aid_or_diplomacy(cell, direct):
    _none_direct(direct, [
        ("North Korea fired what appears to be a ballistic missile into the East Sea.", "North Korea",
         "Military aid"),
        ("Pyongyang has launched more ballistic missiles since 2022 than in the whole previous decade.",
         "North Korea", "Military aid"),
        ("North Korea has had sanctions on it for almost 20 years, and it still tests missiles.", "North Korea",
         "Military aid"),
        ("NATO now coordinates most of the Western deliveries from a command in Wiesbaden.", "NATO", "Diplomacy"),
        ("NATO will coordinate the delivery of equipment and training to Ukraine.", "NATO", "Diplomacy"),
    ])
    _all_direct(cell, [
        ("Pyongyang test-fired another missile and shipped more rockets to Russia.", "North Korea", "Military aid"),
        ("North Korea launched a programme to supply missiles to Russia.", "North Korea", "Military aid"),
        ("NATO will coordinate the delivery of equipment and training to Ukraine.", "NATO", "Military aid"),
        ("Japan will coordinate its sanctions with the European Union.", "Japan", "Diplomacy"),
    ])


def test_a_clause_that_does_the_same_repeats_the_act_before_it(cell, direct):
    _all_direct(cell, [
        ("The Security Council passed nine rounds of sanctions on North Korea, and China and Russia voted for "
         "every one of them.", "China", "Sanctions"),
        ("The EU imposed sanctions on Russian banks, and Japan and Canada followed suit.", "Japan", "Sanctions"),
        ("Washington sent more air defence to Kyiv, and Tokyo did the same.", "Japan", "Military aid"),
    ])
    _none_direct(direct, [
        ("The EU imposed sanctions on Russian banks, and Japan followed the debate closely.", "Japan", "Sanctions"),
        ("Washington sent weapons to Kyiv, and Moscow voted for a resolution on Gaza.", "Russia", "Military aid"),
    ])


def test_the_one_thanked_for_an_act_did_it(cell, direct):
    _all_direct(cell, [
        ("Zelensky thanked Japan for the body armour and helmets.", "Japan", "Military aid"),
        ("Putin thanked Kim Jong Un for sending troops to Kursk.", "North Korea", "Military aid"),
    ])
    _none_direct(direct, [
        ("Zelensky thanked Japan for its hospitality and asked for more weapons.", "Japan", "Military aid"),
        ("Zelensky thanked Japan for the body armour and helmets.", "Ukraine", "Military aid"),
    ])


def test_an_opening_condition_whose_verb_follows_a_name_ends_at_its_comma(cell, direct):
    # "blockades", "tests": a word in -s right after a name is its verb, even one the lexicon
    # does not know, so the condition ends at its comma and the main clause has its own subject.
    assert cell("If China blockades Taiwan, Japan will impose sanctions.", "Japan", "Sanctions").direct
    assert cell("KISHIDA: If North Korea tests again, Japan will impose sanctions.", "Japan", "Sanctions").direct
    assert not direct("If North Korea tests again, Japan will impose sanctions.", "North Korea", "Sanctions")


def test_the_other_party_to_a_treaty_signed_or_to_work_done_in_coordination(cell, direct):
    _all_direct(cell, [
        ("The United States, which had supplied most of the UN forces, signed a mutual defence treaty with "
         "Seoul in October 1953.", "South Korea", "Diplomacy"),
        ("Britain imposed the new listings in coordination with Japan and Canada.", "Japan", "Diplomacy"),
    ])
    _none_direct(direct, [
        ("The ministers condemned the DPRK's launches and its growing military cooperation with Russia, including "
         "the transfer of arms.", "Russia", "Military aid"),
        ("Seoul signed a contract with a Polish firm, and a trade deal with Japan was delayed.", "Japan",
         "Diplomacy"),
    ])
