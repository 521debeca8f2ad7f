"""Import benchmark: web-page extraction quality, PDF extraction quality and throughput.

    python -m bench.bench_import                 # everything
    python -m bench.bench_import --only web      # or: pdf, text

Web pages: the 132 pages of ../shared/corpora/web-eval/ with their snippets. Each snippet the
main text must contain counts as a true positive when found, each one it must not contain
(menus, footers, sidebars) as a false positive when found; precision, recall and F1 over
all snippets, for the import (trafilatura) and for our own parser, which is its fallback.
Metadata: author and date right / wrong on the pages whose gold states them (a field left
empty is neither). Targets: F1 >= 0.95, precision >= 0.93; author and date right on >= 80%,
wrong on <= 5%. The metadata rules were developed on one half of the pages (the "dev" half:
the first byte of the SHA-256 of the page's name is even) and checked on the other ("check"):
both halves' figures are printed, so that rules tuned to single pages show. --misses prints
each page whose author or date is missing or wrong.

PDFs: the 31 files of ../shared/corpora/pdf-samples/: ligatures left, words glued (compared
with pdftotext when it is installed), files refused and why, time per file.

Text: throughput of importing plain text files (target >= 300 files/s), HTML and PDF files;
PDFs both with one reader process per file (as before) and with one per batch (as now).

Big: importing into a big project next to importing into an empty one, in the same run,
interleaved (target: >= 800 files/s into 100,000 sources). `--big-n 100000` builds that
project once (about ten minutes) in bench/out/; the default is the 10,000-source one.
Each round imports new texts (the corpus's articles, each made unique by a line of its own)
into a fresh empty project and twice into one copy of the big project: as an import does
(reader processes read and split the files while this one writes) and with every file read
in this process (the way before). Also printed: files per CPU second (of this process alone,
and with its reader processes) and the bytes written per file, which a loaded machine blurs
less, and how much of the time the importing thread was ready to run but waited for a core
(Linux), which is what other processes' load costs the wall clock.
`--big-project PATH` uses a project built before (it is copied, never changed).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
if not CORPORA.exists():
    CORPORA = Path("/work/shared/corpora")
WEB = CORPORA / "web-eval"
PDFS = CORPORA / "pdf-samples"
LIGATURES = re.compile("[\ufb00-\ufb06]")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _names(text: str) -> set[str]:
    return {w for w in re.sub(r"[^\w\s]", " ", text.casefold()).split() if w not in ("and", "by")}


def _half(name: str) -> str:
    return "dev" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "check"


def web(misses: bool = False) -> None:
    from workbench.ingest.html import declared_charset, extract_html
    from workbench.ingest.text import decode_bytes
    from workbench.ingest.web import extract_web_page

    expected = json.loads((WEB / "expected.json").read_text(encoding="utf-8"))
    pages = []
    for name, gold in expected.items():
        raw = gzip.decompress((WEB / "pages" / f"{name}.gz").read_bytes())
        pages.append((name, gold, decode_bytes(raw, declared_charset(raw))))
    print(f"web pages: {len(pages)} from {WEB}")
    for label, extract in (("import (trafilatura + metadata)", extract_web_page),
                           ("fallback parser (ours)", extract_html)):
        extract(pages[0][2])  # load the libraries outside the timing
        tp = fp = fn = 0
        # (field, half) -> [stated, right, wrong]
        meta = {(key, half): [0, 0, 0] for key in ("author", "date") for half in ("dev", "check")}
        times = []
        for name, gold, markup in pages:
            started = time.perf_counter()
            result = extract(markup)
            times.append(time.perf_counter() - started)
            text = _norm(result.text)
            for snippet in gold["with"]:
                if _norm(snippet) in text:
                    tp += 1
                else:
                    fn += 1
            fp += sum(_norm(s) in text for s in gold["without"])
            for key, got in (("author", result.author), ("date", result.published)):
                want = gold.get(key) or ""
                want = "; ".join(want) if isinstance(want, list) else want
                if not want:
                    continue
                counts = meta[key, _half(name)]
                counts[0] += 1
                right = (got == want[:10]) if key == "date" else bool(got) and _names(got) <= _names(want)
                if right:
                    counts[1] += 1
                elif got:
                    counts[2] += 1
                if misses and not right and extract is extract_web_page:
                    print(f"    {'wrong' if got else 'missing'} {key} ({_half(name)}) {name}: "
                          f"{got!r}, gold {want!r}")
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
        print(f"  {label}: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}   "
              f"median {statistics.median(times) * 1000:.0f} ms/page")
        for key in ("author", "date"):
            halves = [meta[key, half] for half in ("dev", "check")]
            stated, right, wrong = (sum(column) for column in zip(*halves))
            print(f"    {key}: right {right / stated:.0%}, wrong {wrong / stated:.0%} "
                  f"of {stated} pages that state one   ("
                  + ", ".join(f"{half} half: right {r / n:.0%}, wrong {w / n:.0%} of {n}"
                              for half, (n, r, w) in zip(("dev", "check"), halves)) + ")")
    print("  targets: F1 >= 0.95, precision >= 0.93; author/date right >= 80%, wrong <= 5%")


def _glued(ours: str, reference: str) -> int:
    """Words of pdftotext's text that appear in ours only glued to a neighbour."""
    words = set(re.findall(r"[^\W\d_]{3,}", ours))
    glued = 0
    for a, b in zip(reference.split(), reference.split()[1:]):
        if a.isalpha() and b.isalpha() and (a + b) in words and (a + b) not in reference:
            glued += 1
    return glued


