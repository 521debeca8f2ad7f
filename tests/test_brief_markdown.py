"""Markdown in user text: the structure analysts write, and nothing of HTML or the file system."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from brief_builders import flat, pdf_text
from workbench.brief import markup, md_tree
from workbench.brief.markdown_flowables import MAX_MARKDOWN, flowables
from workbench.brief.styles import Styles


@pytest.fixture(scope="module")
def styles() -> Styles:
    return Styles()


def _render(text: str, tmp_path: Path, styles: Styles) -> str:
    pdf = tmp_path / "md.pdf"
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1)
    doc.build(flowables(text, styles, doc.width) or [Paragraph("empty", styles.body)])
    return flat(pdf_text(pdf))


def _tags(text: str) -> list[str]:
    return [el.tag for el in md_tree.parse(text)]


def test_blocks_headings_lists_quotes_code_tables():
    root = md_tree.parse(
        "# Title\n\nPara one\ncontinues.\n\n- a\n- b\n    1. inner\n    2. inner two\n\n> quoted\n> more\n\n"
        "```\ncode <x>\n```\n\n| h1 | h2 |\n|---|:-:|\n| c1 | c2 |\n\n---\n\nSetext\n======\n")
    assert [el.tag for el in root] == ["h1", "p", "ul", "blockquote", "p", "table", "hr", "h1"]
    nested = root[2][1].find("ol")
    assert nested is not None and len(nested) == 2
    assert [c.text for c in root.iter("td")] == ["c1", "c2"]
    assert "code <x>" in md_tree.plain_text(root[4])


def _inline(text: str, styles) -> str:
    (para,) = flowables(text, styles, 400)
    return para.text


def test_inline_emphasis_code_and_escapes(styles):
    assert _inline("**bold** and *it*", styles) == "<b>bold</b> and <i>it</i>"
    assert _inline("snake_case_name stays", styles) == "snake_case_name stays"
    assert _inline(r"\*not it\*", styles) == "*not it*"
    assert 'name="BriefMono">a&lt;b' in _inline("`a<b`", styles)
    assert _inline("**unclosed", styles) == "**unclosed"


def test_raw_html_is_text_images_are_text_and_only_web_links_are_links(styles):
    m = _inline('<img src="/etc/hostname"> <b>x</b> ![a map](file:///etc/passwd) '
                "[x](javascript:alert(1)) [y](file:///etc/passwd) [z](https://example.org/a?b=1&c=2)", styles)
    assert "<img" not in m and "&lt;img src=" in m and "&lt;b&gt;x&lt;/b&gt;" in m
    assert "[image: a map]" in m and "passwd" not in m
    assert m.count("<a href=") == 1 and '<a href="https://example.org/a?b=1&amp;c=2"' in m


@pytest.mark.parametrize("hostile", [
    "[" * 50000, "*a " * 20000, "`x " * 20000, "> " * 5000 + "deep", "- " * 3000 + "deep",
    "  " * 2000 + "- x\n" * 3, "](" * 20000, "<" * 30000, "&#0;" * 1000, "_*" * 10000,
    "\n".join("    " * i + "- level" for i in range(40)),
])
def test_pathological_markdown_is_bounded_and_balanced(hostile, styles):
    out = flowables(hostile, styles, 400)
    assert out
    for f in out:
        if isinstance(f, Paragraph):
            Paragraph(f.text, f.style)  # re-parses: the markup is well formed


def test_deep_nesting_is_refused_up_front():
    with pytest.raises(md_tree.TooComplex):
        md_tree.parse("> " * 200 + "deep")
    with pytest.raises(md_tree.TooComplex):
        md_tree.parse("[" * 50000)
    # one hostile paragraph does not stop the others from rendering
    parts = md_tree.parse_parts("**fine**\n\n" + "[" * 50000)
    assert parts[0][0] is not None and parts[1][0] is None


def test_over_size_text_prints_plain(styles):
    big = "**not bold** " * (MAX_MARKDOWN // 10)
    out = flowables(big, styles, 400)
    assert all("<b>" not in f.text for f in out) and len(out) > 1


def test_rendered_markdown_reads_back(tmp_path, styles):
    text = _render("## Options\n\n1. **Sanctions** on *networks*\n   - nested `code`\n2. Aid\n\n"
                   "> A quote with <raw> & S&P\n\n| Option | Cost |\n|---|---|\n| A | low |\n\n"
                   "Link: [site](https://example.org) and ![chart](https://example.org/c.png)", tmp_path, styles)
    for expected in ("Options", "1. Sanctions on networks", "nested code", "2. Aid",
                     "A quote with <raw> & S&P", "Option Cost A low",
                     "Link: site (https://example.org) and [image: chart]"):
        assert expected in text, expected


def test_markup_text_falls_back_per_script():
    m = markup.text("Мир 한국 → x")
    assert m.startswith("Мир ") and '<font name="BriefHangul">한국</font>' in m
    assert '<font name="BriefSymbols">→</font>' in m
    assert markup.text("a\x00b\x07c\x1bd") == "abcd"


def test_overview_tables_do_not_grow_past_a_page(tmp_path, styles):
    long_cell = "| a | b |\n|---|---|\n| " + "word " * 5000 + " | x |"
    out = flowables(long_cell, styles, 400)
    table = next(f for f in out if isinstance(f, Table))
    _, height = table.wrap(400, 10_000)
    assert height < A4[1] / 2
