"""Latin, Cyrillic and Hangul (and mixed lines) print from embedded fonts and extract unchanged."""

from __future__ import annotations

import subprocess
from dataclasses import replace

from brief_builders import add_cell, flat, pdf_text, worked_project
from workbench.brief import fonts
from workbench.brief.export import choose_brief, export_pdf
from workbench.store import frame

LINES = {
    "latin": "Zürich, Kraków and Ærøskøbing — “quoted” café",
    "cyrillic": "Северная Корея направила войска в Россию",
    "hangul": "북한군 러시아 파병에 대한 한국 정부의 대응",
    "mixed": "Seoul 서울 и Москва Moscow 평양 Pyongyang",
}


def test_scripts_extract_as_the_same_strings_from_embedded_fonts(tmp_path):
    project = worked_project(tmp_path / "p.pbw")
    frame.add_actor(project, "대한민국 (Республика Корея)", [])
    add_cell(project, "대한민국 (Республика Корея)", "Diplomacy",
             {"posture": LINES["mixed"], "options": "\n\n".join(f"**{v}**" for v in LINES.values())}, [])
    brief = replace(choose_brief(project), title="Бриф: 북한 파병", author="분석관 Аналитик")
    pdf = export_pdf(project, brief, tmp_path / "scripts.pdf")
    project.close()
    text = flat(pdf_text(pdf))
    for line in LINES.values():
        assert line in text, line
    assert "Бриф: 북한 파병" in text and "분석관 Аналитик" in text
    assert "4 대한민국 (Республика Корея) 4.1 Diplomacy" in text  # section heading, after 3 others
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [r.split() for r in listing.splitlines()[2:]]
    names = {r[0].split("+")[-1] for r in rows}
    assert {"NotoSerif-Regular", "NotoSerif-Bold", "NanumGothic", "NanumGothicBold"} <= names
    assert all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows), listing  # embedded, subset, unicode


def test_bundled_fonts_have_their_licences():
    folder = fonts.fonts_dir()
    assert {"LICENSE-Noto.txt", "LICENSE-Nanum.txt", "LICENSE-DejaVu.txt"} <= {p.name for p in folder.iterdir()}
    fonts.register()
    for family in (fonts.SERIF, fonts.SANS, fonts.MONO, fonts.SYMBOLS, fonts.HANGUL):
        assert ord("A") in fonts._coverage[family]


def test_runs_split_by_script_and_keep_marks_with_their_letters():
    runs = fonts.runs("Ab Вг 가나 ← x\u0301", fonts.SERIF)
    assert [(r.text, r.family) for r in runs] == [
        ("Ab Вг ", ""), ("가나", fonts.HANGUL), (" ", ""), ("←", fonts.SYMBOLS), (" x\u0301", "")]
    assert fonts.clean("a\x00\x01\x1f\x7fb\ud800c\n\td") == "abc\n\td"
