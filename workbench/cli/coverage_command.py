"""`workbench coverage PROJECT [--json]`: per cell, the direct evidence sentences and how many
excerpts are cited, the same figures as the window's coverage view.

The figures come from the project's evidence index, brought up to date first (only what
changed since it was last used is read again; after an upgrade or a change of the finder's
rules the whole index is built once, which reads every candidate sentence). A project that
cannot be written (open in the window, or a read-only file) is counted from its sentences
without keeping anything. JSON output: {"cells": [{"actor_id", "actor", "instrument_id",
"instrument", "direct", "cited"}, ...]} in the matrix's order, one object per cell.
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench.store.project import Project


def run(args: argparse.Namespace) -> int:
    """Print every cell's coverage."""
    from workbench.evidence.coverage import coverage  # the finder: loaded only by this command
    from workbench.store import frame

    with Project.open(args.project) as project, project.guard():  # a damaged file: said plainly
        counts = coverage(project)
        actors = frame.actors(project)
        instruments = frame.instruments(project)
    cells = [{"actor_id": a.id, "actor": a.name, "instrument_id": i.id, "instrument": i.name,
              "direct": counts[(a.id, i.id)][0], "cited": counts[(a.id, i.id)][1]}
             for a in actors for i in instruments]
    if args.json:
        json.dump({"cells": cells}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not cells:
        print("the matrix has no cells yet: add actors and instruments", file=sys.stderr)
        return 0
    width = max(len(f"{c['actor']} × {c['instrument']}") for c in cells)
    for c in cells:
        label = f"{c['actor']} × {c['instrument']}"
        print(f"{label:<{width}}  {c['direct']:>7,} direct  {c['cited']:>4} cited")
    return 0


def register(cmd) -> None:
    """Add the sub-command to the parser (called by workbench.cli.parser)."""
    sp = cmd("coverage", run, "per cell: direct evidence sentences in the sources, and excerpts cited")
    sp.add_argument("project")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
