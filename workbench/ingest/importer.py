"""Importing files and folders into a project as sources.

Each file is read on its own: a bad file gets a message and the batch goes on. Files are
read and parsed outside any write transaction (a slow PDF never holds the project's write
lock); the parsed documents are then written in short transactions of a few hundred, so a
crash loses at most the batch in flight and never a committed source, while import stays
fast. A larger import reads and splits its files in worker processes (parse_pool), which
read ahead while this process writes: the writing is what one core does alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.models import ParsedDocument
from workbench.ingest.errors import IngestError
from workbench.ingest.files import collect_paths
from workbench.ingest.parse_pool import Read, default_count, pairs, read_files, read_here
from workbench.store import bulk, sources
from workbench.store.project import Project

# progress(done, total, current file name) -> False to cancel
Progress = Callable[[int, int, str], bool | None]

# Fewer, larger batches: each commit rewrites the index pages its rows touched and flushes
# the full-text indexes, and into a 100,000-source project that cost grows with the file.
# A batch still holds the write lock for about a second (the window's saves wait up to 5 s).
_BATCH_FILES = 500
_BATCH_SECONDS = 1.0
# From this many files on, worker processes read and split them while this one writes
# (starting them costs about as much as reading this many text files here).
POOL_FROM = 40

# A document ready to write: the file it came from, and its sentences (Part.spans).
Parsed = tuple[Path, ParsedDocument, Sequence[int]]


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
    parsed: list[Parsed] = []
    started = time.monotonic()
    with closing(_reads(files)) as reads:
        for i, (path, read) in enumerate(reads):
            if progress is not None and progress(i, total, path.name) is False:
                report.cancelled = True
                break
            parsed.extend(_documents(path, read_here(path) if read is None else read, report))
            if len(parsed) >= _BATCH_FILES or time.monotonic() - started > _BATCH_SECONDS:
                _write(project, parsed, reliability, report)
                parsed, started = [], time.monotonic()
    # The readers are stopped before the last batch is written: their work is over.
    if parsed:
        _write(project, parsed, reliability, report)
    if progress is not None and not report.cancelled:
        progress(total, total, "")


def _reads(files: list[Path]) -> Iterator[tuple[Path, Read | None]]:
    """What each file holds, in order: read by worker processes, ahead of the writing, when
    there are enough files to be worth starting them; else None, for reading it here once
    progress has named it."""
    if len(files) < POOL_FROM:
        return ((path, None) for path in files)
    return read_files(files, default_count())


def _documents(path: Path, read: Read, report: ImportReport) -> list[Parsed]:
    if isinstance(read, IngestError):
        report.failed.append((path, str(read)))
        return []
    out = []
    for part in read:
        if part.doc is None:
            report.failed.append((path, f"{part.label}: {part.error}"))
        elif not part.doc.text.strip():
            report.failed.append((path, f"{part.label} has no text to import"))
        else:
            out.append((path, part.doc, part.spans))
    return out


def _write(project: Project, parsed: list[Parsed], reliability: str,
           report: ImportReport) -> None:
    """One short write transaction for a batch of parsed documents: all of them or none."""
    added: list[int] = []
    duplicates: list[Path] = []
    with project.transaction():
        for path, doc, spans in parsed:
            source_id = sources.add(project, doc, reliability=reliability, spans=pairs(spans))
            if source_id is None:
                duplicates.append(path)
            else:
                added.append(source_id)
    report.added.extend(added)
    report.duplicates.extend(duplicates)
