"""The strip at the top of the window that says a project is read-only, and offers a way out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from workbench.store.lock import STALE_AFTER_HOURS, LockInfo, age_hours
from workbench.ui import appearance


def lock_is_stale(holder: LockInfo) -> bool:
    """Whether the lock is old enough to have been left behind rather than kept."""
    age = age_hours(holder)
    return age is not None and age > STALE_AFTER_HOURS


def lock_age(holder: LockInfo) -> str:
    """' (3 hours ago)', ' (2 days ago)', or '' when the record gives no time."""
    age = age_hours(holder)
    if age is None:
        return ""
    if age < 1:
        return " (less than an hour ago)"
    if age < 48:
        return f" ({int(age)} hour{'s' if int(age) != 1 else ''} ago)"
    return f" ({int(age // 24)} days ago)"


class ReadOnlyBanner(QFrame):
    """Hidden unless `show_reason()` or `show_location_risk()` is called.

    Its button emits `save_copy_requested`; `local_copy` tells whether the copy should go to a
    local folder (the file's own folder is the risky place) rather than beside the file.
    """

    save_copy_requested = Signal()
    open_anyway_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        appearance.banner(self)
        self.label = QLabel(self)
        self.label.setObjectName("bannerText")
        appearance.warning_text(self.label)
        appearance.color(self.label, appearance.BANNER_TEXT)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QPushButton("Save a copy as…", self)
        self.button.setObjectName("bannerButton")
        self.button.clicked.connect(self.save_copy_requested)
        # Only for a lock another computer holds: take the file over after a warning.
        self.anyway = QPushButton("Open anyway…", self)
        self.anyway.setObjectName("openAnyway")
        self.anyway.clicked.connect(self.open_anyway_requested)
        self.anyway.hide()
        self.local_copy = False
        self.repair = False  # the button saves a repaired copy (the file holds wrong values)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.anyway)
        self.hide()

    def show_lock(self, file_name: str, holder: LockInfo) -> None:
        """Who holds the file, where and since when; a stale lock is called so. Both a copy
        and "Open anyway" are offered."""
        self.show_reason(file_name, holder.describe())
        self.label.setText(f"Read-only: {file_name} is {holder.describe()}{lock_age(holder)}. "
                           + ("The lock is old: it was probably left behind by a crash or a laptop "
                              "that was shut. " if lock_is_stale(holder) else "")
                           + "You can read, search and export; save a copy to work on it, or open "
                           "it anyway if they have finished.")
        self.anyway.show()

    def show_reason(self, file_name: str, reason: str) -> None:
        self.anyway.hide()
        self.local_copy = False
        self.repair = False
        self.button.setText("Save a copy as…")
        # A copy of a newer file is just as new: only an update helps there.
        newer = "newer version" in reason
        self.button.setVisible(not newer)
        if newer:
            self.label.setText(f"Read-only: {file_name} was {reason}. You can read, search and export; "
                               "update the workbench to change it.")
            self.show()
            return
        self.label.setText(
            f"Read-only: {file_name} is {reason}. You can read, search and export, but changes "
            "are not possible here. Save a copy to work on it."
            if reason.startswith("in use") else
            f"Read-only: {file_name} opened read-only ({reason}). Save a copy to make changes."
        )
        self.show()

    def show_damage(self, file_name: str, damage: list[str]) -> None:
        """Say that the file holds wrong values and offer a repaired copy (`repair` is True)."""
        self.anyway.hide()
        self.local_copy = False
        self.repair = True
        self.button.setText("Save a repaired copy…")
        self.button.show()
        first = damage[0] if damage else ""
        more = f" and {len(damage) - 1} more" if len(damage) > 1 else ""
        self.label.setText(
            f"Read-only: {file_name} holds values the workbench does not accept ({first}{more}). "
            "You can read, search and export what is sound; save a repaired copy to work on it."
        )
        self.show()

    def show_checking(self, file_name: str) -> None:
        """A received file is open while its check runs: reading now, changes after."""
        self.anyway.hide()
        self.button.hide()
        self.label.setText(f"Checking {file_name}… You can read and search now; changes are "
                           "possible once the check has found the file sound.")
        self.show()

    def show_mending(self, file_name: str) -> None:
        """A received file with wrong values is opened again through a mended copy."""
        self.anyway.hide()
        self.button.hide()
        self.label.setText(f"{file_name} holds values the workbench does not accept: checking every value "
                           "and making a mended copy to read. The file itself is left as it is.")
        self.show()

    def show_location_risk(self, file_name: str, risk: str) -> None:
        """Warn that the file's place (a sync folder, a network share) can damage it."""
        self.anyway.hide()
        self.local_copy = True
        self.repair = False
        self.button.setText("Save a local copy…")
        self.button.show()
        self.label.setText(
            f"{file_name} is open where it can be damaged: {risk}. Sync services and network "
            "shares can corrupt a project file while it is open. Work on a local copy, and "
            "share a copy back when you are done."
        )
        self.show()
