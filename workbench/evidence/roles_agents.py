"""The one acting: the subject of the clause that carries the term ("Seoul summoned the
envoy"), the agent of a passive ("designated by Brussels"), one of the parties ("a treaty
between A and B"), where it comes from ("arms from Pyongyang"), the subject of a "with"
phrase ("with NATO supplying ..."), or a speaker who says it will act itself."""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.evidence.clauses import Clause
from workbench.evidence.matching import DEMONYM, Mention
from workbench.evidence.roles_base import (
    AGENT, ASKER, BY, COUNTERPART, MENTIONED, PARTY, REPORTER, SOURCE, TARGET, Role, Sentence, possessive,
)
from workbench.evidence.roles_clauses import cleft, condition, does_the_same, its_people, pronoun_goes_on, supposed
from workbench.evidence.roles_denials import denial, has_none, never_done
from workbench.evidence.roles_owners import companies_act, other_party
from workbench.evidence.roles_reported import ACCUSE, REPORT_NOUNS, aimed_at_itself, commits, says_it
from workbench.evidence.roles_requests import URGE, asks_another
from workbench.evidence.roles_talks import HELD_WITH, SAT, among_themselves, conversed, held_with, sought
from workbench.evidence.roles_targets import (
    DONE_TO, RECEIVE, TRAINED, UNDERGO, bought_for_another, described_as_undergoing, dodging, observed, received_before, sheltered,
)
from workbench.evidence.words import (
    ADVERBS, AUX, DETERMINERS, FIRING, MEETING, PREPOSITIONS, REPORTING, WEAPONS, looks_verb,
)

_GIFTS = frozenset({"concessions", "help", "supplies", "deliveries", "shipments", "transfers", "support",
                    "aid", "assistance", "gifts", "loans"})


_REPLYING = frozenset({"stated", "states", "replied", "replies", "wrote", "writes", "informed", "informs",
                       "answered", "answers", "responded", "responds", "explained", "explains"})
# "detained a tanker that transferred oil in breach of ...": the breach is another's.
_RELATIVE_BETWEEN = re.compile(r"\b(?:that|which|who|made|operating|carrying|shipped|transferred)\b", re.I)
_DEFYING = re.compile(r"\bin\s+(?:open\s+|flagrant\s+|direct\s+|clear\s+|plain\s+)?(?:defiance|breach|violation|"
                      r"contravention)\s+of\s+(?:[\w\-’']+\s+){0,3}$", re.I)
# Passing arms on ("sent missiles bought from the US to Ukraine") is giving, whoever made them.
_PASSING_ON = frozenset({"send", "sent", "sends", "supply", "supplied", "supplies", "give", "gave", "given",
                         "deliver", "delivered", "transfer", "transferred", "provide", "provided", "ship",
                         "shipped", "donate", "donated", "lend", "lent", "sell", "sold", "fund", "funds",
                         "funded", "finance", "finances", "financed", "pay", "pays", "paid", "procure",
                         "procures", "procured"})
# "banned all imports from North Korea": what follows "from" is a trading partner.
_TRADE = frozenset({"imports", "import", "exports", "export"})
# "withdraw its troops from Russia": what follows "from" is where they leave.
_REMOVAL = frozenset({"withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing", "pull", "pulls",
                      "pulled", "pulling", "evacuate", "evacuated", "remove", "removed", "removing",
                      "recall", "recalled", "recalls", "expel", "expelled", "expels", "bring", "brought"})


# Working, consulting or cooperating with another is done by both ("consulting closely with
# Seoul and Tokyo"); sharing a thing with another passes it on ("sharing technology with Russia").
_JOINT = frozenset({"consulting", "consult", "consults", "consulted", "cooperating", "cooperate",
                    "cooperates", "cooperated", "coordinating", "coordinate", "coordinates", "coordinated",
                    "working", "work", "works", "worked", "partnering", "partnered", "closely", "jointly"})
