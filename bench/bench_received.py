"""A received file: process start -> first paint when this computer has not checked it yet.

    python -m bench.bench_received            # the 10,000-source benchmark project
    python -m bench.bench_received -n 1000    # a smaller one

Each run is a fresh process with an empty record of checked files (so the file is unknown),
on the offscreen platform. Interleaved in the same run: the window opening it at once while
the check runs in the background ("later"), checking it before the first paint ("first", as
before), and for reference the same file once this computer has vouched for it. Also printed: when the background check let the file be written. Target: first
paint <= 0.6 s at 100,000 sources. The load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.bench_window import _PRELUDE, _child
from bench.generate import bench_project

_RECEIVED = _PRELUDE + """
from workbench.ui import app as app_module
from workbench.ui.main_window import MainWindow
app = QApplication(sys.argv[:1])
app_module.configure(app)
w = MainWindow(settings=settings(sys.argv[2]))
w.open_project(sys.argv[1], check_later=sys.argv[3] == "later")
w.resize(1400, 900)
out = {}
def writable():
    if w.session is not None and w.session.read_only:
        QTimer.singleShot(10, writable)
        return
    out["writable"] = time.time() - T0
    print(json.dumps(out))
    w.close()
    app.quit()
def done():
    out["first_paint"] = probe.at - T0
    writable()
probe = FirstPaint(done)
w.installEventFilter(probe)
w.show()
app.exec()
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="sources in the benchmark project")
    ap.add_argument("-r", "--runs", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-received-"))
    try:
        received = work / "received.pbw"
        shutil.copyfile(bench_project(args.n), received)
        rows: dict[str, list[dict]] = {"later": [], "first": [], "known": []}
        for i in range(args.runs + 1):  # the first round only fills the page cache
            for mode in rows:
                # An empty record each time: the file is unknown; "known" keeps its record,
                # which the first round fills (the file as this computer last checked it).
                state = work / ("state-known" if mode == "known" else f"state-{mode}-{i}")
                row = _child(_RECEIVED, str(received), str(work), "first" if mode == "first" else "later",
                             env_extra={"WORKBENCH_STATE_DIR": str(state)})
                if i:
                    rows[mode].append(row)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average {load}; {args.n} sources, unchecked file, median of {args.runs} runs each")
        for mode, label in (("later", "opened at once, checked after"), ("first", "checked before the first paint"),
                            ("known", "(a file checked here before)")):
            paint = statistics.median(r["first_paint"] for r in rows[mode])
            ready = statistics.median(r["writable"] for r in rows[mode])
            print(f"{label:32} first paint {paint * 1000:6.0f} ms   writable {ready * 1000:6.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
