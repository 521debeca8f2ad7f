"""The window's actions, menus and toolbar, with standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from workbench.ui import icons

Std = QKeySequence.StandardKey


@dataclass
class Actions:
    new: QAction
    open: QAction
    open_sample: QAction
    recent: QMenu
    import_sources: QAction
    share: QAction
    merge: QAction
    check: QAction
    export_brief: QAction
    export_csv: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    cite: QAction
    find: QAction
    search_all: QAction
    edit_source: QAction
    add_actor: QAction
    add_instrument: QAction
    coverage: QAction
    preferences: QAction

    def needing_project(self) -> list[QAction]:
        return [self.share, self.check, self.export_brief, self.export_csv, self.find, self.search_all,
                self.edit_source, self.coverage]

    def needing_write(self) -> list[QAction]:
        return [self.import_sources, self.add_actor, self.add_instrument, self.merge]


def _action(window: QMainWindow, text: str, slot: Callable[[], object], shortcut=None,
            tip: str = "", icon: QIcon | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut is not None else tip)
    if icon is not None:
        action.setIcon(icon)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build(window) -> Actions:
    """Create the actions of *window* (a MainWindow) and put them in menus and the toolbar."""
    std = window.style().standardIcon
    # window.files and window.edits are made on first use: the actions call through them.
    a = Actions(
        new=_action(window, "&New project…", lambda: window.files.new_project(), Std.New,
                    "Create an empty project"),
        open=_action(window, "&Open…", lambda: window.files.open_dialog(), Std.Open, "Open a project file",
                     std(QStyle.StandardPixmap.SP_DialogOpenButton)),
        open_sample=_action(window, "Open &sample project", lambda: window.files.open_sample(), None,
                            "Open the sample project on North Korean troops in Russia's war"),
        recent=QMenu("Open &recent", window),
        import_sources=_action(window, "&Import sources…", lambda: window.files.import_dialog(), "Ctrl+I",
                               "Import files or a folder: text, web pages, PDF, Word, library exports", icons.get("import")),
        share=_action(window, "Save a &copy / share…", lambda: window.files.share_copy(), Std.SaveAs,
                      "Write a clean single-file copy to send to a colleague", icons.get("share")),
        merge=_action(window, "&Merge a colleague's copy…", lambda: window.merges.choose(), None,
                      "Bring a colleague's copy of this project in, cell by cell"),
        check=_action(window, "C&heck project", lambda: window.files.check_project(), None,
                      "Check the file's integrity and structure"),
        export_brief=_action(window, "&Export brief…", lambda: window.files.export_brief(), "Ctrl+E",
                             "Export a PDF brief", icons.get("pdf")),
        export_csv=_action(window, "Export matrix as CS&V…", lambda: window.files.export_csv(), None,
                           "Save the matrix as a spreadsheet file"),
        close=_action(window, "&Close window", window.close, Std.Close),
        quit=_action(window, "&Quit", lambda: window.files.quit(), Std.Quit),
        undo=_action(window, "&Undo", window.undo, Std.Undo, "Undo the last change",
                     icons.get("undo")),
        redo=_action(window, "&Redo", window.redo, Std.Redo, "Redo", icons.get("redo")),
        cite=_action(window, "&Cite in cell", lambda: window.edits.cite_selection(), "Ctrl+Shift+C",
                     "Cite the passage selected in the reader in the selected cell", icons.get("cite")),
        find=_action(window, "&Find in document…", lambda: window.reader.open_find(), Std.Find,
                     "Find words in the source shown in the reader"),
        search_all=_action(window, "&Search all sources", window.focus_search, "Ctrl+Shift+F",
                           "Search the text of every source", icons.get("search")),
        edit_source=_action(window, "Source &details…", lambda: window.edits.edit_current_source(),
                            "Ctrl+Shift+D",
                            "Edit the metadata and reliability grade of the source in the reader"),
        add_actor=_action(window, "Add &actor…", lambda: window.edits.add_item("actor", -1), None,
                          "Add a row to the matrix"),
        add_instrument=_action(window, "Add i&nstrument…", lambda: window.edits.add_item("instrument", -1),
                               None, "Add a column to the matrix"),
        coverage=_action(window, "Show c&overage", lambda: window.edits.toggle_coverage(), "Ctrl+Shift+V",
                         "Shade cells by how much candidate evidence they have and how much is cited",
                         icons.get("coverage")),
        preferences=_action(window, "&Preferences…", lambda: _preferences(window), "Ctrl+,",
                            "Your display name and initials, which stamp your changes"),
    )
    a.coverage.setCheckable(True)
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)
    a.recent.aboutToShow.connect(lambda: window.files.fill_recent_menu())

    bar = window.menuBar()
    m = bar.addMenu("&File")
    for item in (a.new, a.open, a.open_sample):
        m.addAction(item)
    m.addMenu(a.recent)
    m.addSeparator()
    m.addAction(a.import_sources)
    m.addSeparator()
    for item in (a.share, a.merge, a.export_brief, a.export_csv):
        m.addAction(item)
    m.addSeparator()
    m.addAction(a.check)
    m.addSeparator()
    m.addAction(a.close)
    m.addAction(a.quit)

    m = bar.addMenu("&Edit")
    m.addAction(a.undo)
    m.addAction(a.redo)
    m.addSeparator()
    m.addAction(a.cite)
    m.addAction(a.find)
    m.addAction(a.search_all)
    m.addSeparator()
    m.addAction(a.edit_source)
    m.addSeparator()
    a.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    m.addAction(a.preferences)

    m = bar.addMenu("&Matrix")
    m.addAction(a.add_actor)
    m.addAction(a.add_instrument)
    m.addAction("Edit the selected cell's actor…", lambda: window.edits.edit_current("actor"))
    m.addAction("Edit the selected cell's instrument…", lambda: window.edits.edit_current("instrument"))
    m.addSeparator()
    m.addAction(a.coverage)

    m = bar.addMenu("&Help")
    guide = m.addAction("Workbench &guide", lambda: _help(window, "guide"))
    guide.setShortcut(QKeySequence(Std.HelpContents))
    m.addAction("&Keyboard shortcuts", lambda: _help(window, "shortcuts"))
    m.addSeparator()
    m.addAction("&About", lambda: _help(window, "about")).setMenuRole(QAction.MenuRole.AboutRole)

    # Short labels for the toolbar (menu texts change, e.g. "Undo Edit posture").
    for action, label in ((a.open, "Open"), (a.import_sources, "Import"), (a.undo, "Undo"), (a.redo, "Redo"),
                          (a.search_all, "Search"), (a.cite, "Cite in cell"), (a.coverage, "Coverage"),
                          (a.export_brief, "Export PDF"), (a.share, "Share a copy")):
        action.setIconText(label)
    tools = QToolBar("Main", window)
    tools.setObjectName("mainToolbar")
    tools.setMovable(False)
    tools.setIconSize(QSize(18, 18))
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for item in (a.open, a.import_sources, None, a.undo, a.redo, None, a.search_all, a.cite, None,
                 a.coverage, None, a.export_brief, a.share):
        if item is None:
            tools.addSeparator()
        else:
            tools.addAction(item)
    window.addToolBar(tools)
    window.toolbar = tools
    return a


def _help(window, what: str) -> None:
    from workbench.ui import help as help_pages

    help_pages.show(window, what)


def _preferences(window) -> None:
    from workbench.ui import preferences

    preferences.edit(window)


def update(window) -> None:
    """Enable what makes sense now: a project open, writable, something to undo, a passage and a cell."""
    a: Actions = window.actions
    session = window.session
    has = session is not None
    writable = has and not session.read_only
    for action in a.needing_project():
        action.setEnabled(has)
    for action in a.needing_write():
        action.setEnabled(writable)
    stack = session.undo_stack if has else None
    a.undo.setEnabled(bool(stack and stack.canUndo()))
    a.redo.setEnabled(bool(stack and stack.canRedo()))
    a.undo.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
    a.redo.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")
    a.cite.setEnabled(writable and window.reader.selection() is not None and window.cell_editor.cell is not None)
