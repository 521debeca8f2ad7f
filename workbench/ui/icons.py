"""Icons from resources/icons (SVG, drawn for this app)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from workbench import paths


@cache
def get(name: str) -> QIcon:
    """The icon resources/icons/NAME.svg (an empty icon if the file is missing)."""
    path = paths.resources() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
