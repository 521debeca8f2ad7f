"""A process killed in the middle of an import loses no committed source (HAZARDS 7).

A real `workbench import` of 3,000 generated files is killed with SIGKILL once the parent,
watching the file through its own read-only connection, has seen sources committed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench import sample
from workbench.store import sources
from workbench.store.errors import Busy
from workbench.store.project import Project

FILES = 3000


def committed_count(watcher: Project) -> int:
    """Sources committed so far, as another reader of the file (its own connection) sees them."""
    try:
        with watcher.guard():
            return sources.count(watcher)
    except Busy:  # the import was committing at that moment
        return -1


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

    watcher = Project.open(project, read_only=True)  # holds no lock: the import writes freely
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "import", str(project), str(docs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = 0
    deadline = time.monotonic() + 120
    try:
        while seen < 300:
            assert proc.poll() is None, "the import finished before it could be killed"
            assert time.monotonic() < deadline, "no sources were committed in time"
            time.sleep(0.02)
            seen = max(seen, committed_count(watcher))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        watcher.close()
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
    with Project.open(project, read_only=True) as opened:
        for source in sources.list_all(opened, order="imported"):
            original = (docs / source.filename).read_text(encoding="utf-8")
            text = sources.get(opened, source.id).text
            assert text.strip() == original.strip(), source.filename
    # Importing again finishes the job: the survivors are recognised as duplicates.
    again = workbench("import", str(project), str(docs), "--json")
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout)
    assert len(result["duplicates"]) == len(survivors)
    assert len(result["added"]) == FILES - len(survivors)
