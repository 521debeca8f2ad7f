"""User text to reportlab Paragraph markup: cleaned, escaped, with fallback fonts per script.

Every string that comes from a project (cell text, titles, source metadata, quotes) reaches a
Paragraph only through `text()` or `attr()`. reportlab's Paragraph parses its input as
markup: an unescaped `<img src=...>` would read a local file, `<font color=...>` has been an
code-injection vector (CVE-2023-33733), and `&P` is eaten as an entity.
"""

from __future__ import annotations

import re

from workbench.brief import fonts

_SPACES = re.compile(r"\s+")
# Hebrew, Arabic (with Syriac, Thaana, N'Ko ... between) and their presentation forms.
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def escape(text: str) -> str:
    """Escape the three characters reportlab's markup parser treats specially."""
    return text.translate(_ESCAPES)


def attr(text: str) -> str:
    """A cleaned value safe inside a double-quoted markup attribute."""
    return fonts.clean(text).translate(_ATTR_ESCAPES)


def text(value: str, base: str = fonts.SERIF, *, newlines: bool = True, bold: bool = False) -> str:
    """Plain user text as safe Paragraph markup in the *base* family.

    Characters the base family lacks are wrapped in <font name="..."> tags of a family that
    has them (after escaping, so the tags are ours alone); *bold* picks that family's bold
    face, for text set in a bold style. Newlines become line breaks.
    """
    cleaned = fonts.clean(value)
    if not newlines:
        cleaned = _SPACES.sub(" ", cleaned)
    rtl = bool(RTL.search(cleaned))
    parts: list[str] = []
    for run in _rtl_runs(cleaned, base) if rtl else fonts.runs(cleaned, base):
        body = escape(run.text)
        if run.family:
            face = fonts.face_names(run.family)[1 if bold else 0]
            body = f'<font name="{face}">{body}</font>'
        parts.append(body)
    out = "".join(parts)
    if newlines and "\n" in out:
        out = out.replace("\r\n", "\n").replace("\n", "<br/>")
    return out.replace("\t", "    ")


_TOKEN = re.compile(r"\S+|\s+")


def _rtl_runs(text: str, base: str) -> list[fonts.Run]:
    """Runs of text holding right-to-left words: each such word, with any punctuation
    touching it, is one run of the face that has those scripts, in reading order. The
    shaper (HarfBuzz, via reportlab) lays out each word right to left, joining its letters;
    the order of the words on each line is set after line breaking (bidi_lines.py)."""
    out: list[fonts.Run] = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        if RTL.search(token):
            out.append(fonts.Run(token, fonts.SYMBOLS))
        else:
            out.extend(fonts.runs(token, base))
    return out


_WEIGHT_TAGS = re.compile(r'<(/?)b>|<font name="(Brief[A-Za-z]+)">')


def embolden(markup: str) -> str:
    """Switch fallback runs inside <b>...</b> to their family's bold face.

    reportlab's <font name=...> resets bold, so a Hangul run inside bold text would print
    regular; inline Markdown is escaped before its emphasis is known, hence this pass.
    """
    depth = 0

    def swap(m: re.Match[str]) -> str:
        nonlocal depth
        if m.group(2) is None:
            depth += -1 if m.group(1) else 1
            return m.group()
        if depth > 0 and m.group(2) in fonts.FAMILIES:
            return f'<font name="{fonts.face_names(m.group(2))[1]}">'
        return m.group()

    return _WEIGHT_TAGS.sub(swap, markup)


def shorten(value: str, limit: int) -> str:
    """At most *limit* characters of one-line text, cut at a word with an ellipsis."""
    flat = " ".join(fonts.clean(value).split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[: limit] else flat[:limit]
    if len(cut) < limit // 2:
        cut = flat[:limit]
    return cut.rstrip(" ,;:.") + "…"
