"""`workbench disputes PROJECT [--json]` and
`workbench resolve PROJECT ACTOR INSTRUMENT --keep mine|theirs [--field NAME]`, and
`workbench resolve PROJECT --id N --keep mine|theirs` for any one dispute by the id `disputes` lists
(also those about a source, an actor's name or a brief).

The JSON shape of `disputes --json` is documented in the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.store import cells, disputes, frame
from workbench.store.project import Project


def _show(value: Any) -> str:
    text = " ".join(str(value).split()) if value not in (None, "") else "(empty)"
    return text if len(text) <= 70 else text[:69] + "…"


def list_disputes(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project:
        items = disputes.list_all(project)
    if args.json:
        json.dump([d.to_json() for d in items], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not items:
        print("no disputes")
        return 0
    for d in items:
        where = d.label if d.table == "cell" else f"{d.table} {d.label}"
        print(f"{d.id:>4}  {where} — {d.field}")
        print(f"      mine:   {_show(d.mine)}  ({d.mine_by}, {d.mine_at})")
        print(f"      theirs: {_show(d.theirs)}  ({d.theirs_by}, {d.theirs_at})")
    return 0


def resolve(args: argparse.Namespace) -> int:
    from workbench.cli.commands import UsageError

    if (args.id is None) == (args.actor is None or args.instrument is None):
        raise UsageError("name the cell (ACTOR INSTRUMENT) or one dispute (--id N), not both")
    with Project.open(args.project) as project:
        if project.read_only:
            raise ValueError(f"{project.path.name} cannot be changed: {project.read_only_reason}.")
        if args.id is not None:
            d = disputes.get(project, args.id)
            disputes.resolve(project, d.id, args.keep)
            print(f"{d.label} {d.field}: kept {args.keep}")
            return 0
        actor = frame.find_actor(project, args.actor)
        instrument = frame.find_instrument(project, args.instrument)
        cell = cells.get(project, actor.id, instrument.id)
        found = disputes.for_cell(project, cell.id)
        if args.field:
            found = [d for d in found if d.field == args.field.strip().lower()]
        if not found:
            what = f" about {args.field}" if args.field else ""
            raise ValueError(f"{actor.name} × {instrument.name} has no open dispute{what}.")
        for d in found:
            disputes.resolve(project, d.id, args.keep)
            print(f"{actor.name} × {instrument.name} {d.field}: kept {args.keep}")
    return 0


def register(cmd) -> None:
    sp = cmd("disputes", list_disputes, "cells where two analysts judged differently, with both values")
    sp.add_argument("project")
    sp.add_argument("--json", action="store_true", help="machine-readable output")

    sp = cmd("resolve", resolve, "settle the disputes of one cell")
    sp.add_argument("project")
    sp.add_argument("actor", nargs="?", help="actor name or alias")
    sp.add_argument("instrument", nargs="?", help="instrument name")
    sp.add_argument("--keep", required=True, choices=("mine", "theirs"))
    sp.add_argument("--id", type=int, metavar="N", help="settle the dispute with this id (see `disputes`)")
    sp.add_argument("--field", metavar="NAME", help="only this field (posture, options, ..., deleted)")
