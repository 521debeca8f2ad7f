"""Brief export: PDF pages per second, Word time, peak memory, pathological Markdown, WeasyPrint.

Builds (once, cached in bench/out/) a project with a 20 x 6 matrix whose cells all hold a
posture, Markdown options and two cited quotes: about 60 pages of brief. Prints the median
of RUNS exports as PDF and as Word (the Word time per PDF page of the same brief), the peak
RSS of one export in a child process, what hostile Markdown costs against plain text of the
same size, and the median of the same content rendered Markdown -> HTML -> PDF by WeasyPrint
in this run (a bench-only extra). The load average is printed with the figures.

    .venv/bin/python -m bench.bench_brief [--pdf-only]

With --pdf-only only the PDF export and WeasyPrint are timed. The words of both PDFs are
counted with pdftotext, to show that both documents say the same.
"""

from __future__ import annotations

import io
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
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
LANDSCAPE_WIDTH = 297 * 72 / 25.4 - 2 * 20 * 72 / 25.4  # the overview's frame (A4 landscape, 20 mm margins)


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
    """The same content as our PDF, in the same order and with the same words, as one Markdown
    document: facts lines, labels, quotes with their attributions, the overview's summaries and
    facts, the status key, the sources and the key to the scales."""
    from workbench.brief import overview, sections, story
    from workbench.domain import scales

    c = compose.compose(project, brief)
    b = c.brief
    out = [f"POLICY BRIEF · {c.project_name}", f"# {b.title}", b.subtitle,
           f"{b.author} · {story.long_date(c.date)} · **{b.marking}**",
           "## Bottom line up front", b.bluf, "## Key judgments", b.key_judgments,
           "## Recommendation", b.recommendation, "## Matrix overview",
           "| | " + " | ".join(c.instruments) + " |", "|---" * (len(c.instruments) + 1) + "|"]
    limit = overview.summary_limit(LANDSCAPE_WIDTH, len(c.instruments))
    for ai, actor in enumerate(c.actors):
        row = []
        for ii in range(len(c.instruments)):
            v = c.grid.get((ai, ii))
            if v is None:
                row.append("—")
                continue
            short, cut = overview.shortened(v, limit)
            facts = " · ".join(overview.facts(v))
            row.append(f"{short}<br>{facts} · {'more in ' if cut else '→ '}{v.number}")
        out.append(f"| **{actor}** | " + " | ".join(row) + " |")
    out.append("Cell status: ■ draft ■ review ■ final · a dash means no judgment is recorded; "
               "such cells have no section.")
    titles = {s.number: s for s in c.sources}
    out.append(f"## Judgments by {b.group_by}")
    for g in c.groups:
        out.append(f"## {g.number} {g.title}")
        for v in g.cells:
            facts = [f"{k} **{x}**" for k, x in (("LIKELIHOOD", v.likelihood), ("CONFIDENCE", v.confidence),
                                                 ("PRIORITY", v.priority)) if x]
            if not sections.is_final(v):
                facts.insert(0, "**DRAFT**")
            out += [f"### {v.number} {v.instrument if b.group_by == 'actor' else v.actor}", " ".join(facts),
                    f"POSTURE<br>{v.posture}", "OPTIONS", v.options]
            for n, q in enumerate(v.quotes):
                s = titles[q.source_no]
                grade = (f"graded **{s.reliability}{q.credibility}** ({scales.RELIABILITY[s.reliability].lower()}; "
                         f"{scales.CREDIBILITY[q.credibility].lower()})")
                attribution = " · ".join([s.title, *[x for x in (s.outlet, s.published) if x], grade]
                                         + ([f"note: {q.note}"] if q.note else []))
                out.append(f"> {'EVIDENCE<br>' if n == 0 else ''}“{q.text}” [{q.label}]<br>"
                           f"<small>[{q.source_no}] {attribution}</small>")
    out.append("## Sources")
    for s in c.sources:
        parts = [f"**{s.title}**", *[x for x in (s.author, s.outlet, s.published) if x.strip()]]
        rel = scales.RELIABILITY.get(s.reliability, "")
        out.append(f"[{s.number}] {'. '.join(parts)}. <small>{s.url}</small> Reliability **{s.reliability}** ({rel}).")
    rel = ", ".join(f"{k} {v.lower()}" for k, v in scales.RELIABILITY.items())
    cred = ", ".join(f"{k} {v.lower()}" for k, v in scales.CREDIBILITY.items())
    out.append("---\n\n**How to read this brief.** Likelihood uses estimative language (ICD 203): "
               f"{', '.join(scales.LIKELIHOOD)}. Confidence (low, moderate, high) rates the evidence and reasoning "
               "behind a judgment, separately from its likelihood. Quotes carry the Admiralty grade of their source "
               f"and information: source reliability {rel}; information credibility {cred}.")
    return "\n\n".join(out)


