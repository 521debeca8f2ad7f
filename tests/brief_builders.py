"""Real project files for the brief and export tests: worked cells, citations, a brief."""

from __future__ import annotations

import subprocess
from pathlib import Path

from workbench import paths, sample
from workbench.domain.models import Brief
from workbench.ingest.importer import import_paths
from workbench.store import briefs, cells, excerpts, frame, sources
from workbench.store.project import Project

# (actor, instrument, fields, quotes): each quote is an exact passage of a seed article.
WORKED = [
    ("United States", "Sanctions",
     {"posture": "Widen sanctions on North Korea's military industries and Russian facilitators.",
      "options": "- **Designate** transport and payment networks\n- Coordinate with *Seoul*\n  1. first\n  2. second",
      "likelihood": "likely", "confidence": "moderate", "priority": "high", "status": "final"},
     ["intensify sanctions on both North Korea and Russia"]),
    ("United States", "Military aid",
     {"posture": "Increase military, financial and humanitarian assistance to Ukraine.",
      "likelihood": "very likely", "confidence": "high", "status": "review"},
     ["Washington is expected to increase military, financial, and humanitarian assistance to Ukraine"]),
    ("China", "Diplomacy",
     {"posture": "Beijing walks a fine line between Moscow and the wider world.",
      "options": "Press Beijing privately to restrain Pyongyang.",
      "likelihood": "likely", "confidence": "moderate", "status": "draft"},
     ["China walks a fine line in maintaining stable relations with the hermetic state"]),
    ("European Union", "Sanctions",
     {"posture": "Additional sanctions on Russia and Pyongyang once involvement is verified.",
      "likelihood": "likely", "confidence": "moderate", "status": "final"},
     ["EU leaders have cautioned that any verified North Korean involvement in the Ukraine war would lead to "
      "additional sanctions directed at both Russia and Pyongyang"]),
]


def seed_files() -> list[Path]:
    return sorted(paths.seeds().glob("*.txt"))


def worked_project(path: Path, brief: Brief | None = None) -> Project:
    """A project with the default frame, the seed articles, four judged cells and a brief."""
    project = sample.create_empty(path, "Worked project")
    sample.add_default_actors(project)
    import_paths(project, seed_files())
    for s in sources.list_all(project):
        sources.update(project, s.id, outlet=f"Outlet {s.id}", published="2024-10-25", reliability="C",
                       url=f"https://example.org/article/{s.id}")
    for actor, instrument, fields, quotes in WORKED:
        add_cell(project, actor, instrument, fields, quotes)
    briefs.save(project, brief or Brief(name="Main", title="Worked brief", author="Test Unit",
                                        date="2024-11-25", marking="TLP:AMBER", bluf="The bottom line.",
                                        key_judgments="1. North Korea is **likely** to stay."))
    return project


def add_cell(project: Project, actor: str, instrument: str, fields: dict, quotes: list[str],
             credibility: int = 2) -> int:
    a, i = frame.find_actor(project, actor), frame.find_instrument(project, instrument)
    cell = cells.get(project, a.id, i.id)
    cells.update(project, cell.id, **fields)
    for quote in quotes:
        for s in sources.list_all(project):
            text = sources.get(project, s.id).text or ""
            at = text.find(quote)
            if at >= 0:
                excerpts.cite(project, cell.id, s.id, at, at + len(quote), credibility=credibility)
                break
        else:
            raise AssertionError(f"quote not in any source: {quote!r}")
    return cell.id


def pdf_text(pdf: Path, *, layout: bool = False) -> str:
    """The text of a PDF in reading order, by poppler's pdftotext."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_texts(pdf: Path) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def flat(text: str) -> str:
    """Text with all white space (including line breaks) collapsed, for phrase searches."""
    return " ".join(text.split())
