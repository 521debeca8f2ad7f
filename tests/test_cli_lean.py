"""A command starts lean: the parser loads no reader, finder, brief writer or window.

`workbench search` as a whole process should cost little more than the query itself, so
each handler imports what it uses when it runs. This test names what must stay unloaded.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

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


# What a search of a file this computer has checked must not load: the dataclass and typing
# machinery, the lock (it only reads), the value screen and repair (the file is on record),
# the change log, and every other command's module.
NOT_FOR_A_SEARCH = (
    "dataclasses", "typing", "inspect", "tempfile", "uuid", "hashlib",
    "workbench.domain.models", "workbench.store.lock", "workbench.store.repair",
    "workbench.store.validate", "workbench.store.revisions", "workbench.store.frozen_v2",
    "workbench.cli.frame_command", "workbench.cli.export_command", "workbench.cli.merge_command",
    "workbench.cli.dispute_command", "workbench.cli.history_command", "workbench.cli.source_command",
    "workbench.cli.suggest_command", "workbench.cli.review_command", "workbench.cli.repair_command",
)


def run_and_list_modules(argv: list[str], *, bare: bool = False) -> tuple[str, set[str]]:
    """Run the command line in a fresh interpreter: what it printed, and what it loaded.

    *bare*: without `site` (the checkout on PYTHONPATH instead), so that what is counted is
    what the command loads, not what the environment's start-up files load (the probe itself
    loads nothing either: repr, not json)."""
    probe = ("import sys\nfrom workbench.cli import main\n"
             f"code = main({argv!r})\n"
             "print(repr([code, sorted(sys.modules)]))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)} if bare else None
    out = subprocess.run([sys.executable, *(["-S"] if bare else []), "-c", probe], check=True,
                         capture_output=True, text=True, timeout=120, env=env).stdout
    *printed, last = out.splitlines()
    code, modules = ast.literal_eval(last)
    assert code == 0, out
    return "\n".join(printed), set(modules)


def test_a_search_loads_only_what_it_uses(sample_path):
    from workbench.store.project import Project

    Project.open(sample_path).close()  # checked once, as the window or any command does
    printed, modules = run_and_list_modules(["search", str(sample_path), "sanctions"])
    assert "[sanctions]" in printed.lower()  # it really searched
    assert "workbench.store.search" in modules
    assert sorted(modules & set(NOT_FOR_A_SEARCH)) == []
    assert heavy_in(modules) == []


# Standard modules a plain search does without: pathlib and json would load `re` and `enum`,
# together a third of a search's start-up on top of the interpreter (bench/bench_cli.py).
NOT_FOR_A_PLAIN_SEARCH = ("re", "enum", "pathlib", "json", "urllib", "urllib.parse", "argparse", "fnmatch")


def test_a_plain_search_loads_no_pathlib_re_or_json(sample_path):
    from workbench.store.project import Project

    Project.open(sample_path).close()
    printed, modules = run_and_list_modules(["search", str(sample_path), "sanctions"], bare=True)
    assert "[sanctions]" in printed.lower()
    assert "workbench.store.search" in modules and "sqlite3" in modules  # the probe saw the search
    assert sorted(modules & set(NOT_FOR_A_PLAIN_SEARCH)) == []
    # A long query is counted word by word: that loads `re`, and the probe sees it.
    long_query = " ".join(f"w{i}" for i in range(70))
    _, modules = run_and_list_modules(["search", str(sample_path), long_query], bare=True)
    assert "re" in modules


def test_a_file_not_yet_checked_is_checked_in_full(sample_path):
    # The same search on a file received from elsewhere runs the value screen: the lean
    # path above is the trust record's doing, not a check left out.
    printed, modules = run_and_list_modules(["search", str(sample_path), "sanctions"])
    assert "[sanctions]" in printed.lower()
    assert {"workbench.store.validate", "workbench.store.repair"} <= modules


def test_each_command_alone_parses_as_in_the_whole_parser():
    import argparse

    from workbench.cli.parser import build_parser, command_in

    def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices

    whole = commands(build_parser())
    for name, sub in whole.items():
        assert command_in([name, "x"]) == name, f"{name} is missing from the parser's tables"
        alone = commands(build_parser(name))
        assert list(alone) == [name]
        assert alone[name].format_help() == sub.format_help()
        assert alone[name].get_default("handler") is sub.get_default("handler")
    assert command_in(["no-such-command"]) is None and command_in([]) is None
    assert command_in(["--version"]) is None


def test_a_mistyped_command_gets_the_whole_parser_and_its_message():
    done = subprocess.run([sys.executable, "-m", "workbench", "serch", "p.pbw", "x"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert "invalid choice: 'serch'" in done.stderr and "'search'" in done.stderr


def test_a_plain_search_is_read_as_the_parser_reads_it():
    from workbench.cli.commands import plain_search
    from workbench.cli.parser import build_parser

    for argv in (["search", "p.pbw", "troops"], ["search", "my file.pbw", "\"export controls\" OR envoy"],
                 ["search", "p.pbw", ""]):
        assert vars(plain_search(argv)) == vars(build_parser().parse_args(argv))
    # Anything else is the parser's: options, help, a query that looks like an option.
    for argv in (["search", "p.pbw", "troops", "--json"], ["search", "p.pbw", "--limit", "5"],
                 ["search", "-h"], ["search", "p.pbw", "-troops"], ["search", "p.pbw"], ["sources", "p.pbw", "x"]):
        assert plain_search(argv) is None, argv


def test_a_plain_search_does_not_load_the_parser(sample_path):
    from workbench.store.project import Project

    Project.open(sample_path).close()
    _, modules = run_and_list_modules(["search", str(sample_path), "sanctions"])
    assert "argparse" not in modules and "workbench.cli.parser" not in modules
    # With an option the parser reads the arguments, and still loads that command alone.
    printed, modules = run_and_list_modules(["search", str(sample_path), "sanctions", "--json"])
    assert json.loads(printed)["hits"]
    assert "argparse" in modules
    assert sorted(modules & set(NOT_FOR_A_SEARCH)) == []


def test_a_reader_that_stops_early_gets_no_error_message(sample_path):
    # `workbench search … | head`: the pipe closes before the results are written.
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "search", str(sample_path), "troops"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert err == b""
    assert proc.returncode == 1


def test_a_search_run_as_a_command_prints_every_hit(sample_path, capsys):
    # `python -m workbench search` ends the process without the interpreter's tear-down:
    # what it printed into a pipe must all arrive, the same as main() prints in-process.
    from workbench.cli import main

    assert main(["search", str(sample_path), "sanctions"]) == 0
    expected = capsys.readouterr().out
    assert expected.count("[") >= 3

    def command(*argv: str) -> subprocess.CompletedProcess:
        # Buffered output, as a user's shell has it: unbuffered, nothing would wait for a flush.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        return subprocess.run([sys.executable, "-m", "workbench", *argv], capture_output=True, text=True,
                              timeout=120, env=env)

    done = command("search", str(sample_path), "sanctions")
    assert (done.returncode, done.stdout) == (0, expected)
    # A search that finds nothing still says so, and exits 0.
    done = command("search", str(sample_path), "zzzqqq")
    assert (done.returncode, done.stdout, done.stderr.strip()) == (0, "", "no matches")
    # A failing search keeps its exit code.
    done = command("search", str(sample_path) + ".missing", "x")
    assert done.returncode == 1 and done.stderr.startswith("workbench: ")


def _run_command(argv: list[str], **redirect) -> subprocess.CompletedProcess:
    """`python -m workbench ARGV` with output buffered, as a user's shell has it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "workbench", *argv], stderr=subprocess.PIPE, text=True,
                          timeout=120, env=env, **redirect)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", ["search", "sources"])
def test_output_that_cannot_be_written_gets_one_line(sample_path, command):
    # A full disk: the buffered output fails when it is finally written, at the exit.
    argv = [command, str(sample_path), *(["sanctions"] if command == "search" else [])]
    with open("/dev/full", "w") as full:
        done = _run_command(argv, stdout=full)
    assert (done.returncode, done.stderr) == (1, "workbench: the output could not be written"
                                                 " (No space left on device)\n")
    # Started with the output closed (`>&-`).
    done = _run_command(argv, preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (1, "workbench: the output is closed\n")


def test_a_search_with_nothing_to_print_needs_no_output(sample_path):
    done = _run_command(["search", str(sample_path), "zzzqqq"], preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (0, "no matches\n")
