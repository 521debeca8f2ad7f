"""The part an actor plays towards an instrument's term in one sentence.

    role(sentence, actor_mention, term_mention, everyone) -> Role

A role is *direct* when the actor acts with the instrument: it is the subject of the
clause that carries the term ("Seoul summoned the envoy"), the agent of a passive ("designated
by Brussels"), one of the parties ("a treaty between A and B"), the one urged to act ("urged
the EU to impose ...", "Tokyo was asked to ..."), the one at whose request it was done ("at
the request of Seoul"), or owns the term ("Japanese sanctions"). Otherwise it is *related*:
the target or recipient ("sanctions on A", "aid for A", "A was sanctioned", "A evaded
sanctions"), a reporter ("A confirmed that ..."), one asking another to act ("A asked B to
..."), a place or a time ("in A", "Moscow time"), a counterpart ("talks with A"), an example,
the owner of people acted upon by another ("summoned the Russian envoy"), part of another
name ("the Washington Post"), the author of an attack ("a Russian missile strike"), or a name
merely near the term.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.evidence.clauses import (
    AUX, DETERMINERS, PREPOSITIONS, Clause, Token, clause_of, is_participle, looks_verb,
)
from workbench.evidence.matching import DEMONYM, Mention

AGENT, PARTY, URGED, OWNER, BY, SOURCE, REQUESTER = (
    "agent", "party", "urged", "owner", "by", "source", "requester")
ASKER = "asker"  # related: asks another to act, which may or may not happen
TARGET, REPORTER, PLACE, COUNTERPART, EXAMPLE, MENTIONED = (
    "target", "reporter", "place", "counterpart", "example", "mentioned")
DIRECT_KINDS = frozenset({AGENT, PARTY, URGED, OWNER, BY, SOURCE, REQUESTER})

_TARGET_PREPS = frozenset({"on", "against", "to", "for", "towards", "toward", "at", "into",
                           "onto", "over", "upon", "targeting", "bound"})
_PLACE_PREPS = frozenset({"in", "inside", "within", "across", "throughout", "near", "around", "outside"})
_EXAMPLE_PREPS = frozenset({"like", "including", "particularly", "especially", "notably"})
# The subject of these does not use the instrument named after them: it is on the receiving end.
_UNDERGO = frozenset({
    "violate", "violates", "violated", "violating", "evade", "evades", "evaded", "evading",
    "breach", "breaches", "breached", "circumvent", "circumvents", "circumvented", "defy",
    "defies", "defied", "flout", "flouts", "flouted", "undercut", "undercuts", "undermine",
    "undermines", "undermined", "face", "faces", "faced", "facing", "suffer", "suffers",
    "suffered", "receive", "receives", "received", "receiving", "get", "gets", "got", "obtain",
    "obtains", "obtained", "need", "needs", "needed", "welcome", "welcomes", "welcomed",
    "withstand", "weather", "weathered", "survive", "survived", "dismiss", "dismissed",
    "dismisses", "escape", "escaped", "accept", "accepted", "thank", "thanked", "thanks",
    "ask", "asks", "asked", "request", "requests", "requested", "seek", "seeks", "sought",
    "risk", "risks", "risked", "risking", "avoid", "avoids", "avoided", "ease", "eased",
})
# "urged X to ...": X is the one asked to act.
_URGE = frozenset({
    "urge", "urges", "urged", "urging", "press", "presses", "pressed", "pressing", "persuade",
    "persuades", "persuaded", "persuading", "encourage", "encourages", "encouraged", "ask",
    "asks", "asked", "call", "calls", "called", "push", "pushes", "pushed", "invite",
    "invites", "invited", "appeal", "appealed", "implore", "implored", "convince", "convinced",
})
# "to arm Kyiv", "to isolate Moscow": the actor right after such a verb is its object.
_OBJECT_VERBS = frozenset({
    "support", "supporting", "supports", "supported", "assist", "assisting", "help", "helping",
    "helped", "aid", "aided", "arm", "arming", "armed", "back", "backing", "backed", "bolster",
    "bolstering", "equip", "equipping", "supply", "supplying", "supplied", "sanction",
    "sanctioning", "sanctioned", "isolate", "isolating", "isolated", "pressure", "pressuring",
    "condemn", "condemning", "condemned", "target", "targeting", "targeted", "punish",
    "punished", "deter", "deterring", "counter", "warn", "warned", "warning", "join", "joined",
    "reinforce", "cleared", "clear", "fund", "funding", "train", "training", "trained",
    "rebuke", "rebuked", "criticise", "criticised", "criticize", "criticized", "protest",
})
_REPORT_NOUNS = frozenset({"estimates", "estimate", "report", "reports", "assessment", "account",
                           "accounts", "analysis", "figures", "data", "findings", "according"})
# "Moscow time", "the Kyiv region": the name says when or where, not who.
_PLACE_NOUNS = frozenset({"time", "region", "oblast", "province", "area", "suburbs", "outskirts",
                          "airport", "metro", "streets", "skies"})
# "the Washington Post", "the Moscow Times": a capitalised word after a place's name makes it
# the name of a paper, a school or an event of that place, not the actor.
_NAME_PARTS = frozenset({"Post", "Times", "Herald", "Journal", "Independent", "Tribune", "Daily",
                         "Gazette", "Olympics", "Games", "University", "Institute", "Marathon",
                         "Philharmonic", "Symphony", "Zoo", "Airport", "Stock"})
# "at the request of Seoul", "at Seoul's invitation": the actor asked for what is done.
_REQUEST_NOUNS = frozenset({"request", "requests", "invitation", "behest", "urging", "initiative",
                            "insistence", "instigation", "suggestion"})
# The actor's people or firms, when another acts on them ("summoned the Russian envoy",
# "trained Ukrainian soldiers"), do not make the actor act.
_PEOPLE = frozenset({
    "counterpart", "counterparts", "envoy", "envoys", "ambassador", "ambassadors", "diplomat",
    "diplomats", "minister", "ministers", "official", "officials", "soldiers", "troops",
    "instructors", "operators", "deminers", "forces", "units", "personnel", "crews", "pilots",
    "engineers", "officers", "delegation", "delegates", "nationals", "citizens", "firms",
    "companies", "banks", "suppliers", "entities", "individuals", "recruits", "cadets",
})
# "a Ukrainian drone strike", "the Russian attack": the actor's act of war, not a use of the
# instrument named in it or near it (unless that word is the term itself).
_ATTACKS = frozenset({"strike", "strikes", "attack", "attacks", "raid", "raids", "assault",
                      "bombardment", "shelling", "incursion", "offensive", "barrage"})
# Meeting is mutual: "met their Ukrainian counterparts" makes both sides act.
_RECIPROCAL = frozenset({"meet", "meets", "met", "meeting", "join", "joins", "joined", "joining"})
_EVENT_NOUNS = frozenset({"conflict", "war", "crisis", "front", "theatre", "theater", "border",
                          "soil", "invasion", "offensive", "borders", "territory"})


@dataclass(frozen=True)
class Role:
    kind: str
    points: float
    reason: str

    @property
    def direct(self) -> bool:
        return self.kind in DIRECT_KINDS


class Sentence:
    """A sentence cut into tokens, with its clauses and the token span of each mention."""

    def __init__(self, text: str, toks: list[Token], clauses: list[Clause]) -> None:
        self.text, self.toks, self.clauses = text, toks, clauses
        self._starts = [t.start for t in toks]
        self._ends = [t.end for t in toks]
        self._spans: dict[tuple[int, int], tuple[int, int]] = {}

    def span(self, m: Mention) -> tuple[int, int]:
        """Token indexes [first, last) covered by a mention."""
        key = (m.start, m.end)
        found = self._spans.get(key)
        if found is None:
            first = bisect.bisect_right(self._ends, m.start)
            last = bisect.bisect_left(self._starts, m.end, first)
            found = self._spans[key] = (first, max(last, first + 1))
        return found


_POSSESSIVE = re.compile(r"['’]s?(?!\w)")


def _possessive(s: Sentence, m: Mention) -> bool:
    return _POSSESSIVE.match(s.text, m.end) is not None


def _owned_by(s: Sentence, m: Mention, t_first: int) -> bool:
    """"North Korean troops", "Japan's sanctions", "UN sanctions", "North Korea's decision to
    send troops": the term belongs to the actor named right before it."""
    a_first, a_last = s.span(m)
    if a_last > t_first:
        return False
    between = [t for t in s.toks[a_last:t_first] if t.low not in ("'s", "’s", "'", "’")]
    if not between:
        return True  # the name as a modifier: "UN sanctions", "EU talks"
    # "thanked Pyongyang for its support": "its" stands for the name just before it.
    pronoun = next((n for n, t in enumerate(between) if t.low in ("its", "their")), -1)
    if 0 <= pronoun <= 2 and len(between) - pronoun <= 3 and all(t.low in PREPOSITIONS for t in between[:pronoun]) and all(
            t.is_word and not t.text[:1].isupper() and not looks_verb(t) for t in between):
        return True
    if not (m.kind == DEMONYM or _possessive(s, m)):
        return False
    if between[-1].low in ("and", "or", "to"):
        return False  # "the Chinese firms and urged ...": the term is a verb of what follows
    if len(between) <= 3 and all(t.is_word and t.low not in PREPOSITIONS and not looks_verb(t) for t in between):
        return True
    # "X's decision to dispatch troops": the term is in what the actor's noun plans.
    return (_possessive(s, m) and len(between) <= 8 and any(t.low == "to" for t in between[1:3])
            and all(t.is_word for t in between))


