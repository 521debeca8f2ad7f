"""The evidence finder's four figures on every labelled set, in one table.

    .venv/bin/python -m bench.bench_finder_sets            the table
    .venv/bin/python -m bench.bench_finder_sets --cells    with each set's per-cell table
    .venv/bin/python -m bench.bench_finder_sets --misses   direct sentences left out of the top 5
    .venv/bin/python -m bench.bench_finder_sets --loso     each set measured with weights fitted
                                                           to the other sets only
    .venv/bin/python -m bench.bench_finder_sets --train    fit the weights to every set and write
                                                           resources/finder_model.json

Every set is measured the same way as in tests/test_evidence_quality.py: the tuning set over
the sample project, sets 1-20 over projects built from their own texts, every cell of the
frame counted. Each change to the finder's rules is judged leave-one-set-out: the figures of
the sets it was not written from say whether it generalizes. The load average is printed
too (the machine is shared; the figures themselves do not depend on it).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from workbench import paths, sample
from workbench.evidence import model
from workbench.evidence.analysis import FINDER_VERSION, analyse, frame_of
from workbench.evidence.evaluation import DIRECT, build_project, evaluate, load_set, table, totals
from workbench.store import frame, sentences, sources

FD_COST = 1.5  # a false direct costs this many missed direct ones when choosing the threshold
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = [("tuning", DATA / "evidence_labels.json")] + [
    (f"set {n}", DATA / f"evidence_labels_heldout{'' if n == 1 else n}.json") for n in range(1, 45)]


def _misses(results, labelled) -> list[str]:
    """The cells whose top 5 holds fewer direct sentences than it could."""
    return [f"  {r.actor} × {r.instrument}: top {''.join(map(str, r.top)) or '-'}, "
            f"{r.direct} direct, {r.marked_direct} marked" for r in results
            if (r.direct and r.hits < min(r.k, r.direct)) or r.false_direct]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _open(name: str, path: Path, labelled: dict, folder: str):
    if name == "tuning":
        return sample.create_sample(Path(folder) / "sample.pbw")
    return build_project(Path(folder) / f"{path.stem}.pbw", labelled)


def examples(name: str, path: Path, folder: str) -> list[tuple[tuple[float, ...], int]]:
    """(features, grade) of every sentence the finder shows for any cell of the set."""
    labelled = load_set(path)
    project = _open(name, path, labelled, folder)
    try:
        actors, instruments = frame.actors(project), frame.instruments(project)
        names = {a.id: a.name.casefold() for a in actors} | {-i.id: i.name.casefold() for i in instruments}
        grades = {(c["actor"].casefold(), c["instrument"].casefold(), _norm(s["text"])):
                  int(s.get("grade", DIRECT)) for c in labelled["cells"] for s in c["sentences"]}
        fr = frame_of(actors, instruments)
        with model.record():
            return _read(project, fr, names, grades)
    finally:
        project.close()


def _read(project, fr, names, grades) -> list[tuple[tuple[float, ...], int]]:
    out = []
    for src in sources.list_all(project):
        text = sources.get(project, src.id).text
        for _n, start, end in sentences.spans_of(project.db, src.id):
            found = analyse(text[start:end], fr)
            for (a, i), scored in sorted(found.items()):
                if scored.features:
                    key = (names[a], names[-i], _norm(text[start:end]))
                    out.append((scored.features, grades.get(key, 0)))
    return out


def train(data: list[tuple[tuple[float, ...], int]], related: float) -> model.Weights:
    """Weights fitted to *data*; a sentence graded related counts *related* of a direct one.
    The direct threshold is the probability that best separates grade 2 from the rest among
    the sentences the rules call direct, a false direct costing FD_COST times a direct one missed."""
    rows = [x for x, _g in data]
    bias, weights = model.fit(rows, [1.0 if g == DIRECT else related if g else 0.0 for _x, g in data])
    w = model.Weights(bias, weights, 0.5)
    probs = [(model.probability(x, w), g == DIRECT) for x, g in data if x[0]]  # the rules' direct

    def cost(t: float) -> int:
        return sum(FD_COST if p >= t and not d else 1 if p < t and d else 0 for p, d in probs)

    # The lowest threshold within 2% of the best: the model withdraws only what it is surest of.
    grid = [n / 100 for n in range(20, 91, 2)]
    least = min(cost(t) for t in grid)
    return model.Weights(bias, weights, next(t for t in grid if cost(t) <= least * 1.02))


def measure(sets, folder: str) -> list[tuple[str, object]]:
    rows = []
    for name, path in sets:
        labelled = load_set(path)
        project = _open(name, path, labelled, folder)
        try:
            rows.append((name, totals(evaluate(project, labelled["cells"], every_cell=True))))
        finally:
            project.close()
    return rows


def print_rows(rows) -> None:
    print(f"{'set':<8} {'recall@5':>9} {'nDCG@5':>7} {'prec@5':>7} {'false direct':>16}")
    for name, t in rows:
        print(f"{name:<8} {t.recall:>9.3f} {t.ndcg:>7.3f} {t.precision:>7.3f} "
              f"{t.false_direct:>5} in {t.cells_without_direct:>2} cells")
    dev = [t for name, t in rows if name != "tuning"]
    if dev:
        print(f"{f'mean 1-{len(dev)}':<8} {sum(t.recall for t in dev) / len(dev):>9.3f} "
              f"{sum(t.ndcg for t in dev) / len(dev):>7.3f} {sum(t.precision for t in dev) / len(dev):>7.3f} "
              f"{sum(t.false_direct for t in dev):>5}")


def loso(related: float) -> None:
    """Each set measured with weights fitted to all the others."""
    with tempfile.TemporaryDirectory() as d:
        data = {name: examples(name, path, d) for name, path in SETS}
    rows = []
    for name, path in SETS:
        rest = [e for other, es in data.items() if other != name for e in es]
        w = train(rest, related)
        print(f"without {name}: direct at p >= {w.direct_at}")
        with model.using(w), tempfile.TemporaryDirectory() as d:
            rows.extend(measure([(name, path)], d))
    print(f"\nleave-one-set-out, finder version {FINDER_VERSION}, related counted {related}; "
          "load average %.2f %.2f %.2f" % os.getloadavg())
    print_rows(rows)


def write_weights(related: float) -> None:
    with tempfile.TemporaryDirectory() as d:
        by_set = {name: examples(name, path, d) for name, path in SETS}
    data = [e for es in by_set.values() for e in es]
    w = train(data, related)
    # The threshold: the lowest any fold chose, so that the weights withdraw a direct mark only
    # where every fold, fitted without one of the sets, would have.
    folds = [train([e for other, es in by_set.items() if other != name for e in es], related).direct_at
             for name in by_set]
    w = model.Weights(w.bias, w.weights, min(folds))
    target = paths.resources() / model.MODEL_FILE
    target.write_text(json.dumps(w.as_json(), indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} sentences, {sum(1 for _x, g in data if g == DIRECT)} direct; wrote {target}")
    for name, weight in zip(model.FEATURES, w.weights):
        print(f"  {name:<24} {weight:+.3f}")
    print(f"  {'bias':<24} {w.bias:+.3f}; direct at p >= {w.direct_at} (the folds': {folds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cells", action="store_true", help="print each set's per-cell table")
    parser.add_argument("--misses", action="store_true", help="list the cells with misses")
    parser.add_argument("--loso", action="store_true", help="leave-one-set-out figures of the model")
    parser.add_argument("--train", action="store_true", help="fit the model to every set and store it")
    parser.add_argument("--related", type=float, default=0.3, help="a related sentence's share in fitting")
    args = parser.parse_args()
    if args.loso:
        loso(args.related)
        return
    if args.train:
        write_weights(args.related)
        return
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
    print_rows(rows)


if __name__ == "__main__":
    main()
