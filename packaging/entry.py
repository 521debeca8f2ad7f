"""Entry point of the bundled program: the `workbench` command, plus documents handed over.

A desktop opens a document by running the program with the file's path as the only argument
(Linux `Exec=... %f`, Windows `"%1"`). The command line wants `workbench open PATH` for that,
so a lone argument that is not a command or an option, but names a project file, becomes
`open PATH`. Everything else goes to the command line unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.cli import main


def _arguments(argv: list[str]) -> list[str]:
    """*argv* (without the program name), with a lone document path turned into `open PATH`."""
    if len(argv) != 1:
        return argv
    arg = argv[0]
    if arg.startswith("-"):
        return argv
    path = Path(arg)
    # A file named like a command ("new", "check") in the working folder stays a command,
    # unless it is spelled as a project file.
    if path.suffix.lower() == ".pbw" or (path.is_file() and path.name != arg):
        return ["open", arg]
    return argv


if __name__ == "__main__":
    sys.exit(main(_arguments(sys.argv[1:])))
