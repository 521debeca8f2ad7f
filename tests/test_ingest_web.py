"""Web pages: the article without its chrome, metadata from JSON-LD and tags, odd charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.ingest import read_document
from workbench.ingest.metadata import clean_person

PARAGRAPHS = [f"Officials in {city} said on Monday that several thousand North Korean soldiers had "
              f"reached the Kursk region, where they were expected to join Russian units. {extra}"
              for city, extra in (("Seoul", "The report could not be confirmed."),
                                  ("Kyiv", "Ukrainian units reported first contact."),
                                  ("Washington", "The Pentagon gave no numbers."),
                                  ("Tokyo", "Japan called the move a grave threat."))]

NEWS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Troops reach Kursk, Seoul says | World Wire</title>
<meta property="og:site_name" content="World Wire">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "World Wire"},
  {"@type": "NewsArticle", "headline": "Troops reach Kursk, Seoul says",
   "datePublished": "2024-11-04T09:30:00+00:00", "dateModified": "2024-11-06T10:00:00+00:00",
   "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "World Wire"}],
   "publisher": {"@type": "Organization", "name": "World Wire"}}]}
</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>MENUITEM Politics</li></ul></nav>
<div class="layout"><main><article>
<h1>Troops reach Kursk, Seoul says</h1>
<p class="byline">Von Jane Doe</p>
<p>{p0}</p><p>{p1}</p><p>{p2}</p>
<p>Diplomats in Brussels called for an emergency session of the Security Council. {p3}</p>
<p>Subscribe to our newsletter for the latest updates.</p>
</article>
<aside><h3>Related articles</h3><ul><li><a href="/a">RELATEDLINK one story</a></li>
<li><a href="/b">RELATEDLINK another story</a></li></ul></aside>
</main></div>
<footer><p>FOOTERTEXT Copyright 2024 World Wire. All rights reserved.</p></footer>
</body></html>"""
for number, paragraph in enumerate(PARAGRAPHS):
    NEWS_PAGE = NEWS_PAGE.replace(f"{{p{number}}}", paragraph)


def test_news_page_main_text_without_chrome(tmp_path: Path) -> None:
    path = tmp_path / "kursk.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    doc = read_document(path)
    assert "emergency session of the Security Council" in doc.text
    assert doc.text.count("reached the Kursk region") == 4
    for chrome in ("MENUITEM", "RELATEDLINK", "FOOTERTEXT", "Subscribe to our newsletter"):
        assert chrome not in doc.text
    # JSON-LD: the person among the authors, the publication (not modification) date;
    # the outlet's name is taken off the title.
    assert (doc.author, doc.published) == ("Jane Doe", "2024-11-04")
    assert (doc.title, doc.outlet) == ("Troops reach Kursk, Seoul says", "World Wire")


@pytest.mark.parametrize("byline, name", [
    ("By Jane Doe", "Jane Doe"), ("Von Jane Doe", "Jane Doe"), ("Par Jean Dupont", "Jean Dupont"),
    ("Publié par Jean Dupont", "Jean Dupont"), ("Author: Jane Doe", "Jane Doe"),
    ("Posted by T. V. Raman", "T. V. Raman"), ("Por María López", "María López"),
    ("No Author", ""), ("Staff Reporter", ""), ("Von Braun", "Von Braun"),
])
def test_byline_prefixes_in_other_languages(byline: str, name: str) -> None:
    assert clean_person(byline) == name


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "idna",
                                   "undefined", "utf-16"])
def test_meta_charset_naming_a_non_text_codec_falls_back_to_detection(tmp_path: Path, codec: str) -> None:
    path = tmp_path / f"{codec}.html"
    page = (f'<html><head><meta charset="{codec}"><title>Caf\xe9 talks</title></head>'
            "<body><p>Ministers met at the caf\xe9 in Z\xfcrich to discuss the sanctions.</p></body></html>")
    path.write_bytes(page.encode("cp1252"))
    doc = read_document(path)
    assert doc.title == "Café talks"
    assert "café in Zürich" in doc.text
