"""The command line: parse arguments, hand over to the core, print, and pick the exit code.

Exit 0 on success, 2 on bad usage, 1 on any other error with one plain line on stderr.
"""

from __future__ import annotations

import os
import sys

from workbench.cli import terminal
from workbench.cli.commands import UsageError, plain_search
from workbench.store.errors import ProjectError


def run() -> None:
    """The `workbench` command and `python -m workbench`: main(), then the exit."""
    argv = sys.argv[1:]
    code = _flushed(main(argv))
    if plain_search(argv) is not None:
        # A search has printed everything and closed the project: freeing every module and
        # object on the way out would add about 3 ms to a 40 ms command (bench/bench_cli.py).
        os._exit(code)
    sys.exit(code)


def _flushed(code: int) -> int:
    """Write out what is still buffered. Output that cannot be written (a full disk, a closed
    descriptor) gets one plain line and exit code 1, not Python's "Exception ignored"."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started with that descriptor closed (`>&-`)
                stream.flush()
    except BrokenPipeError:
        return _reader_gone()
    except (OSError, ValueError) as e:
        reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
        try:
            os.write(2, f"workbench: the output could not be written ({reason})\n".encode())
            _reader_gone()  # what stays buffered goes nowhere, so the exit's own flush is quiet
        except OSError:
            pass
        return 1
    return code


def main(argv: list[str] | None = None) -> int:
    # Everything printed passes through the escaping streams (see terminal.py).
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = terminal.SafeStream(real[0]), terminal.SafeStream(real[1])
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    finally:
        sys.stdout, sys.stderr = real


def _main(argv: list[str]) -> int:
    argv = document_arguments(argv)
    args = plain_search(argv) or _parser(argv).parse_args(argv)  # exits 2 on bad usage
    try:
        return int(args.handler(args) or 0)
    except UsageError as e:
        _parser(argv).error(terminal.one_line(str(e)))
        return 2
    except (ProjectError, _ingest_error(), ValueError, FileExistsError) as e:
        _fail(str(e))
    except BrokenPipeError:
        return _reader_gone()
    except OSError as e:
        _fail(f"{e.strerror or e}: {e.filename}" if e.filename else str(e))
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as e:  # a bug: one line for the user, the details on request
        if os.environ.get("WORKBENCH_DEBUG"):
            import traceback

            traceback.print_exc()
        _fail(f"internal error: {type(e).__name__}: {e} (set WORKBENCH_DEBUG=1 for details)")
    return 1


def _reader_gone() -> int:
    # The program reading our output stopped early (`workbench search … | head`): that is not
    # an error to report. Output still buffered goes nowhere, so the exit flush cannot fail.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.__stdout__.fileno())
    os.close(devnull)
    return 1


def _ingest_error() -> type[Exception]:
    # Evaluated only when an error reaches that clause: a search that succeeds does not load it.
    from workbench.ingest.errors import IngestError

    return IngestError


def _parser(argv: list[str]):
    """The parser for the command *argv* runs: that command's alone when it is a known one."""
    from workbench.cli.parser import build_parser, command_in

    return build_parser(command_in(argv))


def document_arguments(argv: list[str]) -> list[str]:
    """A lone project-file path becomes `open PATH`: that is how desktops open a document
    (Linux `Exec=workbench %f`, Windows `"%1"`, a double-click or a drop on the icon)."""
    if len(argv) != 1 or argv[0].startswith("-"):
        return argv
    from pathlib import Path  # here: a command of several arguments starts without pathlib

    arg = argv[0]
    path = Path(arg)
    # A file named like a command ("new", "check") in the working folder stays a command,
    # unless it is spelled as a project file.
    if path.suffix.lower() == ".pbw" or (path.is_file() and path.name != arg):
        return ["open", arg]
    return argv


def _fail(message: str) -> None:
    """One line on stderr, whatever the message holds (file names with newlines, ESC, ...)."""
    print(f"workbench: {terminal.one_line(message)}", file=sys.stderr)
