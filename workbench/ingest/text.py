"""Turning bytes of unknown origin into clean Unicode text.

Files come from e-mail, old Windows machines and web pages: the encoding is a guess.
Order of trust: byte-order mark, strict UTF-8, a declared charset, then detection.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

MAX_FILE_BYTES = 50 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy declarations that browsers treat as windows-1252 (WHATWG Encoding Standard).
_WINDOWS_1252_ALIASES = {"ascii", "latin_1", "iso8859_1", "cp819"}

# C0 and C1 control characters except tab and newline; DEL; stray byte-order marks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe]")
_NOT_CHARSETS = {"idna", "undefined", "punycode", "raw-unicode-escape", "unicode-escape",
                 "mbcs", "oem", "palmos"}
_LOW_BYTES = bytes(range(0x80))
_NON_LETTER_BYTES = bytes(b for b in range(256) if not (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A))
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028]")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text, guessing the encoding when there is no reliable mark.

    ``declared`` is a charset named by the file itself (an HTML ``<meta charset>``).
    Never raises: undecodable bytes become U+FFFD.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    wide = _sniff_utf16(data)
    if wide:
        return data.decode(wide, errors="replace")
    codec = _lookup(declared) if declared else None
    if codec and codec != "utf_8":
        return data.decode(codec, errors="replace")
    return _decode_legacy(data)


def clean_text(text: str) -> str:
    """Normalise newlines to ``\\n``, drop control characters, compose to Unicode NFC."""
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _lookup(name: str) -> str | None:
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    # rot13, base64, zlib, hex, uu, quopri, idna, "undefined"...: not text encodings;
    # a page naming one gets detection instead of a failure.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    codec = info.name.replace("-", "_")
    if codec.startswith(("utf_16", "utf_32")):
        return None  # real UTF-16/32 pages carry a byte-order mark (WHATWG: treat as UTF-8)
    return "cp1252" if codec in _WINDOWS_1252_ALIASES else codec


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a mark: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / max(1, len(odd))
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> str:
    """Pick a single- or multi-byte legacy encoding.

    Detectors misjudge short Western text (cp1252 "café" comes back as cp1250 or
    EBCDIC), and that is the commonest case here, so cp1252 wins unless most letters
    are outside ASCII: that pattern means Cyrillic, Greek, CJK, ... where detection
    works well and cp1252 would be pure mojibake.
    """
    sample = data[:65536]
    high = len(sample.translate(None, _LOW_BYTES))
    ascii_letters = len(sample.translate(None, _NON_LETTER_BYTES))
    ratio = high / max(1, high + ascii_letters)
    if ratio >= 0.5 and high >= 8:
        guessed = _detect(data)
        if guessed:
            return guessed
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # Bytes cp1252 leaves undefined: probably another code page after all.
        return _detect(data) or data.decode("cp1252", errors="replace")


def _detect(data: bytes) -> str | None:
    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best)
