"""Merge benchmark: two 10,000-source copies of one project that differ in 500 cells and
1,000 sources (500 imported on each side), merged the way `workbench merge` does it.

    python -m bench.bench_merge [--runs 3]

Prints the median merge time and the peak memory of the merging process (target on the
reference machine: under 10 s and 300 MB), with the load average at the time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import OUT, _article, corpus

SHARED = 9_500  # sources both copies hold
OWN = 500  # sources each copy imported on its own
EXTRA_INSTRUMENTS = 47  # with the sample's 10 actors and 3 instruments: 500 cells


def _extra_articles() -> Path:
    """500 articles only THEIRS imports (a different seed from the main corpus)."""
    folder = OUT / "merge_theirs_corpus"
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(1234)
        for i in range(OWN):
            (folder / f"theirs_{i:04d}.txt").write_text(_article(rng, 50_000 + i), encoding="utf-8")
        done.touch()
    return folder


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt"))


def build() -> tuple[Path, Path]:
    """MINE and THEIRS, built once and cached in bench/out/."""
    from workbench import sample
    from workbench.ingest.importer import import_paths
    from workbench.store import cells, frame
    from workbench.store.project import Project

    mine, theirs = OUT / "merge_mine.pbw", OUT / "merge_theirs.pbw"
    if mine.exists() and theirs.exists():
        return mine, theirs
    files = _files(corpus(10_000))
    base = OUT / "merge_base.pbw"
    base.unlink(missing_ok=True)
    with sample.create_empty(base, "Merge benchmark") as project:
        sample.add_default_actors(project)
        for n in range(EXTRA_INSTRUMENTS):
            frame.add_instrument(project, f"Instrument {n + 4}", [f"term {n}"])
        import_paths(project, files[:SHARED])
    for path in (mine, theirs):
        path.unlink(missing_ok=True)
        shutil.copyfile(base, path)
    rng = random.Random(5)
    with Project.open(mine) as project:
        project.user = "alice"
        import_paths(project, files[SHARED:SHARED + OWN])
        all_cells = cells.all_cells(project)
        with project.transaction():  # MINE also changed 100 of the cells THEIRS changes
            for c in all_cells[:100]:
                cells.update(project, c.id, posture=f"Alice on cell {c.id}", likelihood="likely")
    with Project.open(theirs) as project:
        project.user = "bob"
        import_paths(project, [_extra_articles()])
        with project.transaction():
            for c in cells.all_cells(project):
                cells.update(project, c.id, posture=f"Bob on cell {c.id}",
                             likelihood=rng.choice(["unlikely", "likely", "very likely"]), confidence="moderate")
    base.unlink()
    return mine, theirs


_MERGE = """
import json, resource, sys, time
from workbench.store.merge import merge
from workbench.store.project import Project
t = time.perf_counter()
with Project.open(sys.argv[1]) as mine:
    report = merge(mine, sys.argv[2])
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "added": report.added, "updated": report.updated, "disputes": len(report.disputes)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    t = time.perf_counter()
    mine, theirs = build()
    print(f"projects ready in {time.perf_counter() - t:.1f} s "
          f"({mine.stat().st_size / 1e6:.0f} MB and {theirs.stat().st_size / 1e6:.0f} MB)")
    env = dict(os.environ, WORKBENCH_STATE_DIR=str(OUT / "state"), WORKBENCH_USER="alice")
    results = []
    work = OUT / "merge_run"
    for _ in range(args.runs):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        target = work / "mine.pbw"
        shutil.copyfile(mine, target)
        out = subprocess.run([sys.executable, "-c", _MERGE, str(target), str(theirs)], check=True,
                             capture_output=True, text=True, env=env).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    shutil.rmtree(work, ignore_errors=True)
    last = results[-1]
    print(f"merged: added {last['added']}, updated {last['updated']}, {last['disputes']} disputes")
    print(f"merge time: median {statistics.median(r['seconds'] for r in results):.2f} s over {len(results)} runs"
          f" (all: {', '.join(f'{r['seconds']:.2f}' for r in results)}); target < 10 s")
    print(f"peak memory (max RSS of the merging process): {max(r['rss_mb'] for r in results):.0f} MB;"
          " target < 300 MB")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