# "in coordination with the United States": acting together, as with the verbs above.
_IN_JOINT = frozenset({"coordination", "cooperation", "consultation", "concert", "tandem", "partnership", "step"})
# "signed a mutual defence treaty with Seoul": the other party to what was signed acts too.
_SIGNED = frozenset({"treaty", "agreement", "pact", "accord", "memorandum", "deal", "framework"})
_SIGNING = frozenset({"sign", "signs", "signed", "signing", "concluded", "concludes", "conclude", "agreed"})
# "the representative of the United States said ...": the envoy is the actor in a council.
_SPEAKS_FOR = frozenset({"representative", "representatives", "delegate", "delegates", "delegation",
                         "ambassador", "envoy", "emissary"})


# "Officials from Japan and China met in Beijing": the people of the actors named after
# "from" are the subject, so the actors act.
_OFFICIALS_FROM = frozenset({"officials", "ministers", "diplomats", "delegations", "delegates",
                             "representatives", "envoys", "leaders", "negotiators", "officers"})


def phrase_agent(s: Sentence, m: Mention, term: Mention, c: Clause, k: int, lead: str, named: str) -> Role | None:
    """The role given by the word before the name: "between A and B", "by A", "from A",
    "with A"; None for any other word."""
    a_first, a_last = s.span(m)
    t_first, t_last = s.span(term)
    if lead == "between" and 0 <= k - t_last <= 3:
        return Role(PARTY, 0.9, f"one of the parties (“{lead} {named}”)")
    spoke = conversed(s, k, lead, t_last)
    if spoke and (t_last in (k, k + 1) or t_first == a_last):  # the term names that conversation ("by phone", "spoke to")
        return Role(PARTY, 0.7, f"the other side of a conversation held (“{spoke} {named}”)")
    if lead == "by" and leads_subject(s, c, k, a_first):
        return None  # "Eleven countries, led by Japan, set up ...": among the subject, see as_subject
    if lead == "by" and other_party(s, m):
        return Role(MENTIONED, 0.0, f"another party named by its tie to the actor (“by {named}’s …”)")
    if lead == "by":
        if k > 0 and s.toks[k - 1].low in REPORT_NOUNS:
            return Role(REPORTER, 0.2, f"the source of the report (“{s.toks[k - 1].low} by {named}”)")
        if -1 <= k - t_last <= 3 or (c.passive and c.subject <= t_first < c.verb):  # -1: "by" ends the term
            return Role(BY, 0.8, f"the one acting (“by {named}”)")
        return Role(MENTIONED, 0.0, f"the agent of something else (“by {named}”)")
    if (lead == "from" and k > 0 and s.toks[k - 1].low in _OFFICIALS_FROM and c.verb > k
            and c.verb <= t_first < c.last):
        return Role(AGENT, 0.8, f"the actor’s own people act (“{s.toks[k - 1].text} from {named}”)")
    if lead == "from" and any(t.low in _REMOVAL for t in s.toks[max(c.first, t_first - 3):t_first]):
        return Role(MENTIONED, 0.0, f"the place they leave, not the one acting (“… from {named}”)")
    if lead == "from" and k > 0 and s.toks[k - 1].low in _TRADE:
        return Role(MENTIONED, 0.0, f"where the goods come from, not the one acting (“{s.toks[k - 1].text} from {named}”)")
    if lead == "from" and _taken_over(s, c, k):
        return Role(MENTIONED, 0.0, f"the one who hands it over, not the one acting (“take over … from {named}”)")
    if lead == "from" and ((0 <= k - t_last <= 4 and not any(t.low in PREPOSITIONS for t in s.toks[t_last:k])) or (0 <= t_first - a_last <= 6 and k > 0 and s.toks[k - 1].low in _GIFTS)):
        return Role(SOURCE, 0.6, f"where it comes from (“from {named}”)")
    if lead == "with" and (any(t.low in _JOINT for t in s.toks[max(0, k - 3):k])
                           or (k > 1 and s.toks[k - 1].low in _IN_JOINT and s.toks[k - 2].low == "in")):
        return Role(PARTY, 0.7, f"working together with the others (“… with {named}”)")
    if (lead == "with" and k > 0 and s.toks[k - 1].low in _SIGNED
            and any(t.low in _SIGNING for t in s.toks[c.first:k])):
        return Role(PARTY, 0.8, f"the other party to what was signed (“{s.toks[k - 1].text} with {named}”)")
    if lead == "with" and k > 0 and s.toks[k - 1].low == "together":
        return Role(PARTY, 0.7, f"acting together with the others (“together with {named}”)")
    if lead == "of" and k > 0 and t_first == k - 1 and s.toks[k - 1].low in _SPEAKS_FOR and not possessive(s, m):
        return Role(AGENT, 0.7, f"the actor’s own envoy acts for it (“{s.toks[k - 1].text} of {named}”)")
    if lead == "with":
        # "with NATO and its allies supplying ...": the subject of what follows.
        for t in s.toks[a_last:a_last + 5]:
            if not t.is_word or looks_verb(t) or t.low in PREPOSITIONS:
                break
            if t.low.endswith("ing") and t_first > a_last:
                return Role(AGENT, 0.8, f"the one acting (“with {named} … {t.text}”)")
        if held_with(s, c, m, k, t_first, t_last) and not sought(s, t_first):
            # A verb says the talks took place ("met with", "held talks ... with"); a noun alone
            # ("dialogue with Beijing is no reward") says less.
            held = any(t.low in MEETING or t.low in SAT for t in s.toks[t_first:t_last])
            return Role(PARTY, 0.9 if held else 0.7, f"the other side of the talks (“{s.toks[t_first].text} … with {named}”)")
        return Role(COUNTERPART, -0.3, f"named as a counterpart (“with {named}”)")
    return None


