"""The window reads the project through its I/O service, not on its own connection.

Read from the source (ast, nothing run): in workbench/ui, the window's own connection
(`session.project`, a pane's `self.project` or `self._project`, and names bound to them) is
never handed to a function and nothing is read from it besides the state it holds in memory
(its path, whether it may be written, its lock...). Reads go to `io.read(job, ...)`, where
*job* gets a worker's connection as its parameter.

What still reads on the window's connection is listed in STILL_DIRECT with the reason it
stays; a listed use that has gone fails the test, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "workbench" / "ui"

# What a Project holds in memory: reading these touches no file.
IN_MEMORY = {"path", "read_only", "read_only_reason", "lock_holder", "notice", "migrated_from", "backup",
             "unchecked", "damage", "user", "mark_checked", "close", "worker"}

# (file, function, what is done with the window's connection) -> why it stays for now.
STILL_DIRECT: dict[tuple[str, str, str], str] = {
    # Opening: the window's title names the project as the open flow shows its state.
    ("main_window.py", "_show_state", "reads .name"): "the open flow's title, one row, read as the file opens",
    ("main_window.py", "_show_state", "passes it to self.status.set_project"):
        "the status line takes the path and read-only state only (no read)",
    # The reader opens a source on a click in the source list or a jump to a cited passage.
    ("main_window.py", "show_source", "passes it to sources.get"): "the reader's source text, on a click",
    ("main_window.py", "show_source", "passes it to search_store.match_ranges"): "the reader's search hits",
    ("main_window.py", "show_source", "passes it to excerpts.for_source"): "the reader's cited passages",
    # Menu and dialog flows read what a dialog starts from, on a person's request, not on selection.
    ("edit_flows.py", "cite", "passes it to sources.get"): "the cite dialog's passage, on Cite",
    ("edit_flows.py", "cite", "passes it to frame.actor"): "the cite dialog's label",
    ("edit_flows.py", "cite", "passes it to frame.instrument"): "the cite dialog's label",
    ("edit_flows.py", "edit_item", "passes it to frame.actor"): "the edit dialog's current values",
    ("edit_flows.py", "edit_item", "passes it to frame.instrument"): "the edit dialog's current values",
    ("edit_flows.py", "remove_item", "passes it to frame.actor"): "the removal question's name",
    ("edit_flows.py", "remove_item", "passes it to frame.instrument"): "the removal question's name",
    ("edit_flows.py", "remove_item", "passes it to frame.has_content"): "whether the question warns of content",
    ("edit_flows.py", "edit_source", "passes it to sources.get"): "the source dialog's current values",
    ("edit_flows.py", "remove_sources", "passes it to impact"): "what the removal question counts",
    ("export_dialog.py", "__init__", "passes it to frame.actors"): "the brief form's choices as the dialog opens",
    ("export_dialog.py", "__init__", "passes it to frame.instruments"): "the brief form's choices",
    ("export_dialog.py", "_fill_choice", "passes it to _listed"): "the saved briefs as the dialog opens",
}
# The files that must read only through the service, with no entry above: the panes that
# follow the matrix selection and the matrix itself.
SELECTION_AND_OPEN = ("cell_editor.py", "cell_editor_hold.py", "evidence_pane.py", "evidence_model.py",
                      "history_view.py", "dispute_box.py", "matrix_model.py", "matrix_view.py",
                      "matrix_delegate.py", "cell_commands.py", "suggestions_page.py", "suggestions_panel.py")


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
    assert ("main_window.py", "show_source", "passes it to sources.get") in all_uses()


def test_the_window_reads_the_project_only_through_its_io_service():
    unexpected = sorted(all_uses() - STILL_DIRECT.keys())
    assert not unexpected, ("read on the window's own connection; read through session.io.read instead: "
                            f"{unexpected}")


def test_each_use_still_allowed_is_still_there():
    gone = sorted(STILL_DIRECT.keys() - all_uses())
    assert not gone, f"no longer read directly: remove from STILL_DIRECT: {gone}"


def test_selection_and_open_read_nothing_directly():
    listed = [key for key in STILL_DIRECT if key[0] in SELECTION_AND_OPEN]
    assert not listed, listed
    assert all((UI / name).exists() for name in SELECTION_AND_OPEN)