def _lead(s: Sentence, first: int, everyone_spans: list[tuple[int, int]]) -> tuple[int, str]:
    """The word before an actor's name, skipping determiners, "both" and other names in a list."""
    k = first - 1
    while k >= 0:
        t = s.toks[k]
        in_name = any(a <= k < b for a, b in everyone_spans)
        if in_name or t.low in DETERMINERS or t.low in ("and", "or", ",", "even", "also") or t.low in ("'s", "’s"):
            k -= 1
            continue
        break
    return k, (s.toks[k].low if k >= 0 else "")


def role(s: Sentence, m: Mention, term: Mention, everyone: Sequence[Mention], instrument_owner: bool = True) -> Role:
    """The role of the actor named by *m* towards the term occurrence *term* in sentence *s*."""
    a_first, a_last = s.span(m)
    t_first, t_last = s.span(term)
    spans = [s.span(o) for o in everyone]
    named = s.text[m.start:m.end]
    nxt_tok = s.toks[a_last] if a_last < len(s.toks) else None
    if nxt_tok is not None and nxt_tok.text in _NAME_PARTS and not _possessive(s, m):
        return Role(MENTIONED, -1.0, f"part of another name (“{named} {nxt_tok.text}”)")
    c = clause_of(s.clauses, a_first)
    ct = clause_of(s.clauses, t_first)
    attack = _attack_of(s, m, t_first, t_last)
    if attack:
        return Role(MENTIONED, 0.1, f"names the actor’s attack, not a use of the instrument (“{named} … {attack}”)")
    if _owned_by(s, m, t_first):
        acted_on = _people_acted_on(s, m, c)
        if acted_on:
            return Role(MENTIONED, 0.0, f"the actor’s {acted_on} acted upon by another (“{named} {acted_on}”)")
        return Role(OWNER, 0.8, f"the term is the actor’s own (“{named}” + term)")
    k, lead = _lead(s, a_first, spans)
    nxt = nxt_tok.low if nxt_tok is not None else ""
    if nxt in _EVENT_NOUNS and not _possessive(s, m):
        return Role(PLACE, -0.8, f"names the war or the land, not the actor (“{named} {nxt}”)")
    if nxt in _PLACE_NOUNS and not _possessive(s, m):
        return Role(PLACE, -0.8, f"names a time or an area, not the actor (“{named} {nxt}”)")
    request = _request(s, m, a_first, k, lead)
    if request:
        return Role(REQUESTER, 0.6, f"the one who asked for it (“{request}”)")
    if a_first == c.subject and c.subject > c.first and s.toks[c.subject - 1].text == ",":
        k, lead = c.subject - 1, ""  # "According to Seoul, Pyongyang sent ...": a fronted phrase ends here
    example = lead in _EXAMPLE_PREPS or (lead == "as" and k > 0 and s.toks[k - 1].low == "such")
    if example and not (c.subject <= k and (c.verb < 0 or a_first < c.verb)):
        return Role(EXAMPLE, -0.4, "named only as an example")
    if lead == "according" or (lead == "to" and k > 0 and s.toks[k - 1].low == "according"):
        return Role(REPORTER, 0.2, "the source of the report (“according to”)")
    if lead == "between" and 0 <= k - t_last <= 3:
        return Role(PARTY, 0.9, f"one of the parties (“{lead} {named}”)")
    if lead in _PLACE_PREPS:
        return Role(PLACE, -0.8, f"names a place, not the actor (“{lead} {named}”)")
    if lead == "by" and _other_party(s, m):
        return Role(MENTIONED, 0.0, f"another party named by its tie to the actor (“by {named}’s …”)")
    if lead == "by":
        if k > 0 and s.toks[k - 1].low in _REPORT_NOUNS:
            return Role(REPORTER, 0.2, f"the source of the report (“{s.toks[k - 1].low} by {named}”)")
        if 0 <= k - t_last <= 3 or (c.passive and c.subject <= t_first < c.verb):
            return Role(BY, 0.8, f"the one acting (“by {named}”)")
        return Role(MENTIONED, 0.0, f"the agent of something else (“by {named}”)")
    if lead == "from" and ((0 <= k - t_last <= 4 and not any(t.low in PREPOSITIONS for t in s.toks[t_last:k])) or (0 <= t_first - a_last <= 6 and k > 0 and s.toks[k - 1].low in _GIFTS)):
        return Role(SOURCE, 0.6, f"where it comes from (“from {named}”)")
    if lead == "with":
        # "with NATO and its allies supplying ...": the subject of what follows.
        for t in s.toks[a_last:a_last + 5]:
            if not t.is_word or looks_verb(t) or t.low in PREPOSITIONS:
                break
            if t.low.endswith("ing") and t_first > a_last:
                return Role(AGENT, 0.8, f"the one acting (“with {named} … {t.text}”)")
        return Role(COUNTERPART, -0.3, f"named as a counterpart (“with {named}”)")
    if t_last <= a_first:
        # The term comes first: "sanctions on A", "support for A", "sanction A".
        prep = _governing_prep(s, t_last, a_first)
        if prep in _TARGET_PREPS:
            return Role(TARGET, -1.0, f"on the receiving end (“{s.text[term.start:term.end]} … {prep} {named}”)")
        if k == t_last - 1 or (k >= 0 and s.toks[k].low in _OBJECT_VERBS and k >= t_first):
            return Role(TARGET, -0.8, f"on the receiving end (“{s.text[s.toks[k].start:m.end]}”)")
    urged = _urged(s, c, a_first, t_first) or _urged_passive(s, c, a_first, t_first)
    if urged:
        return Role(URGED, 0.9, f"the actor is urged to act (“{urged} … {named} … to”)")
    if k >= 0 and s.toks[k].low in _ACCUSE and a_last < len(s.toks) and s.toks[a_last].low == "of" \
            and t_first > a_last:
        return Role(AGENT, 0.7, f"the actor is said to do it (“{s.toks[k].text} {named} of”)")
    if k >= 0 and s.toks[k].low in _OBJECT_VERBS and k >= c.first and k == a_first - 1 - _skipped(s, k, a_first, spans):
        return Role(TARGET, -0.8, f"on the receiving end (“{s.toks[k].text} {named}”)")
    if lead in _TARGET_PREPS and k >= c.subject:
        return Role(TARGET, -0.6, f"on the receiving end (“{lead} {named}”)")
    if lead == "for" and k == c.first:
        return Role(MENTIONED, 0.2, f"the sentence is about the actor (“For {named}”)")
    subject = _is_subject(s, m, c, a_first, k, lead)
    if subject is None and ct is not c and ct.first > c.first and _relative_antecedent(s, ct, a_last):
        subject, c = True, ct
    if not subject:
        return Role(MENTIONED, 0.0, "named near the term, not the one acting")
    if c.verb < 0:
        return Role(MENTIONED, 0.3, "named at the start of a clause without a verb")
    if ct is not c:
        if c.fronted_participle and c.first <= t_first < c.subject:
            return Role(TARGET, -0.6, "the actor is acted upon (a fronted passive: “… by/due to …”)")
        if _commits(s, c, ct, t_first):
            return Role(AGENT, 0.6, f"the actor announces or threatens it (“{s.toks[c.verb_end - 1].text} that”)")
        if ct.continues == c.first:
            # "X said the plan was sound and promised to ...": X does what follows "and".
            c = ct
        elif c.reporting and _says_it(s, c, ct):
            # "Beijing said it had concerns": the pronoun is the speaker itself.
            c = ct
        elif c.reporting:
            return Role(REPORTER, 0.2, "the actor only reports it (“said”, “confirmed”)")
        else:
            return Role(MENTIONED, 0.3, "the actor is the subject of another clause")
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
    if verb in _ACCUSE:
        return Role(REPORTER, 0.2, f"the actor accuses another of it (“{s.toks[c.verb_end - 1].text}”)")
    # "is expected to face sanctions", "hopes to avoid them": the verb after "to" counts too.
    after_to = s.toks[c.verb_end + 1].low if c.verb_end + 1 < c.last and s.toks[c.verb_end].low == "to" else ""
    if verb in _URGE and _asks_another(s, c, t_first):
        return Role(ASKER, 0.5, f"the actor asks another to act (“{named} … {verb} … to”)")
    first_group = verb == s.toks[c.verb_end - 1].low
    if verb in _UNDERGO or (first_group and (after_to in _UNDERGO or any(s.toks[n].low in _UNDERGO for n in range(c.verb, c.verb_end)))):
        return Role(TARGET, -0.6, f"on the receiving end (“{named} … {verb}”)")
    if _DONE_TO.match(s.text, term.end):
        return Role(TARGET, -0.6, f"on the receiving end (“{s.text[term.start:term.end]} imposed on it”)")
    shelter = _sheltered(s, t_first)
    if shelter:
        return Role(MENTIONED, 0.2, f"the term is in a phrase about something else (“{shelter} …”)")
    return Role(AGENT, 1.0, "the actor is the subject")


