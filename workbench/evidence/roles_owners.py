"""Whose the term is: "Japan's sanctions", "North Korean troops", "thanked Pyongyang for its
support" make the actor the owner; "Kyiv's allies" name someone else; "summoned the Russian
envoy" names the actor's people acted upon by another; "a Russian missile strike" is the
actor's attack, not a use of the instrument; "before the NATO summit" names a time; "EU agrees
new Russia sanctions" names what the sanctions are aimed at."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.evidence.clauses import Clause, clause_of
from workbench.evidence.matching import DEMONYM, Mention
from workbench.evidence.roles_base import MENTIONED, OWNER, TARGET, Role, Sentence, possessive
from workbench.evidence.roles_kept import own_things
from workbench.evidence.roles_targets import ACTING_UPON, RECEIVE
from workbench.evidence.words import DETERMINERS, FIRING, PREPOSITIONS, RECIPROCAL, TELL, WEAPONS, looks_verb

# The actor's people or firms, when another acts on them ("summoned the Russian envoy",
# "trained Ukrainian soldiers"), do not make the actor act.
_PEOPLE = frozenset({
    "counterpart", "counterparts", "envoy", "envoys", "ambassador", "ambassadors", "diplomat",
    "diplomats", "minister", "ministers", "official", "officials", "soldiers", "troops",
    "instructors", "operators", "deminers", "forces", "units", "personnel", "crews", "pilots",
    "engineers", "officers", "delegation", "delegates", "nationals", "citizens", "firms",
    "companies", "banks", "suppliers", "entities", "individuals", "recruits", "cadets",
    "brigades", "battalions", "regiments", "gunners", "conscripts", "marines", "sailors", "army", "navy",
})
# Another's people whom calling, summoning or meeting makes the subject's own diplomacy
# ("called his Ukrainian counterpart"); another's troops used are still another's.
_DIPLOMATS = frozenset({"counterpart", "counterparts", "envoy", "envoys", "ambassador", "ambassadors",
                        "diplomat", "diplomats", "minister", "ministers", "delegation", "delegates"})
# "a Ukrainian drone strike", "the Russian attack": the actor's act of war, not a use of the
# instrument named in it or near it (unless that word is the term itself).
_ATTACKS = frozenset({"strike", "strikes", "attack", "attacks", "raid", "raids", "assault",
                      "bombardment", "shelling", "incursion", "offensive", "barrage"})
_OTHER_PARTIES = frozenset({
    "allies", "ally", "partners", "partner", "backers", "supporters", "friends", "enemies", "enemy",
    "adversaries", "adversary", "neighbours", "neighbors", "neighbour", "neighbor", "rivals",
    "rival", "critics", "opponents", "creditors", "donors", "foes", "patrons", "sponsors",
})


def owned_by(s: Sentence, m: Mention, t_first: int, t_last: int = -1) -> bool:
    """"North Korean troops", "Japan's sanctions", "UN sanctions", "North Korea's decision to
    send troops": the term belongs to the actor named right before it."""
    a_first, a_last = s.span(m)
    if a_first <= t_first < a_last < t_last:
        return True  # "UN Security Council resolution 2397": the term goes on from the body's name
    if a_last > t_first:
        return False
    between = [t for t in s.toks[a_last:t_first] if t.low not in ("'s", "’s", "'", "’")]
    if 2 <= len(between) <= 3 and between[0].text in "-‐‑–" and all(t.text[:1].isupper() or t.text in "-‐‑–" for t in between):
        return True  # "the US-ROK Alliance": names joined by a hyphen share the term
    if not between and s.toks[t_first].low in PREPOSITIONS:
        return False  # "spoke to Putin by telephone": a term that begins a phrase qualifies no name
    if not between:
        # The name as a modifier ("UN sanctions", "EU talks"), unless the term is its verb in
        # the past ("Seoul warned that ...", "Moscow vetoed the draft"): then it is the subject.
        return not (m.kind != DEMONYM and not possessive(s, m) and _past_verb_at(s, t_first))
    if len(between) <= 4 and [t.low for t in between[:2]] == [",", "whose"] and all(
            t.is_word and not t.text[:1].isupper() and not looks_verb(t) for t in between[2:]):
        return True  # "Kyiv, whose diplomats lobbied ...": the relative "whose" stands for the name
    # "thanked Pyongyang for its support": "its" stands for the name just before it.
    pronoun = next((n for n, t in enumerate(between) if t.low in ("its", "their")), -1)
    if 0 <= pronoun <= 2 and len(between) - pronoun <= 3 and all(t.low in PREPOSITIONS for t in between[:pronoun]) and all(
            t.is_word and not t.text[:1].isupper() and not looks_verb(t) for t in between):
        return True
    if not (m.kind == DEMONYM or possessive(s, m)):
        return False
    if between[-1].low in ("and", "or", "to"):
        return False  # "the Chinese firms and urged ...": the term is a verb of what follows
    if s.toks[t_first].low.endswith("ed") and s.toks[t_first].text.islower():
        return False  # "Japan's fishing industry visited": the term is the verb of the noun between
    if len(between) <= 3 and all(t.is_word and t.low not in PREPOSITIONS and not looks_verb(t) for t in between):
        return True
    # "X's decision to dispatch troops": the term is in what the actor's noun plans.
    return (possessive(s, m) and len(between) <= 8 and any(t.low == "to" for t in between[1:3])
            and all(t.is_word for t in between))


