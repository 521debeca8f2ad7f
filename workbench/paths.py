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
