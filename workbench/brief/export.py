"""Export a brief as PDF or Word (and the matrix as CSV): the one entry point the CLI and window use.

Each export also records what the brief said (a small snapshot, not the document) when the
project can be written, so that the next brief can say what changed since.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.brief import changes, compose, pdf
from workbench.brief.atomic import replace_file
from workbench.brief.matrix_csv import matrix_csv
from workbench.brief.review import Finding, review
from workbench.domain.models import Brief
from workbench.store import brief_snapshots, briefs, location
from workbench.store.project import Project

__all__ = ["ExportCancelled", "ExportError", "Exported", "FORMATS", "choose_brief", "export_brief", "export_pdf",
           "format_of", "matrix_csv", "render_bytes", "review_brief"]

# File name ending -> format name.
FORMATS = {".pdf": "pdf", ".docx": "docx"}

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


@dataclass(frozen=True)
class Exported:
    """What an export wrote, and whether the project now remembers what it said."""

    path: Path
    format: str
    pages: int  # PDF pages; paragraphs for Word
    recorded: bool
    not_recorded_because: str = ""
    snapshot: brief_snapshots.Snapshot | None = None  # what the brief said (recorded or not)


def format_of(path: Path | str) -> str:
    """'pdf' or 'docx' from the file name; ExportError for any other ending."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ExportError(f"Cannot export {Path(path).name}: a brief file name ends in .pdf or .docx.")
    return fmt


def review_brief(project: Project, brief: Brief) -> list[Finding]:
    """The pre-export findings for *brief* (never blocks anything by itself)."""
    return review(project, compose.compose(project, brief))


def export_brief(project: Project, brief: Brief, out_path: Path | str, progress: Progress | None = None,
                 *, with_changes: bool = False, record: bool = True, differ: bool = False) -> Exported:
    """Write *brief* to *out_path* as PDF or Word (by its ending), whole or not at all.

    With *with_changes* the brief has a "Changes since DATE" section (when it was exported
    before). With *record* a snapshot of what it says is kept in the project, if the project
    can be written. With *differ* a judgment a colleague's copy disagrees with prints an
    "Analysts differ" note. *progress(done, total, text)* may return False to cancel (PDF only).
    """
    out = Path(out_path)
    fmt = format_of(out)
    location.refuse_if_project(out, project.path)  # before the work, not only before the write
    content = compose.compose(project, brief, differ=differ)
    if with_changes:
        content = replace(content, changes=changes.since_last(project, content))
    if not out.parent.is_dir():
        raise ExportError(f"Cannot write {out.name}: the folder {out.parent} does not exist.")
    try:
        with replace_file(out, project=project.path) as f:
            if fmt == "pdf":
                pages = pdf.render(content, f, progress)
            else:
                from workbench.brief import word  # python-docx: loaded only for Word exports

                pages = word.render(content, f)
            _usual_permissions(f)
    except pdf.Cancelled:
        raise ExportCancelled("The export was cancelled.") from None
    except OSError as e:
        raise ExportError(f"Cannot write {out.name}: {e.strerror or e}.") from None
    said = changes.snapshot(content, fmt)
    if not record:
        return Exported(out, fmt, pages, False, "not asked to", said)
    if project.read_only:
        return Exported(out, fmt, pages, False, project.read_only_reason, said)
    return Exported(out, fmt, pages, True, snapshot=brief_snapshots.record(project, said))


def _usual_permissions(f) -> None:
    """Give the file the permissions any new file of the user gets (the temp file is 0600)."""
    if not hasattr(os, "fchmod"):
        return
    mask = os.umask(0o022)
    os.umask(mask)
    os.fchmod(f.fileno(), 0o666 & ~mask)


def export_pdf(project: Project, brief: Brief, out_path: Path | str,
               progress: Progress | None = None) -> Path:
    """Write *brief* as a PDF to *out_path*, whole or not at all; return the path.

    *progress(done, total, text)* may return False to cancel (ExportCancelled is raised and
    no file is left behind). Errors writing the file raise ExportError.
    """
    return export_brief(project, brief, out_path, progress, record=False).path


def render_bytes(project: Project, brief: Brief, progress: Progress | None = None) -> tuple[bytes, int]:
    """The PDF of *brief* in memory and its page count (for previews)."""
    buffer = io.BytesIO()
    try:
        pages = pdf.render(compose.compose(project, brief), buffer, progress)
    except pdf.Cancelled:
        raise ExportCancelled("The export was cancelled.") from None
    return buffer.getvalue(), pages
