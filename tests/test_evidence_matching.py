"""Matching actors' names and instruments' terms: the rules that keep a match honest."""

from __future__ import annotations

from workbench.domain.models import Actor, Instrument
from workbench.evidence.matching import DEMONYM, NAME, WEAK, ActorMatcher, TermMatcher, fts_any


def _actor(id: int, name: str, *aliases: str) -> Actor:
    return Actor(id, f"a{id}", name, aliases, id)


US = _actor(1, "United States", "US", "U.S.", "Washington", "America", "American")
NK = _actor(2, "North Korea", "DPRK", "Democratic People's Republic of Korea", "Pyongyang",
            "North Korean", "Kim Jong Un", "Kim Jong-un", "Kim")
SK = _actor(3, "South Korea", "Republic of Korea", "ROK", "Seoul", "South Korean")
UN = _actor(4, "United Nations", "UN", "U.N.")
FRAME = ActorMatcher((US, NK, SK, UN))


def _found(text: str) -> list[tuple[int, str, str]]:
    return [(m.owner, text[m.start:m.end], m.kind) for m in FRAME.mentions(text)]


def test_acronyms_match_only_in_capitals():
    assert _found("Let us hope the US and the UN act.") == [(1, "US", "alias"), (4, "UN", "alias")]
    assert _found("It is unlikely, uns, usurp.") == []


def test_dotted_acronym_keeps_its_full_stop():
    assert _found("U.S. officials met U.N. envoys.") == [(1, "U.S.", "alias"), (4, "U.N.", "alias")]


def test_longest_name_wins_across_actors():
    text = "The Democratic People's Republic of Korea and the Republic of Korea met."
    assert [(o, k) for o, _t, k in _found(text)] == [(2, "alias"), (3, "alias")]
    assert _found(text)[0][1] == "Democratic People's Republic of Korea"


def test_apostrophes_hyphens_and_spaces_are_interchangeable():
    assert _found("Democratic People’s Republic of Korea")[0][0] == 2
    assert [t for _o, t, _k in _found("Kim Jong Un and Kim Jong-un")] == ["Kim Jong Un", "Kim Jong-un"]


def test_short_names_are_weak_and_case_sensitive():
    assert _found("Kim said so.") == [(2, "Kim", WEAK)]
    assert _found("kimchi and kim") == []


def test_demonyms_are_recognised_as_weaker_mentions():
    found = _found("North Korean troops and American weapons; North Korea's army.")
    assert found == [(2, "North Korean", DEMONYM), (1, "American", DEMONYM), (2, "North Korea", NAME)]


def test_words_inside_other_words_never_match():
    assert _found("Seoulful Washingtonian UNICEF") == []


def test_terms_match_inflections_and_coordinated_modifiers():
    inst = Instrument(1, "i", "Military aid", ("military assistance", "deployment", "sanction",
                                                "military technology"), 0)
    tm = TermMatcher(inst)

    def labels(text: str) -> list[str]:
        return [m.label for m in tm.mentions(text)]

    assert labels("increase military, financial, and humanitarian assistance") == ["military assistance"]
    assert labels("troops were deployed; deployments continue") == ["deployment", "deployment"]
    assert labels("they sanctioned banks") == ["sanction"]
    assert labels("military technologies") == ["military technology"]
    assert labels("Military aid arrived") == ["Military aid"]  # the instrument's own name counts
    assert labels("the statement was redeployed") == []


def test_according_to_is_not_an_accord():
    tm = TermMatcher(Instrument(1, "i", "Diplomacy", ("accord",), 0))
    assert [m.label for m in tm.mentions("Shells went to Russia, according to Seoul.")] == []
    assert [m.label for m in tm.mentions("Both sides accorded it weight under the accords.")] == ["accord", "accord"]


def test_fts_expression_quotes_every_word():
    expr = fts_any(['People\'s "Republic"', "AND", "military assistance"], near=True)
    assert expr == '"People s Republic" OR "AND" OR NEAR("military" "assistance", 6)'


