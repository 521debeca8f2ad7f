"""What the actor says it did not do or cannot do: a denial is not the act.

"Beijing denies supplying weapons", "rejected allegations of drone shipments", "has never
provided", "nothing to do with any transfer of arms", "reports that Japan is sending missiles
are untrue", "has no sanctions of its own", "has no plans to send". A refusal ("Seoul will
never send arms", "declined to join") is the actor's decision about the instrument and stays
its act.
"""

from __future__ import annotations

import functools
import re

from workbench.evidence.clauses import Clause
from workbench.evidence.matching import Mention
from workbench.evidence.roles_base import Sentence
from workbench.evidence.words import ADVERBS, DETERMINERS, is_participle, looks_verb

# Denying an act is not doing it ("Beijing denies supplying weapons"); a refusal to act is said
# with other verbs ("refuses", "declines") and stays the actor's decision.
_DENY = frozenset({"deny", "denies", "denied", "denying"})


# What a denial denies: an act in -ing, a clause, or a report of it ("denies supplying",
# "denied that", "denies the reports"); "denied Russia access", "denied entry" refuse a thing.
# Rejecting a report of the act is denying it ("rejects as groundless reports that ...",
# "rejected accusations that ..."); rejecting a proposal or a demand is no denial.
_REJECT = frozenset({"reject", "rejects", "rejected", "rejecting", "dismiss", "dismisses", "dismissed"})
_REJECTED = frozenset({"reports", "claims", "allegations", "accusations", "charges", "suggestions", "story"})
_DENIED = _REJECTED | {"that", "having", "any", "it"}
# Words between a verb of denial and what it denies ("flatly denied the claims").
_DENIAL_FILLERS = ADVERBS | DETERMINERS | {"ever", "flatly", "firmly", "strongly", "as", "groundless", "false"}


def denial(s: Sentence, c: Clause, t_first: int) -> str:
    """The verb of denial in the clause's verb group, followed by what is denied, or ""."""
    if c.verb < 0:
        return ""
    for n in range(c.verb, min(c.verb_end, t_first)):
        rejecting = s.toks[n].low in _REJECT
        if s.toks[n].low not in _DENY and not rejecting:
            continue
        if any(s.toks[j].low == "and" and looks_verb(s.toks[j + 1]) for j in range(n + 1, t_first - 1)):
            continue  # "dismissed the reports and imposed sanctions": the term is another verb's
        k = n + 1
        while k < t_first and s.toks[k].low in _DENIAL_FILLERS:
            k += 1  # "rejects as groundless the reports", "denied the claims"
        nxt = s.toks[k] if k < len(s.toks) else None
        if nxt is None:
            continue
        # What is rejected comes before the act it reports and within the clause ("dismissed
        # the reports and imposed sanctions" rejects the reports, then acts).
        window = s.toks[n + 1:min(n + 8, t_first, c.last)]
        window = window[:next((i for i, t in enumerate(window) if t.low in ("and", ",")), len(window))]
        if rejecting and any(t.low in _REJECTED for t in window):
            return s.toks[n].text
        if not rejecting and (nxt.low in _DENIED or (nxt.low.endswith("ing") and nxt.text.islower())):
            return s.toks[n].text
        granted = any(t.low in ("to", "for") for t in s.toks[t_first + 1:t_first + 4])
        if not rejecting and k == t_first and not granted:
            return s.toks[n].text  # "both deny any arms transfers" (not "deny export licences to ...")
    return ""


# "Reports that Japan is sending missiles are untrue": the report of the act is denied.
_UNTRUE = re.compile(r"\b(?:reports?|claims?|allegations?|suggestions?|rumou?rs?)\s+that\b.*\b(?:is|are|was|were)\s+"
                     r"(?:untrue|false|baseless|groundless|unfounded|wrong|incorrect|fabricated)\b", re.I)


# "As for the so-called arms transfers between A and B, these are groundless speculation".
_SO_CALLED = re.compile(r"\b(?:so-called|alleged|purported)\b[^,;:]*?,?[^,;:]*?\b(?:is|are|was|were)\s+"
                        r"(?:(?!not\b|no\b|longer\b|hardly\b)\w+\s+){0,2}?"
                        r"(?:untrue|false|baseless|groundless|unfounded|fabricated|speculation|smears?|lies|"
                        r"fabrications?|fiction|nonsense|slander)\b", re.I)


