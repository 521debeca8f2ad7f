"""The words the finder's reading of a sentence rests on: tokens, the closed classes
(prepositions, determiners, auxiliaries, subordinating words, common adverbs) and the verbs
it knows in all their forms, with the tests of whether a word is a verb or a participle.

There is no tagger: a lexicon and word endings stand in for one (clauses.py builds on them).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

PUNCT_BREAK = frozenset({";", ":", "(", ")", "[", "]", "—", "–"})
SUBORDINATORS = frozenset({
    "while", "whereas", "although", "though", "but", "because", "unless", "whether", "if",
    "which", "who", "whom", "whose", "where", "so", "yet", "when", "once",
})
PREPOSITIONS = frozenset({
    "in", "on", "at", "to", "for", "from", "by", "with", "without", "against", "towards",
    "toward", "into", "onto", "over", "upon", "of", "about", "among", "amongst", "between",
    "across", "within", "throughout", "inside", "near", "under", "after", "before", "during",
    "through", "via", "beyond", "despite", "amid", "amidst", "like", "including", "as",
    "regarding", "concerning", "following", "since", "off", "around", "behind", "along",
})
DETERMINERS = frozenset({
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "both",
    "all", "any", "some", "each", "every", "our", "no", "other", "another", "such", "own",
})
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s"})
AUX = frozenset({
    "must", "should", "could", "would", "will", "may", "might", "can", "cannot", "shall",
    "has", "have", "had", "does", "did", "do", "ought", "need", "needs",
}) | BE
ADVERBS = frozenset({
    "not", "also", "already", "still", "now", "then", "reportedly", "allegedly", "openly",
    "never", "just", "further", "instead", "long", "recently", "quietly", "directly", "again",
    "only", "even", "jointly", "formally", "officially", "publicly", "swiftly", "repeatedly",
    "increasingly", "in", "turn", "for", "its", "part", "reportedly",
})
# Verbs (any form) that are not recognisable by an ending: the finder's verbs of action,
# of speech and of receiving, in all their forms.
_VERB_BASES = (
    "send sent sends sending give gave given gives giving provide supply deliver ship transfer "
    "impose levy extend expand add adopt announce approve agree sign pledge promise offer "
    "threaten warn caution urge call press push ask invite persuade encourage appeal demand "
    "condemn denounce rebuke criticise criticize protest summon expel recognise recognize "
    "meet met meets meeting hold held holds holding host visit phone talk negotiate mediate "
    "broker seek sought seeks seeking make made makes making take took taken takes "
    "use uses used using deploy arm train fund finance back support help aid assist equip "
    "freeze froze frozen ban block blocked bar barred target sanction designate blacklist "
    "tighten loosen lift ease restrict veto vote abstain join align coordinate cooperate "
    "consult discuss share say said says tell told tells confirm report estimate note "
    "claim believe think thought fear argue suggest insist acknowledge reveal state stress "
    "welcome thank praise reject dismiss deny refuse decline consider weigh plan prepare oppose "
    "continue remain appear seem begin began begun start stop resume keep kept "
    "receive received get got gets obtain need needs violate evade breach circumvent defy "
    "flout undercut undermine face faces faced suffer hit "
    "find found finds respond answer rule ought want wants let lets put puts "
    "commit commits stand stands stood go goes went gone come comes came walk view aim gain "
    "pose raise signify underscore highlight reflect represent indicate complicate include "
    "involve integrate compel prompt cause lead risk depend prove serve enhance increase "
    "intensify strengthen reinforce mobilize mobilise cultivate adopt explore convene maintain "
    "monitor issue address ensure leverage alter trigger heighten present prefer temper "
    "engage participate fight dispatch transport showcase attain afford rely pursue reassert "
    "emphasize emphasise exacerbate challenge necessitate mitigate posit grapple provide "
    "launch conduct carry order station close open allow permit enable mark "
    "sell sold sells selling buy bought buys buying lend lent export import"
).split()
NOT_VERBS = frozenset({
    "united", "based", "red", "need", "limited", "armed", "advanced", "embed", "hundred",
    "bed", "speed", "seed", "feed", "shed", "led", "wed", "fed", "indeed", "ed", "related",
    "unprecedented", "detailed", "sophisticated", "interested", "concerned", "so-called",
    "supposed", "elected", "isolated", "aged", "varied", "skilled", "dedicated", "naked",
    "ministries", "news", "series", "species", "us", "its", "this", "thus", "chances",
    "nations", "states", "analysts", "affairs", "services", "parties", "forces", "allies",
    "means", "talks", "troops", "arms", "weapons", "sanctions", "missiles", "shells",
    "measures", "officials", "ties", "relations", "efforts", "experts", "units", "years",
})
REPORTING = frozenset({
    "say", "said", "says", "saying", "tell", "told", "tells", "confirm", "confirmed",
    "confirms", "report", "reported", "reports", "estimate", "estimated", "estimates", "note",
    "noted", "notes", "claim", "claimed", "claims", "believe", "believed", "believes", "think",
    "thinks", "thought", "fear", "feared", "fears", "argue", "argued", "argues", "suggest",
    "suggested", "suggests", "insist", "insisted", "insists", "acknowledge", "acknowledged",
    "reveal", "revealed", "reveals", "add", "added", "adds", "according", "know", "knows", "knew", "show", "showed", "shows",
    "indicate", "indicated", "indicates", "assess", "assessed", "assesses", "concluded",
    "document", "documented", "documents", "documenting", "record", "recorded", "records",
})
# Verbs that report only with "that" right after them ("stressed that ..."; not "stressed
# dialogue", "explained his plan to Xi").
REPORTING_BEFORE_THAT = frozenset({"see", "saw", "seen", "learn", "learned", "learnt", "hear", "heard",
                                   "understand", "understood", "stress", "stressed", "stresses", "explain",
                                   "explained", "explains"})
# Followed by "to": the subject still does what comes next ("is expected to send").
RAISING = frozenset({
    "expected", "believed", "thought", "set", "poised", "said", "reported", "likely", "due",
    "prepared", "ready", "determined", "willing", "able", "going", "about", "keen", "eager",
    "unlikely", "reluctant", "understood", "known", "seen", "rumoured", "rumored", "slated",
    "scheduled", "supposed", "understood", "yet", "bound", "obliged", "required", "allowed",
})
_IRREGULAR_PARTICIPLES = frozenset({
    "sent", "given", "made", "taken", "held", "seen", "built", "shown", "known", "told",
    "brought", "bought", "sold", "frozen", "hit", "put", "set", "cut", "led", "kept", "met",
    "caught", "found", "won", "drawn", "struck", "thrown", "begun", "done", "paid", "laid",
})


def _verb_forms() -> frozenset[str]:
    out = set()
    for base in _VERB_BASES:
        out.add(base)
        stem = base[:-1] if base.endswith("e") else base
        out.update({base + "s", base + "es", stem + "ed", stem + "ing", base + "d"})
        if base.endswith("y"):
            out.update({base[:-1] + "ies", base[:-1] + "ied"})
        if re.fullmatch(r"\w*[^aeiou][aeiou][pgtnm]", base):  # ship -> shipped, ban -> banned
            out.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return frozenset(out)


VERBS = _verb_forms()


class Token:
    """One word or punctuation mark: [start, end) in the sentence, as written and lower-cased."""

    __slots__ = ("start", "end", "text", "low", "is_word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text, self.low = start, end, text, text.lower()
        self.is_word = text[:1].isalnum() or text[:1] == "_"


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def looks_verb(tok: Token, *, after_subject: bool = True) -> bool:
    """Whether a word is probably a finite verb or auxiliary (no tagger: a lexicon and endings)."""
    w = tok.low
    if not tok.is_word or w in NOT_VERBS or tok.text[:1].isupper() and tok.start > 0 and w not in AUX:
        return False
    if w in AUX or w in VERBS:
        return True
    if len(w) > 4 and w.endswith("ed"):
        return True
    return after_subject and len(w) > 4 and w.endswith("es") and w[:-2] + "e" in VERBS


def is_participle(tok: Token) -> bool:
    w = tok.low
    return (len(w) > 4 and w.endswith("ed") and w not in ("need", "speed", "indeed")) or w in _IRREGULAR_PARTICIPLES


# The forms of meeting ("met Kim", "EU ministers meet on Monday").
MEETING = frozenset({"meet", "meets", "met", "meeting", "meetings"})
# Meeting and speaking are mutual: "met their Ukrainian counterparts", "spoke to Putin" make
# both sides act.
RECIPROCAL = frozenset({"meet", "meets", "met", "meeting", "join", "joins", "joined", "joining",
                        "spoke", "spoken", "talked", "conferred"})
# Nouns after which "that" opens what may happen, not what happens ("the chance that Beijing will
# join", "concern that Russia may transfer ..."); with SUPPOSING_VERBS, what follows is supposed.
SUPPOSING_NOUNS = frozenset({"chance", "chances", "risk", "possibility", "likelihood", "prospect", "prospects",
                             "danger", "odds", "concern", "concerns", "fear", "fears", "worry", "worries", "alarm",
                             "hope", "hopes"})
SUPPOSING_VERBS = frozenset({"fear", "fears", "feared", "hope", "hopes", "hoped", "worry", "worries", "worried",
                             "expect", "expects", "expected", "speculate", "speculated", "wonder", "wondered"})
# Military-aid terms that name weapons or munitions (what can be fired, and attack with).
WEAPONS = frozenset({"weapons", "weaponry", "arms", "ammunition", "munitions", "missiles", "drones", "artillery",
                     "artillery shells", "shells", "rockets", "interceptors", "tanks", "howitzers", "launchers",
                     "rounds", "mortars", "grenades", "rifles", "fighter jets", "warplanes", "helicopters",
                     "rocket systems", "155mm", "155 mm", "HIMARS", "ATACMS", "Patriot", "F-16"})
# Firing at someone, or shells "fired by Russian artillery", is the actor's own use of arms.
FIRING = frozenset({"fire", "fires", "fired", "firing", "shoot", "shoots", "shot", "lob", "lobs", "lobbed",
                    "rain", "rained", "hurl", "hurled"})
# Verbs of saying with a person for object before what is said ("told reporters that ...").
TELL = frozenset({"tell", "tells", "told", "warn", "warns", "warned", "assure", "assures",
                   "assured", "remind", "reminds", "reminded", "inform", "informs", "informed",
                   "caution", "cautions", "cautioned", "promise", "promises", "promised",
                   "notify", "notified", "convince", "convinced", "persuade", "persuaded"})
