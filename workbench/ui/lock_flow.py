"""Opening a file anyway when another computer's lock says it is in use.

The lock is never broken silently (HAZARDS): the analyst sees who holds it, where, since when,
and what can go wrong, and must choose "Open anyway". Only the lock they were warned about is
removed; if it changed meanwhile the file opens read-only again and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.store import lock
from workbench.store.lock import LockInfo
from workbench.ui.banner import lock_age, lock_is_stale
from workbench.ui.plain_text import plain

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow


def foreign(holder: LockInfo | None) -> bool:
    """Whether *holder* is another computer's lock (this computer's live locks are never taken over)."""
    return holder is not None and holder.host != lock.host_name()


def warning_box(parent: QWidget, file_name: str, holder: LockInfo) -> QMessageBox:
    """The warning before taking over the file; its "Open anyway" button is `box.open_button`."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Open anyway?", "", QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("openAnywayWarning")
    stale = ("The lock is old, so the workbench there most likely stopped without closing the file. "
             if lock_is_stale(holder) else "")
    box.setText(plain(f"{file_name} is {holder.describe()}{lock_age(holder)}."))
    box.setInformativeText(plain(
        f"{stale}Open it anyway only if you are sure {holder.user} has closed it. If you both change "
        "it, one of you will lose work, and a file on a shared folder can be damaged.\n\n"
        "Safer: ask them to close it, or save a copy and merge it later."))
    box.open_button = box.addButton("Open anyway", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    return box


def open_anyway(window: MainWindow) -> bool:
    """Ask, then take the lock over and open the file for writing; True if it opened writable."""
    session = window.session
    holder = session.project.lock_holder if session is not None else None
    if session is None or not foreign(holder):
        return False
    path = session.project.path
    box = warning_box(window.dialog_parent(), path.name, holder)
    box.exec()
    chosen = box.clickedButton() is box.open_button
    box.deleteLater()
    if not chosen:
        return False
    window.close_project()
    broken = lock.break_lock(path, holder)
    if not window.open_project(path):
        return False
    if not broken:
        # The banner names the new holder; the status bar says why nothing was taken over.
        window.show_message(f"The lock on {path.name} changed meanwhile and was left alone: "
                            "it opened read-only again.")
    return not window.session.read_only
