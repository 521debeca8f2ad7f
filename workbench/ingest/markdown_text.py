"""Markdown files: kept as written; the title comes from the first level-1 heading."""

from __future__ import annotations

import re

from workbench.ingest.metadata import clean_person, normalise_date

_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_FRONT_KEY = re.compile(r"^(title|author|date)\s*:\s*(.*?)\s*$", re.I)


def markdown_metadata(text: str) -> dict[str, str]:
    """Title (and author/date from YAML front matter, if any) of a Markdown document."""
    fields = _front_matter(text)
    if not fields.get("title"):
        title = _first_heading(text)
        if title:
            fields["title"] = title
    return fields


def _first_heading(text: str) -> str:
    previous = ""
    in_fence = False
    for line in text[:200_000].split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence  # a "# comment" in a code block is not a heading
        elif not in_fence:
            match = _ATX_H1.match(line)
            if match:
                return _strip_inline(match.group(1))
            if _SETEXT_H1.match(line) and previous.strip():
                return _strip_inline(previous)
        previous = "" if in_fence else line
    return ""


def _strip_inline(heading: str) -> str:
    """Drop the commonest inline markup so the title reads as plain text."""
    heading = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # links, images
    heading = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", heading)
    return " ".join(heading.split())[:300]


def _front_matter(text: str) -> dict[str, str]:
    """Simple "key: value" lines between leading "---" fences (no YAML parser needed)."""
    lines = text[:20_000].split("\n")
    if not lines or lines[0].strip() != "---":
        return {}
    fields: dict[str, str] = {}
    for line in lines[1:60]:
        if line.strip() in ("---", "..."):
            return fields
        match = _FRONT_KEY.match(line)
        if match:
            key, value = match.group(1).lower(), match.group(2).strip("\"'")
            if key == "date":
                value = normalise_date(value)
            elif key == "author":
                value = clean_person(value)
            if value:
                fields.setdefault(key, value[:300])
    return {}  # no closing fence: not front matter after all
