"""The part an actor plays towards an instrument's term in one sentence.

    role(sentence, actor_mention, term_mention, everyone) -> Role

A role is *direct* when the actor acts with the instrument: it is the subject of the
clause that carries the term ("Seoul summoned the envoy"), the agent of a passive ("designated
by Brussels"), one of the parties ("a treaty between A and B"), the one urged to act ("urged
the EU to impose ...", "Tokyo was asked to ..."), the one at whose request it was done ("at
the request of Seoul"), owns the term ("Japanese sanctions"), is the subject that a pronoun
after the term stands for ("the troops it has sent"), or is among the agents listed after a
"by" phrase ("co-sponsored by forty states, including Japan"). Otherwise it is *related*:
the target or recipient ("sanctions on A", "aid for A", "A was sanctioned", "A evaded
sanctions"), a reporter ("A confirmed that ..."), one asking another to act ("A asked B to
..."), a place or a time ("in A", "Moscow time"), a counterpart ("talks with A"), an example,
the owner of people acted upon by another ("summoned the Russian envoy"), part of another
name ("the Washington Post"), the author of an attack ("a Russian missile strike"), or a name
merely near the term.

This module tries the rules in order; each kind of rule lives in its own module:
`roles_places` (places, times, names inside names), `roles_owners` (whose the term is, with
`roles_kept` for the actor's own arms and posts named with no act),
`roles_requests` (asking and being asked, and thanking), `roles_reported` (reported speech),
`roles_denials` (denials and having none), `roles_targets` (the receiving end),
`roles_questions` (acts only asked about), `roles_talks` (the sides of talks and meetings),
`roles_clauses` (conditions, hopes, clefts, a subject carried on by a pronoun, a clause
that does the same) and
`roles_agents` (agents and subjects). How much a term occurrence says about its instrument
is `term_sense`'s part.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.evidence.clauses import clause_of
from workbench.evidence.matching import Mention
from workbench.evidence.roles_agents import as_subject, listed_agents, phrase_agent
from workbench.evidence.roles_base import (  # noqa: F401  (the kinds are part of this module's interface)
    AGENT, ASKER, BY, COUNTERPART, DIRECT_KINDS, EXAMPLE, MENTIONED, OWNER, PARTY, PLACE, REPORTER,
    REQUESTER, SOURCE, TARGET, URGED, Role, Sentence, lead,
)
from workbench.evidence.roles_denials import reported_untrue
from workbench.evidence.roles_owners import fired_by, former, hyphened, owned_elsewhere, owner_role
from workbench.evidence.roles_places import in_place, land_or_time, part_of_name
from workbench.evidence.roles_questions import asked_about
from workbench.evidence.roles_reported import accused_of, according_to
from workbench.evidence.roles_requests import (
    asking_from, infinitive_subject, request, thanked_for, urged, urged_to_stop,
)
from workbench.evidence.roles_targets import UNDERGO, after_term, object_of

_EXAMPLE_PREPS = frozenset({"like", "including", "particularly", "especially", "notably"})


def role(s: Sentence, m: Mention, term: Mention, everyone: Sequence[Mention], instrument_owner: bool = True) -> Role:
    """The role of the actor named by *m* towards the term occurrence *term* in sentence *s*."""
    a_first, a_last = s.span(m)
    t_first, _t_last = s.span(term)
    spans = [s.span(o) for o in everyone]
    named = s.text[m.start:m.end]
    found = part_of_name(s, m, named)
    if found:
        return found
    occasion = _occasion(s, a_first) if (named.isupper() or named in _BODIES) and not hyphened(s, m) else ""
    if occasion:
        return Role(MENTIONED, 0.3, f"the occasion, not the one acting (“{occasion} {named}”)")
    retired = former(s, m)
    if retired:
        return Role(MENTIONED, 0.2, f"a {retired} official acts for no one (“{retired} {named}”)")
    fired = fired_by(s, m, term)
    if fired:
        return Role(MENTIONED, 0.1, f"the actor’s own fire, not aid to another (“{fired} by {named}”)")
    if reported_untrue(s, m, term):
        # "Reports that Japan is sending missiles are untrue": whatever its role in the report.
        return Role(MENTIONED, 0.3, f"the report is called untrue (“{named} …”)")
    c = clause_of(s.clauses, a_first)
    ct = clause_of(s.clauses, t_first)
    found = asked_about(s, c, ct, a_first, t_first) or owner_role(s, m, term, c, named, everyone) or land_or_time(s, m, named)
    if found:
        return found
    k, before = lead(s, a_first, spans)
    asked_for = request(s, m, k, before)
    if asked_for:
        return Role(REQUESTER, 0.6, f"the one who asked for it (“{asked_for}”)")
    thanked = thanked_for(s, k, a_last, t_first)
    if thanked:
        return Role(AGENT, 0.7, f"thanked for it, so the one who did it (“{thanked} {named} for”)")
    asking = asking_from(s, k, before)
    if asking:
        return Role(ASKER, 0.5, f"the one asking, not the one asked (“{asking} {named}”)")
    if a_first == c.subject and c.subject > c.first and s.toks[c.subject - 1].text == ",":
        k, before = c.subject - 1, ""  # "According to Seoul, Pyongyang sent ...": a fronted phrase ends here
    example = before in _EXAMPLE_PREPS or (before == "as" and k > 0 and s.toks[k - 1].low == "such")
    if example and (by := listed_agents(s, k - 1 if before == "as" else k)) >= 0:
        k, before, example = by, "by", False  # some of the agents, not an example of a target
    if example and not (c.subject <= k and (c.verb < 0 or a_first < c.verb)):
        return Role(EXAMPLE, -0.4, "named only as an example")
    found = (according_to(s, k, before) or in_place(s, m, k, before, named)
             or phrase_agent(s, m, term, c, k, before, named) or after_term(s, m, term, k, named))
    if found:
        return found
    doing = infinitive_subject(s, k, before, a_last, t_first)
    if doing and doing.lower() in UNDERGO:
        return Role(TARGET, -0.6, f"on the receiving end (“for {named} to {doing}”)")
    if doing:
        return Role(URGED, 0.7, f"the one who would do it (“for {named} to {doing}”)")
    urging = urged(s, c, a_first, t_first)
    stopping = urging and urged_to_stop(s, a_first, t_first)
    if stopping:
        return Role(MENTIONED, 0.4, f"the actor is urged to stop it (“{urging} … {named} … to {stopping}”)")
    if urging:
        return Role(URGED, 0.9, f"the actor is urged to act (“{urging} … {named} … to”)")
    if accused_of(s, k, a_last, t_first):
        return Role(AGENT, 0.7, f"the actor is said to do it (“{s.toks[k].text} {named} of”)")
    found = object_of(s, c, a_first, k, before, spans, named)
    if found:
        return found
    if before == "for" and k == c.first:
        return Role(MENTIONED, 0.2, f"the sentence is about the actor (“For {named}”)")
    return as_subject(s, m, term, c, ct, k, before, named, everyone)


# Bodies that host summits and sessions, besides names in capitals (NATO, UN, EU, G7).
_BODIES = frozenset({"United Nations", "European Union", "Security Council", "General Assembly", "European Council"})


def _occasion(s: Sentence, a_first: int) -> str:
    """"on the margins of the NATO summit", "on the sidelines of the G7": the actor's event is
    where others meet; the words, or ""."""
    k = a_first - 1
    while k >= 0 and s.toks[k].low == "the":
        k -= 1
    if k >= 1 and s.toks[k].low == "of" and s.toks[k - 1].low in ("margins", "sidelines", "margin", "sideline"):
        return f"{s.toks[k - 1].text} of"
    return ""


def best_role(s: Sentence, mine: Sequence[Mention], terms: Sequence[Mention],
              everyone: Sequence[Mention]) -> tuple[Role, Mention, Mention]:
    """The strongest role of the actor over all its mentions and all term occurrences."""
    best: tuple[tuple[bool, float], Role, Mention, Mention] | None = None
    for m in mine:
        for t in terms:
            r = role(s, m, t, everyone)
            if r.direct:
                r = owned_elsewhere(s, r, m, t, everyone)
            key = (r.direct, r.points)
            if best is None or key > best[0]:
                best = (key, r, m, t)
    assert best is not None
    return best[1], best[2], best[3]
