"""Opening SQLite connections to project files safely.

Follows SQLite's advice for files from elsewhere: defensive mode, no triggers, no views, no
untrusted schema functions, no extensions, no memory mapping, and a header check before
SQLite touches the file at all, so that a file we refuse is left byte-for-byte as it was.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections import namedtuple

from workbench.store.errors import DamagedProject, NewerVersion, NotAProject, ProjectError
from workbench.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

# The opening of a file (header, journal, connection) takes a Path or a plain string and works
# with os.path: a command that only reads starts without pathlib (and the `re` and `enum`
# modules it loads), a third of its start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


# What the 100-byte SQLite header says about a file, read without SQLite. (A named tuple: every
# open reads one, and dataclasses would cost each command its import.)
Header = namedtuple("Header", ["page_size", "user_version", "application_id", "wal"])


def read_header(path: Path | str) -> Header:
    """Read and check the SQLite header; raise NotAProject for anything that is not ours."""
    name = os.path.basename(path)
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
        user_version=int.from_bytes(head[60:64], "big", signed=True),  # a signed 32-bit int
        application_id=int.from_bytes(head[68:72], "big"),
        wal=head[18] == 2 or head[19] == 2,
    )
    if header.application_id != APPLICATION_ID:
        raise NotAProject(f"{name} is an SQLite database of another program, not a workbench project.")
    if header.user_version < 0:  # -1 is not "made by a newer version"
        raise DamagedProject(f"{name} has an impossible schema version ({header.user_version}); "
                             "it was changed by another program or is damaged.")
    if header.user_version < 1:
        raise DamagedProject(f"{name} has no schema version; it is damaged or was not finished.")
    return header


# Bytes a file: URI may hold as they are (RFC 3986 unreserved, and the path's '/' and ':').
_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/:")


def _uri(path: Path | str, mode: str) -> str:
    # Percent-encode so that '#', '?', '%' and spaces in names reach SQLite as part of the path
    # (as urllib.parse.quote(path, safe="/:") does, without loading urllib).
    absolute = os.path.realpath(path).replace(os.sep, "/")
    quoted = "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in absolute.encode("utf-8", "surrogateescape"))
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


def connect(path: Path | str, *, read_only: bool) -> sqlite3.Connection:
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
                f"{os.path.basename(path)} was left half-saved when a program stopped; open it once where it "
                "can be written, so that SQLite can restore its last saved state."
            ) from None
        db = _connect(path, read_only=True)
    return db


def _connect(path: Path | str, *, read_only: bool) -> sqlite3.Connection:
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


# -- a journal left beside the file ---------------------------------------------------------
#
# SQLite rolls a hot journal back into whatever file has the matching name, whether or not the
# journal came from that file: a saved attachment named like a project that once crashed
# changes a sound project's bytes, and one with another page size leaves it in a third state.
# So before SQLite sees the file, the journal is checked against it (rollback-journal format:
# sqlite.org/fileformat.html#the_rollback_journal); one that does not belong is moved aside,
# never deleted. A journal that belongs is rolled back first in a scratch copy, whose result
# must be a sound project before SQLite may do the same to the file itself.

_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def journal_path(path: Path | str) -> Path:
    from pathlib import Path

    return Path(f"{os.fspath(path)}-journal")


def journal_belongs(path: Path, journal: Path) -> bool:
    """Whether *journal* is a rollback journal written for the file *path* as it is now.

    Its page size must be the file's, and the file's first page must fit it: a journal that
    saved page 1 saved it with this file's application id and a change counter equal to the
    file's or one less (the file's is bumped once when the transaction writes); a journal
    without page 1 began when the file had the size its header still gives."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEADER_SIZE)
        with open(journal, "rb") as j:
            return _journal_fits(head, j)
    except OSError:
        return False


def _journal_fits(head: bytes, j) -> bool:
    if len(head) < _HEADER_SIZE or not head.startswith(_MAGIC):
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    first = j.read(28)
    if len(first) < 28 or first[:8] != _JOURNAL_MAGIC:
        return False
    initial_pages = int.from_bytes(first[16:20], "big")
    sector = int.from_bytes(first[20:24], "big")
    if int.from_bytes(first[24:28], "big") != page_size or not (512 <= sector <= 65536):
        return False
    page1 = _journaled_page1(j, page_size, sector)
    if page1 is None:
        return int.from_bytes(head[28:32], "big") == initial_pages
    if not page1.startswith(_MAGIC) or page1[68:72] != head[68:72] or page1[16:18] != head[16:18]:
        return False
    theirs = int.from_bytes(page1[24:28], "big")
    ours = int.from_bytes(head[24:28], "big")
    return theirs in (ours, (ours - 1) % 2**32)


