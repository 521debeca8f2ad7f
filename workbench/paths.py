"""Where the app's own files are: resources/ and seeds/, in a checkout or a bundled build."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding resources/ and seeds/ (the checkout, or the bundle's data folder)."""
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled)
    return Path(__file__).resolve().parent.parent


def resources() -> Path:
    return app_root() / "resources"


def seeds() -> Path:
    return app_root() / "seeds"


def state_dir() -> Path:
    """The app's own state folder (the record of checked files, the log file).

    WORKBENCH_STATE_DIR overrides it (tests keep it out of the user's home).
    """
    import os

    override = os.environ.get("WORKBENCH_STATE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state"))
    return base / "policy-briefing-workbench"