_GIFTS = frozenset({"concessions", "help", "supplies", "deliveries", "shipments", "transfers", "support",
                    "aid", "assistance", "gifts", "loans"})
_DONE_TO = re.compile(r"\s+(?:imposed|levied|placed|directed|aimed|targeted)\s+(?:on|against|at)\s+"
                      r"(?:it|them|itself|themselves|him|her)\b", re.I)
_ACCUSE = frozenset({"accuse", "accuses", "accused", "accusing", "blame", "blames", "blamed",
                     "suspect", "suspects", "suspected", "charge", "charged", "charges"})
_SHELTERS = frozenset({"from", "under", "despite", "amid", "amidst", "due", "owing", "against",
                       "without", "because", "beyond", "of"})
_COMMIT = frozenset({
    "warn", "warns", "warned", "caution", "cautions", "cautioned", "threaten", "threatens",
    "threatened", "vow", "vows", "vowed", "pledge", "pledges", "pledged", "promise", "promised",
    "promises", "announce", "announced", "announces", "signal", "signalled", "signaled",
    "propose", "proposed", "proposes", "insist", "insisted", "decide", "decided", "agree", "agreed",
})
_IMPERATIVE = frozenset({"imperative", "essential", "necessary", "important", "vital", "crucial",
                         "critical", "time", "urgent", "incumbent"})


