"""Scoring one sentence for one cell, with the reasons in plain words.

The actor's role (see `roles`) decides whether the sentence is *direct* evidence (the actor
acts with the instrument) or only *related* (the actor is its target, reports it, or is named
near it). The score is calibrated on that: a direct sentence scores DIRECT_SCORE or more,
a related one less, so one threshold tells them apart and sorting by score puts every
direct sentence first. Within each band the score grows with a few features an analyst can
check by reading the sentence, times a factor for the source's reliability grade:

* how the actor is named (its name or a plain alias beats a demonym or a bare first name);
* which instrument terms occur (specific ones such as "embargo" beat generic ones such as
  "talks"; a term inside a proper name, "National Intelligence Service", barely counts);
* how strong the role is (the subject of the clause above the owner of the term; a target or
  a place well below a passing mention);
* how close actor and term are; questions and bare headings count less.

Whether a sentence is direct is then weighed by a small logistic model (`model`) over the
same reading: the rules' role and weighing, the term's strength, headings, questions,
conditionals and negations. Its weights were fitted to every labelled set and checked leave
one set out; `why` names the features that weighed most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.evidence import model
from workbench.evidence.clauses import Clause, parse
from workbench.evidence.matching import DEMONYM, NAME, WEAK, Mention
from workbench.evidence.roles import MENTIONED, OWNER, Role, Sentence, best_role
from workbench.evidence.roles_base import possessive
from workbench.evidence.term_sense import not_the_instrument, term_strength
from workbench.evidence.words import tokens

RELIABILITY_FACTOR = {"A": 1.2, "B": 1.1, "C": 1.0, "D": 0.9, "E": 0.75, "F": 1.0}
ACTOR_STRENGTH = {NAME: 1.0, "alias": 0.9, DEMONYM: 0.6, WEAK: 0.5}
# A "sentence" longer than this is a table or a run-on list that lost its punctuation: its
# structure is not read (who acts cannot be told), which also keeps hostile text cheap.
MAX_TOKENS = 160
# At most this many mentions of the actor and of the terms are weighed against each other.
MAX_MENTIONS = 8
DIRECT_SCORE = 2.0  # direct evidence scores at least this, related sentences less
MIN_SCORE = 0.8  # below this a related sentence is a passing mention, not worth showing


@dataclass(frozen=True)
class Scored:
    """The score of one sentence for one cell and what it rests on."""

    score: float
    alias: str
    terms: tuple[str, ...]
    why: tuple[str, ...]
    direct: bool = False
    # What the model read (model.FEATURES): set when the rules call the sentence direct, and
    # for any sentence shown while the model is being fitted (see model.recording).
    features: tuple[float, ...] = field(default=(), compare=False, repr=False)


_BREAK = re.compile(r"[,;:—–]")  # punctuation that parts an actor from a term close by


def read(text: str, mentions: Sequence[Mention]) -> Sentence:
    """Tokens and clauses of *text*; the actors' names are never taken for verbs."""
    toks = tokens(text)
    if len(toks) > MAX_TOKENS:
        return Sentence(text, toks, [Clause(0, len(toks), 0, -1, -1, False, False, False)])
    names: set[int] = set()
    starts = [t.start for t in toks]
    for m in mentions:
        names.update(n for n, s in enumerate(starts) if m.start <= s < m.end)
    return Sentence(text, toks, parse(toks, names))


