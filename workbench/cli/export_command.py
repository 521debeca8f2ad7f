"""`workbench export PROJECT -o OUT.pdf|OUT.docx [--brief NAME] [--marking TLP:…] [--strict]`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from workbench.cli.commands import UsageError, _told
from workbench.domain import scales
from workbench.store.project import Project

FORMATS = (".pdf", ".docx")


def register(cmd) -> None:
    sp = cmd("export", export, "export a brief as a PDF or a Word document (by the file name's ending)")
    sp.add_argument("project")
    sp.add_argument("-o", "--out", required=True, metavar="OUT", help="the .pdf or .docx file to write")
    sp.add_argument("--brief", metavar="NAME",
                    help="which saved brief (default: the project's first brief, else the whole matrix)")
    mark = sp.add_mutually_exclusive_group()
    mark.add_argument("--marking", metavar="TLP", type=_tlp,
                      help=f"TLP 2.0 label for this export: {', '.join(scales.TLP)}")
    mark.add_argument("--classification", metavar="TEXT",
                      help="a free classification line printed instead of a TLP label")
    sp.add_argument("--changes", action="store_true",
                    help="add a 'Changes since DATE' section (against the brief's last export)")
    sp.add_argument("--analysts-differ", action="store_true",
                    help="print each open disagreement with a colleague's copy as an 'Analysts differ' note")
    sp.add_argument("--strict", action="store_true",
                    help="refuse to export while the pre-export review has findings (exit 1)")
    sp.add_argument("--no-record", action="store_true",
                    help="do not record this export in the project (for drafts)")


def _tlp(text: str) -> str:
    try:
        return scales.tlp(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{e} (a free classification line goes in --classification)") from None


def export(args: argparse.Namespace) -> int:
    from workbench.brief.export import choose_brief, export_brief, review_brief  # reportlab: loaded only here
    from workbench.store import location

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        raise UsageError("the output file name ends in .pdf or .docx "
                         "(for the matrix as CSV: workbench matrix PROJECT --csv)")
    if args.classification is not None and not " ".join(args.classification.split()):
        raise UsageError("--classification needs some text")
    # Opened for writing when possible, to record the export; read-only while the window has it.
    with _told(Project.open(args.project)) as project:
        location.refuse_if_project(out, project.path)  # a refused target: say so before any review
        brief = choose_brief(project, args.brief)
        if args.marking is not None:
            brief = replace(brief, marking=args.marking)
        elif args.classification is not None:
            brief = replace(brief, marking=" ".join(args.classification.split()))
        findings = review_brief(project, brief)
        for f in findings:
            print(f"review: {f.line()}", file=sys.stderr)
        if findings and args.strict:
            print(f"workbench: not exported: {len(findings)} review finding{'s' if len(findings) != 1 else ''} "
                  "(without --strict the brief is exported anyway)", file=sys.stderr)
            return 1
        done = export_brief(project, brief, out, with_changes=args.changes, record=not args.no_record,
                            differ=args.analysts_differ)
    if not done.recorded and not args.no_record:
        print(f"workbench: this export is not recorded in the project ({done.not_recorded_because}), "
              "so the next brief cannot list changes since it", file=sys.stderr)
    print(f"wrote {out}")
    return 0

