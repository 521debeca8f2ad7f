"""Export a brief as PDF (and the matrix as CSV): the one entry point the CLI and window use."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from workbench.brief import compose, pdf
from workbench.brief.atomic import replace_file
from workbench.brief.matrix_csv import matrix_csv
from workbench.domain.models import Brief
from workbench.store import briefs, location
from workbench.store.project import Project

__all__ = ["ExportCancelled", "ExportError", "choose_brief", "export_pdf", "matrix_csv", "render_bytes"]

Progress = Callable[[int, int, str], bool]


class ExportError(ValueError):
    """The PDF could not be written; the message is one plain sentence."""


class ExportCancelled(Exception):
    """The export was cancelled; no file was written."""


def choose_brief(project: Project, name: str | None = None) -> Brief:
    """The brief called *name*; else the project's first brief; else one of the whole matrix."""
    if name:
        return briefs.get(project, name)
    saved = briefs.list_all(project)
    return saved[0] if saved else compose.default_brief(project)


def export_pdf(project: Project, brief: Brief, out_path: Path | str,
               progress: Progress | None = None) -> Path:
    """Write *brief* as a PDF to *out_path*, whole or not at all; return the path.

    *progress(done, total, text)* may return False to cancel (ExportCancelled is raised and
    no file is left behind). Errors writing the file raise ExportError.
    """
    out = Path(out_path)
    location.refuse_if_project(out, project.path)  # before the work, not only before the write
    content = compose.compose(project, brief)
    if not out.parent.is_dir():
        raise ExportError(f"Cannot write {out.name}: the folder {out.parent} does not exist.")
    try:
        with replace_file(out, project=project.path) as f:
            pdf.render(content, f, progress)
    except pdf.Cancelled:
        raise ExportCancelled("The export was cancelled.") from None
    except OSError as e:
        raise ExportError(f"Cannot write {out.name}: {e.strerror or e}.") from None
    return out


def render_bytes(project: Project, brief: Brief, progress: Progress | None = None) -> tuple[bytes, int]:
    """The PDF of *brief* in memory and its page count (for previews)."""
    buffer = io.BytesIO()
    try:
        pages = pdf.render(compose.compose(project, brief), buffer, progress)
    except pdf.Cancelled:
        raise ExportCancelled("The export was cancelled.") from None
    return buffer.getvalue(), pages
