"""Asking and being asked: "urged the EU to impose ...", "Tokyo was asked by Brussels to ...",
"it is imperative for A to ..." make the one asked act; "at the request of Seoul" makes the
one who asked act; "Brussels asked Tokyo to ..." only asks, which may or may not happen; the
one thanked for an act did it ("Zelensky thanked Japan for the helmets")."""

from __future__ import annotations

from workbench.evidence.clauses import Clause, clause_of
from workbench.evidence.matching import Mention
from workbench.evidence.roles_base import Sentence, possessive
from workbench.evidence.words import DETERMINERS, is_participle, looks_verb

# "urged X to ...": X is the one asked to act.
URGE = frozenset({
    "urge", "urges", "urged", "urging", "press", "presses", "pressed", "pressing", "persuade",
    "persuades", "persuaded", "persuading", "encourage", "encourages", "encouraged", "ask",
    "asks", "asked", "call", "calls", "called", "push", "pushes", "pushed", "invite",
    "invites", "invited", "appeal", "appealed", "implore", "implored", "convince", "convinced",
    "asking", "calling", "inviting", "appealing", "imploring", "convincing",
})
# "at the request of Seoul", "at Seoul's invitation": the actor asked for what is done.
_REQUEST_NOUNS = frozenset({"request", "requests", "invitation", "behest", "urging", "initiative",
                            "insistence", "instigation", "suggestion"})
_IMPERATIVE = frozenset({"imperative", "essential", "necessary", "important", "vital", "crucial",
                         "critical", "time", "urgent", "incumbent"})


def request(s: Sentence, m: Mention, k: int, lead: str) -> str:
    """"at the request of Seoul", "at Kyiv's invitation": the words that make the actor the one
    who asked, or ""."""
    if lead == "of" and k > 0 and s.toks[k - 1].low in _REQUEST_NOUNS:
        return s.text[s.toks[k - 1].start:m.end]
    _first, last = s.span(m)
    if possessive(s, m) and last < len(s.toks) and s.toks[last].low in _REQUEST_NOUNS and \
            k >= 0 and s.toks[k].low in ("at", "on", "upon"):
        return s.text[s.toks[k].start:s.toks[last].end]
    return ""


def urged(s: Sentence, c: Clause, a_first: int, t_first: int) -> str:
    """The urging word when the actor is asked to act: "urged A to ...", "called on A to ...",
    "it is imperative for A to ...", "Tokyo was asked by Brussels to ..."; or ""."""
    return _urged_active(s, a_first, t_first) or _urged_passive(s, c, a_first, t_first)


# Nouns of asking: "calls from Kyiv to send weapons", "a request from Seoul for".
_ASKING_NOUNS = frozenset({"call", "calls", "appeal", "appeals", "request", "requests", "demand", "demands",
                           "plea", "pleas", "pressure", "urging", "entreaties", "lobbying"})


def asking_from(s: Sentence, k: int, lead: str) -> str:
    """"calls from Kyiv to send weapons", "pressure from Washington": the actor after "from"
    that follows a noun of asking is the one asking, not the one asked; those words, or ""."""
    if lead != "from" or k < 1 or s.toks[k - 1].low not in _ASKING_NOUNS:
        return ""
    return f"{s.toks[k - 1].text} {s.toks[k].text}"


def _urged_active(s: Sentence, a_first: int, t_first: int) -> str:
    for n in range(a_first - 1, max(0, a_first - 14) - 1, -1):
        w = s.toks[n].low
        urging = w in URGE or (w == "for" and n > 0 and s.toks[n - 1].low in _IMPERATIVE)
        if urging:
            to = next((x for x in range(a_first, min(len(s.toks), a_first + 16)) if s.toks[x].low == "to"), -1)
            # What the actor is urged to do ends with its clause ("asked X to act, but Y vetoed").
            if to >= 0 and t_first > to and clause_of(s.clauses, t_first) is clause_of(s.clauses, to):
                return s.toks[n].text
            return ""
        if s.toks[n].text in (";", ":") or (looks_verb(s.toks[n]) and not is_participle(s.toks[n])):
            return ""
    return ""


def _urged_passive(s: Sentence, c: Clause, a_first: int, t_first: int) -> str:
    """"Tokyo was asked by Brussels to impose ...": the subject of a passive urging verb is the
    one asked to act."""
    if not (c.passive and c.subject <= a_first < c.verb) or s.toks[c.verb_end - 1].low not in URGE:
        return ""
    to = next((n for n in range(c.verb_end, min(len(s.toks), c.verb_end + 8)) if s.toks[n].low == "to"), -1)
    return s.toks[c.verb_end - 1].text if 0 <= to < t_first else ""