# After a verb in the past, what follows begins its object or its complement, never a noun
# that the verb (as a participle) would qualify ("UN-designated entities", "EU imposed tariffs").
_OBJECT_OPENERS = DETERMINERS | PREPOSITIONS | {"that", "to", "it", "them", "him", "her", "us", "what",
                                                "whether", "how", "any", "more", "new", "further"}


def _past_verb_at(s: Sentence, n: int) -> bool:
    """Whether token *n* is a verb in the past followed by the start of its object, a clause or
    the end of the sentence ("warned that", "vetoed the renewal", "coordinated its ...")."""
    w = s.toks[n].low
    if not (len(w) > 4 and w.endswith("ed") or w in _IRREGULAR_PAST) or not s.toks[n].text.islower():
        return False
    nxt = s.toks[n + 1] if n + 1 < len(s.toks) else None
    return nxt is None or not nxt.is_word or nxt.low in _OBJECT_OPENERS or nxt.text[:1].isupper()


_IRREGULAR_PAST = frozenset({"sent", "gave", "held", "met", "froze", "sought", "sold", "spoke", "took",
                             "made", "brought", "struck", "withdrew", "forbade"})


def other_party(s: Sentence, m: Mention) -> bool:
    """"Kyiv's allies", "Russia's partners", "Ukraine's Western sponsors": the name stands for
    someone else."""
    _first, last = s.span(m)
    if not possessive(s, m):
        return False
    head = s.toks[last:last + 3]
    # One adjective may come between ("Western", "closest", "new").
    return bool(head) and (head[0].low in _OTHER_PARTIES or (
        len(head) > 1 and head[0].is_word and not looks_verb(head[0]) and head[1].low in _OTHER_PARTIES))


# Verbs that bring the term's thing into being: whoever else is named in their object can only
# be what it is aimed at.
_MAKING = frozenset("""
    agree agrees agreed approve approves approved adopt adopts adopted impose imposes imposed
    announce announces announced unveil unveils unveiled prepare prepares prepared draft drafts
    drafted weigh weighs weighed propose proposes proposed plan plans planned tighten tightens
    tightened expand expands expanded""".split())


def aimed_at(s: Sentence, m: Mention, t_first: int, everyone: Sequence[Mention]) -> str:
    """"EU agrees new Russia sanctions", "Washington weighs Iran tariffs": a bare name (no
    possessive, not a demonym) modifying the term in the object of a verb that makes it, in a
    clause whose subject is another actor, names what the term is aimed at. That subject as
    written, or "". ("Pyongyang violated UN sanctions": the sanctions stay the UN's.)"""
    a_first, a_last = s.span(m)
    if a_last != t_first or m.kind == DEMONYM or possessive(s, m):
        return ""
    c = clause_of(s.clauses, a_first)
    if c.verb < 0 or a_first < c.verb_end or s.toks[c.verb_end - 1].low not in _MAKING:
        return ""
    # The verb's own object ("agrees new Russia sanctions"), not a phrase after it ("found ways
    # around the UN sanctions": the sanctions are the UN's).
    if any(not t.is_word or t.low in PREPOSITIONS or looks_verb(t) for t in s.toks[c.verb_end:a_first]):
        return ""
    for o in everyone:
        o_first, _o_last = s.span(o)
        if o.owner != m.owner and c.subject <= o_first < c.verb:
            return s.text[o.start:o.end]
    return ""


