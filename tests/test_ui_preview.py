"""The Markdown preview and other rich text: nothing loaded, no link followed, never frozen."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMessageBox

from test_ui_support import make_window, select_cell, settle  # noqa: F401  (fixtures)
from workbench.store import cells
from workbench.store.project import Project
from workbench.ui import markdown_html, markdown_preview
from workbench.ui.markdown_preview import MarkdownPreview, SafeBrowser

HOSTILE = (
    "# Options\n\n![](file:///etc/hostname) and ![x](http://127.0.0.1:9/x.png)\n\n"
    '<img src="/etc/hostname"> <img src="file:///etc/hostname">\n\n'
    "[local](file:///etc/passwd) [js](javascript:alert(1)) [web](https://example.org)\n\n"
    '<div style="background-image:url(file:///etc/hostname)">x</div> a < b, S&P, &#0;'
)


def _render(qtbot, preview: MarkdownPreview, text: str) -> None:
    with qtbot.waitSignal(preview.rendered, timeout=5000):
        preview.set_markdown(text)


def test_markdown_html_escapes_raw_html_and_drops_images():
    html = markdown_html.render(HOSTILE)
    assert "<img" not in html and "<div" not in html
    assert "src=\"" not in html.replace("&lt;img src=\"", "")  # only as visible text
    assert 'href="file:' not in html and 'href="javascript:' not in html
    assert 'href="https://example.org"' in html
    assert "&lt;img" in html and "S&amp;P" in html and "&amp;#0;" in html


def _preview(qtbot, session) -> MarkdownPreview:
    """A preview rendering on the session's I/O service, as the cell editor's does."""
    preview = MarkdownPreview()
    qtbot.addWidget(preview)
    preview.set_io(session.io)
    return preview


def test_preview_loads_no_resource(qtbot, session):
    preview = _preview(qtbot, session)
    _render(qtbot, preview, HOSTILE)
    assert preview.resource_requests == []
    doc_html = preview.toHtml()
    assert "<img" not in doc_html
    text = preview.toPlainText()
    assert "<img src=\"/etc/hostname\">" in text  # shown as typed
    assert "local" in text and "web" in text


def test_safe_browser_refuses_images_even_in_given_html(qtbot, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    url = QUrl.fromLocalFile(str(secret)).toString()
    browser.setHtml(f'<p>x</p><img src="{url}"><img src="{secret}">')
    browser.show()
    qtbot.waitExposed(browser)
    assert browser.resource_requests  # Qt asked ...
    for requested in browser.resource_requests:  # ... and got nothing back
        data = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(requested))
        assert not data  # an empty answer: the file was not read


def test_links_are_followed_only_for_web_addresses_and_only_after_asking(qtbot, monkeypatch):
    opened: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Open

    monkeypatch.setattr(QMessageBox, "question", question)
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.resize(500, 300)
    links = {"passwd": "file:///etc/passwd", "script": "javascript:alert(1)", "page": "relative/page.html",
             "website": "https://example.org/a"}
    browser.setHtml("".join(f'<p><a href="{url}">{word}</a></p>' for word, url in links.items()))
    browser.show()
    qtbot.waitExposed(browser)
    for word in ("passwd", "script", "page"):
        _click_text(qtbot, browser, word)
    assert opened == [] and asked == []
    _click_text(qtbot, browser, "website")
    assert len(asked) == 1 and "https://example.org/a" in asked[0]
    assert opened == ["https://example.org/a"]
    assert browser.source().isEmpty()  # the view itself never navigated


def _click_text(qtbot, browser: SafeBrowser, word: str) -> None:
    """Click the middle of *word* where the browser shows it, as a person clicks a link."""
    found = browser.document().find(word)
    assert not found.isNull(), word
    middle = QTextCursor(browser.document())
    middle.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    where = browser.cursorRect(middle).center()
    qtbot.mouseMove(browser.viewport(), where)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_pathological_options_do_not_block_the_window(make_window, sample_path, qtbot, monkeypatch):
    window = make_window(sample_path)
    select_cell(window, "China", "Sanctions")
    editor = window.cell_editor
    cell_id = editor.cell.id
    text = "[" * 50_000
    editor.options_tabs.setCurrentWidget(editor.preview)
    before = editor.preview.fallbacks
    parsed: list[int] = []
    real = markdown_html.render
    monkeypatch.setattr(markdown_html, "render", lambda t: parsed.append(len(t)) or real(t))
    editor.options.setPlainText(text)  # as if pasted
    editor.flush()
    qtbot.waitUntil(lambda: editor.preview.fallbacks > before, timeout=10_000)
    assert cells.by_id(window.session.project, cell_id).options == text
    assert editor.preview.toPlainText().count("[") == 50_000  # shown as plain text
    settle(qtbot, window)
    # Refused before the parser saw it: Python-Markdown alone would take minutes on this text.
    assert len(text) not in parsed
    # The matrix still paints the cell (its summary is elided, not laid out in full).
    window.matrix.viewport().repaint()


def _held_render(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """Make rendering wait until released: (release, finished)."""
    release, finished = threading.Event(), threading.Event()
    real = markdown_html.render

    def held(text: str) -> str:
        release.wait(30)
        finished.set()
        return real(text)

    monkeypatch.setattr(markdown_html, "render", held)
    return release, finished


def test_a_slow_render_falls_back_to_plain_text(qtbot, session, monkeypatch):
    release, finished = _held_render(monkeypatch)
    monkeypatch.setattr(markdown_preview, "DEADLINE_MS", 200)
    preview = _preview(qtbot, session)
    try:
        preview.set_markdown("**slow** text")
        qtbot.waitUntil(lambda: preview.fallbacks == 1, timeout=10_000)
        assert not finished.is_set()  # the window went on while the parser was still busy
        assert "**slow** text" in preview.toPlainText()
    finally:
        release.set()
    qtbot.waitUntil(lambda: session.io.idle(), timeout=10_000)
    assert "**slow** text" in preview.toPlainText()  # the late result is dropped, not shown over it


def test_a_newer_text_replaces_a_render_still_running(qtbot, session, monkeypatch):
    release, _finished = _held_render(monkeypatch)
    preview = _preview(qtbot, session)
    shown: list[str] = []
    preview.rendered.connect(lambda: shown.append(preview.toPlainText()))
    try:
        preview.set_markdown("**first** draft")
        preview.set_markdown("**second** draft")  # typed on while the first still renders
    finally:
        release.set()
    qtbot.waitUntil(lambda: "second" in preview.toPlainText(), timeout=10_000)
    qtbot.waitUntil(lambda: session.io.idle(), timeout=10_000)
    assert [t.strip() for t in shown] == ["second draft"]  # the older render was never shown, not even for a moment


def test_a_render_still_running_does_not_hold_up_closing(make_window, sample_path, qtbot, monkeypatch):
    window = make_window(sample_path)
    select_cell(window, "China", "Sanctions")
    editor = window.cell_editor
    release, finished = _held_render(monkeypatch)
    try:
        editor.options.setFocus()
        qtbot.keyClicks(editor.options, " **Beijing** waits.")
        editor.options_tabs.setCurrentWidget(editor.preview)  # the render starts, and is held
        qtbot.waitUntil(lambda: any(t.name == "project-compute" for t in threading.enumerate()), timeout=5000)
        window.close()
        assert not finished.is_set()  # closed while the render still ran: it was not waited for
        computing = [t for t in threading.enumerate() if t.name == "project-compute"]
        assert computing and all(t.daemon for t in computing)  # nor does the interpreter wait on quitting
        # The typed text was saved before the file was let go.
        with Project.open(sample_path, read_only=True) as project:
            assert any("**Beijing** waits." in c.options for c in cells.all_cells(project))
    finally:
        release.set()
    # The abandoned render ends on its own and posts nothing to the closed window.
    qtbot.waitUntil(lambda: not any(t.name == "project-compute" for t in threading.enumerate()), timeout=10_000)
    qtbot.wait(50)
