"""Ingest: turn sources (files, folders, stdin, JSONL) into `Document`s.

Readers yield `Document` or `InputError` items, never raise for one bad input, so a batch always
goes on with its other documents and the caller decides how to report failures.
"""
from narrascope.ingest.raw import DEFAULT_MAX_BYTES, read_text_file
from narrascope.ingest.sources import iter_documents

__all__ = ["DEFAULT_MAX_BYTES", "iter_documents", "read_text_file"]
