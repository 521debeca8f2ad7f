"""What each exported brief said, kept in the project so the next brief can say what changed.

A snapshot is small plain data (judgments, their likelihood and confidence, the evidence
they cite, the marking, the date), never the document itself. The content column is JSON
written by us but read from a file that may come from anywhere, so reading it keeps only
well-formed entries and never fails on a damaged one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from workbench.store.project import Project, new_uuid


@dataclass(frozen=True)
class EvidenceRef:
    """One piece of evidence a judgment cited: which excerpt, of which source, how graded."""

    excerpt: str  # excerpt uuid
    source: str  # source uuid
    source_title: str = ""
    reliability: str = ""
    credibility: int = 0


@dataclass(frozen=True)
class Judgment:
    """One cell as an export printed it."""

    cell: str  # cell uuid
    actor: str
    instrument: str
    posture: str = ""
    options: str = ""
    likelihood: str = ""
    confidence: str = ""
    status: str = ""
    evidence: tuple[EvidenceRef, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    brief_name: str
    exported_at: str  # ISO time of the export
    format: str  # "pdf" or "docx"
    marking: str
    date: str = ""  # the date printed on the brief
    key_judgments: str = ""
    judgments: tuple[Judgment, ...] = ()
    id: int | None = None


def record(project: Project, snapshot: Snapshot) -> Snapshot:
    """Store *snapshot* (one logged transaction) and return it with its id and time."""
    stamp = project.stamp()
    exported_at = snapshot.exported_at or stamp["updated_at"]
    content = json.dumps(_content(snapshot), ensure_ascii=False, sort_keys=True)
    row_uuid = new_uuid()
    with project.transaction() as db:
        cur = db.execute(
            "INSERT INTO brief_snapshot (brief_name, exported_at, format, marking, content, uuid,"
            " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (snapshot.brief_name, exported_at, snapshot.format, snapshot.marking, content, row_uuid,
             stamp["updated_at"], stamp["updated_by"]),
        )
        project.log("insert", "brief_snapshot", row_uuid, None,
                    {"brief_name": snapshot.brief_name, "format": snapshot.format})
    return Snapshot(**{**_fields(snapshot), "exported_at": exported_at, "id": cur.lastrowid})


def latest(project: Project, brief_name: str) -> Snapshot | None:
    """The last export of the brief called *brief_name* (any letter case), or None."""
    r = project.row(
        "SELECT * FROM brief_snapshot WHERE brief_name = ? COLLATE NOCASE"
        " ORDER BY exported_at DESC, id DESC LIMIT 1",
        (brief_name,),
    )
    return None if r is None else _snapshot(r)


def history(project: Project, brief_name: str) -> list[Snapshot]:
    """Every export of one brief, oldest first."""
    rows = project.rows(
        "SELECT * FROM brief_snapshot WHERE brief_name = ? COLLATE NOCASE ORDER BY exported_at, id",
        (brief_name,),
    )
    return [_snapshot(r) for r in rows]


def _fields(snapshot: Snapshot) -> dict[str, Any]:
    return {f: getattr(snapshot, f) for f in snapshot.__dataclass_fields__}


def _content(snapshot: Snapshot) -> dict[str, Any]:
    return {"date": snapshot.date, "key_judgments": snapshot.key_judgments,
            "judgments": [asdict(j) for j in snapshot.judgments]}


def _snapshot(r: dict[str, Any]) -> Snapshot:
    try:
        data = json.loads(r["content"])
    except (TypeError, ValueError, RecursionError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    judgments = data.get("judgments")
    return Snapshot(
        brief_name=str(r["brief_name"]), exported_at=str(r["exported_at"]), format=str(r["format"]),
        marking=str(r["marking"]), date=_text(data.get("date")), key_judgments=_text(data.get("key_judgments")),
        judgments=tuple(j for j in map(_judgment, judgments if isinstance(judgments, list) else [])
                        if j is not None),
        id=r["id"],
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _judgment(data: Any) -> Judgment | None:
    if not isinstance(data, dict) or not isinstance(data.get("cell"), str):
        return None
    evidence = data.get("evidence")
    refs = []
    for e in evidence if isinstance(evidence, list) else []:
        if isinstance(e, dict) and isinstance(e.get("excerpt"), str):
            cred = e.get("credibility")
            refs.append(EvidenceRef(e["excerpt"], _text(e.get("source")), _text(e.get("source_title")),
                                    _text(e.get("reliability")), cred if isinstance(cred, int) else 0))
    return Judgment(
        cell=data["cell"], actor=_text(data.get("actor")), instrument=_text(data.get("instrument")),
        posture=_text(data.get("posture")), options=_text(data.get("options")),
        likelihood=_text(data.get("likelihood")), confidence=_text(data.get("confidence")),
        status=_text(data.get("status")), evidence=tuple(refs),
    )

