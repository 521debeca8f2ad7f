"""The child process that reads PDFs with PDFium: `python -m workbench.ingest.pdf_worker`.

(In the bundled program, which has no `python -m`, the program itself is started with
WORKER_ARGUMENT first; packaging/entry.py hands over to main() here.)

PDFium is C++ running in-process: a hostile file could make it crash, spin or eat memory.
So it runs here, under a memory limit set before any file is opened, while the parent holds
the time limit and kills this process if it runs over. One process reads a batch of files,
one after the other, so a folder of PDFs does not start an interpreter per file.

Protocol: the memory limit in MB is the only argument. The process writes READY once
loaded; then, for each file, it reads a request (8-byte big-endian length, the PDF's bytes)
from stdin and answers with a reply (8-byte length, one JSON object: {"pages": [text, ...],
"meta": {...}} or {"error": "encrypted" | "damaged"}). It exits when stdin closes.
"""

from __future__ import annotations

import json
import sys

from workbench.messages import read_message, write_message

MAX_PAGES = 5000
WORKER_ARGUMENT = "--read-pdf-worker"
READY = "R"  # written once the reader is loaded; the parent's clock starts then


def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: only the parent's time limit applies
        return
    limit = megabytes * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass


def read(data: bytes) -> dict[str, object]:
    """Page texts and document information of the PDF in *data*."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)  # opens permission-only (empty password) files too
    except pdfium.PdfiumError as error:
        return {"error": "encrypted" if "password" in str(error).lower() else "damaged"}
    try:
        try:
            meta = {k: v for k, v in doc.get_metadata_dict(skip_empty=True).items()
                    if isinstance(v, str)}
        except Exception:
            meta = {}  # a damaged information dictionary should not cost the text
        pages = []
        for index in range(min(len(doc), MAX_PAGES)):
            page = doc[index]
            try:
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
            except pdfium.PdfiumError:
                pages.append("")
            finally:
                page.close()
        return {"pages": pages, "meta": meta, "truncated": len(doc) > MAX_PAGES}
    finally:
        doc.close()


def main(argv: list[str] | None = None) -> None:
    """Answer requests on stdin until it closes; *argv* is [memory limit in MB]."""
    argv = sys.argv[1:] if argv is None else argv
    _limit_memory(int(argv[0]) if argv else 2048)
    import pypdfium2  # noqa: F401  (loaded before saying ready: start-up is not reading time)

    out = sys.stdout.buffer
    out.write(READY.encode())
    out.flush()
    while True:
        data = read_message(sys.stdin.buffer)
        if data is None:
            return
        write_message(out, json.dumps(read(data), ensure_ascii=True).encode())


if __name__ == "__main__":
    main()
