"""`workbench actor|instrument add|rename|remove` and `workbench cite`: build a project by script.

The same store functions the window's frame and citing commands call.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any

from workbench.cli.commands import UsageError, _open_write, _print_json
from workbench.store import cells as cell_store
from workbench.store import excerpts, frame, sources
from workbench.store.errors import NotFound


def register(cmd: Callable[..., argparse.ArgumentParser]) -> None:
    for kind, extra, extra_help in (("actor", "alias", "another name it goes by (repeat)"),
                                    ("instrument", "term", "a word that signals it (repeat)")):
        sp = cmd(kind, None, f"add, rename or remove an {kind} of the matrix")
        verbs = sp.add_subparsers(title="what to do", metavar="ACTION", required=True)

        add = verbs.add_parser("add", help=f"add an {kind} (a known one brings its bundled {extra}es)"
                               if kind == "actor" else f"add an {kind} (a known one brings its bundled terms)")
        add.set_defaults(handler=_add, kind=kind)
        add.add_argument("project")
        add.add_argument("name")
        add.add_argument(f"--{extra}", dest="extra", action="append", default=None, metavar="TEXT",
                         help=extra_help)
        add.add_argument("--json", action="store_true")

        ren = verbs.add_parser("rename", help=f"give an {kind} a new name")
        ren.set_defaults(handler=_rename, kind=kind)
        ren.add_argument("project")
        ren.add_argument(kind, help="its name or an alias")
        ren.add_argument("new_name")

        rem = verbs.add_parser("remove", help=f"remove an {kind} and its cells")
        rem.set_defaults(handler=_remove, kind=kind)
        rem.add_argument("project")
        rem.add_argument(kind, help="its name or an alias")
        rem.add_argument("--force", action="store_true",
                         help="remove it even when its cells hold judgments or evidence")

    sp = cmd("cite", cite, "cite a passage of a source in a cell")
    sp.add_argument("project")
    sp.add_argument("source_id", type=int, metavar="SOURCE_ID")
    sp.add_argument("where", nargs="+", metavar="[START END] ACTOR INSTRUMENT",
                    help="character offsets of the passage (or give --quote), then the cell")
    sp.add_argument("--quote", metavar="TEXT", help="the passage itself, found in the source")
    sp.add_argument("--credibility", default="6", metavar="N",
                    help="Admiralty information credibility 1-6 (default 6: cannot be judged)")
    sp.add_argument("--note", default="", metavar="TEXT")
    sp.add_argument("--json", action="store_true")


# -- actors and instruments ------------------------------------------------------------

def _find(project, kind: str, text: str):
    return frame.find_actor(project, text) if kind == "actor" else frame.find_instrument(project, text)


def _add(args: argparse.Namespace) -> int:
    from workbench import sample  # the bundled frame: only this command needs it

    kind = args.kind
    with _open_write(args.project) as project:
        try:
            existing = _find(project, kind, args.name)
        except NotFound:
            existing = None
        if existing is not None:
            raise ValueError(f"The project already has an {kind} “{existing.name}”.")
        extra = args.extra
        bundled = None
        if extra is None:
            bundled = sample.known_actor(args.name) if kind == "actor" else sample.known_instrument(args.name)
            extra = (bundled.get("aliases") or bundled.get("terms") or []) if bundled else []
        if kind == "actor":
            # A known short form ("Seoul") adds the full name, with the short form as an alias.
            name = bundled["name"] if bundled else args.name
            item = frame.add_actor(project, name, extra)
            words = list(item.aliases)
        else:
            name = bundled["name"] if bundled else args.name
            item = frame.add_instrument(project, name, extra)
            words = list(item.terms)
    if args.json:
        _print_json({"id": item.id, "uuid": item.uuid, "name": item.name,
                     ("aliases" if kind == "actor" else "terms"): words})
        return 0
    label = "aliases" if kind == "actor" else "terms"
    origin = " (bundled)" if bundled else ""
    print(f"added {kind} {item.name}" + (f" with {len(words)} {label}{origin}: {', '.join(words)}"
                                         if words else ""))
    return 0


def _rename(args: argparse.Namespace) -> int:
    kind = args.kind
    with _open_write(args.project) as project:
        item = _find(project, kind, getattr(args, kind))
        try:
            clash = _find(project, kind, args.new_name)
        except NotFound:
            clash = None
        if clash is not None and clash.id != item.id:
            raise ValueError(f"Another {kind} is already called “{clash.name}”.")
        old = item.name
        if kind == "actor":
            item = frame.update_actor(project, item.id, name=args.new_name)
        else:
            item = frame.update_instrument(project, item.id, name=args.new_name)
    print(f"renamed {kind} {old} to {item.name}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    kind = args.kind
    with _open_write(args.project) as project:
        item = _find(project, kind, getattr(args, kind))
        key = {f"{kind}_id": item.id}
        if frame.has_content(project, **key) and not args.force:
            filled = sum(1 for c in cell_store.all_cells(project)
                         if getattr(c, f"{kind}_id") == item.id and (c.status != "empty" or c.evidence_count))
            raise ValueError(f"{item.name} has {filled} cell{'s' if filled != 1 else ''} with judgments"
                             " or evidence; add --force to remove it with them.")
        if kind == "actor":
            frame.remove_actor(project, item.id)
        else:
            frame.remove_instrument(project, item.id)
    print(f"removed {kind} {item.name}")
    return 0


# -- citing ----------------------------------------------------------------------------

def cite(args: argparse.Namespace) -> int:
    where = args.where
    if args.quote is not None:
        if len(where) != 2:
            raise UsageError("with --quote, give SOURCE_ID ACTOR INSTRUMENT (no offsets)")
        actor_name, instrument_name = where
    else:
        if len(where) != 4:
            raise UsageError("give SOURCE_ID START END ACTOR INSTRUMENT, or SOURCE_ID ACTOR INSTRUMENT --quote TEXT")
        try:
            start, end = int(where[0]), int(where[1])
        except ValueError:
            raise UsageError(f"START and END are character offsets, not {where[0]!r} {where[1]!r}") from None
        actor_name, instrument_name = where[2], where[3]
    with _open_write(args.project) as project:
        actor = frame.find_actor(project, actor_name)
        instrument = frame.find_instrument(project, instrument_name)
        source = sources.get(project, args.source_id)
        text = source.text or ""
        if args.quote is not None:
            start, end, count = find_quote(text, args.quote)
            if count == 0:
                raise ValueError(f"Source {source.id} does not contain that passage.")
            if count > 1:
                print(f"note: the passage occurs {count} times in source {source.id}; cited the first",
                      file=sys.stderr)
        cell = cell_store.get(project, actor.id, instrument.id)
        excerpt = excerpts.cite(project, cell.id, source.id, start, end,
                                credibility=args.credibility, note=args.note)
        if cell.status == "empty":  # a cell with evidence is being worked on
            cell_store.update(project, cell.id, status="draft")
    if args.json:
        _print_json(_excerpt_json(excerpt, actor.name, instrument.name))
        return 0
    print(f"cited in {actor.name} × {instrument.name}: “{_short(excerpt.quote)}” "
          f"(source {source.id}, characters {excerpt.start}-{excerpt.end}, credibility {excerpt.credibility})")
    return 0


def find_quote(text: str, quote: str) -> tuple[int, int, int]:
    """(start, end, occurrences) of *quote* in *text*; white space may differ (line breaks)."""
    words = quote.split()
    if not words:
        return 0, 0, 0
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    matches = pattern.finditer(text)
    first = next(matches, None)
    if first is None:
        return 0, 0, 0
    return first.start(), first.end(), 1 + sum(1 for _ in matches)


def _excerpt_json(e: Any, actor: str, instrument: str) -> dict[str, Any]:
    return {"excerpt_id": e.id, "uuid": e.uuid, "actor": actor, "instrument": instrument,
            "source_id": e.source_id, "source_title": e.source_title, "start": e.start, "end": e.end,
            "quote": e.quote, "credibility": e.credibility, "note": e.note}


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

