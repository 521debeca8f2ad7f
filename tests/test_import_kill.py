"""A process killed in the middle of an import loses no committed source (HAZARDS 7).

A real `workbench import` of 3,000 generated files is killed with SIGKILL once the parent,
watching the file through its own read-only connection, has seen sources committed.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench import sample

FILES = 3000


def committed_count(path: Path) -> int:
    """Sources committed so far, as any other reader of the file sees them."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute("SELECT count(*) FROM source").fetchone()[0]
    except sqlite3.OperationalError:  # busy at the moment of a commit
        return -1
    finally:
        db.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_import_loses_no_committed_source(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(FILES):
        (docs / f"report {i:05}.txt").write_text(
            f"Field report {i}. Units of the {i % 97}th brigade moved near Kursk on day {i}. "
            f"Officials in Seoul said sanctions package {i} was under discussion. "
            + "Additional context sentence. " * (i % 7), encoding="utf-8")
    project = tmp_path / "big import.pbw"
    sample.create_empty(project, "import test").close()

    proc = subprocess.Popen([sys.executable, "-m", "workbench", "import", str(project), str(docs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = 0
    deadline = time.monotonic() + 120
    try:
        while seen < 300:
            assert proc.poll() is None, "the import finished before it could be killed"
            assert time.monotonic() < deadline, "no sources were committed in time"
            time.sleep(0.02)
            seen = max(seen, committed_count(project))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert seen < FILES

    def workbench(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                              text=True, timeout=300)

    # A reading command works on the file as the crash left it.
    listed = workbench("sources", str(project), "--json")
    assert listed.returncode == 0, listed.stderr
    survivors = json.loads(listed.stdout)
    assert len(survivors) >= seen
    # check: integrity, schema, FTS in step, every text matching its hash, sentences present.
    checked = workbench("check", str(project), "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] and report["facts"]["sources"] == len(survivors)
    # Every survivor is whole: its text is the file it came from, exactly.
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        for filename, text in db.execute("SELECT filename, text FROM source"):
            original = (docs / filename).read_text(encoding="utf-8")
            assert text.strip() == original.strip(), filename
    finally:
        db.close()
    # Importing again finishes the job: the survivors are recognised as duplicates.
    again = workbench("import", str(project), str(docs), "--json")
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout)
    assert len(result["duplicates"]) == len(survivors)
    assert len(result["added"]) == FILES - len(survivors)
