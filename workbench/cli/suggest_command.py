"""`workbench suggest PROJECT ACTOR INSTRUMENT [--limit K] [--json]`: evidence for one cell.

Direct evidence (the actor acts with the instrument) is listed first, then related sentences
(the actor is its target, reports it or is named near it). JSON output is a list, best
first, of objects with: source_id, source_title, sentence_id, text, start, end (character
offsets into the source text; text == source_text[start:end]), score, matched_alias,
matched_terms (list), why (list of reasons), direct (true for direct evidence, false for a
related sentence), cited (already cited in the cell), duplicates (identical sentences
folded into this one).
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench.store.project import Project


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= n <= 1000:
        raise argparse.ArgumentTypeError("must be between 1 and 1000")
    return n


def run(args: argparse.Namespace) -> int:
    """Print the suggestions for the cell named by ACTOR and INSTRUMENT (names or aliases)."""
    from workbench.evidence.finder import suggest  # the finder: loaded only by this command
    from workbench.store import frame

    # Read-only, like every command that only reads: every candidate of the cell is weighed
    # when the evidence index is up to date (`workbench coverage` brings it up to date),
    # otherwise the newest candidates are.
    with Project.open(args.project, read_only=True) as project, project.guard():  # damage: said plainly
        actor = frame.find_actor(project, args.actor)
        instrument = frame.find_instrument(project, args.instrument)
        items = suggest(project, actor.id, instrument.id, limit=args.limit)
    if args.json:
        json.dump([s.to_json() for s in items], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not items:
        print(f"no suggestions for {actor.name} × {instrument.name}", file=sys.stderr)
        return 0
    if not any(s.direct for s in items):
        print(f"no direct evidence for {actor.name} × {instrument.name}; related sentences follow",
              file=sys.stderr)
    for n, s in enumerate(items, 1):
        mark = "  (cited)" if s.cited else ""
        kind = "direct" if s.direct else "related"
        print(f"{n:>2}. [{s.score:.2f} {kind}] {s.source_title} @{s.start}-{s.end}{mark}")
        print(f"    {' '.join(s.text.split())}")
        print(f"    why: {'; '.join(s.why)}")
    return 0


def register(cmd) -> None:
    """Add the sub-command to the parser (called by workbench.cli.commands)."""
    sp = cmd("suggest", run, "sentences of the sources that bear on one cell of the matrix")
    sp.add_argument("project")
    sp.add_argument("actor", help="actor name or alias")
    sp.add_argument("instrument", help="instrument name")
    sp.add_argument("--limit", type=_positive, default=10, metavar="K", help="how many (default 10)")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
