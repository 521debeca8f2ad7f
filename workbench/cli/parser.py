"""The argument parser: one sub-command per job, handled in commands.py or its own module.

Given the command about to run, the parser is built with that command alone and imports only
the module that handles it: `workbench search` does not pay for thirty other commands.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from workbench import __version__
from workbench.cli import commands
from workbench.domain import scales

# The commands defined below, and the modules that register the others (in the order --help
# lists them) with the commands each registers. A name in neither gets the whole parser.
CORE = ("open", "new", "import", "sources", "search", "cell", "matrix", "check", "share")
REGISTERED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("export_command", ("export",)),
    ("review_command", ("review",)),
    ("changes_command", ("changes",)),
    ("suggest_command", ("suggest",)),
    ("frame_command", ("actor", "instrument", "cite")),
    ("repair_command", ("repair",)),
    # Working together on copies: merge, disputes, resolve, history.
    ("merge_command", ("merge",)),
    ("dispute_command", ("disputes", "resolve")),
    ("history_command", ("history",)),
    # Sources: removal for good, and the list as CSL-JSON.
    ("source_command", ("remove-source", "export-sources")),
    # Evidence: per-cell coverage from the evidence index.
    ("coverage_command", ("coverage",)),
)


def command_in(argv: list[str]) -> str | None:
    """The command *argv* runs when it is one the parser can be built for alone, else None."""
    if not argv:
        return None
    name = argv[0]
    if name in CORE or any(name in names for _, names in REGISTERED):
        return name
    return None


class _Unbuilt:
    """Stands in for the parser of a command that is not being run: its arguments are skipped."""

    def __getattr__(self, name: str) -> Callable[..., _Unbuilt]:
        return lambda *args, **kwargs: self


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with *command* (see `command_in`) one that knows that command only."""
    p = argparse.ArgumentParser(
        prog="workbench",
        description="Policy Briefing Workbench: sources, a policy-option matrix and PDF briefs.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.set_defaults(handler=commands.window_sample)
    # prog given, so argparse need not format a usage line (and load shutil) to work it out.
    sub = p.add_subparsers(title="commands", metavar="COMMAND", prog="workbench")

    def cmd(name: str, handler, help: str) -> argparse.ArgumentParser:
        if command is not None and name != command:
            return _Unbuilt()  # type: ignore[return-value]
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
    sp.add_argument("--limit", type=_positive, default=commands.SEARCH_LIMIT)
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

    for module, names in REGISTERED:
        if command is None or command in names:
            importlib.import_module(f"workbench.cli.{module}").register(cmd)
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
