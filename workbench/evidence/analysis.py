"""One sentence read once for every cell: which actors it names, which instruments' terms
it uses, and for each (actor, instrument) pair found, the score and whether it is direct.

    analyse(text, frame) -> {(actor_id, instrument_id): Scored}

A pure function of the text and the frame (no project, no position, no grade), so the
result is stored per sentence (the evidence index, evidence/index.py) and reused until the
frame changes. FINDER_VERSION names the rules it applies: bump it whenever a change to the
finder's rules (roles, clauses, matching, ranking, their term lists) can change what
`analyse` gives, so that every project rebuilds its index once on next use.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from workbench.domain.models import Actor, Instrument
from workbench.evidence.matching import ActorMatcher, TermMatcher, actor_matcher, term_matcher
from workbench.evidence.ranking import Scored, read, score_sentence

FINDER_VERSION = "39"


@dataclass(frozen=True)
class Frame:
    """The matchers of a frame: every actor's names and every instrument's terms."""

    actors: ActorMatcher
    instruments: tuple[tuple[int, TermMatcher], ...]


def frame_of(actors: Sequence[Actor], instruments: Sequence[Instrument]) -> Frame:
    return Frame(actor_matcher(tuple(actors)), tuple((i.id, term_matcher(i)) for i in instruments))


def analyse(text: str, frame: Frame, cells: Collection[tuple[int, int]] | None = None) -> dict[tuple[int, int], Scored]:
    """The score of *text* for every cell whose actor and instrument it names (only for
    *cells*, when given)."""
    mentions = frame.actors.mentions(text)
    if not mentions:
        return {}
    found = [(iid, terms) for iid, tm in frame.instruments if (terms := tm.mentions(text))]
    if not found:
        return {}
    if cells is not None and not any((m.owner, iid) in cells for m in mentions for iid, _t in found):
        return {}
    sentence = read(text, mentions)
    owners = dict.fromkeys(m.owner for m in mentions)
    out: dict[tuple[int, int], Scored] = {}
    for owner in owners:
        mine = [m for m in mentions if m.owner == owner]
        others = [m for m in mentions if m.owner != owner]
        for iid, terms in found:
            if cells is not None and (owner, iid) not in cells:
                continue
            scored = score_sentence(text, mine, others, terms, position=10_000, sentence=sentence)
            if scored is not None:
                out[(owner, iid)] = scored
    return out