def _sheltered(s: Sentence, t_first: int) -> str:
    """"relief from sanctions", "isolated due to sanctions": the word that puts the term in
    a phrase the subject does not do (adjectives and determiners skipped)."""
    k = t_first - 1
    while k >= 0 and s.toks[k].is_word and (s.toks[k].low in DETERMINERS or s.toks[k].low in (
            "international", "economic", "western", "new", "more", "additional", "further", "such")):
        k -= 1
    if k > 0 and s.toks[k].low.endswith("ing") and s.toks[k - 1].low in _SHELTERS:
        k -= 1  # "warned against sending weapons", "barred from exporting arms"
    if k < 0:
        return ""
    w = s.toks[k].low
    if w == "to" and k > 0 and s.toks[k - 1].low in ("due", "owing"):
        return s.toks[k - 1].text + " to"
    if w == "of" and k > 0 and s.toks[k - 1].low not in ("relief", "lifting", "easing", "violation", "violations",
                                                        "breach", "evasion", "effects", "impact", "burden"):
        return ""
    return s.toks[k].text if w in _SHELTERS else ""


def _commits(s: Sentence, c: Clause, ct: Clause, t_first: int) -> bool:
    """"EU leaders cautioned that ... would lead to new sanctions": the speaker threatens the
    instrument, as long as the term is not the complement's own subject."""
    if c.verb < 0 or s.toks[c.verb_end - 1].low not in _COMMIT or c.last != ct.first:
        return False
    if ct.first >= len(s.toks) or s.toks[ct.first].low != "that":
        return False
    return ct.verb >= 0 and (t_first >= ct.verb or ct.passive)


