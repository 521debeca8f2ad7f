"""The key the evidence index gives a sentence's wording (shared by identical sentences)."""

from __future__ import annotations

import hashlib


def sentence_key(text: str) -> int:
    """A 64-bit key shared by sentences of identical wording (case and punctuation aside)."""
    from workbench.evidence.finder import text_key

    return int.from_bytes(hashlib.blake2b(text_key(text).encode(), digest_size=8).digest(), "big", signed=True)
