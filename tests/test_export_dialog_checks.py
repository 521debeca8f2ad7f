"""The Export brief dialog's review, changes and Word export, and its fit on a 1280 x 720 screen."""

from __future__ import annotations

import docx
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPushButton

from workbench.store import brief_snapshots, cells, frame
from workbench.ui.export_dialog import ExportDialog


def _reviewed(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.checks.tabText(0).startswith("Review ("), timeout=30_000)


def test_fits_a_1280_by_720_screen_with_every_button_visible(dialog, qtbot):
    # A 1280 x 720 laptop less a title bar and a panel: the dialog must fit and show its buttons.
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720 - 60
    dialog.resize(1280, 720 - 60)
    qtbot.waitUntil(lambda: dialog.height() <= 720 - 60, timeout=5_000)
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    names = {b.text() for b in buttons}
    assert {"Export…", "Close", "New…", "Rename…", "Delete"} <= names
    for b in buttons:
        top_left = b.mapTo(dialog, QPoint(0, 0))
        bottom_right = b.mapTo(dialog, QPoint(b.width() - 1, b.height() - 1))
        assert dialog.rect().contains(top_left) and dialog.rect().contains(bottom_right), b.text()
    # and a new dialog never opens taller or wider than the screen it is on
    free = dialog.screen().availableGeometry()
    fresh = ExportDialog(dialog.session)
    qtbot.addWidget(fresh)
    assert fresh.width() <= free.width() and fresh.height() <= free.height()
    fresh.close()


def test_review_findings_are_shown_before_export(dialog, qtbot):
    _reviewed(qtbot, dialog)
    lines = [dialog.checks.findings.item(i).text() for i in range(dialog.checks.findings.count())]
    count = int(dialog.checks.tabText(0).split("(")[1].rstrip(")"))
    assert count == len(lines) > 0
    assert any("rests on a single source" in line for line in lines)
    assert any("is still marked draft" in line for line in lines)
    assert dialog.export_button.isEnabled()  # findings never block


def test_word_export_is_recorded_and_the_changes_tab_follows_edits(dialog, qtbot, session, sample_project, tmp_path):
    _reviewed(qtbot, dialog)
    assert "not been exported" in dialog.checks.since.text()
    out = tmp_path / "brief.docx"
    dialog.export(out)
    qtbot.waitUntil(lambda: dialog.export_task is None, timeout=60_000)
    assert dialog.last_export == out
    document = docx.Document(str(out))
    assert document.sections[0].header.paragraphs[0].text == "TLP:AMBER"
    qtbot.waitUntil(session.io.idle, timeout=20_000)
    (kept,) = brief_snapshots.history(sample_project, "Options brief")
    assert kept.format == "docx" and kept.judgments
    # an edit elsewhere, then the dialog looks again: the Changes tab names that judgment
    china = frame.find_actor(sample_project, "China")
    cell = cells.get(sample_project, china.id, frame.find_instrument(sample_project, "Diplomacy").id)
    session.io.write(lambda project: cells.update(project, cell.id, likelihood="very likely"))
    qtbot.waitUntil(session.io.idle, timeout=20_000)
    dialog.refresh_preview()
    qtbot.waitUntil(lambda: dialog.checks.tabText(1) == "Changes (1)", timeout=30_000)
    line = dialog.checks.changes.item(0).text()
    assert line.startswith("China × Diplomacy: likelihood up from roughly even chance to very likely")
    assert dialog.checks.include_changes.isEnabled()


def test_a_disputed_judgment_is_listed_with_what_to_do(qtbot, sample_path, tmp_path):
    from test_merge import edit, merge_into, send
    from workbench.store.project import Project
    from workbench.ui.session import ProjectSession

    theirs = send(sample_path, tmp_path / "colleague.pbw")
    edit(theirs, "bob", "China", "Diplomacy", posture="Beijing leans on Pyongyang in private.")
    edit(sample_path, "alice", "China", "Diplomacy", posture="Beijing stays out of it.")
    assert len(merge_into(sample_path, theirs).disputes) == 1
    with Project.open(sample_path) as project:
        session = ProjectSession(project)
        try:
            dialog = ExportDialog(session)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)  # its briefs are read on a worker
            _reviewed(qtbot, dialog)
            lines = [dialog.checks.findings.item(i).text() for i in range(dialog.checks.findings.count())]
            disputed = [line for line in lines if "open disagreement" in line]
            assert disputed == ["China × Diplomacy: has an open disagreement with a colleague's copy (posture): "
                                "settle it in the cell editor, or with `workbench resolve PROJECT \"China\" "
                                "\"Diplomacy\" --keep mine` (or theirs), before the brief goes out."]
            assert lines.index(disputed[0]) == 0  # listed before the lesser findings
            dialog.close()
        finally:
            session.io.shutdown()
