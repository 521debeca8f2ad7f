"""Where a project file lives, and whether that place is risky for an open SQLite file.

Sync services (Dropbox, OneDrive, iCloud, ...) and network shares copy or lock a database
while it is being written and can corrupt it; Zotero, Anki and calibre warn for the same
reason. The window warns and offers to work on a local copy.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path, PureWindowsPath

# Folder names that sync clients create, as they appear in a path (compared ignoring case).
_SYNC_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "cloudstorage": "a cloud storage",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "box": "Box",
    "box sync": "Box",
    "pcloud drive": "pCloud",
    "seafile": "Seafile",
    "syncthing": "Syncthing",
}

# Folders that carry an account or team name after the service's name.
_SYNC_PREFIXES = (("onedrive - ", "OneDrive"), ("onedrive-", "OneDrive"), ("dropbox (", "Dropbox"))

# File systems of network shares as /proc/self/mounts names them.
_NETWORK_FS = ("nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "afs", "9p", "fuse.rclone",
               "davfs", "fuse.davfs2", "ncpfs", "fuse.gvfsd-fuse")


def sync_service(path: Path) -> str:
    """The name of the sync service whose folder holds *path*, or ''."""
    for part in path.resolve().parent.parts:
        name = part.casefold()
        for prefix, service in _SYNC_PREFIXES:
            if name.startswith(prefix):  # "OneDrive - Ministry", "Dropbox (Team)"
                return service
        if name in _SYNC_FOLDERS:
            return _SYNC_FOLDERS[name]
    return ""


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) pairs, longest mount point first (Linux only)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as f:
            rows = [line.split()[1:3] for line in f if len(line.split()) >= 3]
    except OSError:
        return []
    out = [(mp.replace("\\040", " "), fs) for mp, fs in rows]
    return sorted(out, key=lambda r: len(r[0]), reverse=True)


def network_share(path: Path, mounts: list[tuple[str, str]] | None = None) -> bool:
    """Whether *path* is on a network share (UNC path, or a network file system mount)."""
    if sys.platform == "win32" or str(path).startswith("\\\\"):
        return str(PureWindowsPath(path)).startswith("\\\\")
    resolved = str(path.resolve())
    for mount_point, fs in mounts if mounts is not None else _mounts():
        if resolved == mount_point or resolved.startswith(mount_point.rstrip(os.sep) + os.sep):
            return fs in _NETWORK_FS
    return False


def risk(path: Path) -> str:
    """Plain words on why *path* is a risky place for an open project, or '' if it is not."""
    service = sync_service(path)
    if service:
        return f"it is in a {service} folder" if service != "a cloud storage" else "it is in a cloud storage folder"
    if network_share(path):
        return "it is on a network share"
    return ""


# -- output paths -------------------------------------------------------------------------

def _same_file(a: Path, b: Path) -> bool:
    """Whether *a* and *b* name one file: same real path, or same inode (a hard link)."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):  # a symlink loop names no file we could write over
        return False
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist yet
        return False


def refuse_if_project(target: Path | str, project: Path | str) -> None:
    """Raise OverwriteRefused if writing *target* would replace the project file *project*,
    through its own name, a symbolic link or a hard link to it, or its journal or lock."""
    from workbench.store.errors import OverwriteRefused

    target, project = Path(target), Path(project)
    companions = [project] + [project.with_name(project.name + s) for s in ("-journal", "-wal", ".lock")]
    for own in companions:
        if _same_file(target, own):
            what = "the open project itself" if own == project else "a file the open project needs"
            raise OverwriteRefused(f"{target.name} is {what}; choose another name for the file to write.")


# -- temporary files beside an output -----------------------------------------------------

# Temporary files of an export, share or repair are named TEMP_PREFIX...TEMP_SUFFIX, in the
# target's folder (so the final rename is atomic). A killed process leaves one behind; the
# next write into that folder removes those older than TEMP_MAX_AGE (a running write's
# temporary file is younger than that).
TEMP_PREFIX = ".workbench-tmp-"
TEMP_SUFFIX = ".tmp"
TEMP_MAX_AGE = 3600.0


def temp_file(target: Path) -> Path:
    """A new, empty temporary file beside *target*, named so that clean_leftovers knows it."""
    import tempfile

    # A short stem: the temporary name must fit where a long target name just fits.
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name[:40]}.", suffix=TEMP_SUFFIX,
                                dir=target.parent)
    os.close(fd)
    return Path(name)


def clean_leftovers(folder: Path, max_age: float = TEMP_MAX_AGE) -> list[Path]:
    """Remove our own temporary files older than *max_age* seconds from *folder*."""
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < max_age:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
