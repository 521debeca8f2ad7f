"""Handlers of the sub-commands: each opens the project, calls the core, prints the result."""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace

from workbench.store.project import Project

# Annotations only: neither typing nor argparse is loaded by a plain search. Nor are json and
# pathlib (with the `re` and `enum` modules they load): the handlers that use them import them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import Any

# Each handler imports the core modules it uses when it runs: a command starts by loading the
# parser and the project opener only (tests/test_cli_lean.py keeps it so).


class UsageError(Exception):
    """Arguments that parse but do not make sense together (exit 2)."""


def _print_json(data: Any) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _open_read(path: str) -> Project:
    """Commands that only read open read-only: they work while the window has the file."""
    return _told(Project.open(path, read_only=True))


def _told(project: Project) -> Project:
    """Say on stderr what opening did beside the file (a stranger's journal moved aside)."""
    if project.notice:
        print(project.notice, file=sys.stderr)
    return project


def _open_write(path: str) -> Project:
    project = _told(Project.open(path))
    if project.read_only:
        reason = project.read_only_reason
        project.close()
        raise ValueError(f"{os.path.basename(path)} cannot be changed: {reason}.")
    return project


# -- window -------------------------------------------------------------------------------

def window_sample(args: argparse.Namespace) -> int:
    _need_display()
    from workbench.ui.app import run  # Qt is loaded only when a window is wanted

    return run(None)


def window_open(args: argparse.Namespace) -> int:
    _need_display()
    from pathlib import Path

    from workbench.ui.app import run

    return run(Path(args.project))


