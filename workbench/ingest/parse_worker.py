"""The child process that reads files for an import: `python -m workbench.ingest.parse_worker`.

(In the bundled program, which has no `python -m`, the program itself is started with
WORKER_ARGUMENT first; packaging/entry.py hands over to main() here.)

Parsing a file and cutting its text into sentences is most of an import's work that is not
writing. A few of these processes do it side by side while the importer writes, so an import
uses every core; and a parser that crashes or runs out of memory on a hostile file takes
down only this process (PDFs go one step further, to their own reader: pdf_worker).

Protocol: the process writes READY once loaded; then, for each file, it reads a request (an
8-byte big-endian length, then the path as the file system's bytes) from stdin and answers
with one JSON object (same framing; see `describe`). It exits when stdin closes.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from array import array
from pathlib import Path
from typing import Any

from workbench.messages import read_message, write_message

WORKER_ARGUMENT = "--read-files-worker"
READY = b"R"  # written once the readers are loaded


def describe(path: Path) -> dict[str, Any]:
    """What the importer needs of *path*: {"error": message} when the file as a whole cannot
    be read, else {"entries": [...]}, each {"label", "error"} or {"label", "doc", "spans"}
    (the document's fields, and its sentences: see `pack_spans`)."""
    from workbench.domain.sentences import split_sentences
    from workbench.ingest.errors import IngestError
    from workbench.ingest.reader import read_documents

    try:
        entries = read_documents(path)
    except IngestError as e:
        return {"error": str(e)}
    out: list[dict[str, Any]] = []
    for label, doc in entries:
        if isinstance(doc, IngestError):
            out.append({"label": label, "error": str(doc)})
            continue
        fields = {key: getattr(doc, key) for key in TEXT_FIELDS}
        spans = pack_spans(split_sentences(doc.text))
        out.append({"label": label, "doc": {**fields, "pages": list(doc.pages)}, "spans": spans})
    return {"entries": out}


def pack_spans(spans: list[tuple[int, int]]) -> str:
    """Sentence spans as start, end, start, end, ... in unsigned 32-bit little-endian numbers,
    in hexadecimal: read back in one step, where a JSON list is a Python number per offset."""
    flat = array("I", [offset for span in spans for offset in span])
    if sys.byteorder == "big":
        flat.byteswap()
    return flat.tobytes().hex()


def unpack_spans(packed: str) -> array:
    """The offsets `pack_spans` wrote (start, end, start, ...); ValueError if *packed* is not
    such a value."""
    flat = array("I")
    data = bytes.fromhex(packed)
    if len(data) % (2 * flat.itemsize):
        raise ValueError("not whole spans")
    flat.frombytes(data)
    if sys.byteorder == "big":
        flat.byteswap()
    return flat


# The ParsedDocument fields sent as text (`pages` goes as a list of numbers).
TEXT_FIELDS = ("text", "title", "format", "filename", "author", "outlet", "published", "url", "note")


def main() -> None:
    """Answer requests on stdin until it closes."""
    # Ctrl+C in a terminal reaches the whole process group: the importer decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import workbench.domain.sentences  # noqa: F401  (loaded before saying ready)
    import workbench.ingest.reader  # noqa: F401

    out = sys.stdout.buffer
    out.write(READY)
    out.flush()
    while True:
        request = read_message(sys.stdin.buffer)
        if request is None:
            return
        reply = describe(Path(os.fsdecode(request)))
        write_message(out, json.dumps(reply, ensure_ascii=True).encode("ascii"))


if __name__ == "__main__":
    main()