# "Eleven countries, led by Japan, ...": the ones who lead the subject are part of it.
_LEADING = frozenset({"led", "headed", "spearheaded", "chaired", "joined"})


def leads_subject(s: Sentence, c: Clause, k: int, a_first: int) -> bool:
    """Whether the "by" at *k* follows a participle of leading set off by a comma inside the
    subject of clause *c*, before its verb."""
    return (k >= 2 and s.toks[k - 1].low in _LEADING and s.toks[k - 2].text == "," and c.verb >= 0
            and c.subject < k - 2 and a_first < c.verb)


# "take over the coordination of deliveries from the United States": what follows "from" hands
# the task over; it is neither where the goods come from nor the one acting.
_TAKE_OVER = frozenset({"take", "takes", "took", "taken", "taking", "inherit", "inherits", "inherited",
                        "assume", "assumes", "assumed"})


def _taken_over(s: Sentence, c: Clause, k: int) -> bool:
    """Whether the "from" at *k* completes a verb of taking over in the same clause."""
    for n in range(max(c.first, c.verb if c.verb >= 0 else c.first), k):
        t = s.toks[n]
        if t.low in _TAKE_OVER and (t.low[:4] in ("inhe", "assu") or (n + 1 < k and s.toks[n + 1].low == "over")):
            return True
    return False


def listed_agents(s: Sentence, k: int) -> int:
    """"co-sponsored by more than fifty states, including Japan and South Korea": a list after
    "including" (or "notably", "such as") that follows an agent phrase "by ..." names some of the
    agents. The index of that "by", or -1."""
    comma = k - 1 if k > 0 and s.toks[k - 1].text == "," else k  # "by eleven states including Japan"
    if comma < 1:
        return -1
    for n in range(comma - 1, max(-1, comma - 8), -1):
        t = s.toks[n]
        if t.low == "by":
            return n
        if not t.is_word or looks_verb(t):
            return -1
    return -1


