"""Main text and metadata of a saved web page, with the standard library's parser.

Nothing is fetched or executed: the parser only sees tags and text. Scripts, styles and
page chrome (navigation, headers, footers, forms) are dropped; an <article> or <main>
element, when present, is preferred over the rest of the page. URLs are kept only as
text, and only http(s) ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from workbench.ingest.metadata import (clean_person, credited, description_byline, normalise_date,
                                      single_name)
from workbench.ingest.text import clean_text

# Never part of the text: code, styling, embedded documents.
_CODE = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object",
         "embed", "canvas", "select", "textarea"}
# Page furniture. A <header> inside <article>/<main> is kept: it holds the headline.
_CHROME = {"nav", "aside", "form", "button", "footer", "dialog", "header"}
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
           "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr",
           "figure", "figcaption", "address", "hr", "details", "summary", "caption",
           "header", "footer", "body", "center"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "param", "source", "track", "wbr"}
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author",
                "dcterms.creator")
_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "date",
              "dc.date", "dc.date.issued", "pubdate", "publishdate", "parsely-pub-date",
              "sailthru.date", "og:pubdate", "pub_date", "dcterms.issued", "dcterms.created",
              "itemprop:datepublished", "citation_publication_date", "citation_date")
_DESCRIPTION_KEYS = ("description", "og:description")
# When the page says it was changed: a later day than the publication makes "the" date unclear.
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                  "dcterms.modified", "last-modified", "itemprop:datemodified")
_BYLINE_CLASS = re.compile(r"\b(?:byline|author|writer)\b", re.I)
_COMMENT_CLASS = re.compile(r"comment|reply|respon", re.I)  # readers' names, not the author's
# A text node that is only "By" (or "| By", "Written by:"): the next text is the byline.
_BY_ALONE = re.compile(r"^[|·•\-–—\s]*(?:written\s+|posted\s+|words\s+)?by\s*:?\s*$", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.I)


@dataclass(frozen=True)
class HtmlResult:
    """Main text of a page and what its markup says about it ("" where nothing)."""

    text: str
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""
    json_ld: tuple[str, ...] = ()  # structured data blocks, unparsed
    # (kind, value) of every date the markup states: kind "published" or "modified" (from
    # <meta> and <time pubdate/itemprop>) or "time" (any other <time datetime>), in page order.
    dates: tuple[tuple[str, str], ...] = ()
    note: str = ""  # e.g. why no date was chosen
    head: str = ""  # the start of the page's visible text, where bylines and dates are shown
    comment_names: frozenset[str] = frozenset()  # names seen in readers' comments, casefolded
    # One-word names of the author field and of the byline ("" where none), for agreement.
    single_names: tuple[str, str] = ("", "")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its top, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def extract_html(markup: str) -> HtmlResult:
    """Extract the readable main text and metadata from an HTML document."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    text = parser.main_text()
    if not text and parser.dropped_chrome:
        # Badly nested chrome (an unclosed <nav>) can swallow the whole page: retry
        # keeping chrome, still without scripts and styles.
        parser = _PageParser(keep_chrome=True)
        parser.feed(markup)
        parser.close()
        text = parser.main_text()
    meta = parser.meta
    title = meta.get("og:title") or parser.captured.get("title") or parser.captured.get("h1", "")
    author = next((a for a in (credited(meta[k], lenient=True) for k in _AUTHOR_KEYS
                               if meta.get(k)) if a), "")
    # Scholarly pages name each author in its own citation_author tag.
    author = author or ", ".join(a for a in map(clean_person, parser.citation_authors[:6]) if a)
    author = author or credited(parser.captured.get("byline", ""))
    author = author or credited(parser.captured.get("after_by", ""))
    # Blog engines start the description with the post's byline.
    author = author or next((a for a in (description_byline(meta[k]) for k in _DESCRIPTION_KEYS
                                         if meta.get(k)) if a), "")
    # One-word names, each as one place states it: too weak alone, trusted when two agree.
    declared = single_name(next((meta[k] for k in _AUTHOR_KEYS if meta.get(k)), ""))
    shown = single_name(parser.captured.get("byline", "") or parser.captured.get("after_by", ""))
    if not author:
        author = declared if declared and declared == shown else ""
    dates = [meta[k] for k in _DATE_KEYS if meta.get(k)] + parser.times
    published = next((iso for iso in map(normalise_date, dates) if iso), "")
    url = next((u for u in (parser.canonical, meta.get("og:url", "")) if _is_web_url(u)), "")
    stated = [("published", meta[k]) for k in _DATE_KEYS if meta.get(k)]
    stated += [("modified", meta[k]) for k in _MODIFIED_KEYS if meta.get(k)]
    return HtmlResult(text, _field(title, 300), _field(author, 200),
                      _field(meta.get("og:site_name", ""), 200), published, url.strip(),
                      tuple(parser.json_ld), tuple(stated + parser.time_tags),
                      head=parser.page_head(), comment_names=frozenset(parser.comment_names),
                      single_names=(declared, shown))


def _field(value: str, limit: int) -> str:
    value = " ".join(clean_text(value).split())
    return value[:limit]


