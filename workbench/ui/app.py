"""Starting the window: `run(path)` is what `workbench` and `workbench open P` call.

Importing this module has no side effects; the QApplication is made in `run()` (or by tests).
"""

from __future__ import annotations

import sys
from pathlib import Path

ORGANIZATION = "PolicyBriefing"
APPLICATION = "Workbench"
DISPLAY_NAME = "Policy Briefing Workbench"


def configure(app) -> None:  # app: QApplication
    """Names (so QSettings and data folders are the app's own), style and palette, and the
    garbage collector kept to the UI thread (long_lived.py)."""
    from workbench import __version__
    from workbench.ui import appearance, icons, long_lived

    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    # The installed desktop entry (packaging/linux): Wayland matches windows to it by this name.
    app.setDesktopFileName("policy-briefing-workbench")
    app.setWindowIcon(icons.get("app"))
    appearance.apply(app)
    long_lived.collect_on_ui_thread(app)


def start_window(path: Path | None, *, settings=None):  # -> MainWindow (not shown yet)
    """A window on *path*; with none, on the project worked on last (the sample on the very
    first start, or when the last project is gone, which the status bar then says)."""
    from PySide6.QtWidgets import QMessageBox

    from workbench.store.errors import ProjectError
    from workbench.ui.file_flows import ensure_sample
    from workbench.ui.main_window import MainWindow
    from workbench.ui.plain_text import plain

    window = MainWindow(settings=settings)
    missing: Path | None = None
    if path is None:
        last = window.settings.last_project()
        if last is not None and last.is_file():
            path = last
        else:
            missing = last
            try:
                path = ensure_sample()
            except (ProjectError, OSError, ValueError) as e:
                QMessageBox.critical(window, DISPLAY_NAME, plain(f"The sample project could not be made: {e}"))
                path = None
    if path is not None:
        window.open_project(Path(path))  # before show(), so the first paint has the project
    if missing is not None:
        window.show_message(f"{missing.name} is no longer at {missing.parent}; the sample project is open instead.")
    return window


def run(path: Path | None) -> int:
    """Open the window on *path* (None: the last project) and run until it closes."""
    from PySide6.QtWidgets import QApplication

    from workbench.ui.log_file import start_logging

    start_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    window = start_window(path)
    window.show()
    import os

    from PySide6.QtCore import QTimer

    from workbench.ui import preferences, shutdown

    keep = shutdown.close_on_signals(app)  # logout and `kill` close the project cleanly
    if not os.environ.get("WORKBENCH_USER", "").strip():  # a name given there needs no asking
        QTimer.singleShot(0, lambda: preferences.ask_once(window))  # the first start asks who you are
    code = app.exec()
    del keep
    return code