def as_subject(s: Sentence, m: Mention, term: Mention, c: Clause, ct: Clause, k: int, lead: str,
               named: str, everyone: Sequence[Mention]) -> Role:
    """The role of an actor that no phrase around its name decides: the subject of the clause
    that carries the term acts, unless the clause is passive, reports, or undergoes the term."""
    a_first, a_last = s.span(m)
    t_first, _ = s.span(term)
    subject = _is_subject(s, m, c, a_first, k, lead)
    if (subject is None or c.verb < 0) and ct is not c and ct.first > c.first and _relative_antecedent(s, ct, a_last, possessive(s, m) and not other_party(s, m)):
        subject, c = True, ct  # "Japan, which joined the cap": the relative clause is the actor's
    cleft_verb = cleft(s, a_first, a_last, t_first) if not subject else ""
    if cleft_verb in UNDERGO or cleft_verb == "benefited":
        return Role(TARGET, -0.6, f"on the receiving end (“it was {named} that {cleft_verb}”)")
    if cleft_verb:
        return Role(AGENT, 0.9, f"the one who did it (“it was {named} that {cleft_verb}”)")
    if not subject:
        return Role(MENTIONED, 0.0, "named near the term, not the one acting")
    if c.verb < 0:
        return Role(MENTIONED, 0.3, "named at the start of a clause without a verb")
    if ct is c and supposed(s, c):
        # "little chance that Beijing will join the sanctions", "analysts fear that Pyongyang will
        # send more troops": what may happen, not what happens.
        return Role(MENTIONED, 0.3, f"only feared, hoped or expected (“{s.toks[c.first - 1].text} that …”)")
    if ct is c and condition(s, c):
        # "cases would be fewer if Beijing enforced its rules": an act only supposed.
        return Role(MENTIONED, 0.3, f"only a condition (“{s.toks[c.first].text} {named} …”)")
    firms = companies_act(s, c, m) if ct is c and not c.reporting else ""
    if firms:
        return Role(MENTIONED, 0.3, f"the actor’s companies or people act, not its government (“{named} … {firms}”)")
    pronoun = _pronoun_agent(s, c, m, term, everyone)
    if pronoun:
        return pronoun
    if ct is not c:
        if c.fronted_participle and c.first <= t_first < c.subject:
            return Role(TARGET, -0.6, "the actor is acted upon (a fronted passive: “… by/due to …”)")
        if commits(s, c, ct, t_first) and not aimed_at_itself(s, m, t_first, everyone):
            return Role(AGENT, 0.6, f"the actor announces or threatens it (“{s.toks[c.verb_end - 1].text} that”)")
        if ct.continues == c.first:
            # "X said the plan was sound and promised to ...": X does what follows "and".
            c = ct
        elif c.reporting and ct.first == c.last and (pronoun := _pronoun_agent(s, ct, m, term, everyone)):
            return pronoun  # "Seoul said the shells it sent were old": the speaker's "it" is the speaker
        elif c.reporting and says_it(s, c, ct):
            # "Beijing said it had concerns": the pronoun is the speaker itself.
            c = ct
        elif c.reporting:
            return Role(REPORTER, 0.2, "the actor only reports it (“said”, “confirmed”)")
        elif pronoun_goes_on(s, c, ct) and not any(
                o.owner != m.owner and o.kind != DEMONYM and c.first <= s.span(o)[0] < c.last for o in everyone):
            c = ct  # "While Beijing hesitates, it could also express concern": "it" is the subject
        elif its_people(s, c, ct, everyone):
            # "the Kremlin escalated, while its diplomats talk of peace": "its" is the subject's.
            return Role(AGENT, 0.7, f"the actor’s own people act (“{s.toks[ct.subject].text} {s.toks[ct.subject + 1].text}”)")
        elif ct.last <= c.first and (same := does_the_same(s, c)):
            # "..., and Japan and Canada followed suit", "..., and China voted for every one of them"
            return Role(AGENT, 0.6, f"the actor does the same (“{named} … {same}”)")
        else:
            return Role(MENTIONED, 0.3, "the actor is the subject of another clause")
    if (c.first + 1 == t_first < c.subject and s.toks[t_first].low in ("response", "reply") and s.toks[c.first].low == "in"
            and any(t.text.startswith(("Panel", "Committee", "Secretary-General")) for t in s.toks[t_first:c.subject])
            and c.verb >= 0 and (s.toks[c.verb_end - 1].low in REPORTING or s.toks[c.verb_end - 1].low in _REPLYING)):
        # "In response to the Panel's enquiry, China stated ...": the subject is the one replying.
        return Role(AGENT, 0.8, f"the actor replies (“In {s.toks[c.first + 1].text} to …, {named}”)")
    if t_first < c.verb and not (c.first <= t_first < c.subject and c.fronted_participle):
        # The term is in the subject itself ("Russia's ambassador", "the EU and NATO consultations").
        return Role(MENTIONED, 0.3, "named together with the term in the subject")
    if c.first <= t_first < c.subject:
        return Role(TARGET, -0.6, "the actor is acted upon (a fronted passive: “… by/due to …”)")
    verb = _latest_verb(s, c, t_first)
    if c.passive:
        return Role(TARGET, -0.6, "the actor is acted upon (passive)")
    if c.reporting:
        return Role(REPORTER, 0.2, "the actor only reports it (“said”, “confirmed”)")
    if verb in ACCUSE:
        return Role(REPORTER, 0.2, f"the actor accuses another of it (“{s.toks[c.verb_end - 1].text}”)")
    accusing = next((s.toks[n].text for n in range(c.verb_end, t_first - 1)
                     if s.toks[n].low in ACCUSE and any(t.low == "of" for t in s.toks[n + 1:min(t_first, n + 5)])
                     and not any(t.text == "," or t.low == "and" for t in s.toks[n + 1:t_first])), "")
    if accusing:  # "added three firms to its list, accusing them of supplying drone engines"
        return Role(REPORTER, 0.2, f"the actor accuses another of it (“{accusing} … of”)")
    if _DEFYING.search(s.text, max(0, term.start - 40), term.start) and not _RELATIVE_BETWEEN.search(
            s.text, s.toks[c.verb_end - 1].end if c.verb_end > 0 else 0, term.start):
        # "advanced its missile programmes in open defiance of the sanctions resolutions"
        return Role(TARGET, -0.6, "on the receiving end (“in defiance of …”)")
    none = has_none(s, c, t_first)
    if none:
        return Role(MENTIONED, 0.2, f"the actor has none (“{none}”)")
    denied = denial(s, c, t_first) or never_done(s, c, t_first)
    if denied:
        return Role(MENTIONED, 0.3, f"the actor denies it (“{named} … {denied}”)")
    if described_as_undergoing(s, c, t_first):
        return Role(TARGET, -0.6, f"on the receiving end (“{s.toks[c.verb].text} … {s.toks[t_first].text}”)")
    # "is expected to face sanctions", "hopes to avoid them": the verb after "to" counts too.
    after_to = s.toks[c.verb_end + 1].low if c.verb_end + 1 < c.last and s.toks[c.verb_end].low == "to" else ""
    if verb in URGE and asks_another(s, c, t_first):
        return Role(ASKER, 0.5, f"the actor asks another to act (“{named} … {verb} … to”)")
    later = _urges_another_later(s, c, m, t_first, everyone)
    if later:
        return Role(ASKER, 0.5, f"the actor asks another to act (“{named} … {later} … to”)")
    first_group = verb == s.toks[c.verb_end - 1].low
    if _questioned(s, c) or bought_for_another(s, c, verb, t_first):
        verb, first_group = "", False  # "asked about the talks": a question, not a request
    # Asking, welcoming or dismissing as the term itself is the act ("asked Seoul to send",
    # "dismissed the measures as illegitimate"), not receiving what follows.
    term_is_verb = c.verb <= t_first < c.verb_end
    if (t_first >= 2 and s.toks[t_first - 1].low in ("a", "an", "their", "its") and s.toks[t_first - 2].low in
            ("in", "during", "at") and s.toks[t_first].low in HELD_WITH | MEETING
            and t_first + 1 < len(s.toks) and s.toks[t_first + 1].low == "with"):
        # "welcomed the package in a call with the High Representative": the call is the subject's.
        return Role(AGENT, 0.8, f"the actor takes part (“{s.toks[t_first - 2].text} a {s.toks[t_first].text}”)")
    if not term_is_verb and (verb in UNDERGO or (first_group and (after_to in UNDERGO or any(
            s.toks[n].low in UNDERGO for n in range(c.verb, c.verb_end))))):
        return Role(TARGET, -0.6, f"on the receiving end (“{named} … {verb}”)")
    dodged = "" if term_is_verb else dodging(s, c, t_first)
    if dodged:
        return Role(TARGET, -0.6, f"on the receiving end (“{dodged} {s.text[term.start:term.end]}”)")
    if DONE_TO.match(s.text, term.end):
        return Role(TARGET, -0.6, f"on the receiving end (“{s.text[term.start:term.end]} imposed on it”)")
    if s.toks[t_first].low == "training" and verb in TRAINED:
        return Role(TARGET, -0.6, f"on the receiving end (“{named} … {verb} … training”)")
    _t, t_last = s.span(term)
    bought = next((t for n, t in enumerate(s.toks[t_last:t_last + 2], t_last)
                   if t.low in RECEIVE and n + 1 < len(s.toks) and s.toks[n + 1].low == "from"), None)
    if bought is not None and verb not in _PASSING_ON:  # "signed for missiles bought from the US": the buyer
        return Role(TARGET, -0.6, f"on the receiving end (“{s.text[term.start:term.end]} {bought.text} from”)")
    got = received_before(s, c, t_first)
    if got:
        return Role(TARGET, -0.6, f"on the receiving end (“{got} {s.text[term.start:term.end]}”)")
    blamed = _blamed_for(s, c, t_first)
    if blamed:
        return Role(MENTIONED, 0.3, f"the term is what the object is blamed for (“{blamed} …”)")
    watched = observed(s, c, t_first)
    if watched:
        return Role(MENTIONED, 0.3, f"the actor only watches, records or discusses it (“{watched} …”)")
    if verb in CONDEMN and t_first >= c.verb_end:
        return Role(MENTIONED, 0.3, f"the actor condemns it, it does not do it (“{named} … {verb}”)")
    if (verb in FIRING and term.label in WEAPONS and t_first >= c.verb_end
            and any(t.low == "at" for t in s.toks[t_first:c.last])):
        return Role(MENTIONED, 0.1, f"the actor’s own fire, not aid to another (“{named} … {verb} … at”)")
    if verb in FORBID and t_first >= c.verb_end:
        return Role(MENTIONED, 0.3, f"the actor forbids it, it does not do it (“{named} … {verb}”)")
    if among_themselves(s, c, m, t_first, everyone):
        return Role(MENTIONED, 0.3, f"the actor’s own people meet among themselves (“{named} … {s.toks[t_first].text}”)")
    occasion = not any(s.toks[n].low in _TAKE_PART for n in range(c.verb, min(t_first, c.last)))
    shelter = sheltered(s, t_first, occasion=occasion)
    if shelter:
        return Role(MENTIONED, 0.2, f"the term is in a phrase about something else (“{shelter} …”)")
    return Role(AGENT, 1.0, "the actor is the subject")


