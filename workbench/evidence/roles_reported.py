"""Reported speech: "according to Seoul", "estimates by Seoul", "A confirmed that ..." only
report; "A accused B of ..." says B does it; "A warned that ... would lead to sanctions" and
"A said it would ..." make the speaker the one who acts."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.evidence.clauses import Clause
from workbench.evidence.matching import Mention
from workbench.evidence.roles_base import REPORTER, Role, Sentence
from workbench.evidence.words import ADVERBS, DETERMINERS, PREPOSITIONS, TELL

REPORT_NOUNS = frozenset({"estimates", "estimate", "report", "reports", "assessment", "account",
                          "accounts", "analysis", "figures", "data", "findings", "according"})
ACCUSE = frozenset({"accuse", "accuses", "accused", "accusing", "blame", "blames", "blamed",
                    "suspect", "suspects", "suspected", "charge", "charged", "charges"})
_COMMIT = frozenset({
    "warn", "warns", "warned", "caution", "cautions", "cautioned", "threaten", "threatens",
    "threatened", "vow", "vows", "vowed", "pledge", "pledges", "pledged", "promise", "promised",
    "promises", "announce", "announced", "announces", "signal", "signalled", "signaled",
    "propose", "proposed", "proposes", "insist", "insisted", "decide", "decided", "agree", "agreed",
})
_OWN_SIDE = frozenset({"bloc", "alliance", "allies", "government", "administration", "union",
                       "organisation", "organization", "ministry", "country"})


def according_to(s: Sentence, k: int, lead: str) -> Role | None:
    """"according to Seoul": the source of a report."""
    if lead == "according" or (lead == "to" and k > 0 and s.toks[k - 1].low == "according"):
        return Role(REPORTER, 0.2, "the source of the report (“according to”)")
    return None


def accused_of(s: Sentence, k: int, a_last: int, t_first: int) -> bool:
    """"accused Moscow of supplying ...": the one accused is said to do it."""
    return (k >= 0 and s.toks[k].low in ACCUSE and a_last < len(s.toks) and s.toks[a_last].low == "of"
            and t_first > a_last)


def commits(s: Sentence, c: Clause, ct: Clause, t_first: int) -> bool:
    """"EU leaders cautioned that ... would lead to new sanctions": the speaker threatens the
    instrument, as long as the term is not the complement's own subject."""
    if c.verb < 0 or s.toks[c.verb_end - 1].low not in _COMMIT or c.last != ct.first:
        return False
    if ct.first >= len(s.toks) or s.toks[ct.first].low != "that":
        return False
    # What the verb says follows it closely ("warned on Monday that", "told Tokyo that"); after
    # an object of a verb other than "tell" or "warn", "that" opens a relative clause on that
    # object ("announced tariffs on goods that it says ...").
    between = s.toks[c.verb_end:ct.first]
    first = between[0].low if between else ""
    has_object = first and first not in PREPOSITIONS and first not in ADVERBS and not first.endswith("ly")
    if len(between) > 4 or (s.toks[c.verb_end - 1].low not in TELL and has_object):
        return False
    return ct.verb >= 0 and (t_first >= ct.verb or ct.passive)


def says_it(s: Sentence, c: Clause, ct: Clause) -> bool:
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


def aimed_at_itself(s: Sentence, m: Mention, t_first: int, everyone: Sequence[Mention]) -> bool:
    """"Beijing warned that any sanctions on Chinese firms would be met with ...": the term
    threatened is aimed at the speaker itself, which only answers it."""
    n = t_first + 1
    while n < len(s.toks) and n < t_first + 3 and s.toks[n].low not in ("on", "against"):
        n += 1
    if n >= len(s.toks) or s.toks[n].low not in ("on", "against"):
        return False
    k = n + 1
    while k < len(s.toks) and s.toks[k].low in DETERMINERS:
        k += 1
    return any(o.owner == m.owner and s.span(o)[0] == k for o in everyone)
