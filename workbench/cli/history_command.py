"""`workbench history PROJECT ACTOR INSTRUMENT [--json]`: every change to one cell.

The JSON shape is documented in the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.store import cells, frame
from workbench.store.history import cell_history
from workbench.store.project import Project


def _show(value: Any) -> str:
    if value is None:
        return "?"
    text = " ".join(str(value).split()) if value != "" else "(empty)"
    return text if len(text) <= 50 else text[:49] + "…"


def run(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        actor = frame.find_actor(project, args.actor)
        instrument = frame.find_instrument(project, args.instrument)
        entries = cell_history(project, cells.get(project, actor.id, instrument.id).id)
    if args.json:
        json.dump([e.to_json() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not entries:
        print(f"{actor.name} × {instrument.name}: no recorded changes")
        return 0
    for e in entries:
        via = f"  [merged from {e.merge['from']} on {e.merge['at']}]" if e.merge else ""
        print(f"{e.at}  {e.by}  {e.action} {e.what}{via}")
        for f in e.fields:
            change = f"{_show(f.before)} → {_show(f.after)}" if f.known else "(values not kept in this copy)"
            print(f"    {f.field}: {change}")
    return 0


def register(cmd) -> None:
    sp = cmd("history", run, "every change to one cell: who, when, what, and which merge brought it")
    sp.add_argument("project")
    sp.add_argument("actor", help="actor name or alias")
    sp.add_argument("instrument", help="instrument name")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
