"""Importing files and folders into a project as sources.

Each file is read on its own: a bad file gets a message and the batch goes on. Sources are
committed in small batches (by count and by time), so a crash loses at most the batch in
flight and never a committed source, while import stays fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.ingest.errors import IngestError
from workbench.ingest.files import collect_paths
from workbench.ingest.reader import read_document
from workbench.store import sources
from workbench.store.project import Project

# progress(done, total, current file name) -> False to cancel
Progress = Callable[[int, int, str], bool | None]

_BATCH_FILES = 200
_BATCH_SECONDS = 0.5


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)  # new source ids
    duplicates: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, plain message)
    cancelled: bool = False

    def summary(self) -> str:
        parts = [f"{len(self.added)} imported"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the project")
        if self.failed:
            parts.append(f"{len(self.failed)} could not be read")
        if self.cancelled:
            parts.append("cancelled")
        return ", ".join(parts)


def import_paths(project: Project, paths: Iterable[Path | str], progress: Progress | None = None,
                 *, reliability: str = "F") -> ImportReport:
    """Import files and folders (recursively) into *project*; see ImportReport."""
    files, skipped = collect_paths(Path(p) for p in paths)
    report = ImportReport(failed=list(skipped))
    total = len(files)
    i = 0
    while i < total and not report.cancelled:
        started = time.monotonic()
        with project.transaction():
            while i < total:
                path = files[i]
                if progress is not None and progress(i, total, path.name) is False:
                    report.cancelled = True
                    break
                _import_one(project, path, reliability, report)
                i += 1
                if i % _BATCH_FILES == 0 or time.monotonic() - started > _BATCH_SECONDS:
                    break
    if progress is not None and not report.cancelled:
        progress(total, total, "")
    return report


def _import_one(project: Project, path: Path, reliability: str, report: ImportReport) -> None:
    try:
        doc = read_document(path)
    except IngestError as e:
        report.failed.append((path, str(e)))
        return
    source_id = sources.add(project, doc, reliability=reliability)
    if source_id is None:
        report.duplicates.append(path)
    else:
        report.added.append(source_id)
