"""Names that say where or when, not who: "in Moscow", "Moscow time", "the Kyiv region", "the
Ukraine war", and names that are part of another name ("the Washington Post")."""

from __future__ import annotations

from workbench.evidence.matching import Mention
from workbench.evidence.roles_base import MENTIONED, PLACE, Role, Sentence, possessive

PLACE_PREPS = frozenset({"in", "inside", "within", "across", "throughout", "near", "around", "outside"})
# "Moscow time", "the Kyiv region": the name says when or where, not who.
_PLACE_NOUNS = frozenset({"time", "region", "oblast", "province", "area", "suburbs", "outskirts",
                          "airport", "metro", "streets", "skies"})
# "the Washington Post", "the Moscow Times": a capitalised word after a place's name makes it
# the name of a paper, a school or an event of that place, not the actor.
_NAME_PARTS = frozenset({"Post", "Times", "Herald", "Journal", "Independent", "Tribune", "Daily",
                         "Gazette", "Olympics", "Games", "University", "Institute", "Marathon",
                         "Philharmonic", "Symphony", "Zoo", "Airport", "Stock"})
_EVENT_NOUNS = frozenset({"conflict", "war", "crisis", "front", "theatre", "theater", "border",
                          "soil", "invasion", "offensive", "borders", "territory"})


def _next_word(s: Sentence, m: Mention) -> str:
    _first, last = s.span(m)
    return s.toks[last].text if last < len(s.toks) else ""


def part_of_name(s: Sentence, m: Mention, named: str) -> Role | None:
    """"the Washington Post": the actor's name inside another name; "a model NATO summit",
    "Model United Nations": a simulation named after the actor."""
    nxt = _next_word(s, m)
    if nxt in _NAME_PARTS and not possessive(s, m):
        return Role(MENTIONED, -1.0, f"part of another name (“{named} {nxt}”)")
    first, _last = s.span(m)
    if first > 0 and s.toks[first - 1].low in ("model", "mock", "simulated"):
        return Role(MENTIONED, -1.0, f"a simulation (“{s.toks[first - 1].text} {named}”)")
    return None


def land_or_time(s: Sentence, m: Mention, named: str) -> Role | None:
    """"the Ukraine war", "Moscow time": the name qualifies a war, a land, a time or an area."""
    nxt = _next_word(s, m).lower()
    if nxt in _EVENT_NOUNS and not possessive(s, m):
        return Role(PLACE, -0.8, f"names the war or the land, not the actor (“{named} {nxt}”)")
    if nxt in _PLACE_NOUNS and not possessive(s, m):
        return Role(PLACE, -0.8, f"names a time or an area, not the actor (“{named} {nxt}”)")
    return None


# "has found in Moscow a partner", "sees in Beijing a rival": what is found in the actor is
# the actor itself, described by the noun phrase after its name.
_FIND = frozenset({"find", "finds", "found", "finding", "see", "sees", "saw", "seen", "seeing",
                   "have", "has", "had", "having"})


def in_place(s: Sentence, m: Mention, k: int, lead: str, named: str) -> Role | None:
    """"in Moscow", "across Europe": the name is where it happens (but not "found in Moscow a
    partner", where it names what was found)."""
    if lead in PLACE_PREPS and not _found_in(s, m, k):
        return Role(PLACE, -0.8, f"names a place, not the actor (“{lead} {named}”)")
    return None


def _found_in(s: Sentence, m: Mention, k: int) -> bool:
    """"found in Moscow a partner": "in" after a verb of finding or having, and an indefinite
    noun phrase right after the name."""
    _first, last = s.span(m)
    return (s.toks[k].low == "in" and k > 0 and s.toks[k - 1].low in _FIND
            and last < len(s.toks) and s.toks[last].low in ("a", "an"))
