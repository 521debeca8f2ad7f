"""Questions about an actor's act: asking whether it does something is not saying it does.

* "Asked whether the Alliance might impose sanctions, ...", "whether Seoul will send shells
  is unclear": the actor is the subject of a clause opened by "whether" that also holds the
  term ("whether to send" opens no clause of its own: the subject before it still acts);
* "Is Seoul sending shells to Kyiv?", "Why would Tokyo ever join the sanctions?": in a
  sentence that ends with a question mark, the actor comes right after the auxiliary that
  opens its clause (alone or after a question word), and the term is in that clause;
* "Is North Korea getting technology back from Moscow?", "Would it help if Seoul tightened its
  sanctions?": a question that opens with an auxiliary asks about all it holds, wherever the
  actor stands in it (but "Does Seoul still say that ...?" is about Seoul's saying, as above,
  and "Has the Government raised the transfer of North Korean missiles?" or "... joining the
  EU's price cap?" take the act or the measure named for granted).

"Nor should Washington rule out talks" and "Should Tokyo agree, ..." put an auxiliary first
too, but they are no questions: the first has "nor" before it, the second no question mark.
"""

from __future__ import annotations

from workbench.evidence.clauses import Clause, clause_of
from workbench.evidence.roles_base import MENTIONED, Role, Sentence
from workbench.evidence.words import AUX, DETERMINERS

_QUESTION_WORDS = frozenset({"why", "how", "when", "where", "what", "which", "who"})
# After "why" these ask for the reason of an act taken as fact; "would", "will", "might" or a
# negative ("Why doesn't ...") still only suppose it.
_FACT_AUX = frozenset({"do", "does", "did", "has", "have", "had", "is", "are", "was", "were"})


def asked_about(s: Sentence, c: Clause, ct: Clause, a_first: int, t_first: int) -> Role | None:
    """The role of an actor whose act is only asked about, or None."""
    # The name right after "whether" is its clause's subject; one further on is not ("whether
    # allies see Washington standing by Kyiv" still shows what Washington does). The question
    # ends at the first comma ("Asked whether Seoul agreed, the envoy said ...").
    if s.toks[c.first].low == "whether" and all(t.low in DETERMINERS for t in s.toks[c.first + 1:a_first]):
        end = next((n for n in range(a_first, c.last) if s.toks[n].text == ","), c.last)
        return Role(MENTIONED, 0.3, "only asked about (“whether …”)") if c.first < t_first < end else None
    opens = _yes_no_question(s)
    # What the question's own clause names with "the" is taken for granted; in a clause under
    # it ("Would it help if Tokyo joined the price cap?") it is asked about.
    main = clause_of(s.clauses, opens) if opens >= 0 else None
    if (0 <= opens <= min(a_first, t_first) and not _right_after(s, opens, a_first)
            and not (ct is main and _presupposed(s, a_first, t_first))):
        return Role(MENTIONED, 0.3, f"only asked about (“{s.toks[opens].text} … ?”)")
    if c is not ct or not s.text.rstrip().endswith("?") or a_first == 0:
        return None
    aux = a_first - 1
    while aux > c.first and s.toks[aux].low in ("the", "a", "an", "n't", "n’t"):
        aux -= 1  # "Is the Alliance ...", "Why doesn't China ...": an article or "n't" between
    if s.toks[aux].low not in AUX and not s.toks[aux].low.endswith(("n't", "n’t")):
        return None  # "Is ...", "Why doesn't ...", "Won't ..."
    opener = aux - 1
    if opener >= c.first and s.toks[opener].low in _QUESTION_WORDS:
        if s.toks[opener].low == "why" and s.toks[aux].low in _FACT_AUX and not any(
                t.low in ("not", "never") for t in s.toks[a_first:c.last]):
            return None  # "Why do the US and Japan keep adding names to their lists?": the act is taken as fact
        opener -= 1
    # The auxiliary opens the clause: nothing before it but punctuation or a speaker's label.
    if opener >= c.first and s.toks[opener].is_word:
        return None
    return Role(MENTIONED, 0.3, f"only asked about (“{s.toks[aux].text} … ?”)")


def _yes_no_question(s: Sentence) -> int:
    """The index of the auxiliary that opens a yes-or-no question ("Is North Korea getting
    technology from Moscow?", "Q: Would it help if Seoul tightened its sanctions?"), after any
    speaker's label, or -1. Whatever it holds is only asked about."""
    if not s.text.rstrip().endswith("?"):
        return -1
    first = next((n + 1 for n in range(min(len(s.toks), 6)) if s.toks[n].text == ":"), 0)
    if first >= len(s.toks):
        return -1
    w = s.toks[first].low
    return first if w in AUX or w.endswith(("n't", "n’t")) else -1


def _right_after(s: Sentence, aux: int, a_first: int) -> bool:
    """Whether the actor's name follows the auxiliary with only articles between."""
    return all(t.low in ("the", "a", "an") for t in s.toks[aux + 1:a_first])


def _presupposed(s: Sentence, a_first: int, t_first: int) -> bool:
    """Whether the term is named as a fact inside the question: after "the" ("the transfer of
    North Korean missiles") or owned by the actor's name right before it ("the EU's price cap")."""
    before = s.toks[t_first - 1].low if t_first > 0 else ""
    return before == "the" or 0 < t_first - a_first <= 2