def _words(pdf: bytes) -> Counter[str]:
    """The words of a PDF as pdftotext reads them (page furniture included)."""
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return Counter(re.findall(r"\w+", text.decode("utf-8", "replace").lower()))


def _same_words(ours: Counter[str], theirs: Counter[str]) -> str:
    common = sum((ours & theirs).values())
    return (f"words: ours {sum(ours.values()):,}, WeasyPrint {sum(theirs.values()):,}, in both {common:,} "
            f"({common / max(1, sum(ours.values())):.1%} of ours)")


def _css(content_title: str, marking: str) -> str:
    """Page furniture as ours prints it: the marking top and bottom, the title, page x of y."""
    q = lambda s: '"' + s.replace("\\", "").replace('"', "") + '"'  # noqa: E731
    return (f"@page {{ size: A4; margin: 20mm; @top-center {{ content: {q(marking)} }} "
            f"@bottom-left {{ content: {q(content_title)} }} @bottom-center {{ content: {q(marking)} }} "
            "@bottom-right { content: 'Page ' counter(page) ' of ' counter(pages) } } "
            "body { font-family: 'Noto Serif', 'DejaVu Serif', serif; font-size: 9.5pt } "
            "small { font-family: 'Noto Sans', sans-serif; font-size: 7.5pt; color: #5b6470 } "
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
        document = _markdown_document(project, brief)
        css = _css(brief.title or brief.name, compose.compose(project, brief).brief.marking)
        if "--pdf-only" not in sys.argv:
            _others(project, brief, path, pages)
    _compare(document, css, ours, ours_cpu, pages, target.read_bytes())


def _others(project: Project, brief: Brief, path: Path, pages: int) -> None:
    """Word export time, hostile Markdown and peak memory."""
    docx_target = OUT / "bench_brief.docx"
    export_brief(project, brief, docx_target, record=False)
    word, word_cpu, _ = _median(lambda: export_brief(project, brief, docx_target, record=False))
    print(f"word: median {word:.2f} s of {RUNS} runs -> {word / pages * 1000:.1f} ms per PDF page "
          f"({pages / word:.0f} page-equivalents/s), {docx_target.stat().st_size / 1e6:.1f} MB; CPU {word_cpu:.2f} s")
    _pathological()
    peak, idle = _child_peak_rss(path)
    print(f"ours: peak RSS of one export in a child {peak / 1024:.0f} MB "
          f"(the same child without exporting: {idle / 1024:.0f} MB; target <= 200 MB)")


def _compare(document: str, css: str, ours: float, ours_cpu: float, pages: int, our_pdf: bytes) -> None:
    """The same words laid out by Markdown -> HTML -> WeasyPrint, timed in this run."""
    try:
        import markdown
        import weasyprint
    except ImportError:
        print("weasyprint: not installed (pip install weasyprint) - no comparison")
        return

    def weasy() -> bytes:
        html = markdown.markdown(document, extensions=["tables"])
        return weasyprint.HTML(string=f"<style>{css}</style>{html}").write_pdf()

    weasy()  # warm up fonts and caches, as our first run warmed ours
    theirs, theirs_cpu, data = _median(weasy)
    from pypdf import PdfReader
    their_pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"weasyprint: median {theirs:.2f} s of {RUNS} runs for {their_pages} pages "
          f"-> {their_pages / theirs:.0f} pages/s; CPU {theirs_cpu:.2f} s")
    print(f"ours: {pages} pages -> {pages / ours:.0f} pages/s; CPU {pages / ours_cpu:.0f} pages/s")
    print(_same_words(_words(our_pdf), _words(data)))
    print(f"ratio: ours is {theirs / ours:.1f}x faster than Markdown -> HTML -> WeasyPrint (target >= 4x); "
          f"by CPU time {theirs_cpu / ours_cpu:.1f}x (the time of one export of the same document)")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