def pdf() -> None:
    from workbench.ingest import IngestError, read_document

    files = sorted(PDFS.glob("*.pdf"))
    has_pdftotext = shutil.which("pdftotext") is not None
    print(f"PDFs: {len(files)} from {PDFS} (pdftotext {'found' if has_pdftotext else 'not installed'})")
    read_document(files[0])  # warm the worker start-up path
    times, refused, ligatures, glued, chars = [], {}, 0, 0, 0
    for path in files:
        started = time.perf_counter()
        try:
            doc = read_document(path)
        except IngestError as error:
            times.append(time.perf_counter() - started)
            refused[path.name] = str(error).split(path.name, 1)[-1].strip()
            continue
        times.append(time.perf_counter() - started)
        chars += len(doc.text)
        ligatures += len(LIGATURES.findall(doc.text))
        if has_pdftotext:
            reference = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True,
                                       text=True, errors="replace", timeout=60).stdout
            glued += _glued(doc.text, reference)
    print(f"  imported {len(files) - len(refused)}, refused {len(refused)}; {chars} characters")
    print(f"  ligature characters left: {ligatures}; word pairs glued (vs pdftotext): {glued}")
    print(f"  time per file: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
          f"(one reader process for the batch)")
    for name, why in refused.items():
        print(f"    refused {name}: {why[:90]}")


def _rate(files: list[Path], runs: int) -> tuple[float, float, float]:
    from workbench import sample
    from workbench.ingest.importer import import_paths

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    for i, f in enumerate(files):
        shutil.copy(f, folder / f"{i:05d}_{f.name}")
    rates = []
    for run in range(runs):
        target = folder.parent / f"{folder.name}-{run}.pbw"
        with sample.create_empty(target) as project:
            started = time.perf_counter()
            report = import_paths(project, [folder])
            rates.append(len(report.added) / (time.perf_counter() - started))
        target.unlink()
    shutil.rmtree(folder)
    return statistics.median(rates), min(rates), max(rates)


