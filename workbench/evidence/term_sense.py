"""How much one occurrence of an instrument's term says about the instrument.

    term_strength(text, term) -> (strength, note)      1 whole, 0.5 generic, 0.25 not the instrument
    not_the_instrument(text, term, others, mine) -> bool  the sentence shows the word means
                                                          something else here: no term at all

A word of an instrument is often something else: "meet the target", "a news channel", "gas
deliveries", "the National Intelligence Service", "a stimulus package". The sentence around
the word decides; ranking weighs what is left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.evidence.matching import DEMONYM, Mention
from workbench.evidence.words import PREPOSITIONS, WEAPONS

# Terms that often occur without the instrument being used: they count half.
GENERIC_TERMS = frozenset({
    "talks", "talk", "statement", "statements", "resolution", "peace", "engagement",
    "troops", "deployment", "training", "intelligence", "support", "restrictions",
    "penalties", "relations", "meeting", "meetings", "pressure", "arms", "forces",
    "cooperation", "partners", "partner", "aid", "assistance", "measures", "agreement",
    "communication", "coordination", "coordinating", "soldiers", "consultations", "accord",
    "equipment", "technology", "concerns", "ties", "visit", "call", "urge",
    "warn", "warning", "ban", "freeze", "vote", "shells", "drills", "alliance", "partnership",
    "summit", "deliveries", "shipments", "listings", "outreach", "meet", "met", "message",
    "channel", "tour", "supply", "supplier", "package",
    "delegate", "delegates",
})


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
    if term.start > 0 and word[:1].isupper() and term.label[:1].islower() and not word.isupper() \
            and label not in _NAMES_OF_THE_INSTRUMENT and not _BILATERAL.search(text, max(0, term.start - 30), term.start):
        return 0.25, f"“{word}” is part of a name"
    head = _NEXT_WORD.match(text, term.end)
    attack = _AND_ATTACKS.match(text, term.end) if label in WEAPONS else None
    if head and head.group(1).lower() == "targets" and label in _STOCKS:
        return 0.25, f"“{word} targets” are goals, not the instrument"  # not "sanctions targets"
    if head and label in WEAPONS and head.group(1).lower() in _PROGRAMMES:
        return 0.25, f"“{word} {head.group(1)}” names one's own programme, not aid"
    if attack:  # "missile and drone attacks on Kyiv": an attack, not aid
        return 0.25, f"“{text[term.start:attack.end()]}” names an attack, not the instrument"
    if head and head.group(1).lower() in OTHER_HEADS:
        return 0.25, f"“{word} {head.group(1)}” names something else, not the instrument"
    if head and label == "intelligence" and head.group(1).lower() in _SAYS:
        return 0.25, f"“{word} {head.group(1)}”: an agency that speaks, not the instrument"
    field = _WORD_BEFORE.search(text, max(0, term.start - 20), term.start)
    if label in RELATION_TERMS and field and field.group(1).lower() in ARMED_FIELD:
        return 0.25, f"“{text[field.start():term.end]}” is military, not diplomatic"
    armed = _OF_WHAT.match(text, term.end) if label in RELATION_TERMS else None
    if armed and any(w in ARMED_FIELD or w in _ARMS for w in armed.group(1).lower().split()):
        return 0.25, f"“{text[term.start:armed.end()]}” is military, not diplomatic"
    # A verb of ties whose object is deliveries ("coordinates most Western deliveries"), not
    # the noun ("cooperation on prisoner transfers").
    shipped = _OBJECT_WHAT.match(text, term.end) if label in RELATION_TERMS and word.lower() != label else None
    what = _OF_WHAT.match(text, shipped.end()) if shipped else None  # "deliveries of food aid"
    named = shipped.group(1).lower().split() + (what.group(1).lower().split() if what else []) if shipped else []
    if shipped and not any(w in _CIVILIAN for w in named):
        return 0.25, f"“{text[term.start:shipped.end()]}” is military, not diplomatic"
    goods = _civilian_goods(text, term) if label in GOODS_TERMS else ""
    if goods:
        return 0.25, f"“{goods}” are civilian goods, not the instrument"
    if label == "package":
        before = _WORD_BEFORE.search(text, max(0, term.start - 20), term.start)
        after = _OF_WHAT.match(text, term.end)  # "a package of stimulus measures"
        kinds = ([before.group(1).lower()] if before else []) + (after.group(1).lower().split() if after else [])
        if any(k in _AID_KINDS for k in kinds):
            return 0.25, f"“{word}” of aid, not sanctions"
    return strength, ""


def not_the_instrument(text: str, term: Mention, other_mentions: Sequence[Mention],
                        actor_mentions: Sequence[Mention]) -> bool:
    """Whether the sentence's own words show that *term* means something else here.

    For any term: the source of a report ("according to Ukrainian intelligence"), what measures
    are aimed at ("sanctions on entities involved in the arms trade"), arms for one's own
    forces. For some terms: asking that asks no other government, "together with" / "raise …
    with" no government after it, a vote outside an international body or at home, a
    resolution that is the measures rather than diplomacy, vague "necessary measures", a cap
    on something other than oil, a report to a body that is not the UN's, a veto of another
    renewal than the sanctions panel's, "rounds" that are not ammunition, a demand "met", and
    meeting an aim."""
    label = term.label
    everyone = (*other_mentions, *actor_mentions)
    if label.lower() in WEAPONS and _FIRED.search(text, max(0, term.start - 50), term.start):
        return True  # "North Korea fired two more missiles into the sea": its own arms used, not aid
    if _SOURCE_OF_REPORT.search(text, max(0, term.start - 80), term.start):
        return True  # "according to South Korean and Ukrainian intelligence": who says so
    if _MEASURES_FOR.search(text, max(0, term.start - 160), term.start):
        return True  # "sanctions on entities involved in the arms trade": whom they hit
    if _HIT_BY_MEASURES.search(text, max(0, term.start - 60), term.start):
        return True  # "sanctions on third-country suppliers": whom they hit
    if _SUPPLIERS_HIT.search(text, max(0, term.start - 200), term.start):
        return True  # "sanctions on 23 companies, including Chinese firms supplying drones": whom they hit
    if (_OWN_MAKING.search(text, max(0, term.start - 60), term.start) and not _PASSED_ON.search(text)
            and "available" not in text[term.end:term.end + 30]):
        return True  # "the Ukrainians are now producing more of their own shells": arming oneself
    if _FOR_ITSELF.match(text, term.end) and not _PASSED_ON.search(text):
        return True  # "spending record sums on missiles for its own forces": arming oneself
    if label in ASKING:
        return not (any(term.start < o.start < term.end for o in everyone)
                    or _GOVERNMENTS.search(text, term.start + 1, term.end))
    if label in _WITH_ANOTHER:
        return not (any(0 <= o.start - term.end <= 12 for o in everyone) or _GOVERNMENTS.match(text, term.end))
    if label in _TO_ANOTHER:  # "a message to its citizens", "welcomed Chinese tourists"
        named = [o for o in (*other_mentions, *actor_mentions) if o.kind != DEMONYM or not _PRIVATE_AFTER.match(text, o.end)]
        return not any(o for o in named if o not in actor_mentions or o.start >= term.end)
    near = text[max(0, term.start - 80):term.end + 80]
    if label == "vote":  # in a council, or on measures ("voted for the cap"); not at home
        if _LEGISLATURE.search(near):
            return True
        wide = text[max(0, term.start - 160):term.end + 80]
        return not (_BODY_NAMED.search(wide) or _VOTE_ON_MEASURES.match(text, term.end)
                    or _MEASURES_NAMED.search(near))
    if label == "resolution" and not _TABLED.search(text, max(0, term.start - 60), term.start) and (
            _RESOLUTION_BANS.match(text, term.end)
            or _SANCTIONS_BEFORE.search(text, max(0, term.start - 12), term.start)
            or _BANNED_UNDER.search(text, max(0, term.start - 60), term.start)
            or _IMPLEMENTED.search(text, max(0, term.start - 60), term.start)
            or (_NUMBERED_RESOLUTION.match(text, term.start) and _SANCTIONS_WORDS.search(text))):
        # "the Council's resolutions prohibit ...", "a sanctions resolution": the measures, not
        # the diplomacy of drafting, tabling or backing one.
        return True
    if label == "Security Council resolution":  # the measures: broken, enforced, banning or sanctions-numbered
        before = text[max(0, term.start - 60):term.start]
        return bool(_TABLED.search(before) or _VETOED.search(before)) or not (
            _IMPLEMENTED.search(before) or _BANNED_UNDER.search(before) or _RESOLUTION_BANS.match(text, term.end)
            or (_NUMBERED_AFTER.match(text, term.end) and _SANCTIONS_WORDS.search(text)))
    if label == "know-how":  # "military know-how", "satellite and submarine know-how"; not "know how"
        return "-" not in text[term.start:term.end] or not _ARMED_KNOW_HOW.search(text, max(0, term.start - 40), term.start)
    if label in _TRADE_STOPPED:  # "stopped buying oil from Russia", not "stopped buying the story"
        return not _TRADED.match(text, term.end)
    if label == "under … resolution":  # under a sanctions resolution, not "a UN resolution on peacekeeping"
        return not (_NUMBERED_RESOLUTION.search(near) or re.search(r"\bsanction", text, re.I))
    if label in _UN_RESOLUTION:
        return not _UN_NAMED.search(near)
    if label in _LISTING:  # "added 31 entities to its end user list", not "items to the menu"
        return not (_A_LIST.search(near) and _CONTROLS.search(text))
    if label in _CAPPING:  # "capped the North's imports", not "its own imports" or "gasoline exports"
        return bool(_OWN.search(text, term.start, term.end)) or not _NAMED_GOODS.search(text, term.start, term.end + 40)
    if (label == "measures" and _VAGUE_MEASURES.search(text, max(0, term.start - 30), term.start)
            and not _MEASURES_AIMED.match(text, term.end)):
        return True  # "will take necessary measures": no saying which (tests/data/evidence_grading.md)
    if label == "cap":  # the oil price cap, the UN cap of 500,000 barrels; not a cap on output or bills
        return not (_CAP_ON_OIL.match(text, term.end) or _CAP_NAMED.search(text, max(0, term.start - 12), term.start))
    if label in _TO_A_BODY:  # the UN's panel or committee, not a parliament's or a national council
        return not _UN_BODY.search(near) or bool(_LEGISLATURE.search(near) or _NATIONAL_BODY.search(near))
    if label == "veto … renewal":  # the sanctions panel's renewal, not a peacekeeping mission's
        return not re.search(r"\b(?:sanction|panel|experts|1718|monitor)", text, re.I)
    if label == "rounds":  # "millions of rounds", "rounds of ammunition"; not "rounds of talks",
        # "the Geneva round", "did the rounds", "after several rounds"
        counted = _COUNTED.search(text, max(0, term.start - 30), term.start)
        return text[term.start:term.end].lower() != "rounds" or not (counted or _ROUNDS_OF_AMMUNITION.match(text, term.end))
    if (label in _MEET and _BE_BEFORE.search(text, max(0, term.start - 16), term.start)
            and _FULFILLED.search(text, max(0, term.start - 60), term.start)):
        return True  # "the demand will be met in full": fulfilled, not a meeting
    return label in _MEET and bool(_MEET_AIM.match(text, term.end))


_COUNTED = re.compile(r"(?:(?:\d[\d,.]*|millions?|thousands?|hundreds?|billions?)\s+(?:of\s+)?(?:[\w\-]+\s+){0,2}"
                      r"|\b(?:those|these)\s+)$", re.I)
_ROUNDS_OF_AMMUNITION = re.compile(r"\s+of\s+(?:ammunition|artillery|shells|munitions|ammo)", re.I)

# Measures on those "involved in" or "linked to" something: that something says whom they hit.
_MEASURES_FOR = re.compile(r"\b(?:sanction\w*|designat\w*|listed|listing|blacklist\w*|penali[sz]\w*|asset freezes?|"
                           r"froze|frozen|freez\w*)\b"
                           r"[^.;:,]*\b(?:involved in|linked to|tied to|connected to|for (?:their|its|his|her) "
                           r"(?:role|part|involvement) in)\s+(?:[\w\-]+\s+){0,3}$", re.I)

# A body or programme named for sanctions is about sanctions ("the Multilateral Sanctions
# Monitoring Team"), unlike a "Peace Prize" or an "Intelligence Service".
_NAMES_OF_THE_INSTRUMENT = frozenset({"sanctions", "sanction",
                                      "export controls", "export control", "sanctions regime"})

# The term right after measures "on" or "against" is what they hit ("sanctions on third-country
# suppliers"), not a second object after "and" ("sanctions on Russia and weapons for Ukraine").
_HIT_BY_MEASURES = re.compile(r"\b(?:(?:sanctions?|designations?|listings?|penalties|asset\s+freezes?|embargo)\s+"
                              r"(?:on|against)|sanctioned|designated|blacklisted)\s+(?:(?!(?:and|or|with)\b)[\w\-]+\s+){0,2}$",
                              re.I)
# Measures "on 23 companies, including Chinese firms supplying drones": the firms are whom they hit.
_SUPPLIERS_HIT = re.compile(r"\b(?:sanctions?|designations?|listings?)\s+(?:on|against)\b"
                            r"(?:(?!\b(?:is|are|was|were|keeps?|kept|pays?|paying|paid|will|has|have)\b)[^.;:])*\b(?:firms?|companies|"
                            r"entities|individuals|suppliers|banks|networks|traders)\s+(?:that\s+\w+\s+)?(?:(?:supplying|"
                            r"providing|shipping|selling|exporting|delivering)\s+(?:[\w\-]+\s+){0,3})?$", re.I)
# Arms for the buyer's own forces, or made for them, are no aid to anyone
# (tests/data/evidence_grading.md), unless the sentence passes them on.
_OWN_MAKING = re.compile(r"\b(?:produc\w*|mak\w*|build\w*|manufactur\w*)\b[^.;:,]{0,25}\b(?:its|their|our)\s+own\s+$", re.I)
_PASSED_ON = re.compile(r"\b(?:sen[dt]s?|sells?|sold|provide[sd]?|suppl(?:y|ies|ied)|deliver(?:s|ed)?|"
                        r"give[sn]?|gave|transfer(?:s|red)?|lends?|lent)\b", re.I)
_FOR_ITSELF = re.compile(r"[^.;:,]{0,60}?\bfor\s+(?:its|their|our|his|her)\s+own\s+(?:armed\s+)?"
                         r"(?:forces|military|army|navy|air force|troops|use|defen[cs]e|arsenal|stockpiles?)\b", re.I)

# Firing, launching or testing arms: "fired what appears to be a ballistic missile", "has
# launched more than thirty ballistic missiles", "keeps testing rockets".
_FIRED = re.compile(r"\b(?:fire[sd]?|firing|launch(?:es|ed|ing)?|test(?:s|ed|ing)?|shoots?|shot|lob(?:s|bed)?)"
                    r"\s+(?:(?!(?:sen[dt]\w*|ship\w*|suppl\w*|deliver\w*|provid\w*|transfer\w*|sold|sell\w*)\b)"
                    r"[\w\-]+\s+){0,6}$", re.I)
# "according to" and names or words in capitals before the term, which is who reports.
_SOURCE_OF_REPORT = re.compile(r"\baccording\s+to\s+(?:(?:the|a|an|and|[A-Z][\w\-]*),?\s+)*$")


# Inside a term of asking or right after "together with" / "raise it with", an actor of the
# frame or a word for governments is the other party ("pressed its partners to").
_GOVERNMENTS = re.compile(r"\s+(?:the\s+|its\s+|their\s+|our\s+)?(?:allies|partners|counterparts|governments?"
                          r"|capitals|ministers|neighbours|neighbors)\b", re.I)
_WITH_ANOTHER = frozenset({"together with", "raise … with"})
# Words of contact that are diplomacy only when another actor is in the sentence.
_TO_ANOTHER = frozenset({"message", "object to", "welcome", "speak to", "spoke to", "talked to", "thanked",
                         "supplier", "non-lethal", "nonlethal"})
# Asking as diplomacy: only when another actor is the one asked ("asked South Korea to send"),
# not a government asking its own ("asked member states to cut gas use").
ASKING = frozenset({"ask … to", "asked … for", "ask … for", "pressed … to", "push … for", "press … on"})
# "meet the target", "met its growth target", "meet any challenge": an aim met, not a party.
_MEET = frozenset({"meet", "met"})
_MEET_AIM = re.compile(
    r"(?:\s+[a-z][a-z\-]*){0,3}?\s+(?:targets?|goals?|demand|deadlines?|challenges?|needs|requirements?"
    r"|expectations?|criteria|standards?|obligations?|costs?|quotas?|thresholds?|commitments?"
    r"|conditions|forces|troops|resistance|fire)\b", re.I)
# Adding entities or items is a sanction when they go on a list; capping imports or exports
# is one when they are another's, not "its own imports".
_LISTING = frozenset({"add … entities", "add … items", "add … names"})
_A_LIST = re.compile(r"\blists?\b", re.I)
_CAPPING = frozenset({"cap … imports", "cap … exports"})
_OWN = re.compile(r"\b(?:its|their|our)\s+own\b", re.I)
_CONTROLS = re.compile(r"\b(?:sanction|entit|export|control|end[\s\-]user|designat|blacklist|restrict)", re.I)
# "Chinese tourists", "Japanese visitors": a demonym that names private people, not a government.
_PRIVATE_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:tourists?|visitors?|fans?|students?|team|players?|workers?"
                            r"|travell?ers?|pilgrims?|investors?|buyers?|shoppers?|crowds?)\b")
_NAMED_GOODS = re.compile(r"\s(?:the\s)?[A-Z][a-z]+")  # whose goods: "the North's", "Australian"
# Implementing or enforcing a resolution is a sanction when the resolution is the Security
# Council's, not a parliament's resolution on plastic waste.
_UN_RESOLUTION = frozenset({"implement … resolution", "enforce … resolution"})
_VOTE_ON_MEASURES = re.compile(r"\w*\s+(?:for|against|on)\s+(?:[\w\-]+\s+){0,3}?(?:resolutions?|sanctions|"
                               r"(?:price\s+)?cap|embargo|renewal)\b", re.I)
_LEGISLATURE = re.compile(r"\b(?:Congress|Senate|Diet|[Pp]arliament|lawmakers|legislators|legislature|Bundestag|"
                          r"National Assembly|voters|referendum|House of|elections?|ruling party|presidential|"
                          r"regional|primary|primaries|ballot)\b")
_VAGUE_MEASURES = re.compile(r"\b(?:necessary|corresponding|appropriate|resolute|reciprocal)\s+$", re.I)
_MEASURES_AIMED = re.compile(r"\s+(?:against|on|targeting)\b", re.I)
_BANNED_UNDER = re.compile(r"\b(?:prohibited|banned|barred|forbidden|outlawed)\s+(?:under|by)\s+(?:[\w\-’']+\s+){0,4}$", re.I)
_VETOED = re.compile(r"\b(?:veto\w*|block\w*|push\w*\s+for|call\w*\s+for)\b[^.;:]{0,30}$", re.I)
_NUMBERED_AFTER = re.compile(r"s?\s+\d{3,4}\b")
_ARMED_KNOW_HOW = re.compile(r"\b(?:military|missile|missiles|satellite|submarine|space|weapons?|arms|"
                             r"drone|rocket)\b[^.;:]{0,25}$", re.I)
_TRADE_STOPPED = frozenset({"stop buying"})
_TRADED = re.compile(r"(?:\s+[\w\-,]+){0,6}?\s+(?:oil|gas|coal|crude|fuels?|LNG|uranium|seafood|steel|diamonds|"
                     r"goods|from)\b", re.I)
_SANCTIONS_BEFORE = re.compile(r"\bsanctions?\s+$", re.I)
_FULFILLED = re.compile(r"\b(?:demands?|requests?|needs|conditions?|requirements?|targets?|expectations?|goals?|"
                        r"obligations?|quotas?|deadlines?)\b", re.I)
_BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:[a-z]+ly\s+)?$", re.I)
_SANCTIONS_WORDS = re.compile(r"\b(?:sanction|annex|listed|export|import|ban|bar|cap|prohibit|embargo)", re.I)
_TO_A_BODY = frozenset({"address … council", "inform … panel", "inform … committee", "inform … council", "response to … panel",
                        "reply to … panel", "report to … committee", "report to … council", "letter to … panel",
                        "letter to … council", "letter to … secretary-general"})
_UN_BODY = re.compile(r"\b(?:Security Council|Panel|Sanctions Committee|1718|Secretary-General|United Nations|UN)\b")
_NATIONAL_BODY = re.compile(r"\b(?:National Security Council|European Council|parliamentary|Senate|Congress)\b")
_CAP_ON_OIL = re.compile(r"\w*\s+(?:(?:on|of|at|for)\s+)?(?:[\w\-$,.]+\s+){0,4}?(?:barrels?|oil|crude|petroleum|refined|"
                         r"diesel|fuel)\b(?!\s+(?:output|production|prices?\s+for\s+households))", re.I)
_CAP_NAMED = re.compile(r"\b(?:UN|U\.N\.|G7|G-7|Council's|price|oil)\s+$")
_NUMBERED_RESOLUTION = re.compile(r"\bresolutions?\s+\d{3,4}\b", re.I)
_MEASURES_NAMED = re.compile(r"\b(?:resolutions?\s+\d{3,4}|sanctions resolutions?)\b", re.I)
_RESOLUTION_BANS = re.compile(r"\w*(?:\s+[\w\-’']+){0,5}?\s+(?:prohibit(?:s|ed)?|bans?|banned|bars?|barred|caps?|capped|"
                              r"forbids?|forbade|restricts?|restricted|imposes?|imposed)\b", re.I)
_TABLED = re.compile(r"\b(?:draft(?:s|ed)?|tabled?|tables|circulated?|circulates|propos(?:e|es|ed)|introduc(?:e|es|ed)|"
                     r"sponsor(?:s|ed)?|co-sponsor(?:s|ed)?)\b[^.;:]{0,40}$", re.I)
_IMPLEMENTED = re.compile(r"\b(?:implement\w*|enforc\w*|comply\s+with|complian\w+\s+with|violat\w*|breach\w*|"
                          r"defy\w*|defian\w+\s+of|required\s+by|imposed\s+by)\s+(?:[\w\-’']+\s+){0,5}$", re.I)
# A package is sanctions unless a word before says it is aid ("a weapons package").
_AID_KINDS = frozenset({"military", "defence", "defense", "army", "naval", "munitions", "weapons",
                         "aid", "assistance", "support", "financial", "economic", "stimulus", "rescue",
                         "loan", "relief", "humanitarian", "security", "arms", "spending", "equipment", "winter",
                         "ammunition", "materiel"})
# A vote is diplomacy in an international body named near it, not voters or a parliament voting.
_BODY_NAMED = re.compile(r"\b(?:Security Council|General Assembly|UN|U\.N\.|United Nations|IAEA|OSCE)\b")
_UN_NAMED = re.compile(r"\b(?:Security Council|UN|U\.N\.|United Nations|resolutions?\s+\d{3,4})\b")


# Words for ties between states in general: diplomatic unless a word before puts them in the
# armed field ("military cooperation", "defence ties" are arms and troops, not diplomacy).
RELATION_TERMS = frozenset({"cooperation", "coordination", "partnership", "ties", "relations",
                            "cooperative", "consultations", "dialogue", "talks"})
ARMED_FIELD = frozenset({"military", "defence", "defense", "arms", "weapons", "army", "naval",
                         "munitions"})
# "the coordination of weapons deliveries", "cooperation on training": arms named after the tie.
_ARMS = frozenset({"weapons", "arms", "training", "munitions", "ammunition", "troops", "missiles",
                   "shells", "drones", "equipment"})
# Words for goods in general: they are arms only when nothing says they are something else.
GOODS_TERMS = frozenset({"deliveries", "shipments", "equipment", "technology", "supplies", "supply", "supplier",
                         "suppliers"})
# "gas deliveries", "shipments of grain", "medical equipment": civilian goods.
_CIVILIAN = frozenset({
    "oil", "gas", "coal", "grain", "wheat", "food", "fuel", "energy", "lng", "crude", "fertiliser",
    "fertilizer", "humanitarian", "medical", "medicine", "medicines", "electricity", "power",
    "cash", "money", "consumer", "civilian", "agricultural", "farm", "water", "aid", "relief",
    "vaccine", "vaccines", "cars", "solar", "textiles", "timber", "cement", "clothing",
    "pharmaceuticals", "rice", "sugar", "cotton", "coffee", "tea", "chips", "semiconductors", "memory",
    "rare", "batteries", "seafood",
})
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \-‐‑]+$")
_OF_WHAT = re.compile(r"\s+of\s+((?:[A-Za-z\-]+\s+){0,2}[A-Za-z\-]+)")
# "coordinates most Western deliveries": what a verb of ties acts on, when it is goods of war.
_OBJECT_WHAT = re.compile(r"\s+((?:[A-Za-z\-]+\s+){0,4}(?:deliveries|delivery|shipments|supplies|transfers|"
                          r"training and equipment))\b", re.I)


def _civilian_goods(text: str, term: Mention) -> str:
    """The goods a general word names when they are civilian ("gas deliveries", "deliveries of
    grain"), or ""."""
    before = _WORD_BEFORE.search(text, max(0, term.start - 20), term.start)
    if before and before.group(1).lower() in _CIVILIAN:
        return text[before.start():term.end]
    after = _OF_WHAT.match(text, term.end)
    if after:
        words = after.group(1).lower().split()
        words = words[:next((n for n, w in enumerate(words) if w in ("and", "or")), len(words))]
        if any(w in _CIVILIAN for w in words):
            return text[term.start:after.end()]
    # A verb's object: "supplies cars to Europe", "supplying grain".
    obj = _OBJECT_WORDS.match(text, term.end) if text[term.start:term.end].lower().startswith("suppl") else None
    if obj:
        words = obj.group(1).lower().split()
        words = words[:next((n for n, w in enumerate(words) if w in PREPOSITIONS or w in ("and", "or")), len(words))]
        if any(w in _CIVILIAN for w in words):
            return text[term.start:obj.end()]
    return ""


_OBJECT_WORDS = re.compile(r"\s+((?:[A-Za-z\-]+\s+){0,2}[A-Za-z\-]+)")


# "the US-ROK Alliance", "Japan-China Summit": a capitalised term after two names joined by a
# hyphen is their own instrument, not part of another name.
_BILATERAL = re.compile(r"\b[A-Z][\w.]*[-‐‑–][A-Z][\w.]*(?:\s+Leaders'?)?\s+$")
# "Ukrainian intelligence says ...": the agency, speaking.
# (Only verbs: "intelligence reports" and "intelligence estimates" are what is given.)
_SAYS = frozenset({"says", "said", "reported", "believes", "believed", "estimated", "claimed", "assesses",
                   "assessed", "thinks", "warns", "warned"})
# A term that qualifies one of these names a place, a body or another thing, not the
# instrument in use: "arms factories", "a coordination command", "the intelligence service",
# "an arms embargo" (a sanction), "arms control" (a treaty), "arms smuggling".
OTHER_HEADS = frozenset({
    "factory", "factories", "plant", "plants", "industry", "industries", "maker", "makers",
    "manufacturer", "manufacturers", "producer", "producers", "dealer", "dealers", "market",
    "markets", "command", "headquarters", "centre", "centres", "center", "centers", "depot",
    "depots", "warehouse", "warehouses", "race", "sector", "sectors", "cell", "unit", "units",
    "agency", "agencies", "service", "services", "embargo", "embargoes", "control", "controls",
    "trafficking", "smuggling", "smugglers", "traffickers", "chain", "chains",
    # "the EU's foreign policy chief", "an intelligence adviser": a person's title.
    "chief", "chiefs", "head", "heads", "spokesman", "spokeswoman", "spokesperson", "adviser",
    "advisers", "advisor", "advisors", "czar", "tsar",
    # "missile guidance", "a missile test", "its missile programme": a thing or an act of one's own.
    "guidance", "test", "tests", "testing", "launch", "launches",
})
_STOCKS = frozenset({"stockpiles", "production", "defence industry", "defense industry", "manpower",
                     *WEAPONS})
_PROGRAMMES = frozenset({"programme", "programmes", "program", "programs"})
_AND_ATTACKS = re.compile(r"(?:\s+and\s+[A-Za-z\-]+)?\s+(?:attacks?|strikes|raids|barrages?|bombardments?)\b", re.I)
_NEXT_WORD = re.compile(r"[ \-‐‑]+([A-Za-z]+)")