def owner_role(s: Sentence, m: Mention, term: Mention, c: Clause, named: str,
               everyone: Sequence[Mention] = ()) -> Role | None:
    """The actor's attack, its people acted upon, what the term is aimed at, or the owner of
    the term; None otherwise."""
    t_first, t_last = s.span(term)
    a_first = s.span(m)[0]
    subject = aimed_at(s, m, t_first, everyone)
    if subject:
        return Role(TARGET, -0.6, f"what “{subject}” aims the term at (“{named}” + term)")
    attack = _attack_of(s, m, t_first, t_last) or _at_war(s, m, t_first, t_last)
    if attack:
        return Role(MENTIONED, 0.1, f"names the actor’s attack, not a use of the instrument (“{named} … {attack}”)")
    offered = _indirect_object(s, m, t_first)
    if offered:
        return Role(TARGET, -0.8, f"the one it is given to (“{offered} {named}” + term)")
    if owned_by(s, m, t_first, t_last):
        bolstered = _bolstered(s, a_first)
        if bolstered:
            # "working to strengthen Ukraine's air defences": another builds up what the actor has.
            return Role(TARGET, -0.6, f"on the receiving end (“{bolstered} {named}” + term)")
        if possessive(s, m) and term.label.lower() == "supplier":
            return Role(TARGET, -0.6, f"the one supplied (“{named}’s {s.text[term.start:term.end]}”)")
        if m.kind == DEMONYM and term.label.lower() in _LISTED and not any(o.start > term.end for o in everyone):
            # "every new North Korean listing": the ones listed, not the one listing.
            return Role(TARGET, -0.6, f"the ones listed (“{named} {s.text[term.start:term.end]}”)")
        when = _event_as_time(s, m, t_first, t_last)
        if when:
            return Role(MENTIONED, 0.4, f"the actor’s event names a time (“{when} {named}” + term)")
        given = _given_to_owner(s, m)
        if given:
            return Role(TARGET, -0.8, f"the one it goes to (“{given} {named}” + term)")
        acted_on = _people_acted_on(s, m, c)
        if acted_on:
            return Role(MENTIONED, 0.0, f"the actor’s {acted_on} acted upon by another (“{named} {acted_on}”)")
        a_last = s.span(m)[1]
        around = [*s.toks[a_last:t_first], *s.toks[t_last:min(c.last, t_last + 2)]]  # not the term itself
        got = next((t for t in around if t.low in RECEIVE), None)
        if got is not None and c.subject <= s.span(m)[0]:
            # "Ukrainian brigades (have) received Leopard tanks": the actor's own people get them.
            return Role(TARGET, -0.6, f"on the receiving end (“{named} … {got.text}”)")
        kept = own_things(s, term, c)
        if kept:
            return Role(MENTIONED, 0.4, f"the actor’s own {kept}, not a use of the instrument (“{named}” + term)")
        return Role(OWNER, 0.8, f"the term is the actor’s own (“{named}” + term)")
    return None



# Verbs with two objects, the one who receives first: "offer Pyongyang talks", "sold Russia shells".
_GIVE = frozenset({
    "offer", "offers", "offered", "offering", "give", "gives", "gave", "given", "giving", "grant",
    "grants", "granted", "granting", "promise", "promises", "promised", "promising", "send", "sends",
    "sent", "sending", "sell", "sells", "sold", "selling", "lend", "lends", "lent", "lending", "deny",
    "denies", "denied", "denying", "hand", "hands", "handed", "owe", "owes", "owed", "pledge",
    "pledges", "pledged", "show", "shows", "showed",
})


