"""A synthetic corpus and project for benchmarks: 10,000 news-like sources, about 50 MB of text.

The text is made from templates that name the sample's actors and instruments, so search and
the evidence finder have realistic work to do. Same seed, same corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

_ACTORS = [
    "the United States", "Washington", "South Korea", "Seoul", "Japan", "Tokyo", "China", "Beijing",
    "Russia", "Moscow", "the Kremlin", "North Korea", "Pyongyang", "Ukraine", "Kyiv",
    "the European Union", "Brussels", "NATO", "the United Nations", "the Security Council",
]
_VERBS = [
    "announced", "considered", "rejected", "proposed", "expanded", "suspended", "called for",
    "warned against", "pressed for", "welcomed", "condemned", "debated",
]
_INSTRUMENTS = [
    "new sanctions on shipping firms", "an emergency session", "talks with intermediaries",
    "export controls on dual-use goods", "military aid for air defence", "weapons deliveries",
    "a ceasefire proposal", "asset freezes on banks", "training for artillery crews",
    "intelligence sharing", "humanitarian assistance", "a special envoy", "an arms embargo",
    "financial assistance", "diplomatic pressure on third countries",
]
_FILLER = [
    "Analysts said the move reflected months of quiet preparation.",
    "Officials declined to give a timetable.",
    "The decision followed reports of troop movements near the border.",
    "Markets reacted calmly to the news.",
    "Critics argued the measures would take years to show results.",
    "Diplomats described the discussions as frank but constructive.",
    "The statement did not name any of the companies involved.",
    "Satellite images published last week appeared to confirm the deployment.",
    "Several governments have asked for an independent investigation.",
    "The ministry said further steps were under review.",
]
_OUTLETS = ["Daily Ledger", "Global Monitor", "The Observer Review", "Policy Wire", "Eastern Courier"]


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return rng.choice(_FILLER)
    actor = rng.choice(_ACTORS)
    return f"{actor[0].upper()}{actor[1:]} {rng.choice(_VERBS)} {rng.choice(_INSTRUMENTS)} on {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October', 'November'])}."


def _article(rng: random.Random, n: int) -> str:
    title = f"Report {n}: {rng.choice(_ACTORS).title()} and {rng.choice(_INSTRUMENTS)}"
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [rng.choice(_OUTLETS), "", title, "", f"date {date} By Staff Writer {n % 97}", ""]
    while sum(len(x) for x in lines) < 4800:
        lines.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 7))))
        lines.append("")
    return "\n".join(lines)


def corpus(n: int = 10_000, seed: int = 7) -> Path:
    """Write (once) n text files under bench/out/corpus{n}/ and return the folder."""
    folder = OUT / f"corpus{n}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(n):
        sub = folder / f"{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"article_{i:05d}.txt").write_text(_article(rng, i), encoding="utf-8")
    done.touch()
    return folder


def bench_project(n: int = 10_000) -> Path:
    """The benchmark project with n sources and the sample's frame, built once and cached."""
    from workbench import sample
    from workbench.ingest.importer import import_paths

    path = OUT / f"bench{n}.pbw"
    if path.exists():
        # A project cached by an older version is upgraded once here; otherwise every
        # read-only open in a bench would work on a fresh upgraded scratch copy.
        from workbench.store.project import Project

        Project.open(path).close()
        return path
    src = corpus(n)
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    project = sample.create_empty(tmp, f"Benchmark ({n} sources)")
    with project:
        sample.add_default_actors(project)
        import_paths(project, [src])
    tmp.replace(path)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=10_000)
    args = ap.parse_args()
    t = time.perf_counter()
    path = bench_project(args.n)
    print(f"{path} ready in {time.perf_counter() - t:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