def _skipped(s: Sentence, k: int, a_first: int, spans: list[tuple[int, int]]) -> int:
    return sum(1 for n in range(k + 1, a_first) if s.toks[n].low in DETERMINERS or any(a <= n < b for a, b in spans))


def _urged(s: Sentence, c: Clause, a_first: int, t_first: int) -> str:
    """The urging word when the actor is asked to act: "urged A to ...", "called on A to ...",
    "it is imperative for A to ..."."""
    for n in range(a_first - 1, max(0, a_first - 14) - 1, -1):
        w = s.toks[n].low
        urging = w in _URGE or (w == "for" and n > 0 and s.toks[n - 1].low in _IMPERATIVE)
        if urging:
            to = next((x for x in range(a_first, min(len(s.toks), a_first + 16)) if s.toks[x].low == "to"), -1)
            if to >= 0 and t_first > to:
                return s.toks[n].text
            return ""
        if s.toks[n].text in (";", ":") or (looks_verb(s.toks[n]) and not is_participle(s.toks[n])):
            return ""
    return ""


_OTHER_PARTIES = frozenset({
    "allies", "ally", "partners", "partner", "backers", "supporters", "friends", "enemies", "enemy",
    "adversaries", "adversary", "neighbours", "neighbors", "neighbour", "neighbor", "rivals",
    "rival", "critics", "opponents", "creditors", "donors", "foes", "patrons", "sponsors",
})


