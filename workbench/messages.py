"""Length-prefixed messages over a pipe, as the worker processes (PDF reader, evidence index)
and the app speak to each other: an 8-byte big-endian length, then that many bytes."""

from __future__ import annotations

import struct
from typing import BinaryIO


def read_message(stream: BinaryIO) -> bytes | None:
    """One length-prefixed message, or None at the end of the stream."""
    header = _read_exactly(stream, 8)
    if header is None:
        return None
    return _read_exactly(stream, struct.unpack(">Q", header)[0])


def write_message(stream: BinaryIO, data: bytes) -> None:
    stream.write(struct.pack(">Q", len(data)))
    stream.write(data)
    stream.flush()


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
