"""Fonts for briefs: bundled TrueType files, registered once, with per-script fallback.

reportlab reads TrueType-outline fonts only and embeds a subset of each one used. The body
faces (Noto Serif, Noto Sans) cover Latin, Greek and Cyrillic; DejaVu Sans fills in symbols,
arrows, Arabic letters and some emoji; NanumGothic covers Hangul. A character no bundled
font has is replaced by a visible stand-in rather than printed as an empty box: a symbol
(emoji and the like) by its Unicode name in brackets, anything else by U+FFFD.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbench import paths

SERIF = "BriefSerif"
SANS = "BriefSans"
MONO = "BriefMono"
SYMBOLS = "BriefSymbols"
HANGUL = "BriefHangul"

# family -> (regular, bold, italic, bold italic) file names; None reuses the regular/bold face.
_FILES: dict[str, tuple[str, str | None, str | None, str | None]] = {
    SERIF: ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"),
    SANS: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", None, None),
    MONO: ("DejaVuSansMono.ttf", None, None, None),
    SYMBOLS: ("DejaVuSans.ttf", None, None, None),
    HANGUL: ("NanumGothic.ttf", "NanumGothicBold.ttf", None, None),
}
FAMILIES = frozenset(_FILES)
# Where a character missing from a base family is looked for, in order.
_FALLBACK = (SYMBOLS, HANGUL)

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}
_missing_re: dict[str, re.Pattern[str]] = {}

# Control characters (but tab and newline), surrogates and non-characters never print.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def fonts_dir() -> Path:
    return paths.resources() / "fonts"


def face_names(family: str) -> tuple[str, str, str, str]:
    """The registered names of a family's regular, bold, italic and bold italic faces."""
    regular, bold, italic, bold_italic = _FILES[family]
    b = f"{family}-Bold" if bold else family
    i = f"{family}-Italic" if italic else family
    bi = f"{family}-BoldItalic" if bold_italic else b
    return family, b, i, bi


def register() -> None:
    """Register every bundled face with reportlab (idempotent, thread-safe)."""
    with _lock:
        if _coverage:
            return
        folder = fonts_dir()
        for family, files in _FILES.items():
            names = face_names(family)
            covered: frozenset[int] | None = None
            for name, file in zip(names, files):
                if file is None:
                    continue
                font = TTFont(name, str(folder / file))
                pdfmetrics.registerFont(font)
                chars = frozenset(font.face.charToGlyph)
                covered = chars if covered is None else covered & chars
            for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names):
                addMapping(family, bold, italic, name)
            _coverage[family] = covered or frozenset()
        for family, covered in _coverage.items():
            _missing_re[family] = re.compile(f"[^{_char_class(covered)}]+")


def _char_class(codes: frozenset[int]) -> str:
    """A regex character-class body matching exactly *codes* (as ranges)."""
    parts: list[str] = []
    ordered = sorted(codes)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        lo, hi = re.escape(chr(ordered[i])), re.escape(chr(ordered[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(parts) + "\n\t"


def clean(text: str) -> str:
    """User text with control characters, NUL, surrogates and non-characters removed."""
    return _DROP.sub("", text)


@dataclass(frozen=True)
class Run:
    """A stretch of text and the family it prints in ('' for the paragraph's own font)."""

    text: str
    family: str = ""


def runs(text: str, base: str = SERIF) -> list[Run]:
    """Split cleaned text into runs printable in *base* and runs that need a fallback face."""
    register()
    out: list[Run] = []
    pos = 0
    for m in _missing_re[base].finditer(text):
        if m.start() > pos:
            out.append(Run(text[pos:m.start()]))
        out.extend(_fallback_runs(m.group()))
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:]))
    return out


def _fallback_runs(text: str) -> list[Run]:
    out: list[Run] = []
    for ch in text:
        family = next((f for f in _FALLBACK if ord(ch) in _coverage[f]), None)
        if family is None:
            ch, family = _stand_in(ch), ""
            if not ch:
                continue
        if out and out[-1].family == family:
            out[-1] = Run(out[-1].text + ch, family)
        else:
            out.append(Run(ch, family))
    return out


def _stand_in(ch: str) -> str:
    """What prints for a character no bundled font has."""
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf"):
        return ""  # a mark or joiner without its glyph: dropping it keeps the base letter readable
    if category == "So":
        name = unicodedata.name(ch, "")
        return f"[{name.lower()}]" if name else "\ufffd"
    return "\ufffd"
