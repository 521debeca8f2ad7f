"""Output that a terminal shows and does not obey.

Titles, file names and cell text come from anywhere: an ESC sequence in a source title
(`ESC[2J` clears the screen, others retitle the window or fake a prompt), a carriage return
that hides the start of a line, or a right-to-left override that reorders what is shown
would act on the user's terminal if printed raw. Every such character is printed as a
`\\uXXXX` escape instead: readable, and still valid inside a JSON string.
"""

from __future__ import annotations

import sys

# Annotations only: typing is not loaded when a command runs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

# C0 controls, DEL, C1 controls, line/paragraph separators, and the bidirectional embedding,
# override and isolate characters, each mapped to its escape. (Translation tables rather than
# regular expressions: every command prints, and `re` would cost each one its import.)
_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F),
             *range(0x2066, 0x206A)]
# In a one-line message, tab and newline are escaped too.
_UNSAFE_LINE = {c: f"\\u{c:04x}" for c in _CONTROLS}
# Elsewhere they are kept.
_UNSAFE = {c: e for c, e in _UNSAFE_LINE.items() if chr(c) not in "\t\n"}


def safe_text(text: str) -> str:
    """*text* with every character a terminal would act on shown as an escape (tab and
    newline kept)."""
    return text.translate(_UNSAFE)


def one_line(text: str) -> str:
    """*text* as one line: newlines and every other control character escaped."""
    return text.translate(_UNSAFE_LINE)


class SafeStream:
    """A text stream that escapes what a terminal would act on, then writes to *stream*."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if self.stream is None:  # the command was started with this output closed (`>&-`)
            raise OSError("the output is closed")
        self.stream.write(safe_text(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def __getattr__(self, name: str):  # encoding, fileno, buffer ... of the real stream
        return getattr(self.stream, name)


def data_stream() -> TextIO:
    """Where to write data (CSV) meant for a file or a script: the real stdout when it is
    redirected, so stored values pass unchanged; the escaping stream when it is a terminal."""
    out = sys.stdout
    if isinstance(out, SafeStream) and not out.isatty():
        return out.stream
    return out
