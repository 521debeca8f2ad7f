"""One packed block of the evidence index: a cell's candidates from a run of sources.

A block holds every candidate sentence of one cell (actor, instrument) whose source id falls
in one run of `BLOCK_SOURCES` consecutive ids (the block number is `source_id >> 9`). A row
per candidate took ~64 bytes with its cell index; packed, a candidate takes ~6. Which source
a sentence is of is not stored: the sources' sentence id ranges (`sentence_span`) say it.

The entries are in reading order: direct ones first, then by points (highest first), then by
key and sentence id, so that reading a cell merges the heads of its blocks. The blob, all
numbers little-endian:

    header   width letter of the sentence offsets ('H', 'I' or 'Q': 2, 4 or 8 bytes),
             entries n, direct entries d (the first d), runs r, first sentence id (signed 64 bits)
    runs     r x (points, length) as unsigned 32-bit pairs: consecutive entries of one score
             (a run never crosses from the direct entries to the others)
    offsets  n x (sentence id - first sentence id), of the width above
    keys     n x unsigned 32 bits: the wording's key (identical sentences share it)

`unpack` takes any bytes and gives None for anything `pack` could not have written, so a
block from a file written elsewhere is checked before it is trusted.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

BLOCK_SHIFT = 9  # blocks of 512 sources: rows a page or two long, offsets mostly of 2 bytes
BLOCK_SOURCES = 1 << BLOCK_SHIFT
_HEADER = struct.Struct("<cIIIq")
_WIDTHS = {b"H": "H", b"I": "I", b"Q": "Q"}
_MAX_ID = (1 << 63) - 1

# One candidate as written: (direct 0/1, points, key, sentence id).
Entry = tuple[int, int, int, int]


def block_of(source_id: int) -> int:
    return source_id >> BLOCK_SHIFT


def order(entry: Entry) -> tuple[int, int, int, int]:
    """Reading order: direct first, then the most points, then key and sentence id."""
    return (-entry[0], -entry[1], entry[2], entry[3])


@dataclass(frozen=True)
class Block:
    """A block as read: its entries as parallel arrays, in reading order."""

    block: int
    first: int  # the first sentence id; offsets count from it
    direct: int  # the first *direct* entries are direct evidence
    runs: list[tuple[int, int, int]]  # (points, start, end) of each run of one score
    offsets: array
    keys: array

    def __len__(self) -> int:
        return len(self.keys)

    def direct_keys(self) -> array:
        return self.keys[:self.direct]

    def last(self) -> int:
        """The last sentence id of the block."""
        return self.first + max(self.offsets, default=0)

    def sentence_ids(self) -> list[int]:
        first = self.first
        return [first + o for o in self.offsets]

    def entries(self) -> list[Entry]:
        """Every entry as (direct, points, key, sentence id), in reading order."""
        out: list[Entry] = []
        keys, ids = self.keys, self.sentence_ids()
        for points, start, end in self.runs:
            direct = 1 if start < self.direct else 0
            out.extend((direct, points, keys[j], ids[j]) for j in range(start, end))
        return out


def _little(a: array) -> bytes:
    if sys.byteorder == "big":
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _read(code: str, data: bytes) -> array:
    a = array(code)
    a.frombytes(data)
    if sys.byteorder == "big":
        a.byteswap()
    return a


def pack(block: int, entries: Iterable[Entry]) -> bytes | None:
    """The blob of *entries* (all of block *block*; any order), or None when there are none."""
    rows = sorted(entries, key=order)
    if not rows:
        return None
    first = min(r[3] for r in rows)
    span = max(r[3] for r in rows) - first
    width = "H" if span <= 0xFFFF else "I" if span <= 0xFFFFFFFF else "Q"
    runs: list[int] = []
    direct = 0
    level: tuple[int, int] | None = None
    for d, points, *_rest in rows:
        direct += d
        if (d, points) != level:
            runs += [points, 1]
            level = (d, points)
        else:
            runs[-1] += 1
    return b"".join((
        _HEADER.pack(width.encode(), len(rows), direct, len(runs) // 2, first),
        _little(array("I", runs)),
        _little(array(width, [r[3] - first for r in rows])),
        _little(array("I", [r[2] for r in rows])),
    ))


def unpack(block: object, blob: object, *, thorough: bool = False) -> Block | None:
    """The block in *blob*, or None when it is not one `pack` wrote (wrong size, runs that do
    not add up or are out of order, offsets past the largest sentence id). *thorough* also
    checks the order within each run, entry by entry (for `check`: a wrong order there only
    changes which of equally scored sentences comes first)."""
    if not isinstance(block, int) or not isinstance(blob, bytes) or len(blob) < _HEADER.size:
        return None
    if not 0 <= block <= _MAX_ID >> BLOCK_SHIFT:
        return None
    code, n, direct, r, first = _HEADER.unpack_from(blob)
    width = _WIDTHS.get(code)
    if width is None or direct > n or first < 0:
        return None
    size = array(width).itemsize
    if len(blob) != _HEADER.size + 8 * r + n * (size + 4):
        return None
    at = _HEADER.size
    pairs = _read("I", blob[at:at + 8 * r])
    at += 8 * r
    offsets = _read(width, blob[at:at + n * size])
    at += n * size
    keys = _read("I", blob[at:at + 4 * n])
    runs: list[tuple[int, int, int]] = []
    start = 0
    previous: tuple[int, int] | None = None
    for points, length in zip(pairs[0::2], pairs[1::2]):
        end = start + length
        d = 1 if start < direct else 0
        if length == 0 or (start < direct < end) or (previous is not None and (-d, -points) <= previous):
            return None  # empty, straddling the direct entries, or out of order
        previous = (-d, -points)
        runs.append((points, start, end))
        start = end
    if start != n or (n and max(offsets) > _MAX_ID - first):
        return None
    for _points, s, e in runs if thorough else ():  # within a run: by key, then sentence id
        ks, os_ = keys[s:e], offsets[s:e]
        if any((ks[j], os_[j]) >= (ks[j + 1], os_[j + 1]) for j in range(len(ks) - 1)):
            return None
    return Block(block, first, direct, runs, offsets, keys)
