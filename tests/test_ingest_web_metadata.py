"""Author and date of saved web pages: the page's own statements, weighed; none when unclear.

Each page is a real .html file read through the import path. The rules were developed on
half of the web-eval corpus (bench/bench_import.py prints both halves); these pages hold the
patterns, not the corpus's text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.ingest import read_document

BODY = ("<p>Officials in Seoul said on Monday that several thousand soldiers had reached the "
        "Kursk region, where they were expected to join other units within the week.</p>"
        "<p>Diplomats in Brussels called for an emergency session of the Security Council, and "
        "the foreign ministers of three countries said they would meet in Geneva.</p>"
        "<p>The report could not be confirmed independently. Analysts said the move would "
        "change the talks, and that sanctions were likely to follow in the spring.</p>")


def page(tmp_path: Path, head: str = "", header: str = "", after: str = "", ld: object = None) -> Path:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    path = tmp_path / "page.html"
    path.write_text(f"<!DOCTYPE html><html><head><title>Troops reach Kursk</title>{head}{script}</head>"
                    f"<body><article><h1>Troops reach Kursk</h1>{header}{BODY}</article>{after}"
                    "</body></html>", encoding="utf-8")
    return path


def article(**fields: object) -> dict[str, object]:
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Troops reach Kursk",
            **fields}


# -- dates ---------------------------------------------------------------------------------

def test_an_update_the_page_shows_leaves_the_date_to_the_reader(tmp_path: Path) -> None:
    ld = article(datePublished="2019-10-15T16:59:59Z", dateModified="2020-03-12T14:42:17Z")
    doc = read_document(page(tmp_path, header="<p>By Jane Doe · Updated Mar 12, 2020</p>", ld=ld))
    assert doc.published == ""
    assert "published on 2019-10-15" in doc.note and "updated on 2020-03-12" in doc.note


def test_a_later_modification_the_page_does_not_show_keeps_the_publication_date(tmp_path: Path) -> None:
    ld = article(datePublished="2020-09-28T10:56:00+08:00", dateModified="2020-10-19T06:10:00+08:00")
    doc = read_document(page(tmp_path, header="<p>By Jane Doe, September 28, 2020</p>", ld=ld))
    assert (doc.published, doc.note) == ("2020-09-28", "")


def test_a_page_that_shows_both_dates_is_dated_by_its_publication(tmp_path: Path) -> None:
    head = ('<meta property="article:published_time" content="2019-12-03T00:00:00+00:00">'
            '<meta property="article:modified_time" content="2019-12-06T00:00:00+00:00">')
    header = "<p>Published: 03 December 2019</p><p>Updated: 06 December 2019</p>"
    assert read_document(page(tmp_path, head, header)).published == "2019-12-03"


def test_a_utc_timestamp_past_midnight_takes_the_day_the_page_shows(tmp_path: Path) -> None:
    # 02:25 UTC on the 25th is the evening of the 24th in New York, which the page shows.
    ld = article(datePublished="2020-02-25T02:25:54Z")
    doc = read_document(page(tmp_path, header="<p>By Jane Doe</p><p>February 24, 2020 | 9:25pm</p>", ld=ld))
    assert doc.published == "2020-02-24"
    # Without the page's own word the data's day stands; a day further off is not a time zone.
    assert read_document(page(tmp_path, ld=ld)).published == "2020-02-25"
    doc = read_document(page(tmp_path, header="<p>February 21, 2020</p>", ld=ld))
    assert doc.published == "2020-02-25"


def test_the_same_moment_in_utc_and_local_time_is_dated_in_local_time(tmp_path: Path) -> None:
    blocks = [article(datePublished="2022-04-22T04:11:00+00:00"),
              article(datePublished="2022-04-21T22:11:00-06:00")]
    head = "".join(f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks)
    assert read_document(page(tmp_path, head)).published == "2022-04-21"


def test_article_data_that_disagree_give_no_date(tmp_path: Path) -> None:
    blocks = [article(datePublished="2021-09-19T14:00:49Z"),
              article(datePublished="2021-09-20T09:45:26-07:00")]
    head = "".join(f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks)
    doc = read_document(page(tmp_path, head))
    assert doc.published == ""
    assert doc.note == "No publication date was set: the page's data give 2021-09-19 and 2021-09-20."


def test_dates_of_comments_and_related_articles_do_not_date_the_page(tmp_path: Path) -> None:
    head = '<meta property="article:published_time" content="2016-02-08T11:04:00+00:00">'
    after = ('<ol class="comments"><li><time pubdate datetime="2017-02-23">February 23, 2017</time>'
             '</li></ol><aside><time datetime="2018-03-26">March 26, 2018</time></aside>')
    assert read_document(page(tmp_path, head, after=after)).published == "2016-02-08"


def test_the_unix_epoch_is_a_placeholder_not_a_date(tmp_path: Path) -> None:
    ld = article(datePublished="1970-01-01T01:00:00+01:00", dateModified="1970-01-01T01:00:00+01:00")
    assert read_document(page(tmp_path, ld=ld)).published == ""


# -- authors -------------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    '<div><span>By</span><span><a href="/team/alex-bozarjian">Alex Bozarjian</a></span></div>',
    '<div><span class="screen-reader-text">| By </span> <span>Cara Stiles</span> | <time>today</time></div>',
    '<address>By <a href="/author/tanderson/"> Tim Anderson </a></address>',
])
def test_a_lone_by_followed_by_the_name(tmp_path: Path, header: str) -> None:
    doc = read_document(page(tmp_path, header=header))
    assert doc.author in ("Alex Bozarjian", "Cara Stiles", "Tim Anderson")


def test_readers_names_in_comments_are_not_the_author(tmp_path: Path) -> None:
    # A "Recent comments" box, where trafilatura takes the commenter for the author.
    after = ('<div class="box"><h3>Recent Comments</h3><ul id="recentcomments">'
             '<li class="recentcomments"><span class="comment-author-link"><a href="https://spam.example" '
             'rel="external nofollow" class="url">flappy bird</a></span> on '
             '<a href="/2013/02/25/paradox/#comment-269384">The Substring Paradox</a></li></ul></div>')
    assert read_document(page(tmp_path, after=after)).author == ""


def test_authors_of_cited_works_are_not_the_pages(tmp_path: Path) -> None:
    head = ('<meta name="citation_author" content="Marwan H. Adwan">'
            '<meta name="citation_author" content="Lina K. Haddad">')
    after = ('<ol class="references"><li itemscope itemtype="https://schema.org/ScholarlyArticle">'
             '<meta itemprop="author" content="Neil Shear">Shear 1988</li></ol>')
    assert read_document(page(tmp_path, head, after=after)).author == "Marwan H. Adwan, Lina K. Haddad"


def test_a_declared_author_in_lower_case_is_still_a_name(tmp_path: Path) -> None:
    head = '<meta name="author" content="Mobasir hassan">'
    assert read_document(page(tmp_path, head)).author == "Mobasir hassan"


def test_a_one_word_name_needs_the_author_field_and_the_byline_to_agree(tmp_path: Path) -> None:
    head = '<meta name="author" content="Ela">'
    byline = '<span class="entry-author"><a href="/about/" rel="author">Ela</a></span>'
    assert read_document(page(tmp_path, head, byline)).author == "Ela"
    assert read_document(page(tmp_path, head)).author == ""
    assert read_document(page(tmp_path, '<meta name="author" content="Admin">', byline.replace("Ela", "Admin"))).author == ""


@pytest.mark.parametrize("declared", ["Recipe by Eat What Tonight", "Www Portalspozywczy Pl", "Staff Writer",
                                      "HLNF Staff Report"])
def test_boilerplate_in_the_author_field_is_not_a_name(tmp_path: Path, declared: str) -> None:
    assert read_document(page(tmp_path, f'<meta name="author" content="{declared}">')).author == ""


@pytest.mark.parametrize(("header", "author"), [
    ('<div><span>By</span> <a href="/team/jr-stone">J.R. Stone</a></div>', "J.R. Stone"),
    ('<p class="byline">By J.-P. Martin</p>', "J.-P. Martin"),
    # A handle after the name is left off; a handle alone is no name.
    ('<p class="byline">By Jane Doe (@janedoe)</p>', "Jane Doe"),
    ('<p class="byline">By Jane Doe | @jane_doe</p>', "Jane Doe"),
    ('<p class="byline">By @janedoe</p>', ""),
    # Dotted capitals of a country are no initials: "U.S. Army" is not a person.
    ('<div><span>By</span> <a href="/team/army">U.S. Army</a></div>', ""),
])
def test_initials_and_handles_in_a_byline(tmp_path: Path, header: str, author: str) -> None:
    assert read_document(page(tmp_path, header=header)).author == author


@pytest.mark.parametrize(("header", "author"), [
    ("<p>Posted on September 21, 2020 by Adi Tzlil</p>", "Adi Tzlil"),
    ("<p>---- by Kenneth Surin</p>", "Kenneth Surin"),
    ("<p>By Jane Doe on May 4, 2020</p>", "Jane Doe"),
    # Credits that are no byline, and two bylines that disagree, leave the author empty.
    ("<p>Photo by Jane Doe</p>", ""),
    ("<p>Edited by Jane Doe</p>", ""),
    ("<p>By Jane Doe and the team at Example</p>", ""),
    ("<p>By Order of the Court - Notice of Hearing</p>", ""),
    ("<p>By Jane Doe</p><p>Posted on May 4, 2020 by John Roe</p>", ""),
])
def test_a_byline_line_between_the_headline_and_the_article(tmp_path: Path, header: str, author: str) -> None:
    assert read_document(page(tmp_path, header=header)).author == author


def test_a_byline_line_after_the_article_is_not_its_author(tmp_path: Path) -> None:
    # "Read next" teasers below the article carry other articles' bylines.
    after = "<section><h2>Read next</h2><p>Posted on May 4, 2020 by John Roe</p></section>"
    assert read_document(page(tmp_path, after=after)).author == ""


@pytest.mark.parametrize(("description", "author"), [
    ("Posted by Nathan Parker, Eric Mill and Kiran C Nair - Safe Browsing team   Over the past years",
     "Nathan Parker, Eric Mill and Kiran C Nair"),
    ("   by Kenneth Surin   Deleuze and Guattari oppose micropolitics", "Kenneth Surin"),
    # Where the names end is unclear, or the text only starts with "By": no author.
    ("By Jane Doe Officials in Seoul said on Monday", ""),
    ("By the end of the year - troops had moved", ""),
])
def test_a_description_that_starts_with_the_byline(tmp_path: Path, description: str, author: str) -> None:
    head = f'<meta name="description" content="{description}">'
    assert read_document(page(tmp_path, head)).author == author


@pytest.mark.parametrize(("head", "header", "after", "author"), [
    # A wire story: the agency credited right under the headline, in a byline, in the data.
    ("", '<p class="credit">JIJI</p>', "", "JIJI"),
    ("", '<p class="byline">By Reuters Staff</p>', "", "Reuters Staff"),
    ('<meta name="author" content="AFP">', "", "", "AFP"),
    # A photo credit further down is not the story's author; a staff credit names nobody.
    ("", "<p>March 3, 2020</p><figure><img src='x.jpg'><figcaption>AFP</figcaption></figure>", "", ""),
    ("", "", "<figure><img src='x.jpg'><figcaption>AFP</figcaption></figure>", ""),
    ("", '<p class="byline">By Staff Writer</p>', "", ""),
])
def test_a_news_agency_credited_for_the_story(tmp_path: Path, head: str, header: str, after: str,
                                               author: str) -> None:
    assert read_document(page(tmp_path, head, header, after)).author == author


def test_an_agency_among_the_authors_in_the_data(tmp_path: Path) -> None:
    ld = article(author=[{"@type": "Organization", "name": "AFP"},
                         {"@type": "Organization", "name": "World Wire"}])
    assert read_document(page(tmp_path, ld=ld)).author == "AFP"


def test_a_one_word_byline_needs_a_second_witness(tmp_path: Path) -> None:
    # The byline says "Kay"; trafilatura reads the same name from the page's author link.
    byline = ('<p class="entry-meta"><time>12/04/2020</time> by <span class="entry-author">'
              '<a href="/author/kay/" rel="author"><span class="entry-author-name">Kay</span></a></span></p>')
    assert read_document(page(tmp_path, header=byline)).author == "Kay"
    # A lone word in a byline that nothing else on the page backs stays a guess.
    alone = '<p class="entry-meta">Posted by <b>Kay</b></p>'
    assert read_document(page(tmp_path, header=alone)).author == ""