# Condemning another's act is not doing it ("Seoul condemns the transfer of missiles"); where
# condemning is itself the instrument, the verb is the term and the actor acts.
CONDEMN = frozenset({"condemn", "condemns", "condemned", "condemning", "denounce", "denounces",
                     "denounced", "deplore", "deplores", "deplored", "decry", "decries", "decried",
                     "criticise", "criticises", "criticised", "criticize", "criticizes", "criticized",
                     "slam", "slams", "slammed", "protest", "protests", "protested", "protesting"})
# Forbidding a thing is not doing it ("resolutions that prohibit all arms trade"); where
# forbidding is itself the instrument (a ban), the verb is the term and the actor acts.
FORBID = frozenset({"prohibit", "prohibits", "prohibited", "prohibiting", "ban", "bans", "banned",
                    "banning", "forbid", "forbids", "forbade", "forbidden", "outlaw", "outlaws",
                    "outlawed", "bar", "bars", "barred", "barring"})
# Taking part in a meeting is diplomacy even when the meeting is named as an occasion
# ("met at the summit", "attended the session").
_TAKE_PART = frozenset({"meet", "meets", "met", "meeting", "attend", "attends", "attended", "host",
                        "hosts", "hosted", "hold", "holds", "held", "convene", "convened", "join",
                        "joined", "speak", "spoke", "addressed", "address", "visit", "visited",
                        "agree", "agreed", "sign", "signed", "pledge", "pledged", "promise", "promised",
                        "announce", "announced", "decide", "decided"})


