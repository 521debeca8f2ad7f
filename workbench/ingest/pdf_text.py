"""Turning the raw lines of PDF pages into readable paragraphs, page by page.

A PDF's text layer is positioned glyphs, not prose: lines end where the column ends, words
are split with hyphens, typographic ligatures ("ﬁ") stand for letters, and every page may
repeat a running header and footer. Each page is cleaned on its own so that the offsets
where pages start stay exact; the pages are then joined with blank lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from statistics import median

from workbench.ingest.text import clean_text

# Compatibility characters PDFs use for plain letters: ligatures (U+FB00-FB06 and the
# Armenian ones) folded with NFKC; no-break and other odd spaces become plain spaces.
_FOLD = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in (*range(0xFB00, 0xFB07), *range(0xFB13, 0xFB18))}
_FOLD.update({cp: " " for cp in (0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
                                 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F)})
# PDFium marks a hyphen it saw at a line end with U+0002; U+00AD is a soft hyphen.
_SOFT_HYPHENS = "\x02\u00ad"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LIST_ITEM = re.compile(r"^(?:[•◦▪‣\-–—*]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")
_CONTENTS_LINE = re.compile(r"(?:\.\s?){4,}\s*\d+$")  # "2.1 Methods . . . . 24"
_SENTENCE_END = tuple(".!?:;\"”’)")


def fold(text: str) -> str:
    """Ligatures to letters, odd spaces to spaces, newlines to ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_FOLD)


def clean_pages(raw_pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """The document's text and where each page starts in it (one offset per page)."""
    pages = [[line.strip() for line in fold(page).split("\n")] for page in raw_pages]
    repeated = _running_lines(pages)
    vocabulary = _vocabulary(pages)
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for lines in pages:
        kept = [line for i, line in enumerate(lines) if line and not _is_running(lines, i, repeated)]
        text = clean_text(_paragraphs(kept, vocabulary)).strip()
        if parts and text:
            offset += 2  # the blank line between pages
        starts.append(offset)
        if text:
            parts.append(text)
            offset += len(text)
    return "\n\n".join(parts), tuple(starts)


def _signature(line: str) -> str:
    """A header line with its page number blanked, so "Page 3 of 9" matches "Page 4 of 9"."""
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the first two and last two non-empty lines of a page."""
    filled = [i for i, line in enumerate(lines) if line]
    return sorted(set(filled[:2] + filled[-2:]))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Signatures of lines at a page's top or bottom that repeat on most pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_signature(lines[i]) for i in _edges(lines)})
    need = max(3, int(0.6 * len(pages) + 0.5))
    return {sig for sig, n in counts.items() if n >= need}


def _is_running(lines: list[str], index: int, repeated: set[str]) -> bool:
    return bool(repeated) and index in _edges(lines) and _signature(lines[index]) in repeated


def _vocabulary(pages: list[list[str]]) -> set[str]:
    """Every word of the document as written, to decide which hyphens were line breaks only."""
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(w.casefold() for w in _WORD.findall(line))
    return words


def _paragraphs(lines: list[str], vocabulary: set[str]) -> str:
    """Join the lines of one page into paragraphs separated by blank lines."""
    if not lines:
        return ""
    typical = median(len(line) for line in lines)
    out = lines[0]
    for previous, line in zip(lines, lines[1:]):
        if _ends_paragraph(previous, line, typical):
            out += "\n\n" + line
        else:
            out = _join(out, line, vocabulary)
    return out


def _ends_paragraph(previous: str, line: str, typical: float) -> bool:
    if _LIST_ITEM.match(line) or _CONTENTS_LINE.search(previous):
        return True
    short = len(previous) < 0.75 * typical
    if previous.endswith(_SENTENCE_END):
        return short
    # A short line without closing punctuation before a capital: a heading.
    return short and len(previous) < 0.5 * typical and line[:1].isupper()


def _join(text: str, line: str, vocabulary: set[str]) -> str:
    """Append *line* to *text*, undoing a hyphenation at the line end where it was one."""
    if text[-1:] in _SOFT_HYPHENS:
        return text[:-1] + line
    if text.endswith("-") and line[:1].islower():
        head = _WORD.search(text[::-1][1:])
        tail = _WORD.match(line)
        if head and tail and head.start() == 0:
            joined = (head.group(0)[::-1] + tail.group(0)).casefold()
            if joined in vocabulary:
                return text[:-1] + line
        return text + line  # a real hyphen ("well-known") that fell at the line end
    return text + " " + line
