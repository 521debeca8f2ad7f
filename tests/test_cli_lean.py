"""A command starts lean: the parser loads no reader, finder, brief writer or window.

`workbench search` as a whole process should cost little more than the query itself, so
each handler imports what it uses when it runs. This test names what must stay unloaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

# Packages that only some commands need; none of them may load with the parser.
HEAVY = (
    "PySide6", "reportlab", "markdown", "pypdfium2", "pypdf", "docx", "charset_normalizer",
    "trafilatura", "lxml", "csv", "sqlite_utils",
    "workbench.ui", "workbench.brief", "workbench.evidence", "workbench.ingest", "workbench.sample",
)

# The ingest package itself loads its readers lazily; its error type is what the CLI catches.
LIGHT = {"workbench.ingest", "workbench.ingest.errors"}


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True,
                         timeout=120).stdout
    return set(json.loads(out.splitlines()[-1]))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules - LIGHT if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_parsing_a_command_loads_nothing_heavy():
    modules = loaded_after("from workbench.cli.parser import build_parser\n"
                           "build_parser().parse_args(['search', 'p.pbw', 'troops'])")
    assert "workbench.cli.commands" in modules  # the probe really loaded the command line
    assert heavy_in(modules) == []


def test_the_probe_sees_a_heavy_import():
    # Guard against a probe that can never fail: the suggest handler does load the finder.
    modules = loaded_after("from workbench.cli import suggest_command\n"
                           "import workbench.evidence.finder")
    assert "workbench.evidence.finder" in heavy_in(modules)