def _journaled_page1(j, page_size: int, sector: int) -> bytes | None:
    """The original page 1 saved in the journal, walking its segments; None if not saved."""
    size = os.fstat(j.fileno()).st_size
    header = 0
    while header + 28 <= size:
        j.seek(header)
        raw = j.read(28)
        if raw[:8] != _JOURNAL_MAGIC:
            return None
        records = int.from_bytes(raw[8:12], "big")
        offset = header + sector
        if records == 0xFFFFFFFF:  # "as many as the file holds"
            records = max(0, (size - offset) // (page_size + 8))
        if records == 0:
            return None
        for _ in range(records):
            if offset + page_size + 8 > size:
                return None
            j.seek(offset)
            if int.from_bytes(j.read(4), "big") == 1:
                return j.read(page_size)
            offset += page_size + 8
        header = -(-offset // sector) * sector  # the next segment starts on a sector boundary
    return None


def set_aside_foreign_journal(path: Path | str) -> str:
    """Move a journal that does not belong to *path* out of SQLite's way; say so, or ''."""
    try:
        with open(f"{os.fspath(path)}-journal", "rb") as j:
            start = j.read(8)
    except OSError:
        return ""
    from pathlib import Path  # a journal is there (rare): the rest works on Paths

    path = Path(path)
    journal = journal_path(path)
    if not start or start == bytes(8):  # empty or already finished: SQLite ignores it
        return ""
    try:
        with open(path, "rb") as f:
            if not f.read(16).startswith(_MAGIC):
                return ""  # not an SQLite file: it is refused before SQLite opens it
    except OSError:
        return ""
    if journal_belongs(path, journal):
        return ""
    from datetime import datetime

    aside = journal.with_name(f"{journal.name}.not-{path.name[:40]}-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        os.replace(journal, aside)
    except OSError as e:
        raise DamagedProject(f"A leftover journal beside {path.name} does not belong to it and could "
                             f"not be moved aside ({e.strerror or e}); move {journal.name} away first.") from None
    return (f"A leftover journal beside {path.name} did not belong to it; it was moved aside as "
            f"{aside.name} and the project opened as it was.")


def settle_journal(path: Path | str, *, may_write: bool) -> tuple[Path | None, str]:
    """Deal with a journal beside *path* before anything reads the file's header.

    Returns a rolled-back scratch copy to read instead of the file (or None), and a notice
    for the user (or ''). A journal that does not belong is moved aside. A hot one that does
    is rolled back in a scratch copy first; if that gives a sound project and *may_write*,
    SQLite rolls the file itself back (so a file killed mid-upgrade opens at the first try);
    otherwise the scratch copy is read and the file and its journal stay as they are."""
    notice = set_aside_foreign_journal(path)
    if not os.path.exists(f"{os.fspath(path)}-journal"):
        return None, notice
    from pathlib import Path  # a journal is there (rare): the rest works on Paths

    path = Path(path)
    try:  # a read-only connection reports a hot journal and changes nothing
        probe = _connect(path, read_only=True)
        try:
            hot = _needs_rollback(probe)
        finally:
            probe.close()
    except sqlite3.Error:
        return None, notice  # the open that follows gives the plain refusal
    if not hot:
        return None, notice
    scratch = _rolled_back_copy(path)
    if not may_write:
        return scratch, notice
    import shutil

    shutil.rmtree(scratch.parent, ignore_errors=True)
    try:
        _connect(path, read_only=False).close()
    except sqlite3.Error:
        return _rolled_back_copy(path), notice
    return None, notice


def _rolled_back_copy(path: Path) -> Path:
    """The file as its journal restores it, in a new private folder; checked to be sound."""
    import shutil
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="workbench-rollback-"))
    scratch = folder / path.name
    try:
        shutil.copyfile(path, scratch)
        shutil.copyfile(journal_path(path), journal_path(scratch))
        _connect(scratch, read_only=False).close()  # SQLite rolls the journal back here
        header = read_header(scratch)
        db = _connect(scratch, read_only=True)
        try:
            verify(db, path.name, header.user_version)
        finally:
            db.close()
    except (OSError, sqlite3.Error, ProjectError):
        shutil.rmtree(folder, ignore_errors=True)
        raise DamagedProject(
            f"{path.name} was left half-saved when a program stopped, and its journal does not "
            "restore a sound project; the file and its journal were left as they are."
        ) from None
    return scratch


def engine_version() -> str:
    """The SQLite library's version, for About."""
    return sqlite3.sqlite_version
