"""Evidence finder benchmarks.

    .venv/bin/python -m bench.bench_suggest            latency on the 10,000-source project
    .venv/bin/python -m bench.bench_suggest --quality  figures on the tuning and both held-out sets

Latency: median of 7 runs of `suggest()` for several cells (target <= 100 ms), with the
full-text prefilter alone measured in the same run as the baseline (suggest reads the
cell's best rows of the evidence index, brought up to date first), and the median of 3
coverage passes over every cell of the matrix (target < 5 s; what the window runs in a
worker), and the median of 3 passes of `analyse()` (every cell of one sentence) over the
first sentences of the project, per sentence.  The load average is printed with the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from itertools import islice
from pathlib import Path

from workbench import sample
from workbench.evidence import candidates
from workbench.evidence.analysis import analyse, frame_of
from workbench.evidence import index
from workbench.evidence.coverage import coverage
from workbench.evidence.evaluation import build_project, evaluate, load_set, table
from workbench.evidence.finder import suggest
from workbench.store import frame, sentences
from workbench.store.project import Project

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TUNING, HELD_OUT = DATA / "evidence_labels.json", DATA / "evidence_labels_heldout.json"
HELD_OUT_2 = DATA / "evidence_labels_heldout2.json"
CELLS = [("Russia", "Sanctions"), ("China", "Diplomacy"), ("NATO", "Military aid"),
         ("United Nations", "Diplomacy"), ("North Korea", "Military aid")]
RUNS = 7
ANALYSED = 20_000  # sentences read by the analyse() timing


def median_ms(fn, runs: int = RUNS) -> float:
    """Median wall time of *runs* calls of *fn*, in ms."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def quality() -> None:
    with tempfile.TemporaryDirectory() as d:
        project = sample.create_sample(Path(d) / "sample.pbw")
        try:
            print("Tuning set: the five sample articles, every cell of the frame")
            print(table(evaluate(project, load_set(TUNING)["cells"], every_cell=True)))
        finally:
            project.close()
        for name, path in (("Held-out set", HELD_OUT), ("Second held-out set", HELD_OUT_2)):
            held_out = load_set(path)
            project = build_project(Path(d) / f"{path.stem}.pbw", held_out)
            try:
                print(f"\n{name}, every cell of the frame")
                print(table(evaluate(project, held_out["cells"], every_cell=True)))
            finally:
                project.close()


def latency() -> None:
    from bench.generate import bench_project

    path = bench_project()
    with Project.open(path) as project:
        t = time.perf_counter()
        index.refresh(project)  # the evidence index is built once per project and finder version
        print(f"evidence index brought up to date in {time.perf_counter() - t:.1f} s; {_load()}")
        n_sources = project.db.execute("SELECT count(*) FROM source").fetchone()[0]
        n_sentences = sentences.count(project.db)
        print(f"project: {path.name}, {n_sources:,} sources, {n_sentences:,} sentences; {_load()}")
        print(f"suggest(limit=10), median of {RUNS} runs; baseline = FTS prefilter alone "
              f"(<= {candidates.MAX_CANDIDATES} candidates)")
        medians = []
        for actor_name, instrument_name in CELLS:
            actor = frame.find_actor(project, actor_name)
            instrument = frame.find_instrument(project, instrument_name)
            suggest(project, actor.id, instrument.id)  # warm the page cache and the matchers
            base = median_ms(lambda: candidates.fetch(project, actor, instrument))
            full = median_ms(lambda: suggest(project, actor.id, instrument.id, limit=10))
            medians.append(full)
            print(f"  {actor_name + ' × ' + instrument_name:<30} {full:7.1f} ms"
                  f"   prefilter {base:6.1f} ms   ratio {full / base:5.1f}x")
        print(f"  median over cells: {statistics.median(medians):.1f} ms (target <= 100 ms); {_load()}")
        cov: dict = {}

        def run() -> None:
            cov.update(coverage(project))

        elapsed = median_ms(run, 3) / 1000
        counts = sorted(v[0] for v in cov.values())
        print(f"coverage of all {len(cov)} cells, median of 3: {elapsed:.2f} s (target < 5 s); direct "
              f"sentences per cell {counts[0]:,}..{counts[-1]:,} (counted to the end); {_load()}")
        texts = [text for _i, text in islice(sentences.index_entries(project.db), ANALYSED)]
        matchers = frame_of(frame.actors(project), frame.instruments(project))
        read = sum(1 for t in texts if analyse(t, matchers))

        def analyse_all() -> None:
            for t in texts:
                analyse(t, matchers)

        per = median_ms(analyse_all, 3) * 1000 / len(texts)
        print(f"analyse() over {len(texts):,} sentences ({read:,} with a scored cell), median of 3: "
              f"{per:.1f} µs per sentence, {per * len(texts) / max(read, 1):.1f} µs per scored sentence; {_load()}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quality", action="store_true", help="figures on the tuning and both held-out sets")
    args = p.parse_args()
    if args.quality:
        quality()
    else:
        latency()


if __name__ == "__main__":
    main()
