"""Which date a saved web page was published on, or none when the page is unclear about it.

A page states dates in many places: the article's structured data (JSON-LD), <meta> tags,
<time> tags, and the words next to the byline. They often disagree for good reasons: a page
updated later, a timestamp in UTC that falls on the next day in the site's own time zone,
teasers of related articles with their own dates. A wrong date is worse than none, so the
rules take the most specific statement, use what the page shows its readers to settle time
zones, and leave the date empty (saying why in the source's note) when the page itself
shows a different day than its data, or when its article data disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from workbench.ingest.metadata import normalise_date

# A visible date and the label before it on the same line ("Updated Mar 12, 2020").
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
_VISIBLE_DATE = re.compile(
    r"(?:" + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MON + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.I,
)
_UPDATED = re.compile(r"\b(?:updated|modified|revised|edited)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|first published|originally published)\b", re.I)
_LABEL_REACH = 45  # characters before a date that may hold its label
# Only the top of the page is the article's header; lower down are comments and teasers.
HEAD_CHARS = 12_000
_UTC = re.compile(r"(?:Z|[+\-]00:?00|\+0000|GMT|UTC)\s*$", re.I)


def choose_date(article_published: Iterable[str], article_modified: Iterable[str],
                stated: Iterable[tuple[str, str]], head: str,
                library_date: Callable[[], str]) -> tuple[str, str]:
    """(ISO date or "", note) for a page.

    *article_published* / *article_modified*: datePublished / dateModified of the page's
    JSON-LD articles; *stated*: (kind, value) from <meta> and <time> tags ("published",
    "modified" or "time"); *head*: the start of the page's visible text; *library_date*:
    trafilatura's date, asked for only when the markup states none.
    """
    stated = list(stated)
    published = [v for v in article_published if _day(v)]
    if not published:  # the article's data say nothing: the first <meta>, then <time pubdate>
        published = [v for kind, v in stated if kind == "published" and _day(v)][:1]
    modified = [v for v in article_modified if _day(v)]
    modified += [v for kind, v in stated if kind == "modified" and _day(v)]
    visible = _visible_dates(head)
    if not published:
        found = library_date()
        return (found, "") if found and not _shown_as_updated(found, visible) else ("", "")
    days = {_day(v) for v in published}
    if len(days) > 1:
        days = {_local_day(published)} - {""}
    if len(days) != 1:
        return "", f"No publication date was set: the page's data give {_listed(published)}."
    (day,) = days
    # What the page shows near its byline settles a UTC timestamp's day ("Feb 24" at 9 pm
    # in New York is 02:00 on Feb 25 in UTC).
    shown = next((d for kind, d in visible if kind != "updated"), "")
    if shown and shown != day and _one_day_apart(shown, day) and all(_UTC.search(v) for v in published):
        day = shown
    later = sorted({_day(v) for v in modified if _day(v) > day})
    shown_updates = [d for kind, d in visible if kind == "updated" and d > day]
    shown_published = any(kind == "published" and d == day for kind, d in visible)
    if shown_updates and not shown_published:
        updated = max([*shown_updates, *later])
        return "", (f"No publication date was set: the page was published on {day} and shows "
                    f"that it was updated on {updated}; enter the date you cite.")
    return day, ""


def _day(value: str) -> str:
    """The ISO day of a stated date ("" when it is not one, or is the Unix epoch placeholder)."""
    iso = normalise_date(value[:40]) if isinstance(value, str) else ""
    return iso if len(iso) == 10 and iso != "1970-01-01" else ""


def _local_day(values: list[str]) -> str:
    """The one day all *values* fall on in the site's own time zone, if there is one.

    Data often give the same moment twice, in UTC and in local time, which can fall on
    two calendar days; moved to the local offset they agree.
    """
    moments = [_moment(v) for v in values]
    offsets = {m.utcoffset() for m in moments if m is not None and m.utcoffset()}
    if None in moments or len(offsets) != 1:
        return ""
    zone = dt.timezone(offsets.pop())
    days = {m.astimezone(zone).date().isoformat() for m in moments if m is not None}
    return days.pop() if len(days) == 1 else ""


def _moment(value: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _one_day_apart(a: str, b: str) -> bool:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= 1


def _visible_dates(head: str) -> list[tuple[str, str]]:
    """(kind, day) of the dates written in *head*: kind "updated", "published" or ""."""
    out = []
    for match in _VISIBLE_DATE.finditer(head[:HEAD_CHARS]):
        day = normalise_date(match.group(0))
        if len(day) != 10:
            continue
        before = head[max(0, match.start() - _LABEL_REACH):match.start()].rsplit("\n", 1)[-1]
        kind = "updated" if _UPDATED.search(before) else "published" if _PUBLISHED.search(before) else ""
        out.append((kind, day))
        if len(out) >= 20:
            break
    return out


def _shown_as_updated(day: str, visible: list[tuple[str, str]]) -> bool:
    return any(kind == "updated" and d == day for kind, d in visible)


def _listed(values: list[str]) -> str:
    days = sorted({_day(v) for v in values})
    return ", ".join(days[:-1]) + " and " + days[-1] if len(days) > 1 else "".join(days)
