"""Typed change notices: after a write, one of these says what changed.

The session sends them to every pane that subscribed (`session.notices.connect(...)`); each
pane decides for itself what to show again. A notice is a small frozen value whose fields
always mean the same thing, so a pane matches on the type, never on a string kind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """Base of all change notices."""


@dataclass(frozen=True)
class CellChanged(Notice):
    """Posture, options, a scale, priority or status of one cell."""

    cell_id: int


@dataclass(frozen=True)
class EvidenceChanged(Notice):
    """A passage of *source_id* was cited in, or taken out of, cell *cell_id*."""

    cell_id: int
    source_id: int


@dataclass(frozen=True)
class ExcerptChanged(Notice):
    """An excerpt's credibility or note (it may be cited in several cells)."""

    excerpt_id: int
    source_id: int


@dataclass(frozen=True)
class FrameChanged(Notice):
    """Actors or instruments were added, renamed, moved or removed."""


@dataclass(frozen=True)
class SourceChanged(Notice):
    """The metadata or reliability grade of one source."""

    source_id: int


@dataclass(frozen=True)
class SourcesChanged(Notice):
    """Sources were added or removed (an import, a removal)."""


@dataclass(frozen=True)
class BriefsChanged(Notice):
    """A brief was created, renamed, edited or deleted; *name* is its name now ('' if gone)."""

    name: str = ""


# Notices after which the evidence finder's suggestions may differ.
SUGGESTION_NOTICES = (FrameChanged, SourcesChanged)
