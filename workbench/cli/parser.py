"""The argument parser: one sub-command per job, each handled in commands.py."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from workbench import __version__
from workbench.cli import changes_command, commands, export_command, frame_command, repair_command
from workbench.cli import review_command, suggest_command
from workbench.cli import dispute_command, history_command, merge_command
from workbench.cli import source_command
from workbench.domain import scales


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="workbench",
        description="Policy Briefing Workbench: sources, a policy-option matrix and PDF briefs.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.set_defaults(handler=commands.window_sample)
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    def cmd(name: str, handler, help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(handler=handler)
        return sp

    sp = cmd("open", commands.window_open, "open a project in the window")
    sp.add_argument("project")

    sp = cmd("new", commands.new, "create a project file")
    sp.add_argument("project")
    sp.add_argument("--sample", action="store_true", help="fill it with the sample project")
    sp.add_argument("--name", default="", help="project name (default: the file name)")

    sp = cmd("import", commands.import_, "import .txt .md .html .pdf .docx .odt files, folders, "
                                         "or CSL-JSON/RIS/BibTeX exports")
    sp.add_argument("project")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--reliability", default="F", type=_scale(scales.reliability),
                    help="Admiralty grade A-F for the new sources")
    sp.add_argument("--json", action="store_true")

    sp = cmd("sources", commands.list_sources, "list the sources")
    sp.add_argument("project")
    sp.add_argument("--json", action="store_true")

    sp = cmd("search", commands.search, "full-text search of the sources")
    sp.add_argument("project")
    sp.add_argument("query")
    sp.add_argument("--limit", type=_positive, default=20)
    sp.add_argument("--json", action="store_true")

    sp = cmd("cell", commands.cell, "show or edit one cell of the matrix")
    sp.add_argument("project")
    sp.add_argument("actor")
    sp.add_argument("instrument")
    opts = sp.add_mutually_exclusive_group()
    opts.add_argument("--options", help="options, in Markdown")
    opts.add_argument("--options-file", metavar="F", help="read the options from F ('-' for stdin)")
    sp.add_argument("--posture")
    sp.add_argument("--likelihood", metavar="W", type=_scale(scales.likelihood),
                    help="estimative word, e.g. 'roughly even chance'")
    sp.add_argument("--confidence", metavar="W", type=_scale(scales.confidence),
                    help="low, moderate or high")
    sp.add_argument("--priority", metavar="P", type=_scale(scales.priority), help="low, medium or high")
    sp.add_argument("--status", metavar="S", type=_scale(scales.status),
                    help="empty, draft, review or final")
    sp.add_argument("--json", action="store_true")

    sp = cmd("matrix", commands.matrix, "print the matrix")
    sp.add_argument("project")
    fmt = sp.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true",
                     help="CSV; values a spreadsheet would run as formulas start with a quote")
    sp.add_argument("--raw", action="store_true", help="with --csv: the values as stored, not defused")

    sp = cmd("check", commands.check, "integrity and schema report; exit 0 only if sound")
    sp.add_argument("project")
    sp.add_argument("--json", action="store_true")

    sp = cmd("share", commands.share, "write a clean single-file copy to send to a colleague")
    sp.add_argument("project")
    sp.add_argument("out")

    export_command.register(cmd)
    review_command.register(cmd)
    changes_command.register(cmd)
    suggest_command.register(cmd)
    frame_command.register(cmd)
    repair_command.register(cmd)
    # Working together on copies: merge, disputes, resolve, history.
    merge_command.register(cmd)
    dispute_command.register(cmd)
    history_command.register(cmd)
    # Sources: removal for good, and the list as CSL-JSON.
    source_command.register(cmd)
    return p


def _scale(check: Callable[[str], str]) -> Callable[[str], str]:
    """An argument type that accepts a word of one of the field's scales (bad word: exit 2)."""

    def convert(text: str) -> str:
        try:
            return check(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    return convert


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n
