"""The Export brief dialog on a real project: edit, save, preview, export in a worker, cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from brief_builders import flat, pdf_text
from workbench.store import briefs
from workbench.store.project import Project
from workbench.ui.export_dialog import ExportDialog
from workbench.ui.session import ProjectSession


def settled(qtbot, session) -> None:
    qtbot.waitUntil(session.io.idle, timeout=20_000)


def test_opens_on_the_sample_brief_and_previews_its_pages(dialog, qtbot):
    assert dialog.choice.currentText() == "Options brief"
    assert dialog.form.marking.currentText() == "TLP:AMBER"
    assert "North Korea" in dialog.form.bluf.toPlainText()
    qtbot.waitUntil(lambda: len(dialog.preview.page_labels) >= 1, timeout=30_000)
    pixmap = dialog.preview.page_labels[0].pixmap()
    assert pixmap.width() > 200 and abs(pixmap.height() / pixmap.width() - 2 ** 0.5) < 0.02  # A4 portrait
    assert pixmap.width() <= dialog.preview.viewport().width()  # fits the pane
    image = pixmap.toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, 120, 5)}
    assert len(colours) > 3  # ink on paper, not a blank page
    assert "page" in dialog.pages.text()


def test_edits_are_saved_and_exported_in_the_background(dialog, qtbot, sample_project, session, tmp_path):
    dialog.form.title.setFocus()
    dialog.form.title.selectAll()
    qtbot.keyClicks(dialog.form.title, "Ministerial brief")
    dialog.form.title.insert(" — Корея 한국")  # pasted: the test keyboard types Latin letters only
    dialog.form.marking.setEditText("TLP:RED")
    dialog.form.by_instrument.setChecked(True)
    out = tmp_path / "out brief #1.pdf"
    dialog.export(out)
    assert dialog.export_task is not None and dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.export_task is None, timeout=60_000)
    assert dialog.last_export == out and out.exists()
    settled(qtbot, session)
    text = flat(pdf_text(out))
    assert "Ministerial brief — Корея 한국" in text and "TLP:RED" in text and "Judgments by instrument" in text
    saved = briefs.get(sample_project, "Options brief")
    assert saved.title == "Ministerial brief — Корея 한국" and saved.marking == "TLP:RED"
    assert saved.group_by == "instrument"


def test_cancelled_export_leaves_no_file(dialog, qtbot, tmp_path):
    out = tmp_path / "cancelled.pdf"
    dialog.export(out)
    dialog.cancel_export()
    qtbot.waitUntil(lambda: dialog.export_task is None, timeout=60_000)
    # cancel is asked before the worker's first progress report, so the export stops
    assert dialog.last_export is None and not out.exists() and "cancelled" in dialog.status.text()
    assert not list(tmp_path.glob("*.part"))


def test_new_and_renamed_briefs_and_scope(dialog, qtbot, sample_project, session):
    dialog.new_brief("Second")
    settled(qtbot, session)
    assert dialog.choice.currentText() == "Second"
    dialog.form.actors.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.rename_brief("Second, renamed")
    settled(qtbot, session)
    names = [b.name for b in briefs.list_all(sample_project)]
    assert "Second, renamed" in names and "Options brief" in names and "Second" not in names
    renamed = briefs.get(sample_project, "Second, renamed")
    assert renamed.actors and len(renamed.actors) == dialog.form.actors.count() - 1


def test_read_only_project_exports_without_saving(qtbot, sample_path, tmp_path):
    project = Project.open(sample_path, read_only=True)
    session = ProjectSession(project)
    d = ExportDialog(session)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.ready, timeout=20_000)  # its briefs are read on a worker
    d.form.title.selectAll()
    qtbot.keyClicks(d.form.title, "Not saved")
    assert "Read-only" in d.status.text()
    out = tmp_path / "ro.pdf"
    d.export(out)
    qtbot.waitUntil(lambda: d.export_task is None, timeout=60_000)
    assert "Not saved" in pdf_text(out)
    assert briefs.get(project, "Options brief").title != "Not saved"
    d.close()
    session.close()


def test_file_name_is_asked_when_not_given(dialog, qtbot, monkeypatch, tmp_path):
    from workbench.ui import export_dialog

    chosen = tmp_path / "asked"
    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(chosen), "PDF files (*.pdf)")))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.export_task is None, timeout=60_000)
    assert Path(str(chosen) + ".pdf").exists()
