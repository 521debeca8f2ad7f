"""The one error type the ingest package raises for bad input."""

from __future__ import annotations

import re
from pathlib import Path

# Anything that could break a one-line message: control characters, line and
# paragraph separators, bidi overrides that could disguise a file name.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class IngestError(Exception):
    """A file could not be imported. ``str(error)`` is one plain sentence for the user.

    Example: "report.pdf is encrypted; remove the password and import it again".
    """

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def one_line(text: str, limit: int = 300) -> str:
    """Collapse ``text`` to a single printable line of at most ``limit`` characters."""
    flat = " ".join(_UNSAFE.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def display_name(path: Path | str) -> str:
    """The file's name as it should appear inside a message."""
    name = Path(path).name or str(path)
    return one_line(name, 120)
