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


def _tlp_key(text: str) -> str:
    """A marking with case and spacing normalised: ' tlp : amber + strict ' -> 'TLP:AMBER+STRICT'."""
    up = "".join(text.split()).upper()
    if not up.startswith("TLP:") and up.startswith("TLP"):
        up = "TLP:" + up[3:].lstrip("-_")
    return "TLP:CLEAR" if up == "TLP:WHITE" else up  # TLP 1.0's WHITE is 2.0's CLEAR


def looks_like_tlp(text: str) -> bool:
    """Whether *text* is meant as a TLP label (valid or not) rather than a classification line."""
    return _tlp_key(text).startswith("TLP:")


def tlp(text: str) -> str:
    """The canonical TLP 2.0 label *text* names; ValueError listing the valid labels otherwise."""
    key = _tlp_key(text)
    if key in TLP:
        return key
    raise ValueError(f"{' '.join(text.split())!r} is not a TLP 2.0 label; use one of: {', '.join(TLP)}")


def unknown_tlp(text: str) -> bool:
    """Whether *text* looks like a TLP label but is not one (e.g. 'TLP:AMBRE')."""
    return looks_like_tlp(text) and _tlp_key(text) not in TLP


def marking(text: str) -> str:
    """A TLP label in canonical form, or a free classification line as given (trimmed).

    An unknown "TLP:..." label is kept as typed so that nothing is lost; the pre-export
    review reports it, and the command line refuses it up front.
    """
    t = " ".join(text.split())
    key = _tlp_key(t)
    return key if key in TLP else t