def test_a_term_with_an_ellipsis_is_a_verb_and_its_object():
    tm = TermMatcher(Instrument(1, "i", "Sanctions", ("target … banks", "arm …", "arms"), 0))

    def found(text: str) -> list[tuple[str, str]]:
        return [(m.label, text[m.start:m.end]) for m in tm.mentions(text)]

    # A few words may stand between the verb and its object, in any inflection.
    assert found("They targeted Chinese state-owned banks.") == [("target … banks", "targeted Chinese state-owned banks")]
    assert found("to target the bank") == [("target … banks", "target the bank")]
    # Not across a preposition, a comma or more than three words.
    assert found("a target for the banks") == []
    assert found("targets, banks") == []
    assert found("target the two largest regional state banks") == []
    # "arm …": the verb with an object, a noun phrase or a name, never the adjective or the noun.
    assert found("would arm Kyiv") == [("arm …", "arm")]
    assert found("Seoul armed the rebels and arms them still.") == [("arm …", "armed"), ("arm …", "arms")]
    assert found("armed forces, heavily armed, the military arm of it") == []
    assert found("Armed Forces Day") == []
    assert found("sold arms to Kyiv") == [("arms", "arms")]
    # The full-text filter finds both parts near each other, or the verb alone.
    assert fts_any(["target … banks", "arm …"], near=True) == 'NEAR("target" "banks", 6) OR "arm"'


def _default_terms(name: str) -> TermMatcher:
    """The matcher of one instrument of the default frame, as new projects get it."""
    from workbench import sample

    terms = next(i["terms"] for i in sample.default_frame()["instruments"] if i["name"] == name)
    return TermMatcher(Instrument(1, "i", name, tuple(terms), 0))


def _words(tm: TermMatcher, text: str) -> list[str]:
    return [text[m.start:m.end] for m in tm.mentions(text)]


def test_default_diplomacy_terms_cover_everyday_wording():
    tm = _default_terms("Diplomacy")
    assert _words(tm, "Seoul sent delegations to Kyiv and opened a hotline.") == ["delegations", "hotline"]
    assert _words(tm, "The ministers stay in close contact and set up a contact group.") == [
        "in close contact", "set up a contact group"]
    assert _words(tm, "Tokyo called on Beijing to act; they spoke by phone.") == ["called on", "spoke by phone"]
    assert _words(tm, "They held a video call on the sidelines of the forum.") == ["held a video call", "on the sidelines"]
    assert _words(tm, "Officials, gravely concerned, deplored the launch and de-escalated.") == [
        "gravely concerned", "deplored", "de-escalated"]


def test_default_sanctions_terms_cover_listings_assets_and_payments():
    tm = _default_terms("Sanctions")
    assert _words(tm, "Washington delisted two firms and designated the shadow fleet.") == [
        "delisted", "designated", "shadow fleet"]
    assert _words(tm, "Brussels has frozen their assets and imposed entry bans.") == [
        "frozen their assets", "entry bans"]
    assert _words(tm, "Banks were cut off from SWIFT under a lower price cap.") == ["from SWIFT", "price cap"]
    assert _words(tm, "It penalised the lender and added anti-dumping duties.") == ["penalised", "anti-dumping"]


def test_default_military_aid_terms_cover_deliveries_and_weapons_in_general_words():
    tm = _default_terms("Military aid")
    assert _words(tm, "Berlin sent launchers and a 155mm stockpile in a new drawdown.") == [
        "launchers", "155mm", "stockpile", "drawdown"]
    assert _words(tm, "The package holds anti-aircraft missiles and armoured vehicles.") == [
        "anti-aircraft", "missiles", "armoured vehicles"]
    assert _words(tm, "The European Peace Facility paid for military supplies.") == [
        "European Peace Facility", "military supplies"]


def test_false_friends_of_the_default_terms_do_not_match():
    diplomacy, sanctions, aid = (_default_terms(n) for n in ("Diplomacy", "Sanctions", "Military aid"))
    # A shell company (or Shell, the oil company) is not artillery; real shells still are.
    assert _words(aid, "The money went through shell companies and a shell firm.") == []
    assert _words(aid, "Shell raised its dividend.") == []
    assert _words(aid, "Shells hit the town; one shell missed.") == ["Shells", "shell"]
    # "Peace" in the name of a fund, a corps, a prize or an institute is not diplomacy.
    assert _words(diplomacy, "The European Peace Facility and the Peace Corps paid.") == []
    assert _words(diplomacy, "She won the Nobel Peace Prize at the Institute of Peace.") == []
    assert _words(diplomacy, "They want a lasting peace.") == ["peace"]
    # "call" alone is an everyday word. ("cap" alone is a term since finder 35, counted only with
    # oil, fuel, barrels or a price named: test_evidence_roles.test_caps_denials_...)
    assert _words(diplomacy, "She took a call from her bank.") == []