def _is_subject(s: Sentence, m: Mention, c: Clause, a_first: int, k: int, lead: str) -> bool | None:
    """Whether the actor is (part of) the subject of clause *c*; None when it is not in it."""
    if not (c.subject <= a_first and (c.verb < 0 or a_first < c.verb)):
        return None
    if c.verb >= 0 and k >= c.subject and lead in PREPOSITIONS:
        # "The National Intelligence Service of South Korea": a named body of the actor.
        return lead == "of" and k > 0 and s.toks[k - 1].text[:1].isupper()
    # "Kyiv's allies pledged ...": the subject is another party, named by its relation to the actor.
    return not _other_party(s, m)


def _latest_verb(s: Sentence, c: Clause, t_first: int) -> str:
    """The verb the term depends on: the clause's own, or a later one joined by "and" ("welcomed
    the decision and urged the EU to ...": the term follows "urged", not "welcomed")."""
    verb = s.toks[c.verb_end - 1].low if c.verb_end > 0 else ""
    for n in range(c.verb_end + 1, min(t_first, c.last - 1) + 1):
        if s.toks[n - 1].low in ("and", "but") and looks_verb(s.toks[n]) and s.toks[n].low not in AUX:
            verb = s.toks[n].low
    return verb


def _other_party(s: Sentence, m: Mention) -> bool:
    """"Kyiv's allies", "Russia's partners": the name stands for someone else."""
    _first, last = s.span(m)
    return _possessive(s, m) and last < len(s.toks) and s.toks[last].low in _OTHER_PARTIES


