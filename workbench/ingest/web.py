"""Saved web pages: main text with trafilatura, metadata from structured data and tags.

trafilatura (maintained, scored F1 0.95 against 0.82 for our own parser on the web-eval
corpus, see bench/bench_import.py) finds the article among menus, teasers and footers. Our
own parser (html.py) stays as the fallback when it finds nothing, and supplies the metadata
from <meta> tags and the byline. JSON-LD, where most news sites state author and date, is
read as data. Nothing is fetched or run: trafilatura gets the markup as a string.

Metadata stays cautious: a wrong author or date is worse than none.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from workbench.ingest.html import HtmlResult, extract_html
from workbench.ingest.metadata import (agency_credit, byline_line, clean_person, credited,
                                      normalise_date, single_name)
from workbench.ingest.text import clean_text
from workbench.ingest.web_dates import choose_date

_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "blogposting", "scholarlyarticle", "report",
                  "techarticle", "liveblogposting", "backgroundnewsarticle", "socialmediaposting",
                  "posting", "discussionforumposting", "webpage", "creativework"}
# Short promotional paragraphs that trafilatura keeps at the end of many news pages.
_PROMO = re.compile(
    r"\b(?:subscribe|subscriber|newsletter|sign(?:ing)? up|follow (?:us|the)|copyright|"
    r"all rights reserved|reprint|we recommend|contains references to products|"
    r"want to hear what you think|download the|never miss|be informed of)\b",
    re.I,
)
_NOT_TEXT = " | ".join(f"//{tag}" for tag in (
    "script", "style", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "select", "textarea"))
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:\-»]\s+")


def extract_web_page(markup: str) -> HtmlResult:
    """Main text and metadata of a saved web page."""
    ours = extract_html(markup)
    text = _main_text(markup)
    if not text or _flattened(text, ours.text):
        text = ours.text
    articles = _articles(ours.json_ld)
    author, headline, outlet = _structured(articles)
    outlet = outlet or ours.outlet
    title = _strip_site(headline or ours.title, outlet)
    author = author or ours.author
    library: list[tuple[str, str]] = []

    def found_by_library() -> tuple[str, str, str]:
        if not library:
            library.append(_found_by_library(markup))
        return library[0]

    published, note = choose_date([_text(a.get("datePublished")) for a in articles],
                                  [_text(a.get("dateModified")) for a in articles],
                                  ours.dates, ours.head, lambda: found_by_library()[1])
    if not author:
        found = found_by_library()[0]
        # trafilatura may take a commenter's name for the author's.
        author = "" if found.casefold() in ours.comment_names else found
    author = author or _head_byline(ours.head, text, title)
    if not author:
        # A one-word name, when trafilatura's author and the page's own byline or author
        # field (outside the comments) agree on it.
        found = found_by_library()[2]
        author = found if found and found in ours.single_names else ""
    return HtmlResult(text, title, author, outlet[:200], published, ours.url, note=note)


def _found_by_library(markup: str) -> tuple[str, str, str]:
    """(author, date, one-word name) that trafilatura finds in the page's markup.

    The author is kept only if plausible; a one-word name is only a candidate, for the
    caller to trust when the page states it elsewhere too.
    """
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(markup, extensive=EXTENSIVE_DATES)
    except Exception:
        return "", "", ""
    if meta is None:
        return "", "", ""
    parts = [p.strip() for p in (meta.author or "").split(";") if p.strip()]
    names = [credited(p) for p in parts]
    # "Rob Picheta; CNN", "Grant Tinsley; PhD": the persons, when the rest is one word each.
    leftovers_short = all(len(p.split()) == 1 for p, n in zip(parts, names) if not n)
    author = ", ".join(n for n in names if n) if any(names) and leftovers_short else ""
    single = single_name(parts[0]) if len(parts) == 1 else ""
    return author[:200], normalise_date(meta.date or ""), single


EXTENSIVE_DATES = True


def _head_byline(head: str, text: str, title: str) -> str:
    """A byline the page shows on a line of its own between the headline and the article.

    Only the lines just before the article's first paragraph are read ("Posted on May 4,
    2020 by Jane Doe", "---- by Jane Doe"), and they must name one author; a news agency
    counts only on the line right after the headline ("JIJI").
    """
    first = next((p for p in text.split("\n") if len(p) >= 80), "")
    end = head.find(first[:60]) if first else -1
    if end <= 0:
        return ""
    lines = [line.strip() for line in head[:end].split("\n") if line.strip()][-12:]
    names = {name for name in map(byline_line, lines) if name}
    if len(names) == 1:
        return names.pop()
    if names or not title:
        return ""
    after_title = [lines[i + 1] for i in range(len(lines) - 1) if lines[i] == title]
    agencies = {agency_credit(line) for line in after_title}
    return agencies.pop() if len(agencies) == 1 else ""


def _flattened(found: str, ours: str) -> bool:
    """True when the library fell back to one run-on paragraph that our parser has in full.

    On short pages trafilatura flattens the text; ours then holds the same words with
    their paragraphs.
    """
    return "\n" not in found and "\n" in ours and len(ours.split()) <= 1.3 * len(found.split())


def _main_text(markup: str) -> str:
    import trafilatura  # loaded with the first web page
    from trafilatura.utils import load_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        tree = load_html(markup)
        if tree is None:
            return ""
        # Never text: what a browser would run or embed (trafilatura keeps some of it).
        for element in tree.xpath(_NOT_TEXT):
            element.drop_tree()
        text = trafilatura.extract(tree, include_comments=False, include_tables=True,
                                   include_images=False, include_links=False,
                                   with_metadata=False, deduplicate=False)
    except Exception:  # the fallback parser still gets its chance
        return ""
    if not text:
        return ""
    paragraphs = [p for p in text.split("\n") if not (len(p) < 300 and _PROMO.search(p))]
    return clean_text("\n\n".join(p.strip() for p in paragraphs if p.strip()))


def _articles(blocks: tuple[str, ...]) -> list[dict[str, Any]]:
    """The article objects of the page's JSON-LD blocks, in page order."""
    found = []
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for item in _items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                found.append(item)
    return found


