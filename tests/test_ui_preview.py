"""The Markdown preview and other rich text: nothing loaded, no link followed, never frozen."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QMessageBox

from test_ui_support import make_window, select_cell  # noqa: F401  (fixtures)
from workbench.store import cells
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


def test_preview_loads_no_resource(qtbot):
    preview = MarkdownPreview()
    qtbot.addWidget(preview)
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
    for target in ("file:///etc/passwd", "javascript:alert(1)", "relative/page.html"):
        browser.anchorClicked.emit(QUrl(target))
    assert opened == [] and asked == []
    browser.anchorClicked.emit(QUrl("https://example.org/a"))
    assert len(asked) == 1 and "https://example.org/a" in asked[0]
    assert opened == ["https://example.org/a"]
    assert browser.source().isEmpty()  # the view itself never navigated


def _longest_stall_while(qtbot, start, done, timeout_ms: int = 10_000) -> float:
    """Run start(), tick a 5 ms timer until done(), return the longest gap between ticks (s)."""
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    ticks.append(time.perf_counter())
    start()
    qtbot.waitUntil(done, timeout=timeout_ms)
    qtbot.wait(50)
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in zip(ticks, ticks[1:]))


def test_pathological_options_do_not_block_the_window(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    select_cell(window, "China", "Sanctions")
    editor = window.cell_editor
    cell_id = editor.cell.id
    text = "[" * 50_000
    editor.options_tabs.setCurrentWidget(editor.preview)
    before = editor.preview.fallbacks

    def start() -> None:
        editor.options.setPlainText(text)  # as if pasted
        editor.flush()

    stall = _longest_stall_while(qtbot, start, lambda: editor.preview.fallbacks > before)
    assert cells.by_id(window.session.project, cell_id).options == text
    assert editor.preview.toPlainText().count("[") == 50_000  # shown as plain text
    assert stall < 1.0  # Python-Markdown alone would take minutes on this text
    # The matrix still paints the cell (its summary is elided, not laid out in full).
    window.matrix.viewport().repaint()


def test_a_slow_render_falls_back_to_plain_text(qtbot, monkeypatch):
    def slow(text: str) -> str:
        time.sleep(2.0)
        return "<p>late</p>"

    monkeypatch.setattr(markdown_html, "render", slow)
    monkeypatch.setattr(markdown_preview, "DEADLINE_MS", 200)
    preview = MarkdownPreview()
    qtbot.addWidget(preview)
    stall = _longest_stall_while(qtbot, lambda: preview.set_markdown("**slow** text"),
                                 lambda: preview.fallbacks == 1, timeout_ms=3000)
    assert "**slow** text" in preview.toPlainText()
    assert stall < 0.5
    qtbot.wait(2200)  # the late result is dropped, not shown over the fallback
    assert "late" not in preview.toPlainText()
