"""Paints a matrix cell: status colour, the one-line summary, evidence count and grades."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen, QPolygon
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workbench.ui import colors
from workbench.ui.text_layout import elide_lines, small_font
from workbench.ui.matrix_model import CELL_ROLE, COVERAGE_ROLE, DISPUTE_ROLE

_PAD = 8
_BAR = 4
_MARK = 14  # size of a disputed cell's corner mark
_CONFIDENCE_SHORT = {"low": "low conf.", "moderate": "moderate conf.", "high": "high conf."}


class MatrixDelegate(QStyledItemDelegate):
    """Draws cells itself: the grid is read at a glance, so each part has a fixed place."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        fm = option.fontMetrics
        return QSize(180, fm.height() * 2 + _PAD * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cell = index.data(CELL_ROLE)
        if cell is None:
            return super().paint(painter, option, index)
        coverage = index.data(COVERAGE_ROLE)
        rect = option.rect.adjusted(1, 1, -1, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if coverage is not None:
            fill = colors.COVERAGE_FILL[colors.coverage_level(*coverage)]
        else:
            fill = colors.STATUS_FILL.get(cell.status, colors.STATUS_FILL["empty"])
        painter.fillRect(rect, fill)
        painter.fillRect(QRect(rect.left(), rect.top(), _BAR, rect.height()),
                         colors.STATUS_ACCENT.get(cell.status, colors.STATUS_ACCENT["empty"]))
        if index.data(DISPUTE_ROLE):  # two analysts disagree here: a corner mark, seen at a glance
            corner = QPolygon([rect.topRight() - QPoint(_MARK, 0), rect.topRight(), rect.topRight() + QPoint(0, _MARK)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors.DISPUTE)
            painter.drawPolygon(corner)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            pen = QPen(option.palette.highlight().color(), 2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

        inner = rect.adjusted(_BAR + _PAD, _PAD - 2, -_PAD, -_PAD + 2)
        base = QFont(option.font)
        small = small_font(option.font)
        fm, fm_small = QFontMetrics(base), QFontMetrics(small)

        if cell.status == "empty" and coverage is None and not cell.evidence_count and not cell.summary():
            painter.restore()  # nothing to say: an empty cell stays quiet
            return
        # Summary: one line, elided (the full text is in the tooltip and the cell editor).
        summary = cell.summary()
        painter.setFont(base)
        painter.setPen(option.palette.text().color() if summary else colors.MUTED_TEXT)
        text_rect = QRect(inner.left(), inner.top(), inner.width(), fm.height())
        shown = summary or ("—" if cell.status == "empty" else f"({cell.status})")
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         elide_lines(shown, fm, text_rect.width(), 1))

        # Footer: evidence count, likelihood, confidence (or coverage numbers).
        painter.setFont(small)
        painter.setPen(colors.MUTED_TEXT)
        foot = QRect(inner.left(), inner.bottom() - fm_small.height(), inner.width(), fm_small.height())
        if coverage is not None:
            cand, cited = coverage
            left = f"{cand:,} direct · {cited} cited"
        else:
            parts = [f"{cell.evidence_count} cited" if cell.evidence_count else "no evidence"]
            if cell.likelihood:
                parts.append(cell.likelihood)
            if cell.confidence:
                parts.append(_CONFIDENCE_SHORT.get(cell.confidence, cell.confidence))
            left = " · ".join(parts)
        painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm_small.elidedText(left, Qt.TextElideMode.ElideRight, foot.width()))
        painter.restore()