def _relative_antecedent(s: Sentence, ct: Clause, a_last: int) -> bool:
    """"Beijing, which has ...": the actor named right before "which/who" is its subject."""
    first = ct.first
    while first > 0 and s.toks[first - 1].text == ",":
        first -= 1
    return first == a_last and ct.first < len(s.toks) and s.toks[ct.first].low in ("which", "who")


def _says_it(s: Sentence, c: Clause, ct: Clause) -> bool:
    """"X said it would ...", "X told reporters that they ...": the complement right after the
    reporting verb has a pronoun (or "the bloc", "the government") for its subject, which
    stands for X."""
    if ct.first != c.last or ct.verb < 0:
        return False
    subject = [t.low for t in s.toks[ct.subject:ct.verb] if t.is_word and t.low != "that"]
    # "Rutte said the allies would ...", "the bloc would ...": the speaker's own side, named
    # by what it is rather than by its name.
    return subject in (["it"], ["they"], ["we"]) or (
        len(subject) == 2 and subject[0] == "the" and subject[1] in _OWN_SIDE)


_OWN_SIDE = frozenset({"bloc", "alliance", "allies", "government", "administration", "union",
                       "organisation", "organization", "ministry", "country"})


def best_role(s: Sentence, mine: Sequence[Mention], terms: Sequence[Mention],
              everyone: Sequence[Mention]) -> tuple[Role, Mention, Mention]:
    """The strongest role of the actor over all its mentions and all term occurrences."""
    best: tuple[tuple[bool, float], Role, Mention, Mention] | None = None
    for m in mine:
        for t in terms:
            r = role(s, m, t, everyone)
            if r.direct:
                r = _owned_elsewhere(s, r, m, t, everyone)
            key = (r.direct, r.points)
            if best is None or key > best[0]:
                best = (key, r, m, t)
    assert best is not None
    return best[1], best[2], best[3]


def _owned_elsewhere(s: Sentence, r: Role, m: Mention, t: Mention, everyone: Sequence[Mention]) -> Role:
    """"Russia could leverage North Korean troops": the term is another actor's, not this one's."""
    if r.kind == OWNER:
        return r
    t_first, _ = s.span(t)
    c = clause_of(s.clauses, t_first)
    if any(x.low in _RECIPROCAL for x in s.toks[max(c.verb, c.first):t_first]):
        return r  # "A met B's envoy": meeting is mutual, both sides act
    for o in everyone:
        if o.owner != m.owner and _owned_by(s, o, t_first):
            return Role(MENTIONED, 0.0, f"the term belongs to “{s.text[o.start:o.end]}”")
    return r




