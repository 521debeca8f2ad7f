"""Expanding the files and folders a user picked into the list of files to read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from workbench.ingest.errors import display_name

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")

# Deeper than this is a mistake or a trap, not a document archive.
_MAX_DEPTH = 64


def is_supported(path: Path) -> bool:
    """True if the file's extension is one we can read (case-insensitive)."""
    return path.suffix.lower() in SUPPORTED


def collect_paths(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand files and folders into (files to read, [(path, reason it was skipped)]).

    Folders are walked recursively in sorted order, skipping hidden entries and never
    following symbolic links to folders (so link loops cannot trap the walk). Files of
    other types inside folders are skipped silently; a path given explicitly that is
    missing or of an unsupported type is reported with a plain reason.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()  # follows a link the user chose explicitly
        except FileNotFoundError:
            skipped.append((path, f"{display_name(path)} was not found"))
            continue
        except OSError as error:
            skipped.append((path, _unreadable(path, error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, files, skipped, seen, {_identity(info)}, 0)
        elif not stat.S_ISREG(info.st_mode):
            skipped.append((path, f"{display_name(path)} is not a regular file"))
        elif not is_supported(path):
            skipped.append((path, _unsupported(path)))
        else:
            _add(path, files, seen)
    return files, skipped


def _walk(folder: Path, files: list[Path], skipped: list[tuple[Path, str]],
          seen: set[str], visited: set[tuple[int, int]], depth: int) -> None:
    if depth > _MAX_DEPTH:
        skipped.append((folder, f"{display_name(folder)} is nested too deeply; it was skipped"))
        return
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: (e.name.casefold(), e.name))
    except OSError as error:
        skipped.append((folder, _unreadable(folder, error)))
        return
    for entry in entries:
        if entry.name.startswith(".") or _hidden_on_windows(entry):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                identity = _identity(entry.stat(follow_symlinks=False))
                if identity not in visited:  # bind mounts and junctions can loop too
                    visited.add(identity)
                    _walk(path, files, skipped, seen, visited, depth + 1)
            elif entry.is_file() and is_supported(path):
                # is_file() follows a link to a file; links to folders were refused above
                _add(path, files, seen)
        except OSError:
            continue  # vanished or unreadable entry inside a folder: not worth a message


def _add(path: Path, files: list[Path], seen: set[str]) -> None:
    """Add each file once, even if given both directly and inside a folder."""
    key = os.path.normcase(os.path.realpath(path))
    if key not in seen:
        seen.add(key)
        files.append(path)


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _hidden_on_windows(entry: os.DirEntry[str]) -> bool:
    if os.name != "nt":
        return False
    try:
        attributes = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def _unsupported(path: Path) -> str:
    kind = path.suffix.lower() or "no extension"
    return (f"{display_name(path)} is not a supported file type ({kind}); "
            "import .txt, .md, .html or .pdf files")


def _unreadable(path: Path, error: OSError) -> str:
    if isinstance(error, PermissionError):
        return f"{display_name(path)} could not be opened: permission denied"
    return f"{display_name(path)} could not be opened"
