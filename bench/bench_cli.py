"""Command-line start-up: `workbench search` as a whole process next to the `sqlite3` shell.

    python -m bench.bench_cli            # on the 10,000-source benchmark project
    python -m bench.bench_cli -n 1000    # a smaller one

Both run the same FTS5 query on the same file, each as a fresh process, interleaved; the
figure is the ratio of the medians (target: workbench <= 2.5x sqlite3). Also prints how long
`import workbench.cli` takes on its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import bench_project

QUERIES = ["sanctions", "\"export controls\"", "Pyongyang AND weapons", "envoy"]


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


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
    workbench = [sys.executable, "-m", "workbench"]
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(2):  # warm the page cache and the byte-code
        _time([*workbench, "search", str(project), QUERIES[0]])
    for i in range(args.runs):
        q = QUERIES[i % len(QUERIES)]
        sql = ("SELECT s.id, s.title, snippet(source_fts, 1, '[', ']', '…', 12) FROM source_fts"
               " JOIN source s ON s.id = source_fts.rowid WHERE source_fts MATCH "
               f"'{q.replace(chr(39), chr(39) * 2)}' ORDER BY rank LIMIT 20")
        ours.append(_time([*workbench, "search", str(project), q]))
        theirs.append(_time([sqlite, "-readonly", str(project), sql]))
    imports = [_time([sys.executable, "-c", "import workbench.cli"]) for _ in range(args.runs)]
    bare = [_time([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.n} sources, {args.runs} runs each")
    print(f"workbench search (whole process)   median {m_ours * 1000:7.1f} ms")
    print(f"sqlite3 shell, same query          median {m_theirs * 1000:7.1f} ms")
    print(f"ratio                              {m_ours / m_theirs:7.2f}x   (target <= 2.5x)")
    print(f"python -c 'import workbench.cli'   median {statistics.median(imports) * 1000:7.1f} ms"
          f"   (bare interpreter {statistics.median(bare) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
