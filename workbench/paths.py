"""Where the app's own files are: resources/ and seeds/, in a checkout or a bundled build."""

from __future__ import annotations

import os
import sys

# pathlib is loaded by the functions that return a Path: a command that only reads a project
# (`workbench search`) starts without it and the `re` and `enum` modules it pulls in.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def app_root() -> Path:
    """The folder holding resources/ and seeds/ (the checkout, or the bundle's data folder)."""
    from pathlib import Path

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
    from pathlib import Path

    return Path(state_folder())


def state_folder() -> str:
    """`state_dir()` as a plain string."""
    override = os.environ.get("WORKBENCH_STATE_DIR")
    if override:
        return override
    home = os.path.expanduser("~")
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
    elif sys.platform == "darwin":
        base = os.path.join(home, "Library", "Application Support")
    else:
        base = os.environ.get("XDG_STATE_HOME") or os.path.join(home, ".local", "state")
    return os.path.join(base, "policy-briefing-workbench")
