"""What the makers of the frozen project files share: one more migration step on the file of
the version before, as a workbench of that version did, then the maker's own rows."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from workbench.store.schema import MIGRATIONS  # noqa: E402


def step(path: Path, version: int, rows: Callable[[sqlite3.Connection], None] | None = None) -> None:
    """Take the version-(*version* - 1) file at *path* to *version*, then write *rows* in the same
    transaction."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    MIGRATIONS[version - 1](db)
    db.execute(f"PRAGMA user_version = {int(version)}")
    if rows is not None:
        rows(db)
    db.execute("COMMIT")
    db.execute("VACUUM")
    db.close()


def main(target: Path, build: Callable[[Path], None], replace: bool = False) -> None:
    """Rebuild *target*; an existing file is replaced only when *replace* is set."""
    if target.exists():
        if not replace:
            sys.exit(f"{target} exists; delete it first to rebuild it.")
        target.unlink()
    build(target)
    print(f"wrote {target} ({target.stat().st_size} bytes)")
