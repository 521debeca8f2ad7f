"""Command-line start-up: `workbench search` as a whole process next to the `sqlite3` shell.

    python -m bench.bench_cli            # on the 10,000-source benchmark project
    python -m bench.bench_cli -n 1000    # a smaller one

Both run the same FTS5 query on the same file, each as a fresh process, interleaved; the
figure is the ratio of the medians (target: workbench <= 2.5x sqlite3). `workbench` is the
console command users run (`python -m workbench` is timed too); the package is byte-compiled
first, as an installed one is. Then a breakdown of one search, step by step, in fresh
processes: the bare interpreter, site, each import, the parser, each step of opening the
project, the query and the printing.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import bench_project

QUERIES = ["sanctions", "\"export controls\"", "Pyongyang AND weapons", "envoy"]

# Run in a fresh interpreter: times each step of `workbench search PROJECT QUERY` as
# cli/__init__.py and Project.open do them, and prints them as JSON.
_STEPS = r"""
import time
t0 = time.perf_counter()
laps = []
def lap(name):
    global t0
    t = time.perf_counter()
    laps.append((name, (t - t0) * 1000))
    t0 = t
import sqlite3; lap("import sqlite3")
from workbench.store import project; lap("import workbench.store.project (+connection, trust)")
import workbench.cli; lap("import workbench.cli (+commands, terminal, errors)")
from workbench.store import search; lap("import workbench.store.search")
import sys
args = workbench.cli.commands.plain_search(["search", sys.argv[1], sys.argv[2]]); lap("read the arguments (no argparse)")
from workbench.store import connection, trust
path = args.project
connection.settle_journal(path, may_write=False); lap("open: journal check")
header = connection.read_header(path); lap("open: header")
known = trust.is_known_good(path); lap("open: trust record")
db = connection.connect(path, read_only=True); lap("open: connect, harden")
if not known:
    connection.verify(db, "p", header.user_version, quick_check=True); lap("open: schema check + quick_check (file not on record)")
db.close()
p = project.Project.open(path, read_only=True); lap("open: all of Project.open again")
result = search.search(p, args.query, limit=args.limit); lap("query (FTS5 bm25 + snippets)")
import io
out = io.StringIO()
for h in result.hits:
    print(h.source_id, h.title, h.snippet, file=out)
lap("print")
p.close(); lap("close")
connection.expected_schema(header.user_version); lap("(not in a search of a file on record: reference schema)")
import pathlib; lap("(not in a plain search: import pathlib, with re and enum)")
import json; lap("(not in a plain search: import json)")
import argparse; lap("(not in a plain search: import argparse)")
from workbench.cli import parser; parser.build_parser("search").parse_args(["search", "p", "q", "--json"]); lap("(not in a plain search: the parser)")
print(json.dumps(laps))
"""

# The floor for any command written in Python: an interpreter that imports sqlite3 and runs
# the same query as `workbench search`, with nothing else.
_FLOOR = r"""
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for row in db.execute("SELECT rowid, title, snippet(source_fts, 1, '[', ']', '…', 16) FROM source_fts"
                      " WHERE source_fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)' ORDER BY rank LIMIT 20",
                      (sys.argv[2],)):
    print(*row)