def _indirect_object(s: Sentence, m: Mention, t_first: int) -> str:
    """The verb of giving whose first object is the actor and whose second holds the term
    ("offer Pyongyang talks", "sent Kyiv the air defence"), or "". A demonym is never the
    first object ("sent North Korean troops": the troops are what is sent)."""
    a_first, a_last = s.span(m)
    if a_last > t_first or m.kind == DEMONYM or possessive(s, m):
        return ""
    between = s.toks[a_last:t_first]
    if len(between) > 3 or any(not t.is_word or t.low in PREPOSITIONS or t.low in ("and", "or")
                               or looks_verb(t) for t in between):
        return ""
    k = a_first - 1
    while k >= 0 and s.toks[k].low in DETERMINERS:
        k -= 1
    return s.toks[k].text if k >= 0 and s.toks[k].low in _GIVE else ""


# "pays for Ukrainian drones", "support for Ukraine's air defence", "aid goes to Kyiv's
# brigades": the owner named after "for" or "to", when these follow a word of giving or paying,
# is the one the thing goes to, not the one giving it ("calls for EU sanctions" is not).
_GOING_TO = frozenset({
    "pay", "pays", "paid", "paying", "payment", "payments", "money", "funds", "funding", "fund",
    "financing", "finance", "budget", "loan", "loans", "credit", "support", "aid", "assistance",
    "help", "grant", "grants", "cash", "go", "goes", "went", "gone", "sent", "delivered", "given",
    "transferred", "sold", "supplied", "shipped", "provided", "handed", "lent", "donated",
    "deliveries", "shipments", "transfers", "sales", "exports", "bound",
})


def _given_to_owner(s: Sentence, m: Mention) -> str:
    """The "for"/"to" that makes the owner named after it the recipient, or ""."""
    a_first, _last = s.span(m)
    k = a_first - 1
    while k >= 0 and s.toks[k].low in DETERMINERS:
        k -= 1
    if k < 1 or s.toks[k].low not in ("for", "to") or s.toks[k - 1].low not in _GOING_TO:
        return ""
    return f"{s.toks[k - 1].text} {s.toks[k].text}"


def owned_elsewhere(s: Sentence, r: Role, m: Mention, t: Mention, everyone: Sequence[Mention]) -> Role:
    """"Russia could leverage North Korean troops": the term is another actor's, not this one's."""
    if r.kind == OWNER:
        return r
    t_first, _ = s.span(t)
    c = clause_of(s.clauses, t_first)
    if any(x.low in RECIPROCAL for x in s.toks[max(c.verb, c.first):t_first]):
        return r  # "A met B's envoy": meeting is mutual, both sides act
    for o in everyone:
        if o.owner != m.owner and owned_by(s, o, t_first) and not aimed_at(s, o, t_first, everyone) and not _joined(s, m, o, everyone):
            if _people_acted_on(s, o, clause_of(s.clauses, s.span(o)[0])) in _DIPLOMATS:
                return r  # "called his Ukrainian counterpart": reaching another's diplomats is diplomacy
            return Role(MENTIONED, 0.0, f"the term belongs to “{s.text[o.start:o.end]}”")
    return r


def _joined(s: Sentence, m: Mention, o: Mention, everyone: Sequence[Mention]) -> bool:
    """"The EU and Japan held talks": *m* is listed with the owner *o* before the term, so the
    term is theirs together."""
    _first, last = s.span(m)
    o_first, _ = s.span(o)
    if last > o_first:
        return False
    names = {n for x in everyone for n in range(*s.span(x))}
    between = [n for n in range(last, o_first) if n not in names]
    return any(s.toks[n].low == "and" for n in between) and all(
        s.toks[n].low in ("and", ",", "the") for n in between)


