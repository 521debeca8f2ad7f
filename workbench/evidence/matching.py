"""Finding an actor's names and an instrument's terms in a sentence.

Aliases and terms come from the project's frame, so they are compiled into regular
expressions when asked for (and cached). The rules, each meant to keep a match honest:

* word boundaries on both sides, so "UN" never matches inside "unlikely";
* short all-capital acronyms ("US", "UN", "EU", "ROK") match only in capitals, so the
  pronoun "us" is not the United States;
* very short single names ("Kim", "Xi") match only as written and count as weak: on their
  own they may mean someone else;
* spaces, hyphens and both apostrophes are interchangeable inside a name ("Kim Jong-un" =
  "Kim Jong Un", "People's" = "People’s");
* demonyms ("Russian", "Chinese", derived from the actor's name) count as weaker mentions;
* when names of two actors overlap, the longer wins ("Democratic People's Republic of Korea"
  is North Korea, not "Republic of Korea");
* a term may end in a plural ("sanction" finds "sanctions"), every word of a phrase that
  inflects does so ("call for" finds "called for", "weapons deliveries" finds "weapon
  delivery"), as the stemming full-text index finds them, and a two-word term also matches
  with coordinated modifiers ("military, financial and humanitarian assistance").
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from workbench.domain.models import Actor, Instrument
from workbench.evidence.words import AUX, DETERMINERS, PREPOSITIONS

NAME, ALIAS, DEMONYM, WEAK = "name", "alias", "demonym", "weak"

_WORD = re.compile(r"\w+")
_DEMONYM_ENDINGS = ("an", "ans", "ian", "ians", "ese", "ish", "i", "is")
_MAX_ACRONYM = 5


@dataclass(frozen=True)
class Mention:
    """One match in a text: [start, end) and the alias or term as listed in the frame."""

    start: int
    end: int
    label: str
    kind: str = ALIAS  # for actors: NAME, ALIAS, DEMONYM or WEAK; for terms: ALIAS
    owner: int = 0  # actor id (0 for terms)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= _MAX_ACRONYM and all(c.isupper() for c in letters)


def _word_pattern(word: str) -> str:
    out = []
    for ch in word:
        if ch in "'’":
            out.append("['’]")
        elif ch in "-‐‑":
            out.append(r"[\s\-‐‑]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _inflected(word: str) -> str:
    """A pattern for the last word of a term with its common inflections.

    "sanction" finds "sanctions", "policy" finds "policies", and a long noun in -ment or
    -ion also finds its verb ("deployment" -> "deployed", "mediation" -> "mediate").
    """
    base = _word_pattern(word)
    low = word.lower()
    alts = [base + r"(?:e?s|ed|ing)?"]
    if low.endswith("e"):
        alts.append(base + "d")  # "designate" -> "designated" (but "ban" never finds "band")
    if low.endswith("e") and len(low) > 3:
        alts.append(_word_pattern(word[:-1]) + "ing")  # "coordinate" -> "coordinating"
    if low.endswith("y") and len(low) > 3:
        alts.append(_word_pattern(word[:-1]) + "ies")
    if re.fullmatch(r"[a-z]*[^aeiouy][aeiou][bdglmnprt]", low):
        alts.append(base + _word_pattern(word[-1]) + "(?:ed|ing)")  # "ban" -> "banned", "bar" -> "barred"
    # A term listed in the plural also finds its singular, as the stemming index does
    # ("weapons" -> "weapon", "troops" -> "troop deployment", "intermediaries" -> "intermediary").
    if low.endswith("ies") and len(low) > 5:
        alts.append(_word_pattern(word[:-3]) + "y")
    elif low.endswith("s") and not low.endswith("ss") and len(low) > 4:
        alts.append(_word_pattern(word[:-1]))
    verb_endings = r"(?:e|ed|es|ing|s|ment|ments|ation|ations|ion|ions|or|ors)?"
    for suffix in ("ments", "ment", "ations", "ation", "ions", "ion"):
        stem = word[: -len(suffix)]
        if not low.endswith(suffix):
            continue
        if suffix.startswith("at") and len(stem) >= 7:  # "consultation" -> "consulted"
            alts.append(_word_pattern(stem) + verb_endings)
        if suffix.startswith("at"):
            stem = word[: -len(suffix) + 2]  # "designation" -> "designate", never "designed"
        if len(stem) >= 6:
            alts.append(_word_pattern(stem) + verb_endings)
            break
    return "(?:" + "|".join(alts) + ")"


def phrase_pattern(phrase: str, *, plural: bool = False) -> str:
    """A regex body for *phrase*: flexible spaces, hyphens and apostrophes, whole words.

    With plural=True the last word may be inflected (see `_inflected`).
    """
    return rf"(?<!\w){_phrase_body(phrase, plural)}(?!\w)"


def _phrase_body(phrase: str, plural: bool) -> str:
    words = phrase.split()
    if plural and len(words) > 1:
        # Every word that inflects does so, as in running text ("call for", "calls for", "called
        # for"; "weapons deliveries", "weapon delivery"), just as the stemming index finds them.
        parts = [_any_form(w) if _inflects(w) else _word_pattern(w) for w in words[:-1]]
        parts.append(_any_form(words[-1]) if _inflects(words[-1]) else _inflected(words[-1]))
    elif plural:
        parts = [_inflected(words[0])]
    else:
        parts = [_word_pattern(w) for w in words]
    return r"[\s\-‐‑]+".join(parts)


# Words of a phrase that never inflect: short function words and the small words of idioms.
_FIXED_WORDS = PREPOSITIONS | {"the", "a", "an", "and", "or", "nor", "its", "their", "his", "her",
                               "our", "up", "out", "down", "back", "every", "all", "no", "not"}


_LETTERS = re.compile(r"[^\W\d_][^\W\d_'’\-‐‑]*(?:[\-‐‑'’][^\W\d_]+)*")


def _inflects(word: str) -> bool:
    """Whether a word of a phrase takes endings: not a function word, a number, an acronym or
    a name (a capitalised word of a term listed in lower case stays as written)."""
    low = word.lower()
    return (len(low) > 2 and low not in _FIXED_WORDS and _LETTERS.fullmatch(word) is not None
            and not _is_acronym(word) and not word[:1].isupper())


def _any_form(word: str) -> str:
    """A word of a phrase in any of its forms: its own inflections and those of its base when
    it is listed already inflected ("called" -> "call", "calls", "calling"; "voiced" -> "voice",
    "voicing"; "banned" -> "ban"; "denied" -> "deny")."""
    return "(?:" + "|".join(_inflected(b) for b in _bases(word)) + ")"


def _bases(word: str) -> list[str]:
    """The word and the bases it may be an inflection of (see `_any_form`)."""
    low = word.lower()
    bases = [word]
    if low.endswith("ied") and len(low) > 4:
        bases.append(word[:-3] + "y")
    elif low.endswith("ed") and len(low) > 4:
        bases += [word[:-2], word[:-1]]
        if low[-3] == low[-4] and low[-3] not in "aeiouls":
            bases.append(word[:-3])  # "banned" -> "ban"
    elif low.endswith("ing") and len(low) > 5:
        bases += [word[:-3], word[:-3] + "e"]
        if low[-4] == low[-5] and low[-4] not in "aeiouls":
            bases.append(word[:-4])  # "planning" -> "plan"
    return list(dict.fromkeys(bases))


def _coordinated_pattern(term: str) -> str | None:
    """'military assistance' also as 'military, financial and humanitarian assistance'."""
    words = term.split()
    if len(words) != 2 or not all(w.isalpha() for w in words):
        return None
    first, last = _word_pattern(words[0]), _inflected(words[1])
    return rf"(?<!\w){first}(?:\s*,\s*\w+){{0,3}}\s*,?\s+(?:and|or)\s+\w+\s+{last}(?!\w)"


# "target … banks": a term written with an ellipsis between two parts allows a few words
# between them ("targeted the banks", "target Chinese state banks"); "arm …", with the
# ellipsis at the end, is a verb that must have an object.
_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
_MAX_GAP = 3


def _gap_pattern(term: str) -> str | None:
    """A verb and its object, 'target … banks': each part inflected at its end, up to three
    words between them, and no punctuation."""
    parts = _GAP.split(term.strip())
    if len(parts) != 2 or not parts[0].strip():
        return None
    head = _phrase_body(parts[0], plural=True)
    if not parts[1].strip():
        # "arm …": a verb with any object, a noun phrase or a name ("armed the rebels", "arm
        # Kyiv"), never an adjective or a noun ("armed forces", "the military arm of"); a
        # capitalised verb before a capitalised word is a name ("Armed Forces Day").
        lower = _phrase_body(parts[0].lower(), plural=True)
        return (rf"(?<!\w)(?:{head}(?=\s+{_OBJECT_START})|(?-i:{lower})(?=\s+(?-i:[A-Z])))")
    tail = _phrase_body(parts[1], plural=True)
    return rf"(?<!\w){head}(?:\s+{_GAP_WORD}){{0,{_MAX_GAP}}}?\s+{tail}(?!\w)"


_OBJECT_START = (r"(?:the|a|an|its|their|his|her|our|them|it|him|us|itself|themselves"
                 r"|more|further|both|all|some)(?!\w)")


# A word between the two parts: anything but a preposition or a conjunction, which would start
# a phrase of its own ("a target for the banks" is not a verb and its object).
_GAP_WORD = (r"(?!(?:" + "|".join(sorted(PREPOSITIONS | {"and", "or", "but", "nor"})) + r")(?!\w))"
             r"[\w'’\-‐‑]+")


def _alias_kind(actor: Actor, alias: str) -> str:
    if alias == actor.name:
        return NAME
    words = alias.split()
    if len(words) == 1 and len(alias) <= 3 and not _is_acronym(alias):
        return WEAK
    if words[0].lower() in ("the", "a", "an"):
        return WEAK  # "the Alliance": a common noun phrase that only sometimes means the actor
    low = alias.casefold()
    if low.endswith(_DEMONYM_ENDINGS):
        for other in actor.names():
            stem = other.casefold()
            if other == alias or len(stem) < 4:
                continue
            common = len(stem) - 2 if len(stem) > 5 else len(stem) - 1
            if low.startswith(stem[:max(4, common)]) and low != stem:
                return DEMONYM
    return ALIAS


_SEPARATOR = re.compile(r"[\s\-‐‑'’.]{1,3}")


def _starts_pattern(keys: Iterable[str], *, whole_word: bool) -> re.Pattern[str] | None:
    """One regex for every place a listed name or term may begin (longest key first)."""
    keys = sorted(keys, key=lambda w: -len(w))
    if not keys:
        return None
    tail = r"(?!\w)" if whole_word else ""
    if all(k.isascii() and k == k.lower() for k in keys):
        body = _trie(keys)
    else:
        body = "(?:" + "|".join(map(re.escape, keys)) + ")"
    return re.compile(r"(?<!\w)" + body + tail, re.IGNORECASE)


def _trie(keys: Iterable[str]) -> str:
    """The keys as a tree of shared beginnings, longer ones tried first: the same matches as
    their alternation, longest first, at twice the speed (the regex engine tries each listed
    key in turn at every place; here only the keys going on with the next letter).

    Only for lower-case ASCII keys: under IGNORECASE two different such letters never match
    the same character, so at most one branch of a node goes on and the first match found is
    the longest key, as with the alternation."""
    root: dict[str, dict] = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}  # a key ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return pattern(root)


def _scan(starts: re.Pattern[str] | None, text: str,
          match_at: Callable[[str, re.Match[str]], Mention | None]) -> list[Mention]:
    """Mentions left to right, never overlapping: the regex finds where one may begin (in C)
    and *match_at* decides there."""
    out: list[Mention] = []
    if starts is None:
        return out
    done = 0
    for hit in starts.finditer(text):
        if hit.start() < done:
            continue
        mention = match_at(text, hit)
        if mention is not None:
            out.append(mention)
            done = mention.end
    return out


@dataclass(frozen=True)
class _Alias:
    owner: int
    label: str
    kind: str
    words: tuple[str, ...]  # casefolded words of the alias
    exact: tuple[str, ...] | None  # the words as written, when case must match


def _alias_entry(actor: Actor, alias: str) -> _Alias:
    kind = _alias_kind(actor, alias)
    words = tuple(_WORD.findall(alias))
    exact = _is_acronym(alias) or (kind == WEAK and alias[:1].isupper())
    return _Alias(actor.id, alias, kind, tuple(w.casefold() for w in words), words if exact else None)


class ActorMatcher:
    """Finds the mentions of every actor of a frame in a text, longest name first.

    Works on words rather than one large regular expression: the text is cut into words
    once and each word is looked up among the first words of the names, which keeps the
    finder fast on hundreds of thousands of sentences.
    """

    def __init__(self, actors: Sequence[Actor]) -> None:
        self._by_first: dict[str, list[_Alias]] = {}
        for actor in actors:
            for alias in dict.fromkeys(actor.names()):
                entry = _alias_entry(actor, alias)
                if entry.words:
                    self._by_first.setdefault(entry.words[0], []).append(entry)
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e.words))
        self._longest = max((len(e.words) for es in self._by_first.values() for e in es), default=1)
        self._starts = _starts_pattern(self._by_first, whole_word=True)

    def mentions(self, text: str) -> list[Mention]:
        """All actor mentions in *text*, left to right, never overlapping."""
        return _scan(self._starts, text, self._mention_at)

    def _mention_at(self, text: str, hit: re.Match[str]) -> Mention | None:
        # The words are compared only where the regex says a name may begin.
        words = [(m.start(), m.end(), m.group())
                 for m in itertools.islice(_WORD.finditer(text, hit.start()), self._longest)]
        entry = self._match_at(text, words)
        if entry is None:
            return None
        end = words[len(entry.words) - 1][1]
        if entry.label.endswith(".") and text[end:end + 1] == ".":
            end += 1  # "U.S." keeps its last full stop
        return Mention(hit.start(), end, entry.label, entry.kind, entry.owner)

    def _match_at(self, text: str, words: list[tuple[int, int, str]]) -> _Alias | None:
        folded = tuple(w.casefold() for _s, _e, w in words)
        for entry in self._by_first.get(folded[0], ()):
            size = len(entry.words)
            if folded[:size] != entry.words:
                continue
            if entry.exact is not None and tuple(w for _s, _e, w in words[:size]) != entry.exact:
                continue
            if all(_SEPARATOR.fullmatch(text, words[k][1], words[k + 1][0]) for k in range(size - 1)):
                return entry
        return None


# Fixed expressions whose first word looks like a term but means something else: "according
# to" is a preposition, not the verb of "accord"; a shell company (or Shell, the oil company,
# capitalised and singular) is not artillery; a listed company is traded on an exchange; open
# arms, a coat of arms and being up in arms are no weapons;
# "Peace" in the name of a fund, a prize or an institute is not diplomacy. A term found there
# counts only when it reaches beyond it.
_FIXED = re.compile(
    r"according\s+to(?!\w)"
    r"|shell\s+(?:compan(?:y|ies)|firms?|corporations?|entit(?:y|ies)|structures?)(?!\w)"
    r"|(?-i:Shell)(?!\w)"
    r"|listed\s+compan(?:y|ies)(?!\w)"
    r"|(?<=open )arms(?!\w)|(?<=coat of )arms(?!\w)|(?<=up in )arms(?!\w)"
    r"|(?-i:Peace\s+(?:Facility|Corps|Prize|Research|Institute|Palace|Foundation|Fund|Council)"
    r"|(?<=Institute of )Peace|(?<=Institute for )Peace)(?!\w)",
    re.IGNORECASE)


class TermMatcher:
    """Finds an instrument's terms (and its own name) in a text, longest term first."""

    def __init__(self, instrument: Instrument) -> None:
        terms = [t for t in dict.fromkeys((*instrument.terms, instrument.name)) if t.strip()]
        terms.sort(key=lambda t: -len(t))
        self.terms = tuple(terms)
        # Each term is tried only where a word starts with the first letters of its first word.
        self._by_prefix: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for term in terms:
            gap = _gap_pattern(term)
            alts = [gap] if gap else [phrase_pattern(term, plural=True)]
            coordinated = _coordinated_pattern(term)
            if coordinated:
                alts.insert(0, coordinated)
            pattern = re.compile("|".join(alts), re.IGNORECASE)
            self._by_prefix.setdefault(self._prefix(term), []).append((term, pattern))
        self._starts = _starts_pattern(self._by_prefix, whole_word=False)
        # The terms to try for each distinct start found (a few dozen in any corpus).
        self._tried: dict[str, list[tuple[str, re.Pattern[str]]]] = {}

    @staticmethod
    def _prefix(text: str) -> str:
        words = text.split()
        first = words[0].casefold()
        # The letters every form of the first word begins with ("denied" and "deny": "den").
        forms = _bases(first) if len(words) > 1 and _inflects(words[0]) else [first]
        if first.endswith("y"):
            forms.append(first[:-1])
        if first.endswith("e") and len(first) > 3:
            forms.append(first[:-1])  # "urge" -> "urging", "designate" -> "designating"
        common = os.path.commonprefix(forms)[:4]
        return common if common.isalnum() and len(common) >= 2 else first

    def mentions(self, text: str) -> list[Mention]:
        """All term mentions in *text*, left to right, never overlapping."""
        return _scan(self._starts, text, self._mention_at)

    def _mention_at(self, text: str, hit: re.Match[str]) -> Mention | None:
        pos = hit.start()
        # Several prefixes may start here ("aid" and "aide"): try the terms of each.
        head = hit.group().casefold()
        candidates = self._tried.get(head)
        if candidates is None:
            candidates = [c for n in range(1, len(head) + 1) for c in self._by_prefix.get(head[:n], ())]
            if len(self._tried) < 4096:
                self._tried[head] = candidates
        best: tuple[int, str] | None = None
        for term, pattern in candidates:
            m = pattern.match(text, pos)
            if m and (best is None or m.end() > best[0]):
                best = (m.end(), term)
        if best is None:
            return None
        fixed = _FIXED.match(text, pos)
        if fixed and best[0] <= fixed.end():
            return None
        word = text[pos:best[0]].casefold()
        if (word in VERB_ONLY or word[:-1] in VERB_ONLY) and used_as_noun(text, pos, best[0]):
            return None
        return Mention(pos, best[0], best[1])