_PART_IN = frozenset({"role", "part", "involvement", "support", "help", "complicity"})


def _blamed_for(s: Sentence, c: Clause, t_first: int) -> str:
    """"listed six firms for selling drones", "fined the banks over financing arms": after the
    verb and its object, "for" or "over" with a verb in -ing gives the reason, done by the
    object, not by the subject; the words, or ""."""
    if t_first >= 2 and s.toks[t_first - 1].low == "over" and t_first - 1 > c.verb_end:
        return "over"  # "put the contractors on its entity list over arms sales"
    for n in range(c.verb_end + 1, min(t_first, c.last - 1)):  # the verb in -ing may be the term
        nxt = s.toks[n + 1]
        if s.toks[n].low == "for" and nxt.low in ("their", "its", "his", "her") and n + 2 < t_first \
                and s.toks[n + 2].low in _PART_IN:
            return f"for {nxt.text} {s.toks[n + 2].text}"  # "listed ... for their role in the transfers"
        if s.toks[n].low in ("for", "over") and nxt.low.endswith("ing") and nxt.text.islower() and len(nxt.low) > 4:
            return f"{s.toks[n].text} {nxt.text}"
    return ""


def _questioned(s: Sentence, c: Clause) -> bool:
    """"X, asked about the report, said ...": "ask" before "about", "whether" or "if" puts a
    question to the actor, which receives nothing."""
    n = c.verb_end
    return (c.verb >= 0 and s.toks[c.verb_end - 1].low in ("ask", "asks", "asked") and n < c.last
            and s.toks[n].low in ("about", "whether", "if", "how", "why", "what", "when"))