# "Beijing denies Western charges that Chinese machine tools keep Russia's arms factories
# running": what follows "that" is denied, up to the end of the clause.
_DENIED_CHARGE = re.compile(r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|refute[sd]?)\s+(?:[\w\-]+\s+){0,3}?"
                            r"(?:charges?|accusations?|claims?|allegations?|reports?|suggestions?)\s+that\b"
                            r"(?:(?!\band\s+(?:has\s+|have\s+|then\s+|also\s+)?\w+ed\b)[^;:.,])*", re.I)


@functools.lru_cache(maxsize=64)
def _denied_spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start of what is denied, its end, start of the denial) for the sentence's denied charge,
    its report called untrue and its so-called claim; found once per sentence, since every
    actor and term of the sentence asks."""
    out = []
    charge = _DENIED_CHARGE.search(text)
    if charge:
        out.append((text.index(" that", charge.start()) + 5, charge.end(), -1))
    for found in (_UNTRUE.search(text), _SO_CALLED.search(text)):
        if found:
            out.append((found.start(), found.end(), found.start()))
    return tuple(out)


def reported_untrue(s: Sentence, m: Mention, term: Mention) -> str:
    """"untrue" when the actor and the term are both inside the report called untrue, or in
    what is called "so-called" or "alleged" and then groundless, or in the charge denied."""
    for start, end, whole in _denied_spans(s.text):
        if whole < 0:
            # The term is in the charge, and the actor is either in it or the one who denies it
            # (not "rejected claims that its sanctions were illegal": its own are real).
            own = re.search(r"\b(?:its|their|our)\s+$", s.text[max(0, term.start - 8):term.start])
            if start <= term.start and term.end <= end and m.end <= end and not own:
                return "untrue"
        elif whole <= min(m.start, term.start) and max(m.end, term.end) <= end:
            return "untrue"
    return ""


def never_done(s: Sentence, c: Clause, t_first: int) -> str:
    """"Beijing has never provided weapons", "nothing to do with any transfer of arms": the
    actor says of its past that it did not, a denial (a refusal speaks of what it will not
    do: "Seoul will never send arms" stays the actor's decision); the words, or ""."""
    words = [t.low for t in s.toks[max(c.first, t_first - 8):t_first]]
    text = " ".join(words)
    if "nothing to do with" in text:
        return "nothing to do with"
    for n, w in enumerate(words[:-1]):
        nxt = s.toks[max(c.first, t_first - 8) + n + 1]
        if w == "never" and (n and words[n - 1] in ("has", "have", "had") or is_participle(nxt)):
            return f"never {nxt.text}"
    return ""


# "has no plans to send", "has no power to impose": no means or will to act.
_NO_MEANS = frozenset({"plans", "plan", "intention", "intentions", "power", "powers", "authority",
                       "mandate", "means", "way", "desire", "wish"})


# "has no", and giving none: "has sent no weapons", "supplied no arms".
# (Not "sends no weapons": in the present a standing policy, which is the actor's decision.)
_HAVING = frozenset({"has", "have", "had", "sent", "supplied", "provided", "delivered", "shipped", "sold",
                     "given", "gave", "transferred", "imposed"})


_GIVING_NOW = frozenset({"sends", "supplies", "provides", "delivers", "ships", "sells", "gives", "send", "supply",
                         "provide", "deliver", "sell", "give"})
_CLAIMING = frozenset({"insists", "insisted", "claims", "claimed", "says", "said", "maintains", "maintained"})


def has_none(s: Sentence, c: Clause, t_first: int) -> str:
    """"has no sanctions", "has no diplomatic ties", "has no plans to send weapons", "has sent no
    weapons": the words, or ""."""
    for n in range(max(c.first, t_first - 6), t_first):
        if s.toks[n].low != "no" or n < 1:
            continue
        before = s.toks[n - 1].low
        # "Beijing insists it sends no weapons": a claim about itself, where a plain "Seoul sends
        # no weapons" states a policy.
        claimed = before in _GIVING_NOW and any(t.low in _CLAIMING for t in s.toks[max(0, n - 5):n - 1])
        if before not in _HAVING and not claimed:
            continue
        between = s.toks[n + 1:t_first]
        plans = len(between) >= 2 and between[0].low in _NO_MEANS and between[1].low == "to"
        if len(between) <= 1 and all(t.is_word and not looks_verb(t) for t in between) or plans:
            return f"{s.toks[n - 1].text} no {' '.join(t.text for t in between[:2]) or s.toks[t_first].text}"
    return ""