def _is_web_url(url: str) -> bool:
    url = url.strip()
    if not url or len(url) > 2048 or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class _PageParser(HTMLParser):
    """Collects text in two streams (whole page, article/main) plus metadata."""

    def __init__(self, keep_chrome: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_chrome = keep_chrome
        self.dropped_chrome = False
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.times: list[str] = []
        self.time_tags: list[tuple[str, str]] = []  # (kind, datetime), see HtmlResult.dates
        self.citation_authors: list[str] = []
        self.comment_names: set[str] = set()  # short texts inside readers' comments, casefolded
        self._comment: list = []  # [tag, depth] while inside a comment element
        self._by_seen = False  # the last text was a lone "By"
        self.captured: dict[str, str] = {}
        self._captures: dict[str, list] = {}  # key -> [tag, depth, parts]
        self._title: list[str] | None = None
        self.json_ld: list[str] = []  # <script type="application/ld+json"> bodies, as text
        self._ld: list[str] | None = None
        self._drop_depth = 0
        self._drop_tag: str | None = None
        self._open: dict[str, int] = {"article": 0, "main": 0, "pre": 0}
        self._streams: dict[str, list[str]] = {"page": [], "article": [], "main": []}

    # -- tags -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "")
        if tag in _VOID:
            if tag == "br" and not self._drop_depth:
                self._emit("\n")
            return
        if self._drop_depth:
            self._drop_depth += tag == self._drop_tag
            return
        if self._title is not None and (tag in _BLOCKS or tag == "body"):
            # an unclosed <title> must not swallow the page
            self.handle_endtag("title")
        if tag == "title":
            self._title = [] if self._title is None and "title" not in self.captured else self._title
            return
        if tag == "script" and "ld+json" in values.get("type", "").lower():
            self._ld = []  # read as data, never run
        if tag in _CODE or self._is_chrome(tag):
            self.dropped_chrome |= tag in _CHROME
            self._drop_tag, self._drop_depth = tag, 1
            return
        if tag == "time" and values.get("datetime"):
            self.times.append(values["datetime"])
            prop = values.get("itemprop", "").lower()
            kind = ("published" if "pubdate" in values or prop == "datepublished" else
                    "modified" if prop == "datemodified" else "time")
            if len(self.time_tags) < 50:
                self.time_tags.append((kind, values["datetime"][:100]))
        if tag in self._open:
            self._open[tag] += 1
        if tag == "h1":
            self._start_capture("h1", tag)
        comment_class = _COMMENT_CLASS.search(values.get("class", "")) is not None
        if self._comment:
            self._comment[1] += tag == self._comment[0]
        elif comment_class:
            self._comment = [tag, 1]
        byline_class = _BYLINE_CLASS.search(values.get("class", "")) and not comment_class
        if byline_class or values.get("rel") == "author":
            self._start_capture("byline", tag)
        for capture in self._captures.values():
            capture[1] += capture[0] == tag
        if tag in _BLOCKS:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self._finish_capture("title", self._title)
            self._title = None
            return
        if tag == "script" and self._ld is not None:
            if len(self.json_ld) < 20:
                self.json_ld.append("".join(self._ld)[:200_000])
            self._ld = None
        if self._drop_depth:
            self._drop_depth -= tag == self._drop_tag
            return
        if tag in self._open and self._open[tag]:
            self._open[tag] -= 1
        if self._comment and tag == self._comment[0]:
            self._comment[1] -= 1
            if self._comment[1] <= 0:
                self._comment = []
        for key, capture in list(self._captures.items()):
            if capture[0] == tag:
                capture[1] -= 1
                if capture[1] <= 0:
                    self._finish_capture(key)
        if tag in _BLOCKS:
            self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)
        if self._drop_depth:
            return
        if self._title is not None:
            self._title.append(data)  # the page's name, not part of its text
            return
        if not self._open["pre"]:
            data = re.sub(r"\s+", " ", data)
        for capture in self._captures.values():
            capture[2].append(data)
        if self._comment and len(data) <= 80 and len(self.comment_names) < 500:
            self.comment_names.add(" ".join(data.split()).casefold())
        if data.strip():
            if self._by_seen and "after_by" not in self.captured:
                self._finish_capture("after_by", [data])
            self._by_seen = _BY_ALONE.match(data) is not None
        self._emit(data)

    # -- helpers ----------------------------------------------------------
    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or "").lower()
        if not key and values.get("itemprop"):
            # Microdata may describe anything on the page (a cited paper, a comment): kept apart.
            key = "itemprop:" + values["itemprop"].lower()
        content = values.get("content", "")
        if key == "citation_author" and content and len(self.citation_authors) < 50:
            self.citation_authors.append(content[:200])
        if key and content and key not in self.meta:
            self.meta[key] = content[:4096]

    def _is_chrome(self, tag: str) -> bool:
        if tag not in _CHROME or self.keep_chrome:
            return False
        return tag != "header" or not (self._open["article"] or self._open["main"])

    def _start_capture(self, key: str, tag: str) -> None:
        if key not in self._captures and key not in self.captured:
            self._captures[key] = [tag, 0, []]

    def _finish_capture(self, key: str, parts: list[str] | None = None) -> None:
        if parts is None:
            parts = self._captures.pop(key)[2]
        text = " ".join("".join(parts).split())
        if text and len(text) <= 300:
            self.captured[key] = text

    def _emit(self, piece: str) -> None:
        self._streams["page"].append(piece)
        for name in ("article", "main"):
            if self._open[name]:
                self._streams[name].append(piece)

    def page_head(self, limit: int = 12_000) -> str:
        """The first characters of the whole page's text (menus and sidebars left out)."""
        head = "".join(self._streams["page"])[: 4 * limit]
        return _tidy(head)[:limit]

    def main_text(self) -> str:
        """The article's text if it carries the page, else <main>'s, else the page's."""
        page = _tidy("".join(self._streams["page"]))
        for name in ("article", "main"):
            text = _tidy("".join(self._streams[name]))
            # A small <article> teaser in a sidebar should not replace the page.
            if text and len(text) >= 0.2 * len(page):
                return text
        return page


def _tidy(text: str) -> str:
    text = clean_text(text)
    lines = [line.strip(" \t") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