# Terms that are the instrument only as verbs: their nouns name something else ("an armoured
# train", "urged caution", "the coordinates of the site").
VERB_ONLY = frozenset({"train", "caution", "coordinate"})
# Words after which the next word is a noun: determiners, possessives, prepositions (not "to",
# which also begins an infinitive) and numbers.
_NOUN_OPENERS = (DETERMINERS | PREPOSITIONS | {"'s", "’s", "'", "’", "whose", "of"}) - {"to"}
_WORDS_BEFORE = re.compile(r"(\w+(?:['’]s?)?|['’]s?)[\s\-‐‑]+(?:(\w+)[\s\-‐‑]+)?$")


def used_as_noun(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is a noun by its context: a determiner, possessive,
    preposition or number right before it, or before an adjective that precedes it ("Kim's
    armoured train", "by train"); a form in -ed or -ing is always the verb."""
    word = text[start:end].casefold()
    if word.endswith(("ed", "ing")):
        return False
    before = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return False
    first, second = before.group(1), before.group(2)
    last = (second or first).casefold()
    if last in _NOUN_OPENERS or last.isdigit() or last.endswith(("'s", "’s")):
        return True
    # An adjective or participle between ("an armoured train", "the new coordinates").
    prior = first.casefold() if second else ""
    return bool(prior) and (prior in _NOUN_OPENERS or prior.endswith(("'s", "’s"))) and last not in AUX


@functools.lru_cache(maxsize=64)
def actor_matcher(actors: tuple[Actor, ...]) -> ActorMatcher:
    """A matcher for this exact frame (cached: the frame changes rarely)."""
    return ActorMatcher(actors)


@functools.lru_cache(maxsize=64)
def term_matcher(instrument: Instrument) -> TermMatcher:
    return TermMatcher(instrument)


def _fts_phrase(text: str) -> str | None:
    words = _WORD.findall(text)
    if not words:
        return None
    if len(words) == 1:
        return f'"{words[0]}"'
    return '"' + " ".join(words) + '"'


def fts_any(phrases: Iterable[str], *, near: bool = False) -> str:
    """An FTS5 expression matching any of *phrases* (quoted, so nothing is read as syntax).

    With near=True a two-word phrase is matched with NEAR, so that coordinated forms
    ("military, financial and humanitarian assistance") still reach the Python matcher.
    """
    parts = []
    for p in phrases:
        words = _WORD.findall(p)
        if not words:
            continue
        if near and len(words) > 1 and _GAP.search(p):
            quoted = " ".join(f'"{w}"' for w in words)
            parts.append(f"NEAR({quoted}, {len(words) + _MAX_GAP + 1})")
        elif near and len(words) == 2:
            parts.append(f'NEAR("{words[0]}" "{words[1]}", 6)')
        else:
            parts.append(_fts_phrase(p) or "")
    return " OR ".join(dict.fromkeys(p for p in parts if p))
