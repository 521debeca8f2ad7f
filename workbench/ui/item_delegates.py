"""Delegates: search results (title + highlighted snippet), evidence, source titles and grades."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextCharFormat, QTextDocument, QTextCursor
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workbench.ui import colors
from workbench.ui.evidence_model import EXCERPT_ROLE
from workbench.ui.search_model import HIGHLIGHTS_ROLE, SNIPPET_ROLE
from workbench.ui.sources_model import META_ROLE
from workbench.ui.text_layout import elide_lines, small_font

_PAD = 6
_Index = QModelIndex | QPersistentModelIndex


def _background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    style = option.widget.style() if option.widget else QApplication.style()
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)


def _text_color(option: QStyleOptionViewItem) -> QColor:
    """The text colour for the background `_background` drew: a selection of a view without
    focus is drawn in the inactive group's colours, and its text must be too (white on pale
    blue cannot be read)."""
    if not option.state & QStyle.StateFlag.State_Selected:
        return option.palette.text().color()
    group = (QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active
             else QPalette.ColorGroup.Inactive)
    return option.palette.color(group, QPalette.ColorRole.HighlightedText)


def _snippet_document(text: str, highlights: tuple[tuple[int, int], ...], font: QFont, width: int) -> QTextDocument:
    # Plain text in, formats applied by range: the snippet is never parsed as markup.
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setPlainText(text)
    doc.setTextWidth(width)
    fmt = QTextCharFormat()
    fmt.setBackground(colors.SEARCH_HIT)
    cursor = QTextCursor(doc)
    for start, end in highlights:
        cursor.setPosition(min(start, len(text)))
        cursor.setPosition(min(end, len(text)), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    return doc


class SnippetDelegate(QStyledItemDelegate):
    """A search hit: the source title in bold, then up to three lines of snippet."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        fm = option.fontMetrics
        return QSize(200, fm.height() * 4 + _PAD * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        _background(painter, option)
        rect = option.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        bold = QFont(option.font)
        bold.setBold(True)
        fm = QFontMetrics(bold)
        painter.setFont(bold)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), fm.height()),
                         Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(index.data() or "", Qt.TextElideMode.ElideRight, rect.width()))
        doc = _snippet_document(index.data(SNIPPET_ROLE) or "", index.data(HIGHLIGHTS_ROLE) or (),
                                option.font, rect.width())
        painter.translate(rect.left(), rect.top() + fm.height() + 2)
        clip = QRect(0, 0, rect.width(), rect.height() - fm.height() - 2)
        painter.setClipRect(clip)
        doc.drawContents(painter, clip)
        painter.restore()


class EvidenceDelegate(QStyledItemDelegate):
    """An excerpt: the quote (two lines, elided), then source and credibility in small type."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        fm = option.fontMetrics
        return QSize(200, fm.height() * 3 + _PAD * 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        ex = index.data(EXCERPT_ROLE)
        if ex is None:
            return super().paint(painter, option, index)
        painter.save()
        _background(painter, option)
        rect = option.rect.adjusted(_PAD, _PAD - 2, -_PAD, -_PAD + 2)
        fm = QFontMetrics(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(_text_color(option))
        quote = f"[{index.row() + 1}] “{' '.join(ex.quote.split())}”"
        quote_rect = QRect(rect.left(), rect.top(), rect.width(), fm.height() * 2)
        painter.drawText(quote_rect, Qt.AlignmentFlag.AlignTop, elide_lines(quote, fm, rect.width(), 2))
        small = small_font(option.font)
        painter.setFont(small)
        if not selected:
            painter.setPen(colors.MUTED_TEXT)
        fms = QFontMetrics(small)
        meta = f"{ex.source_title} · credibility {ex.credibility}" + (f" · {ex.note}" if ex.note else "")
        painter.drawText(QRect(rect.left(), rect.bottom() - fms.height(), rect.width(), fms.height()),
                         Qt.AlignmentFlag.AlignLeft, fms.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()


class SourceTitleDelegate(QStyledItemDelegate):
    """The title column of the sources table: the title, and author · outlet below it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        self.initStyleOption(option, index)
        text, option.text = option.text, ""
        _background(painter, option)
        rect = option.rect.adjusted(_PAD, 3, -_PAD, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fm = QFontMetrics(option.font)
        painter.setPen(_text_color(option))
        painter.setFont(option.font)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), fm.height()), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
        meta = index.data(META_ROLE) or ""
        if meta:
            small = small_font(option.font)
            fms = QFontMetrics(small)
            painter.setFont(small)
            if not selected:
                painter.setPen(colors.MUTED_TEXT)
            painter.drawText(QRect(rect.left(), rect.top() + fm.height() + 1, rect.width(), fms.height()),
                             Qt.AlignmentFlag.AlignLeft, fms.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()


class GradeDelegate(QStyledItemDelegate):
    """The reliability grade as a small coloured badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        self.initStyleOption(option, index)
        grade, option.text = option.text, ""
        _background(painter, option)
        if grade:
            side = min(option.rect.height() - 10, 20)
            badge = QRect(0, 0, side + 4, side)
            badge.moveCenter(option.rect.center())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.GRADE_FILL.get(grade, colors.MUTED_TEXT))
            painter.drawRoundedRect(badge, 4, 4)
            bold = QFont(option.font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, grade)
        painter.restore()