def _urges_another_later(s: Sentence, c: Clause, m: Mention, t_first: int, everyone: Sequence[Mention]) -> str:
    """"Kyiv opened a channel to Seoul, hoping to persuade South Korea to supply weapons": an
    urging verb after the clause's own, with another actor right after it and "to" before the
    term, makes the subject the one asking; the urging word, or ""."""
    names = {n: o for o in everyone if o.owner != m.owner for n in range(*s.span(o))}
    for n in range(c.verb_end, min(t_first, c.last) - 2):
        if s.toks[n].low not in URGE:
            continue
        x = n + 1
        while x < t_first and (s.toks[x].low in DETERMINERS or s.toks[x].low == "on"):
            x += 1  # "urging the EU", "calling on Seoul"
        if x not in names:
            return ""
        while x < t_first and x in names:
            x += 1
        return s.toks[n].text if x < t_first and s.toks[x].low == "to" else ""
    return ""


def _pronoun_agent(s: Sentence, c: Clause, m: Mention, term: Mention, everyone: Sequence[Mention]) -> Role | None:
    """"Pyongyang asked for air defence in return for the troops it has sent", "In exchange for
    the shells it sends, Pyongyang receives oil": a pronoun "it/they" right after the term
    (or after "that/which") is the subject of a relative clause whose object is the term, and
    stands for the subject of the clause around it: the actor. The actor acts, unless the
    pronoun's verb undergoes the term ("the sanctions it faces") or only says or thinks."""
    _t_first, t_last = s.span(term)
    p = t_last + (1 if t_last < c.last and s.toks[t_last].low in ("that", "which") else 0)
    if not (c.first <= p < c.last - 1) or s.toks[p].low not in ("it", "they"):
        return None
    v = p + 1
    while v + 1 < c.last and (s.toks[v].low in AUX or s.toks[v].low in ADVERBS) and s.toks[v + 1].is_word \
            and s.toks[v].low not in UNDERGO:
        v += 1  # "it has already sent" (but "the weapons it needs": "needs" is the verb)
    if not looks_verb(s.toks[v]):
        return None
    verb = s.toks[v].low
    said = f"{s.text[term.start:term.end]} {s.text[s.toks[p].start:s.toks[v].end]}"
    if verb in REPORTING:
        return None
    if verb in UNDERGO:
        # "send Kyiv the air defence it needs": receiving points to a recipient named before,
        # so only the actor named alone before the pronoun is surely the one receiving.
        alone = not any(o.owner != m.owner and s.span(o)[0] < p for o in everyone)
        return Role(TARGET, -0.6, f"on the receiving end (“{said}”)") if alone else None
    return Role(AGENT, 0.9, f"the pronoun stands for the actor (“{said}”)")


