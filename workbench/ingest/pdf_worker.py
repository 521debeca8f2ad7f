"""The child process that reads a PDF with PDFium: `python -m workbench.ingest.pdf_worker`.

(In the bundled program, which has no `python -m`, the program itself is started with
WORKER_ARGUMENT first; packaging/entry.py hands over to main() here.)

PDFium is C++ running in-process: a hostile file could make it crash, spin or eat memory.
So it runs here, alone, under a memory limit set before the file is opened, while the parent
holds the time limit and kills this process if it runs over. Input: the PDF's bytes on
stdin, the memory limit in MB as the only argument. Output: READY once loaded, then one JSON
object on stdout, {"pages": [text, ...], "meta": {...}} or {"error": "encrypted" | "damaged"}.
"""

from __future__ import annotations

import json
import sys

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
    """Read stdin, write the JSON result; *argv* is [memory limit in MB]."""
    argv = sys.argv[1:] if argv is None else argv
    _limit_memory(int(argv[0]) if argv else 2048)
    import pypdfium2  # noqa: F401  (loaded before saying ready: start-up is not reading time)

    sys.stdout.write(READY)
    sys.stdout.flush()
    data = sys.stdin.buffer.read()
    result = read(data)
    sys.stdout.write(json.dumps(result, ensure_ascii=True))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
