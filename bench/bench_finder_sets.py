"""The evidence finder's four figures on every labelled set, in one table.

    .venv/bin/python -m bench.bench_finder_sets            the table
    .venv/bin/python -m bench.bench_finder_sets --cells    with each set's per-cell table
    .venv/bin/python -m bench.bench_finder_sets --misses   direct sentences left out of the top 5

Every set is measured the same way as in tests/test_evidence_quality.py: the tuning set over
the sample project, sets 1-5 over projects built from their own texts, every cell of the
frame counted. Each change to the finder's rules is judged leave-one-set-out: the figures of
the sets it was not written from say whether it generalizes. The load average is printed
too (the machine is shared; the figures themselves do not depend on it).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from workbench import sample
from workbench.evidence.analysis import FINDER_VERSION
from workbench.evidence.evaluation import build_project, evaluate, load_set, table, totals

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = [("tuning", DATA / "evidence_labels.json")] + [
    (f"set {n}", DATA / f"evidence_labels_heldout{'' if n == 1 else n}.json") for n in range(1, 6)]


def _misses(results, labelled) -> list[str]:
    """The cells whose top 5 holds fewer direct sentences than it could."""
    return [f"  {r.actor} × {r.instrument}: top {''.join(map(str, r.top)) or '-'}, "
            f"{r.direct} direct, {r.marked_direct} marked" for r in results
            if (r.direct and r.hits < min(r.k, r.direct)) or r.false_direct]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cells", action="store_true", help="print each set's per-cell table")
    parser.add_argument("--misses", action="store_true", help="list the cells with misses")
    args = parser.parse_args()
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as d:
        for name, path in SETS:
            labelled = load_set(path)
            if name == "tuning":
                project = sample.create_sample(Path(d) / "sample.pbw")
            else:
                project = build_project(Path(d) / f"{path.stem}.pbw", labelled)
            try:
                results = evaluate(project, labelled["cells"], every_cell=True)
            finally:
                project.close()
            if args.cells:
                print(f"\n{name}\n{table(results)}")
            if args.misses:
                print(f"\n{name} misses\n" + "\n".join(_misses(results, labelled)))
            rows.append((name, totals(results)))
    print(f"\nfinder version {FINDER_VERSION}; "
          "load average %.2f %.2f %.2f" % os.getloadavg()
          + f"; {time.perf_counter() - started:.1f} s")
    print(f"{'set':<8} {'recall@5':>9} {'nDCG@5':>7} {'prec@5':>7} {'false direct':>16}")
    for name, t in rows:
        print(f"{name:<8} {t.recall:>9.3f} {t.ndcg:>7.3f} {t.precision:>7.3f} "
              f"{t.false_direct:>5} in {t.cells_without_direct:>2} cells")
    dev = [t for name, t in rows if name != "tuning"]
    print(f"{'mean 1-5':<8} {sum(t.recall for t in dev) / len(dev):>9.3f} "
          f"{sum(t.ndcg for t in dev) / len(dev):>7.3f} {sum(t.precision for t in dev) / len(dev):>7.3f} "
          f"{sum(t.false_direct for t in dev):>5}")


if __name__ == "__main__":
    main()
