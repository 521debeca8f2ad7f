"""Opening SQLite connections to project files safely.

Follows SQLite's advice for files from elsewhere: defensive mode, no triggers, no views, no
untrusted schema functions, no extensions, no memory mapping, and a header check before
SQLite touches the file at all, so that a file we refuse is left byte-for-byte as it was.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from workbench.store.errors import DamagedProject, NewerVersion, NotAProject
from workbench.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


@dataclass(frozen=True)
class Header:
    """What the 100-byte SQLite header says about a file, read without SQLite."""

    page_size: int
    user_version: int
    application_id: int
    wal: bool


def read_header(path: Path) -> Header:
    """Read and check the SQLite header; raise NotAProject for anything that is not ours."""
    name = path.name
    try:
        with open(path, "rb") as f:
            head = f.read(_HEADER_SIZE)
    except IsADirectoryError:
        raise NotAProject(f"{name} is a folder, not a workbench project.") from None
    except FileNotFoundError:
        raise NotAProject(f"{name} does not exist.") from None
    except OSError as e:
        raise NotAProject(f"{name} could not be read ({e.strerror or e}).") from None
    if len(head) < _HEADER_SIZE or not head.startswith(_MAGIC):
        raise NotAProject(f"{name} is not a workbench project.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    header = Header(
        page_size=page_size,
        user_version=int.from_bytes(head[60:64], "big"),
        application_id=int.from_bytes(head[68:72], "big"),
        wal=head[18] == 2 or head[19] == 2,
    )
    if header.application_id != APPLICATION_ID:
        raise NotAProject(f"{name} is an SQLite database of another program, not a workbench project.")
    if header.user_version < 1:
        raise DamagedProject(f"{name} has no schema version; it is damaged or was not finished.")
    return header


def _uri(path: Path, mode: str) -> str:
    # Percent-encode so that '#', '?', '%' and spaces in names reach SQLite as part of the path.
    quoted = urllib.parse.quote(path.resolve().as_posix(), safe="/:")
    if os.name == "nt" and not quoted.startswith("/"):
        quoted = "/" + quoted
    return f"file:{quoted}?mode={mode}"


def decode_text(raw: bytes) -> str:
    """Text as stored, never an exception: bytes that are not UTF-8 become U+FFFD.

    A file edited by another tool (or a flipped bit) can hold any bytes in a TEXT column;
    SQLite hands them over unchanged and Python's default decoding would raise at the read,
    deep inside a list, a brief export or a window repaint. The check reports such rows."""
    return raw.decode("utf-8", "replace")


def _open(uri: str) -> sqlite3.Connection:
    # Columns and expressions alike (snippet(), substr()): every text value goes through it.
    db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=5.0)
    db.text_factory = decode_text
    return db


def harden(db: sqlite3.Connection) -> None:
    """Switch off everything a hostile file could use, before the schema is ever read."""
    db.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    db.setconfig(sqlite3.SQLITE_DBCONFIG_TRUSTED_SCHEMA, False)
    db.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False)
    db.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW, False)
    # Builds without extension support lack the method: loading is then impossible anyway.
    if hasattr(db, "enable_load_extension"):
        db.enable_load_extension(False)
    db.execute("PRAGMA cell_size_check = ON")
    db.execute("PRAGMA mmap_size = 0")
    # Deleted text is overwritten, not left in free pages of a file that gets e-mailed.
    # (Not every SQLite build has it on by default.)
    db.execute("PRAGMA secure_delete = ON")


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A hardened connection in autocommit mode (the store opens its own transactions)."""
    db = _connect(path, read_only=read_only)
    if read_only and _needs_rollback(db):
        # A process died mid-write and left a hot journal. A read-only connection may not
        # roll it back, so let a writing one do it (SQLite restores the last committed state
        # and removes the journal itself); then read as asked.
        db.close()
        try:
            _connect(path, read_only=False).close()
        except sqlite3.Error:
            raise DamagedProject(
                f"{path.name} was left half-saved when a program stopped; open it once where it "
                "can be written, so that SQLite can restore its last saved state."
            ) from None
        db = _connect(path, read_only=True)
    return db


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    db = _open(_uri(path, "ro" if read_only else "rw"))
    try:
        harden(db)
        db.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            db.execute("PRAGMA synchronous = FULL")
            # Reading the header takes a shared lock, which rolls back a hot journal now.
            db.execute("PRAGMA schema_version").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _needs_rollback(db: sqlite3.Connection) -> bool:
    try:
        db.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as e:
        return getattr(e, "sqlite_errorcode", 0) == sqlite3.SQLITE_READONLY_ROLLBACK
    return False


