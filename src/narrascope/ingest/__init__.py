"""Ingest: turn sources (files, folders, stdin, JSONL) into `Document`s.

Readers yield `Document` or `InputError` items, never raise for one bad input, so a batch always
goes on with its other documents and the caller decides how to report failures.
"""
from .files import DEFAULT_MAX_BYTES, iter_documents, read_text_file
from .langid import detect_language

__all__ = ["DEFAULT_MAX_BYTES", "detect_language", "iter_documents", "read_text_file"]
