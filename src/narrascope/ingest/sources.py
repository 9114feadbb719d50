"""All sources in one call: files, folders, standard input, JSONL, saved pages and feeds, URLs."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from narrascope.errors import InputError
from narrascope.ingest.feeds import FEED_SUFFIXES, read_feed_file
from narrascope.ingest.html import HTML_SUFFIXES, read_html_file
from narrascope.ingest.raw import DEFAULT_MAX_BYTES, decode_text, read_bytes, read_text_file, text_document
from narrascope.ingest.records import JSONL_SUFFIXES, ReadResult, parse_jsonl
from narrascope.ingest.web import WebReader

FOLDER_TEXT_SUFFIXES = {".txt", ".text"}  # in folders; a file named explicitly is read whatever its suffix


def iter_documents(
    sources: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, stdin: IO[bytes] | None = None
) -> Iterator[ReadResult]:
    """Yield a Document (or an InputError) for every article in `sources`.

    A source is a text file, a folder (its text and JSONL files, recursively, sorted), a JSONL file
    (one article per line), or `-` for standard input (JSONL if every line is a JSON object,
    otherwise one plain-text article).
    """
    web = WebReader(max_bytes)  # URLs and .urls lists; fetches nothing until it meets one
    try:
        yield from _iter_sources(sources, max_bytes, stdin, web)
    finally:
        web.close()


def _iter_sources(sources: Iterable[str | Path], max_bytes: int, stdin: IO[bytes] | None, web) -> Iterator[ReadResult]:
    for src in sources:
        src = str(src)
        if src == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, max_bytes)
            continue
        if web.handles(src):
            yield from web.read(src)
            continue
        path = Path(src)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _readable_kind(p))
            if not files:
                yield InputError(src, "folder has no .txt, .jsonl, .html or .rss/.atom files")
            for f in files:
                yield from _read_path(f, max_bytes)
        else:
            yield from _read_path(path, max_bytes)


def _readable_kind(path: Path) -> bool:
    if path.name.startswith("."):
        return False
    return path.suffix.lower() in FOLDER_TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES


def _read_path(path: Path, max_bytes: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:  # saved web pages and feeds: see ingest/html.py and ingest/feeds.py
        try:
            yield read_html_file(path, max_bytes)
        except InputError as err:
            yield err
        return
    if suffix in FEED_SUFFIXES:
        yield from read_feed_file(path, max_bytes)
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            raw = read_bytes(path, max_bytes)
        except InputError as err:
            yield err
            return
        yield from parse_jsonl(raw, str(path))
        return
    try:
        text = read_text_file(path, max_bytes)
    except InputError as err:
        yield err
        return
    yield text_document(text, doc_id=path.name, source_name=str(path))


def _read_stdin(stream: IO[bytes], max_bytes: int) -> Iterator[ReadResult]:
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        yield InputError("<stdin>", f"input is over the {max_bytes / 2**20:.0f} MB limit (raise --max-bytes)")
        return
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith(b"{") for ln in lines):
        yield from parse_jsonl(raw, "<stdin>")
        return
    try:
        text = decode_text(raw, "<stdin>")
    except InputError as err:
        yield err
        return
    yield text_document(text, doc_id="stdin")
