"""Shared fixtures: real project files in a temp folder, never mocks of the store."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKBENCH_USER", "tester")
# Keep the record of checked files (store/trust.py) out of the user's home.
os.environ["WORKBENCH_STATE_DIR"] = tempfile.mkdtemp(prefix="workbench-state-")

from workbench import sample  # noqa: E402  (environment first)
from workbench.store.project import Project  # noqa: E402


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built once per run; tests get their own copy of the file."""
    path = tmp_path_factory.mktemp("template") / "sample.pbw"
    sample.create_sample(path).close()
    return path


@pytest.fixture
def sample_path(sample_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample project file, closed, for this test alone."""
    target = tmp_path / "sample.pbw"
    shutil.copyfile(sample_template, target)
    return target


@pytest.fixture
def sample_project(sample_path: Path) -> Iterator[Project]:
    project = Project.open(sample_path)
    yield project
    project.close()


@pytest.fixture
def empty_project(tmp_path: Path) -> Iterator[Project]:
    project = sample.create_empty(tmp_path / "empty.pbw")
    yield project
    project.close()


@pytest.fixture
def session(qtbot, sample_project: Project):
    """The window's session on the sample project; its worker is stopped after the test."""
    from workbench.ui.session import ProjectSession  # Qt: loaded only by the tests that ask

    s = ProjectSession(sample_project)
    yield s
    s.io.shutdown()


@pytest.fixture
def dialog(qtbot, session):
    """The Export brief dialog, shown, on the sample project's session."""
    from workbench.ui.export_dialog import ExportDialog

    d = ExportDialog(session)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.ready, timeout=20_000)  # its briefs are read on a worker
    yield d
    d.close()


@pytest.fixture(autouse=True)
def _collect_on_the_ui_thread() -> Iterator[None]:
    """As in the app (ui/long_lived.py): once a Qt application exists, cycles are collected on
    the main thread only, never by a worker that happens to allocate; and after each test too,
    for tests that run no event loop."""
    import sys

    from workbench.ui import long_lived  # imports no Qt itself

    def app():
        widgets = sys.modules.get("PySide6.QtWidgets")  # loaded by the Qt tests' imports
        return widgets.QApplication.instance() if widgets is not None else None

    if app() is not None:
        long_lived.collect_on_ui_thread(app())
    yield
    if app() is not None:
        long_lived.collect_on_ui_thread(app())
        long_lived.collect_due()


@pytest.fixture(autouse=True)
def _unanswered_dialogs_fail(monkeypatch) -> Iterator[None]:
    """Offscreen, a message box or file or input dialog nobody answers waits for ever and the
    run hangs. One that a test did not ask for (with the `messages` fixture or its own answer)
    is cancelled (a box gets its default button) and the test fails, saying what it asked."""
    import sys

    widgets = sys.modules.get("PySide6.QtWidgets")  # loaded by the Qt tests' imports
    if widgets is None:
        yield
        return
    box = widgets.QMessageBox
    shown: list[str] = []

    def unasked(kind: str, answer):
        def show(_parent=None, title="", text="", *_a, **_k):
            shown.append(f"{kind} “{title}”: {text}")
            return answer
        return staticmethod(show)

    for cls, kind, answer in (
            (box, "critical", box.StandardButton.Ok), (box, "warning", box.StandardButton.Ok),
            (box, "information", box.StandardButton.Ok), (box, "question", box.StandardButton.Cancel),
            (widgets.QFileDialog, "getOpenFileName", ("", "")), (widgets.QFileDialog, "getOpenFileNames", ([], "")),
            (widgets.QFileDialog, "getSaveFileName", ("", "")), (widgets.QFileDialog, "getExistingDirectory", ""),
            (widgets.QInputDialog, "getText", ("", False)), (widgets.QInputDialog, "getItem", ("", False)),
            (widgets.QInputDialog, "getMultiLineText", ("", False))):
        monkeypatch.setattr(cls, kind, unasked(kind, answer))
    yield
    if shown:
        pytest.fail("A dialog no test step expected was shown: " + " | ".join(shown))


@pytest.fixture
def rules_alone() -> Iterator[None]:
    """The finder's rules without the model's say: weights that keep every direct mark the
    rules give, so that refitting the model (its own tests are in test_evidence_model.py)
    cannot fail a test of a rule."""
    from workbench.evidence import model

    w = model.current()
    with model.using(model.Weights(w.bias, w.weights, direct_at=0.0)):
        yield
