"""What the finder proposes for a cell: one sentence of a source, its score and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    """A sentence proposed as evidence for one (actor, instrument) cell.

    `start`/`end` are character offsets into the source's text, so citing the suggestion
    anchors the excerpt at exactly this sentence. `why` lists the reasons behind the score
    in plain words, strongest first.
    """

    source_id: int
    source_title: str
    sentence_id: int
    text: str
    start: int
    end: int
    score: float
    matched_alias: str  # the actor's name or alias as listed in the frame
    matched_terms: tuple[str, ...]  # the instrument's terms as listed
    why: tuple[str, ...] = ()
    cited: bool = False  # already cited in this cell
    direct: bool = False  # the actor acts with the instrument (else the sentence is only related)
    duplicates: int = 0  # near-identical sentences folded into this one
    duplicate_sources: tuple[int, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The documented shape of one item of `workbench suggest --json`."""
        return {
            "source_id": self.source_id,
            "source_title": self.source_title,
            "sentence_id": self.sentence_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 3),
            "matched_alias": self.matched_alias,
            "matched_terms": list(self.matched_terms),
            "why": list(self.why),
            "direct": self.direct,
            "cited": self.cited,
            "duplicates": self.duplicates,
        }
