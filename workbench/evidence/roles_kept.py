"""What the actor has, named with no act: "Russian drones shot down over Ukraine" (its own
arms, which no word of the clause passes on to another) and "the Russian embassy in London"
(its own diplomatic post, neither acting nor meeting anyone). Asked by `roles_owners` once the
actor is found to own the term."""

from __future__ import annotations

from workbench.evidence.clauses import Clause
from workbench.evidence.matching import Mention
from workbench.evidence.roles_base import Sentence
from workbench.evidence.roles_targets import RECEIVE
from workbench.evidence.words import RECIPROCAL, WEAPONS


def own_things(s: Sentence, term: Mention, c: Clause) -> str:
    """"Russian drones shot down over Ukraine", "the Russian embassy in London": a term that
    names the actor's own arms or diplomats, with no word in the clause of passing arms on,
    says what the actor has, not that it acts; what kind of thing it is, or ""."""
    label = term.label.lower()
    words = {t.low for t in s.toks[c.first:c.last]}
    if label in WEAPONS:
        # "North Korean shells shipped to Russia", "Moscow keeps importing North Korean shells"
        return "" if words & _PASSING_ON or words & RECEIVE else "arms"
    # "met his Japanese counterpart": both sides of a meeting act; so does the subject of a
    # verb ("the Chinese ambassador addressed the council").
    t_first = s.span(term)[0]
    acting = c.subject <= t_first < c.verb
    return "diplomats" if label in _DIPLOMATIC_POSTS and not words & RECIPROCAL and not acting else ""


# Giving, carrying, arriving and relying on: arms that go to another are aid ("North Korean
# shells arriving in Russia", "depends on North Korean shells"); in the actor's own hands they
# are not.
_PASSING_ON = frozenset({
    "send", "sends", "sent", "sending", "ship", "ships", "shipped", "shipping", "supply", "supplies",
    "supplied", "supplying", "deliver", "delivers", "delivered", "delivering", "provide", "provides",
    "provided", "providing", "give", "gives", "gave", "given", "transfer", "transfers", "transferred",
    "sell", "sells", "sold", "selling", "arrive", "arrives", "arrived", "arriving", "reach", "reaches",
    "reached", "reaching", "pledge", "pledged", "lend", "lent", "from", "to", "depends", "depend", "depended",
    "dependent", "relies", "rely", "relied", "reliance",
})
# Posts and missions that act for the actor: owning one is no act ("the US delegation left").
_DIPLOMATIC_POSTS = frozenset({"ambassador", "ambassadors", "embassy", "consulate", "delegation", "delegations",
                               "diplomat", "diplomats", "counterpart", "counterparts", "envoy", "representative",
                               "representatives", "delegate", "delegates", "emissary", "permanent mission"})
