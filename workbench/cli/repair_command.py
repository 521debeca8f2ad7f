"""`workbench repair PROJECT OUT`: save a copy of a project with its wrong values mended."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.store.repair import save_repaired_copy


def register(cmd) -> None:
    sp = cmd("repair", repair, "save a repaired copy of a project whose values are wrong "
                               "(the project itself is not changed)")
    sp.add_argument("project")
    sp.add_argument("out", help="the new project file to write")


def repair(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pbw":
        out = out.with_name(out.name + ".pbw")
    done = save_repaired_copy(Path(args.project), out)
    for line in done:
        print(line)
    print(f"wrote {out} ({len(done)} repair(s))" if done else f"wrote {out} (nothing needed repair)")
    return 0
