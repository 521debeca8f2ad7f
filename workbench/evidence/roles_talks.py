"""Talks and meetings: who is the other side of a conversation, and when a meeting is no
diplomacy with anyone.

* "met with the Chinese foreign minister", "held talks in Busan with ...", "spoke to Putin":
  the one talked with is a party, unless the talks are only sought, argued for or kept as a
  goal, or "with" belongs to a noun before it ("a meeting on trade with China");
* "EU foreign ministers meet on Monday", "officials of Japan's ministries met": a body's own
  officials among themselves, with no other party named.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.evidence.clauses import Clause
from workbench.evidence.matching import Mention
from workbench.evidence.roles_base import Sentence, possessive
from workbench.evidence.words import AUX, MEETING

# Talks, meetings and calls held with an actor have it as one side ("two days of talks with
# Lavrov"); talks only sought, offered or refused do not ("seeks talks with Kim").
HELD_WITH = frozenset({"talks", "meeting", "meetings", "call", "consultations", "negotiations",
                        "dialogue", "summit", "conversation", "contacts"})
_NOT_HELD = frozenset({"seek", "seeks", "sought", "seeking", "want", "wants", "wanted", "offer", "offers",
                      "offered", "propose", "proposes", "proposed", "refuse", "refuses", "refused",
                      "reject", "rejects", "rejected", "demand", "demands", "demanded", "call", "calls",
                      "called", "push", "pushes", "pushed", "urge", "urges", "urged", "hope", "hopes",
                      "hoped", "no", "not", "never", "any", "possible", "future", "ready", "willing",
                      "prepared", "argue", "argued", "argues", "maintain", "maintaining", "important",
                      "need", "needs"})


def held_with(s: Sentence, c: Clause, m: Mention, k: int, t_first: int, t_last: int) -> bool:
    """Whether the "with" at *k* names the other side of talks or a meeting the term says were
    held: right after it ("talks with", "met with") or later in its clause ("held talks in
    Busan with", "sat down with my counterpart and with"), where a possessive names what was
    talked about ("dialogue, with Pyongyang's missiles on the agenda")."""
    held = HELD_WITH | MEETING
    if t_last in (k, k + 1):
        return k > 0 and s.toks[k - 1].low in held
    return (c.first <= t_first and t_last < k <= t_last + 12 and k < c.last and not possessive(s, m)
            and s.toks[k - 1].low not in _RELATIONS
            and any(t.low in held or t.low in SAT for t in s.toks[t_first:t_last]))


# "a meeting on trade with China": "with" belongs to the noun before it, not to the meeting.
_RELATIONS = frozenset({"trade", "war", "rift", "dispute", "disputes", "relations", "ties", "tension",
                        "tensions", "border", "deal", "deals", "cooperation", "partnership", "alliance",
                        "agreement", "conflict", "standoff", "row", "feud", "friendship", "links", "talks",
                        "dialogue", "treaty", "contract", "contracts", "business", "exchanges"})


SAT = frozenset({"sat", "sit", "sits", "sitting", "held", "hold", "holds", "holding"})


def sought(s: Sentence, t_first: int) -> bool:
    """Whether the talks before *t_first* are only sought, offered, refused or hoped for: a
    word saying so among the six before, back to any punctuation (a reporting verb ends a
    clause but not this: "argued for talks")."""
    for t in reversed(s.toks[max(0, t_first - 6):t_first]):
        if not t.is_word:
            return False
        if t.low in _NOT_HELD:
            return True
    return False


# A conversation that took place has two sides: "spoke to Putin", "talked with Seoul", "on the
# phone with Lavrov" (but "talks with Kim", which may never happen, names a counterpart).
_CONVERSED = frozenset({"spoke", "spoken", "talked", "conferred", "chatted"})
_PHONE = frozenset({"phone", "telephone"})


def conversed(s: Sentence, k: int, lead: str, t_last: int) -> str:
    """The words that make the actor after "to"/"with" the other side of a conversation, or ""."""
    if lead not in ("to", "with") or k < 1:
        return ""
    before = s.toks[k - 1]
    if before.low in _CONVERSED or (lead == "with" and t_last == k and before.low in _PHONE):
        return f"{before.text} {s.toks[k].text}"
    return ""


# "EU foreign ministers meet on Monday": a body's own officials meeting one another, with no
# other party named, prepare what they do; the meeting itself is not diplomacy with anyone.
_OFFICIALS = frozenset({"ministers", "ambassadors", "leaders", "officials", "diplomats", "envoys",
                        "representatives", "delegates", "governments", "capitals"})


def among_themselves(s: Sentence, c: Clause, m: Mention, t_first: int, everyone: Sequence[Mention]) -> bool:
    """Whether the actor's own officials meet only one another (no other party named near)."""
    a_first, a_last = s.span(m)
    if s.toks[t_first].low not in MEETING or not a_last < t_first:
        return False
    # The words after the name up to the verb (the parse may take a plural noun for a verb),
    # or "Officials of Japan's ministries met".
    head = [t for t in s.toks[a_last:t_first] if t.low not in AUX]
    of_officials = a_first >= 2 and s.toks[a_first - 1].low == "of" and s.toks[a_first - 2].low in _OFFICIALS
    if not of_officials and (not head or head[-1].low not in _OFFICIALS
                             or not all(t.is_word and t.text.islower() for t in head)):
        return False
    others = {n for o in everyone if o.owner != m.owner and not _a_place(s, o) for n in range(*s.span(o))}
    near = range(c.first, min(c.last, t_first + 4))  # who they meet is named right after the verb
    return not any(n in others for n in near) and not any(
        s.toks[n].low in ("with", "alongside") for n in range(t_first, c.last))


def _a_place(s: Sentence, o: Mention) -> bool:
    """"met in Brussels": a name after "in" or "at" is where, not whom."""
    first, _ = s.span(o)
    return first > 0 and s.toks[first - 1].low in ("in", "at")
