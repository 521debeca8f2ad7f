"""The main window's panes and the signals between them and the window.

Part of MainWindow (main_window.py): `build(window)` makes the banner, the source list, the
reader, the matrix, the cell editor with its suggestions page, the status line and the
notifier, lays them out, and connects what a person does in one pane to what follows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from workbench.ui import lock_flow, window_layout
from workbench.ui.banner import ReadOnlyBanner
from workbench.ui.cell_editor import CellEditor
from workbench.ui.matrix_model import MatrixModel
from workbench.ui.matrix_view import MatrixView
from workbench.ui.notifier import Notifier
from workbench.ui.reader import Reader
from workbench.ui.sources_pane import SourcesPane
from workbench.ui.status import StatusLine
from workbench.ui.suggestions_page import SuggestionsPage

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow


def build(window: MainWindow) -> None:
    """Make the panes of *window*, lay them out, and connect them."""
    window.banner = ReadOnlyBanner(window)
    window.banner.save_copy_requested.connect(
        lambda: window.files.repaired_copy() if window.banner.repair
        else window.files.share_copy(local=window.banner.local_copy))
    window.banner.open_anyway_requested.connect(lambda: lock_flow.open_anyway(window))
    window.sources_pane = SourcesPane(window)
    window.sources_pane.source_chosen.connect(window.show_source)
    window.sources_pane.edit_requested.connect(lambda sid: window.edits.edit_source(sid))
    window.sources_pane.grade_requested.connect(lambda sid, g: window.edits.grade_source(sid, g))
    # A new search (or none) leaves no highlights of the old one in the reader.
    window.sources_pane.searched.connect(lambda _line: window.reader.set_hits([]))
    window.sources_pane.search_box.textChanged.connect(lambda t: None if t.strip() else window.reader.set_hits([]))
    window.sources_pane.remove_requested.connect(lambda ids: window.edits.remove_sources(ids))
    window.reader = Reader(window)
    window.reader.selection_changed.connect(lambda _has: window._update_actions())
    window.reader.source_shown.connect(window._update_actions)
    window.matrix_model = MatrixModel(window)
    window.matrix_model.loaded.connect(window._matrix_read)
    window.matrix_model.refused.connect(window._matrix_refused)
    window.matrix = MatrixView(window.matrix_model, window)
    window.matrix.cell_chosen.connect(window._cell_chosen)
    window.matrix.add_requested.connect(lambda k, pos: window.edits.add_item(k, pos))
    window.matrix.edit_requested.connect(lambda k, i: window.edits.edit_item(k, i))
    window.matrix.move_requested.connect(lambda k, i, n: window.edits.move_item(k, i, n))
    window.matrix.remove_requested.connect(lambda k, i: window.edits.remove_item(k, i))
    window.cell_editor = CellEditor(window)
    window.cell_editor.jump_requested.connect(window.jump_to)
    window.cell_editor.initials_for = window.initials_for
    window.cell_editor.title_for = window.matrix_model.title_of
    window.cell_editor.evidence_pane.shown.connect(lambda _id: window._first_evidence_shown())
    window.matrix.open_cell.connect(window.cell_editor.edit_first_field)
    window.cell_editor.back_requested.connect(lambda: window.matrix.setFocus(Qt.FocusReason.ShortcutFocusReason))

    from workbench.ui.index_progress import IndexProgress

    # Above the matrix: how far the evidence index has come while coverage waits for it.
    window.index_progress = IndexProgress(window)
    window.index_progress.cancel_requested.connect(lambda: window.edits.cancel_indexing())
    window.main_split, window.right = window_layout.arrange(
        window, window.banner, window.sources_pane, window.reader,
        window_layout.stacked(window.index_progress, window.matrix), window.cell_editor)
    window.status = StatusLine(window.statusBar())
    window.notifier = Notifier(window, window.statusBar())


def add_suggestions(window: MainWindow) -> None:
    """The evidence finder's suggestions, as a page beside the cell's evidence."""
    window.suggestions_page = SuggestionsPage(lambda sid, s, e: window.edits.cite(sid, s, e), window)
    window.suggestions_page.cancel_indexing.connect(lambda: window.edits.cancel_indexing())
    window.cell_editor.add_tab(window.suggestions_page, "Suggestions")
