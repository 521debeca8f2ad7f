"""Who the analyst is: a display name and initials, kept in the app's settings.

The display name stamps every change this window writes (`updated_by`, the change log) and
names the holder in the lock a colleague sees. It is plain data handed to the store when a
project is opened; the store itself knows nothing of settings.
"""

from __future__ import annotations

import os
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

MAX_NAME = 80
MAX_INITIALS = 4


def clean_name(text: str) -> str:
    """One line of printable text, spaces collapsed, at most MAX_NAME characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_NAME]


def initials_of(name: str) -> str:
    """'Ana María López' -> 'AML'; letters only, at most MAX_INITIALS."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    return "".join(w[0].upper() for w in words)[:MAX_INITIALS]


def short_name(name: str) -> str:
    """Who, in short: the initials of a name of several words; a one-word name ('bob') as it
    is, since a lone initial says nothing."""
    short = initials_of(name)
    return short if len(short) > 1 else name


def login_full_name() -> str:
    """The login's full name from the account database (the GECOS field), else the login name."""
    from workbench.store.lock import current_user

    given = clean_name(os.environ.get("WORKBENCH_USER", ""))
    if given:  # the name the stamps already use
        return given
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0]
    except (ImportError, KeyError, AttributeError, OSError):
        gecos = ""
    return clean_name(gecos) or current_user()


class PreferencesDialog(QDialog):
    """Display name and initials; OK (or Ctrl+Enter) keeps them."""

    def __init__(self, name: str, initials: str, parent: QWidget | None = None, *, first: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(MAX_NAME)
        self.name.setAccessibleName("Display name")
        self.initials = QLineEdit(initials or initials_of(name), self)
        self.initials.setMaxLength(MAX_INITIALS)
        self.initials.setAccessibleName("Initials")
        self._initials_typed = bool(initials) and initials != initials_of(name)
        self.initials.textEdited.connect(lambda _t: setattr(self, "_initials_typed", True))
        self.name.textEdited.connect(self._follow_name)

        intro = QLabel(("Welcome. " if first else "")
                       + "Your name stamps each change you make and tells colleagues who has a project open.",
                       self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Display name", self.name)
        form.addRow("&Initials", self.initials)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda t: self.ok.setEnabled(bool(clean_name(t))))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _follow_name(self, text: str) -> None:
        if not self._initials_typed:
            self.initials.setText(initials_of(clean_name(text)))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        # QDialog takes a plain Enter; Ctrl+Enter accepts too, as in the other dialogs.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if not clean_name(self.name.text()):
            return
        super().accept()

    def values(self) -> tuple[str, str]:
        name = clean_name(self.name.text())
        initials = clean_name(self.initials.text()).replace(" ", "")[:MAX_INITIALS] or initials_of(name)
        return name, initials


def edit(window, *, first: bool = False) -> bool:  # window: main_window.MainWindow
    """Show Preferences for *window*; keep and apply what is accepted. True if accepted.

    A new name stamps the open project's next changes: it is handed to the I/O service's
    writer in order with the writes already queued, so no change is stamped half-way."""
    settings = window.settings
    name = settings.display_name() or login_full_name()
    dialog = PreferencesDialog(name, settings.initials(), window, first=first)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted:
        if first:
            settings.set_identity_asked()  # asked once; Preferences stays in the Edit menu
        return False
    name, initials = dialog.values()
    settings.set_identity(name, initials)
    session = window.session
    if session is not None and not session.read_only:
        session.project.user = name
        session.io.write(lambda project: setattr(project, "user", name))
    window.show_message(f"Changes are now stamped “{name}”.")
    return True


def ask_once(window) -> None:
    """On the very first start, ask who the analyst is (prefilled from the login's full name)."""
    if not window.settings.identity_asked():
        edit(window, first=True)
