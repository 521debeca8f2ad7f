"""Brief export: PDF pages per second, Word time, peak memory, pathological Markdown, WeasyPrint.

Builds (once, cached in bench/out/) a project with a 20 x 6 matrix whose cells all hold a
posture, Markdown options and two cited quotes: about 60 pages of brief. Prints the median
of RUNS exports as PDF and as Word (the Word time per PDF page of the same brief), the peak
RSS of one export in a child process, what hostile Markdown costs against plain text of the
same size, and the median of the same content rendered Markdown -> HTML -> PDF by WeasyPrint
in this run (a bench-only extra). The load average is printed with the figures.

    .venv/bin/python -m bench.bench_brief
"""

from __future__ import annotations

import io
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import OUT, _article
from workbench import sample
from workbench.brief import compose
from workbench.brief.export import choose_brief, export_brief, export_pdf
from workbench.brief.markdown_flowables import flowables
from workbench.brief.styles import Styles
from workbench.domain.models import Brief, ParsedDocument
from workbench.store import briefs, cells, excerpts, frame, sources
from workbench.store.project import Project

RUNS = 5
ACTORS = 20
INSTRUMENTS = 6
SOURCES = 60


def build(path: Path) -> Path:
    """The benchmark project (made once)."""
    if path.exists():
        return path
    rng = random.Random(11)
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    project = sample.create_empty(tmp, "Brief benchmark")
    with project:
        for n in range(INSTRUMENTS - len(frame.instruments(project))):
            frame.add_instrument(project, f"Instrument {n + 4}", [])
        for n in range(ACTORS):
            frame.add_actor(project, f"Actor {n + 1:02d}", [])
        with project.transaction():
            ids = [sources.add(project, ParsedDocument(text=_article(rng, n), title=f"Report {n}", format="txt",
                                                       outlet=f"Outlet {n % 7}", published="2024-10-01",
                                                       url=f"https://example.org/{n}"), reliability="B")
                   for n in range(SOURCES)]
        texts = {i: sources.get(project, i).text or "" for i in ids if i}
        for c in cells.all_cells(project):
            with project.transaction():
                cells.update(project, c.id, posture=" ".join(rng.choice(_WORDS) for _ in range(20)).capitalize() + ".",
                             options=_options(rng), likelihood="likely", confidence="moderate",
                             priority="high", status=rng.choice(["draft", "review", "final"]))
                for _ in range(2):
                    sid = rng.choice(list(texts))
                    start = rng.randrange(200, 3000)
                    excerpts.cite(project, c.id, sid, start, start + rng.randrange(120, 300), credibility=2)
        briefs.save(project, Brief(name="Bench", title="Benchmark brief", author="Bench", date="2024-11-25",
                                   bluf=_options(rng), key_judgments=_options(rng), recommendation=_options(rng)))
    tmp.replace(path)
    return path


_WORDS = ("sanctions pressure allies envoy shipping banks Seoul Kyiv Moscow talks ceasefire training "
          "deliveries intelligence export controls assets partners council session likely").split()


def _options(rng: random.Random) -> str:
    def sentence() -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 18))).capitalize() + "."
    items = "\n".join(f"- **{rng.choice(_WORDS).capitalize()}:** {sentence()}" for _ in range(3))
    return f"{sentence()} *{sentence()}*\n\n{items}"


def _median(fn) -> tuple[float, float, object]:
    """Median wall time and median CPU time of RUNS calls, and the last result."""
    wall, cpu, result = [], [], None
    for _ in range(RUNS):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu), result


def _markdown_document(project: Project, brief: Brief) -> str:
    """The same content as our PDF, written as one Markdown document."""
    c = compose.compose(project, brief)
    out = [f"# {brief.title}", brief.subtitle, f"*{brief.author} · {c.date} · {brief.marking}*",
           "## Bottom line up front", brief.bluf, "## Key judgments", brief.key_judgments, "## Matrix overview",
           "| | " + " | ".join(c.instruments) + " |", "|---" * (len(c.instruments) + 1) + "|"]
    for ai, actor in enumerate(c.actors):
        row = [(v.posture[:120] + "…" if v else "—") for ii in range(len(c.instruments))
               for v in [c.grid.get((ai, ii))]]
        out.append(f"| **{actor}** | " + " | ".join(row) + " |")
    for g in c.groups:
        out.append(f"## {g.number} {g.title}")
        for v in g.cells:
            out += [f"### {v.number} {v.instrument}", f"Likelihood **{v.likelihood}**, confidence **{v.confidence}**",
                    v.posture, v.options]
            out += [f"> “{q.text}” [{q.source_no}]" for q in v.quotes]
    out += ["## Recommendation", brief.recommendation, "## Sources"]
    out += [f"{s.number}. **{s.title}**. {s.outlet}, {s.published}. {s.url}. Reliability {s.reliability}."
            for s in c.sources]
    return "\n\n".join(out)


_CSS = ("@page { size: A4; margin: 20mm; @top-center { content: 'TLP:AMBER' } "
        "@bottom-right { content: 'Page ' counter(page) ' of ' counter(pages) } } "
        "body { font-family: 'Noto Serif', 'DejaVu Serif', serif; font-size: 9.5pt } "
        "table { border-collapse: collapse; font-size: 7.5pt } td, th { border: 0.4pt solid #ccc }")


