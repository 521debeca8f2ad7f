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
# PDFium marks a hyphen it saw at a line end with U+FFFE (older builds: U+0002) and often
# joins the two lines itself; U+00AD is a soft hyphen.
_SOFT_HYPHENS = "\ufffe\x02\u00ad"
_INNER_HYPHEN = re.compile(r"([^\W\d_]+)[\ufffe\x02\u00ad]([^\W\d_]+)")
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
    pages = [[_rejoin(line, vocabulary) for line in lines] for lines in pages]
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for lines in pages:
        kept = [line for i, line in enumerate(lines) if line and not _is_running(lines, i, repeated)]
        text = clean_text(_paragraphs(kept, vocabulary)).strip()
        start = offset + 2 if parts else 0  # after the blank line between pages
        starts.append(start)  # an empty page starts where the next text would
        if text:
            parts.append(text)
            offset = start + len(text)
    joined = "\n\n".join(parts)
    return joined, tuple(min(s, len(joined)) for s in starts)


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
            words.update(w.casefold() for w in _WORD.findall(_hyphens_apart(line)))
    return words


def _hyphens_apart(line: str) -> str:
    return line.translate({ord(h): " " for h in _SOFT_HYPHENS})


def _rejoin(line: str, vocabulary: set[str]) -> str:
    """Words PDFium joined across a line break: "nego\ufffetiators" -> "negotiators" if known."""
    def one(match: re.Match[str]) -> str:
        whole = match.group(1) + match.group(2)
        return whole if whole.casefold() in vocabulary else f"{match.group(1)}-{match.group(2)}"

    return _INNER_HYPHEN.sub(one, line)


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
        # after a sentence, a short unpunctuated line starting with a capital is a heading
        return short or _heading_like(line, typical)
    # A short line without closing punctuation before a capital: a heading.
    return short and len(previous) < 0.5 * typical and line[:1].isupper()


def _heading_like(line: str, typical: float) -> bool:
    return len(line) < 0.5 * typical and line[:1].isupper() and not line.endswith(_SENTENCE_END)


def _join(text: str, line: str, vocabulary: set[str]) -> str:
    """Append *line* to *text*, undoing a hyphenation at the line end where it was one."""
    hyphen = text[-1:]
    if hyphen in _SOFT_HYPHENS or (hyphen == "-" and line[:1].islower()):
        head = _WORD.search(text[-2::-1])
        tail = _WORD.match(line)
        if head and tail and head.start() == 0:
            joined = (head.group(0)[::-1] + tail.group(0)).casefold()
            if joined in vocabulary:
                return text[:-1] + line
        # A real hyphen ("well-known") that fell at the line end: keep it, as a hyphen.
        return text[:-1] + "-" + line
    return text + " " + line
