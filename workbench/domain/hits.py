"""What a full-text search returns. Named tuples rather than dataclasses: a search run from the
command line should not pay for loading the dataclass machinery (see tests/test_cli_lean.py)."""

from __future__ import annotations

from collections import namedtuple

# source_id, title; snippet: plain text; highlights: (start, end) ranges in snippet that
# matched; score: bm25, lower is better.
SearchHit = namedtuple("SearchHit", ["source_id", "title", "snippet", "highlights", "score"])

# hits: a tuple of SearchHit; literal: the query was not valid FTS syntax and was searched as
# plain words; message: what the user should be told about how the query was read.
SearchResult = namedtuple("SearchResult", ["hits", "literal", "message"], defaults=(False, ""))
