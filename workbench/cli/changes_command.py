"""`workbench changes PROJECT [--brief NAME] [--json]`: judgments changed since the last export."""

from __future__ import annotations

import argparse
import json
import sys

from workbench.cli.brief_command import read_brief, register_brief_command


def register(cmd) -> None:
    register_brief_command(cmd, "changes", changes,
                           "judgments added, removed or changed since the brief was last exported")


def changes(args: argparse.Namespace) -> int:
    from workbench.brief import changes as brief_changes
    from workbench.brief import compose

    brief, found = read_brief(
        args, lambda project, brief: brief_changes.since_last(project, compose.compose(project, brief)))
    if args.json:
        data = found.to_json() if found is not None else {"brief": brief.name, "since": None,
                                                          "previous_export": None, "changes": []}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if found is None:
        print(f"the brief “{brief.name}” has not been exported yet")
        return 0
    print(f"since the export of {found.since[:16].replace('T', ' ')} ({found.previous_format}):")
    for c in found.items:
        print(f"  {c.kind:<8} {c.actor} × {c.instrument}: {c.summary()}")
    if not found.items:
        print("  no judgment has changed")
    return 0
