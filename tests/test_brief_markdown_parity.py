"""The cell preview and the brief read Markdown the same way: same inputs, same structure."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from reportlab.platypus import Table

from workbench.brief.markdown_flowables import flowables
from workbench.brief.styles import Styles
from workbench.ui import markdown_html

# The constructs the two used to disagree on, and a few more.
INPUTS = {
    "nested lists": "- one\n- two\n    - two a\n    - two b\n- three\n\n1. first\n2. second\n",
    "emphasis edges": "**bold** and *it* and ***both*** and snake_case_word and 2*3*4 and **un*closed",
    "table": "| Option | Cost |\n|---|---|\n| A | **low** |\n| B | high |\n",
    "hard breaks": "line one  \nline two\nsame line\n\nnew paragraph",
    "autolinks": "see <https://example.org/x> and [site](https://example.org) and [bad](javascript:alert(1))",
    "code": "use `a < b` here\n\n```\nblock <x>\n```\n",
    "quote and heading": "# Heading\n\n> quoted **text**\n\nafter",
    "raw html": "<b>not bold</b> & S&P &#0; <img src=x>",
}


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        key = "a[href]" if tag == "a" and dict(attrs).get("href") else tag
        self.counts[key] = self.counts.get(key, 0) + 1

    handle_startendtag = handle_starttag


def _preview(text: str) -> dict[str, int]:
    counter = _Counter()
    counter.feed(markdown_html.render(text))
    c = counter.counts
    return {"items": c.get("li", 0), "rows": c.get("tr", 0), "bold": c.get("strong", 0),
            "italic": c.get("em", 0), "code": c.get("code", 0), "breaks": c.get("br", 0),
            "links": c.get("a[href]", 0), "images": c.get("img", 0)}


def _brief(text: str, styles: Styles) -> dict[str, int]:
    out = flowables(text, styles, 400)
    paras = [f for f in out if hasattr(f, "text")]
    tables = [f for f in out if isinstance(f, Table)]
    cells = [p for t in tables for row in t._cellvalues for p in row if hasattr(p, "text")]
    markup = "".join(p.text for p in paras + cells)
    code_blocks = sum(1 for p in paras if p.style.name.startswith("Code"))
    return {"items": sum(1 for p in paras if getattr(p, "bulletText", None)),
            "rows": sum(len(t._cellvalues) for t in tables),
            # headings and table header cells are bold by style in the brief, by tag in HTML
            "bold": markup.count("<b>") - sum(1 for p in paras if p.style.name.startswith("H3"))
            - sum(len(t._cellvalues[0]) for t in tables if t.repeatRows),
            "italic": markup.count("<i>"), "code": markup.count('<font name="BriefMono">') + code_blocks,
            "breaks": markup.count("<br/>") - sum(p.text.count("<br/>") for p in paras
                                                    if p.style.name.startswith("Code")),
            "links": markup.count("<a href="), "images": markup.count("<img")}


@pytest.fixture(scope="module")
def styles() -> Styles:
    return Styles()


@pytest.mark.parametrize("name", list(INPUTS))
def test_preview_and_brief_have_the_same_structure(name: str, styles: Styles):
    text = INPUTS[name]
    assert _preview(text) == _brief(text, styles)


def test_the_structures_compared_are_not_empty(styles: Styles):
    # Guard: the comparison sees lists, tables, emphasis, breaks and links at all.
    total = {k: sum(_brief(t, styles)[k] for t in INPUTS.values()) for k in _preview("x")}
    assert all(total[k] > 0 for k in ("items", "rows", "bold", "italic", "code", "breaks", "links"))
    assert total["images"] == 0
