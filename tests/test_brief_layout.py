"""Brief layout: the recommendation first, DRAFT only where a cell is not final, a judgment kept
with its first piece of evidence, Markdown in quotes rendered, Arabic and Hebrew right to left."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from brief_builders import add_cell, flat, page_texts, pdf_text, worked_project
from workbench.brief.export import choose_brief, export_brief
from workbench.ingest.importer import import_paths
from workbench.store import briefs, frame


@pytest.fixture
def worked(tmp_path: Path):
    project = worked_project(tmp_path / "worked.pbw")
    yield project
    project.close()


def test_recommendation_comes_right_after_the_key_judgments(worked, tmp_path):
    brief = replace(choose_brief(worked), recommendation="Act on **sanctions** first.")
    text = flat(pdf_text(export_brief(worked, brief, tmp_path / "b.pdf").path))
    order = [text.index(s) for s in ("Key judgments", "Recommendation", "Act on sanctions first.",
                                     "Matrix overview", "Judgments by actor", "Sources")]
    assert order == sorted(order)


def test_status_prints_only_as_draft_for_cells_not_final(worked, tmp_path):
    text = flat(pdf_text(export_brief(worked, choose_brief(worked), tmp_path / "b.pdf").path))
    assert "STATUS" not in text and "Status" not in text.split("Judgments by actor")[1]
    body = text[text.index("Judgments by actor"):text.rindex("Sources")]
    sections = re.split(r"\b\d\.\d ", body)[1:]
    drafts = {s.split(" ")[0] + ("" if s.startswith("Sanctions") else "") for s in sections if "DRAFT" in s[:60]}
    # The worked project: US × Military aid is in review, China × Diplomacy a draft; the others final.
    assert sum("DRAFT" in s[:80] for s in sections) == 2, sections
    assert drafts <= {"Military", "Diplomacy"}


def test_a_judgment_is_kept_with_its_first_piece_of_evidence(tmp_path):
    project = worked_project(tmp_path / "long.pbw")
    quotes = ["intensify sanctions on both North Korea and Russia",
              "China walks a fine line in maintaining stable relations with the hermetic state"]
    instruments = [i.name for i in frame.instruments(project)]
    actors = [a.name for a in frame.actors(project)]
    for n, (actor, instrument) in enumerate((a, i) for a in actors for i in instruments):
        words = 40 + (n * 37) % 260  # postures of many lengths: some end near a page foot
        add_cell(project, actor, instrument, {"posture": " ".join(["judgment"] * words), "status": "final"},
                 [quotes[n % 2]])
    pdf = export_brief(project, choose_brief(project), tmp_path / "long.pdf").path
    project.close()
    pages = page_texts(pdf)
    assert len(pages) > 5
    first = next(k for k, p in enumerate(pages) if "Judgments by actor" in p)
    pages[first] = pages[first].split("Judgments by actor", 1)[1]
    heading = re.compile(r"^(\d{1,2}\.\d{1,2}) (?:Diplomacy|Sanctions|Military aid)$", re.MULTILINE)
    checked = 0
    for k in range(first, len(pages)):
        page = pages[k].split("\nSources\n")[0]
        found = list(heading.finditer(page))
        for m, nxt in zip(found, found[1:] + [None]):
            # each cell heading's page also holds the start of its first quote
            assert "EVIDENCE" in page[m.end():nxt.start() if nxt else None], (m.group(1), k)
            checked += 1
    assert checked >= 20


def test_markdown_in_quotes_prints_as_emphasis_not_asterisks(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text("# Notes\n\nThe minister said sanctions **will** follow *soon* after talks.\n\n"
                   "1984. A year that reads like a list item.\n", encoding="utf-8")
    project = worked_project(tmp_path / "q.pbw")
    import_paths(project, [doc])
    add_cell(project, "Japan", "Diplomacy", {"posture": "Quoted."},
             ["sanctions **will** follow *soon* after", "1984. A year that reads"])
    pdf = export_brief(project, choose_brief(project), tmp_path / "q.pdf").path
    project.close()
    text = flat(pdf_text(pdf))
    assert "**" not in text
    assert "“1984. A year that reads”" in text  # exactly as quoted, never turned into a list


def _words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(top, left, text) of every word poppler finds on *page*, in drawing order."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    return [(float(y), float(x), html.unescape(w)) for x, y, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', xml)]


def test_arabic_and_hebrew_print_right_to_left_and_joined(tmp_path):
    project = worked_project(tmp_path / "rtl.pbw")
    add_cell(project, "Japan", "Diplomacy", {"posture": "مرحبا بالعالم (الجميل) و שלום עולם"}, [])
    pdf = export_brief(project, choose_brief(project), tmp_path / "rtl.pdf").path
    project.close()
    page = next(k for k, p in enumerate(page_texts(pdf), 1) if "Japan" in p)
    words = _words(pdf, page)
    arabic = [(y, x, w) for y, x, w in words if re.search("[\u0600-\u06ff\ufb50-\ufefc]", w)]
    hebrew = [(y, x, w) for y, x, w in words if re.search("[\u0590-\u05ff]", w)]
    # Letters are joined: the glyphs are Arabic presentation forms (contextual shapes).
    assert any(re.search("[\ufe70-\ufefc]", w) for _, _, w in arabic)
    # Words right to left: the first word read is the rightmost one. (Poppler lists each
    # right-to-left word's glyphs in visual order, hence the reversal to compare.)
    def logical(items):
        return [unicodedata.normalize("NFKC", w)[::-1].strip("()") for _, _, w in sorted(items, key=lambda t: -t[1])]
    assert logical(arabic)[:3] == ["مرحبا", "بالعالم", "الجميل"]
    assert logical(hebrew) == ["שלום", "עולם"]
    # The page is rendered to an image; README says what it looks like (checked by eye).
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), str(pdf),
                    str(tmp_path / "rtl")], check=True)
    assert list(tmp_path.glob("rtl*.png"))


ARABIC = ("أولا تواصل الحكومة مراقبة الوضع على الحدود الشمالية وتدعو جميع الأطراف إلى ضبط النفس "
          "والعودة إلى طاولة المفاوضات في أقرب وقت ممكن، كما تطالب بوقف نقل الجنود والأسلحة "
          "عبر البحر وتؤكد أن العقوبات ستبقى قائمة حتى يتغير سلوك الطرفين تغيرا واضحا، "
          "وتعمل مع شركائها في المنطقة على تنسيق الرسائل والخطوات المقبلة أخيرا")
HEBREW = ("ראשית הממשלה ממשיכה לעקוב אחר המצב בגבול הצפוני וקוראת לכל הצדדים לגלות איפוק "
          "ולחזור לשולחן המשא ומתן בהקדם האפשרי, היא דורשת להפסיק את העברת החיילים והנשק "
          "דרך הים ומדגישה כי הסנקציות יישארו בתוקף עד שתהיה תזוזה ברורה בהתנהגות שני הצדדים "
          "ועובדת עם שותפיה באזור על תיאום המסרים והצעדים הבאים לסיכום")
_SCRIPTS = {"Arabic": "[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]", "Hebrew": "[\u0590-\u05ff\ufb1d-\ufb4f]"}


def _letters(word: str) -> str:
    return "".join(ch for ch in word if ch.isalpha())


def _blocks(pdf: Path, script: str) -> list[list[list[str]]]:
    """Each block of consecutive lines in *script*, top to bottom; each line's words as read,
    right to left, in reading form (poppler gives a right-to-left word's glyphs reversed)."""
    blocks = []
    for page in range(1, len(page_texts(pdf)) + 1):
        words = [(y, x, w) for y, x, w in _words(pdf, page) if re.search(_SCRIPTS[script], w)]
        lines: dict[float, list[tuple[float, str]]] = {}
        for y, x, w in words:
            key = next((k for k in lines if abs(k - y) < 2), y)
            lines.setdefault(key, []).append((x, _letters(unicodedata.normalize("NFKC", w[::-1]))))  # ligatures last
        previous = None
        for y in sorted(lines):
            line = [w for _, w in sorted(lines[y], reverse=True) if w]
            if previous is None or y - previous > 20:
                blocks.append([])
            blocks[-1].append(line)
            previous = y
    return blocks


@pytest.mark.parametrize("script, text", [("Arabic", ARABIC), ("Hebrew", HEBREW)])
def test_a_long_right_to_left_paragraph_reads_top_down(tmp_path, script, text):
    project = worked_project(tmp_path / "rtl.pbw")
    add_cell(project, "Japan", "Diplomacy", {"posture": text}, [])
    add_cell(project, "Ukraine", "Sanctions", {"options": f"- {text}\n- Then: the 2024 ceasefire holds."}, [])
    pdf = export_brief(project, choose_brief(project), tmp_path / "rtl.pdf").path
    project.close()
    logical = [_letters(w) for w in text.split()]
    blocks = _blocks(pdf, script)
    assert len(blocks) >= 3  # the overview's two summaries, the posture, the option (at least)
    whole = 0
    for lines in blocks:
        assert len(lines) >= 2, lines  # each wraps onto several lines
        assert lines[0][0] == logical[0]  # the first word read is the rightmost of the top line
        read = [w for line in lines for w in line]  # top line first, each right to left
        assert read == logical[:len(read)], (read, logical)
        whole += read == logical
    assert whole >= 2  # the posture and the option print whole; the overview cuts its summaries
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(tmp_path / "rtl")], check=True)
    assert list(tmp_path.glob("rtl*.png"))


def test_the_brief_is_unchanged_by_export(worked, tmp_path):
    before = briefs.list_all(worked)
    export_brief(worked, choose_brief(worked), tmp_path / "b.pdf")
    assert briefs.list_all(worked) == before


def test_short_judgments_share_a_page(worked, tmp_path):
    # Keeping a judgment with its evidence must not push every section to a page of its own.
    pages = page_texts(export_brief(worked, choose_brief(worked), tmp_path / "b.pdf").path)
    page = next(p for p in pages if "\n2 China" in p)
    assert "\n3 European Union" in page and len(pages) <= 3
