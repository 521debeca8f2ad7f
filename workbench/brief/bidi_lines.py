"""Right-to-left words in visual order, line by line, after the lines are broken.

A paragraph is broken into lines in reading (logical) order; only then is each line's word
order turned into display order. Reordering the whole text first and breaking it afterwards
puts the end of a right-to-left paragraph on its first line, so its lines read bottom-up.

HarfBuzz already lays out each Arabic or Hebrew word right to left (joined letters, mirrored
brackets); what is left is the order of the words on a line. That is the Unicode bidi
algorithm (UAX #9) at the granularity of words: each word takes the class of its first strong
character (R, L, or EN for a number), neutral words take the direction of their neighbours
when both agree and the base direction otherwise, levels follow rules I1/I2, and rule L2
reverses each run at or above every odd level, per line. python-bidi reorders strings but
does not give the levels or the order it used, which a line of reportlab fragments needs.
"""

from __future__ import annotations

from reportlab.platypus.paragraph import FragLine

from workbench.brief.markup import RTL

_LEVELS = {False: {"L": 0, "R": 1, "EN": 2}, True: {"L": 2, "R": 1, "EN": 2}}


def word_class(text: str) -> str:
    """R, L, EN (a number) or N (neutral: punctuation, symbols) for one word."""
    for ch in text:
        if RTL.match(ch):
            return "R"
        if ch.isalpha():
            return "L"
    return "EN" if any(ch.isdigit() for ch in text) else "N"


def levels(classes: list[str], rtl: bool) -> list[int]:
    """Embedding levels of a paragraph's words (rules W7, N1, N2, I1 and I2)."""
    base = "R" if rtl else "L"
    types = list(classes)
    strong = base
    for i, t in enumerate(types):
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[i] = "L"  # W7: a number after left-to-right text is part of it
    i, n = 0, len(types)
    while i < n:
        if types[i] != "N":
            i += 1
            continue
        j = i
        while j < n and types[j] == "N":
            j += 1
        before = base if i == 0 else ("L" if types[i - 1] == "L" else "R")  # N1: numbers count as R
        after = base if j == n else ("L" if types[j] == "L" else "R")
        types[i:j] = [before if before == after else base] * (j - i)
        i = j
    return [_LEVELS[rtl][t] for t in types]


def visual_order(word_levels: list[int]) -> list[int]:
    """Rule L2: the display order (indexes into the line) of words with these levels."""
    order = list(range(len(word_levels)))
    odd = [level for level in word_levels if level % 2]
    if not odd:
        return order
    for level in range(max(word_levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if word_levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and word_levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


class _Line:
    """One broken line as words (lists of fragments), the spaces between them, and what
    must stay at its end (a line break)."""

    def __init__(self, line: FragLine) -> None:
        self.line = line
        self.words: list[list] = []
        self.spaces: list = []  # fragments holding one space, in logical order
        self.tail: list = []
        current: list = []
        for f in line.words:
            text = getattr(f, "text", None)
            if getattr(f, "lineBreak", False):
                self.tail.append(f)
                continue
            if text is None or hasattr(f, "cbDefn"):
                current.append(f)  # an anchor stays with the word it precedes
                continue
            start = 0
            while True:
                at = text.find(" ", start)
                piece = text[start:] if at < 0 else text[start:at]
                if piece:
                    current.append(f.clone(text=piece))
                if at < 0:
                    break
                if any(hasattr(p, "text") and not hasattr(p, "cbDefn") for p in current):
                    self.words.append(current)
                    self.spaces.append(f.clone(text=text[at:at + 1]))
                    current = []
                start = at + 1
        if current:
            if self.words and not any(hasattr(p, "text") and not hasattr(p, "cbDefn") for p in current):
                self.words[-1].extend(current)  # a trailing anchor
            else:
                self.words.append(current)
        self.classes = [word_class("".join(str(p.text) for p in w if hasattr(p, "text"))) for w in self.words]

    def reorder(self, word_levels: list[int]) -> None:
        order = visual_order(word_levels)
        if order == sorted(order):
            return
        spaces = iter(self.spaces)
        out: list = []
        for k, index in enumerate(order):
            if k:
                out.append(next(spaces, None) or self.words[index][0].clone(text=" "))
            out.extend(self.words[index])
        self.line.words = out + self.tail


def reorder_lines(lines: list) -> None:
    """Put the words of each broken line in display order (lines of fragments, kind 1).

    A hard line break starts a new paragraph for the bidi algorithm: its base direction is
    that of its first strong word, so a left-to-right label above right-to-left text keeps
    its own direction.
    """
    start = 0
    while start < len(lines):
        stop = start
        while stop < len(lines) - 1 and not getattr(lines[stop], "lineBreak", False):
            stop += 1
        parsed = [_Line(line) for line in lines[start:stop + 1] if isinstance(line, FragLine)]
        classes = [c for p in parsed for c in p.classes]
        rtl = next((c == "R" for c in classes if c in ("L", "R")), False)
        word_levels = levels(classes, rtl)
        at = 0
        for p in parsed:
            p.reorder(word_levels[at:at + len(p.classes)])
            at += len(p.classes)
        start = stop + 1
