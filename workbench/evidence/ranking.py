"""Scoring one sentence for one cell, with the reasons in plain words.

The score is a sum of a few features an analyst can check by reading the sentence, times a
factor for the source's reliability grade:

* how the actor is named (its name or a plain alias beats a demonym or a bare first name);
* which instrument terms occur (specific ones such as "embargo" beat generic ones such as
  "talks"; a term inside a proper name, "National Intelligence Service", barely counts);
* the actor's role: the one acting (subject of the clause, "Beijing's diplomatic efforts",
  "sanctions imposed by the EU") above a passing mention, and well above a target ("sanctions
  on Russia", "aid to Ukraine") or a term that belongs to another actor's possessive;
* how close actor and term are; questions and bare headings count less.

No model, no training: every point of the score can be read back from `why`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.evidence.matching import DEMONYM, NAME, WEAK, Mention

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")

# Terms that often occur without the instrument being used: they count half.
GENERIC_TERMS = frozenset({
    "talks", "talk", "statement", "statements", "resolution", "peace", "engagement",
    "troops", "deployment", "training", "intelligence", "support", "restrictions",
    "penalties", "relations", "meeting", "meetings", "pressure", "arms", "forces",
    "cooperation", "partners", "partner", "aid", "assistance", "measures", "agreement",
    "communication", "coordination", "coordinating", "soldiers", "consultations", "accord",
})

_AUX = frozenset({
    "must", "should", "could", "would", "will", "may", "might", "can", "cannot", "shall",
    "has", "have", "had", "is", "are", "was", "were", "does", "did", "do", "which", "who",
    "seeks", "seek", "aims", "plans", "wants", "continues", "appears", "remains", "walks",
    "finds", "faces", "offers", "sends", "supplies", "provides", "imposes", "urges",
    "calls", "signs", "agrees", "warns", "threatens", "pledges", "announces", "expects",
})
_TITLES = frozenset({
    "president", "prime", "minister", "foreign", "defence", "defense", "secretary",
    "general", "chancellor", "ambassador", "leader", "envoy", "spokesperson", "spokesman",
    "the", "of", "state", "chairman", "supreme", "premier", "king", "secretary-general",
})
_INTRO = re.compile(r"(?:^|[,;:—–(]|\bthat)\s*$")
_TARGET_PREPS = frozenset({"on", "against", "at", "to", "toward", "towards", "into", "onto", "over", "upon"})
_PARTNER_PREPS = frozenset({"with"})
_PLACE_PREPS = frozenset({"in", "inside", "across", "within", "throughout"})
# "the Ukraine conflict", "Russia's war": the name stands for an event, not the actor.
_EVENT_NOUNS = frozenset({"conflict", "war", "crisis", "front", "theatre", "theater", "border", "soil"})
_AGENT_PREPS = frozenset({"by", "from"})
_SKIP_BEFORE = frozenset({"both", "the", "either", "and", "or", "even", "perhaps", "also", "its", "their"})
_EXAMPLE = re.compile(r"(?:such as|like|including|particularly|especially|notably)\s+(?:the\s+)?$", re.I)
_EXAMPLE_LEADS = frozenset({"like", "including", "particularly", "especially", "notably"})
# Verbs whose object is on the receiving end: "to support Russia", "to isolate Moscow".
_OBJECT_VERBS = frozenset({
    "support", "supporting", "supports", "assist", "assisting", "help", "helping", "aid",
    "arm", "arming", "back", "backing", "bolster", "bolstering", "equip", "supply", "supplying",
    "sanction", "sanctioning", "isolate", "isolating", "pressure", "pressuring", "condemn",
    "condemning", "target", "targeting", "punish", "deter", "deterring", "counter", "urge",
    "urging", "persuade", "press", "pressing", "warn", "warning", "join", "joining", "reinforce",
})
_POSSESSIVE = re.compile(r"['’]s?(?!\w)")

RELIABILITY_FACTOR = {"A": 1.2, "B": 1.1, "C": 1.0, "D": 0.9, "E": 0.75, "F": 1.0}
ACTOR_STRENGTH = {NAME: 1.0, "alias": 0.9, DEMONYM: 0.6, WEAK: 0.5}
MIN_SCORE = 1.6  # below this a sentence is a passing mention, not evidence


@dataclass(frozen=True)
class Scored:
    """The score of one sentence for one cell and what it rests on."""

    score: float
    alias: str
    terms: tuple[str, ...]
    why: tuple[str, ...]


class _Sentence:
    """A sentence cut into words, with the word index of any character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
        self._starts = [t[0] for t in self.tokens]

    def index(self, offset: int) -> int:
        """Index of the first word starting at or after *offset*."""
        return bisect.bisect_left(self._starts, offset)

    def words(self, first: int, last: int) -> list[str]:
        return [w for _s, _e, w in self.tokens[max(0, first):max(0, last)]]


