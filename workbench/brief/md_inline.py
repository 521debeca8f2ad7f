"""Inline Markdown to Paragraph markup: emphasis, code, links; everything else literal.

Tokens come from one regex scan; emphasis is matched with per-delimiter stacks (linear, like
CommonMark's delimiter algorithm without its rarer rules). Text is escaped by
`markup.text`, so raw HTML prints as typed. Images print as "[image: alt]"; a link prints
its text and address, and only http(s) and mailto links become clickable.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from workbench.brief import fonts, markup
from workbench.brief.styles import LINK

_LINK_COLOUR = LINK.hexval().replace("0x", "#")
_URL = r"[^\s()<>]{1,2000}"
_TITLE = r'(?:[ \t]+"[^"\n]{0,300}")?'
_TOKEN = re.compile(
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<brk>(?: {2,}|\\)\n)"
    r"|(?P<nl>\n)"
    r"|(?P<ticks>`+)"
    rf"|(?P<img>!\[(?P<alt>[^\[\]\n]{{0,500}})\]\((?P<src>{_URL})?{_TITLE}\))"
    rf"|(?P<link>\[(?P<label>[^\[\]\n]{{0,1000}})\]\((?P<href>{_URL}){_TITLE}\))"
    r"|(?P<auto><(?P<aurl>(?:https?://|mailto:)[^\s<>]{1,2000})>)"
    r"|(?P<bare>https?://[^\s<>()\[\]]{1,2000}[^\s<>()\[\].,;:!?'\"*_~])"
    r"|(?P<delim>\*+|_+|~~+)"
)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class _Delim:
    char: str
    count: int
    can_open: bool
    can_close: bool
    before: str = ""  # tags this run opens (outermost first)
    after: str = ""  # tags this run closes (innermost first)


def to_markup(text: str, base: str = fonts.SERIF, *, links: bool = True) -> str:
    """Inline Markdown as safe Paragraph markup in the *base* family."""
    parts: list[str | _Delim] = []
    ticks = _tick_runs(text)
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() < pos:
            continue  # inside a code span consumed below
        if m.start() > pos:
            parts.append(markup.text(text[pos:m.start()], base, newlines=False))
        pos = m.end()
        kind = m.lastgroup
        if kind == "esc":
            parts.append(markup.text(m.group()[1], base))
        elif kind == "brk":
            parts.append("<br/>")
        elif kind == "nl":
            parts.append(" ")
        elif kind == "ticks":
            end = _close_ticks(ticks, m.group(), m.end())
            if end < 0:
                parts.append(markup.escape(m.group()))
            else:
                parts.append(_code(text[m.end():end]))
                pos = end + len(m.group())
        elif kind == "img":
            parts.append(markup.text(f"[image: {m.group('alt')}]" if m.group("alt") else "[image]", base))
        elif kind == "link":
            parts.append(_link(to_markup(m.group("label"), base, links=False), m.group("href"), base, links))
        elif kind in ("auto", "bare"):
            url = m.group("aurl") or m.group()
            parts.append(_link(markup.text(url, base), url, base, links))
        else:
            parts.append(_delim(m, text))
    if pos < len(text):
        parts.append(markup.text(text[pos:], base, newlines=False))
    _match_emphasis(parts)
    # A run closes what it closes, keeps its unused characters, then opens what it opens.
    out = "".join(p if isinstance(p, str) else p.after + p.char * p.count + p.before for p in parts)
    return markup.embolden(out) if "<b>" in out else out


def _tick_runs(text: str) -> dict[int, list[int]]:
    """Start offsets of backtick runs by run length (to find a closing run in log time)."""
    runs: dict[int, list[int]] = {}
    for m in re.finditer(r"`+", text):
        runs.setdefault(len(m.group()), []).append(m.start())
    return runs


def _close_ticks(runs: dict[int, list[int]], opener: str, after: int) -> int:
    starts = runs.get(len(opener), [])
    k = bisect.bisect_left(starts, after)
    return starts[k] if k < len(starts) else -1


def _code(body: str) -> str:
    body = " ".join(body.split("\n"))
    if body.startswith(" ") and body.endswith(" ") and body.strip():
        body = body[1:-1]
    return f'<font name="{fonts.MONO}">{markup.text(body, fonts.MONO, newlines=False)}</font>'


def _link(label: str, url: str, base: str, links: bool) -> str:
    shown = markup.text(url, base, newlines=False)
    tail = "" if label == shown else f' <font color="#5b6470">({shown})</font>'
    if links and url.lower().startswith(_SAFE_SCHEMES):
        return f'<a href="{markup.attr(url)}" color="{_LINK_COLOUR}">{label}</a>{tail}'
    return f"{label}{tail}"


def _kind(ch: str) -> str:
    if not ch or ch.isspace():
        return "space"
    return "punct" if unicodedata.category(ch)[0] in "PS" else "other"


def _delim(m: re.Match[str], text: str) -> _Delim:
    run = m.group()
    before = _kind(text[m.start() - 1] if m.start() else "")
    after = _kind(text[m.end()] if m.end() < len(text) else "")
    left = after != "space" and (after != "punct" or before in ("space", "punct"))
    right = before != "space" and (before != "punct" or after in ("space", "punct"))
    if run[0] == "_":
        return _Delim("_", len(run), left and (not right or before == "punct"),
                      right and (not left or after == "punct"))
    if run[0] == "~":
        return _Delim("~", len(run), left and len(run) == 2, right and len(run) == 2)
    return _Delim("*", len(run), left, right)


def _match_emphasis(parts: list[str | _Delim]) -> None:
    """Pair delimiter runs into <b>, <i> and <strike> tags, innermost first."""
    stacks: dict[str, list[int]] = {"*": [], "_": [], "~": []}
    for idx, d in enumerate(parts):
        if not isinstance(d, _Delim):
            continue
        while d.can_close and d.count and stacks[d.char]:
            k = stacks[d.char][-1]
            opener = parts[k]
            assert isinstance(opener, _Delim)
            for other, stack in stacks.items():  # openers inside the span can no longer close
                while other != d.char and stack and stack[-1] > k:
                    stack.pop()
            use = 2 if d.char == "~" or (d.count >= 2 and opener.count >= 2) else 1
            tag = "strike" if d.char == "~" else ("b" if use == 2 else "i")
            opener.count -= use
            d.count -= use
            opener.before = f"<{tag}>" + opener.before
            d.after += f"</{tag}>"
            if opener.count == 0:
                stacks[d.char].pop()
            if d.char == "~":
                break
        if d.can_open and d.count:
            stacks[d.char].append(idx)
