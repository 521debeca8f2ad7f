"""Preview of a brief's first pages: the real PDF bytes rendered to images.

Rendering uses pypdfium2 (PDFium in a ~3 MB wheel for Windows, macOS and Linux, no network,
packs with PyInstaller) rather than QtPdf, which would pull in PySide6-Addons (hundreds of MB),
or pdftoppm, which a packaged app cannot count on. When the pages cannot be drawn, the pane
shows their text instead, read by the same PDF reader process that imports PDFs (limited in
memory and time). `render_pages` is plain work for a worker thread; the pane only paints results.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

PREVIEW_PAGES = 3
# A page whose image would be larger is shown as text: drawing it would take gigabytes.
MAX_PIXELS = 20_000_000
_PDFIUM = threading.Lock()  # PDFium is not thread-safe; an old preview may still be rendering


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int  # bytes per row
    channels: int  # 3 (RGB) or 4 (RGBA)
    data: bytes


@dataclass(frozen=True)
class Preview:
    pages: int  # pages in the whole PDF
    images: tuple[PageImage, ...]
    text: str = ""  # used when images cannot be made


def render_pages(pdf: bytes, pages: int, width_px: int = 900) -> Preview:
    """The first PREVIEW_PAGES pages of *pdf* as RGB(A) images (or their text as a fallback)."""
    try:
        import pypdfium2 as pdfium

        with _PDFIUM:
            return _render(pdfium, pdf, pages, width_px)
    except Exception:  # pypdfium2 missing, or a page too large to draw: show the text instead
        return Preview(pages, (), _text(pdf))


def _render(pdfium, pdf: bytes, pages: int, width_px: int) -> Preview:
    doc = pdfium.PdfDocument(pdf)
    try:
        images = []
        for n in range(min(PREVIEW_PAGES, len(doc))):
            page = doc[n]
            scale = width_px / page.get_width()
            if page.get_height() * scale * width_px > MAX_PIXELS:
                raise ValueError("page too large to draw")  # an A4 page is 1.3 million pixels
            bitmap = page.render(scale=scale, rev_byteorder=True, draw_annots=False, may_draw_forms=False)
            images.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels,
                                    bytes(bitmap.buffer)))
            page.close()
        return Preview(pages, tuple(images))
    finally:
        doc.close()


def _text(pdf: bytes) -> str:
    """The first pages' text, or why there is none, from the PDF reader process."""
    from workbench.ingest.errors import IngestError
    from workbench.ingest.pdf import extract_pdf

    try:
        result = extract_pdf(pdf, "The brief")
    except IngestError as error:
        return f"No preview: {error}"
    ends = [*result.pages[1:], len(result.text)]
    parts = [result.text[start:end].strip() for start, end in zip(result.pages, ends)] or [result.text]
    return "\n\n— page break —\n\n".join(parts[:PREVIEW_PAGES])


class PreviewPane(QScrollArea):
    """Shows page images one under the other, or the text fallback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(420)
        self._inner = QWidget(self)
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.page_labels: list[QLabel] = []
        self._pixmaps: list[QPixmap] = []
        self.message("The preview appears here.")

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.page_labels = []
        self._pixmaps = []

    def message(self, text: str) -> None:
        self._clear()
        label = QLabel(text, self._inner)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setObjectName("muted")
        self._layout.addWidget(label)

    def show_preview(self, preview: Preview) -> None:
        self._clear()
        if not preview.images:
            text = QPlainTextEdit(preview.text, self._inner)
            text.setReadOnly(True)
            self._layout.addWidget(text)
            return
        for img in preview.images:
            fmt = QImage.Format.Format_RGBA8888 if img.channels == 4 else QImage.Format.Format_RGB888
            image = QImage(img.data, img.width, img.height, img.stride, fmt)
            label = QLabel(self._inner)
            label.setFrameShape(QFrame.Shape.Box)
            self._pixmaps.append(QPixmap.fromImage(image.copy()))  # copy: the bytes belong to the result
            self._layout.addWidget(label)
            self.page_labels.append(label)
        self._fit()
        more = preview.pages - len(preview.images)
        if more > 0:
            note = QLabel(f"… and {more} more page{'s' if more != 1 else ''}", self._inner)
            note.setObjectName("muted")
            self._layout.addWidget(note)

    def _fit(self) -> None:
        """Scale the pages to the pane's width (rendered larger, so they stay sharp)."""
        width = max(200, self.viewport().width() - 24)
        for label, pixmap in zip(self.page_labels, self._pixmaps):
            label.setPixmap(pixmap.scaledToWidth(min(width, pixmap.width()),
                                                 Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()
