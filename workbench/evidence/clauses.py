"""A light reading of a sentence's structure: its clauses, each clause's subject and verb.

Evidence is about who acts, so the finder needs to know, for an actor named in a sentence,
whether it is the subject of the verb that carries the instrument, its object, the agent
of a passive ("by X"), a place, or someone who only reports what another does. This module
finds the parts that decide it, with rules over words rather than a statistical parser:

* clauses are cut at semicolons, colons, brackets, subordinating words ("while", "but",
  "which", "that" after a verb, after "told/warned" and their object, or before an auxiliary:
  "a partner that will veto"), and after a reporting verb ("said", "confirmed", but not
  "added" with an object);
* "since", "after", "before" and "until" followed by a name (or a pronoun) and its verb open a
  clause of their own ("Since Pyongyang began shipping shells, ..."), not a phrase ("after
  Moscow's veto");
* a clause opening the sentence ("If/When/While ...", "Should the DPRK test again") ends at the
  comma followed by the main clause's subject and verb, not at a comma inside a list;
* "that" after a request ("Kyiv's request that Seoul sell ...") or after a chance, fear or hope
  ("any chance that Beijing will join") opens a clause of its own, as does ", and" before a list
  of nouns with its verb ("..., and Pyongyang's workers, ships and coal are listed");
* after a reported clause, "and" with a past-tense verb that cannot continue the reported verb
  group goes back to the speaker ("X said Moscow would ignore it and urged ...");
* a dash pair around a short list of names is an apposition, not a clause ("all parties —
  A, B and C — to ...");
* a clause's subject is the noun phrase before its first verb, after any fronted phrase
  ("In response, ...", "Isolated by sanctions, ..."; with no comma, the last name a verb
  follows: "By our estimates North Korea has supplied ..."), or after the auxiliary that "nor",
  "neither" or a question puts first ("Nor should Washington rule out ...");
* a word right after an article is never the verb ("a phone call", "the announced sanctions");
* in a relative clause "which"/"who" followed by a verb is its subject, and that next word its
  verb, known to the lexicon or not ("Japan, which joined the cap", "Trump, who spoke to ...");
* the verb group says whether the clause is passive ("was sanctioned") or raises its subject
  ("is expected to send", which stays active).

Everything here is a pure function of the text, so it can be computed once per sentence.
The words it rests on (tokens, closed word classes, the verbs it knows) are in words.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.evidence.words import (
    ADVERBS, AUX, BE, DETERMINERS, NOT_VERBS, PREPOSITIONS, PUNCT_BREAK, RAISING, REPORTING, REPORTING_BEFORE_THAT,
    SUBORDINATORS, SUPPOSING_NOUNS, TELL,
    VERBS, Token, is_participle, looks_verb,
)

@dataclass(frozen=True)
class Clause:
    """Tokens [first, last) of one clause; the subject is [subject, verb), the verb group
    [verb, verb_end). verb == -1 when no verb was found."""

    first: int
    last: int
    subject: int
    verb: int
    verb_end: int
    passive: bool
    reporting: bool
    fronted_participle: bool  # "Isolated by sanctions, X ...": the fronted phrase is about X as patient
    # The first token of the reporting clause whose subject this clause shares ("X said the
    # plan was sound and promised to ..."), or -1.
    continues: int = -1


def _dash_is_apposition(toks: list[Token], a: int, b: int, names: set[int]) -> bool:
    """Whether the span between two dashes is a short list of names ("— A, B and C among them —")."""
    inside = toks[a + 1:b]
    if not inside or len(inside) > 16:
        return False
    named = sum(1 for n in range(a + 1, b) if n in names)
    other = [t for n, t in enumerate(inside, a + 1)
             if n not in names and t.low not in {",", "and", "or", "among", "them", "including", "the", "notably"}]
    return named > 0 and len(other) <= 2


_RELATIVE_AUX = frozenset({"will", "would", "could", "can", "might", "may", "must", "should", "has",
                           "have", "had", "is", "are", "was", "were"})
_SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you"})
_SO_ADVERB = frozenset({"far", "much", "many", "long", "often", "few", "little", "too"})
_PARENTHETICAL = frozenset({"while", "whereas", "although", "though", "if", "when", "once"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "this", "these", "those", "neither", "none",
                       "both", "each"})
FRONTED_LEADS = frozenset({
    "rather", "instead", "historically", "meanwhile", "however", "concurrently", "furthermore",
    "moreover", "first", "second", "third", "finally", "thus", "still", "indeed", "now",
    "today", "additionally", "similarly", "likewise", "consequently", "ultimately", "overall",
    "notably", "separately", "earlier", "later", "yesterday", "last", "this", "next", "according",
})


def _finite_after_name(toks: list[Token], n: int, names: set[int]) -> bool:
    """"China walks", "Russia seeks": a lower-case word in -s right after a name is its verb."""
    w = toks[n].low
    return (n - 1 in names and toks[n].text.islower() and w.endswith("s") and not w.endswith("ss")
            and w not in NOT_VERBS and len(w) > 3)


def _verb_before_comma(toks: list[Token], n: int, names: set[int], *, at_end: bool = True) -> bool:
    while n < len(toks) and toks[n].text != ",":
        if n not in names and (looks_verb(toks[n]) or _finite_after_name(toks, n, names)):
            return True
        n += 1
    return at_end and n >= len(toks)


def will_follow(toks: list[Token], n: int, names: set[int]) -> bool:
    """Whether a subject at *n* is followed by a modal ("that Beijing will join", "that Russia may
    transfer"), as in what is feared or hoped, not a relative clause ("the risk that Washington
    took")."""
    for k in range(n, min(len(toks), n + 6)):  # the subject: a name, a pronoun or a short noun phrase
        if toks[k].low in _WILL:
            return True
        if not toks[k].is_word or (k not in names and looks_verb(toks[k])):
            return False
    return False


_WILL = frozenset({"will", "would", "could", "might", "may", "can", "should", "shall", "must", "won't", "is", "are"})


def _mandative(toks: list[Token], n: int, names: set[int]) -> bool:
    """Whether the words at *n* are a subject and a bare or modal verb ("that South Korea sell",
    "that Seoul should send"), as after a request, not a relative clause ("the request that
    Ukraine sent")."""
    while n < len(toks) and (n in names or toks[n].low in DETERMINERS):
        n += 1
    if n >= len(toks) or not toks[n].text.islower():
        return False
    w = toks[n].low
    return w in _MODALS or not (w.endswith(("ed", "s")) or w in _PAST_FORMS)


_MODALS = frozenset({"should", "would", "could", "might", "must", "will", "shall", "be", "not"})
_PAST_FORMS = frozenset({"sent", "gave", "sold", "made", "put", "took", "brought", "got", "had", "was", "were",
                         "did", "paid", "lent", "told", "left", "kept", "drew", "wrote"})


def _opening_end(toks: list[Token], names: set[int]) -> int:
    """Where the main clause begins after an opening clause: after the first comma followed by
    a subject and its verb, so that a list inside the opening clause ("When Japan sent food,
    weapons and medicine to Kyiv, it ...") does not end it; else after the first comma."""
    commas = [k for k in range(1, len(toks)) if toks[k].text == ","]
    for k in commas[:-1] if commas and commas[-1] == len(toks) - 1 else commas:
        nxt = toks[k + 1]
        if _subject_and_verb(toks, k + 1, names) or nxt.low in ("it", "they", "we", "he", "she") or (
                nxt.low in DETERMINERS and _verb_before_comma(toks, k + 1, names, at_end=True)):
            return k + 1
    return commas[0] + 1 if commas else len(toks)


def _inverted_condition(toks: list[Token], first: int = 0) -> bool:
    """"Should the DPRK test again, ...": after "should", "were" or "had" the verb may be one the
    lexicon does not know, so a comma soon after is enough (_opening_end chooses which one)."""
    if toks[first].low not in ("should", "were", "had"):
        return False
    return any(toks[k].text == "," for k in range(first + 2, min(len(toks), first + 20)))


def _after_marker(toks: list[Token]) -> int:
    """Where a sentence's own words begin after a list marker or a speaker's label ("(a) If
    ...", "b) When ...", "HOST: If ..."): the token after the first ")" or ":" among the first
    four, else 0."""
    return next((n + 1 for n in range(min(len(toks) - 1, 4)) if toks[n].text in (")", ":")), 0)


def _verb_after_list(toks: list[Token], n: int, names: set[int]) -> bool:
    """Whether a list of nouns at *n* is followed by a verb ("Pyongyang's workers, ships and
    coal are listed"): words and commas only, the verb after the "and" or "or" that joins the
    last item (a noun before it may look like a verb: "ships")."""
    joined = False
    for k in range(n, min(len(toks), n + 12)):
        t = toks[k]
        if k in names or t.text == ",":
            continue
        if not t.is_word:
            return False
        if t.low in ("and", "or"):
            joined = True
        elif joined and looks_verb(t):
            return True
    return False


_CONJUNCTION_PREPS = frozenset({"since", "after", "before", "until"})
_ASKING_NOUNS = frozenset({"request", "requests", "demand", "demands", "call", "calls", "appeal", "appeals",
                           "plea", "pleas", "proposal", "proposals", "insistence", "suggestion"})
# Words that open a sentence with a clause of their own, which ends at the first comma.
OPENING_CLAUSE = frozenset({"if", "unless", "when", "while", "whereas", "although", "though", "once",
                             "because", "should", "were", "had"})  # "Should the DPRK test again, ..."


def _subject_and_verb(toks: list[Token], n: int, names: set[int]) -> bool:
    """Whether a name or a subject pronoun at *n* is followed by a finite verb ("Pyongyang began",
    "it sent"), so that the word before opens a clause rather than a phrase ("after Moscow's veto")."""
    if n >= len(toks) or not (n in names or toks[n].low in _SUBJECT_PRONOUNS):
        return False
    while n < len(toks) and n in names:
        n += 1
    if n < len(toks) and toks[n].low in _SUBJECT_PRONOUNS:
        n += 1
    return n < len(toks) and toks[n].text.islower() and looks_verb(toks[n]) and not toks[n].low.endswith("ing")


def _told_object(toks: list[Token], n: int) -> bool:
    """Whether "that" at *n* follows "told/warned/assured" and a short object ("warned NATO that")."""
    for j in range(n - 2, max(-1, n - 6), -1):
        if not toks[j + 1].is_word:
            return False
        if toks[j].low in TELL:
            return True
    return False


def _breaks(toks: list[Token], names: set[int]) -> list[int]:
    """Token indexes where a new clause begins (sorted, without 0)."""
    cuts: set[int] = set()
    dashes = [n for n, t in enumerate(toks) if t.text in ("—", "–") or (t.text == "-" and n > 0 and toks[n - 1].end < t.start)]
    appositive: set[int] = set()
    for a, b in zip(dashes[::2], dashes[1::2]):
        if _dash_is_apposition(toks, a, b, names):
            appositive.update((a, b))
    opens = _after_marker(toks)
    for n, t in enumerate(toks):
        if n in appositive:
            continue
        if t.text in PUNCT_BREAK or (t.text == "-" and n in dashes):
            cuts.add(n + 1)
        elif t.low in OPENING_CLAUSE and n == opens and (_verb_before_comma(toks, n + 1, names, at_end=False)
                                                         or _inverted_condition(toks, n)):
            # "If Pyongyang tests again, Japan will ...": the opening clause ends at its comma.
            cuts.add(_opening_end(toks, names))
        elif t.low in SUBORDINATORS and n > 0:
            if n + 1 < len(toks) and toks[n + 1].low == "to":
                continue  # "weighing whether to send": the same subject goes on
            if t.low == "so" and n + 1 < len(toks) and toks[n + 1].low in _SO_ADVERB:
                continue  # "has so far refused": an adverb, not "so that"
            if t.low == "once" and toks[n - 1].low in ("which", "who", "has", "have", "had", "was", "were"):
                continue  # "Russia, which once voted for ...": an adverb, not "once it has"
            if t.low in _PARENTHETICAL and not _verb_before_comma(toks, n + 1, names):
                continue  # "X, while large, has been ...": no clause of its own
            cuts.add(n)
        elif t.low in _CONJUNCTION_PREPS and _subject_and_verb(toks, n + 1, names):
            # "Since Pyongyang began shipping shells, ...": a clause of its own, which ends at
            # the first comma when it opens the sentence.
            if n > 0:
                cuts.add(n)
            elif (comma := next((k for k in range(n + 1, len(toks)) if toks[k].text == ","), -1)) > 0:
                cuts.add(comma + 1)
        elif t.low == "that" and n > 0 and (toks[n - 1].low in REPORTING or toks[n - 1].low in REPORTING_BEFORE_THAT
                                             or toks[n - 1].text == ","
                                             or looks_verb(toks[n - 1])):
            cuts.add(n)
        elif t.low == "that" and n > 0 and toks[n - 1].low in _ASKING_NOUNS and _mandative(toks, n + 1, names):
            cuts.add(n)  # "Kyiv's request that South Korea sell it air defence": what is asked
        elif t.low == "that" and n > 0 and toks[n - 1].low in SUPPOSING_NOUNS:
            cuts.add(n)  # "any chance that Beijing will join the sanctions": what may happen
        elif t.low == "that" and _told_object(toks, n):
            cuts.add(n)  # "warned NATO that ...", "told reporters that ...": what follows is said
        elif t.low == "that" and n > 0 and n + 1 < len(toks) and toks[n + 1].low in _RELATIVE_AUX \
                and toks[n - 1].is_word and toks[n - 1].low not in DETERMINERS:
            cuts.add(n)  # "a partner that will veto ...": a relative clause with a subject of its own
        elif t.low == "that" and 0 < n < len(toks) - 2 and toks[n + 1].low in _SUBJECT_PRONOUNS \
                and toks[n - 1].is_word and toks[n - 1].low not in DETERMINERS and looks_verb(toks[n + 2]):
            cuts.add(n)  # "goods that it says help Russia": a pronoun subject of its own
        elif t.low in ("and", "or") and n > 0 and toks[n - 1].text == "," and n + 1 < len(toks):
            # ", and" starts a clause only with a new subject ("..., and the EU will ..."); a
            # verb or an adjective right after shares the subject ("..., and enhance ...").
            nxt = toks[n + 1]
            if (nxt.low in DETERMINERS or nxt.low in _PRONOUNS or n + 1 in names) and (
                    _verb_before_comma(toks, n + 1, names, at_end=False) or _verb_after_list(toks, n + 1, names)):
                cuts.add(n)
    return sorted(c for c in cuts if 0 < c < len(toks))


def _fronted_end(toks: list[Token], first: int, last: int, names: set[int]) -> int:
    """The index after a fronted phrase ending in a comma ("In response, "), or *first*."""
    if first >= last:
        return first
    lead = toks[first].low
    if lead in _CONJUNCTION_PREPS and _subject_and_verb(toks, first + 1, names):
        return first + 1  # "since Pyongyang began ...": the clause's subject follows the conjunction
    if first in names or not (lead in PREPOSITIONS or lead in FRONTED_LEADS or is_participle(toks[first])
                              or lead.endswith("ing") or lead.endswith("ly")):
        return first  # a name is no fronted phrase, "Beijing" and "Italy" neither
    for n in range(first + 1, min(last, first + 25)):
        if toks[n].text == ",":
            # A comma inside a list of names ("In Seoul, Tokyo and Washington ...") is not the end.
            after = n + 1
            while after < last and after in names:
                after += 1
            if n - 1 in names and after > n + 1 and after < last and toks[after].low in (",", "and", "or"):
                continue
            return n + 1
        if looks_verb(toks[n]) and not is_participle(toks[n]) and toks[n].low not in VERBS - AUX:
            return first
    return first


def _relative_verb(toks: list[Token], n: int, names: set[int]) -> bool:
    """Whether the word after "which"/"who" begins its verb ("who spoke", "which has joined"),
    not a subject of its own ("which Russia bought", "which the EU adopted", "which it sent")."""
    t = toks[n]
    return (n not in names and t.is_word and t.text.islower() and t.low not in DETERMINERS
            and t.low not in _PRONOUNS and t.low not in PREPOSITIONS)


def parse(toks: list[Token], names: set[int]) -> list[Clause]:
    """The clauses of a tokenised sentence; *names* are the token indexes inside actor names
    (never read as verbs)."""
    starts = [0, *_breaks(toks, names)]
    ends = [*starts[1:], len(toks)]
    out = []
    for first, last in zip(starts, ends):
        subject = first
        while subject < last and (toks[subject].low in SUBORDINATORS or toks[subject].low == "that"
                                  or toks[subject].low in ("and", "or") or not toks[subject].is_word):
            if toks[subject].low == "once" and subject > first and toks[subject - 1].low in ("which", "who"):
                break  # "which once voted": an adverb after the relative pronoun
            subject += 1
        if subject > first and toks[subject - 1].low in ("which", "who") and subject < last \
                and _relative_verb(toks, subject, names):
            subject -= 1  # "X, which joined the cap, ...": the relative pronoun is the subject
            front = subject
            relative = True
        else:
            front = _fronted_end(toks, subject, last, names)
            relative = False
        fronted_participle = front > subject and is_participle(toks[subject])
        subject = front
        if subject < last and toks[subject].low in PREPOSITIONS:
            # "By our estimates North Korea has supplied ...": a short phrase with no comma.
            # The last name that a verb follows: "Without US support Ukraine cannot ..." (not "US").
            subject = max((j for j in range(subject + 1, min(last, subject + 6))
                           if (j in names or toks[j].low in _SUBJECT_PRONOUNS) and _subject_and_verb(toks, j, names)
                           and (j - 1 not in names)), default=subject)
        aux = _inverted_aux(toks, subject, last, names)
        if aux >= 0:
            subject = aux + 1  # "Nor should Washington rule out ...": the subject follows the auxiliary
        verb = -1
        if relative:
            # The verb follows the pronoun, after any adverbs, known as a verb or not ("who spoke").
            verb = subject + 1
            while verb + 1 < last and (toks[verb].low in ADVERBS or toks[verb].low == "once") \
                    and toks[verb].low not in PREPOSITIONS:
                verb += 1
        for n in range(subject, last if verb < 0 else subject):
            if n in names:
                continue
            t = toks[n]
            if t.low in PREPOSITIONS and n == subject:
                break  # a clause that starts with a phrase and no comma: no subject to find
            # After "to" a verb is not finite; after an article it is a noun or an adjective
            # ("a phone call", "the announced sanctions").
            if n > subject and toks[n - 1].low not in ("to", "a", "an", "the") and (
                    looks_verb(t) or _finite_after_name(toks, n, names)):
                verb = n
                break
        verb_end, passive, reporting = _verb_group(toks, verb, last) if verb >= 0 else (verb, False, False)
        if aux >= 0 and verb >= 0:
            passive = toks[aux].low in BE and is_participle(toks[verb_end - 1])  # "Nor was Seoul consulted"
        out.append(Clause(first, last, subject, verb, verb_end, passive, reporting, fronted_participle))
    return _split_after_reporting(toks, out, names)


# "Why does X ...?", "When will X ...?": after these too.
_QUESTION_OPENERS = frozenset({"why", "how", "when", "where"})
# "Nor should X ...", "Neither will X ...": after these the auxiliary comes before its subject.
_NEGATIVE_OPENERS = frozenset({"nor", "neither"})


def _inverted_aux(toks: list[Token], subject: int, last: int, names: set[int]) -> int:
    """The auxiliary that a clause puts before its subject, or -1: after "nor"/"neither"
    ("Nor should Washington rule out talks"), or opening the clause right before a name (a
    question or a condition: "Will Seoul send shells?", "Should Tokyo agree, ...")."""
    if subject + 2 < last and toks[subject].low in _NEGATIVE_OPENERS and toks[subject + 1].low in AUX:
        return subject + 1
    if subject + 2 < last and toks[subject].low in AUX and toks[subject].low not in ("need", "needs") \
            and subject + 1 in names:
        return subject
    if subject + 3 < last and toks[subject].low in _QUESTION_OPENERS and toks[subject + 1].low in AUX \
            and (subject + 2 in names or toks[subject + 2].low == "the" and subject + 3 in names):
        return subject + 1  # "Why does (the) Japan keep sending ...?": the subject follows the auxiliary
    return -1


def _verb_group(toks: list[Token], verb: int, last: int) -> tuple[int, bool, bool]:
    """The end of the verb group starting at *verb*, and whether it is passive or reporting."""
    words = []
    n = verb
    while n < last and (toks[n].low in AUX or toks[n].low in ADVERBS or toks[n].low.endswith("ly") or n == verb):
        words.append(toks[n].low)
        n += 1
    if n < last and toks[n].is_word and (looks_verb(toks[n]) or is_participle(toks[n])) and toks[n].low not in AUX:
        words.append(toks[n].low)
        n += 1
    main = words[-1]
    has_be = any(w in BE for w in words[:-1])
    follows_to = n < last and toks[n].low == "to"
    passive = has_be and is_participle(toks[n - 1]) and not (follows_to and main in RAISING)
    # "added six firms to its list": "add" reports only when no object follows it.
    takes_object = main in _ADD and n < last and toks[n].is_word and toks[n].low != "that"
    before_that = main in REPORTING_BEFORE_THAT and n < last and toks[n].low == "that"
    return n, passive, (main in REPORTING or before_that) and not follows_to and not takes_object


_ADD = frozenset({"add", "adds", "added", "adding"})


def _split_after_reporting(toks: list[Token], clauses: list[Clause], names: set[int]) -> list[Clause]:
    """"X said Y sent troops": what follows a reporting verb is a clause of its own."""
    out = []
    for c in clauses:
        if c.reporting and c.verb_end < c.last and toks[c.verb_end].low != "that":
            head = Clause(c.first, c.verb_end, c.subject, c.verb, c.verb_end, c.passive, True, c.fronted_participle)
            rest = parse(toks[c.verb_end:c.last], {n - c.verb_end for n in names if c.verb_end <= n < c.last})
            out.append(head)
            shifted = [Clause(r.first + c.verb_end, r.last + c.verb_end, r.subject + c.verb_end,
                              r.verb + c.verb_end if r.verb >= 0 else -1,
                              r.verb_end + c.verb_end if r.verb >= 0 else -1,
                              r.passive, r.reporting, r.fronted_participle) for r in rest]
            if shifted:
                shifted[0:1] = _speaker_goes_on(toks, head, shifted[0])
            out.extend(shifted)
        else:
            out.append(c)
    return out


_MODAL_START = frozenset({"would", "will", "could", "should", "might", "may", "can", "must", "is",
                          "are", "was", "were"})
_PAST = frozenset({"said", "told", "sent", "gave", "made", "took", "held", "met", "left", "began",
                   "sought", "brought", "struck", "spoke", "went", "came", "kept", "led", "won"})


def _speaker_goes_on(toks: list[Token], head: Clause, said: Clause) -> list[Clause]:
    """"X said Moscow would ignore it and urged ...": after "and", a verb in the past tense that
    cannot continue the reported verb group ("would ignore") is the speaker's next verb, so
    the reported clause is cut there and the rest shares the speaker's subject."""
    past_speech = toks[head.verb_end - 1].low.endswith("ed") or toks[head.verb_end - 1].low in _PAST
    if not past_speech or said.verb < 0 or toks[said.verb].low not in _MODAL_START or said.passive:
        return [said]  # "were trained and equipped": a passive goes on with its own participles
    for n in range(said.verb_end, said.last - 1):
        if toks[n].low not in ("and", "but"):
            continue
        v = n + 1
        while v < said.last - 1 and toks[v].low in ADVERBS:
            v += 1
        w = toks[v].low
        if toks[v].text.islower() and (w in _PAST or (w.endswith("ed") and looks_verb(toks[v]))):
            verb_end, passive, reporting = _verb_group(toks, v, said.last)
            return [replace(said, last=n),
                    Clause(n, said.last, v, v, verb_end, passive, reporting, False, continues=head.first)]
    return [said]


def clause_of(clauses: list[Clause], index: int) -> Clause:
    for c in clauses:
        if c.first <= index < c.last:
            return c
    return clauses[-1]
