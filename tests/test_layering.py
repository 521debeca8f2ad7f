"""The layers of the code base, read from the import statements themselves (ast, nothing run).

- Qt (PySide6) is imported only under workbench/ui.
- workbench/domain imports nothing of ours.
- Nothing imports workbench.ui, except the command line starting the window lazily.
- Only workbench/store talks to SQLite: no other package imports sqlite3 or runs SQL on a
  project's connection (`project.db`, `project.row(s)`, `.execute(`), and workbench/ui never
  does, not even lazily. Files not yet moved over are listed in NOT_YET_IN_STORE.
- workbench/store does not import workbench/ingest (the store takes sentence spans; its
  migrations are frozen and call nothing that can change later).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "workbench"
# The one allowed way into the window from outside ui/: `workbench open` and bare `workbench`.
ALLOWED_UI_IMPORTERS = {"workbench/cli/commands.py"}
# Files outside the store that still import sqlite3 or run their own SQL. Each entry goes once
# its queries move into workbench/store; a listed file that no longer needs it fails the test.
NOT_YET_IN_STORE: set[str] = set()
# Ways of running SQL on a project's connection, as they read in the source.
_SQL_CALLS = re.compile(r"\.(execute|executemany|executescript)\(|\bproject\.(db|rows?)\b|\.db\.")


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, inside a function) for every import in *path*."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:  # relative: resolve against this module's package
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    name = ".".join(base + ([child.module] if child.module else []))
                else:
                    name = child.module or ""
                found.append((name, child.lineno, in_function))
                # `from workbench import ui` names the package through its member.
                found.extend((f"{name}.{a.name}", child.lineno, in_function) for a in child.names)
            elif isinstance(child, ast.Call) and getattr(child.func, "id", "") == "__import__":
                if child.args and isinstance(child.args[0], ast.Constant) and isinstance(child.args[0].value, str):
                    found.append((child.args[0].value, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_scan_sees_the_code_base():
    # Guard against a scan that finds nothing and so can never fail.
    names = {rel(p) for p in modules()}
    assert {"workbench/store/project.py", "workbench/cli/commands.py", "workbench/domain/models.py",
            "workbench/ui/project_io.py"} <= names
    assert any(m.startswith("PySide6") for m, _, _ in imports(PACKAGE / "ui" / "project_io.py"))
    lazy = [(m, f) for m, _, f in imports(PACKAGE / "cli" / "commands.py") if m.startswith("workbench.ui")]
    assert lazy and all(f for _, f in lazy)


@pytest.mark.parametrize("path", [p for p in modules() if "ui" not in p.relative_to(PACKAGE).parts[:1]],
                         ids=rel)
def test_qt_only_in_ui(path: Path):
    qt = [(m, line) for m, line, _ in imports(path)
          if m.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6")]
    assert not qt, f"{rel(path)} imports Qt: {qt}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=rel)
def test_domain_imports_nothing_of_ours(path: Path):
    ours = [(m, line) for m, line, _ in imports(path) if m == "workbench" or m.startswith("workbench.")]
    assert not ours, f"{rel(path)} imports {ours}"


@pytest.mark.parametrize("path", [p for p in modules() if "ui" not in p.relative_to(PACKAGE).parts[:1]],
                         ids=rel)
def test_nothing_imports_the_window(path: Path):
    into_ui = [(m, line, lazy) for m, line, lazy in imports(path)
               if m == "workbench.ui" or m.startswith("workbench.ui.")]
    if rel(path) in ALLOWED_UI_IMPORTERS:
        # Only inside a function, so that the command line never loads Qt unless asked.
        assert all(lazy for _, _, lazy in into_ui), f"{rel(path)} imports the window at load time"
    else:
        assert not into_ui, f"{rel(path)} imports {into_ui}"


def test_core_runs_without_qt():
    """Importing the core and the command line in a fresh interpreter loads no Qt at all."""
    import subprocess
    import sys

    code = ("import sys\n"
            "import workbench.cli, workbench.cli.commands, workbench.cli.parser, workbench.store.project,"
            " workbench.store.check, workbench.store.share, workbench.store.search,"
            " workbench.ingest.importer, workbench.sample\n"
            "workbench.cli.parser.build_parser()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _talks_to_sqlite(path: Path) -> list[str]:
    """What in *path* talks to SQLite: sqlite3 imports and SQL run on a connection."""
    found = [f"imports sqlite3 (line {line})" for m, line, _ in imports(path) if m.split(".")[0] == "sqlite3"]
    for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if _SQL_CALLS.search(text.split("#")[0]):
            found.append(f"runs SQL (line {n})")
    return found


@pytest.mark.parametrize("path", [p for p in modules() if p.relative_to(PACKAGE).parts[0] != "store"], ids=rel)
def test_only_the_store_talks_to_sqlite(path: Path):
    found = _talks_to_sqlite(path)
    if rel(path) in NOT_YET_IN_STORE:
        # Still waiting for its queries to move; once they have, the entry must go.
        assert found, f"{rel(path)} no longer talks to SQLite: remove it from NOT_YET_IN_STORE"
    else:
        assert not found, f"{rel(path)} talks to SQLite ({', '.join(found)}); ask the store instead"


def test_the_window_never_imports_sqlite3():
    """Not even lazily: the window words the store's typed errors and never sees SQLite's."""
    for path in (PACKAGE / "ui").rglob("*.py"):
        assert not [m for m, _, _ in imports(path) if m.split(".")[0] == "sqlite3"], rel(path)
        assert rel(path) not in NOT_YET_IN_STORE


def test_the_store_does_not_import_ingest():
    for path in (PACKAGE / "store").rglob("*.py"):
        into = [(m, line) for m, line, _ in imports(path) if m == "workbench.ingest" or m.startswith("workbench.ingest.")]
        assert not into, f"{rel(path)} imports {into}"


def test_the_sqlite_rule_sees_what_it_looks_for():
    # The scan must find the store's own SQL, or the rules above could never fail.
    assert _talks_to_sqlite(PACKAGE / "store" / "project.py")
    assert any("runs SQL" in f for f in _talks_to_sqlite(PACKAGE / "store" / "cells.py"))


def test_the_menu_flows_use_only_their_small_interface_to_the_window():
    """File and Edit flows see the window as a FlowHost: no reaching into its panes."""
    host = ast.parse((PACKAGE / "ui" / "flow_host.py").read_text(encoding="utf-8"))
    (protocol,) = [n for n in host.body if isinstance(n, ast.ClassDef) and n.name == "FlowHost"]
    allowed = {n.target.id for n in protocol.body if isinstance(n, ast.AnnAssign)}
    allowed |= {n.name for n in protocol.body if isinstance(n, ast.FunctionDef)}
    for name in ("file_flows.py", "edit_flows.py"):
        tree = ast.parse((PACKAGE / "ui" / name).read_text(encoding="utf-8"))
        used = {node.attr for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                and node.value.attr == "w" and isinstance(node.value.value, ast.Name) and node.value.value.id == "self"}
        used |= {node.attr for node in ast.walk(tree)
                 if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "w"}
        assert used and used <= allowed, f"ui/{name} uses {sorted(used - allowed)} of the window"


def test_migration_steps_call_nothing_that_can_change():
    """Schema steps are frozen: they import only frozen copies of what they need (frozen_*.py),
    which import nothing of ours, so an old file upgrades the same way in every later version."""
    schema = PACKAGE / "store" / "schema.py"
    ours = {m for m, _, _ in imports(schema) if m == "workbench" or m.startswith("workbench.")}
    assert all(m.startswith("workbench.store.frozen_") or m == "workbench.store" for m in ours), ours
    frozen = sorted((PACKAGE / "store").glob("frozen_*.py"))
    assert frozen
    for path in frozen:
        assert not [m for m, _, _ in imports(path) if m == "workbench" or m.startswith("workbench.")], rel(path)