def test_every_word_of_a_phrase_inflects_as_in_running_text():
    tm = TermMatcher(Instrument(1, "i", "Diplomacy", ("called for", "voiced concern", "weapons deliveries",
                                                      "hold … talks", "bar … from", "from SWIFT"), 0))
    # A verb listed in one form finds its others, before a fixed small word.
    assert _words(tm, "Seoul calls for calm; Tokyo is calling for it.") == ["calls for", "calling for"]
    assert _words(tm, "Kyiv voices concern, voicing concerns.") == ["voices concern", "voicing concerns"]
    assert _words(tm, "one weapon delivery") == ["weapon delivery"]
    assert _words(tm, "They held new talks and hold talks still.") == ["hold talks"]  # "held" is irregular: listed apart
    assert _words(tm, "It bars banks from it; it barred firms from it.") == ["bars banks from", "barred firms from"]
    # Small words, names and acronyms do not inflect ("froms", "SWIFTs").
    assert _words(tm, "cut off froms SWIFT") == []
    assert _words(tm, "a call fore calm, the callers for calm") == []


def test_default_terms_cover_the_whole_language_of_each_instrument():
    sanctions = _default_terms("Sanctions")
    assert _words(sanctions, "The order bars Japanese banks from processing payments.") == ["bars Japanese banks from"]
    assert _words(sanctions, "Resolutions prohibit the trade; the prohibition stands.") == ["prohibit", "prohibition"]
    assert _words(sanctions, "Customs seized two tankers and impounded the cargo.") == [
        "seized two tankers", "impounded"]
    assert _words(sanctions, "Officials froze the bank's assets to curb its trade.") == [
        "froze the bank's assets", "curb its trade"]
    aid = _default_terms("Military aid")
    assert _words(aid, "Arms deliveries and shipments resumed after the weapons transfers.") == [
        "Arms deliveries", "shipments", "weapons transfers"]
    diplomacy = _default_terms("Diplomacy")
    assert _words(diplomacy, "Seoul made overtures, extending an olive branch.") == ["overtures", "olive branch"]
    assert _words(diplomacy, "They want to reopen every door and return to the table.") == [
        "reopen every door", "to the table"]
    assert _words(diplomacy, "The ministers met with envoys, meeting with them again to exchange views.") == [
        "met with", "envoys", "meeting with", "exchange views"]
    assert _words(sanctions, "Treasury fined the bank and revoked its export licences.") == ["fined", "export licences"]
    # Transfers of money or of cargo between ships are not arms transfers.
    assert _words(aid, "ship-to-ship transfers and cash transfers; arms transfers") == ["arms transfers"]
    # Everyday words alone are not the instrument.
    assert _words(diplomacy, "The door was shut; they sat at a desk.") == []
    assert _words(sanctions, "The bar was full; a list of guests.") == []


def test_name_and_term_starts_are_found_as_by_listing_every_key():
    # The start finder shares the keys' beginnings; it must find the very places (and the
    # longest key at each) that trying every key in turn finds, words cut short included.
    import re

    from workbench.evidence.matching import _starts_pattern

    keys = ["de-escalation", "de-escalate", "de", "aid", "aide", "aides", "ai", "us", "u.s", "nato", "na", "go-between"]
    text = ("Aides said aid and AIDE work; the AI and U.S. sought DE-ESCALATION, de-escalated, de escalation; "
            "NATO's natal go-between; aidesx, US-led, usa, nat, ſanctions Aİd")
    for whole_word in (True, False):
        listed = sorted(keys, key=lambda k: -len(k))
        tail = r"(?!\w)" if whole_word else ""
        plain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, listed)) + ")" + tail, re.IGNORECASE)
        found = [(m.start(), m.end()) for m in _starts_pattern(keys, whole_word=whole_word).finditer(text)]
        assert found == [(m.start(), m.end()) for m in plain.finditer(text)]
        assert len(found) >= 10