def text(runs: int) -> None:
    from bench.generate import corpus

    plain = sorted(corpus().rglob("*.txt"))[:2000]
    median, low, high = _rate(plain, runs)
    print(f"text import: median {median:.0f} files/s over {runs} runs of {len(plain)} files "
          f"(min {low:.0f}, max {high:.0f})   [target >= 300 files/s]")
    pages = []
    scratch = Path(tempfile.mkdtemp(prefix="bench-html-"))
    for page in sorted((WEB / "pages").glob("*.gz")):
        target = scratch / page.name.removesuffix(".gz")
        target = target if target.suffix in (".html", ".htm") else target.with_suffix(".html")
        target.write_bytes(gzip.decompress(page.read_bytes()))
        pages.append(target)
    median, low, high = _rate(pages, max(1, runs // 2))
    print(f"HTML import: median {median:.1f} files/s over {len(pages)} real pages")
    shutil.rmtree(scratch)
    pdfs(runs)


def pdfs(runs: int) -> None:
    """PDF import rate with a reader process per file (as before) and per batch (as now)."""
    from workbench.ingest import pdf_reader

    readable = [p for p in sorted(PDFS.glob("*.pdf")) if "password" not in p.name]
    batch = pdf_reader.FILES_PER_READER
    rates = {}
    for label, per_reader in (("a reader process per file", 1), ("a reader process per batch", batch)):
        pdf_reader.FILES_PER_READER = per_reader
        pdf_reader.close_reader()
        started = pdf_reader.readers_started()
        rates[per_reader], low, high = _rate(readable, runs)
        processes = (pdf_reader.readers_started() - started) / runs
        print(f"PDF import, {label}: median {rates[per_reader]:.1f} files/s over {runs} runs of "
              f"{len(readable)} sample PDFs (min {low:.1f}, max {high:.1f}; {processes:.0f} processes per run)")
    pdf_reader.FILES_PER_READER = batch
    print(f"  per batch / per file: {rates[batch] / rates[1]:.2f}x")


def _fresh_texts(folder: Path, count: int, tag: str) -> None:
    """*count* new text files: corpus articles, each with a line no other file has."""
    from bench.generate import corpus

    articles = sorted(corpus().rglob("*.txt"))
    folder.mkdir(parents=True)
    for i in range(count):
        text = articles[i % len(articles)].read_text(encoding="utf-8")
        (folder / f"{tag}_{i:05d}.txt").write_text(f"{text}\n\nRevised copy {tag}-{i}.\n", encoding="utf-8")


def _written() -> int:
    """Bytes this process has had written to storage so far (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/io", encoding="ascii") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("write_bytes:"))
    except (OSError, StopIteration, ValueError):
        return 0


def _cpu_children() -> float:
    """CPU seconds of this process's ended children (the import's reader processes)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _import_rate(project, folder: Path) -> tuple[float, float, float, float, float]:
    """(files/s, files per CPU second of this process, files per CPU second with its reader
    processes, bytes written per file, share of the wall clock the importing thread waited
    for a core) of importing *folder*."""
    from workbench.ingest.importer import import_paths

    wall, cpu, children, written = time.perf_counter(), time.process_time(), _cpu_children(), _written()
    waited = _main_thread_waited()
    report = import_paths(project, [folder])
    n = len(report.added)
    assert n and not report.failed, report.summary()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    waited = _main_thread_waited() - waited
    return n / wall, n / cpu, n / (cpu + _cpu_children() - children), (_written() - written) / n, waited / wall


def _main_thread_waited() -> float:
    """Seconds the calling thread has waited for a core while ready to run (Linux; 0 elsewhere)."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat", encoding="ascii") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def big(n: int, files: int, runs: int, project: Path | None = None) -> None:
    from bench.generate import bench_project
    from workbench import sample
    from workbench.store.project import Project

    source = project or bench_project(n)
    scratch = Path(tempfile.mkdtemp(prefix="bench-big-", dir=source.parent))
    try:
        copy = scratch / "big.pbw"
        started = time.perf_counter()
        shutil.copyfile(source, copy)
        Project.open(copy).close()  # a copy is a file not seen before: checked in full once
        print(f"big import: copied and checked the {n:,}-source project in {time.perf_counter() - started:.0f} s;"
              f" {runs} rounds of {files} new files, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        from workbench.ingest import importer

        pool_from = importer.POOL_FROM
        labels = {"empty": "an empty project", "big": f"the {n:,}-source project",
                  "here": f"the {n:,}-source project, read here"}
        into: dict[str, list[tuple[float, float, float, float, float]]] = {label: [] for label in labels}
        for r in range(runs):
            for label in labels:
                folder = scratch / f"{label}{r}"
                _fresh_texts(folder, files, f"{os.getpid()}-{label}{r}")
                target = copy if label != "empty" else scratch / f"empty{r}.pbw"
                # "here": every file read in this process, as before the reader processes
                importer.POOL_FROM = len(os.listdir(folder)) + 1 if label == "here" else pool_from
                with (Project.open(target) if label != "empty" else sample.create_empty(target)) as project:
                    into[label].append(_import_rate(project, folder))
                importer.POOL_FROM = pool_from
                shutil.rmtree(folder)
        for label, rates in into.items():
            print(f"  into {labels[label]:40s} median {statistics.median(r[0] for r in rates):6.0f} files/s"
                  f"  ({statistics.median(r[1] for r in rates):.0f} per CPU second of this process,"
                  f" {statistics.median(r[2] for r in rates):.0f} with its readers;"
                  f" {statistics.median(r[3] for r in rates) / 1024:.0f} KiB written per file;"
                  f" waiting for a core {statistics.median(r[4] for r in rates):.0%} of the time)")
        big_rate = statistics.median(r[0] for r in into["big"])
        print(f"  big / empty {big_rate / statistics.median(r[0] for r in into['empty']):.2f},"
              f" readers / read here {big_rate / statistics.median(r[0] for r in into['here']):.2f}"
              f"   (target: >= 800 files/s into 100,000 sources;"
              f" load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("web", "pdf", "text", "big", "pdf-rate"))
    ap.add_argument("--misses", action="store_true", help="print each wrong or missing author and date")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big-n", type=int, default=10_000, help="sources in the big project")
    ap.add_argument("--big-files", type=int, default=1000, help="files per round of the big import")
    ap.add_argument("--big-project", type=Path, help="a big project made before (copied, never changed),"
                    " instead of the one --big-n builds; --big-n then only labels it")
    args = ap.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; Python {sys.version.split()[0]}")
    if args.only in (None, "web"):
        web(args.misses)
    if args.only in (None, "pdf"):
        pdf()
    if args.only in (None, "text"):
        text(args.runs)
    if args.only in (None, "big"):
        big(args.big_n, args.big_files, args.runs, args.big_project)
    if args.only == "pdf-rate":
        pdfs(args.runs)
    print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
