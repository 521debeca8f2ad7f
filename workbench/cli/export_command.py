"""`workbench export PROJECT -o OUT.pdf [--brief NAME] [--marking M]`: a brief as PDF."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from workbench.cli.commands import UsageError
from workbench.domain import scales
from workbench.store.project import Project


def register(cmd) -> None:
    sp = cmd("export", export, "export a brief as a PDF")
    sp.add_argument("project")
    sp.add_argument("-o", "--out", required=True, metavar="OUT.pdf", help="the PDF file to write")
    sp.add_argument("--brief", metavar="NAME",
                    help="which saved brief (default: the project's first brief, else the whole matrix)")
    sp.add_argument("--marking", metavar="M",
                    help=f"marking for this export: {', '.join(scales.TLP)} or a free classification line")


def export(args: argparse.Namespace) -> int:
    from workbench.brief.export import choose_brief, export_pdf  # reportlab: load only when exporting

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UsageError("the output file name ends in .pdf (for the matrix as CSV: workbench matrix PROJECT --csv)")
    if args.marking is not None and not scales.marking(args.marking):
        raise UsageError("--marking needs a TLP label or a classification line")
    # Exporting only reads the project, so it works while the window has the file open.
    with Project.open(args.project, read_only=True) as project:
        brief = choose_brief(project, args.brief)
        if args.marking is not None:
            brief = replace(brief, marking=scales.marking(args.marking))
        export_pdf(project, brief, out)
    print(f"wrote {out}")
    return 0
