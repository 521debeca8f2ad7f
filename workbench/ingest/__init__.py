"""Reading .txt, .md, .html and .pdf files into text and metadata, and sentence spans.

No Qt and no SQL here: the store turns a ParsedDocument into a source, and the UI and
CLI only show the plain IngestError messages raised for files that cannot be read.
"""

from workbench.ingest.errors import IngestError
from workbench.ingest.files import SUPPORTED, collect_paths, is_supported
from workbench.ingest.metadata import guess_metadata, normalise_date
from workbench.ingest.reader import read_document
from workbench.ingest.sentences import split_sentences
from workbench.ingest.text import MAX_FILE_BYTES, clean_text, decode_bytes

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED",
    "IngestError",
    "clean_text",
    "collect_paths",
    "decode_bytes",
    "guess_metadata",
    "is_supported",
    "normalise_date",
    "read_document",
    "split_sentences",
]
