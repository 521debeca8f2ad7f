"""What the read-only brief commands (`changes`, `review`) share: their arguments and the way
they open the project and pick the brief."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

from workbench.domain.models import Brief
from workbench.store.project import Project

T = TypeVar("T")


def register_brief_command(cmd, name: str, handler, help: str) -> None:
    """Add `workbench NAME PROJECT [--brief NAME] [--json]`."""
    sp = cmd(name, handler, help)
    sp.add_argument("project")
    sp.add_argument("--brief", metavar="NAME",
                    help="which saved brief (default: the project's first brief, else the whole matrix)")
    sp.add_argument("--json", action="store_true")


def read_brief(args: argparse.Namespace, work: Callable[[Project, Brief], T]) -> tuple[Brief, T]:
    """Open the project read-only, pick the brief named by --brief and run *work* on both."""
    from workbench.brief.export import choose_brief  # reportlab: loaded only when run

    with Project.open(args.project, read_only=True) as project:
        brief = choose_brief(project, args.brief)
        return brief, work(project, brief)
