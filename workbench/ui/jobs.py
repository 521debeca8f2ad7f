"""Running a long job with a progress dialog and a Cancel button (import, check, share)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.ui.tasks import Job, Task


class JobRunner:
    """Starts Tasks for a window and keeps them alive until they end."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.running: set[Task] = set()

    def start(self, title: str, job: Job, done: Callable[[Any], None],
              failed: Callable[[str], None] | None = None, *, cancellable: bool = True) -> Task:
        """Run *job* in a worker behind a window-modal progress dialog."""
        dialog = QProgressDialog(title, "Cancel" if cancellable else "", 0, 0, self.parent)
        dialog.setWindowTitle(title.rstrip("…."))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs finish before a dialog flashes up
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        task = Task(job, self.parent)
        self.running.add(task)

        def progress(n: int, total: int, text: str) -> None:
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(n, total))
            if text:
                dialog.setLabelText(f"{title}\n{text}")

        def end() -> None:
            dialog.close()
            dialog.deleteLater()
            self.running.discard(task)
            task.deleteLater()

        def ok(result: object) -> None:
            end()
            done(result)

        def bad(message: str) -> None:
            end()
            if failed is not None:
                failed(message)

        task.progress.connect(progress)
        task.finished.connect(ok)
        task.failed.connect(bad)
        dialog.canceled.connect(task.cancel)
        task.start()
        return task

    def busy(self) -> bool:
        return any(t.is_running() for t in self.running)

    def wait_all(self) -> None:
        for task in list(self.running):
            task.cancel()
            task.wait()
