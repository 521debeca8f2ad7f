"""Saved web pages: main text only, metadata from the markup, nothing fetched or run."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.ingest.html import extract_html
from workbench.ingest import IngestError, read_document

_EVENTS: list[tuple[str, tuple]] = []
_RECORDING = False


def _audit(event: str, args: tuple) -> None:
    if _RECORDING and event in ("open", "socket.connect", "socket.getaddrinfo", "urllib.Request",
                                "subprocess.Popen", "os.system", "exec"):
        _EVENTS.append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed; it only records while enabled


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    """A local server that would see any attempt to fetch from it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def read_recorded(path: Path):
    """read_document(path), recording every file opened and connection tried meanwhile."""
    global _RECORDING
    read_document(path)  # first read loads the extraction libraries (opens their modules)
    _EVENTS.clear()
    _RECORDING = True
    try:
        return read_document(path)
    finally:
        _RECORDING = False


HOSTILE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Troops in Kursk | Example Times</title>
<meta property="og:title" content="North Korean Troops Reach Kursk">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-11-04T09:30:00+00:00">
<meta property="og:url" content="javascript:alert(2)">
<link rel="canonical" href="https://example.org/news/kursk">
<link rel=stylesheet href="file:///etc/passwd">
<style>body { background: url(http://127.0.0.1:{port}/bg.png) } .secret {}</style>
<script>alert(1); document.write("SCRIPTTEXT")</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World NAVTEXT</a></nav>
<header class="site">SITEHEADER subscribe</header>
<form><input value="x"><button>SEARCHBUTTON</button></form>
<article>
  <header><h1>North Korean Troops Reach Kursk</h1>
  <p class="byline">By Jane Doe</p></header>
  <p>Officials in Seoul said &amp; confirmed the move.
     The U.S. described it as an escalation.</p>
  <img src="http://127.0.0.1:{port}/x" alt="IMGALT">
  <iframe src="http://127.0.0.1:{port}/frame">IFRAMETEXT</iframe>
  <noscript>NOSCRIPTTEXT</noscript>
  <svg><text>SVGTEXT</text></svg>
  <p>Second paragraph: a &lt; b and M8 &lt;b&gt;bolt.</p>
  <ul><li>First point</li><li>Second point</li></ul>
  <footer>Share this article SHAREFOOTER</footer>
</article>
<aside>Related stories ASIDETEXT</aside>
<footer>Copyright PAGEFOOTER</footer>
<script src="http://127.0.0.1:{port}/app.js"></script>
</body></html>
"""


def test_hostile_page_gives_main_text_only(tmp_path: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    path = tmp_path / "kursk.html"
    path.write_text(HOSTILE.replace("{port}", str(port)), encoding="utf-8")
    doc = read_recorded(path)

    assert doc.format == "html"
    assert doc.text.startswith("North Korean Troops Reach Kursk\n\nBy Jane Doe\n\n")
    assert "Officials in Seoul said & confirmed the move. The U.S. described it" in doc.text
    assert "a < b and M8 <b>bolt." in doc.text
    assert "First point\n\nSecond point" in doc.text
    for chrome in ("SCRIPTTEXT", "alert", "background", "NAVTEXT", "SITEHEADER", "SEARCHBUTTON",
                   "IMGALT", "IFRAMETEXT", "NOSCRIPTTEXT", "SVGTEXT", "SHAREFOOTER", "ASIDETEXT",
                   "PAGEFOOTER", "127.0.0.1", "passwd", "file:", "root:"):
        assert chrome not in doc.text, chrome
    assert doc.title == "North Korean Troops Reach Kursk"
    assert doc.outlet == "Example Times"
    assert doc.author == "Jane Doe"
    assert doc.published == "2024-11-04"
    assert doc.url == "https://example.org/news/kursk"

    # Nothing was fetched: no connection reached the server, none was even tried,
    # and the only file opened was the page itself.
    with pytest.raises(BlockingIOError):
        listener.accept()
    assert not [e for e in _EVENTS if e[0] != "open"]
    # (an int is os.fdopen of the descriptor already opened on the page)
    opened = {str(args[0]) for event, args in _EVENTS
              if event == "open" and not isinstance(args[0], int)}
    assert opened <= {str(path)}, opened


def test_page_without_article_uses_body_and_fallback_metadata(tmp_path: Path) -> None:
    path = tmp_path / "plain.htm"
    path.write_text(
        "<html><head><title>Plain Page</title>"
        "<meta property='og:url' content='http://example.com/p'></head>"
        "<body><div>One para.</div><div>Two<br>lines</div>"
        "<time datetime='2024-10-25'>25 Oct</time>"
        "<pre>keep   spacing</pre></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.title == "Plain Page"
    assert doc.url == "http://example.com/p"
    assert doc.published == "2024-10-25"
    assert doc.text == "One para.\n\nTwo\n\nlines\n\n25 Oct\n\nkeep spacing"
    # The fallback parser keeps line breaks and preformatted spacing as written.
    fallback = extract_html(path.read_text(encoding="utf-8"))
    assert fallback.text == "One para.\n\nTwo\nlines\n\n25 Oct\n\nkeep   spacing"


def test_title_from_first_h1_and_only_web_urls(tmp_path: Path) -> None:
    path = tmp_path / "h1.html"
    path.write_text(
        "<link rel=canonical href='file:///etc/passwd'><h1>Heading <em>one</em></h1><p>Body.</p>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.title == "Heading one"
    assert doc.url == ""


def test_unclosed_nav_does_not_swallow_the_page(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<body><nav><a>Home</a><p>The real story is here.</p></body>", encoding="utf-8")
    assert "The real story is here." in read_document(path).text


def test_unclosed_title_does_not_swallow_the_page(tmp_path: Path) -> None:
    path = tmp_path / "untitled.html"
    path.write_text("<html><head><title>Name<body><p>Visible text.</p></body>", encoding="utf-8")
    doc = read_document(path)
    assert (doc.title, doc.text) == ("Name", "Visible text.")


def test_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes('<meta charset="windows-1252"><p>“Café” résumé</p>'.encode("cp1252"))
    assert read_document(path).text == "“Café” résumé"


def test_page_with_only_scripts_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><script>var a = 1;</script><style>p{}</style></html>", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert str(caught.value) == "empty.html has no text to import"
