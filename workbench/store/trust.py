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

import json
import os
from pathlib import Path

from workbench.store.schema import SCHEMA_VERSION

_MAX_ENTRIES = 200


def _state_dir() -> Path:
    from workbench.paths import state_dir  # one definition of the app's state folder

    return state_dir()


def _record_file() -> Path:
    return _state_dir() / "checked-files.json"


def _fingerprint(path: Path) -> str | None:
    try:
        st = path.stat()
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return None
    if len(head) < 100:
        return None
    counter = int.from_bytes(head[24:28], "big")
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{counter}:v{SCHEMA_VERSION}"


def _load() -> dict[str, str]:
    try:
        data = json.loads(_record_file().read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def is_known_good(path: Path) -> bool:
    """Whether *path* is exactly as it was when this app last found it sound."""
    fp = _fingerprint(path)
    return fp is not None and _load().get(str(path.resolve())) == fp


def remember_good(path: Path) -> None:
    """Record *path* as sound in its current state. Failing to record only costs speed."""
    fp = _fingerprint(path)
    if fp is None:
        return
    records = _load()
    key = str(path.resolve())
    records.pop(key, None)
    records[key] = fp
    while len(records) > _MAX_ENTRIES:
        records.pop(next(iter(records)))
    target = _record_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(records), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass

