"""The finder's reading of a sentence never fails, whatever the order of its words.

Sources are untrusted text: a sentence may open with "If" and have no comma, end on a comma,
hold nothing but punctuation, or put a relative pronoun last. The rules look at neighbouring
words by index, so every such shape is tried here with the default frame's names and terms.
"""

from __future__ import annotations

import random

import pytest

from workbench import sample
from workbench.domain.models import Actor, Instrument
from workbench.evidence.analysis import analyse, frame_of
from workbench.evidence.clauses import OPENING_CLAUSE
from workbench.evidence.words import SUBORDINATORS


@pytest.fixture(scope="module")
def frame():
    data = sample.default_frame()
    actors = [Actor(n, f"a{n}", a["name"], tuple(a["aliases"]), n) for n, a in enumerate(data["actors"], 1)]
    instruments = [Instrument(n, f"i{n}", i["name"], tuple(i["terms"]), n)
                   for n, i in enumerate(data["instruments"], 1)]
    return frame_of(actors, instruments)


_WORDS = [
    *sorted(OPENING_CLAUSE), *sorted(SUBORDINATORS), "that", "it", "they", "was", "is", "the", "a", "of",
    "with", "by", "from", "to", "for", "and", "or", "not", "no", "once", "former", "so-called", "according",
    "request", "chance", "alleged", "met", "held", "talks", "sanctions", "imposed", "sent", "weapons", "rounds",
    "shells", "vote", "voted", "resolution", "under", "own", "forces", "asked", "urged", "called", "on",
    "Japan", "Seoul", "Russia's", "Pyongyang", "the United States", "EU", "Kim", "UN Security Council",
    ",", ",", ".", "?", ":", ";", "—", "-", "(", ")", "'", "\"", "’s",
]


def _sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 14))]
        out.append(" ".join(words))
    return out


def test_odd_sentences_are_read_without_error(frame):
    # The shapes that once broke the reading: an opening clause without a comma, or one that
    # ends the sentence on a comma.
    fixed = [
        "If Japan imposes sanctions Russia will retaliate.",
        "If Japan imposes sanctions,",
        "Should Seoul send shells",
        "When,",
        "If , Japan sanctions",
        "Japan imposed sanctions, and",
        "It was Japan that",
        "Kyiv's request that",
        "Russia, which once",
    ]
    for text in fixed + _sentences(10_000, seed=13):
        analyse(text, frame)  # raises on a failure, naming nothing: the text is in the traceback
