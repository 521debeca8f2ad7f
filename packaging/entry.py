"""Entry point of the bundled program: the `workbench` command.

A lone project-file argument (how desktops open a document) is turned into `open PATH`
by the command line itself (`workbench.cli.document_arguments`).
"""

from __future__ import annotations

import sys

from workbench.cli import main


if __name__ == "__main__":
    sys.exit(main())
