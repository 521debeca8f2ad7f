"""Markdown block structure: headings, paragraphs, nested lists, block quotes, code, tables.

A small line-based parser of the CommonMark/GFM subset analysts write. It never interprets
HTML (raw tags stay text), does linear work per nesting level, and stops nesting at
MAX_DEPTH, so hostile input such as `'>' * 100000` or deep lists costs little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_DEPTH = 8

_FENCE = re.compile(r"(`{3,}|~{3,})[^`]*$")
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ITEM = re.compile(r"([*+-]|\d{1,9}[.)])(?:([ \t]+)(.*)|$)")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_TABLE_RULE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


@dataclass
class Block:
    """One block of a Markdown document; which fields are used depends on `kind`."""

    kind: str  # para, heading, list, quote, code, table, rule
    text: str = ""  # inline Markdown of a para/heading; the literal text of code
    level: int = 0  # heading level 1-6
    ordered: bool = False
    start: int = 1
    items: list[list[Block]] = field(default_factory=list)  # list items, each a block list
    children: list[Block] = field(default_factory=list)  # quote content
    rows: list[list[str]] = field(default_factory=list)  # table: header row first
    align: list[str] = field(default_factory=list)  # table: "left", "center", "right"


def parse(text: str, depth: int = 0) -> list[Block]:
    """The blocks of a Markdown text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    return _Parser(lines, depth).blocks()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _starts_block(line: str) -> bool:
    s = line.lstrip(" ")
    if _indent(line) >= 4 or not s:
        return False
    return bool(s.startswith(">") or _FENCE.match(s) or _HEADING.match(s) or _RULE.match(s)
                or _ITEM.match(s))


class _Parser:
    def __init__(self, lines: list[str], depth: int) -> None:
        self.lines = lines
        self.depth = depth
        self.i = 0

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        if self.depth >= MAX_DEPTH:  # too deep: the rest is one plain paragraph
            rest = "\n".join(line.strip() for line in self.lines if line.strip())
            return [Block("para", text=rest)] if rest else []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.strip():
                self.i += 1
                continue
            out.append(self._block(line))
        return out

    def _block(self, line: str) -> Block:
        indent, s = _indent(line), line.lstrip(" ")
        if indent >= 4:
            return self._indented_code()
        if m := _FENCE.match(s):
            return self._fenced(m.group(1), indent)
        if m := _HEADING.match(s):
            self.i += 1
            return Block("heading", text=m.group(2) or "", level=len(m.group(1)))
        if _RULE.match(s):
            self.i += 1
            return Block("rule")
        if s.startswith(">"):
            return self._quote()
        if m := _ITEM.match(s):
            return self._list(m, indent)
        if "|" in s and self.i + 1 < len(self.lines) and _TABLE_RULE.match(self.lines[self.i + 1].strip()):
            return self._table()
        return self._paragraph()

    def _indented_code(self) -> Block:
        body: list[str] = []
        while self.i < len(self.lines) and (_indent(self.lines[self.i]) >= 4 or not self.lines[self.i].strip()):
            body.append(self.lines[self.i][4:])
            self.i += 1
        return Block("code", text="\n".join(body).rstrip("\n"))

    def _fenced(self, fence: str, indent: int) -> Block:
        self.i += 1
        body: list[str] = []
        while self.i < len(self.lines):
            s = self.lines[self.i].strip()
            self.i += 1
            if s.startswith(fence[0] * len(fence)) and not s.strip(fence[0]):
                break
            body.append(self.lines[self.i - 1][min(indent, _indent(self.lines[self.i - 1])):])
        return Block("code", text="\n".join(body))

    def _quote(self) -> Block:
        inner: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            s = line.lstrip(" ")
            if s.startswith(">"):
                inner.append(s[2:] if s.startswith("> ") else s[1:])
            elif s and inner and inner[-1].strip() and not _starts_block(line):
                inner.append(s)  # lazy continuation of a quoted paragraph
            else:
                break
            self.i += 1
        return Block("quote", children=parse("\n".join(inner), self.depth + 1))

    def _list(self, first: re.Match[str], indent: int) -> Block:
        marker = first.group(1)
        ordered = marker[0].isdigit()
        kind = marker[-1] if ordered else marker
        start = int(marker[:-1]) if ordered else 1
        items: list[list[Block]] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            s = line.lstrip(" ")
            m = _ITEM.match(s) if _indent(line) < 4 + indent else None
            if m is None or (m.group(1)[-1] if ordered else m.group(1)) != kind or (
                    m.group(1)[0].isdigit() != ordered):
                break
            items.append(parse(self._item_text(m, _indent(line)), self.depth + 1))
        return Block("list", ordered=ordered, start=start, items=items)

    def _item_text(self, m: re.Match[str], indent: int) -> str:
        gap = m.group(2) or " "
        content_col = indent + len(m.group(1)) + (len(gap) if len(gap) <= 4 else 1)
        lines = [m.group(3) or ""]
        self.i += 1
        blank = False
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.strip():
                blank = True
                lines.append("")
            elif _indent(line) >= content_col:
                lines.append(line[content_col:])
                blank = False
            elif not blank and not _starts_block(line) and lines[-1].strip():
                lines.append(line.lstrip(" "))  # lazy continuation
            else:
                break
            self.i += 1
        return "\n".join(lines)

    def _table(self) -> Block:
        header = _cells(self.lines[self.i])
        align = [_alignment(c) for c in _cells(self.lines[self.i + 1])]
        self.i += 2
        rows = [header]
        while self.i < len(self.lines) and "|" in self.lines[self.i] and self.lines[self.i].strip():
            rows.append(_cells(self.lines[self.i]))
            self.i += 1
        width = len(header)
        rows = [(r + [""] * width)[:width] for r in rows]
        return Block("table", rows=rows, align=(align + ["left"] * width)[:width])

    def _paragraph(self) -> Block:
        body = [self.lines[self.i].lstrip()]
        self.i += 1
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.strip() or _starts_block(line):
                if _SETEXT.match(line.strip()) and _indent(line) < 4 and line.strip()[0] in "=-":
                    self.i += 1
                    return Block("heading", text=" ".join(b.strip() for b in body), level=1 if line.strip()[0] == "=" else 2)
                break
            if _SETEXT.match(line.strip()) and line.strip()[0] == "=":
                self.i += 1
                return Block("heading", text=" ".join(b.strip() for b in body), level=1)
            body.append(line.lstrip())  # trailing spaces may mean a hard line break
            self.i += 1
        return Block("para", text="\n".join(body).rstrip())


def _cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells = re.split(r"(?<!\\)\|", s)
    return [c.strip().replace("\\|", "|") for c in cells]


def _alignment(spec: str) -> str:
    spec = spec.strip()
    if spec.startswith(":") and spec.endswith(":"):
        return "center"
    return "right" if spec.endswith(":") else "left"
