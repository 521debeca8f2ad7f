"""How the window's panes sit: Sources | Reader | (Matrix over Cell), with splitters."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QScrollArea, QSplitter, QVBoxLayout, QWidget

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


def stacked(top: QWidget, main: QWidget) -> QWidget:
    """*top* (a strip, often hidden) above *main*, which takes the height."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(top)
    layout.addWidget(main, 1)
    return box


def arrange(window: QMainWindow, banner: QWidget, sources: QWidget, reader: QWidget, matrix: QWidget,
            cell: QWidget) -> tuple[QSplitter, QSplitter]:
    """Put the panes in *window*; returns the main (horizontal) and right (vertical) splitters."""
    right = QSplitter(Qt.Orientation.Vertical, window)
    right.addWidget(titled("Matrix — actors × instruments", matrix))
    # The cell editor scrolls rather than claim its full height: on a laptop the matrix keeps
    # room for five rows above it.
    scroll = QScrollArea(window)
    scroll.setObjectName("cellScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(cell)
    right.addWidget(titled("Cell", scroll))
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


def first_size(window: QMainWindow) -> QSize:
    """The first run's window size: roomy, but never larger than the screen it opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else QSize(1480, 920)
    return QSize(min(1480, room.width()), min(920, room.height()))


def default_sizes(window: QMainWindow, main: QSplitter, right: QSplitter, cell: QSplitter) -> None:
    """First-run proportions: a narrow sources list, a readable reader, the matrix widest."""
    width = max(window.width(), 1000)
    height = max(window.height(), 600)
    if width < 1500:  # a laptop: the matrix takes half the width and more of the height
        main.setSizes([int(width * 0.20), int(width * 0.30), int(width * 0.50)])
        right.setSizes([int(height * 0.56), int(height * 0.44)])
    else:
        # Half the width for the matrix: seven instruments side by side at 1920 pixels.
        main.setSizes([int(width * 0.19), int(width * 0.31), int(width * 0.50)])
        right.setSizes([int(height * 0.47), int(height * 0.53)])
    cell.setSizes([int(height * 0.30), int(height * 0.22)])