# "urged Tokyo not to hesitate to impose ...", "not to lift its sanctions": urging to act after all.
_NOT_TO_HOLD_BACK = frozenset({"hesitate", "delay", "wait", "lift", "ease", "weaken", "relax", "back", "drop",
                               "abandon", "end", "stop", "cut", "reduce", "slow", "halt", "suspend"})
_APPEAL = frozenset({"appeal", "appeals", "appealed", "appealing"})


def asks_another(s: Sentence, c: Clause, t_first: int) -> bool:
    """"Brussels asked Tokyo to impose ...": the subject asks someone else to act, so it is not
    on the receiving end of what follows "to" (unlike "asked for weapons"), nor does it do what
    describes the ones asked ("called on all states supplying weapons to think again")."""
    n = c.verb_end
    if n < len(s.toks) - 1 and s.toks[n].low == "to" and s.toks[n - 1].low in _APPEAL:
        n += 1  # "appealed to allies to speed up deliveries": the ones asked follow "to"
    if n >= len(s.toks) or s.toks[n].low in ("for", "to", "about") or not s.toks[n].is_word:
        return False
    to = next((x for x in range(n + 1, min(len(s.toks), n + 20)) if s.toks[x].low == "to"), -1)
    if to < 0 or s.toks[t_first].low in URGE:
        return False
    # What they are asked to do counts only near the verb (a "to" further on may be another's).
    described = n <= t_first < to and not any(t.text == "," for t in s.toks[n:t_first])
    return described or (to < n + 10 and t_first > to)


def infinitive_subject(s: Sentence, k: int, lead: str, a_last: int, t_first: int) -> str:
    """"wait for Washington to arm Ukraine", "pressure for Seoul and Tokyo to act", "a deal for
    Kyiv to buy": the actor after "for" and before "to" and a verb, when what comes before "for"
    waits for, presses for or arranges an act, is the one who would do it; that verb, or ""."""
    if lead != "for" or k < 1 or s.toks[k - 1].low not in _AWAIT:
        return ""
    n = a_last
    while n + 1 < t_first and s.toks[n].low in ("and", "or", ",") and s.toks[n + 1].text[:1].isupper():
        n += 1  # other names in the same list ("for Seoul and Tokyo to")
        while n < t_first and s.toks[n].text[:1].isupper():
            n += 1
    if n + 1 >= len(s.toks) or s.toks[n].low != "to" or t_first < n + 1:
        return ""
    verb = s.toks[n + 1]
    near = t_first - (n + 1) <= 6 and all(t.is_word for t in s.toks[n + 1:t_first])
    return verb.text if near and verb.text.islower() and verb.low not in DETERMINERS else ""


# What comes before "for X to ...": waiting, pressing or arranging for another to act.
_AWAIT = frozenset({
    "wait", "waits", "waited", "waiting", "pressure", "push", "pushes", "pushed", "pushing", "press",
    "presses", "pressed", "pressing", "call", "calls", "called", "calling", "arranged", "arrange",
    "arrangement", "arrangements", "plan", "plans", "planned", "deal", "deals", "agreement", "time",
    "way", "clear", "cleared", "clearing",
})


# "urged Moscow to end its cooperation": being asked to stop is not being asked to act.
_STOP = frozenset({"end", "stop", "halt", "cease", "suspend", "abandon", "curtail", "scale", "wind"})


def urged_to_stop(s: Sentence, a_first: int, t_first: int) -> str:
    """The verb after the "to" that follows the actor when it means stopping ("urges Moscow to
    end its military cooperation"), or ""."""
    to = next((x for x in range(a_first, min(len(s.toks) - 1, a_first + 16)) if s.toks[x].low == "to"), -1)
    if to < 0 or t_first <= to:
        return ""
    if s.toks[to - 1].low in ("not", "never") and s.toks[to + 1].low not in _NOT_TO_HOLD_BACK:
        return f"{s.toks[to - 1].text} to"  # "called on China not to provide Russia with weapons"
    return s.toks[to + 1].text if s.toks[to + 1].low in _STOP else ""


_THANKING = frozenset({"thank", "thanks", "thanked", "thanking", "praised", "praises", "commended", "commends"})


def thanked_for(s: Sentence, k: int, a_last: int, t_first: int) -> str:
    """"Zelensky thanked Japan for the helmets", "Putin thanked Kim for sending troops": the one
    thanked did what it is thanked for; the verb, or ""."""
    if k < 0 or s.toks[k].low not in _THANKING or a_last >= len(s.toks) or s.toks[a_last].low != "for":
        return ""
    # The "for" phrase ends at a stop or at "and" before a verb ("... for its hospitality and asked for").
    ends = next((n for n in range(a_last, len(s.toks)) if s.toks[n].text in (",", ";", ".", ":") or (
        s.toks[n].low in ("and", "but") and n + 1 < len(s.toks) and looks_verb(s.toks[n + 1]))), len(s.toks))
    return s.toks[k].text if a_last < t_first < ends else ""
