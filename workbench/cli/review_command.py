"""`workbench review PROJECT [--brief NAME] [--json]`: what to check before a brief goes out."""

from __future__ import annotations

import argparse
import json
import sys

from workbench.store.project import Project


def register(cmd) -> None:
    sp = cmd("review", review, "pre-export review of a brief: weak, unsupported or unfinished judgments")
    sp.add_argument("project")
    sp.add_argument("--brief", metavar="NAME",
                    help="which saved brief (default: the project's first brief, else the whole matrix)")
    sp.add_argument("--json", action="store_true")


def review(args: argparse.Namespace) -> int:
    from workbench.brief.export import choose_brief, review_brief

    with Project.open(args.project, read_only=True) as project:
        brief = choose_brief(project, args.brief)
        findings = review_brief(project, brief)
    if args.json:
        json.dump({"brief": brief.name, "findings": [f.to_json() for f in findings]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for f in findings:
        print(f.line())
    if not findings:
        print(f"no findings for the brief “{brief.name}”")
    return 0