def connect_new(path: Path) -> sqlite3.Connection:
    """A hardened connection that creates *path* (which must not exist yet)."""
    db = _open(_uri(path, "rwc"))
    harden(db)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA journal_mode = DELETE")
    return db


@functools.cache
def _reference(version: int) -> tuple[tuple[tuple[str, str, str, str], ...], dict[str, frozenset[str]]]:
    """What a fresh file of *version* holds, read from an in-memory database made by the
    same migration steps: its sqlite_master rows, and each table's column names."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            step(db)
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = {t: frozenset(r[1] for r in db.execute(f'PRAGMA table_info("{t}")')) for t in tables}
        return tuple(_schema_rows(db)), columns
    finally:
        db.close()


def expected_schema(version: int) -> tuple[tuple[str, str, str, str], ...]:
    """sqlite_master rows (type, name, tbl_name, sql) a sound file of *version* has."""
    return _reference(version)[0]


def known_columns() -> dict[str, frozenset[str]]:
    """Each table of this version's schema with its column names."""
    return _reference(SCHEMA_VERSION)[1]


def _schema_rows(db: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    rows = db.execute(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    return [(t, n, tb, " ".join(sql.split())) for t, n, tb, sql in rows]


def verify(db: sqlite3.Connection, name: str, version: int, *, quick_check: bool = True) -> None:
    """Refuse a file whose schema is not exactly ours or that fails SQLite's quick check.

    A file of a newer version than this app is checked by `verify_newer` instead."""
    if version > SCHEMA_VERSION:
        verify_newer(db, name, version, quick_check=quick_check)
        return
    try:
        rows = _schema_rows(db)
        if rows != list(expected_schema(version)):
            extra = sorted({n for t, n, *_ in rows if t in ("trigger", "view")})
            what = f" (it contains {', '.join(extra)})" if extra else ""
            raise DamagedProject(
                f"{name} does not have the structure of a workbench project{what}; "
                "it was changed by another program or is damaged."
            )
        result = _structure(db.execute("PRAGMA quick_check").fetchall()) if quick_check else [("ok",)]
    except sqlite3.DatabaseError as e:
        raise DamagedProject(f"{name} is damaged and cannot be opened ({e}).") from None
    if result != [("ok",)]:
        raise DamagedProject(f"{name} is damaged: SQLite's check found {_problems(result)}.")


# quick_check also reports values that break a CHECK or NOT NULL constraint (on a connection
# that may write; a read-only one skips them). Those are wrong values in a sound structure:
# the content validation names each and reads the file through a mended copy.
_VALUE_MESSAGES = ("CHECK constraint failed in ", "NULL value in ")


def _structure(result: list[tuple[str]]) -> list[tuple[str]]:
    """quick_check's findings about the file's structure, without those about values."""
    rest = [r for r in result if not str(r[0]).startswith(_VALUE_MESSAGES)]
    return rest or [("ok",)]


def _problems(result: list[tuple[str]]) -> str:
    first = " ".join(str(result[0][0]).split())[:200]
    return f"{len(result)} problem(s), the first: {first}"


def newer_version_message(name: str, version: int) -> str:
    return (f"{name} was made by a newer version of the workbench (file format {version}; "
            f"this version reads up to {SCHEMA_VERSION})")


def verify_newer(db: sqlite3.Connection, name: str, version: int, *, quick_check: bool = True) -> None:
    """Accept a file of a newer schema for reading only if it still holds everything this
    version reads (newer versions add tables and columns) and nothing that could run."""
    try:
        rows = _schema_rows(db)
        active = sorted(n for t, n, *_ in rows if t in ("trigger", "view"))
        if active:
            raise DamagedProject(f"{name} contains {', '.join(active)}, which a workbench project never has; "
                                 "it was changed by another program.")
        for table, columns in _reference(SCHEMA_VERSION)[1].items():
            have = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
            if not columns <= have:
                raise NewerVersion(f"{newer_version_message(name, version)}, and its contents have "
                                   "changed too much to read here. Update the workbench to open it.")
        result = _structure(db.execute("PRAGMA quick_check").fetchall()) if quick_check else [("ok",)]
    except sqlite3.DatabaseError as e:
        raise DamagedProject(f"{name} is damaged and cannot be opened ({e}).") from None
    if result != [("ok",)]:
        raise DamagedProject(f"{name} is damaged: SQLite's check found {_problems(result)}.")
