"""The Project: one open project file, its connection, transactions and change log."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from workbench.store import connection, trust
from workbench.store.errors import DamagedProject, ProjectError, ReadOnlyProject, translate, translated, uncertain
from workbench.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

# Opening a file this computer has checked, read-only, is what every reading command does:
# the lock, the value screen, the revision log, typing and dataclasses are loaded only when
# used (tests/test_cli_lean.py names what `workbench search` may load).
# A read-only open takes the path as given (a Path or a string) and makes a Path only when
# asked: pathlib and json would load `re` and `enum`, a third of a search's start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from workbench.store.lock import LockInfo, ProjectLock


# Why a received file is read-only for its first moments (see `Project.open(check_later=True)`).
CHECKING_REASON = "it is still being checked"


def now() -> str:
    """Timestamps are UTC ISO strings with milliseconds, so they sort as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_uuid() -> str:
    import uuid  # here, not at the top: opening a project needs no new ids (faster start-up)

    return str(uuid.uuid4())


def ordered_uuid() -> str:
    """A new id that starts with the time: RFC 9562 version 7, milliseconds then 74 random bits.

    For rows added in bulk (imported sources, revisions): ids made one after another are
    neighbours, so the indexes on them grow at their end instead of at random places, and an
    import batch into a 100,000-source project writes about half as many pages. The time in
    it tells no more than the row's own timestamp column.
    """
    import uuid

    ms = time.time_ns() // 1_000_000 & (1 << 48) - 1
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms << 80 | 0x7 << 76  # version 7
             | (rand >> 68 & 0xFFF) << 64 | 0b10 << 62  # the RFC 9562 variant
             | rand & (1 << 62) - 1)
    return str(uuid.UUID(int=value))