def _people_acted_on(s: Sentence, m: Mention, c: Clause) -> str:
    """The actor's people or firms named after another subject's verb ("Seoul summoned the
    Russian envoy", "agreed to train Ukrainian soldiers"): the head noun, or ""."""
    a_first, a_last = s.span(m)
    if possessive(s, m):
        return ""
    k = a_first - 1
    while k >= 0 and (s.toks[k].low in DETERMINERS or s.toks[k].low.isdigit() or _thousands(s, k)):
        k -= 1  # "trained another 15,000 Ukrainian soldiers"
    if k >= 0 and s.toks[k].low in ("by", "from", "with", "alongside"):
        return ""  # "backed by North Korean soldiers": they act
    # "told his Russian counterpart that ...": the person told, which begins a clause of its
    # own after the verb, is acted upon by it.
    told = 0 <= k < c.first and s.toks[k].low in TELL
    # "the training of Ukrainian troops": people after an act done to them.
    trained = k > 0 and s.toks[k].low == "of" and s.toks[k - 1].low in ACTING_UPON
    if not (told or trained) and (c.verb < 0 or a_first < c.verb_end):
        return ""
    head = ""
    for t in s.toks[a_last:a_last + 4]:
        if not t.is_word or t.low in PREPOSITIONS or t.low in DETERMINERS or t.text[:1].isupper() \
                or t.low in ("and", "or"):
            break  # the noun phrase ends ("soldiers and to set aside ...")
        if looks_verb(t) and t.low not in _PEOPLE:
            break
        head = t.low
    verbs = [s.toks[k].low] if told or trained else [t.low for t in s.toks[c.verb:a_first] if looks_verb(t)]
    if head not in _PEOPLE or any(v in RECIPROCAL for v in verbs):
        return ""
    return head


def _thousands(s: Sentence, k: int) -> bool:
    """Whether token *k* is the comma inside a number ("15,000")."""
    return (s.toks[k].text == "," and 0 < k < len(s.toks) - 1 and s.toks[k - 1].low.isdigit()
            and s.toks[k + 1].low.isdigit() and s.toks[k - 1].end == s.toks[k].start)


def _attack_of(s: Sentence, m: Mention, t_first: int, t_last: int) -> str:
    """The attack noun that a name modifies ("a Ukrainian drone strike"), when the term is not
    that noun itself; or ""."""
    if m.kind != DEMONYM and not possessive(s, m):
        return ""
    _first, last = s.span(m)
    for n in range(last, min(len(s.toks), last + 3)):
        t = s.toks[n]
        if not t.is_word or t.low in PREPOSITIONS or t.low in DETERMINERS or looks_verb(t):
            return ""
        if t.low in _ATTACKS:
            return "" if t_first <= n < t_last else t.text
    return ""


# "Russian tanks shelled Kharkiv", "North Korean missiles struck Kyiv": the actor's own arms or
# troops in combat, not given to anyone. (Crossing a border or advancing says nothing of whose
# side they serve: "North Korean troops crossed the border" into Russia is aid to Russia.)
_WAR_VERBS = frozenset({"invaded", "invade", "invades", "attacked", "attack", "attacks", "shelled", "shell",
                        "shells", "struck", "strike", "strikes", "pounded", "bombarded", "fired", "fire",
                        "fires", "stormed", "occupied", "occupy", "occupies"})


def _at_war(s: Sentence, m: Mention, t_first: int, t_last: int) -> str:
    """The verb of war right after the actor's own arms or troops, or ""."""
    if m.kind != DEMONYM and not possessive(s, m):
        return ""
    _first, last = s.span(m)
    if not (last <= t_first <= last + 1) or t_last >= len(s.toks):
        return ""
    n = t_last
    while n < len(s.toks) and s.toks[n].low in ("have", "has", "had", "were", "was", "again", "also"):
        n += 1
    return s.toks[n].text if n < len(s.toks) and s.toks[n].low in _WAR_VERBS else ""


# "before the NATO summit", "after Seoul's talks with Tokyo": an event of the actor named only
# to say when something else happens.
_TIME_PREPS = frozenset({"before", "after", "ahead", "until", "till", "following"})
_EVENTS = frozenset({"summit", "summits", "meeting", "meetings", "talks", "visit", "visits", "session",
                     "sessions", "conference", "conferences", "vote", "votes"})


