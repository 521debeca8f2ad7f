"""The receiving end: "sanctions on A", "support for A", "to arm Kyiv", "A was sanctioned",
"A evaded sanctions", "sanctions imposed on it", and terms in a phrase the subject does not do
("relief from sanctions")."""

from __future__ import annotations

import re

from workbench.evidence.clauses import Clause, clause_of
from workbench.evidence.matching import Mention
from workbench.evidence.roles_base import PARTY, TARGET, Role, Sentence, skipped
from workbench.evidence.words import ADVERBS, AUX, DETERMINERS, MEETING, PREPOSITIONS, is_participle, looks_verb

TARGET_PREPS = frozenset({"on", "against", "to", "for", "towards", "toward", "at", "into",
                          "onto", "over", "upon", "targeting", "bound"})
# The subject of these does not use the instrument named after them: it is on the receiving end.
UNDERGO = frozenset({
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
    "import", "imports", "imported", "importing", "buy", "buys", "bought", "buying", "purchase",
    "purchases", "purchased", "purchasing", "acquire", "acquires", "acquired", "acquiring",
    "skirt", "skirts", "skirted", "skirting", "dodge", "dodges", "dodged", "dodging", "bypass",
    "bypasses", "bypassed", "bypassing", "recognize", "recognise", "recognizes", "recognises", "recognized",
    "recognised", "oppose", "opposes", "opposed", "opposing",
})
# Receiving, buying: the one doing it gets the thing named right after, it does not give it.
RECEIVE = frozenset({
    "receive", "receives", "received", "receiving", "get", "gets", "got", "getting", "obtain",
    "obtains", "obtained", "obtaining", "import", "imports", "imported", "importing", "buy", "buys",
    "bought", "buying", "purchase", "purchases", "purchased", "purchasing", "acquire", "acquires",
    "acquired", "acquiring", "accept", "accepts", "accepted", "accepting",
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
# "the training of Ukrainian troops", "the arming of Kyiv": the act done to whoever follows "of".
ACTING_UPON = frozenset(w for w in _OBJECT_VERBS if w.endswith("ing"))
DONE_TO = re.compile(r"\s+(?:imposed|levied|placed|directed|aimed|targeted)\s+(?:on|against|at)\s+"
                     r"(?:it|them|itself|themselves|him|her)\b", re.I)
_SHELTERS = frozenset({"from", "under", "despite", "amid", "amidst", "due", "owing", "against",
                       "without", "because", "beyond", "of"})


def after_term(s: Sentence, m: Mention, term: Mention, k: int, named: str) -> Role | None:
    """The term comes first and governs the actor: "sanctions on A", "support for A",
    "sanction A"; None when it does not."""
    t_first, t_last = s.span(term)
    a_first, _ = s.span(m)
    if t_last > a_first or clause_of(s.clauses, a_first) is not clause_of(s.clauses, t_first):
        return None  # "sanctions on North Korea, and China and Russia voted for them": a clause of their own
    prep = _governing_prep(s, t_last, a_first)
    if prep in TARGET_PREPS:
        return Role(TARGET, -1.0, f"on the receiving end (“{s.text[term.start:term.end]} … {prep} {named}”)")
    if k == t_last - 1 and s.toks[k].low in MEETING:  # "Trump met Kim": the other side, not acted upon
        return Role(PARTY, 0.7, f"the other side of the meeting (“{s.toks[k].text} {named}”)")
    if k == t_last - 1 or (k >= 0 and s.toks[k].low in _OBJECT_VERBS and k >= t_first):
        return Role(TARGET, -0.8, f"on the receiving end (“{s.text[s.toks[k].start:m.end]}”)")
    return None


def object_of(s: Sentence, c: Clause, a_first: int, k: int, lead: str, spans: list[tuple[int, int]],
              named: str) -> Role | None:
    """"to arm Kyiv", "aid to Kyiv": the actor is the object of a verb or a preposition of
    giving and acting upon."""
    if k >= 0 and s.toks[k].low in _OBJECT_VERBS and k >= c.first and k == a_first - 1 - skipped(s, k, a_first, spans):
        return Role(TARGET, -0.8, f"on the receiving end (“{s.toks[k].text} {named}”)")
    if lead in TARGET_PREPS and k >= c.subject:
        return Role(TARGET, -0.6, f"on the receiving end (“{lead} {named}”)")
    return None


# Speaking about a thing is not doing it: "declined to comment on the talks", "asked about the
# sanctions", "a question on arms deliveries".
_TOPIC = frozenset({
    "comment", "comments", "commented", "commenting", "remark", "remarks", "remarked", "question",
    "questions", "questioned", "ask", "asks", "asked", "asking", "speak", "speaks", "spoke",
    "speaking", "talk", "talked", "talking", "write", "writes", "wrote", "briefed", "briefing",
    "testify", "testified", "silent", "silence", "elaborate", "details",
})
# A meeting named as the occasion of another act: "set targets at its next summit".
OCCASIONS = frozenset({"summit", "summits", "meeting", "meetings", "session", "sessions", "talks",
                       "conference", "conferences", "visit", "visits", "sidelines"})
_OCCASION_PREPS = frozenset({"at", "during", "before", "after", "ahead"})
_MODIFIERS = frozenset({"international", "economic", "western", "new", "more", "additional", "further",
                        "such", "next", "last", "upcoming", "recent", "annual", "previous", "first",
                        "latest", "coming", "forthcoming"})


def received_before(s: Sentence, c: Clause, t_first: int) -> str:
    """"importing North Korean troops", "buying Iranian drones": a verb of receiving right
    before the term's noun phrase (names, determiners and adjectives between); the verb, or ""."""
    for n in range(t_first - 1, max(c.first, t_first - 9) - 1, -1):
        t = s.toks[n]
        if t.low in RECEIVE:
            return "" if bought_for_another(s, c, t.low, t_first) else t.text
        if _in_compound(s, n):
            continue  # "Iranian-designed drones": a hyphenated word is one modifier
        if not t.is_word or t.low in PREPOSITIONS or (looks_verb(t) and not t.text[:1].isupper()):
            return ""
    return ""


def _in_compound(s: Sentence, n: int) -> bool:
    """Whether token *n* is a hyphen or a part of a hyphenated word ("Iranian-designed")."""
    def glued(a: int) -> bool:  # tokens a and a + 1 touch, and one of them is a hyphen
        return (0 <= a < len(s.toks) - 1 and s.toks[a].end == s.toks[a + 1].start
                and (s.toks[a].text in "-‐‑" or s.toks[a + 1].text in "-‐‑"))
    return glued(n - 1) or glued(n)


# Watching or recording a thing is not doing it: "to document the transfers", "tracks deliveries".
_OBSERVE = frozenset({
    "document", "documents", "documented", "documenting", "monitor", "monitors", "monitored",
    "monitoring", "track", "tracks", "tracked", "tracking", "record", "records", "recorded",
    "recording", "investigate", "investigates", "investigated", "investigating", "count", "counts",
    "counted", "counting", "trace", "traces", "traced", "tracing", "verify", "verifies", "verified",
    "watch", "watches", "watched", "watching", "observe", "observes", "observed", "observing",
    "report", "reports", "reported", "reporting", "log", "logs", "logged",
})
# Discussing a thing is talking about it ("met to discuss the units", "a delegation to discuss
# air defence"); only where talking is the instrument does it count, through its own terms.
_DISCUSS = frozenset({"discuss", "discusses", "discussed", "discussing", "debate", "debates",
                      "debated", "debating"})


def observed(s: Sentence, c: Clause, t_first: int) -> str:
    """The verb of watching, recording or discussing whose object the term is, or ""."""
    k = t_first - 1
    while k > c.first and (_in_compound(s, k) or s.toks[k].is_word and (
            s.toks[k].low in DETERMINERS or s.toks[k].low in _MODIFIERS or s.toks[k].text[:1].isupper())):
        k -= 1
    w = s.toks[k].low if k >= c.first else ""
    return s.toks[k].text if w in _OBSERVE or w in _DISCUSS else ""


_BUY = frozenset({"buy", "buys", "bought", "buying", "purchase", "purchases", "purchased", "purchasing",
                  "acquire", "acquires", "acquired", "acquiring"})


def bought_for_another(s: Sentence, c: Clause, verb: str, t_first: int) -> bool:
    """"to buy ammunition for Ukraine": buying for another is giving, not receiving."""
    return verb in _BUY and any(t.low == "for" for t in s.toks[t_first:min(c.last, t_first + 8)])


def sheltered(s: Sentence, t_first: int, occasion: bool = False) -> str:
    """"relief from sanctions", "isolated due to sanctions", "comment on the talks", and with
    *occasion* a meeting named as when something else is done ("at its next summit"): the word
    that puts the term in a phrase the subject does not do (adjectives and determiners skipped)."""
    k = t_first - 1
    while k >= 0 and s.toks[k].is_word and (s.toks[k].low in DETERMINERS or s.toks[k].low in _MODIFIERS):
        k -= 1
    if k > 0 and s.toks[k].low in ("on", "about", "over") and s.toks[k - 1].low in _TOPIC:
        return f"{s.toks[k - 1].text} {s.toks[k].text}"
    if occasion and k >= 0 and (s.toks[k].low in _OCCASION_PREPS or (
            s.toks[k].low == "of" and k > 0 and s.toks[k - 1].low == "ahead")):
        return s.toks[k].text
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


# Verbs of being, after which a participle describes the subject.
_BE = frozenset({"is", "are", "was", "were", "remains", "remain", "remained", "becomes", "became"})


def described_as_undergoing(s: Sentence, c: Clause, t_first: int) -> bool:
    """"North Korea is the most heavily sanctioned country": after a verb of being, the term as
    a participle describing the subject says what is done to it."""
    if c.verb < 0 or s.toks[c.verb].low not in _BE or not is_participle(s.toks[t_first]):
        return False
    between = s.toks[c.verb_end:t_first]
    return all(t.is_word and (t.low in DETERMINERS or t.low in ADVERBS or t.low.endswith("ly")
                              or t.low in ("most", "more", "less", "least", "already", "now"))
               for t in between)


# "Ukrainian recruits have completed basic training": those trained, not the trainers.
TRAINED = frozenset({"complete", "completes", "completed", "completing", "finish", "finishes", "finished",
                      "undergo", "undergoes", "underwent", "undergone", "undergoing", "attend", "attends",
                      "attended", "begin", "began", "begun", "start", "started"})


def dodging(s: Sentence, c: Clause, t_first: int) -> str:
    """"sold oil to India, skirting the price cap": a verb of evading in -ing just before the
    term puts the subject on its receiving end; the verb, or ""."""
    return next((s.toks[n].text for n in range(t_first - 1, max(c.verb_end, t_first - 4) - 1, -1)
                 if s.toks[n].low in UNDERGO and s.toks[n].low.endswith("ing")), "")
