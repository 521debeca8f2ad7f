"""One way to tell the analyst something: the notifier picks dialog, status bar or inline.

- `info` goes to the status bar (or to an inline label a dialog passes), and fades.
- `warning` is something to act on but nothing lost: inline when there is a place for it,
  otherwise a warning dialog.
- `error` means work may be at risk (the disk is full, the file vanished): always a dialog.

`problem(error)` sorts a ProjectError into one of these by its type, never by its words.
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QLabel, QMessageBox, QStatusBar, QWidget

from workbench.store.errors import ProjectError, StorageError
from workbench.ui.plain_text import plain

STATUS_MS = 6000


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3


def severity_of(error: ProjectError) -> Severity:
    """How loudly to say *error*: a refusal is a warning (a busy file, a name in use), a failing
    disk or a vanished file an error."""
    if isinstance(error, StorageError):
        return Severity.ERROR
    return Severity.WARNING


class Notifier:
    """Says things to the analyst for one window."""

    def __init__(self, window: QWidget, status_bar: QStatusBar | None = None,
                 label: QLabel | None = None) -> None:
        """Dialogs open over *window*; passing notes go to *status_bar*, or else to *label*
        (a dialog's own status line)."""
        self.window = window
        self.status_bar = status_bar
        self.label = label
        self.shown: list[tuple[Severity, str]] = []  # the last few, newest last (for bug reports)

    def tell(self, text: str, severity: Severity = Severity.INFO, *, title: str = "",
             inline: QLabel | None = None, parent: QWidget | None = None) -> None:
        """Say *text*, as loudly as *severity* asks."""
        self.shown = [*self.shown[-19:], (severity, text)]
        if severity == Severity.INFO or (severity == Severity.WARNING and inline is not None):
            if inline is None and self.status_bar is not None:
                self.status_bar.showMessage(text, STATUS_MS)
            elif (inline or self.label) is not None:
                (inline or self.label).setText(text)
            return
        owner = parent or self.window
        if severity == Severity.WARNING:
            QMessageBox.warning(owner, title or "Workbench", plain(text))
        else:
            QMessageBox.critical(owner, title or "Workbench", plain(text))

    def info(self, text: str, *, inline: QLabel | None = None) -> None:
        self.tell(text, Severity.INFO, inline=inline)

    def problem(self, error: ProjectError, title: str = "Change not saved", *,
                inline: QLabel | None = None, parent: QWidget | None = None) -> None:
        """Say why something was refused or failed, worded by the store, loud by its kind."""
        self.tell(str(error), severity_of(error), title=title, inline=inline, parent=parent)
