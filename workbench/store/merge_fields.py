"""The three-way decision for one field of a row both sides have, over the revision graph.

Each side's head revision says who last changed the field; the graph says whether one change
was made after seeing the other. The side that changed it since the copies parted wins; two
changes neither saw become a dispute that keeps both values.
"""

from __future__ import annotations

from typing import Any, Literal

from workbench.store.revisions import Graph

Decision = Literal["same", "agree", "agree_theirs", "dispute", "mine", "theirs"]


def decide(graph: Graph, mine_rev: str, theirs_rev: str, mine: Any, theirs: Any) -> Decision:
    """What a merge does with one field:

    same: nothing changed; agree: both hold the same value (agree_theirs: and THEIRS' head is
    the one to keep, the newer or, both new, the larger); dispute: different changes neither
    side saw; mine: only MINE changed it; theirs: only THEIRS changed it, so its value is taken.
    """
    hm, ht = mine_rev, theirs_rev
    if hm == ht and mine == theirs:
        return "same"
    if mine == theirs:
        if ht and (not hm or (graph.is_ancestor(hm, ht) or (not graph.is_ancestor(ht, hm) and ht > hm))):
            return "agree_theirs"
        return "agree"
    if hm == ht or (ht and hm and not graph.is_ancestor(ht, hm) and not graph.is_ancestor(hm, ht)):
        return "dispute"
    if not ht or graph.is_ancestor(ht, hm):
        return "mine"
    return "theirs"