def _is_subject(s: Sentence, m: Mention, c: Clause, a_first: int, k: int, lead: str) -> bool | None:
    """Whether the actor is (part of) the subject of clause *c*; None when it is not in it."""
    if not (c.subject <= a_first and (c.verb < 0 or a_first < c.verb)):
        return None
    if lead == "by" and leads_subject(s, c, k, a_first):
        return True
    if c.verb >= 0 and k >= c.subject and lead in PREPOSITIONS:
        # "The National Intelligence Service of South Korea": a named body of the actor.
        return lead == "of" and k > 0 and s.toks[k - 1].text[:1].isupper()
    # "Kyiv's allies pledged ...": the subject is another party, named by its relation to the actor.
    return not other_party(s, m)


def _latest_verb(s: Sentence, c: Clause, t_first: int) -> str:
    """The verb the term depends on: the clause's own, or a later one joined by "and" ("welcomed
    the decision and urged the EU to ...": the term follows "urged", not "welcomed")."""
    verb = s.toks[c.verb_end - 1].low if c.verb_end > 0 else ""
    after = c.verb_end
    for n in range(after + 1, min(t_first, c.last - 1) + 1):
        if verb in URGE and any(t.low == "to" for t in s.toks[after:n - 1]):
            break  # "asking its partners to go further and sanction ...": their verbs, not ours
        if s.toks[n - 1].low in ("and", "but") and looks_verb(s.toks[n]) and s.toks[n].low not in AUX:
            verb = s.toks[n].low
    return verb


def _relative_antecedent(s: Sentence, ct: Clause, a_last: int, owner: bool = False) -> bool:
    """"Beijing, which has ...": the actor named right before "which/who" is its subject; so
    is the actor named right before a short indefinite noun phrase that stands for it, the
    relative clause's own antecedent ("found in Moscow a partner that will veto ...")."""
    first = ct.first
    while first > 0 and s.toks[first - 1].text == ",":
        first -= 1
    if ct.first >= len(s.toks):
        return False
    if first == a_last and s.toks[ct.first].low in ("which", "who"):
        return True
    # "the European Union's latest package, which blacklisted ...": what the actor owns acts for it.
    owned = [t for t in s.toks[a_last:first] if t.low not in ("'s", "’s", "'", "’")]
    if (owner and s.toks[ct.first].low == "which" and 1 <= len(owned) <= 5
            and all(t.is_word and not looks_verb(t) and (t.low == "of" or t.low not in PREPOSITIONS) for t in owned)):
        return True
    apposed = s.toks[a_last:first]
    return (s.toks[ct.first].low in ("that", "which", "who") and 2 <= len(apposed) <= 4
            and apposed[0].low in ("a", "an") and all(t.is_word and not looks_verb(t) for t in apposed))

