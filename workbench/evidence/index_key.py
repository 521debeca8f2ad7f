"""The key the evidence index gives a sentence's wording (shared by identical sentences)."""

from __future__ import annotations

import hashlib


def sentence_key(text: str) -> int:
    """A 32-bit key shared by sentences of identical wording (case and punctuation aside).

    32 bits, as the index stores them: two different wordings of one cell share a key about
    once in four billion pairs, and then count once in its figures and are folded together
    among its suggestions; a count from scratch uses the same key, so it agrees. (The low 32
    bits of the 64-bit key of schema 10, so a row of that key can be carried over.)"""
    from workbench.evidence.finder import text_key

    digest = hashlib.blake2b(text_key(text).encode(), digest_size=8).digest()
    return int.from_bytes(digest[4:], "big")
