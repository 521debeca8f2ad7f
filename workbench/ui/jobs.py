"""Long jobs with a progress dialog and a Cancel button (import, check, share).

The job itself runs on the session's I/O service (project_io.py), which orders it after the
writes queued before it, reports progress, and delivers its result or its error; this module
only adds the window-modal dialog around it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.store.errors import ProjectError
from workbench.ui.io_handle import Handle, ReadJob


class JobRunner:
    """Shows a progress dialog for each long job a window starts."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.running: dict[Handle, QProgressDialog] = {}

    def start(self, session, title: str, job: ReadJob, done: Callable[[Any], None],
              failed: Callable[[ProjectError], None] | None = None, *, cancellable: bool = True) -> Handle:
        """Run `job(project, progress)` on *session*'s I/O service behind a progress dialog."""
        dialog = QProgressDialog(title, "Cancel" if cancellable else "", 0, 0, self.parent)
        dialog.setWindowTitle(title.rstrip("…."))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs finish before a dialog flashes up
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)

        def progress(n: int, total: int, text: str) -> None:
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(n, total))
            if text:
                dialog.setLabelText(f"{title}\n{text}")

        def end() -> None:
            self.running.pop(handle, None)
            dialog.close()
            dialog.deleteLater()

        def ok(result: object) -> None:
            end()
            done(result)

        def bad(error: ProjectError) -> None:
            end()
            if failed is not None:
                failed(error)
            else:
                session.refuse(error)

        handle = session.io.job(job, ok, bad, progress=progress)
        self.running[handle] = dialog
        dialog.canceled.connect(handle.cancel)
        return handle

    def busy(self) -> bool:
        return any(not h.finished for h in self.running)

    def close_dialogs(self) -> None:
        """The project is closing: cancel the jobs (the I/O service waits for them) and close."""
        for handle, dialog in list(self.running.items()):
            handle.cancel()
            dialog.close()
            dialog.deleteLater()
        self.running.clear()
