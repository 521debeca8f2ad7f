"""The field's fixed scales: estimative language, confidence, Admiralty grades, TLP markings."""

from __future__ import annotations

# ICD 203 likelihood words, least to most likely.
LIKELIHOOD: tuple[str, ...] = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)

# Confidence is judged separately from likelihood.
CONFIDENCE: tuple[str, ...] = ("low", "moderate", "high")

PRIORITY: tuple[str, ...] = ("low", "medium", "high")

# Work status of a matrix cell, in the order an analyst moves through them.
STATUS: tuple[str, ...] = ("empty", "draft", "review", "final")

# Admiralty code: source reliability (graded once per source) ...
RELIABILITY: dict[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
# ... and information credibility (graded per excerpt).
CREDIBILITY: dict[int, str] = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}

# TLP 2.0 labels, most to least restrictive.
TLP: tuple[str, ...] = ("TLP:RED", "TLP:AMBER+STRICT", "TLP:AMBER", "TLP:GREEN", "TLP:CLEAR")


def _match(word: str, allowed: tuple[str, ...], what: str) -> str:
    """Return the canonical spelling of *word* from *allowed*; '' stays ''."""
    w = " ".join(word.strip().lower().replace("-", " ").split())
    if not w:
        return ""
    for a in allowed:
        if a.lower() == w:
            return a
    raise ValueError(f"{what} must be one of: {', '.join(allowed)} (got {word!r})")


def likelihood(word: str) -> str:
    return _match(word, LIKELIHOOD, "likelihood")


def confidence(word: str) -> str:
    return _match(word, CONFIDENCE, "confidence")


def priority(word: str) -> str:
    return _match(word, PRIORITY, "priority")


def status(word: str) -> str:
    return _match(word, STATUS, "status") or "empty"


def reliability(grade: str) -> str:
    g = grade.strip().upper()
    if g not in RELIABILITY:
        raise ValueError(f"reliability must be a letter A-F (got {grade!r})")
    return g


def credibility(value: int | str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"credibility must be a number 1-6 (got {value!r})") from None
    if n not in CREDIBILITY:
        raise ValueError(f"credibility must be a number 1-6 (got {value!r})")
    return n


def marking(text: str) -> str:
    """A TLP label in canonical form, or a free classification line as given (trimmed)."""
    t = " ".join(text.split())
    up = t.upper().replace(" ", "")
    if not up.startswith("TLP:") and up.startswith("TLP"):
        up = "TLP:" + up[3:]
    for label in TLP:
        if up == label or (label == "TLP:CLEAR" and up == "TLP:WHITE"):
            return label
    return t