def test_a_verb_term_whose_noun_is_something_else_counts_only_as_a_verb():
    aid, diplomacy = _default_terms("Military aid"), _default_terms("Diplomacy")
    # After a determiner, a possessive, a preposition, or an adjective that follows one of
    # them, the word is a noun: a railway train, carefulness, map coordinates.
    assert _words(aid, "The minister's armoured train left; they came by train on two trains.") == []
    assert _words(diplomacy, "Markets greeted the news with caution at the coordinates given.") == []
    # As verbs they are the instrument, after a subject, a modal, "to" or another verb.
    assert _words(aid, "Britain will train pilots; Poland helped train crews; Oslo trains medics.") == [
        "train", "train", "trains"]
    assert _words(aid, "They agreed to train 5,000 recruits, and trained more.") == ["train", "trained"]
    assert _words(diplomacy, "Tokyo will coordinate with Seoul.") == ["coordinate"]


def test_default_diplomacy_terms_cover_ordinary_contact_between_governments():
    diplomacy = _default_terms("Diplomacy")
    assert _words(diplomacy, "The premier spoke to her by telephone and later on the phone again.") == [
        "spoke to", "by telephone", "on the phone"]
    assert _words(diplomacy, "Oslo hosted the envoys; its minister flew to Rome and lobbied hard.") == [
        "hosted", "envoys", "flew to", "lobbied"]
    assert _words(diplomacy, "She asked him to use his influence and lean on the junta.") == [
        "asked him to", "use his influence", "lean on"]
    # Hosting a match, flying to a holiday home or leaning on a wall are no less matched:
    # the role rules, not the words, decide whose act it is; a building leans on nothing.
    assert _words(diplomacy, "The building's influence on the skyline grew.") == []



def test_inviting_another_government_is_diplomacy_but_an_invitation_to_act_is_not():
    diplomacy = _default_terms("Diplomacy")
    assert _words(diplomacy, "The premier invited her partners again; Oslo invites envoys, inviting Rome too.") == [
        "invited", "invites", "envoys", "inviting"]
    # The noun stays with the request rules ("troops sent at Moscow's invitation" is Moscow's
    # request for them, not a diplomatic act), so it is no diplomacy term.
    assert _words(diplomacy, "The troops stayed at Moscow's invitation.") == []


def test_default_sanctions_terms_cover_listing_ships_and_firms():
    sanctions = _default_terms("Sanctions")
    assert _words(sanctions, "Brussels listed 40 more ships and listed three firms.") == [
        "listed 40 more ships", "listed three firms"]
    # A list of something, or a listed company on an exchange, is not a listing.
    assert _words(sanctions, "A list of ships; the listed companies rose.") == []


def test_idioms_with_arms_are_no_weapons():
    aid = _default_terms("Military aid")
    assert _words(aid, "Seoul received him with open arms; the coat of arms; lawmakers were up in arms.") == []
    assert _words(aid, "Seoul sent arms and opened arms depots.") == ["arms", "arms"]


def test_default_terms_cover_meeting_messages_channels_and_supplying():
    diplomacy, aid, sanctions = _default_terms("Diplomacy"), _default_terms("Military aid"), _default_terms("Sanctions")
    assert _words(diplomacy, "Oslo offered to meet Hanoi; the premier met her and passed a message.") == [
        "meet", "met", "message"]
    assert _words(diplomacy, "They kept a channel open, compared notes and spoke by video link.") == [
        "channel open", "compared notes", "video link"]
    assert _words(diplomacy, "They reopened a channel to Hanoi; the Foreign Office works through the channel.") == [
        "reopened a channel", "through the channel"]
    # A television channel and a band's tour are no diplomacy (a vote is one only in an
    # international body: the finder decides that from the sentence, see test_evidence_roles).
    assert _words(diplomacy, "A news channel covered the band's tour.") == []
    assert _words(aid, "Oslo is supplying rifles; it supplies them.") == ["supplying", "rifles", "supplies"]
    assert _words(sanctions, "Oslo implements every resolution and enforced the resolutions.") == [
        "implements every resolution", "enforced the resolutions"]



def test_a_past_tense_is_not_another_word():
    sanctions = _default_terms("Sanctions")
    # "ban" + "d" is a band; the past of a verb in -e takes only "d" ("designated").
    assert _words(sanctions, "The band played on; Oslo banned it and designated two firms.") == [
        "banned", "designated"]


def test_a_term_ending_in_e_finds_its_form_in_ing():
    diplomacy = _default_terms("Diplomacy")
    # "urging" drops the e of "urge": the matcher must look where "urg" begins, not "urge".
    assert _words(diplomacy, "Kyiv is urging Seoul; Oslo is denouncing it and welcoming talks.") == [
        "urging", "denouncing", "welcoming", "talks"]
