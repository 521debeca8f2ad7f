"""Conservative guesses of title, author, outlet and date from the head of plain text.

A wrong guess is worse than none: every field is editable later, and an empty field
invites the user to fill it, while a wrong one is easily trusted. So each rule only
fires on a clear pattern, and anything doubtful stays "".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DATE_PATTERNS = (
    # 2024-11-21, 2024/11/21, 2024.11.21, optionally followed by a time
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[T ][\d:.+\-Z]*)?"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})"),
    # Oct 25, 2024 / Oct, 25 2024 / October 25th 2024
    re.compile(_MON + r",?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"),
    # 25 October 2024 / 25 Oct, 2024
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>\d{4})"),
    # October 2024
    re.compile(_MON + r",?\s+(?P<y>\d{4})"),
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_DATE_LABEL = re.compile(
    r"^(?:date|dated|published(?: on)?|posted(?: on)?|updated(?: on)?|on)\s*:?\s*", re.I
)
_BY = re.compile(r"^by\b[:\s]*", re.I)
# Byline prefixes in the languages analysts read most: "Von", "Par", "Publié par", "Author:".
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|reporting|story|words|text|photos?)\s+by|by|von|par|"
    r"publi[ée]e? par|por|publicado por|di|door|av|af|przez|от|autor(?:in)?|auteure?|"
    r"authors?|author\(s\)|escrito por|scritto da|pubblicato da)\b\s*[:\-–]?\s*",
    re.I,
)
# Placeholders and job titles that CMSs put where a name belongs.
_NOT_A_NAME = re.compile(
    r"\b(?:no author|unknown|anonymous|admin(?:istrator)?|staff|editors?|editorial|"
    r"reporters?|correspondents?|desk|team|newsroom|agencies|wire)\b",
    re.I,
)
# A word of a personal name: "Jane", "O'Mahony", "van", "al-Sayed", or initials "J." / "J.R.".
# A social-media handle after the name ("Jane Doe (@janedoe)", "Jane Doe | @janedoe"): not
# part of it. A handle alone is no name.
_HANDLE = re.compile(r"\s*(?:[|·•,/]\s*)?\(?@\w{1,30}\)?\s*$")
_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w'’\-]*\.?|(?:[A-Z]\.-?){2,3}|[a-z]{1,3}|al-[A-Z][\w\-]*)$"
)
# Dotted capitals that abbreviate a country or a body, not a person's initials.
_NOT_INITIALS = {"U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "U.A.E.", "U.S.A."}
_OUTLET_WORDS = {
    "report", "times", "post", "news", "review", "journal", "herald", "tribune",
    "guardian", "monitor", "gazette", "daily", "weekly", "magazine", "observer",
    "telegraph", "express", "insider", "wire", "press", "chronicle", "standard",
    "today", "digest", "dispatch", "bulletin", "examiner", "courier", "mail",
}
_GENRE_SUFFIX = re.compile(
    r"\s+[–—\-|:]\s*(?:op-?ed|opinion|analysis|commentary|editorial|essay|interview)\s*$",
    re.I,
)


@dataclass(frozen=True)
class TextMeta:
    """What the head of a text says about itself; "" where nothing was clear."""

    title: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""


def normalise_date(value: str) -> str:
    """Turn a written date into ISO "YYYY-MM-DD" (or "YYYY-MM"); "" if not a clear date.

    The whole string must be the date (plus an optional time), so that a sentence
    that merely contains a year is not mistaken for one.
    """
    value = _WEEKDAY.sub("", value.strip()).strip(",; ")
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            return _to_iso(match.groupdict())
    return ""


def _to_iso(parts: dict[str, str | None]) -> str:
    year = int(parts["y"] or 0)
    if "mon" in parts:
        month = _MONTHS.get((parts["mon"] or "").lower(), 0)
    else:
        month = int(parts.get("m") or 0)
    if not 1900 <= year <= 2200 or not 1 <= month <= 12:
        return ""
    if parts.get("d") is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(parts["d"] or 0)).isoformat()
    except ValueError:
        return ""


def clean_person(value: str, *, lenient: bool = False) -> str:
    """A byline reduced to names ("By Jane Doe and John Roe" -> "Jane Doe and John Roe").

    Returns "" unless every part looks like a personal name. *lenient* is for fields that
    are declared to hold the author (a <meta name="author">): there a name written partly
    in lower case ("Mobasir hassan") is still a name.
    """
    value = _HANDLE.sub("", " ".join(value.split()))
    stripped = _BYLINE_PREFIX.sub("", value).strip(" ,;")
    if stripped != value and _as_names(stripped, lenient):
        return stripped
    return _as_names(value.strip(" ,;"), lenient)


def single_name(value: str) -> str:
    """A one-word name ("Ela", "By Ela"), or "" if *value* is anything else.

    One word alone is too weak to be trusted as a byline: callers take it only when two
    places on a page state the same name.
    """
    word = _BYLINE_PREFIX.sub("", " ".join(value.split())).strip(" ,;")
    if not 2 <= len(word) <= 30 or not word.isalpha() or not word[0].isupper() or word.isupper():
        return ""
    return "" if _NOT_A_NAME.search(word) or word.casefold() in _OUTLET_WORDS else word


def _as_names(value: str, lenient: bool = False) -> str:
    if not value or len(value) > 80 or any(ch.isdigit() for ch in value):
        return ""
    if _NOT_A_NAME.search(value) or re.search(r"\s(?:by|von|par)\s|\bwww\b", value, re.I):
        return ""  # "Recipe by Eat What Tonight", "Www Example Com"
    names = [part.strip() for part in re.split(r",|\band\b|&", value)]
    return value if names and all(_is_name(name, lenient) for name in names) else ""


def _is_name(text: str, lenient: bool = False) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    if lenient:
        return len(words) <= 4 and all(w.replace("-", "").replace("'", "").isalpha() for w in words)
    if any(word in _NOT_INITIALS for word in words):
        return False
    return words[-1][:1].isupper() and all(_NAME_WORD.match(word) for word in words)


def guess_metadata(text: str) -> TextMeta:
    """Guess title, author, outlet and date from the first lines of ``text``."""
    lines = [line.strip() for line in text[:4000].split("\n")][:40]
    head = [line for line in lines if line][:6]
    title = author = outlet = published = ""
    index = 0
    # An outlet's name alone on the first line, directly followed by a headline.
    if len(head) > 1 and _is_outlet(head[0]) and _is_title(head[1]):
        outlet, index = head[0], 1
    while index < len(head):
        line = head[index]
        date, person = _date_and_byline(line)
        if date or person:
            published = published or date
            author = author or person
        elif _BY.fullmatch(line):
            # "By" on its own line, the name (if any) on the next one.
            if index + 1 < len(head):
                person = clean_person(head[index + 1])
                if person:
                    author = author or person
                    index += 1
        elif not title and index <= 1 and _is_title(line):
            title = _GENRE_SUFFIX.sub("", line).strip()
        else:
            break
        index += 1
    return TextMeta(title, author or _author_from_bio(text), outlet, published)


def _date_and_byline(line: str) -> tuple[str, str]:
    """("2024-11-21", "Simon Hutagalung") from " date 2024-11-21 By Simon Hutagalung"."""
    if len(line) > 120:
        return "", ""
    date_part, _, by_part = _split_by(line)
    date = normalise_date(_DATE_LABEL.sub("", date_part)) if date_part.strip() else ""
    person = clean_person(by_part) if by_part else ""
    if date_part.strip() and not date:
        return "", ""  # text before "By" that is not a date: not a byline line
    return date, person


def _split_by(line: str) -> tuple[str, str, str]:
    match = re.search(r"(?:^|\s)by\s+(?=\S)", line, re.I)
    if not match:
        return line, "", ""
    return line[: match.start()], "by", line[match.end() :]


def _is_outlet(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 5 or re.search(r"[.,:;!?]", line):
        return False
    return all(w[:1].isupper() for w in words) and words[-1].lower() in _OUTLET_WORDS


def _is_title(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= 30 or len(line) > 200:
        return False
    if line[-1] in ".,;:" or _BY.match(line) or normalise_date(line):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"


def _author_from_bio(text: str) -> str:
    """A closing author box: a name alone on a line, then "<Name> is a ..."."""
    tail = [line.strip() for line in text[-3000:].split("\n") if line.strip()]
    for line, following in zip(tail, tail[1:]):
        # A name is at most 80 characters (`_as_names`): unless " is " comes that early in
        # the next line, the line is no name in a box (and cleaning it, the cost, is skipped).
        if " is " not in following[:84]:
            continue
        person = clean_person(line)
        if person and following.startswith(person + " is "):
            return person
    return ""


# News agencies whose name stands as the byline of a wire story. Their credit names who wrote
# the story (unlike "Staff Writer" or the outlet's own desk, which say nothing the outlet
# field does not), so it is kept as written.
_AGENCIES = {
    "ap", "associated press", "the associated press", "reuters", "thomson reuters", "afp",
    "agence france-presse", "agence france presse", "jiji", "jiji press", "kyodo",
    "kyodo news", "yonhap", "yonhap news agency", "xinhua", "tass", "dpa",
    "deutsche presse-agentur", "ansa", "efe", "pti", "press trust of india", "ians", "upi",
    "united press international", "ani", "bernama", "anadolu agency", "interfax", "ukrinform",
    "pa media", "press association", "aap", "australian associated press", "canadian press",
    "the canadian press",
}
_AGENCY_STAFF = re.compile(r"\s+(?:staff|staff writers?|reporters?|reporting)$", re.I)


def agency_credit(value: str) -> str:
    """"Reuters", "By AFP", "The Associated Press", "Reuters Staff" as written; else ""."""
    credit = _BYLINE_PREFIX.sub("", " ".join(value.split())).strip(" ,;")
    return credit if _AGENCY_STAFF.sub("", credit).casefold() in _AGENCIES else ""


def credited(value: str, *, lenient: bool = False) -> str:
    """The persons of a byline, or the news agency it credits; "" for anything else."""
    return clean_person(value, lenient=lenient) or agency_credit(value)


_LEADING_MARKS = re.compile(r"^[\s|·•*\-–—]+")
# After the name on a byline line: " on May 4, 2020", " | 4 May 2020", " - Chrome team".
_AFTER_NAME = re.compile(r"\s+(?:on\s+|[|·•–—\-]\s*)(?P<rest>.*)$", re.I)


def byline_line(line: str) -> str:
    """The names of a line of page text that is a byline, or "".

    "By Jane Doe", "---- by Jane Doe", "Posted on 4 May 2020 by Jane Doe", "By Jane Doe on
    May 4, 2020", "By Jane Doe | 4 May 2020". The text before "by" must be a date (or
    nothing), and what follows the names a date (or nothing): "Photo by Jane Doe" or "By
    Jane Doe and the team at Example" is no byline.
    """
    line = _LEADING_MARKS.sub("", " ".join(line.split()))
    if not line or len(line) > 120 or not re.search(r"(?:^|\s)by\s", line, re.I):
        return ""
    date, person = _date_and_byline(line)
    if person:
        return person
    date_part, _, by_part = _split_by(line)
    if date_part.strip() and not normalise_date(_DATE_LABEL.sub("", date_part)):
        return ""
    after = _AFTER_NAME.search(by_part)
    if after and normalise_date(_DATE_LABEL.sub("", after.group("rest")).strip(" ,")):
        return clean_person(by_part[: after.start()])
    return ""


# A page's description that starts with its byline: "Posted by Jane Doe and John Roe - Team
# name   The article's first words…" (the names end where a dash, bar or wide gap does).
_DESCRIPTION_BYLINE = re.compile(
    r"^\s*(?:(?:written|posted)\s+)?by\s+(?P<names>[^\n]{3,160}?)(?:\s+[-–—|]\s|\s{3,})", re.I
)


def description_byline(description: str) -> str:
    """The names a page's description begins with ("by Jane Doe   Text…"), or ""."""
    match = _DESCRIPTION_BYLINE.match(description)
    return clean_person(match.group("names")) if match else ""
