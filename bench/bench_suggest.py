"""Evidence finder benchmarks.

    .venv/bin/python -m bench.bench_suggest            latency on the 10,000-source project
    .venv/bin/python -m bench.bench_suggest --quality  recall@5 / precision@5 on the labelled sample

Latency: median of 7 runs of `suggest()` for several cells (target <= 100 ms), with the
full-text prefilter alone measured in the same run as the baseline, and one full coverage
pass over the matrix (what the window runs in a worker).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from workbench import sample
from workbench.evidence import candidates
from workbench.evidence.coverage import coverage
from workbench.evidence.evaluation import evaluate, load_labels, table
from workbench.evidence.finder import suggest
from workbench.store import frame
from workbench.store.project import Project

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "evidence_labels.json"
CELLS = [("Russia", "Sanctions"), ("China", "Diplomacy"), ("NATO", "Military aid"),
         ("United Nations", "Diplomacy"), ("North Korea", "Military aid")]
RUNS = 7


def _median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def quality() -> None:
    with tempfile.TemporaryDirectory() as d:
        project = sample.create_sample(Path(d) / "sample.pbw")
        try:
            print("Evidence finder on the labelled sample cells (recall@5, precision@5)")
            print(table(evaluate(project, load_labels(LABELS), k=5)))
        finally:
            project.close()


def latency() -> None:
    from bench.generate import bench_project

    path = bench_project()
    with Project.open(path, read_only=True) as project:
        n_sources = project.db.execute("SELECT count(*) FROM source").fetchone()[0]
        n_sentences = project.db.execute("SELECT count(*) FROM sentence").fetchone()[0]
        print(f"project: {path.name}, {n_sources:,} sources, {n_sentences:,} sentences")
        print(f"suggest(limit=10), median of {RUNS} runs; baseline = FTS prefilter alone "
              f"(<= {candidates.MAX_CANDIDATES} candidates)")
        medians = []
        for actor_name, instrument_name in CELLS:
            actor = frame.find_actor(project, actor_name)
            instrument = frame.find_instrument(project, instrument_name)
            suggest(project, actor.id, instrument.id)  # warm the page cache and the matchers
            base = _median_ms(lambda: candidates.fetch(project, actor, instrument))
            full = _median_ms(lambda: suggest(project, actor.id, instrument.id, limit=10))
            medians.append(full)
            print(f"  {actor_name + ' × ' + instrument_name:<30} {full:7.1f} ms"
                  f"   prefilter {base:6.1f} ms   ratio {full / base:5.1f}x")
        print(f"  median over cells: {statistics.median(medians):.1f} ms (target <= 100 ms)")
        t = time.perf_counter()
        cov = coverage(project)
        elapsed = time.perf_counter() - t
        busiest = max(cov.values())
        print(f"coverage of all {len(cov)} cells: {elapsed:.1f} s (one run; largest cell "
              f"{busiest[0]:,} distinct candidate sentences)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quality", action="store_true", help="recall/precision on the labelled sample")
    args = p.parse_args()
    if args.quality:
        quality()
    else:
        latency()


if __name__ == "__main__":
    main()
