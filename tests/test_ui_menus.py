"""File and Matrix menu actions on the real window: check, CSV, export, coverage, start-up."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from test_ui_support import make_window, messages, select_cell, settle, shown, wait_for  # noqa: F401  (fixtures)
from workbench.store import cells, frame
from workbench.ui import file_flows
from workbench.ui.matrix_model import COVERAGE_ROLE


def test_check_project_runs_in_the_background_and_reports(make_window, sample_path, qtbot, messages):
    window = make_window(sample_path)
    window.actions.check.trigger()
    qtbot.waitUntil(lambda: any(m[1] == "Check project" for m in messages), timeout=10_000)
    kind, _title, text = next(m for m in messages if m[1] == "Check project")
    assert kind == "information" and "No problems found" in text and "sources: 5" in text


def test_export_matrix_as_csv(make_window, sample_path, tmp_path, monkeypatch, qtbot):
    window = make_window(sample_path)
    project = window.session.project
    select_cell(window, "Japan", "Diplomacy")
    cells.update(project, window.cell_editor.cell.id, posture="=HYPERLINK(\"http://x\")")
    target = tmp_path / "matrix.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions.export_csv.trigger()
    settle(qtbot, window)
    rows = list(csv.reader(target.open(encoding="utf-8-sig")))
    assert rows[0][:2] == ["actor", "instrument"]
    assert len(rows) == 1 + len(frame.actors(project)) * len(frame.instruments(project))
    japan = next(r for r in rows if r[0] == "Japan" and r[1] == "Diplomacy")
    assert japan[2].startswith("'=")  # a spreadsheet will not run it


def test_export_brief_opens_the_export_dialog(make_window, sample_path, monkeypatch, qtbot):
    from workbench.ui.export_dialog import ExportDialog

    window = make_window(sample_path)
    opened: list[object] = []  # the parent of each dialog opened
    def fake_exec(self: ExportDialog) -> int:
        opened.append(self.parent())
        self.reject()  # closes the way a user would, which waits for its preview worker
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    assert window.actions.export_brief.shortcut().toString() == "Ctrl+E"
    window.actions.export_brief.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)  # it opens once its briefs are read
    assert opened == [window]


def test_coverage_shades_the_matrix_and_follows_citations(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    model = window.matrix_model
    index = model.index(0, 0)
    assert index.data(COVERAGE_ROLE) is None
    window.actions.coverage.trigger()
    assert window.actions.coverage.isChecked()
    qtbot.waitUntil(lambda: model.showing_coverage, timeout=10_000)
    project = window.session.project
    nk = frame.find_actor(project, "North Korea")
    aid = frame.find_instrument(project, "Military aid")
    candidates, cited = model.index_of(nk.id, aid.id).data(COVERAGE_ROLE)
    assert candidates > 0 and cited == cells.get(project, nk.id, aid.id).evidence_count
    window.actions.coverage.trigger()
    assert not model.showing_coverage and index.data(COVERAGE_ROLE) is None


def test_open_sample_creates_it_in_the_app_data_folder(make_window, tmp_path):
    window = make_window(None)
    path = file_flows.sample_path()
    assert "qttest" in str(path).lower() or str(tmp_path) in str(path) or ".qttest" in str(path)
    path.unlink(missing_ok=True)
    window.actions.open_sample.trigger()
    assert window.session is not None and window.session.project.path == path
    wait_for(lambda: shown(window))  # the matrix is read on a worker
    assert window.matrix_model.rowCount() == 10
    window.close()
    path.unlink(missing_ok=True)


def test_importing_the_app_module_has_no_side_effects():
    code = ("import sys; import workbench.ui.app as a; from PySide6.QtWidgets import QApplication; "
            "assert QApplication.instance() is None; assert callable(a.run); "
            "assert 'workbench.ui.main_window' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_matrix_header_menus_move_and_undo(make_window, sample_path, qtbot):
    window = make_window(sample_path)
    names = [i.name for i in window.matrix_model.instruments]
    window.matrix.horizontalHeader().moveSection(0, 1)  # what dragging the first header one place does
    settle(qtbot, window)
    assert [i.name for i in window.matrix_model.instruments][:2] == [names[1], names[0]]
    window.actions.undo.trigger()
    settle(qtbot, window)
    assert [i.name for i in window.matrix_model.instruments] == names


def _wait_for(predicate, proc: subprocess.Popen, seconds: float = 30.0) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.1)
    return False


def test_workbench_with_no_arguments_opens_the_sample_from_the_data_folder(tmp_path):
    """`workbench` makes the sample in the user's data folder on first run and opens it."""
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    sample_file = tmp_path / "data" / "PolicyBriefing" / "Workbench" / file_flows.SAMPLE_NAME
    lock = sample_file.with_name(sample_file.name + ".lock")
    proc = subprocess.Popen([sys.executable, "-m", "workbench"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parent.parent)
    try:
        assert _wait_for(lock.exists, proc), proc.stderr.read().decode() if proc.poll() is not None else "timeout"
        assert sample_file.exists()
    finally:
        proc.terminate()
        proc.wait(30)


def test_workbench_open_path_opens_that_file(sample_path, tmp_path):
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    lock = sample_path.with_name(sample_path.name + ".lock")
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "open", str(sample_path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parent.parent)
    try:
        assert _wait_for(lock.exists, proc), "the window did not open the project"
    finally:
        proc.terminate()
        proc.wait(30)
