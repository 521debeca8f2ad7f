"""Evidence index benchmarks: the build, indexing an import, coverage, one cell after a cite,
suggest over all candidates.

    .venv/bin/python -m bench.bench_coverage [-n 10000] [--workers N] [--built FILE]

On the generated project of n sources (bench/generate.py; built once, cached). It prints:
the build of the whole index from nothing (wall time, and the CPU time of this process and of
the worker processes that read sentences); a rebuild after a finder change that left the rows
as they were (each source's rows compared, none written); indexing 100 newly imported
sources; coverage of every cell (median of 3; target <= 2 s at 10k, <= 20 s at 100k); one
cell's figures after a cite (median of 7; target <= 200 ms); suggest for several cells with
how many indexed sentences each cell has (median of 7; target <= 100 ms at 100k); and the
refresh after an alias is added to one actor and taken away again. Everything works on a
copy of the cached project (the cite and the alias edit are undone either way). The load
average is printed with every figure: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.bench_suggest import median_ms
from workbench.evidence import index
from workbench.evidence.coverage import cell_coverage, coverage
from workbench.evidence.finder import suggest
from workbench.store import cells, evidence_index, evidence_reads, excerpts, frame, sentences
from workbench.store.project import Project

CELLS = [("Russia", "Sanctions"), ("China", "Diplomacy"), ("NATO", "Military aid"),
         ("United Nations", "Diplomacy"), ("North Korea", "Military aid")]


def _load() -> str:
    return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def _cpu() -> tuple[float, float]:
    """CPU seconds used so far by this process and by its ended children (the workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def build(path: Path, workers: int | None) -> None:
    """The index built from nothing, rebuilt after a finder change, and 100 sources imported."""
    from bench.generate import _article
    from workbench.ingest.importer import import_paths

    with Project.open(path) as project:
        with project.transaction() as db:
            evidence_index.clear(db)
        n_sources = project.db.execute("SELECT count(*) FROM source").fetchone()[0]
        print(f"build from nothing, {n_sources:,} sources; {_load()}")
        t, (me, kids) = time.perf_counter(), _cpu()
        assert index.refresh(project, workers=workers)
        me2, kids2 = _cpu()
        rows = evidence_index.count_rows(project)
        print(f"  built in {time.perf_counter() - t:.1f} s ({rows:,} rows); CPU {me2 - me:.1f} s here, "
              f"{kids2 - kids:.1f} s in worker processes; {_load()}")

        with project.transaction() as db:
            evidence_index.set_state(db, {**evidence_index.state(project), "finder": "an older finder"})
        t = time.perf_counter()
        assert index.refresh(project, workers=workers)
        print(f"  rebuilt after a finder change that left every row as it was: "
              f"{time.perf_counter() - t:.1f} s; {_load()}")

        with tempfile.TemporaryDirectory() as d:
            rng = random.Random(99)
            for k in range(100):
                (Path(d) / f"new_{k:03d}.txt").write_text(_article(rng, 900_000 + k), encoding="utf-8")
            import_paths(project, [Path(d)])
        t = time.perf_counter()
        assert index.refresh(project, workers=workers)
        print(f"  100 newly imported sources indexed in {time.perf_counter() - t:.2f} s; {_load()}")


def run(path: Path) -> None:
    with Project.open(path) as project:
        n_sources = project.db.execute("SELECT count(*) FROM source").fetchone()[0]
        n_sentences = sentences.count(project.db)
        print(f"project: {path.name}, {n_sources:,} sources, {n_sentences:,} sentences; {_load()}")
        t = time.perf_counter()
        index.refresh(project)
        rows = evidence_index.count_rows(project)
        print(f"index up to date in {time.perf_counter() - t:.1f} s ({rows:,} rows); {_load()}")

        cov: dict = {}
        elapsed = median_ms(lambda: cov.update(coverage(project)), 3) / 1000
        counts = sorted(v[0] for v in cov.values())
        print(f"coverage of all {len(cov)} cells, median of 3: {elapsed:.2f} s; direct sentences per cell "
              f"{counts[0]:,}..{counts[-1]:,}, no cap; {_load()}")

        a = frame.find_actor(project, "Russia")
        i = frame.find_instrument(project, "Sanctions")
        s = suggest(project, a.id, i.id, limit=1)[0]
        excerpt = excerpts.cite(project, cells.get(project, a.id, i.id).id, s.source_id, s.start, s.end)
        try:
            ms = median_ms(lambda: cell_coverage(project, a.id, i.id), 7)
            print(f"one cell after a cite, median of 7: {ms:.1f} ms; {_load()}")
        finally:
            excerpts.uncite(project, cells.get(project, a.id, i.id).id, excerpt.id)

        print("suggest(limit=10), median of 7, every indexed sentence of the cell considered:")
        medians = []
        for actor_name, instrument_name in CELLS:
            a = frame.find_actor(project, actor_name)
            i = frame.find_instrument(project, instrument_name)
            n = sum(1 for _r in evidence_reads.cell_rows(project, a.id, i.id))
            suggest(project, a.id, i.id)  # warm the page cache and the matchers
            ms = median_ms(lambda: suggest(project, a.id, i.id, limit=10), 7)
            medians.append(ms)
            print(f"  {actor_name + ' × ' + instrument_name:<30} {ms:7.1f} ms   {n:>9,} indexed sentences")
        print(f"  median over cells: {statistics.median(medians):.1f} ms; {_load()}")

        japan = frame.find_actor(project, "Japan")
        aliases = list(japan.aliases)
        t = time.perf_counter()
        frame.update_actor(project, japan.id, aliases=[*aliases, "Nippon"])
        index.refresh(project)
        added = time.perf_counter() - t
        t = time.perf_counter()
        frame.update_actor(project, japan.id, aliases=aliases)
        index.refresh(project)
        print(f"alias added to one actor, index refreshed: {added:.1f} s; taken away again: "
              f"{time.perf_counter() - t:.1f} s; {_load()}")


def main() -> None:
    from bench.generate import bench_project

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=None,
                    help="worker processes for the build (0: none; default: as the window does)")
    ap.add_argument("--built", type=Path, default=None,
                    help="skip the build: time the rest on a copy of this project, its index built")
    args = ap.parse_args()
    path = args.built or bench_project(args.n)
    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / path.name
        shutil.copyfile(path, copy)
        if args.built is None:
            build(copy, args.workers)
        run(copy)


if __name__ == "__main__":
    main()
