"""Entry point of the bundled program: the `workbench` command.

A lone project-file argument (how desktops open a document) is turned into `open PATH`
by the command line itself (`workbench.cli.document_arguments`). The program also serves as
its own PDF reader process (see workbench/ingest/pdf_worker.py): there is no `python -m`
inside the bundle.
"""

from __future__ import annotations

import sys

from workbench.ingest.pdf_worker import WORKER_ARGUMENT


if __name__ == "__main__":
    if sys.argv[1:2] == [WORKER_ARGUMENT]:
        from workbench.ingest.pdf_worker import main as read_pdf

        read_pdf(sys.argv[2:])
        sys.exit(0)
    if sys.argv[1:2] == ["--read-files-worker"]:  # see workbench/ingest/parse_worker.py
        from workbench.ingest.parse_worker import main as read_files

        read_files()
        sys.exit(0)
    if sys.argv[1:2] == ["--evidence-index-worker"]:  # see workbench/evidence/index_worker.py
        from workbench.evidence.index_worker import main as read_sentences

        read_sentences()
        sys.exit(0)
    if sys.argv[1:2] == ["--evidence-index-refresh"]:  # see workbench/evidence/index_process.py
        from workbench.evidence.index_process import main as build_index

        sys.exit(build_index(sys.argv[2:]))
    from workbench.cli import run

    run()
