"""Suggestions for one cell: candidate sentences, matched, scored, folded and marked.

    suggest(project, actor_id, instrument_id, limit=10) -> list[Suggestion]

The same function serves the window's suggestion panel and `workbench suggest`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from workbench.domain.models import Actor, Instrument
from workbench.evidence import candidates, index
from workbench.evidence.candidates import Candidate
from workbench.evidence.matching import actor_matcher, term_matcher
from workbench.evidence.ranking import MIN_SCORE, Scored, score_sentence
from workbench.evidence.suggestion import Suggestion
from workbench.store import evidence_queries, frame
from workbench.store.errors import NotFound, ProjectError
from workbench.store.project import Project

_NON_WORD = re.compile(r"\W+")
_NEAR_DUPLICATE = 0.85  # share of words two sentences must have in common to fold


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    scored: Scored


def rank(found: Iterable[Candidate], actors: tuple[Actor, ...], actor: Actor, instrument: Instrument,
         *, min_score: float = MIN_SCORE) -> list[Ranked]:
    """Score candidate sentences for the cell, best first, dropping those below *min_score*."""
    names = actor_matcher(actors)
    terms = term_matcher(instrument)
    out = []
    for c in found:
        mentions = names.mentions(c.text)
        mine = [m for m in mentions if m.owner == actor.id]
        if not mine:
            continue
        term_mentions = terms.mentions(c.text)
        if not term_mentions:
            continue
        others = [m for m in mentions if m.owner != actor.id]
        s = score_sentence(c.text, mine, others, term_mentions, reliability=c.reliability, position=c.start)
        if s is not None and s.score >= min_score:
            out.append(Ranked(c, s))
    out.sort(key=lambda r: (-r.scored.score, r.candidate.source_id, r.candidate.start))
    return out


def text_key(text: str) -> str:
    """A sentence reduced to its words, for spotting identical copies."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if len(a) < 6 or len(b) < 6:
        return False
    return len(a & b) / len(a | b) >= _NEAR_DUPLICATE


def fold(ranked: Sequence[Ranked], limit: int) -> list[tuple[Ranked, list[Ranked]]]:
    """Keep the best of each group of (near-)identical sentences, with the ones folded into it.

    *ranked* is best first, so the first of a group is the one kept. At most *limit* groups.
    """
    kept: list[tuple[Ranked, list[Ranked]]] = []
    by_key: dict[str, int] = {}
    words: list[frozenset[str]] = []
    for r in ranked:
        key = text_key(r.candidate.text)
        index = by_key.get(key)
        if index is None:
            bag = frozenset(key.split())
            index = next((n for n, w in enumerate(words) if _similar(bag, w)), None)
            if index is None:
                if len(kept) >= limit:
                    continue  # a new group beyond the limit: only duplicates of kept ones matter
                by_key[key] = len(kept)
                kept.append((r, []))
                words.append(bag)
                continue
            by_key[key] = index
        kept[index][1].append(r)
    return kept


def is_cited(c: Candidate, spans: dict[int, list[tuple[int, int]]]) -> bool:
    """Whether an excerpt covers at least half of the sentence (or the sentence half of it)."""
    for start, end in spans.get(c.source_id, ()):
        overlap = min(end, c.end) - max(start, c.start)
        if overlap > 0 and overlap * 2 >= min(end - start, c.end - c.start):
            return True
    return False


def suggest(project: Project, actor_id: int, instrument_id: int, limit: int = 10, *,
            min_score: float = MIN_SCORE) -> list[Suggestion]:
    """The sentences that best bear on the cell (actor, instrument), best first.

    Each says which alias and terms matched and why it ranks where it does; sentences
    already cited in the cell are kept, marked `cited`. Raises NotFound for unknown ids.
    """
    actors = tuple(frame.actors(project))
    actor = next((a for a in actors if a.id == actor_id), None)
    if actor is None:
        raise NotFound(f"There is no actor {actor_id}.")
    instrument = frame.instrument(project, instrument_id)
    spans = evidence_queries.cited_spans(project, actor_id, instrument_id)
    # The evidence index, when up to date, offers the best of ALL the cell's sentences;
    # otherwise the newest candidates are read through the full-text index.
    try:
        picks = index.cell_picks(project, actors, actor, instrument, spans)
    except ProjectError:  # a damaged index (a file from elsewhere) is only a slower way round
        picks = None
    found = candidates.fetch(project, actor, instrument) if picks is None else picks.candidates
    ranked = rank(found, actors, actor, instrument, min_score=min_score)
    out = []
    for best, folded in fold(ranked, max(1, limit)):
        c, s = best.candidate, best.scored
        group = (best, *folded)
        cited = any(is_cited(r.candidate, spans) for r in group)
        duplicates = len(folded)
        if picks is not None:
            keys = {picks.key_of[r.candidate.sentence_id] for r in group}
            cited = cited or bool(keys & picks.cited_keys)
            duplicates = sum(picks.copies[k] for k in keys) - 1  # every copy, shown or not
        item = Suggestion(
            source_id=c.source_id, source_title=c.source_title, sentence_id=c.sentence_id,
            text=c.text, start=c.start, end=c.end, score=s.score, matched_alias=s.alias,
            matched_terms=s.terms, why=s.why, direct=s.direct, cited=cited,
        )
        if duplicates:
            others = tuple(dict.fromkeys(r.candidate.source_id for r in folded))
            item = replace(item, duplicates=duplicates, duplicate_sources=others,
                           why=(*item.why, f"also in {duplicates} more place(s), folded"))
        out.append(item)
    return out
