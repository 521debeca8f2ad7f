"""How the window's panes sit: Sources | Reader | (Matrix over Cell), with splitters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from workbench.ui import appearance


def titled(title: str, widget: QWidget) -> QWidget:
    """A pane with a small heading above it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 2)
    layout.setSpacing(4)
    head = QLabel(title, box)
    head.setObjectName("paneTitle")
    appearance.pane_title(head)
    layout.addWidget(head)
    layout.addWidget(widget, 1)
    return box


def arrange(window: QMainWindow, banner: QWidget, sources: QWidget, reader: QWidget, matrix: QWidget,
            cell: QWidget) -> tuple[QSplitter, QSplitter]:
    """Put the panes in *window*; returns the main (horizontal) and right (vertical) splitters."""
    right = QSplitter(Qt.Orientation.Vertical, window)
    right.addWidget(titled("Matrix — actors × instruments", matrix))
    right.addWidget(titled("Cell", cell))
    main = QSplitter(Qt.Orientation.Horizontal, window)
    main.addWidget(titled("Sources", sources))
    main.addWidget(titled("Reader", reader))
    main.addWidget(right)
    for s in (main, right):
        s.setChildrenCollapsible(False)
        s.setHandleWidth(6)
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(main, 1)
    window.setCentralWidget(central)
    return main, right


def default_sizes(window: QMainWindow, main: QSplitter, right: QSplitter, cell: QSplitter) -> None:
    """First-run proportions: a narrow sources list, a readable reader, the matrix widest."""
    width = max(window.width(), 1200)
    height = max(window.height(), 800)
    main.setSizes([int(width * 0.24), int(width * 0.34), int(width * 0.42)])
    right.setSizes([int(height * 0.47), int(height * 0.53)])
    cell.setSizes([int(height * 0.30), int(height * 0.22)])