"""


# CPU seconds of each child (user + system): on a loaded machine the wall time mostly measures
# the wait for a core, and the CPU time what the process itself costs.
_cpu: dict[str, list[float]] = {}


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# Children run as a user's shell starts them: with output buffered (PYTHONUNBUFFERED, set in
# some developer and CI environments, makes every print a system call of its own).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _time(cmd: list[str], label: str = "") -> float:
    t, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
    if label:
        _cpu.setdefault(label, []).append(_children_cpu() - cpu)
    return time.perf_counter() - t


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def breakdown(project: Path, runs: int) -> None:
    """Median time of each step over *runs* fresh processes."""
    steps: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _STEPS, str(project), QUERIES[0]], check=True,
                             capture_output=True, text=True, env=_ENV).stdout
        for name, ms in json.loads(out.splitlines()[-1]):
            steps.setdefault(name, []).append(ms)
    bare = [_time([sys.executable, "-S", "-c", "pass"]) * 1000 for _ in range(runs)]
    site = [_time([sys.executable, "-c", "pass"]) * 1000 for _ in range(runs)]
    print(f"\nbreakdown of one search (medians of {runs} fresh processes; load average {_load()})")
    print(f"  {'interpreter alone (python -S)':52s} {statistics.median(bare):7.2f} ms")
    print(f"  {'site (venv, its .pth files)':52s} {statistics.median(site) - statistics.median(bare):7.2f} ms")
    for name, values in steps.items():
        print(f"  {name:52s} {statistics.median(values):7.2f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=10_000, help="sources in the benchmark project")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    sqlite = shutil.which("sqlite3")
    if sqlite is None:
        print("the sqlite3 shell is needed (Debian: apt-get install sqlite3)", file=sys.stderr)
        return 1
    project = bench_project(args.n)
    # Byte-code as an installed package has it (pip compiles at install time); without it
    # every run would compile the modules it imports.
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "workbench", quiet=1)
    console = Path(sys.executable).with_name("workbench")
    workbench = [str(console)] if console.exists() else [sys.executable, "-m", "workbench"]
    module = [sys.executable, "-m", "workbench"]
    ours: list[float] = []
    as_module: list[float] = []
    theirs: list[float] = []
    floor: list[float] = []
    for _ in range(2):  # warm the page cache
        _time([*workbench, "search", str(project), QUERIES[0]])
    started_load = _load()
    for i in range(args.runs):
        q = QUERIES[i % len(QUERIES)]
        sql = ("SELECT s.id, s.title, snippet(source_fts, 1, '[', ']', '…', 12) FROM source_fts"
               " JOIN source s ON s.id = source_fts.rowid WHERE source_fts MATCH "
               f"'{q.replace(chr(39), chr(39) * 2)}' ORDER BY rank LIMIT 20")
        ours.append(_time([*workbench, "search", str(project), q], "workbench"))
        theirs.append(_time([sqlite, "-readonly", str(project), sql], "sqlite3"))
        as_module.append(_time([*module, "search", str(project), q], "python -m"))
        floor.append(_time([sys.executable, "-S", "-c", _FLOOR, str(project), q], "floor"))
    imports = [_time([sys.executable, "-c", "import workbench.cli"]) for _ in range(args.runs)]
    bare = [_time([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
    print(f"load average {started_load} at the start, {_load()} at the end; {args.n} sources, {args.runs} runs each")
    print(f"workbench search (whole process)   median {m_ours * 1000:7.1f} ms   ({' '.join(workbench[-1:])})")
    print(f"python -m workbench search         median {statistics.median(as_module) * 1000:7.1f} ms")
    print(f"sqlite3 shell, same query          median {m_theirs * 1000:7.1f} ms")
    print(f"python -S, sqlite3 and the query   median {statistics.median(floor) * 1000:7.1f} ms"
          f"   (the floor for a command in Python: {statistics.median(floor) / m_theirs:.2f}x)")
    print(f"ratio                              {m_ours / m_theirs:7.2f}x   (target <= 2.5x)")
    if all(_cpu.values()) and statistics.median(_cpu["sqlite3"]) > 0:
        c_ours, c_module, c_theirs, c_floor = (statistics.median(_cpu[k])
                                               for k in ("workbench", "python -m", "sqlite3", "floor"))
        print(f"CPU time: workbench {c_ours * 1000:.1f} ms, python -m workbench {c_module * 1000:.1f} ms,"
              f" sqlite3 {c_theirs * 1000:.1f} ms, the floor {c_floor * 1000:.1f} ms;"
              f" ratio {c_ours / c_theirs:.2f}x (the floor's {c_floor / c_theirs:.2f}x)")
    print(f"python -c 'import workbench.cli'   median {statistics.median(imports) * 1000:7.1f} ms"
          f"   (bare interpreter {statistics.median(bare) * 1000:.1f} ms)")
    breakdown(project, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
