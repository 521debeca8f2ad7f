"""What an empty matrix offers: an inline prompt (the default frame, an actor, Import) and a
context menu, so that a new project says what to do first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QFrame, QLabel, QMenu, QPushButton, QVBoxLayout

from workbench.ui import appearance


class EmptyGuide(QFrame):
    """Sits over the matrix while it has no actors or no instruments."""

    def __init__(self, window) -> None:  # window: main_window.MainWindow
        super().__init__(window.matrix.viewport())
        self.w = window
        self.setObjectName("emptyGuide")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.default_frame = QPushButton("Add the default frame (10 actors, 3 instruments)", self)
        self.default_frame.setToolTip("The actors and instruments of the sample project, with their aliases")
        self.add_actor = QPushButton("Add an actor…", self)
        self.import_sources = QPushButton("Import sources…", self)
        hint = QLabel("Or right-click here; you can remove any of them later.", self)
        appearance.muted(hint)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.text)
        for button in (self.default_frame, self.add_actor, self.import_sources):
            layout.addWidget(button)
        layout.addWidget(hint)
        self.default_frame.clicked.connect(self.add_default_frame)
        self.add_actor.clicked.connect(lambda: window.edits.add_item("actor", -1))
        self.import_sources.clicked.connect(lambda: window.files.import_dialog())
        model = window.matrix_model
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.columnsInserted,
                    model.columnsRemoved):
            sig.connect(self.refresh)
        # A scroll area takes its viewport's context menu events, in viewport coordinates.
        window.matrix.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.matrix.customContextMenuRequested.connect(self.context_menu)
        window.matrix.viewport().installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        session = self.w.session
        model = self.w.matrix_model
        empty = session is not None and (model.rowCount() == 0 or model.columnCount() == 0)
        if empty:
            self.text.setText("This project has no actors yet. Start from the default frame, add "
                              "your own actors, or import your sources first."
                              if model.rowCount() == 0 else "This project has no instruments yet.")
            self.default_frame.setText("Add the default frame (10 actors, 3 instruments)" if model.columnCount() == 0
                                       else "Add the ten sample actors, with their aliases")
            writable = not session.read_only
            for button in (self.default_frame, self.add_actor, self.import_sources):
                button.setEnabled(writable)
            self._place()
        self.setVisible(empty)

    def _place(self) -> None:
        viewport = self.parentWidget()
        width = min(460, max(viewport.width() - 24, 200))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move(max((viewport.width() - width) // 2, 0), 12)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def add_default_frame(self) -> None:
        if not self.w.can_write("Add the default frame"):
            return
        from workbench.ui.frame_commands import AddDefaultFrame

        self.w.session.run(AddDefaultFrame(self.w.session))

    def context_menu(self, pos: QPoint) -> None:
        """Right-click on the matrix's empty space: add rows and columns."""
        if self.w.session is None:
            return
        index = self.w.matrix.indexAt(pos)
        if index.isValid():
            return  # the cells have no menu of their own yet
        writable = not self.w.session.read_only
        menu = QMenu(self.w.matrix)
        for text, slot in (("Add actor…", lambda: self.w.edits.add_item("actor", -1)),
                           ("Add instrument…", lambda: self.w.edits.add_item("instrument", -1)),
                           ("Add the default frame", self.add_default_frame)):
            menu.addAction(text, slot).setEnabled(writable)
        self.menu = menu  # tests look at the menu while it is open
        menu.exec(self.w.matrix.viewport().mapToGlobal(pos))
        menu.deleteLater()
        self.menu = None