def _need_display() -> None:
    """On Linux without a display Qt aborts with a message about xcb plug-ins; say it plainly."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise ValueError("The window needs a display (none is set: DISPLAY and WAYLAND_DISPLAY are empty);"
                     " on a machine without one, run it with xvfb-run or QT_QPA_PLATFORM=offscreen,"
                     " or use the commands listed by `workbench --help`.")


# -- project files ------------------------------------------------------------------------

def new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from workbench import sample  # the file readers: load only when they are needed
    from workbench.store import sources

    path = Path(args.project)
    if path.suffix.lower() != ".pbw":
        raise UsageError("a project file name ends in .pbw")
    project = sample.create_sample(path) if args.sample else sample.create_empty(path, args.name)
    with project:
        n = sources.count(project)
    print(f"created {path} ({n} sources)" if n else f"created {path}")
    return 0


def import_(args: argparse.Namespace) -> int:
    from workbench.ingest.importer import import_paths

    with _open_write(args.project) as project:
        report = import_paths(project, args.paths, reliability=args.reliability)
    if args.json:
        _print_json({
            "added": report.added,
            "duplicates": [str(p) for p in report.duplicates],
            "failed": [{"path": str(p), "error": msg} for p, msg in report.failed],
            "notices": report.notices,
        })
    else:
        for note in report.notices:
            print(f"note: {note}")
        for p, msg in report.failed:
            print(f"skipped {p}: {msg}", file=sys.stderr)
        print(report.summary())
    # A partly failed import says so in its exit code; what was imported stays imported.
    return 1 if report.failed else 0


def list_sources(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from workbench.store import sources
    with _open_read(args.project) as project:
        items = sources.list_all(project)
    if args.json:
        _print_json([{k: v for k, v in asdict(s).items() if k != "text"} for s in items])
        return 0
    for s in items:
        date = s.published or "—"
        print(f"{s.id:>5}  {s.reliability}  {date:<10}  {s.title}" + (f"  ({s.outlet})" if s.outlet else ""))
    return 0


SEARCH_LIMIT = 20  # hits shown when --limit is not given


def plain_search(argv: list[str]) -> SimpleNamespace | None:
    """`search PROJECT QUERY` without options, parsed as the parser would parse it; None for
    anything else (options, --help, mistakes), which the parser handles. The commonest
    command then starts without argparse, a tenth of its whole run."""
    if len(argv) != 3 or argv[0] != "search" or any(a.startswith("-") for a in argv[1:]):
        return None
    return SimpleNamespace(handler=search, project=argv[1], query=argv[2], limit=SEARCH_LIMIT, json=False)


def search(args: argparse.Namespace) -> int:
    from workbench.store import search as search_store
    with _open_read(args.project) as project:
        result = search_store.search(project, args.query, limit=args.limit)
    if args.json:
        _print_json({
            "query": args.query, "literal": result.literal, "message": result.message,
            "hits": [{"source_id": h.source_id, "title": h.title, "snippet": h.snippet,
                      "highlights": [list(r) for r in h.highlights], "score": round(h.score, 4)}
                     for h in result.hits],
        })
        return 0
    if result.message:
        print(result.message, file=sys.stderr)
    for h in result.hits:
        snippet = h.snippet
        for s, e in reversed(h.highlights):
            snippet = f"{snippet[:s]}[{snippet[s:e]}]{snippet[e:]}"
        print(f"{h.source_id:>5}  {h.title}\n       {' '.join(snippet.split())}")
    if not result.hits:
        print("no matches", file=sys.stderr)
    return 0


def _cell_json(project: Project, actor, instrument, cell) -> dict[str, Any]:
    from workbench.store import excerpts

    return {
        "actor": actor.name, "instrument": instrument.name, "id": cell.id, "uuid": cell.uuid,
        "posture": cell.posture, "options": cell.options, "likelihood": cell.likelihood,
        "confidence": cell.confidence, "priority": cell.priority, "status": cell.status,
        "updated_at": cell.updated_at, "updated_by": cell.updated_by,
        "evidence": [
            {"excerpt_id": e.id, "source_id": e.source_id, "source_title": e.source_title,
             "start": e.start, "end": e.end, "quote": e.quote, "credibility": e.credibility,
             "note": e.note}
            for e in excerpts.for_cell(project, cell.id)
        ],
    }


def cell(args: argparse.Namespace) -> int:
    from workbench.store import cells as cell_store
    from workbench.store import frame
    edits: dict[str, str] = {}
    for name in ("posture", "likelihood", "confidence", "priority", "status", "options"):
        value = getattr(args, name)
        if value is not None:
            edits[name] = value
    if args.options_file is not None:
        if args.options_file == "-":
            edits["options"] = sys.stdin.read()
        else:
            with open(args.options_file, encoding="utf-8") as f:
                edits["options"] = f.read()
    opener = _open_write if edits else _open_read
    with opener(args.project) as project:
        actor = frame.find_actor(project, args.actor)
        instrument = frame.find_instrument(project, args.instrument)
        c = cell_store.get(project, actor.id, instrument.id)
        if edits:
            c = cell_store.update(project, c.id, **edits)
        data = _cell_json(project, actor, instrument, c)
    if args.json:
        _print_json(data)
        return 0
    print(f"{actor.name} × {instrument.name}  [{c.status}]")
    for label in ("posture", "likelihood", "confidence", "priority"):
        if data[label]:
            print(f"  {label}: {data[label]}")
    if c.options:
        print("  options:\n" + "\n".join(f"    {line}" for line in c.options.splitlines()))
    for i, e in enumerate(data["evidence"], 1):
        print(f"  [{i}] “{e['quote']}” — {e['source_title']} (credibility {e['credibility']})")
    return 0


_MATRIX_FIELDS = ("posture", "options", "likelihood", "confidence", "priority", "status")


def matrix(args: argparse.Namespace) -> int:
    from workbench.store import cells as cell_store
    from workbench.store import frame
    with _open_read(args.project) as project:
        if args.csv:  # the same CSV the window exports; --raw: values as stored, not defused
            from workbench.brief.matrix_csv import matrix_csv
            from workbench.cli import terminal

            matrix_csv(project, terminal.data_stream(), spreadsheet_safe=not args.raw)
            return 0
        actors = frame.actors(project)
        instruments = frame.instruments(project)
        all_cells = cell_store.all_cells(project)
    names_a = {a.id: a.name for a in actors}
    names_i = {i.id: i.name for i in instruments}
    if args.json:
        _print_json({
            "actors": [{"id": a.id, "uuid": a.uuid, "name": a.name, "aliases": list(a.aliases)} for a in actors],
            "instruments": [{"id": i.id, "uuid": i.uuid, "name": i.name, "terms": list(i.terms)}
                            for i in instruments],
            "cells": [{"actor": names_a[c.actor_id], "instrument": names_i[c.instrument_id],
                       **{f: getattr(c, f) for f in _MATRIX_FIELDS}, "evidence_count": c.evidence_count}
                      for c in all_cells],
        })
        return 0
    print_matrix_text(actors, instruments, all_cells)
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def print_matrix_text(actors, instruments, all_cells) -> None:
    """One block per actor, one line per instrument, wrapped to the terminal's width."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 160))
    by_pos = {(c.actor_id, c.instrument_id): c for c in all_cells}
    label_width = min(max([len(i.name) for i in instruments] + [4]), 24)
    indent = " " * (2 + label_width + 2)
    filled = sum(1 for c in all_cells if c.status != "empty" or c.evidence_count)
    print(f"{_count(len(actors), 'actor')} × {_count(len(instruments), 'instrument')},"
          f" {filled} of {_count(len(all_cells), 'cell')} filled")
    for a in actors:
        print(f"\n{a.name}")
        for i in instruments:
            c = by_pos.get((a.id, i.id))
            if c is None:
                continue
            if c.status == "empty" and not c.evidence_count and not c.summary():
                line = "—"
            else:
                facts = [c.status]
                if c.likelihood:
                    facts.append(c.likelihood + (f", {c.confidence} confidence" if c.confidence else ""))
                elif c.confidence:
                    facts.append(f"{c.confidence} confidence")
                facts.append(f"{c.evidence_count} evidence" if c.evidence_count else "no evidence")
                line = f"[{' · '.join(facts)}] {c.summary()}".rstrip()
            name = i.name if len(i.name) <= label_width else i.name[: label_width - 1] + "…"
            wrapped = textwrap.wrap(line, width=width, initial_indent=f"  {name:<{label_width}}  ",
                                    subsequent_indent=indent) or [f"  {name}"]
            print("\n".join(wrapped))


def check(args: argparse.Namespace) -> int:
    from workbench.store.check import check as run_check
    with _told(Project.open(args.project)) as project:
        report = run_check(project)
    if args.json:
        _print_json({"ok": report.ok, "facts": report.facts, "problems": report.problems})
    else:
        print("\n".join(report.lines()))
    return 0 if report.ok else 1


def share(args: argparse.Namespace) -> int:
    from pathlib import Path

    from workbench.store.share import share as share_copy
    with _open_read(args.project) as project:
        out = share_copy(project, Path(args.out))
    print(f"wrote {out}")
    return 0
