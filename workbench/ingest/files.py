"""Expanding the files and folders a user picked into the list of files to read."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from workbench.ingest.errors import display_name

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".odt",
             ".json", ".ris", ".bib")
SUPPORTED_WORDS = ".txt, .md, .html, .pdf, .docx, .odt files or CSL-JSON, RIS, BibTeX exports"

# Deeper than this is a mistake or a trap, not a document archive.
_MAX_DEPTH = 64


def is_supported(path: Path) -> bool:
    """True if the file's extension is one we can read (case-insensitive)."""
    return path.suffix.lower() in SUPPORTED


# Inside folders, JSON files are mostly other programs' data (settings, package lists):
# only a CSL-JSON file chosen on its own is read as a library export.
_NOT_IN_FOLDERS = (".json",)


def collect_paths(paths: Iterable[Path], notices: list[str] | None = None,
                  ) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand files and folders into (files to read, [(path, reason it was skipped)]).

    Folders are walked recursively in sorted order, skipping hidden entries. The walk stays
    inside the chosen folder: a symbolic link is followed only to a regular file inside it
    (never out of the folder, to a device, a FIFO or /proc, and never to a folder, so link
    loops cannot trap it). Files of other types and unreadable entries are reported with a
    plain reason. A link named explicitly is followed, and *notices* says so, as it says
    that JSON files inside folders were not read.
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
        if path.is_symlink() and notices is not None:
            notices.append(f"{display_name(path)} is a symbolic link; it was followed to "
                           f"{display_name(os.path.realpath(path))}")
        if stat.S_ISDIR(info.st_mode):
            root = os.path.realpath(path)
            passed: list[Path] = []
            _walk(path, root, files, skipped, seen, {_identity(info)}, 0, passed)
            if passed and notices is not None:
                names = ", ".join(display_name(p) for p in passed[:3]) + (" …" if len(passed) > 3 else "")
                notices.append(f"JSON files inside folders are not read ({names}); "
                               "import a CSL-JSON export on its own")
        elif not stat.S_ISREG(info.st_mode):
            skipped.append((path, f"{display_name(path)} is not a regular file"))
        elif not is_supported(path):
            skipped.append((path, _unsupported(path)))
        else:
            _add(path, files, seen)
    return files, skipped


def _walk(folder: Path, root: str, files: list[Path], skipped: list[tuple[Path, str]],
          seen: set[str], visited: set[tuple[int, int]], depth: int, passed: list[Path]) -> None:
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
            if entry.is_symlink():
                _linked_file(path, root, files, skipped, seen)
            elif entry.is_dir(follow_symlinks=False):
                identity = _identity(entry.stat(follow_symlinks=False))
                if identity not in visited:  # bind mounts and junctions can loop too
                    visited.add(identity)
                    _walk(path, root, files, skipped, seen, visited, depth + 1, passed)
            elif not entry.is_file(follow_symlinks=False):
                skipped.append((path, f"{display_name(path)} is not a regular file"))
            elif path.suffix.lower() in _NOT_IN_FOLDERS:
                passed.append(path)
            elif is_supported(path):
                _add(path, files, seen)
            elif not _is_project_file(entry.name):
                skipped.append((path, _unsupported(path)))
        except OSError as error:
            skipped.append((path, _unreadable(path, error)))


def _linked_file(link: Path, root: str, files: list[Path], skipped: list[tuple[Path, str]],
                 seen: set[str]) -> None:
    """A link inside a chosen folder: its target is read only if it is a file in the folder."""
    target = os.path.realpath(link)
    inside = os.path.normcase(target) == os.path.normcase(root) or \
        os.path.normcase(target).startswith(os.path.normcase(os.path.join(root, "")))
    if not inside:
        skipped.append((link, f"{display_name(link)} is a link to something outside the folder; "
                              "it was not followed"))
        return
    try:
        info = os.stat(target)
    except FileNotFoundError:  # the link is dangling: its file was moved or deleted
        skipped.append((link, f"{display_name(link)} is a link to a file that is not there; "
                              "it was skipped"))
        return
    if stat.S_ISDIR(info.st_mode):
        skipped.append((link, f"{display_name(link)} is a link to a folder; it was not followed"))
    elif not stat.S_ISREG(info.st_mode):
        skipped.append((link, f"{display_name(link)} is a link to something that is not a file; "
                              "it was not followed"))
    elif not is_supported(Path(target)):
        skipped.append((link, _unsupported(Path(target))))
    else:
        _add(Path(target), files, seen)  # the resolved file, so the read opens no link


def _is_project_file(name: str) -> bool:
    """Project files, their locks and journals: never sources, not worth a message."""
    lower = name.lower()
    return lower.endswith((".pbw", ".pbw.lock", ".pbw-journal")) or ".pbw." in lower


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
    return f"{display_name(path)} is not a supported file type ({kind}); import {SUPPORTED_WORDS}"


def _unreadable(path: Path, error: OSError) -> str:
    if isinstance(error, PermissionError):
        return f"{display_name(path)} could not be opened: permission denied"
    return f"{display_name(path)} could not be opened"
