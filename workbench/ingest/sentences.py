"""Sentence spans for imported text: the rule itself lives in workbench.domain.sentences.

It sits in domain, below the store, because the store keeps each source's sentence index in
step with its text (on import, merge and repair) and must not depend on the importer.
"""

from workbench.domain.sentences import split_sentences

__all__ = ["split_sentences"]
