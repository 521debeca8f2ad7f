"""Project-file benchmark: import throughput, open time, search latency, file size, peak RSS.

    python -m bench.bench_store            # full run on the 10,000-source project

Targets on the reference machine (2 cores): open <= 150 ms, search median <= 2x the raw FTS5
query on the same file, import >= 300 text files/s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import OUT, bench_project, corpus

QUERIES = [
    "sanctions", "emergency session", "\"export controls\"", "Pyongyang AND weapons",
    "ceasefire OR envoy", "intelligence sharing", "asset freezes banks", "troop movements",
    "humanitarian", "Kremlin diplomatic pressure", "air defence", "Brussels",
]


def _child(code: str, *args: str) -> dict:
    """Run *code* in a fresh interpreter; it prints one JSON line with its figures."""
    env = dict(os.environ, WORKBENCH_STATE_DIR=str(OUT / "state"))
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from workbench import sample
from workbench.ingest.importer import import_paths
p = sample.create_empty(Path(sys.argv[1]))
t = time.perf_counter()
r = import_paths(p, [Path(sys.argv[2])])
dt = time.perf_counter() - t
p.close()
print(json.dumps({"files": len(r.added), "seconds": dt,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_OPEN = """
import json, resource, sys, time
t0 = time.perf_counter()
from workbench.store.project import Project
from workbench.store import sources
t = time.perf_counter()
p = Project.open(sys.argv[1])
n = sources.count(p)
dt = time.perf_counter() - t
p.close()
print(json.dumps({"seconds": dt, "imports": t - t0, "sources": n,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_SEARCH = """
import json, resource, sys, time, statistics
from workbench.store.project import Project
from workbench.store import search
queries = json.loads(sys.argv[2]); runs = int(sys.argv[3])
p = Project.open(sys.argv[1], read_only=True)
raw_sql = ("SELECT rowid FROM source_fts WHERE source_fts MATCH ? "
           "ORDER BY bm25(source_fts, 10.0, 1.0) LIMIT 20")
ours, raw = [], []
for q in queries:
    search.search(p, q, limit=20); p.db.execute(raw_sql, (q,)).fetchall()  # warm
    for _ in range(runs):
        t = time.perf_counter(); p.db.execute(raw_sql, (q,)).fetchall(); raw.append(time.perf_counter() - t)
        t = time.perf_counter(); r = search.search(p, q, limit=20); ours.append(time.perf_counter() - t)
p.close()
print(json.dumps({"ours": ours, "raw": raw,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--import-files", type=int, default=2000, help="files per import run")
    args = ap.parse_args()

    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the start", flush=True)
    print("building or reusing the 10,000-source project ...", flush=True)
    t = time.perf_counter()
    project = bench_project()
    print(f"  ready in {time.perf_counter() - t:.1f} s: {project}")

    # Import: fresh projects, a slice of the corpus each run.
    src = corpus()
    slice_dir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    files = sorted(src.rglob("*.txt"))[: args.import_files]
    for f in files:
        shutil.copy(f, slice_dir / f.name)
    rates, rss = [], []
    for i in range(args.runs):
        target = slice_dir.parent / f"{slice_dir.name}-{i}.pbw"
        r = _child(_IMPORT, str(target), str(slice_dir))
        target.unlink()
        rates.append(r["files"] / r["seconds"])
        rss.append(r["rss_mb"])
    shutil.rmtree(slice_dir)
    print(f"import: median {statistics.median(rates):.0f} files/s over {args.runs} runs of "
          f"{len(files)} text files (min {min(rates):.0f}, max {max(rates):.0f}); "
          f"peak RSS {max(rss):.0f} MB   [target >= 300 files/s]")

    # Open: a fresh process each time; the first sees the file as unknown (full quick_check).
    state = OUT / "state"
    shutil.rmtree(state, ignore_errors=True)
    first = _child(_OPEN, str(project))
    opens = [_child(_OPEN, str(project)) for _ in range(max(5, args.runs))]
    times = [o["seconds"] * 1000 for o in opens]
    imports = [o["imports"] * 1000 for o in opens]
    print(f"open (Project.open + count, fresh process each run): median {statistics.median(times):.1f} ms "
          f"over {len(times)} runs (max {max(times):.1f} ms), {opens[0]['sources']} sources, "
          f"peak RSS {max(o['rss_mb'] for o in opens):.0f} MB   [target <= 150 ms]")
    print(f"  (loading the store's Python modules before that: median {statistics.median(imports):.0f} ms)")
    print(f"open of a file not checked before (full quick_check): {first['seconds'] * 1000:.0f} ms")

    s = _child(_SEARCH, str(project), json.dumps(QUERIES), str(args.runs))
    ours = [x * 1000 for x in s["ours"]]
    raw = [x * 1000 for x in s["raw"]]
    ratio = statistics.median(ours) / statistics.median(raw)
    print(f"search with snippets: median {statistics.median(ours):.2f} ms, p95 {_p95(ours):.2f} ms "
          f"({len(QUERIES)} queries x {args.runs} runs, top 20)")
    print(f"raw FTS5 query, same MATCH/bm25/LIMIT: median {statistics.median(raw):.2f} ms, "
          f"p95 {_p95(raw):.2f} ms; ratio ours/raw {ratio:.2f}x   [target <= 2x]")
    print(f"file size: {project.stat().st_size / 1e6:.1f} MB for 10,000 sources "
          f"({sum(f.stat().st_size for f in src.rglob('*.txt')) / 1e6:.1f} MB of text)")
    print(f"peak RSS of the search process: {s['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
