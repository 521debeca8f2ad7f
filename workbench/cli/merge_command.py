"""`workbench merge MINE THEIRS [--dry-run] [--json]`: bring a colleague's copy in, cell by cell.

The JSON shape is documented in the README ("Merging a colleague's copy").
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.store.merge import MergeReport, describe, merge
from workbench.store.project import Project
from workbench.store.revisions import EXISTENCE


def report_json(report: MergeReport) -> dict[str, Any]:
    def change(c) -> dict[str, Any]:
        return {"table": c.table, "row_uuid": c.row_uuid, "label": report.labels.get(c.row_uuid, c.row_uuid),
                "field": c.field or "deleted", "mine": c.mine, "theirs": c.theirs}

    def rows(items: list[tuple[str, str]]) -> list[dict[str, str]]:
        return [{"table": t, "row_uuid": u, "label": report.labels.get(u, u)} for t, u in items
                if t not in ("cell", "cell_excerpt")]

    return {
        "mine": report.mine, "theirs": report.theirs, "dry_run": report.dry_run,
        "merge": report.merge_uuid or None, "backup": str(report.backup) if report.backup else None,
        "changed": report.changed,
        "added": report.added, "updated": report.updated, "removed": report.removed,
        "taken": [change(c) for c in report.taken],
        "disputes": [change(c) for c in report.disputes if c.field != EXISTENCE]
        + [change(c) for c in report.disputes if c.field == EXISTENCE],
        "kept_deleted_here": rows(report.restored),
        "kept_deleted_there": rows(report.kept),
        "matched_by_name": [{"table": t, "name": n} for t, n in report.matched_by_name],
        "sources_matched_by_text": report.sources_by_text,
        "excerpts_repointed": report.excerpts_repointed,
    }


def run(args: argparse.Namespace) -> int:
    with Project.open(args.mine) as project:
        if project.read_only:
            raise ValueError(f"{project.path.name} cannot be changed: {project.read_only_reason}.")
        report = merge(project, args.theirs, dry_run=args.dry_run)
    if args.json:
        json.dump(report_json(report), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(describe(report)))
    return 0


def register(cmd) -> None:
    sp = cmd("merge", run, "merge a colleague's copy of the project into yours, cell by cell")
    sp.add_argument("mine", help="your project file (changed; backed up first)")
    sp.add_argument("theirs", help="the colleague's copy (only read)")
    sp.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
