"""The project's sources as CSL-JSON, the format Zotero and other reference managers import.

Only what the workbench knows is written: title, authors (as literal names, since they are
stored as one line), outlet, date, URL and the note. Each record's id is the source's
uuid, so a second export of the same project gives the same ids.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.domain.models import Source

_TYPES = {"html": "webpage", "pdf": "report", "docx": "report", "odt": "report"}


def to_csl(items: list[Source]) -> list[dict[str, Any]]:
    """CSL-JSON records for *items*, in the given order."""
    return [_record(s) for s in items]


def _record(s: Source) -> dict[str, Any]:
    record: dict[str, Any] = {"id": s.uuid, "type": _TYPES.get(s.format, "article"), "title": s.title}
    names = [n.strip() for n in re.split(r",|\band\b|;", s.author) if n.strip()]
    if names:
        record["author"] = [{"literal": n} for n in names]
    if s.outlet:
        record["container-title"] = s.outlet
    parts = [int(p) for p in s.published.split("-") if p.isdigit()][:3]
    if parts:
        record["issued"] = {"date-parts": [parts]}
    if s.url:
        record["URL"] = s.url
    if s.note:
        record["note"] = s.note
    return record
