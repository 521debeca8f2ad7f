"""Write a file whole or not at all: a temp file beside the target, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from workbench.store import location


@contextlib.contextmanager
def replace_file(target: Path, mode: str = "wb", *, project: Path | None,
                 **open_args) -> Iterator[IO]:
    """Yield a file to write; on success it replaces *target*, on any error it vanishes.

    The temp file is in the target's folder so the final rename stays on one file system
    (atomic there); a failed or cancelled export leaves the previous file as it was.
    A *target* that is the open *project* (or a link to it) is refused before anything is
    written; temporary files left there by a killed export are removed first.
    """
    target = Path(target)
    if project is not None:
        location.refuse_if_project(target, project)
    location.clean_leftovers(target.parent)
    tmp = location.temp_file(target)
    try:
        with open(tmp, mode, **open_args) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