def _event_as_time(s: Sentence, m: Mention, t_first: int, t_last: int) -> str:
    """The time preposition before the actor's event, or ""."""
    if s.toks[t_last - 1].low not in _EVENTS:
        return ""
    a_first, _last = s.span(m)
    k = a_first - 1
    while k >= 0 and s.toks[k].low in DETERMINERS:
        k -= 1
    if k >= 1 and s.toks[k].low == "of" and s.toks[k - 1].low == "ahead":
        k -= 1
    return s.toks[k].text if k >= 0 and s.toks[k].low in _TIME_PREPS else ""


_COMPANIES = frozenset({"companies", "company", "firms", "firm", "banks", "bank", "exporters", "businesses",
                        "traders", "manufacturers", "suppliers", "refiners", "shippers", "makers",
                        "brokers", "investors", "carriers", "vendors", "producers", "insurers",
                        "manufacturer", "fans", "people", "citizens", "residents", "voters", "students",
                        "tourists", "crowds", "consumers", "farmers", "workers"})


def companies_act(s: Sentence, c: Clause, m: Mention) -> str:
    """"Chinese (state-owned) companies supplied ...", "Japanese fans welcomed ...": a word for
    companies or private people a few words after the actor's demonym or possessive, before
    the verb: they act on their own, not as the state (tests/data/evidence_grading.md); the
    word, or ""."""
    if not (m.kind == DEMONYM or possessive(s, m)):
        return ""
    _first, a_last = s.span(m)
    end = min(a_last + 6, c.verb if c.verb > a_last else a_last + 6)
    return next((t.text for t in s.toks[a_last:end] if t.low in _COMPANIES), "")


_BOLSTER = frozenset({"strengthen", "strengthening", "strengthened", "bolster", "bolstering", "bolstered",
                      "reinforce", "reinforcing", "reinforced", "replenish", "replenishing", "replenished",
                      "rebuild", "rebuilding", "rebuilt", "upgrade", "upgrading", "upgraded", "restock",
                      "restocking", "restocked", "shore"})


def _bolstered(s: Sentence, a_first: int) -> str:
    """The verb of building up right before the actor's possessive ("strengthen Ukraine's air
    defences", "replenish Kyiv's stocks"), or ""."""
    k = a_first - 1
    while k >= 0 and s.toks[k].low in ("the", "up"):
        k -= 1
    return s.toks[k].text if k >= 0 and s.toks[k].low in _BOLSTER else ""


_LISTED = frozenset({"listing", "listings", "designation", "designations", "blacklisting", "delisting"})
_FORMER = frozenset({"former", "retired", "ex"})
_STATE_BODIES = frozenset({"administration", "administrations", "government", "governments", "regime", "regimes",
                           "state", "states", "republic", "union", "colony", "colonies", "policy", "president's"})


def former(s: Sentence, m: Mention) -> str:
    """"A former Japanese diplomat argued ...", "a retired US general": the person no longer
    speaks or acts for the state; the word, or ""."""
    first, last = s.span(m)
    k = first - 1
    if k >= 1 and s.toks[k].text in ("-", "‑"):
        k -= 1  # "ex-US envoy"
    if k < 0 or s.toks[k].low not in _FORMER:
        return ""
    # A person ("former US ambassador", "a former Japanese PM"), not "the former US administration".
    return "" if any(t.low in _STATE_BODIES for t in s.toks[last:last + 3]) else s.toks[k].text


def hyphened(s: Sentence, m: Mention) -> bool:
    """Whether the name is joined by a hyphen to the next word ("US-made", "China-Arab")."""
    _first, last = s.span(m)
    return last < len(s.toks) and s.toks[last].text in ("-", "‑") and s.toks[last].start == s.toks[last - 1].end


def fired_by(s: Sentence, m: Mention, term: Mention) -> str:
    """"shells fired by Russian artillery", "rockets launched by Russia": weapons the actor uses
    itself, not aid to another (not "fired by US-made launchers"); the verb, or ""."""
    k = s.span(m)[0] - 1
    while k > 0 and s.toks[k].low in DETERMINERS:
        k -= 1  # "fired by the Russian army"
    if k >= 1 and s.toks[k].low == "by" and s.toks[k - 1].low in FIRING and term.label in WEAPONS and not hyphened(s, m):
        return s.toks[k - 1].text
    return ""
