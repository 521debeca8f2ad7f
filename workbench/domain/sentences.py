"""Sentence spans: where each sentence of a text starts and ends.

The evidence finder quotes ``text[start:end]`` verbatim and anchors citations to these
offsets, so the spans must be exact. Text is first cut into blocks (paragraphs, bullet
items, headings), which no sentence crosses, then each block is cut at sentence-final
punctuation unless an abbreviation, initial or lowercase continuation says otherwise.
One pass over the lines, one regex pass over each block: linear in the text's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Sentence-final punctuation, with any closing quotes or brackets that belong to it; group 1
# is the first character after the spaces and openers that follow (empty at the block's end),
# found by the same scan rather than character by character in Python. The leading lookahead
# names every character a match can start with, so that the scan jumps from one to the next
# (half the time of trying both branches at every position).
_END = re.compile(r"""(?=[.!?…。！？])(?:(?:[.!?…]+["'”’»)\]]*(?=\s))|(?:[。！？]+[”’」』）]*))"""
                  r"""(?=[\s"'“‘«(\[¿¡]*(.?))""")
# List markers at the start of a line; they are not part of the sentence.
_BULLET = re.compile(r"(?:[•◦▪▫‣⁃●○■□·\-–—*]|\d{1,3}[.)])[ \t\u00a0]+(?=\S)")
_BULLET_FIRST = frozenset("•◦▪▫‣⁃●○■□·-–—*0123456789")
_LINE = re.compile(r"[^\n]+")
_OPENERS = "\"'“‘«([¿¡"
_LINE_END_CONTINUES = ".!?…:;,-–—([\"'“‘"  # a line ending so is no heading

# Never the end of a sentence, whatever follows.
_TITLES = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj",
    "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "hon", "rev", "pres", "amb", "st", "mt",
    "ft", "messrs", "mme", "mlle", "rt", "vs", "cf", "eg", "ie", "e.g", "i.e", "approx",
    "ca", "dept", "univ", "est", "fig", "figs", "vol", "vols", "pp", "ch", "sec", "art",
}
# Not the end of a sentence when a number follows ("No. 5", "Oct. 25", "p. 12").
_BEFORE_NUMBER = {
    "no", "nos", "p", "para", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "op", "ed", "eds", "nr", "tel", "al",
}
_DOTTED_CAPS = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # U.S, U.K, E.U (the last dot is the match)

# A "sentence" this long that spans several lines is a table or a list that lost its
# punctuation; cutting it at line breaks gives the evidence finder usable pieces.
_RUN_ON = 1000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of ``text``, end exclusive.

    Spans are in order, do not overlap, never cross a blank line or the start of a
    bullet item, and are trimmed, so ``text[start:end]`` is the sentence itself.
    """
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        _split_block(text, start, end, spans)
    return spans


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of paragraphs, bullet items and headings."""
    block_start = -1
    block_end = 0
    previous = ""  # the last line of the open block, stripped
    count = text.count
    for match in _LINE.finditer(text):
        line = match.group()
        content = line.strip()
        line_start = match.start()
        if block_start >= 0 and (not content or count("\n", block_end, line_start) > 1):
            yield block_start, block_end  # a blank line closes the block
            block_start = -1
        if not content:
            continue
        first = line_start + len(line) - len(line.lstrip())
        bullet = _BULLET.match(text, first, match.end()) if content[0] in _BULLET_FIRST else None
        if bullet or (block_start >= 0 and _is_heading(previous, content)):
            if block_start >= 0:
                yield block_start, block_end
            block_start = bullet.end() if bullet else first
        elif block_start < 0:
            block_start = first
        block_end = first + len(content)
        previous = content
    if block_start >= 0:
        yield block_start, block_end


def _is_heading(previous: str, current: str) -> bool:
    """True if ``previous`` is a line standing alone (a heading, a date line) and not
    the first part of a sentence wrapped onto ``current``."""
    if previous[-1] in _LINE_END_CONTINUES or len(previous) > 100:
        return False
    if not (current[0].isupper() or current[0].isdigit() or current[0] in _OPENERS):
        return False
    # Wrapped lines of one paragraph have similar widths; a heading is much shorter.
    return len(previous) * 2 < len(current)


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    sentence_start = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if stop >= end:
            break
        if _is_boundary(text, match, end):
            _emit(text, sentence_start, stop, spans)
            sentence_start = stop
    _emit(text, sentence_start, end, spans)


def _is_boundary(text: str, match: re.Match[str], end: int) -> bool:
    """Whether the punctuation in ``match`` really ends a sentence."""
    following = match.group(1)
    if not following:
        return True  # nothing but spaces and openers up to the block's end
    if following.islower():
        return False  # "e.g. the", "U.S. hegemony", "…and then"
    mark = match.group(0)
    if mark != "." or match.start() == 0:
        return True  # "!", "?", "…", '."', '。'
    word = _word_before(text, match.start())
    lowered = word.lower()
    if lowered in _TITLES:
        return False
    if following.isdigit() and lowered in _BEFORE_NUMBER:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    if _DOTTED_CAPS.fullmatch(word):
        return False  # "U.S. President" is far commoner than a sentence ending in "U.S."
    return True


def _word_before(text: str, dot: int) -> str:
    """The word that ends just before the full stop at ``dot`` (without openers): at most
    the 24 characters before it, back to the nearest space."""
    tail = text[max(dot - 24, 0):dot]
    if not tail or tail[-1].isspace():
        return ""
    return tail.split()[-1].lstrip(_OPENERS)


def _emit(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    kept = piece.strip()  # the same spaces as str.isspace(), trimmed in one call
    if not kept:
        return
    start += len(piece) - len(piece.lstrip())
    end = start + len(kept)
    if end - start > _RUN_ON and "\n" in text[start:end]:
        for line in _LINE.finditer(text, start, end):
            line_start, line_end = line.span()
            while line_start < line_end and text[line_start].isspace():
                line_start += 1
            while line_end > line_start and text[line_end - 1].isspace():
                line_end -= 1
            if line_start < line_end:
                spans.append((line_start, line_end))
        return
    spans.append((start, end))
