"""What the window remembers between runs (QSettings): geometry, splitters, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 10


class AppSettings:
    """A thin, typed layer over QSettings; tests pass their own QSettings file."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.q = settings if settings is not None else QSettings()

    # -- recent files ----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        raw = self.q.value("files/recent", [])
        if isinstance(raw, str):  # QSettings gives a bare string for a one-item list
            raw = [raw]
        return [Path(p) for p in raw or [] if p]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        items = [p for p in self.recent_files() if p != path]
        self.q.setValue("files/recent", [str(p) for p in [path, *items][:MAX_RECENT]])
        self.q.setValue("files/last", str(path))

    def clear_recent(self) -> None:
        self.q.setValue("files/recent", [])

    def last_project(self) -> Path | None:
        raw = self.q.value("files/last", "")
        return Path(raw) if raw else None

    # -- window state ----------------------------------------------------------------------

    def save_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.q.setValue("window/geometry", window.saveGeometry())
        self.q.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            self.q.setValue(f"window/splitter/{name}", splitter.saveState())
        self.q.sync()

    def restore_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
        """Restore what was saved; False when there was nothing (first run)."""
        geometry = self.q.value("window/geometry")
        if not isinstance(geometry, QByteArray) or geometry.isEmpty():
            return False
        window.restoreGeometry(geometry)
        state = self.q.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for name, splitter in splitters.items():
            saved = self.q.value(f"window/splitter/{name}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
        return True

    # -- small preferences -----------------------------------------------------------------

    def last_credibility(self) -> int:
        try:
            value = int(self.q.value("cite/credibility", 6))
        except (TypeError, ValueError):
            return 6
        return value if 1 <= value <= 6 else 6

    def set_last_credibility(self, value: int) -> None:
        self.q.setValue("cite/credibility", int(value))

    # -- who the analyst is (preferences.py) ----------------------------------------------

    def display_name(self) -> str:
        return str(self.q.value("identity/name", "") or "")

    def initials(self) -> str:
        return str(self.q.value("identity/initials", "") or "")

    def identity_asked(self) -> bool:
        return str(self.q.value("identity/asked", "")).lower() in ("true", "1")

    def set_identity(self, name: str, initials: str) -> None:
        self.q.setValue("identity/name", name)
        self.q.setValue("identity/initials", initials)
        self.q.setValue("identity/asked", True)
        self.q.sync()

    def set_identity_asked(self) -> None:
        self.q.setValue("identity/asked", True)

    def last_folder(self, what: str) -> str:
        return str(self.q.value(f"folders/{what}", "") or "")

    def set_last_folder(self, what: str, folder: Path) -> None:
        self.q.setValue(f"folders/{what}", str(folder))