def score_sentence(text: str, actor_mentions: Sequence[Mention], other_mentions: Sequence[Mention],
                   term_mentions: Sequence[Mention], *, reliability: str = "F",
                   position: int = 0, sentence: Sentence | None = None) -> Scored | None:
    """Score *text* for a cell, or None if the actor or the instrument is not in it.

    *position* is the sentence's character offset in its source (early sentences get a
    little more weight, as the lead of an article carries its news). *sentence* may be
    passed when the text was already read for another cell.
    """
    # A word of the instrument that context shows to be something else here ("meet the target",
    # voters who vote, a government asking its own members) is no term of this sentence.
    term_mentions = [t for t in term_mentions if not not_the_instrument(text, t, other_mentions, actor_mentions)]
    if not actor_mentions or not term_mentions:
        return None
    everyone = sorted((*actor_mentions, *other_mentions), key=lambda m: m.start)
    if sentence is None:
        sentence = read(text, everyone)
    why: list[str] = []
    # Terms: the strongest counts whole, each further distinct term adds a little.
    strengths: dict[str, float] = {}
    weak_notes = []
    by_mention: dict[Mention, float] = {}
    for t in term_mentions:
        value, note = term_strength(text, t)
        by_mention[t] = value
        if note:
            weak_notes.append(note)
        strengths[t.label] = max(strengths.get(t.label, 0.0), value)
    ordered = sorted(strengths.items(), key=lambda kv: -kv[1])
    term_score = ordered[0][1] + sum(0.3 * v for _l, v in ordered[1:3])
    terms = tuple(label for label, _v in ordered)
    if len(sentence.toks) > MAX_TOKENS:
        role = Role(MENTIONED, 0.0, "too long a sentence to tell who acts")
        mention, term = actor_mentions[0], term_mentions[0]
    else:
        # A term occurrence that names something else ("intelligence services", "Peace Prize")
        # bears no role while another occurrence is the instrument.
        bearing = [t for t in term_mentions if by_mention[t] >= 0.5] or term_mentions
        role, mention, term = best_role(sentence, actor_mentions[:MAX_MENTIONS], bearing[:MAX_MENTIONS],
                                        everyone)
    name_note = {DEMONYM: " (a demonym)", WEAK: " (a short name)"}.get(mention.kind, "")
    why.append(f"actor: “{mention.label}”{name_note}")
    if role.reason:
        why.append(role.reason)
    why.append("terms: " + ", ".join(f"“{t}”" for t in terms))
    why.extend(dict.fromkeys(weak_notes))
    quality = ACTOR_STRENGTH.get(mention.kind, 0.9) + term_score + role.points
    # Proximity of actor and the term its role rests on, in words.
    a_first, _ = sentence.span(mention)
    t_first, _ = sentence.span(term)
    gap = abs(a_first - t_first)
    between = text[min(term.end, mention.end):max(term.start, mention.start)]
    close = gap <= 8 and not _BREAK.search(between)
    if close:
        quality += 0.4
        why.append("actor and term close together")
    elif gap > 25:
        quality -= 0.3
        why.append("actor and term far apart")
    stripped = text.rstrip()
    heading = question = False
    if stripped.endswith("?"):
        question = True
        quality -= 0.6
        why.append("a question")
    elif stripped[-1:] not in _CLOSING and len(sentence.toks) < 12:
        quality -= 1.0
        heading = True
        why.append("a heading")
    # The rules' weighing of the text alone (no position, no source grade), which the model
    # reads, so that the index and the panel decide direct alike.
    reading = _band(quality)
    if position < 400:
        quality += 0.15
        why.append("near the top of the source")
    factor = RELIABILITY_FACTOR.get(reliability, 1.0)
    if factor != 1.0:
        why.append(f"source graded {reliability}")
    band = _band(quality * factor)
    # The role rests on one occurrence of a term: a weak one ("military cooperation" for
    # diplomacy) makes no direct evidence, however strong another term elsewhere is.
    strength = by_mention[term]
    # A heading's bare "Russia sanctions" names what the sanctions are on as often as whose:
    # a heading is direct when the actor acts in it ("Seoul weighs sending arms"), owns the
    # term by a possessive ("Beijing's peace diplomacy") or the target follows ("EU sanctions
    # on Russia").
    rule_direct = role.direct and strength >= 0.5 and not (
        heading and role.kind == OWNER and not possessive(sentence, mention)
        and not _aimed_after(text, term, everyone))
    if not rule_direct and (reading < MIN_SCORE or not model.recording()):
        return Scored(round(band, 4), mention.label, terms, tuple(why), False)  # ordered by the rules
    x = features(sentence, role, rule_direct, mention, strength, term_score - ordered[0][1], gap,
                 close, question, heading, len(others_in(everyone, actor_mentions)), reading)
    p, parts = model.weigh(x)
    # The rules propose, the model may only withdraw: what the rules rule out (a weak term,
    # a heading, a role that is not acting) stays out whatever the weights say.
    direct = rule_direct and p >= model.current().direct_at
    if rule_direct:
        why.append(_weighed(p, direct, parts))
    # Within each band the rules' weighing orders the sentences; a sentence the rules call
    # direct stays in view when the model withdraws the mark.
    if direct:
        score = DIRECT_SCORE + band
    elif rule_direct:
        score = min(DIRECT_SCORE - 0.01, max(MIN_SCORE, band))
    else:
        score = min(DIRECT_SCORE - 0.01, band)
    return Scored(round(score, 4), mention.label, terms, tuple(why), direct, x)


