"""Questions about an actor's act: asking whether it does something is not saying it does.

* "Asked whether the Alliance might impose sanctions, ...", "whether Seoul will send shells
  is unclear": the actor is the subject of a clause opened by "whether" that also holds the
  term ("whether to send" opens no clause of its own: the subject before it still acts);
* "Is Seoul sending shells to Kyiv?", "Why would Tokyo ever join the sanctions?": in a
  sentence that ends with a question mark, the actor comes right after the auxiliary that
  opens its clause (alone or after a question word), and the term is in that clause.

"Nor should Washington rule out talks" and "Should Tokyo agree, ..." put an auxiliary first
too, but they are no questions: the first has "nor" before it, the second no question mark.
"""

from __future__ import annotations

from workbench.evidence.clauses import Clause
from workbench.evidence.roles_base import MENTIONED, Role, Sentence
from workbench.evidence.words import AUX, DETERMINERS

_QUESTION_WORDS = frozenset({"why", "how", "when", "where", "what", "which", "who"})


def asked_about(s: Sentence, c: Clause, ct: Clause, a_first: int, t_first: int) -> Role | None:
    """The role of an actor whose act is only asked about, or None."""
    # The name right after "whether" is its clause's subject; one further on is not ("whether
    # allies see Washington standing by Kyiv" still shows what Washington does). The question
    # ends at the first comma ("Asked whether Seoul agreed, the envoy said ...").
    if s.toks[c.first].low == "whether" and all(t.low in DETERMINERS for t in s.toks[c.first + 1:a_first]):
        end = next((n for n in range(a_first, c.last) if s.toks[n].text == ","), c.last)
        return Role(MENTIONED, 0.3, "only asked about (“whether …”)") if c.first < t_first < end else None
    if c is not ct or not s.text.rstrip().endswith("?") or a_first == 0:
        return None
    aux = a_first - 1
    while aux > c.first and s.toks[aux].low in ("the", "a", "an", "n't", "n’t"):
        aux -= 1  # "Is the Alliance ...", "Why doesn't China ...": an article or "n't" between
    if s.toks[aux].low not in AUX and not s.toks[aux].low.endswith(("n't", "n’t")):
        return None  # "Is ...", "Why doesn't ...", "Won't ..."
    opener = aux - 1
    if opener >= c.first and s.toks[opener].low in _QUESTION_WORDS:
        opener -= 1
    # The auxiliary opens the clause: nothing before it but punctuation or a speaker's label.
    if opener >= c.first and s.toks[opener].is_word:
        return None
    return Role(MENTIONED, 0.3, f"only asked about (“{s.toks[aux].text} … ?”)")
