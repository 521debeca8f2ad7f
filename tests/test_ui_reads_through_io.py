"""The window reads the project through its I/O service, not on its own connection.

Read from the source (ast, nothing run): in workbench/ui, the window's own connection
(`session.project`, a pane's `self.project` or `self._project`, and names bound to them) is
never handed to a function and nothing is read from it besides the state it holds in memory
(its path, whether it may be written, its lock...). Reads go to `io.read(job, ...)`, where
*job* gets a worker's connection as its parameter.

No file of the window is excepted: every read made on a click, a selection, a dialog's
opening or a notice goes through the service, so the UI thread never waits on the file.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "workbench" / "ui"

# What a Project holds in memory: reading these touches no file.
IN_MEMORY = {"path", "read_only", "read_only_reason", "lock_holder", "notice", "migrated_from", "backup",
             "unchecked", "damage", "user", "mark_checked", "close", "worker"}


def _window_connection(node: ast.AST, bound: set[str]) -> bool:
    """`session.project`, `x.session.project`, `self.project`, `self._project`, or a name bound to one."""
    if isinstance(node, ast.Name):
        return node.id in bound
    if isinstance(node, ast.Attribute) and node.attr in ("project", "_project"):
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in ("session", "self"):
            return True
        if isinstance(owner, ast.Attribute) and owner.attr in ("session", "_session"):
            return True
    return False


def uses(path: Path) -> set[tuple[str, str, str]]:
    """(file, function, what) for each use of the window's connection that reads the file."""
    found: set[tuple[str, str, str]] = set()

    def visit(node: ast.AST, function: str, bound: set[str]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            args = node.args
            params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
            bound = bound - params  # a parameter named project is a worker's connection
            if not isinstance(node, ast.Lambda):
                function = node.name
                bound = bound | {t.id for n in ast.walk(node) if isinstance(n, ast.Assign)
                                 and _window_connection(n.value, bound) for t in n.targets if isinstance(t, ast.Name)}
        if isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if _window_connection(arg, bound):
                    found.add((path.name, function, f"passes it to {ast.unparse(node.func)}"))
        if isinstance(node, ast.Attribute) and _window_connection(node.value, bound) and node.attr not in IN_MEMORY:
            found.add((path.name, function, f"reads .{node.attr}"))
        for child in ast.iter_child_nodes(node):
            visit(child, function, bound)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), "<module>", set())
    return found


def all_uses() -> set[tuple[str, str, str]]:
    return {u for path in sorted(UI.glob("*.py")) for u in uses(path)}


def test_the_scan_finds_what_it_looks_for(tmp_path: Path):
    # A scan that finds nothing could never fail: these known shapes must be seen.
    code = ("def a(self):\n    project = self.session.project\n    cells.by_id(project, 1)\n"
            "def b(self):\n    frame.actors(self.w.session.project)\n"
            "def c(self):\n    return self.project.name\n"
            "def d(self):\n    self.session.io.read(lambda project, _p: cells.by_id(project, 1), print)\n"
            "def e(self):\n    return self.session.project.path\n")
    sample = tmp_path / "probe.py"
    sample.write_text(code, encoding="utf-8")
    seen = {(f, what) for _, f, what in uses(sample)}
    assert seen == {("a", "passes it to cells.by_id"), ("b", "passes it to frame.actors"), ("c", "reads .name")}
    # And in a real module of the window: the reader with one direct read put back in.
    reader = tmp_path / "reader.py"
    reader.write_text((UI / "reader.py").read_text(encoding="utf-8")
                      + "\n\ndef shown_directly(self):\n    return sources.get(self.session.project, 1)\n",
                      encoding="utf-8")
    assert uses(reader) == {("reader.py", "shown_directly", "passes it to sources.get")}


def test_the_window_reads_the_project_only_through_its_io_service():
    files = sorted(UI.glob("*.py"))
    assert len(files) > 40 and {"main_window.py", "reader.py", "edit_flows.py", "export_dialog.py",
                                "sources_pane.py", "cell_editor.py"} <= {f.name for f in files}
    found = sorted(all_uses())
    assert not found, f"read on the window's own connection; read through session.io.read instead: {found}"
