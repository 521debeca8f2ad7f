"""The sample project: the seed articles, the default frame, and a few worked cells."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench import paths
from workbench.domain.models import Brief, ParsedDocument
from workbench.ingest.reader import read_document
from workbench.store import briefs, cells, excerpts, frame, sources
from workbench.store.project import Project


def default_frame() -> dict[str, list[dict[str, Any]]]:
    """Default actors (with aliases) and instruments (with terms) from resources/frame.json."""
    return json.loads((paths.resources() / "frame.json").read_text(encoding="utf-8"))


def add_default_instruments(project: Project) -> None:
    for inst in default_frame()["instruments"]:
        frame.add_instrument(project, inst["name"], inst["terms"])


def add_default_actors(project: Project) -> None:
    """The sample's ten actors with their aliases (resources/frame.json)."""
    for act in default_frame()["actors"]:
        frame.add_actor(project, act["name"], act["aliases"])


def create_empty(path: Path | str, name: str = "", *, user: str | None = None) -> Project:
    """A new project with the default instruments and no actors or sources."""
    project = Project.create(path, name, user=user)
    add_default_instruments(project)
    return project


def create_sample(path: Path | str) -> Project:
    """A new project holding the sample: seed sources, actors, instruments, worked cells."""
    project = Project.create(path, "North Korean troops in Russia's war (sample)")
    try:
        _fill_sample(project)
    except BaseException:
        # A half-made sample is worse than none: the next start would open it as it is.
        project.close()
        Path(path).unlink(missing_ok=True)
        raise
    return project


def _fill_sample(project: Project) -> None:
    add_default_instruments(project)
    add_default_actors(project)
    seeds = paths.seeds()
    meta = json.loads((seeds / "sources.json").read_text(encoding="utf-8"))
    ids: dict[str, int] = {}
    with project.transaction():
        for m in meta:
            parsed = read_document(seeds / m["file"])
            doc = ParsedDocument(
                text=parsed.text, title=m.get("title") or parsed.title, format=parsed.format,
                filename=m["file"], author=m.get("author", ""), outlet=m.get("outlet", ""),
                published=m.get("published", ""), url=m.get("url", ""),
            )
            source_id = sources.add(project, doc, reliability=m.get("reliability", "F"))
            if source_id is not None:
                ids[m["file"]] = source_id
    worked = seeds / "cells.json"
    if worked.exists():
        _add_worked_cells(project, json.loads(worked.read_text(encoding="utf-8")), ids)
    brief_file = seeds / "brief.json"
    if brief_file.exists():
        briefs.save(project, Brief(**json.loads(brief_file.read_text(encoding="utf-8"))))


def _add_worked_cells(project: Project, items: list[dict[str, Any]], ids: dict[str, int]) -> None:
    for item in items:
        actor = frame.find_actor(project, item["actor"])
        inst = frame.find_instrument(project, item["instrument"])
        cell = cells.get(project, actor.id, inst.id)
        fields = {k: item[k] for k in ("posture", "options", "likelihood", "confidence", "priority", "status")
                  if k in item}
        cells.update(project, cell.id, **fields)
        for ev in item.get("evidence", []):
            source_id = ids.get(ev["file"])
            if source_id is None:
                continue
            text = sources.get(project, source_id).text or ""
            start = text.find(ev["quote"])
            if start < 0:
                continue  # seed text changed; skip rather than cite the wrong place
            excerpts.cite(project, cell.id, source_id, start, start + len(ev["quote"]),
                          credibility=ev.get("credibility", 3), note=ev.get("note", ""))


def known_actor(name: str) -> dict[str, Any] | None:
    """The bundled actor called *name* or known by it as an alias (its name and aliases)."""
    return _known(default_frame()["actors"], name, "aliases")


def known_instrument(name: str) -> dict[str, Any] | None:
    """The bundled instrument called *name* (its name and terms)."""
    return _known(default_frame()["instruments"], name, None)


def _known(items: list[dict[str, Any]], name: str, alias_key: str | None) -> dict[str, Any] | None:
    want = " ".join(name.split()).casefold()
    for item in items:
        names = [item["name"], *(item.get(alias_key, []) if alias_key else [])]
        if any(n.casefold() == want for n in names):
            return item
    return None