_PEAK = """
import resource, sys
from pathlib import Path
def peak_kib():
    status = Path("/proc/self/status")
    if status.exists():  # ru_maxrss would count the parent's memory inherited across fork
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    scale = 1024 if sys.platform == "darwin" else 1
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // scale
from workbench.store.project import Project
from workbench.brief.export import choose_brief, export_pdf
project = Project.open(sys.argv[1], read_only=True)
brief = choose_brief(project)
if sys.argv[3] == "export":
    export_pdf(project, brief, sys.argv[2])
print(peak_kib())
"""


def _child_peak_rss(path: Path) -> tuple[int, int]:
    """Peak RSS in KiB of a child that exports once, and of one that only imports and opens."""
    peaks = []
    for mode in ("export", "idle"):
        run = subprocess.run([sys.executable, "-c", _PEAK, str(path), str(OUT / "bench_brief_rss.pdf"), mode],
                             capture_output=True, text=True, check=True)
        peaks.append(int(run.stdout.split()[-1]))
    return peaks[0], peaks[1]


# Hostile Markdown (HAZARDS 16) against plain text of the same length through the same path.
_HOSTILE = {
    "'[' x 50,000": "[" * 50_000,
    "'> ' x 5,000 (deep quote)": "> " * 5_000 + "deep",
    "nested lists x 40": "\n".join("    " * i + "- level" for i in range(40)),
    "'*a ' x 30,000": "*a " * 30_000,
    "200 kB of Markdown": ("**Bold** and *it* with [a link](https://example.org) and `code`.\n\n" * 3_200)[:200_000],
    "10 MB word, no space": "x" * 10_000_000,
}


def _layout(text: str, styles: Styles) -> tuple[float, int]:
    """Seconds to parse *text* as a cell would be and lay it out as PDF pages; the page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    start = time.perf_counter()
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    story = flowables(compose.printable(text), styles, doc.width)
    doc.build(story)
    return time.perf_counter() - start, doc.page


def _pathological() -> None:
    styles = Styles()
    for name, text in _HOSTILE.items():
        took, pages = _layout(text, styles)
        line = f"markdown {name}: {took:.2f} s, {pages} pages"
        if " " in text:  # plain words of the same length, as the baseline
            plain = ("lorem ipsum " * (len(text) // 12 + 1))[:len(text)]
            base, base_pages = _layout(plain, styles)
            line += f"; plain text of the same size {base:.2f} s, {base_pages} pages"
        print(line)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    path = build(OUT / "bench_brief.pbw")
    target = OUT / "bench_brief.pdf"
    with Project.open(path, read_only=True) as project:
        brief = choose_brief(project)
        export_pdf(project, brief, target)  # warm up: fonts parsed once per process
        ours, ours_cpu, _ = _median(lambda: export_pdf(project, brief, target))
        from pypdf import PdfReader
        pages = len(PdfReader(target).pages)
        print(f"brief: {ACTORS} actors x {INSTRUMENTS} instruments, {pages} pages, "
              f"{target.stat().st_size / 1e6:.1f} MB")
        print(f"ours: median {ours:.2f} s of {RUNS} runs -> {pages / ours:.0f} pages/s (target >= 40); "
              f"CPU {ours_cpu:.2f} s -> {pages / ours_cpu:.0f} pages/s")
        docx_target = OUT / "bench_brief.docx"
        export_brief(project, brief, docx_target, record=False)
        word, word_cpu, _ = _median(lambda: export_brief(project, brief, docx_target, record=False))
        print(f"word: median {word:.2f} s of {RUNS} runs -> {word / pages * 1000:.1f} ms per PDF page "
              f"({pages / word:.0f} page-equivalents/s), {docx_target.stat().st_size / 1e6:.1f} MB; CPU {word_cpu:.2f} s")
        _pathological()
        peak, idle = _child_peak_rss(path)
        print(f"ours: peak RSS of one export in a child {peak / 1024:.0f} MB "
              f"(the same child without exporting: {idle / 1024:.0f} MB; target <= 200 MB)")
        document = _markdown_document(project, brief)
    try:
        import markdown
        import weasyprint
    except ImportError:
        print("weasyprint: not installed (pip install weasyprint) - no comparison")
        return

    def weasy() -> bytes:
        html = markdown.markdown(document, extensions=["tables"])
        return weasyprint.HTML(string=f"<style>{_CSS}</style>{html}").write_pdf()

    weasy()  # warm up fonts and caches, as our first run warmed ours
    theirs, theirs_cpu, data = _median(weasy)
    from pypdf import PdfReader
    their_pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"weasyprint: median {theirs:.2f} s of {RUNS} runs for {their_pages} pages "
          f"-> {their_pages / theirs:.0f} pages/s; CPU {theirs_cpu:.2f} s")
    print(f"ratio: ours is {theirs / ours:.1f}x faster than Markdown -> HTML -> WeasyPrint (target >= 4x); "
          f"by CPU time {theirs_cpu / ours_cpu:.1f}x")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
