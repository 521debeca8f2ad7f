"""A small logistic model that weighs the finder's own reading of a sentence.

The rules (roles, terms, clauses) read each sentence into a handful of plain features: the
kind of role the actor plays, how strong the term is, how close actor and term stand,
whether the sentence is a heading, a question, a conditional or a negation. Rules tuned on
one set's misses lift that set and little else; a few weights learned from every labelled set
at once say how much each feature is worth. Leave-one-set-out fits (bench/bench_finder_sets.py
--loso) show what that is worth on a set the weights were not fitted to; the weights shipped
are fitted to every set. The model only withdraws a direct mark the rules gave.

    features(...) in ranking.py            a tuple in the order of FEATURES
    probability(x) -> float                how likely the sentence is direct evidence
    fit(rows, targets) -> (bias, weights)  plain gradient descent, no dependency

The weights live in resources/finder_model.json (a few dozen numbers), written by
`bench/bench_finder_sets.py --train` from all labelled sets.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from workbench import paths

ROLE_KINDS = ("agent", "party", "urged", "owner", "by", "source", "requester", "asker", "target",
              "reporter", "place", "counterpart", "example")  # "mentioned" is the baseline
FEATURES = (
    "direct role", "role points", *(f"role: {k}" for k in ROLE_KINDS), "actor named plainly",
    "term strength", "further terms", "close together", "far apart", "question", "heading",
    "no closing punctuation", "conditional", "hypothetical verb", "negation", "other actors",
    "rules' weighing",
)
MODEL_FILE = "finder_model.json"


@dataclass(frozen=True)
class Weights:
    bias: float
    weights: tuple[float, ...]
    direct_at: float  # a probability at or above this marks the sentence direct

    def as_json(self) -> dict:
        return {"features": list(FEATURES), "bias": round(self.bias, 4),
                "weights": [round(w, 4) for w in self.weights], "direct_at": round(self.direct_at, 4)}


def from_json(data: dict) -> Weights:
    if list(data["features"]) != list(FEATURES):
        raise ValueError("the model's features do not match this version of the finder")
    return Weights(float(data["bias"]), tuple(float(w) for w in data["weights"]), float(data["direct_at"]))


@cache
def _stored() -> Weights:
    return from_json(json.loads((paths.resources() / MODEL_FILE).read_text(encoding="utf-8")))


_override: list[Weights] = []


def current() -> Weights:
    """The weights in use: the stored ones, unless `using` put others in place."""
    return _override[-1] if _override else _stored()


@contextmanager
def using(weights: Weights):
    """Score with *weights* inside the block (for measuring a fold that left a set out)."""
    _override.append(weights)
    try:
        yield
    finally:
        _override.pop()


_recording: list[bool] = []


def recording() -> bool:
    """Whether related sentences are read into features too (only while fitting)."""
    return bool(_recording)


@contextmanager
def record():
    """Inside the block every sentence shown is read into features, related ones included: the
    model is fitted to all of them, though in use it only weighs what the rules call direct."""
    _recording.append(True)
    try:
        yield
    finally:
        _recording.pop()


def probability(x: Sequence[float], w: Weights | None = None) -> float:
    w = w or current()
    return _sigmoid(w.bias + sum(a * b for a, b in zip(w.weights, x)))


def weigh(x: Sequence[float], w: Weights | None = None) -> tuple[float, list[tuple[str, float]]]:
    """The probability and the features that weighed (name, share of the logit), the largest
    share first."""
    w = w or current()
    parts = [(abs(a * b), name, a * b) for name, a, b in zip(FEATURES, w.weights, x) if a * b]
    parts.sort(reverse=True)
    return _sigmoid(w.bias + sum(p[2] for p in parts)), [(name, part) for _a, name, part in parts]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit(rows: Sequence[Sequence[float]], targets: Sequence[float], *, l2: float = 0.02,
        steps: int = 1000, rate: float = 0.5) -> tuple[float, tuple[float, ...]]:
    """Logistic regression by full-batch gradient descent: (bias, weights). *targets* are 0..1
    (a grade of 2 is 1, a grade of 1 may be given a part)."""
    n, width = len(rows), len(FEATURES)
    bias, w = 0.0, [0.0] * width
    for _ in range(steps):
        grad_b, grad = 0.0, [0.0] * width
        for x, y in zip(rows, targets):
            err = _sigmoid(bias + sum(a * b for a, b in zip(w, x))) - y
            grad_b += err
            for j, v in enumerate(x):
                if v:
                    grad[j] += err * v
        bias -= rate * grad_b / n
        w = [wj - rate * (gj / n + l2 * wj) for wj, gj in zip(w, grad)]
    return bias, tuple(w)