def term_strength(text: str, term: Mention) -> tuple[float, str]:
    """How much one term occurrence says about the instrument, and a note if it is weak."""
    label = term.label.lower()
    if " " in label or "-" in label:
        strength = 1.0
    elif label in GENERIC_TERMS or label.rstrip("s") in GENERIC_TERMS:
        strength = 0.5
    else:
        strength = 1.0
    word = text[term.start:term.end]
    # Capitalised mid-sentence while listed in lower case: part of a name, not the instrument.
    if term.start > 0 and word[:1].isupper() and term.label[:1].islower() and not word.isupper():
        return 0.25, f"“{word}” is part of a name"
    return strength, ""


def _owner(s: _Sentence, term: Mention, mentions: Sequence[Mention]) -> Mention | None:
    """The actor a term belongs to: a possessive or demonym right in front of it."""
    t = s.index(term.start)
    best = None
    for m in mentions:
        gap = t - s.index(m.end)
        owns = m.kind == DEMONYM or _POSSESSIVE.match(s.text, m.end) is not None
        if owns and 0 <= gap <= 3 and m.end <= term.start and (best is None or m.end > best.end):
            best = m
    return best


def _list_members(s: _Sentence, mention: Mention, everyone: Sequence[Mention]) -> list[Mention]:
    """The actors named in one comma/and list with *mention* ("A, B, and C")."""
    ordered = sorted(everyone, key=lambda m: m.start)
    i = ordered.index(mention)
    joiner = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*(?:the\s+)?$", re.I)
    first = last = i
    while first > 0 and joiner.fullmatch(s.text[ordered[first - 1].end:ordered[first].start] or "x"):
        first -= 1
    while last + 1 < len(ordered) and joiner.fullmatch(s.text[ordered[last].end:ordered[last + 1].start] or "x"):
        last += 1
    return ordered[first:last + 1]


def _directly_after(s: _Sentence, term: Mention, actor: Mention) -> bool:
    """True for "sanction Russia", "isolate the Kremlin": the actor is the term's object."""
    if term.end > actor.start:
        return False
    between = s.words(s.index(term.end), s.index(actor.start))
    return all(w in ("the", "both") for w in between)


def _verb_follows(s: _Sentence, offset: int) -> bool:
    window = s.words(s.index(offset), s.index(offset) + 4)
    return any(w in _AUX or (w.endswith("ed") and len(w) > 4) for w in window)


def _passive(s: _Sentence, offset: int) -> bool:
    """"X has been isolated", "X was sanctioned": the actor is acted upon (unless "... to act")."""
    window = s.words(s.index(offset), s.index(offset) + 7)
    for n, w in enumerate(window[:-1]):
        if w in ("been", "is", "are", "was", "were", "being"):
            rest = [x for x in window[n + 1:] if not x.endswith("ly")]
            if rest and rest[0].endswith("ed") and rest[0] not in ("needed",):
                after = s.words(s.index(offset) + n + 2, s.index(offset) + n + 5)
                return "to" not in after
    return False


def _role(s: _Sentence, actor: Mention, everyone: Sequence[Mention],
          terms: Sequence[Mention], owners: Sequence[Mention | None]) -> tuple[float, str]:
    """Points for the actor's grammatical role in the sentence, and the reason."""
    text = s.text
    named = text[actor.start:actor.end]
    before = text[:actor.start]
    after = text[actor.end:]
    i, j = s.index(actor.start), s.index(actor.end)
    possessive = _POSSESSIVE.match(after) is not None
    if any(o == actor for o in owners):
        return 1.0, f"the term is the actor’s own (“{named}” + term)"
    group = _list_members(s, actor, everyone)
    if len(group) >= 3:
        if _verb_follows(s, group[-1].end):
            return 0.5, "one of several actors named as acting"
        return -0.4, "named in a list of actors"
    # The word in front, skipping "both", "the" and other actors named in the same breath.
    k = i - 1
    while k >= 0 and (s.tokens[k][2] in _SKIP_BEFORE or any(
            o.start <= s.tokens[k][0] < o.end for o in everyone if o is not actor)):
        k -= 1
    lead = s.tokens[k][2] if k >= 0 else ""
    if lead in _EXAMPLE_LEADS or (lead == "as" and s.words(k - 1, k) == ["such"]) or \
            _EXAMPLE.search(text[:group[0].start]):
        return -0.4, "named only as an example"
    if lead in _TARGET_PREPS:
        return -1.0, f"on the receiving end (“{lead} {named}”)"
    if not possessive:
        if lead in _OBJECT_VERBS or any(_directly_after(s, t, actor) for t in terms):
            return -0.8, f"on the receiving end (“{text[s.tokens[max(k, 0)][0]:actor.end]}”)"
        if lead in _PLACE_PREPS:
            return -0.8, f"names a place, not the actor (“{lead} {named}”)"
        if s.words(j, j + 1) and s.words(j, j + 1)[0] in _EVENT_NOUNS:
            return -0.8, f"names the war, not the actor (“{text[actor.start:s.tokens[j][1]]}”)"
        if lead in _AGENT_PREPS:
            return 0.8, f"the one acting (“{lead} {named}”)"
        if lead in _PARTNER_PREPS:
            return -0.3, "named as a counterpart, not the one acting"
    if s.words(i - 1, i) == ["for"] and after.lstrip().startswith(","):
        return 0.6, "the sentence is about the actor (“For …,”)"
    clause = before
    for w in _TOKEN.findall(before[-60:])[::-1]:
        if w.lower() in _TITLES or w[:1].isupper():
            clause = clause[: clause.rfind(w)]
        else:
            break
    if _INTRO.search(clause):
        if possessive and not _verb_follows(s, actor.end):
            return 0.0, ""  # "The Pentagon's confirmation ...": owns something else
        if _passive(s, actor.end):
            return 0.0, "the actor is acted upon (passive)"
        if _verb_follows(s, actor.end):
            if any(t.start > actor.end for t in terms):
                return 1.0, "the actor is the subject"
            return 0.4, "the actor is the subject of another clause"
        return 0.3, "named at the start of a clause"
    return 0.0, ""


