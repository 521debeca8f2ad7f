"""The command line: parse arguments, hand over to the core, print, and pick the exit code.

Exit 0 on success, 2 on bad usage, 1 on any other error with one plain line on stderr.
"""

from __future__ import annotations

import os
import sys
import traceback

from workbench.cli.commands import UsageError
from workbench.cli.parser import build_parser
from workbench.ingest.errors import IngestError
from workbench.store.errors import ProjectError


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 with a usage line on bad usage
    try:
        return int(args.handler(args) or 0)
    except UsageError as e:
        parser.error(str(e))
        return 2
    except (ProjectError, IngestError, ValueError, FileExistsError) as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"{e.strerror or e}: {e.filename}" if e.filename else str(e))
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as e:  # a bug: one line for the user, the details on request
        if os.environ.get("WORKBENCH_DEBUG"):
            traceback.print_exc()
        _fail(f"internal error: {type(e).__name__}: {e} (set WORKBENCH_DEBUG=1 for details)")
    return 1


def _fail(message: str) -> None:
    print(f"workbench: {message}", file=sys.stderr)