_AIMED_AFTER = re.compile(r"\s+(?:on|against)\s+(?:the\s+)?")


def _aimed_after(text: str, term: Mention, everyone: Sequence[Mention]) -> bool:
    """"EU sanctions on Russia": the term followed by "on"/"against" and an actor's name."""
    m = _AIMED_AFTER.match(text, term.end)
    return bool(m) and any(o.start == m.end() for o in everyone)


def _band(quality: float) -> float:
    """0 .. 2, growing with the quality of a sentence's reading."""
    quality = max(0.0, quality)
    return quality / (quality + 1.5) * 2


_CLOSING = ".!…:;\"'”’)"
_CONDITIONAL = frozenset({"if", "unless", "whether", "should"})
_WERE_TO = re.compile(r"\bwere to\b")
_HYPOTHETICAL = frozenset({"would", "could", "might", "may"})
_NEGATION = frozenset({"not", "no", "never", "n't", "neither", "nor", "without", "cannot"})


_ONE_HOT = {k: tuple(float(k == o) for o in model.ROLE_KINDS) for k in model.ROLE_KINDS}
_NO_KIND = (0.0,) * len(model.ROLE_KINDS)


def others_in(everyone: Sequence[Mention], mine: Sequence[Mention]) -> set[int]:
    """The other actors named in the sentence."""
    return {m.owner for m in everyone} - {m.owner for m in mine}


def features(s: Sentence, role: Role, rule_direct: bool, mention: Mention, strength: float,
             further: float, gap: int, close: bool, question: bool, heading: bool, others: int,
             band: float) -> tuple[float, ...]:
    """The sentence as the model reads it, in the order of model.FEATURES."""
    if s.cues is None:
        s.cues = _cues(s)
    no_closing, conditional, hypothetical, negation = s.cues
    return (
        float(rule_direct), role.points, *_ONE_HOT.get(role.kind, _NO_KIND),
        ACTOR_STRENGTH.get(mention.kind, 0.9), strength, further, float(close), float(gap > 25),
        float(question), float(heading), no_closing, conditional, hypothetical, negation,
        min(others, 3) / 3, band,
    )


def _cues(s: Sentence) -> tuple[float, ...]:
    """What the sentence says of itself, whoever acts in it: no closing punctuation, a
    condition ("if", "unless", "were to", or opening with "should"/"whether"), a hypothetical
    verb ("would", "could", "might", "may") and a negation."""
    # "May" mid-sentence is the month, not the verb.
    words = {t.low for n, t in enumerate(s.toks) if not (n and t.text == "May")}
    first = s.toks[0].low if s.toks else ""
    text = s.text.lower()
    conditional = first in _CONDITIONAL or not words.isdisjoint(("if", "unless")) or _WERE_TO.search(text)
    negation = not words.isdisjoint(_NEGATION) or "n't" in text or "n’t" in text
    return (float(s.text.rstrip()[-1:] not in _CLOSING), float(bool(conditional)),
            float(not words.isdisjoint(_HYPOTHETICAL)), float(negation))


# The model's features in the words a reader of a suggestion's reasons would use.
_IN_PLAIN_WORDS = {
    "hypothetical verb": "would, could, might or may", "conditional": "a condition (if, unless, whether)",
    "question": "asked as a question", "heading": "a heading", "negation": "a negation",
    "other actors": "other actors named", "far apart": "actor and term far apart",
    "close together": "actor and term close together", "rules' weighing": "the rules' reading",
    "no closing punctuation": "no closing punctuation", "term strength": "the term's strength",
}


# Present in every sentence the rules call direct: naming them would say nothing.
_EVERY_DIRECT = frozenset({"direct role", "role points"})


def _cue(name: str) -> str:
    if name.startswith("role: "):
        return f"the actor's role ({name.removeprefix('role: ')})"
    return _IN_PLAIN_WORDS.get(name, name)


def _weighed(p: float, direct: bool, parts: Sequence[tuple[str, float]]) -> str:
    """What the model made of a sentence the rules call direct, with the cues that decided
    it: the strongest for it when the mark stays, the strongest against it when it goes."""
    kind = "direct" if direct else "related"
    cues = [_cue(name) for name, part in parts if (part > 0) == direct and name not in _EVERY_DIRECT][:2]
    if not cues:
        return f"weighed {p:.0%} likely direct, so {kind}"
    return f"weighed {p:.0%} likely direct, so {kind} ({'for' if direct else 'against'}: {'; '.join(cues)})"
