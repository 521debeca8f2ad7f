"""`workbench review PROJECT [--brief NAME] [--json]`: what to check before a brief goes out."""

from __future__ import annotations

import argparse
import json
import sys

from workbench.cli.brief_command import read_brief, register_brief_command


def register(cmd) -> None:
    register_brief_command(cmd, "review", review,
                           "pre-export review of a brief: weak, unsupported or unfinished judgments")


def review(args: argparse.Namespace) -> int:
    from workbench.brief.export import review_brief

    brief, findings = read_brief(args, review_brief)
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
