"""`remove-source` and `export-sources`: taking sources out, and giving their list to others.

    workbench remove-source PROJECT ID... [--force]
    workbench export-sources PROJECT -o SOURCES.json
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from workbench.cli.commands import UsageError, _open_read, _open_write, _print_json


def register(cmd) -> None:
    sp = cmd("remove-source", remove_source,
             "remove sources for good: their text, excerpts and search entries leave the file")
    sp.add_argument("project")
    sp.add_argument("ids", nargs="+", type=int, metavar="ID", help="source ids (see `workbench sources`)")
    sp.add_argument("--force", action="store_true",
                    help="also remove sources cited in the matrix (their excerpts leave the cells)")
    sp.add_argument("--json", action="store_true")

    sp = cmd("export-sources", export_sources, "write the project's sources as CSL-JSON (Zotero and others)")
    sp.add_argument("project")
    sp.add_argument("-o", "--out", required=True, metavar="OUT.json", help="the file to write")


def remove_source(args: argparse.Namespace) -> int:
    from workbench.store import source_removal

    with _open_write(args.project) as project:
        impact = source_removal.impact(project, args.ids)
        if impact.excerpts and not args.force:
            raise ValueError(
                f"{_count(impact.sources, 'source')} cited in the matrix: removing "
                f"{'it' if impact.sources == 1 else 'them'} takes {_count(impact.excerpts, 'excerpt')} out of "
                f"{_count(impact.cells, 'cell')}; add --force to remove anyway")
        removed = source_removal.remove_sources(project, args.ids)
    ids = [row["id"] for row in removed.rows.get("source", [])]
    if args.json:
        _print_json({"removed": ids, "excerpts_removed": impact.excerpts, "cells_affected": impact.cells})
    else:
        line = f"removed {_count(len(ids), 'source')}"
        if impact.excerpts:
            line += f"; {_count(impact.excerpts, 'excerpt')} taken out of {_count(impact.cells, 'cell')}"
        print(line)
    return 0


def export_sources(args: argparse.Namespace) -> int:
    from workbench.ingest.csl import to_csl
    from workbench.store import location, sources

    out = Path(args.out)
    if out.suffix.lower() != ".json":
        raise UsageError("the output file name ends in .json (CSL-JSON)")
    with _open_read(args.project) as project:
        location.refuse_if_project(out, project.path)  # never write over the project itself
        records = to_csl(sources.list_all(project, order="imported"))
    _write_atomically(out, json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {out} ({_count(len(records), 'source')})")
    return 0


def _write_atomically(target: Path, text: str) -> None:
    """Write beside the target, flush to disk, then rename: never a half-written file."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
