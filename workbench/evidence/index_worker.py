"""A process that reads sentences for the evidence index: `python -m workbench.evidence.index_worker`.

(In the bundled program, which has no `python -m`, the program itself is started with
WORKER_ARGUMENT first; packaging/entry.py hands over to main() here.)

Reading a sentence's structure is pure Python and takes most of an index build; a few of
these processes do it side by side, at a lower priority than the window, while the process
that started them reads and writes the project. They never see the project file: they get
texts and give back what `analysis.analyse` finds in them.

Protocol (each message: 8-byte big-endian length, then UTF-8 JSON): the first message is the
frame, {"actors": [{id, uuid, name, aliases, position}, ...], "instruments": [...]}; the
process answers READY. Then each request is a list of texts and the reply a list with, per
text, [key, [[actor id, instrument id, score, direct], ...]]. It exits when its input closes.
"""

from __future__ import annotations

import json
import os
import sys

from workbench.messages import read_message, write_message

WORKER_ARGUMENT = "--evidence-index-worker"
READY = b"R"

# What one text gives: the wording's key (0 when nothing was found) and its cells.
Found = tuple[int, tuple[tuple[int, int, float, int], ...]]


def found_in(text: str, matchers) -> Found:
    """The key and the (actor, instrument, score, direct) cells `analyse` finds in *text*."""
    from workbench.evidence.analysis import analyse
    from workbench.evidence.index_key import sentence_key

    cells = analyse(text, matchers)
    return (sentence_key(text) if cells else 0,
            tuple((a, i, s.score, int(s.direct)) for (a, i), s in cells.items()))


def frame_message(actors, instruments) -> bytes:
    """The first message to a worker: the frame the texts are read with."""
    def fields(item, extra: str) -> dict:
        return {"id": item.id, "uuid": item.uuid, "name": item.name, extra: list(getattr(item, extra)),
                "position": item.position}

    return json.dumps({"actors": [fields(a, "aliases") for a in actors],
                       "instruments": [fields(i, "terms") for i in instruments]}).encode()


def _frame(data: bytes):
    from workbench.domain.models import Actor, Instrument
    from workbench.evidence.analysis import frame_of

    value = json.loads(data)
    actors = tuple(Actor(a["id"], a["uuid"], a["name"], tuple(a["aliases"]), a["position"]) for a in value["actors"])
    instruments = tuple(Instrument(i["id"], i["uuid"], i["name"], tuple(i["terms"]), i["position"])
                        for i in value["instruments"])
    return frame_of(actors, instruments)


def main() -> None:
    """Answer requests on stdin until it closes."""
    try:
        os.nice(4)  # the window's own process goes first
    except (AttributeError, OSError):
        pass
    stdin, out = sys.stdin.buffer, sys.stdout.buffer
    data = read_message(stdin)
    if data is None:
        return
    matchers = _frame(data)
    out.write(READY)
    out.flush()
    while (data := read_message(stdin)) is not None:
        texts = json.loads(data)
        write_message(out, json.dumps([found_in(t, matchers) for t in texts]).encode())


if __name__ == "__main__":
    main()
