"""Writing many rows in one go (an import): a page cache that holds a whole batch.

SQLite's default page cache is 2 MiB. A batch of a few hundred sources written into a large
project dirties thousands of pages (the unique index on text hashes takes its new entries at
random places; the full-text indexes merge their segments): with the default cache SQLite
writes dirty pages out in the middle of the batch, syncing the journal each time, and reads
them back for the next source. The cache belongs to one connection and is given back when
the block ends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from workbench.store.project import Project

CACHE_KIB = 64 * 1024


@contextmanager
def batch_cache(project: Project, kib: int | None = None) -> Iterator[None]:
    """Run the block with a page cache of *kib* KiB (CACHE_KIB) on the project's connection."""
    (before,) = project.db.execute("PRAGMA cache_size").fetchone()
    project.db.execute(f"PRAGMA cache_size = {-int(kib or CACHE_KIB)}")
    try:
        yield
    finally:
        try:
            project.db.execute(f"PRAGMA cache_size = {int(before)}")
        except sqlite3.Error:
            pass  # the connection failed or closed: its cache went with it
