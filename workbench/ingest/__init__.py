"""Reading .txt, .md, .html and .pdf files into text and metadata, and sentence spans.

No Qt and no SQL here: the store turns a ParsedDocument into a source, and the UI and
CLI only show the plain IngestError messages raised for files that cannot be read.

The public names below are loaded on first use, so that the store, which needs only the
sentence splitter, does not pull in the PDF and encoding libraries at start-up.
"""

from __future__ import annotations

import importlib

_PUBLIC = {
    "IngestError": "errors",
    "SUPPORTED": "files",
    "collect_paths": "files",
    "is_supported": "files",
    "guess_metadata": "metadata",
    "normalise_date": "metadata",
    "read_document": "reader",
    "split_sentences": "sentences",
    "MAX_FILE_BYTES": "text",
    "clean_text": "text",
    "decode_bytes": "text",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:  # typing is not loaded: the command line starts faster
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
