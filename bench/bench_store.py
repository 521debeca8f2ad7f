"""Project-file benchmark: import throughput, open time, search latency, file size, peak RSS.

    python -m bench.bench_store            # full run on the 10,000-source project
    python -m bench.bench_store --size -n 100000   # size breakdown and headings only
    python -m bench.bench_store --size --index     # and the size once the evidence index is built

The file size is printed against the size of the imported text, with a breakdown by table
(each table with its indexes and full-text shadow tables) from SQLite's `dbstat`. Import does
not build the evidence index (the window's first refresh does): `--index` builds it on a copy
(cached beside the project; minutes at 10,000 sources) and prints that file's size too.

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


_HEADINGS = """
import json, statistics, sys, time
from workbench.store.project import Project
from workbench.store import sources
p = Project.open(sys.argv[1], read_only=True)
table_scan = sources.HEADINGS_SQL.replace("FROM source", "FROM source NOT INDEXED")
times, without = [], []
for _ in range(int(sys.argv[2])):  # interleaved: both see the same page cache and load
    t = time.perf_counter(); n = len(sources.list_headings(p)); times.append(time.perf_counter() - t)
    t = time.perf_counter(); p.db.execute(table_scan).fetchall(); without.append(time.perf_counter() - t)
plan = p.db.execute("EXPLAIN QUERY PLAN " + sources.HEADINGS_SQL).fetchall()[0][3]
p.close()
print(json.dumps({"median": statistics.median(times), "without": statistics.median(without), "rows": n,
                  "plan": plan}))
"""


def breakdown(path: Path) -> list[tuple[str, int]]:
    """Bytes of pages per table, its indexes and full-text shadow tables counted with it,
    largest first; free pages as "(free)"."""
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        owner = dict(db.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
        sizes: dict[str, int] = {}
        for name, size in db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            for shadow in ("_data", "_idx", "_docsize", "_config", "_content"):
                if table.endswith("_fts" + shadow):
                    table = table.removesuffix(shadow)
            sizes[table] = sizes.get(table, 0) + size
        page = db.execute("PRAGMA page_size").fetchone()[0]
        sizes["(free)"] = db.execute("PRAGMA freelist_count").fetchone()[0] * page
    finally:
        db.close()
    return sorted(sizes.items(), key=lambda kv: -kv[1])


def report_size(project: Path, text_bytes: int, n: int, runs: int) -> None:
    size = project.stat().st_size
    print(f"file size: {size / 1e6:.1f} MB for {n:,} sources ({text_bytes / 1e6:.1f} MB of text): "
          f"file / text = {size / text_bytes:.2f}   [target <= 2.0]")
    parts = breakdown(project)
    print("  by table (with its indexes and full-text tables): " + ", ".join(
        f"{name} {b / 1e6:.1f} MB" for name, b in parts if b >= 0.005 * size))
    h = _child(_HEADINGS, str(project), str(max(5, runs)))
    print(f"source headings (the window's source list): median {h['median'] * 1000:.1f} ms for "
          f"{h['rows']:,} sources ({h['plan']}); the same read from the table, which holds the "
          f"texts: {h['without'] * 1000:.1f} ms")


def indexed_copy(project: Path) -> Path:
    """A copy of *project* with the evidence index built, made once and cached beside it."""
    from workbench.evidence import index
    from workbench.store.project import Project

    path = project.with_name(project.stem + "-indexed.pbw")
    if path.exists():
        Project.open(path).close()  # upgraded once, as bench_project does
        return path
    tmp = path.with_name(path.name + ".building")
    shutil.copyfile(project, tmp)
    t = time.perf_counter()
    with Project.open(tmp) as p:
        index.refresh(p)
    print(f"  evidence index built in {time.perf_counter() - t:.0f} s", flush=True)
    tmp.replace(path)
    return path


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--import-files", type=int, default=2000, help="files per import run")
    ap.add_argument("-n", type=int, default=10_000, help="sources in the benchmark project")
    ap.add_argument("--size", action="store_true", help="only the file size breakdown and headings")
    ap.add_argument("--index", action="store_true", help="also the size with the evidence index built")
    args = ap.parse_args()

    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the start", flush=True)
    print(f"building or reusing the {args.n:,}-source project ...", flush=True)
    t = time.perf_counter()
    project = bench_project(args.n)
    print(f"  ready in {time.perf_counter() - t:.1f} s: {project}")
    src = corpus(args.n)
    text_bytes = sum(f.stat().st_size for f in src.rglob("*.txt"))
    if args.size:
        report_size(project, text_bytes, args.n, args.runs)
        if args.index:
            print("with the evidence index built:")
            report_size(indexed_copy(project), text_bytes, args.n, args.runs)
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")
        return

    # Import: fresh projects, a slice of the corpus each run.
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
    report_size(project, text_bytes, args.n, args.runs)
    print(f"peak RSS of the search process: {s['rss_mb']:.0f} MB")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end")


if __name__ == "__main__":
    main()
