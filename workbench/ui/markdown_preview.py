"""The options preview: Markdown rendered off the UI thread into a browser that loads nothing.

Qt's rich-text views fetch `<img>` sources (file: URLs included) and follow links by default.
SafeBrowser returns nothing for every resource and opens only http(s) links, after asking.
Rendering runs as a computation of the project's I/O service (project_io.py), with a deadline:
a text that keeps the parser busy falls back to plain text instead of freezing the window, a
newer text replaces an older one still rendering, and closing never waits for a render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QTextOption
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from workbench.ui.plain_text import plain

if TYPE_CHECKING:
    from workbench.ui.project_io import ProjectIO

DEADLINE_MS = 1500


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads a resource and asks before opening a web link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # A line with no spaces (50,000 '[') takes Qt ages to wrap at word boundaries only.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.anchorClicked.connect(self._on_anchor)
        self.resource_requests: list[str] = []  # what was asked for (and refused), for tests

    def loadResource(self, kind: int, url: QUrl | str):  # noqa: N802 (Qt's name)
        # Images, style sheets, anything: refuse. The answer must be an empty value, not
        # None: on a null answer QTextDocument goes and reads local files by itself.
        self.resource_requests.append(url.toString() if isinstance(url, QUrl) else str(url))
        return QByteArray()

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme().lower() not in ("http", "https"):
            return  # file:, javascript:, relative links: never followed
        answer = QMessageBox.question(
            self, "Open link",
            plain(f"Open this address in your web browser?\n\n{url.toString()}"),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(url)


class MarkdownPreview(SafeBrowser):
    """Shows Markdown safely; `set_markdown` returns at once and the HTML arrives later.

    Renders through the I/O service given to `set_io`; without one (no project open) the text
    is shown as typed.
    """

    rendered = Signal()  # the preview now shows the latest text (for tests and callers)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._io: ProjectIO | None = None
        self._generation = 0
        self._text = ""
        self._deadline = QTimer(self, singleShot=True, interval=DEADLINE_MS)
        self._deadline.timeout.connect(self._too_slow)
        self.fallbacks = 0  # how often plain text was shown instead (for tests)

    def set_io(self, io: ProjectIO | None) -> None:
        """Render with *io*'s computations from now on (None: show texts as typed)."""
        self._io = io

    def set_markdown(self, text: str) -> None:
        self._generation += 1
        self._deadline.stop()
        self._text = text
        if not text.strip():
            self._show("", plain=False)
            return
        # Imported on the first text to render: an empty preview (the window's start) needs none of it.
        from workbench.ui import markdown_html

        try:
            markdown_html.check_renderable(text)
        except markdown_html.TooComplex:
            self._show(text, plain=True)
            return
        if self._io is None:
            self._show(text, plain=True)
            return
        gen = self._generation

        def work() -> str:
            try:
                return markdown_html.render(text)
            except Exception:  # noqa: BLE001 (any parser failure means: show plain text)
                return markdown_html.plain_html(text)

        # One key per preview: a newer text replaces a render not yet shown.
        self._io.compute(work, lambda html: self._on_rendered(gen, html), key=f"preview-{id(self)}", owner=self)
        self._deadline.start()

    def _on_rendered(self, gen: int, html: str) -> None:
        if gen == self._generation:
            self._deadline.stop()
            self._show(html, plain=False)

    def _too_slow(self) -> None:
        # The parser is still busy: show the text as typed; a late result is dropped.
        self._generation += 1
        self._show(self._text, plain=True)

    def _show(self, content: str, *, plain: bool) -> None:
        """Show rendered HTML, or (plain=True) the text exactly as typed."""
        bar = self.verticalScrollBar().value()
        if plain:
            self.fallbacks += 1
            self.setPlainText(content)
        else:
            self.setHtml(content)
        self.verticalScrollBar().setValue(bar)
        self.rendered.emit()
