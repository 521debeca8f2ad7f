"""Share at disk speed: `share` next to a plain `VACUUM INTO` of the same file.

    python -m bench.bench_share            # on the 10,000-source benchmark project
    python -m bench.bench_share -n 1000    # a smaller one

Both write into the same scratch folder, interleaved, in the same run; the figure is the
ratio of the medians (target: share <= 1.5x VACUUM INTO). The plain copy is what share
cannot do without; share adds the scrub, SQLite's quick check and the flush to disk. The
scrub merges the full-text indexes only when entries ever left them (a source removed,
retitled, merged...); the benchmark project has only imported its sources, so its shares
skip the merge, and the merge's cost is printed apart.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import bench_project
from workbench.store import share as share_module
from workbench.store.project import Project


def _plain(project: Project, out: Path) -> float:
    out.unlink(missing_ok=True)
    t = time.perf_counter()
    project.db.execute("VACUUM INTO ?", (str(out),))
    return time.perf_counter() - t


def _share(project: Project, out: Path) -> float:
    out.unlink(missing_ok=True)  # as for the plain copy: removing the last run's file is not timed
    t = time.perf_counter()
    share_module.share(project, out)
    return time.perf_counter() - t


def _phases(project: Project, out: Path) -> dict[str, float]:
    """One share taken apart, to see where its time goes; then, for comparison, what the
    share leaves out: the full integrity check, and the index merge a project that has
    deleted or changed sources needs."""
    out.unlink(missing_ok=True)
    times: dict[str, float] = {}
    t = time.perf_counter()
    project.db.execute("VACUUM INTO ?", (str(out),))
    times["VACUUM INTO"] = time.perf_counter() - t
    t = time.perf_counter()
    share_module._scrub(out)
    times["scrub"] = time.perf_counter() - t
    t = time.perf_counter()
    share_module._verify_copy(out)
    times["quick check"] = time.perf_counter() - t
    t = time.perf_counter()
    with open(out, "rb+") as f:
        os.fsync(f.fileno())
    times["flush"] = time.perf_counter() - t
    db = sqlite3.connect(f"file:{out}", uri=True, isolation_level=None)
    t = time.perf_counter()
    db.execute("PRAGMA integrity_check").fetchall()
    times["(integrity_check, left out)"] = time.perf_counter() - t
    t = time.perf_counter()
    for table in ("source_fts", "sentence_fts"):
        db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    times["(index merge, only after deletions)"] = time.perf_counter() - t
    db.close()
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=10_000, help="sources in the benchmark project")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    path = bench_project(args.n)
    with tempfile.TemporaryDirectory(prefix="pbw-share-", dir=path.parent) as scratch:
        folder = Path(scratch)
        with Project.open(path, read_only=True) as project:
            _plain(project, folder / "warm.pbw")  # the page cache holds the file for both
            plain: list[float] = []
            ours: list[float] = []
            for _ in range(args.runs):
                plain.append(_plain(project, folder / "plain.pbw"))
                ours.append(_share(project, folder / "shared.pbw"))
            phases = _phases(project, folder / "phases.pbw")
            sizes = {name: (folder / name).stat().st_size / 1e6 for name in ("plain.pbw", "shared.pbw")}
    m_plain, m_ours = statistics.median(plain), statistics.median(ours)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.n:,} sources, {args.runs} runs each")
    print(f"plain VACUUM INTO   median {m_plain:6.2f} s   {sizes['plain.pbw']:7.1f} MB")
    print(f"share               median {m_ours:6.2f} s   {sizes['shared.pbw']:7.1f} MB")
    print(f"ratio               {m_ours / m_plain:6.2f}x   (target <= 1.5x)")
    print("one share taken apart: " + ", ".join(f"{k} {v:.2f} s" for k, v in phases.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
