"""Who the analyst is, where it helps: initials from Preferences when space is short (the
cell's stamp, the history), and their name as a brief's author when it names none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_ui_support import make_window, select_cell, settle  # noqa: F401  (fixtures)
from test_ui_views_true import when_modal
from test_ui_workday import _answer_preferences


def _type_posture(qtbot, window, text: str) -> None:
    posture = window.cell_editor.posture
    posture.setFocus()
    posture.selectAll()
    qtbot.keyClicks(posture, text)
    posture.clearFocus()
    settle(qtbot, window)


def test_the_stamp_gives_way_to_initials_when_the_pane_is_narrow(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    _answer_preferences(qtbot, "Ana Maria Lopez-Fernandez de la Vega", "AMV")
    window.actions.preferences.trigger()
    select_cell(window, "Japan", "Sanctions")
    _type_posture(qtbot, window, "Tokyo follows the G7 line")
    stamp = window.cell_editor.stamp
    qtbot.waitUntil(lambda: "Lopez-Fernandez" in stamp.toolTip(), timeout=5000)
    window.resize(1900, 1000)
    window.main_split.setSizes([300, 300, 1300])  # the analyst drags the matrix wide
    qtbot.waitUntil(lambda: stamp.text().endswith("by Ana Maria Lopez-Fernandez de la Vega"), timeout=3000)
    window.main_split.setSizes([700, 800, 400])  # and narrow again
    qtbot.waitUntil(lambda: stamp.text().endswith(" by AMV"), timeout=3000)
    assert stamp.toolTip().endswith("by Ana Maria Lopez-Fernandez de la Vega")
    assert stamp.geometry().right() <= window.cell_editor.width()


def test_the_history_names_people_by_initials_with_the_full_name_at_hand(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    _answer_preferences(qtbot, "Ana Maria Lopez", "AL")  # initials of her own choosing
    window.actions.preferences.trigger()
    select_cell(window, "Japan", "Sanctions")
    _type_posture(qtbot, window, "Tokyo follows the G7 line")
    editor = window.cell_editor
    tabs = editor.lower_tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(editor.history)).center())
    settle(qtbot, window)
    history = editor.history
    qtbot.waitUntil(lambda: history.topLevelItemCount() > 0, timeout=5000)
    newest = history.topLevelItem(0)
    assert newest.text(1) == "AL" and newest.toolTip(1) == "Ana Maria Lopez"
    others = [history.topLevelItem(i) for i in range(1, history.topLevelItemCount())]
    for item in others:  # a colleague's initials come from their name
        assert item.text(1) and len(item.text(1)) <= 4 and item.toolTip(1)


def test_the_export_dialog_offers_the_display_name_as_author(make_window, tmp_path, qtbot):
    from workbench import sample
    from workbench.store import briefs
    from workbench.ui.export_dialog import ExportDialog

    path = tmp_path / "new.pbw"
    sample.create_empty(path).close()  # its brief names no author yet
    window = make_window(path)
    _answer_preferences(qtbot, "Ana Maria Lopez")
    window.actions.preferences.trigger()
    seen: list[str] = []

    def look(dialog) -> None:
        seen.append(dialog.form.author.text())
        author = dialog.form.author
        author.setFocus()
        author.selectAll()
        qtbot.keyClicks(author, "Policy Unit")
        # Saved after a pause in typing, as every brief edit.
        qtbot.waitUntil(lambda: any(b.author == "Policy Unit" for b in briefs.list_all(window.session.project)),
                        timeout=10_000)
        dialog.reject()

    when_modal(qtbot, ExportDialog, look)
    window.actions.export_brief.trigger()  # it opens once its briefs are read
    qtbot.waitUntil(lambda: len(seen) == 1 and QApplication.activeModalWidget() is None, timeout=20_000)
    when_modal(qtbot, ExportDialog, lambda d: (seen.append(d.form.author.text()), d.reject()))
    window.actions.export_brief.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=20_000)
    assert seen == ["Ana Maria Lopez", "Policy Unit"]  # an author once given stays
