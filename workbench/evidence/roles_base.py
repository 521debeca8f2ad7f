"""What every role rule reads and gives: the sentence with its tokens and clauses, the role
(kind, points, reason) and the words right around an actor's name."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from workbench.evidence.clauses import Clause
from workbench.evidence.matching import Mention
from workbench.evidence.words import DETERMINERS, PREPOSITIONS, Token

AGENT, PARTY, URGED, OWNER, BY, SOURCE, REQUESTER = (
    "agent", "party", "urged", "owner", "by", "source", "requester")
ASKER = "asker"  # related: asks another to act, which may or may not happen
TARGET, REPORTER, PLACE, COUNTERPART, EXAMPLE, MENTIONED = (
    "target", "reporter", "place", "counterpart", "example", "mentioned")
DIRECT_KINDS = frozenset({AGENT, PARTY, URGED, OWNER, BY, SOURCE, REQUESTER})


@dataclass(frozen=True)
class Role:
    kind: str
    points: float
    reason: str

    @property
    def direct(self) -> bool:
        return self.kind in DIRECT_KINDS


class Sentence:
    """A sentence cut into tokens, with its clauses and the token span of each mention."""

    def __init__(self, text: str, toks: list[Token], clauses: list[Clause]) -> None:
        self.text, self.toks, self.clauses = text, toks, clauses
        self._starts = [t.start for t in toks]
        self._ends = [t.end for t in toks]
        self._spans: dict[tuple[int, int], tuple[int, int]] = {}
        self.cues: tuple[float, ...] | None = None  # the sentence's own cues, read once for every cell

    def span(self, m: Mention) -> tuple[int, int]:
        """Token indexes [first, last) covered by a mention."""
        key = (m.start, m.end)
        found = self._spans.get(key)
        if found is None:
            first = bisect.bisect_right(self._ends, m.start)
            last = bisect.bisect_left(self._starts, m.end, first)
            found = self._spans[key] = (first, max(last, first + 1))
        return found


_POSSESSIVE = re.compile(r"['’]s?(?!\w)")


def possessive(s: Sentence, m: Mention) -> bool:
    """Whether the name is followed by "'s" or "'" ("Japan's", "the Allies'")."""
    return _POSSESSIVE.match(s.text, m.end) is not None


def lead(s: Sentence, first: int, everyone_spans: list[tuple[int, int]]) -> tuple[int, str]:
    """The word before an actor's name, skipping determiners, "both", other names in a list and
    a person's title or first name ("with Foreign Minister Sergei Lavrov")."""
    k = first - 1
    while k > 0 and _title_or_first_name(s.toks[k]) and s.toks[k - 1].is_word:
        k -= 1
    while k >= 0:
        t = s.toks[k]
        in_name = any(a <= k < b for a, b in everyone_spans)
        # "that" before a name opens a clause ("and that Pyongyang has shipped"), it does not
        # point at the name.
        if in_name or (t.low in DETERMINERS and t.low != "that") or t.low in ("and", "or", ",", "even", "also") or t.low in ("'s", "’s"):
            k -= 1
            continue
        break
    return k, (s.toks[k].low if k >= 0 else "")


def _title_or_first_name(t) -> bool:
    """"Sergei" in "with Sergei Lavrov", "Minister" in "with Foreign Minister Lavrov": a
    capitalised word, but not a preposition, article or conjunction ("Talks With Putin")."""
    return (t.is_word and t.text[:1].isupper() and t.text[1:].islower() and t.low not in PREPOSITIONS
            and t.low not in DETERMINERS and t.low not in ("and", "or", "but"))


def skipped(s: Sentence, k: int, a_first: int, spans: list[tuple[int, int]]) -> int:
    """How many determiners and names stand between token *k* and the actor's name."""
    return sum(1 for n in range(k + 1, a_first) if s.toks[n].low in DETERMINERS or any(a <= n < b for a, b in spans))