def score_sentence(text: str, actor_mentions: Sequence[Mention], other_mentions: Sequence[Mention],
                   term_mentions: Sequence[Mention], *, reliability: str = "F",
                   position: int = 0) -> Scored | None:
    """Score *text* for a cell, or None if the actor or the instrument is not in it.

    *position* is the sentence's character offset in its source (early sentences get a
    little more weight, as the lead of an article carries its news).
    """
    if not actor_mentions or not term_mentions:
        return None
    sentence = _Sentence(text)
    everyone = sorted((*actor_mentions, *other_mentions), key=lambda m: m.start)
    why: list[str] = []
    # Terms: the strongest counts whole, each further distinct term adds a little.
    strengths: dict[str, float] = {}
    weak_notes = []
    for t in term_mentions:
        value, note = term_strength(text, t)
        if note:
            weak_notes.append(note)
        strengths[t.label] = max(strengths.get(t.label, 0.0), value)
    ordered = sorted(strengths.items(), key=lambda kv: -kv[1])
    term_score = ordered[0][1] + sum(0.3 * v for _l, v in ordered[1:3])
    terms = tuple(label for label, _v in ordered)
    owners = [_owner(sentence, t, everyone) for t in term_mentions]
    # The actor: the mention with the best role decides.
    best: tuple[float, Mention, str] | None = None
    for a in actor_mentions:
        role, reason = _role(sentence, a, everyone, term_mentions, owners)
        value = ACTOR_STRENGTH.get(a.kind, 0.9) + role
        if best is None or value > best[0]:
            best = (value, a, reason)
    assert best is not None
    actor_score, mention, reason = best
    name_note = {DEMONYM: " (a demonym)", WEAK: " (a short name)"}.get(mention.kind, "")
    why.append(f"actor: “{mention.label}”{name_note}")
    if reason:
        why.append(reason)
    why.append("terms: " + ", ".join(f"“{t}”" for t in terms))
    why.extend(dict.fromkeys(weak_notes))
    score = actor_score + term_score
    # Every term occurrence belongs to another actor ("North Korean troops"): theirs, not ours.
    if all(o is not None and o.owner != mention.owner for o in owners):
        score -= 0.8
        why.append(f"the term belongs to “{text[owners[0].start:owners[0].end]}”")  # type: ignore[union-attr]
    # Proximity of actor and nearest term, in words.
    a_i = sentence.index(mention.start)
    gap = min(abs(sentence.index(t.start) - a_i) for t in term_mentions)
    nearest = min(term_mentions, key=lambda t: abs(sentence.index(t.start) - a_i))
    between = text[min(nearest.end, mention.end):max(nearest.start, mention.start)]
    if gap <= 8 and not re.search(r"[,;:—–]", between):
        score += 0.4
        why.append("actor and term close together")
    elif gap > 25:
        score -= 0.3
        why.append("actor and term far apart")
    stripped = text.rstrip()
    if stripped.endswith("?"):
        score -= 0.6
        why.append("a question")
    elif stripped[-1:] not in ".!…:;\"'”’)" and len(sentence.tokens) < 12:
        score -= 1.0
        why.append("a heading")
    if position < 400:
        score += 0.15
        why.append("near the top of the source")
    factor = RELIABILITY_FACTOR.get(reliability, 1.0)
    if factor != 1.0:
        why.append(f"source graded {reliability}")
    return Scored(round(score * factor, 4), mention.label, terms, tuple(why))
