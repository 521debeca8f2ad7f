"""What the clauses around an actor say about its act: an act only supposed (inside a
condition, or feared, hoped or expected), a cleft that names the one who acted ("it was the US
Treasury that fined ..."), a subject carried on into the next clause by "it"/"they" or by
"its" + a noun, and a clause that repeats the act before it ("..., and Japan followed suit")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.evidence.clauses import OPENING_CLAUSE, Clause, will_follow
from workbench.evidence.matching import DEMONYM, Mention
from workbench.evidence.roles_base import Sentence
from workbench.evidence.words import ADVERBS, BE, DETERMINERS, SUPPOSING_NOUNS, SUPPOSING_VERBS, looks_verb


def supposed(s: Sentence, c: Clause) -> bool:
    """Whether clause *c* is opened by "that" after a noun or verb of fearing, hoping or expecting."""
    return (c.first > 0 and s.toks[c.first].low == "that" and will_follow(s.toks, c.first + 1, set(range(c.subject, c.verb)))
            and (s.toks[c.first - 1].low in SUPPOSING_NOUNS or s.toks[c.first - 1].low in SUPPOSING_VERBS))


def condition(s: Sentence, c: Clause) -> bool:
    """Whether clause *c* is a condition: opened by "if" or "unless", or by "should", "were" or
    "had" at the start of the sentence ("Should the DPRK test again, ...")."""
    first = s.toks[c.first].low
    return first in ("if", "unless") or (c.first == 0 and first in ("should", "were", "had") and c.subject > 0)


def cleft(s: Sentence, a_first: int, a_last: int, t_first: int) -> str:
    """"It was the US Treasury that fined those banks": the name after "it was" is the subject
    of the verb right after "that" or "who", whose phrase holds the term; that verb, or ""."""
    k = a_first - 1
    while k > 0 and s.toks[k].low in ("the", "a", "an"):
        k -= 1
    if k < 1 or s.toks[k].low not in BE or s.toks[k - 1].low != "it":
        return ""
    rel = next((n for n in range(a_last, min(len(s.toks), a_last + 4)) if s.toks[n].low in ("that", "who")), -1)
    if rel < 0 or rel + 1 >= len(s.toks):
        return ""
    v = rel + 1
    while v + 1 < len(s.toks) and (s.toks[v].low in ADVERBS or s.toks[v].low.endswith("ly")
                                   or s.toks[v].low in ("first", "later", "then", "also")):
        v += 1  # "it was Japan that first proposed talks"
    verb = s.toks[v]
    # Nothing but the name's own words before "that", a verb after it ("that the sanctions
    # targeted" has the name for object), and no other name before the term ("it was
    # Washington's pressure that made Tokyo impose sanctions").
    if (not all(t.is_word and "'" not in t.text and "’" not in t.text for t in s.toks[a_first:rel])
            or not verb.text.islower() or verb.low in DETERMINERS or not looks_verb(verb)
            or not rel < t_first <= v + 4 or any(t.text[:1].isupper() for t in s.toks[rel + 1:t_first])):
        return ""
    return verb.low


def pronoun_goes_on(s: Sentence, c: Clause, ct: Clause) -> bool:
    """Whether the actor is the subject of a clause opening the sentence ("While Beijing
    hesitates,") and the main clause right after has "it" or "they" for subject, which stands
    for that subject (the caller checks that no other actor is named there that it could stand
    for); not "it is"/"it was", which is mostly no one ("it was his fourth visit")."""
    if (c.first != 0 or s.toks[0].low not in OPENING_CLAUSE or ct.first != c.last or ct.verb < 0
            or ct.subject + 1 != ct.verb or s.toks[ct.subject].low not in ("it", "they")):
        return False
    # "they" needs subjects joined by "and"; "it" a single one.
    joined = any(t.low == "and" for t in s.toks[c.subject:c.verb])
    if (s.toks[ct.subject].low == "they") != joined:
        return False
    return s.toks[ct.verb].low not in BE and s.toks[ct.verb].low not in _SEEMS


_SEEMS = frozenset({"seems", "seemed", "appears", "appeared", "remains", "remained"})


def its_people(s: Sentence, c: Clause, ct: Clause, everyone: Sequence[Mention]) -> bool:
    """Whether the term's clause, after the actor's, has "its"/"their" and a noun as subject,
    with no other actor named between, so that the pronoun can only be the actor."""
    if ct.first < c.last or ct.verb < 0 or ct.subject + 2 != ct.verb or s.toks[ct.subject].low not in ("its", "their"):
        return False
    head = s.toks[ct.subject + 1]
    if not head.is_word or head.text[:1].isupper() or looks_verb(head):
        return False
    # Another name between could be what the pronoun stands for (a demonym never is).
    return not any(c.verb <= s.span(o)[0] < ct.verb and o.kind != DEMONYM for o in everyone)


# "followed suit", "did the same", "voted for them": a clause that repeats the act of the clause
# before it, whose term it does not name again.
_THE_SAME = re.compile(r"(?:followed|follow|follows|following)\s+suit|(?:did|do|does|doing)\s+(?:the\s+same|likewise)"
                       r"|(?:voted|votes|vote|voting)\s+for\s+(?:them|it|each|every|all|those|these)\b", re.I)


def does_the_same(s: Sentence, c: Clause) -> str:
    """The words by which clause *c* repeats the act before it ("followed suit"), or ""."""
    if c.verb < 0:
        return ""
    found = _THE_SAME.match(s.text, s.toks[c.verb].start)
    return found.group(0) if found else ""