def _structured(articles: list[dict[str, Any]]) -> tuple[str, str, str]:
    """(author, headline, publisher) of the first JSON-LD article that names an author or date."""
    for item in articles:
        author = _people(item.get("author"))
        headline = _text(item.get("headline")) or _text(item.get("name"))
        publisher = item.get("publisher")
        outlet = _text(publisher.get("name")) if isinstance(publisher, dict) else ""
        if author or normalise_date(_text(item.get("datePublished"))):
            return author, headline[:300], outlet
    return "", "", ""


def _items(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """The objects of a JSON-LD block, including those in lists and @graph."""
    if depth > 4:
        return []
    if isinstance(data, list):
        return [item for d in data[:50] for item in _items(d, depth + 1)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_items(graph, depth + 1) if graph else [])]
    return []


def _people(value: Any) -> str:
    """Names of the persons among JSON-LD authors; organisations are not bylines."""
    values = value if isinstance(value, list) else [value]
    names = []
    for v in values[:6]:
        if isinstance(v, dict):
            kind = v.get("@type")
            name = _text(v.get("name"))
            if isinstance(kind, str) and kind.lower() not in ("person", ""):
                # An organisation is a byline only when it is a news agency.
                if agency_credit(name) and name not in names:
                    names.append(name)
                continue
            v = name
        person = credited(_text(v))
        if person and person not in names:
            names.append(person)
    return ", ".join(names)[:200]


def _text(value: Any) -> str:
    if isinstance(value, list) and value:
        value = value[0]
    return " ".join(clean_text(value).split()) if isinstance(value, str) else ""


def _strip_site(title: str, outlet: str) -> str:
    """"Headline | World Wire" -> "Headline" when the part cut off names the outlet."""
    key = outlet.casefold().removeprefix("the ").strip()
    cuts = list(_TITLE_SEPARATORS.finditer(title))
    if not key or not cuts:
        return title
    last, first = cuts[-1], cuts[0]
    if key in title[last.end():].casefold() and last.start() > 0:
        return title[: last.start()].strip()
    if key in title[: first.start()].casefold() and first.end() < len(title):
        return title[first.end():].strip()
    return title