class Project:
    """An open project file. Use `Project.open()` or `Project.create()`, then `close()`.

    Every user edit runs in `with project.transaction():` so it is saved at once, whole or
    not at all, together with its change-log row.
    """

    def __init__(
        self,
        path: Path | str,
        db: sqlite3.Connection,
        *,
        read_only_reason: str = "",
        lock: ProjectLock | None = None,
        migrated_from: int = 0,
        backup: Path | None = None,
        user: str | None = None,
    ) -> None:
        self._path = path
        self.db = db
        self.read_only_reason = read_only_reason
        # Who stamps the changes: the analyst's display name when the caller knows it.
        self._user = user
        self.migrated_from = migrated_from  # schema version before an upgrade, 0 if none
        self.backup = backup  # copy made before that upgrade
        self._lock = lock
        self._depth = 0
        self._scratch: Path | None = None  # upgraded copy of a read-only older file
        # Wrong values found when the file was opened (it is then read through a mended copy).
        self.damage: list[str] = []
        self.notice = ""  # something the opener did that the user should hear of (a journal moved aside)
        self.unchecked = False  # opened with check_later: `received.check` is still to run
        self.lock_holder: LockInfo | None = None  # who holds the lock that made it read-only

    @property
    def path(self) -> Path:
        """The project file."""
        if isinstance(self._path, str):
            from pathlib import Path

            self._path = Path(self._path)
        return self._path

    @property
    def user(self) -> str:
        """Who stamps the changes: the name given, else the login name (read when first needed)."""
        if not self._user:
            from workbench.store.lock import current_user

            self._user = current_user()
        return self._user

    @user.setter
    def user(self, name: str) -> None:
        self._user = name

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, name: str = "", *, user: str | None = None) -> Project:
        """Make a new, empty project file at *path* (which must not exist)."""
        from pathlib import Path

        path = Path(path)
        if path.exists():
            raise FileExistsError(f"{path.name} already exists.")
        if not path.parent.is_dir():
            raise ProjectError(f"The folder {path.parent} does not exist.")
        if _name_too_long(path):
            raise ProjectError(f"The name {path.name} is too long; choose a shorter one.")
        from workbench.store.lock import ProjectLock, current_user

        user = user or current_user()
        lock = ProjectLock(path, user)
        try:
            db = connection.connect_new(path)
        except sqlite3.Error as e:
            path.unlink(missing_ok=True)
            raise ProjectError(f"{path.name} could not be created ({e}).") from None
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            _migrate(db, 0)
            stamp = now()
            db.execute(
                "INSERT INTO project (name, created_at, created_by, uuid, updated_at, updated_by)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name or path.stem, stamp, user, new_uuid(), stamp, user),
            )
        except BaseException:
            db.close()
            path.unlink(missing_ok=True)
            raise
        holder = lock.acquire()
        return cls(path, db, lock=lock if holder is None else None, user=user,
                   read_only_reason="" if holder is None else "the project is locked")

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, user: str | None = None,
             check_later: bool = False) -> Project:
        """Open a project file safely; raise a ProjectError with a plain message if it is not one.

        A file that is locked by someone else, not writable, or asked for read-only opens
        read-only with `read_only_reason` saying why. A file of an older schema version is
        backed up and upgraded (or, when read-only, upgraded in a temporary copy only). A file
        of a newer version opens read-only if it still holds everything this version reads.

        A file this computer has not vouched for gets SQLite's quick check and the full value
        check first (seconds for a large project). With *check_later* a file of the current
        version opens at once, read-only (`CHECKING_REASON`), after its schema and the values
        of its matrix tables are checked (`validate.OPENING_TABLES`); the caller runs
        `received.check` (SQLite's check and every value) in the background and then
        `mark_checked()`, or reopens it the careful way if values are wrong. `unchecked` says
        whether that is still to do.
        """
        path = os.fspath(path)
        # A journal beside the file is settled before its header is read: one that is not the
        # file's is moved aside; a hot one is rolled back (in a scratch copy when the file may
        # not be written, which is then read instead).
        rolled, notice = connection.settle_journal(path, may_write=not read_only and not _unwritable_reason(path))
        try:
            return cls._open(path, rolled, read_only=read_only, notice=notice, user=user,
                             check_later=check_later)
        except BaseException:
            if rolled is not None:
                import shutil

                shutil.rmtree(rolled.parent, ignore_errors=True)
            raise

    @classmethod
    def _open(cls, path: Path, rolled: Path | None, *, read_only: bool, notice: str,
              user: str | None = None, check_later: bool = False) -> Project:
        name = os.path.basename(path)
        header = connection.read_header(rolled or path)
        if header.user_version > SCHEMA_VERSION:
            reason = connection.newer_version_message("it", header.user_version).removeprefix("it was ")
        else:
            reason = "opened read-only" if read_only else _unwritable_reason(path)
        if rolled is not None and not reason:
            reason = "it was left half-saved and its last saved state could only be restored in a copy"
        lock: ProjectLock | None = None
        holder = None
        if not reason:
            from pathlib import Path

            from workbench.store.lock import ProjectLock

            path = Path(path)  # a file to write: locked, maybe upgraded with a backup
            lock = ProjectLock(path, user)
            holder = lock.acquire()
            if holder is not None:
                lock = None
                reason = holder.describe() if holder.user else "its folder is read-only"
        try:
            db = connection.connect(rolled or path, read_only=bool(reason))
        except DamagedProject:
            if lock:
                lock.release()
            raise
        except sqlite3.Error as e:
            if lock:
                lock.release()
            code = getattr(e, "sqlite_errorcode", 0) & 0xFF  # primary result code
            damaged = code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
            what = "is damaged and cannot be opened" if damaged else "cannot be opened"
            # SQLite's message may quote a damaged schema's SQL, line breaks and all.
            raise DamagedProject(f"{name} {what} ({' '.join(str(e).split())}).") from None
        try:
            known = rolled is None and trust.is_known_good(path)
            # Checked later: only a file that can become writable as it is (no upgrade, no
            # restored journal). Before the first paint it gets the schema comparison and the
            # values of the matrix tables (milliseconds, whatever the corpus size); SQLite's
            # check and the rest of the values read the whole file (seconds at 100,000
            # sources) and run in `received.check`.
            later = (check_later and not known and rolled is None and not reason
                     and header.user_version == SCHEMA_VERSION)
            # A file this app found sound and that is unchanged since (trust.py) had its schema
            # compared and SQLite's check run then: neither runs again (the comparison builds
            # the reference schema in memory, the largest part of a fast open).
            if not known:
                connection.verify(db, name, header.user_version, quick_check=not later)
            if later:
                from workbench.store import validate

                if validate.find(db, tables=validate.OPENING_TABLES):
                    later = False  # wrong values the window reads at once: the careful way now
                    connection.verify(db, name, header.user_version)
            if not reason:
                db.execute("PRAGMA journal_mode = DELETE")  # never WAL: it splits the file
            backup = None
            scratch: Path | None = rolled
            if header.user_version < SCHEMA_VERSION:
                if reason:
                    db, scratch = _upgraded_scratch_copy(db)
                    if rolled is not None:
                        import shutil

                        shutil.rmtree(rolled.parent, ignore_errors=True)
                else:
                    backup = _backup_before_migration(db, path, header.user_version)
                try:
                    _migrate(db, header.user_version)
                except (ValueError, OverflowError, TypeError, ArithmeticError, LookupError) as e:
                    # A value of an older file that the upgrade cannot take (a colleague's
                    # hand-edited or damaged file): nothing was changed, so no backup is needed.
                    _discard_upgrade(backup, scratch if reason else None)
                    raise DamagedProject(f"{name} could not be upgraded to this version's format: it holds a "
                                         f"value the upgrade cannot take ({e}). The file was left unchanged.") from None
                except sqlite3.DatabaseError:
                    _discard_upgrade(backup, scratch if reason else None)
                    raise
            damage: list[str] = []
            if later:
                reason = CHECKING_REASON
            elif not known:
                from workbench.store import repair

                db, scratch, damage = repair.screen(db, scratch)
                if not damage and rolled is None:
                    trust.remember_good(path)
                elif not reason:  # read through the mended copy, leave the file alone
                    reason = repair.DAMAGED_REASON
                    if lock:
                        lock.release()
                        lock = None
        except sqlite3.DatabaseError as e:
            db.close()
            if lock:
                lock.release()
            raise DamagedProject(f"{name} is damaged and cannot be opened ({e}).") from None
        except BaseException:
            db.close()
            if lock:
                lock.release()
            raise
        project = cls(path, db, read_only_reason=reason, lock=lock,
                      migrated_from=header.user_version if header.user_version < SCHEMA_VERSION else 0,
                      backup=backup, user=user)
        project._scratch = scratch
        project.damage = damage
        project.notice = notice
        project.unchecked = later
        project.lock_holder = holder if holder is not None and holder.user else None
        return project

    def mark_checked(self) -> None:
        """The background check of a file opened with `check_later` passed: it may be written."""
        if self.unchecked:
            self.unchecked = False
            if self.read_only_reason == CHECKING_REASON:
                self.read_only_reason = ""
            trust.remember_good(self.path)

    def worker(self, *, writing: bool = False) -> Project:
        """Another connection to the same file for a worker thread (no lock of its own).

        *writing*: it is opened to save a change, and a refusal says the change was not saved.
        """
        # A read-only file of an older version is read through its upgraded scratch copy.
        source = self._scratch or self.path
        # A file still being checked is only held read-only by its owner (the window refuses
        # changes until `mark_checked`): its workers may write once it passes, without reopening.
        reason = "" if self.unchecked else self.read_only_reason
        try:
            db = connection.connect(source, read_only=bool(reason))
        except sqlite3.Error as e:  # the file was renamed or deleted meanwhile, the disk failed...
            raise translate(e, self.path.name, writing=writing) from e
        return Project(self.path, db, read_only_reason=reason, user=self.user)

    def close(self) -> None:
        try:
            # The file as this app leaves it needs no full check on reopening: a file it found
            # sound and held the lock of (so only this app wrote to it since), whatever was
            # written, even by other connections or a write that changed no row (SQLite still
            # counts it a change of the file); or a worker's connection that wrote.
            vouched = self._lock is not None and self._lock.held and not self.read_only
            wrote = self.db.total_changes > 0 and not self.read_only
            self.db.close()
            if vouched or wrote:
                trust.remember_good(self.path)
        finally:
            if self._lock:
                self._lock.release()
                self._lock = None
            if self._scratch is not None:
                import shutil

                shutil.rmtree(self._scratch.parent, ignore_errors=True)
                self._scratch = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    # -- transactions and the change log ---------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outer one.

        Whole or nothing: a failure inside rolls everything back. SQLite's errors leave as
        typed ProjectErrors (busy, conflict, disk full, file gone, ...), each saying plainly
        that the change was not saved.
        """
        if self.read_only:
            raise ReadOnlyProject(f"{self.path.name} is read-only ({self.read_only_reason}).")
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        name = self.path.name
        with translated(name, writing=True):
            self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.db
        except BaseException as e:
            self._depth = 0
            self._end_failed_transaction()
            if isinstance(e, sqlite3.Error):
                raise translate(e, name) from e
            raise
        self._depth = 0
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as e:
            # A refused COMMIT (another connection still reading: "database is locked") leaves
            # the transaction open, holding its lock; end it so the connection stays usable.
            self._end_failed_transaction()
            raise translate(e, name) from e

    def _end_failed_transaction(self) -> None:
        """Roll back what is left of a failed transaction (SQLite may have done so already)."""
        if not self.db.in_transaction:
            return
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error as e:
            raise uncertain(self.path.name) from e

    @contextmanager
    def guard(self, *, writing: bool = False) -> Iterator[Project]:
        """Use the project in a block; SQLite's errors leave it as typed ProjectErrors."""
        with translated(self.path.name, writing=writing):
            yield self

    def log(self, action: str, table: str, row_uuid: str,
            before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Record one change; must be called inside a transaction."""
        import json

        self.db.execute(
            "INSERT INTO change_log (at, by, action, table_name, row_uuid, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now(), self.user, action, table, row_uuid,
             None if before is None else json.dumps(before, ensure_ascii=False, default=str),
             None if after is None else json.dumps(after, ensure_ascii=False, default=str)),
        )
        from workbench.store import revisions

        revisions.record(self.db, self.user, action, table, row_uuid, after)

    def stamp(self) -> dict[str, str]:
        """Fresh `updated_at`/`updated_by` values for a row being written."""
        return {"updated_at": now(), "updated_by": self.user}

    def row(self, sql: str, params: tuple[Any, ...] = ()) -> dict[str, Any] | None:
        cur = self.db.execute(sql, params)
        r = cur.fetchone()
        if r is None:
            return None
        return {d[0]: v for d, v in zip(cur.description, r)}

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cur = self.db.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    @property
    def name(self) -> str:
        r = self.db.execute("SELECT name FROM project LIMIT 1").fetchone()
        return r[0] if r else self.path.stem


def _unwritable_reason(path: Path | str) -> str:
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(_folder(path), os.W_OK):
        return "its folder is read-only"
    if _name_too_long(path):
        return "its name is too long to save changes; save a copy with a shorter name"
    return ""


def _folder(path: Path | str) -> str:
    return os.path.dirname(os.fspath(path)) or os.curdir


def _name_too_long(path: Path | str) -> bool:
    """SQLite writes NAME-journal beside the file on every change: that name must fit too."""
    return len(os.fsencode(os.path.basename(path) + "-journal")) > _name_max(_folder(path))


def _name_max(folder: Path | str) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # Windows has no pathconf
        return 255


def _migrate(db: sqlite3.Connection, version: int) -> None:
    """Run the steps from *version* up, each with its version bump, all in one transaction.

    One transaction for the whole upgrade: a crash half-way leaves the file exactly as it
    was, never at some version in between.
    """
    if version >= SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for n in range(version, SCHEMA_VERSION):
            MIGRATIONS[n](db)
            db.execute(f"PRAGMA user_version = {n + 1}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    # A step that drops stored copies (version 7 drops each sentence's text) leaves their
    # space unused inside the pages; an upgraded file is written out afresh once, so that it
    # is as small as a fresh one. Crash-safe like any transaction: a VACUUM cut short leaves
    # the upgraded file as it was.
    if version > 0:
        db.execute("VACUUM")


def _discard_upgrade(backup: Path | None, scratch: Path | None) -> None:
    """What an upgrade that failed leaves behind: the backup (the file was not changed) or the
    temporary copy a read-only file was being upgraded in."""
    if backup is not None:
        backup.unlink(missing_ok=True)
    if scratch is not None:
        import shutil

        shutil.rmtree(scratch.parent, ignore_errors=True)


def _backup_before_migration(db: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file beside itself before an upgrade changes it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    tail = f".v{version}-backup-{stamp}{path.suffix}"
    # Shorten a long name so that the backup (and the journal SQLite writes beside it) fits.
    room = _name_max(path.parent) - len(os.fsencode(tail + "-journal"))
    stem = os.fsencode(path.stem)[:room].decode(errors="ignore") or "project"
    target = path.with_name(stem + tail)
    dest = sqlite3.connect(target)
    try:
        db.backup(dest)
    finally:
        dest.close()
    return target


def _upgraded_scratch_copy(db: sqlite3.Connection) -> tuple[sqlite3.Connection, Path]:
    """Read-only files of an older version are upgraded in a temporary copy, leaving the file
    alone; a file (not memory) so that worker threads can open their own connections to it."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="workbench-upgrade-"))
    scratch = folder / "upgraded.pbw"
    dest = sqlite3.connect(scratch)
    try:
        db.backup(dest)
    finally:
        dest.close()
        db.close()
    return connection.connect(scratch, read_only=False), scratch
