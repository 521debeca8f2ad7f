"""Ending the app from outside (SIGTERM at logout or from `kill`, SIGINT from Ctrl+C in a
terminal) closes every window as Quit does: typed text is saved and the lock is released.

Qt's event loop runs in C++, where Python's signal handlers cannot run; the signal's wakeup
byte on a socket pair wakes the loop, Python then runs the handler, and the handler asks
the loop to close the windows once it is back in charge.
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication


def close_all() -> None:
    """Close every window (each saves and releases its project), then leave the event loop."""
    app = QApplication.instance()
    modal = app.activeModalWidget()
    while modal is not None and modal.isVisible():  # a dialog open at logout: it is cancelled
        modal.close()
        next_modal = app.activeModalWidget()
        if next_modal is modal:
            break
        modal = next_modal
    for widget in app.topLevelWidgets():
        if widget.isWindow() and widget.isVisible():
            widget.close()
    app.quit()


def close_on_signals(app: QApplication) -> QObject:
    """Handle SIGTERM and SIGINT by closing cleanly; returns the object that keeps this alive."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            reader.recv(256)
        except OSError:
            pass

    notifier.activated.connect(drain)
    notifier._sockets = (reader, writer)  # closed with the app, not before

    def handle(_signum, _frame) -> None:
        QTimer.singleShot(0, close_all)

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return notifier
