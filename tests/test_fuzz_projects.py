"""Fuzzing real project files: hundreds of mutants, every read-only command on each.

Each mutant is the sample project changed at the SQL level (text that is not UTF-8, BLOBs and
numbers where other types belong, JSON garbage and depth, dangling references, offsets past
the text, unknown scale words, damaged full-text shadow tables, deleted rows) or at the byte
level (flipped and overwritten bytes in random pages, header fields, truncation). On each,
`check`, `sources`, `matrix` (text, JSON, CSV), `search`, `suggest` and `export` run in-process
through the command line's `main()`:
- nothing prints a traceback or an "internal error", every exit code is 0 or 1, and every
  error is one line;
- nothing hangs (an alarm fails the test after HANG_SECONDS for one command);
- the file is byte-identical afterwards (every command only reads; a refused file is left);
- for SQL-level mutants, `check` exits 1 and names the column or thing that was broken.
A sample of mutants is also opened in the window, offscreen, in a child process: it must exit
normally (no SIGABRT, no traceback). Seeds are fixed; `-m slow` runs a bigger batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.store import sentences

MUTANTS = 240  # in the ordinary suite
SLOW_MUTANTS = 2000
WINDOW_SAMPLE = 6
HANG_SECONDS = 60

# Text and integer columns of the tables a user's data lives in (the schema's own types).
TEXT_COLUMNS = {
    "source": ("title", "author", "outlet", "published", "url", "filename", "format", "text", "sha256",
               "reliability", "note", "uuid", "updated_by"),
    "actor": ("name", "aliases", "uuid"),
    "instrument": ("name", "terms", "uuid"),
    "cell": ("posture", "options", "likelihood", "confidence", "priority", "status", "uuid"),
    "excerpt": ("quote", "prefix", "suffix", "note", "uuid"),
    "brief": ("name", "title", "marking", "bluf", "key_judgments", "actors", "instruments", "group_by"),
    "project": ("name", "description"),
}
INTEGER_COLUMNS = {
    "actor": ("position",), "instrument": ("position",), "excerpt": ("start", "end", "credibility"),
    "sentence_span": ("first_id", "last_id"), "cell_excerpt": ("position", "cell_id", "excerpt_id"),
    "cell": ("actor_id", "instrument_id"), "brief": ("include_evidence", "include_sources"),
}
JSON_COLUMNS = (("actor", "aliases"), ("instrument", "terms"), ("brief", "actors"), ("brief", "instruments"))
ENUMS = (("cell", "status"), ("cell", "likelihood"), ("cell", "confidence"), ("cell", "priority"),
         ("source", "reliability"), ("excerpt", "credibility"), ("brief", "group_by"))
REFERENCES = (("cell", "actor_id"), ("cell", "instrument_id"), ("excerpt", "source_id"),
              ("cell_excerpt", "cell_id"), ("cell_excerpt", "excerpt_id"), ("sentence_span", "source_id"))
FTS_SHADOWS = ("source_fts_data", "source_fts_idx", "source_fts_config", "source_fts_docsize",
               "sentence_fts_data", "sentence_fts_config")


@dataclass
class Mutant:
    path: Path
    level: str  # "sql" or "bytes"
    what: str  # a short description, for failure messages
    names: tuple[str, ...]  # check must print one of these (sql level)


def _row(db: sqlite3.Connection, rnd: random.Random, table: str) -> int | None:
    ids = [r[0] for r in db.execute(f'SELECT rowid FROM "{table}"')]
    return rnd.choice(ids) if ids else None


def _bad_utf8(rnd: random.Random) -> bytes:
    good = rnd.choice([b"", b"ok ", "\u00e9t\u00e9 ".encode()])
    bad = rnd.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xe2\x82", b"\x80\x80"])
    return good + bad + rnd.choice([b"", b" tail", b"\x00x"])


def sql_mutation(db: sqlite3.Connection, rnd: random.Random) -> tuple[str, tuple[str, ...]]:
    """Apply one SQL-level mutation; return what it was and the words check must print."""
    kind = rnd.choice(["utf8", "blob", "int-type", "json", "enum", "reference", "offset", "fts", "delete"])
    if kind in ("utf8", "blob"):
        table = rnd.choice(list(TEXT_COLUMNS))
        column = rnd.choice(TEXT_COLUMNS[table])
        row = _row(db, rnd, table)
        if row is None:
            return sql_mutation(db, rnd)
        value = _bad_utf8(rnd) if kind == "utf8" else rnd.randbytes(rnd.randint(0, 40))
        expr = "CAST(? AS TEXT)" if kind == "utf8" else "?"
        db.execute(f'UPDATE "{table}" SET "{column}" = {expr} WHERE rowid = ?', (value, row))
        return f"{kind} in {table}.{column} row {row}", (column,)
    if kind == "int-type":
        table = rnd.choice(list(INTEGER_COLUMNS))
        column = rnd.choice(INTEGER_COLUMNS[table])
        row = _row(db, rnd, table)
        if row is None:
            return sql_mutation(db, rnd)
        value = rnd.choice(["abc", "1.5x", "", 2.5, b"\x01\x02", "\u0661\u0662"])
        db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, row))
        return f"{value!r} in {table}.{column} row {row}", (column,)
    if kind == "json":
        table, column = rnd.choice(JSON_COLUMNS)
        row = _row(db, rnd, table)
        if row is None:
            return sql_mutation(db, rnd)
        depth = rnd.choice([3, 2000, 20000])
        value = rnd.choice(["{not json", "[1, 2, 3]", '{"a": "b"}', "null", '"text"', "[" * depth + "]" * depth,
                            "[" * depth, '["a", ["b"]]', "[\"\\ud800\"]x"])
        db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, row))
        return f"JSON {value[:20]!r} in {table}.{column}", (column,)
    if kind == "enum":
        table, column = rnd.choice(ENUMS)
        row = _row(db, rnd, table)
        if row is None:
            return sql_mutation(db, rnd)
        value = rnd.choice(["", "maybe", "LIKELY", "x" * 300, 0, 99, -1, "Z"])
        if column == "credibility" and value == "":
            value = 0
        if column in ("likelihood", "confidence", "priority") and value == "":
            value = "sometimes"
        db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, row))
        return f"{value!r} in {table}.{column}", (column,)
    if kind == "reference":
        table, column = rnd.choice(REFERENCES)
        row = _row(db, rnd, table)
        if row is None:
            return sql_mutation(db, rnd)
        try:
            db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (rnd.randint(10_000, 10**9), row))
        except sqlite3.IntegrityError:  # a UNIQUE pair: point the whole row elsewhere instead
            db.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (row,))
            return f"deleted {table} row {row}", ("cells for", "no sentence", "cited by no", "does not exist",
                                                  "has no cell")
        return f"dangling {table}.{column}", (column,)
    if kind == "offset":
        table = rnd.choice(["excerpt", "sentence_span"])
        row = _row(db, rnd, table)
        if row is None:
            return sql_mutation(db, rnd)
        start, end = rnd.choice([(10**7, 10**7 + 5), (-5, 3), (50, 10), (0, 10**9)])
        if table == "sentence_span":  # a source's packed spans: wrong places, or no spans at all
            place = rnd.choice([(10**7, 10**7 + 5), (3, 3), (50, 10), (0, 10**9)])
            value = rnd.choice([sentences.pack([place]), b"", b"H\x00", b"x" * 9])
            db.execute("UPDATE sentence_span SET last_id = first_id, spans = ? WHERE rowid = ?", (value, row))
            return f"spans {value!r} in {table}", ("outside its source", "cannot be read")
        db.execute(f'UPDATE "{table}" SET start = ?, "end" = ? WHERE rowid = ?', (start, end, row))
        return f"offsets {start}-{end} in {table}", ("outside its source", "start", "no longer match")
    if kind == "fts":
        table = rnd.choice(FTS_SHADOWS)
        action = rnd.choice(["delete-structure", "config", "garbage", "delete-all"])
        if action == "delete-structure" and table.endswith("_data"):
            db.execute(f"DELETE FROM {table} WHERE id = 10")
        elif action == "config" and table.endswith("_config"):
            db.execute(f"UPDATE {table} SET v = ?", (rnd.choice([0, 99, "x"]),))
        elif table.endswith("_data"):
            db.execute(f"UPDATE {table} SET block = randomblob(length(block)) WHERE id > 100")
        else:
            return sql_mutation(db, rnd)
        return f"{action} in {table}", ("search index", "damaged")
    table = rnd.choice(["actor", "instrument", "source", "excerpt", "cell"])
    row = _row(db, rnd, table)
    if row is None:
        return sql_mutation(db, rnd)
    db.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (row,))
    return f"deleted {table} row {row}", ("does not exist", "has no cell", "cells for", "no longer match",
                                          "cited by no", "out of step", "search index")


def byte_mutation(data: bytearray, rnd: random.Random, page_size: int = 4096) -> str:
    kind = rnd.choice(["flip", "overwrite", "header", "truncate", "zero-page"])
    if kind == "flip":
        for _ in range(rnd.randint(1, 8)):
            at = rnd.randrange(100, len(data))
            data[at] ^= 1 << rnd.randrange(8)
        return "flipped bits"
    if kind == "overwrite":
        at = rnd.randrange(100, len(data) - 64)
        n = rnd.randint(1, 64)
        data[at:at + n] = rnd.randbytes(n)
        return f"overwrote {n} bytes at {at}"
    if kind == "header":
        at = rnd.choice([16, 18, 19, 20, 21, 24, 28, 32, 36, 44, 48, 52, 56, 60, 64, 68, 92, 96])
        data[at:at + 4] = rnd.randbytes(4)
        return f"header bytes at {at}"
    if kind == "zero-page":
        page = rnd.randrange(1, len(data) // page_size)
        data[page * page_size:(page + 1) * page_size] = bytes(page_size)
        return f"zeroed page {page + 1}"
    cut = rnd.randrange(0, len(data))
    del data[cut:]
    return f"truncated at {cut}"


def make_mutant(template: Path, folder: Path, seed: int) -> Mutant:
    rnd = random.Random(seed)
    path = folder / f"m{seed}.pbw"
    shutil.copyfile(template, path)
    if seed % 3 == 2:
        data = bytearray(path.read_bytes())
        what = "; ".join(byte_mutation(data, rnd) for _ in range(rnd.randint(1, 2)))
        path.write_bytes(bytes(data))
        return Mutant(path, "bytes", what, ())
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("PRAGMA ignore_check_constraints = ON")
    what, names = sql_mutation(db, rnd)
    db.commit()
    db.close()
    return Mutant(path, "sql", what, names)


class Hang(Exception):
    pass


def _alarm(_sig, _frame):
    raise Hang()


def run(args: list[str]) -> tuple[int, str, str]:
    """One command through the real `main()`, its output captured, with a hang alarm."""
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as e:  # argparse
                code = int(e.code or 0)
    except Hang:
        pytest.fail(f"hang: workbench {' '.join(args)}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, out.getvalue(), err.getvalue()


def commands(path: Path, folder: Path, n: int) -> list[list[str]]:
    p = str(path)
    every = [["sources", p], ["matrix", p], ["matrix", p, "--csv"], ["search", p, "troops OR sanctions"],
             ["suggest", p, "United Nations", "Sanctions"], ["matrix", p, "--json"], ["sources", p, "--json"]]
    chosen = [every[n % len(every)], every[(n + 3) % len(every)]]
    if n % 4 == 0:  # a PDF is the slowest: every fourth mutant
        chosen.append(["export", p, "-o", str(folder / f"brief{n}.pdf"), "--no-record"])
    return chosen


def exercise(mutant: Mutant, n: int, folder: Path, tally: Counter) -> None:
    before = hashlib.sha256(mutant.path.read_bytes()).hexdigest()
    code, out, err = run(["check", str(mutant.path)])
    _no_crash("check", mutant, code, err)
    if code == 0:
        tally["check: sound"] += 1
    elif out.strip():
        tally["check: problems named"] += 1
    else:
        tally["check: refused"] += 1
    if mutant.level == "sql":
        assert code == 1, f"{mutant.what}: check found nothing\n{out}"
        assert any(name in out + err for name in mutant.names), f"{mutant.what}: not named\n{out}{err}"
    for args in commands(mutant.path, folder, n):
        code, out, err = run(args)
        _no_crash(args[0], mutant, code, err)
        tally[f"{args[0]}: exit {code}"] += 1
    assert hashlib.sha256(mutant.path.read_bytes()).hexdigest() == before, f"{mutant.what}: file changed"
    tally[f"{mutant.level} mutants"] += 1


def _no_crash(what: str, mutant: Mutant, code: int, err: str) -> None:
    assert "internal error" not in err and "Traceback" not in err, f"{what} on {mutant.what}: {err}"
    assert code in (0, 1), f"{what} on {mutant.what}: exit {code}: {err}"
    # Errors are one line each (export may also list its review's findings, one per line).
    errors = [line for line in err.splitlines() if line.startswith("workbench:")]
    assert len(errors) <= 1, f"{what} on {mutant.what}: several errors\n{err}"
    if what != "export":
        assert len(err.strip().splitlines()) <= 2, f"{what} on {mutant.what}: several lines\n{err}"


def _fuzz(template: Path, folder: Path, seeds: range) -> Counter:
    tally: Counter = Counter()
    for n, seed in enumerate(seeds):
        mutant = make_mutant(template, folder, seed)
        exercise(mutant, n, folder, tally)
        for leftover in folder.iterdir():  # keep the folder small
            leftover.unlink() if leftover.is_file() else shutil.rmtree(leftover)
    return tally


def _report(tally: Counter) -> None:
    lines = [f"  {k}: {v}" for k, v in sorted(tally.items())]
    sys.stderr.write("fuzz counts:\n" + "\n".join(lines) + "\n")


def test_fuzzed_project_files_never_crash_a_command(sample_template: Path, tmp_path: Path):
    tally = _fuzz(sample_template, tmp_path, range(MUTANTS))
    _report(tally)
    assert tally["sql mutants"] + tally["bytes mutants"] == MUTANTS
    assert tally["check: problems named"] > 0 and tally["check: refused"] > 0


@pytest.mark.slow
def test_fuzzed_project_files_never_crash_a_command_big_run(sample_template: Path, tmp_path: Path, request):
    # About seven minutes: only when asked for with `-m slow`.
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the big fuzz run: select it with -m slow")
    tally = _fuzz(sample_template, tmp_path, range(10_000, 10_000 + SLOW_MUTANTS))
    _report(tally)


WINDOW_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox
    app = QApplication([])
    shown = []
    for kind in ("critical", "warning", "information", "question"):
        setattr(QMessageBox, kind, lambda *a, kind=kind, **k: shown.append(kind) or QMessageBox.StandardButton.Ok)
    from workbench.ui.main_window import MainWindow
    for name in sys.argv[1:]:
        window = MainWindow(Path(name), settings=QSettings(name + ".ini", QSettings.Format.IniFormat))
        window.resize(1200, 800)
        window.show()
        QTest.qWait(300)
        if window.session is not None:
            view = window.matrix
            view.setFocus()
            for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Right):
                QTest.keyClick(view, key)
                QTest.qWait(50)
        window.close()
        QTest.qWait(100)
        print("ok", name, window.session is None, shown, flush=True)
""")


def test_fuzzed_project_files_in_the_window(sample_template: Path, tmp_path: Path):
    """A sample of SQL-level mutants (the kind that once aborted the window) and byte-level ones."""
    paths = [make_mutant(sample_template, tmp_path, seed).path for seed in range(500, 500 + WINDOW_SAMPLE)]
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", WINDOW_SCRIPT, *map(str, paths)], capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode == 0, f"window died ({done.returncode}):\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.stdout.count("ok ") == len(paths), done.stdout
    for p in paths:
        assert hashlib.sha256(p.read_bytes()).hexdigest() == before[p], p
