"""Remembering which project files this app has already checked, so reopening is fast.

`PRAGMA quick_check` reads every page: half a second on a 200 MB project. A file received from
elsewhere must pass it, but a file this app itself last closed, unchanged since, need not pass
it again, nor have its schema compared with this version's. The record sits outside the file
(in the user's state folder) and names the file's path, size, modification time, SQLite's
change counter and the schema version of the app that checked it; any change to the file, a
copy of it elsewhere, or an app of another schema version makes it unknown again and the full
check runs.
"""

from __future__ import annotations

import os

from workbench.store.schema import SCHEMA_VERSION

# Plain strings and os.path, and a text record rather than JSON: reading the record is part of
# every command's start, and pathlib and json would load `re` and `enum` into each of them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_MAX_ENTRIES = 200
_RECORD = "checked-files.txt"
_OLD_RECORD = "checked-files.json"  # the record's earlier form: names files, vouches for none


def _record_file() -> str:
    from workbench.paths import state_folder  # one definition of the app's state folder

    return os.path.join(state_folder(), _RECORD)


def _fingerprint(path: Path | str) -> str | None:
    try:
        st = os.stat(path)
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return None
    if len(head) < 100:
        return None
    counter = int.from_bytes(head[24:28], "big")
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{counter}:v{SCHEMA_VERSION}"


def _key(path: Path | str) -> str:
    # The resolved path, written as a Python string literal: one line whatever the name holds
    # (newlines, tabs, undecodable bytes), and two paths never share a key.
    return repr(os.path.realpath(path))


def _load() -> dict[str, str]:
    """key -> fingerprint; one line each, the fingerprint (no spaces) first."""
    try:
        with open(_record_file(), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, ValueError):
        return {}
    records = {}
    for line in lines:
        fp, _, key = line.partition(" ")
        if key:
            records[key] = fp
    return records


def is_known_good(path: Path | str) -> bool:
    """Whether *path* is exactly as it was when this app last found it sound."""
    fp = _fingerprint(path)
    return fp is not None and _load().get(_key(path)) == fp


def remember_good(path: Path | str) -> None:
    """Record *path* as sound in its current state. Failing to record only costs speed."""
    fp = _fingerprint(path)
    if fp is None:
        return
    records = _load()
    key = _key(path)
    records.pop(key, None)
    records[key] = fp
    while len(records) > _MAX_ENTRIES:
        records.pop(next(iter(records)))
    target = _record_file()
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("".join(f"{v} {k}\n" for k, v in records.items()))
        os.replace(tmp, target)
        _forget_old_record(os.path.dirname(target))
    except OSError:
        pass


def _forget_old_record(folder: str) -> None:
    """The earlier JSON record is no longer read; it still lists project paths, so it goes."""
    try:
        os.remove(os.path.join(folder, _OLD_RECORD))
    except OSError:
        pass
