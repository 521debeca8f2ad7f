"""Importing files and folders into a project as sources.

Each file is read on its own: a bad file gets a message and the batch goes on. Files are
read and parsed outside any write transaction (a slow PDF never holds the project's write
lock); the parsed documents are then written in short transactions of a few hundred, so a
crash loses at most the batch in flight and never a committed source, while import stays
fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.models import ParsedDocument
from workbench.ingest.errors import IngestError
from workbench.ingest.files import collect_paths
from workbench.ingest.reader import read_documents
from workbench.store import bulk, sources
from workbench.store.project import Project

# progress(done, total, current file name) -> False to cancel
Progress = Callable[[int, int, str], bool | None]

# Fewer, larger batches: each commit rewrites the index pages its rows touched and flushes
# the full-text indexes, and into a 100,000-source project that cost grows with the file.
# A batch still holds the write lock for about a second (the window's saves wait up to 5 s).
_BATCH_FILES = 500
_BATCH_SECONDS = 1.0


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)  # new source ids
    duplicates: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, plain message)
    notices: list[str] = field(default_factory=list)  # worth saying, not failures
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
    report = ImportReport()
    files, skipped = collect_paths((Path(p) for p in paths), report.notices)
    report.failed.extend(skipped)
    with bulk.batch_cache(project):  # a batch's pages stay in memory until its commit
        _import_files(project, files, progress, reliability, report)
    return report


def _import_files(project: Project, files: list[Path], progress: Progress | None, reliability: str,
                  report: ImportReport) -> None:
    total = len(files)
    i = 0
    while i < total and not report.cancelled:
        started = time.monotonic()
        parsed: list[tuple[Path, ParsedDocument]] = []
        while i < total:
            path = files[i]
            if progress is not None and progress(i, total, path.name) is False:
                report.cancelled = True
                break
            parsed.extend(_read(path, report))
            i += 1
            if len(parsed) >= _BATCH_FILES or time.monotonic() - started > _BATCH_SECONDS:
                break
        if parsed:
            _write(project, parsed, reliability, report)
    if progress is not None and not report.cancelled:
        progress(total, total, "")


def _read(path: Path, report: ImportReport) -> list[tuple[Path, ParsedDocument]]:
    try:
        entries = read_documents(path)
    except IngestError as e:
        report.failed.append((path, str(e)))
        return []
    out = []
    for label, doc in entries:
        if isinstance(doc, IngestError):
            report.failed.append((path, f"{label}: {doc}"))
        elif not doc.text.strip():
            report.failed.append((path, f"{label} has no text to import"))
        else:
            out.append((path, doc))
    return out


def _write(project: Project, parsed: list[tuple[Path, ParsedDocument]], reliability: str,
           report: ImportReport) -> None:
    """One short write transaction for a batch of parsed documents: all of them or none."""
    added: list[int] = []
    duplicates: list[Path] = []
    with project.transaction():
        for path, doc in parsed:
            source_id = sources.add(project, doc, reliability=reliability)
            if source_id is None:
                duplicates.append(path)
            else:
                added.append(source_id)
    report.added.extend(added)
    report.duplicates.extend(duplicates)