def _people_acted_on(s: Sentence, m: Mention, c: Clause) -> str:
    """The actor's people or firms named after another subject's verb ("Seoul summoned the
    Russian envoy", "agreed to train Ukrainian soldiers"): the head noun, or ""."""
    a_first, a_last = s.span(m)
    if _possessive(s, m) or c.verb < 0 or a_first < c.verb_end:
        return ""
    k = a_first - 1
    while k >= 0 and (s.toks[k].low in DETERMINERS or s.toks[k].low.isdigit()):
        k -= 1
    if k >= 0 and s.toks[k].low in ("by", "from", "with", "alongside"):
        return ""  # "backed by North Korean soldiers": they act
    head = ""
    for t in s.toks[a_last:a_last + 4]:
        if not t.is_word or t.low in PREPOSITIONS or t.low in DETERMINERS or t.text[:1].isupper():
            break
        if looks_verb(t) and t.low not in _PEOPLE:
            break
        head = t.low
    verbs = [t.low for t in s.toks[c.verb:a_first] if looks_verb(t)]
    if head not in _PEOPLE or any(v in _RECIPROCAL for v in verbs):
        return ""
    return head


def _attack_of(s: Sentence, m: Mention, t_first: int, t_last: int) -> str:
    """The attack noun that a name modifies ("a Ukrainian drone strike"), when the term is not
    that noun itself; or ""."""
    if m.kind != DEMONYM and not _possessive(s, m):
        return ""
    _first, last = s.span(m)
    for n in range(last, min(len(s.toks), last + 3)):
        t = s.toks[n]
        if not t.is_word or t.low in PREPOSITIONS or t.low in DETERMINERS or looks_verb(t):
            return ""
        if t.low in _ATTACKS:
            return "" if t_first <= n < t_last else t.text
    return ""


def _request(s: Sentence, m: Mention, a_first: int, k: int, lead: str) -> str:
    """"at the request of Seoul", "at Kyiv's invitation": the words that make the actor the one
    who asked, or ""."""
    if lead == "of" and k > 0 and s.toks[k - 1].low in _REQUEST_NOUNS:
        return s.text[s.toks[k - 1].start:m.end]
    _first, last = s.span(m)
    if _possessive(s, m) and last < len(s.toks) and s.toks[last].low in _REQUEST_NOUNS and \
            k >= 0 and s.toks[k].low in ("at", "on", "upon"):
        return s.text[s.toks[k].start:s.toks[last].end]
    return ""


def _governing_prep(s: Sentence, t_last: int, a_first: int) -> str:
    """The preposition that puts the actor after the term: the nearest one before the name,
    looking through "of" ("sanctions on the central bank of Russia"); "" when a verb of its own
    comes first ("instructors and impose an embargo on A": the embargo's target, not theirs)."""
    for n in range(a_first - 1, t_last - 1, -1):
        t = s.toks[n]
        if t.low != "of" and t.low in PREPOSITIONS:
            own_verb = any(looks_verb(v) and not is_participle(v) and v.low not in AUX for v in s.toks[t_last:n])
            return "" if own_verb else t.low
    return ""


def _urged_passive(s: Sentence, c: Clause, a_first: int, t_first: int) -> str:
    """"Tokyo was asked by Brussels to impose ...": the subject of a passive urging verb is the
    one asked to act."""
    if not (c.passive and c.subject <= a_first < c.verb) or s.toks[c.verb_end - 1].low not in _URGE:
        return ""
    to = next((n for n in range(c.verb_end, min(len(s.toks), c.verb_end + 8)) if s.toks[n].low == "to"), -1)
    return s.toks[c.verb_end - 1].text if 0 <= to < t_first else ""


def _asks_another(s: Sentence, c: Clause, t_first: int) -> bool:
    """"Brussels asked Tokyo to impose ...": the subject asks someone else to act, so it is not
    on the receiving end of what follows "to" (unlike "asked for weapons")."""
    n = c.verb_end
    if n >= len(s.toks) or s.toks[n].low in ("for", "to", "about") or not s.toks[n].is_word:
        return False
    to = next((x for x in range(n + 1, min(len(s.toks), n + 10)) if s.toks[x].low == "to"), -1)
    return 0 <= to < t_first
