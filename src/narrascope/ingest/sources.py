"""All sources in one call: files, folders, standard input, JSONL, saved pages and feeds, URLs."""
from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from narrascope.errors import InputError
from narrascope.ingest.feeds import FEED_SUFFIXES, read_feed_file
from narrascope.ingest.html import HTML_SUFFIXES, read_html_file
from narrascope.ingest.raw import (
    DEFAULT_MAX_BYTES,
    decode_text,
    read_bytes,
    read_text_file,
    text_document,
    to_utf8,
)
from narrascope.ingest.records import JSONL_SUFFIXES, ReadResult, parse_jsonl
from narrascope.ingest.web import WebReader

log = logging.getLogger(__name__)

FOLDER_TEXT_SUFFIXES = {".txt", ".text"}  # in folders; a file named explicitly is read whatever its suffix


def iter_documents(
    sources: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, stdin: IO[bytes] | None = None,
    allow_private: bool = False,
) -> Iterator[ReadResult]:
    """Yield a Document (or an InputError) for every article in `sources`.

    A source is a text file, a folder (its text and JSONL files, recursively, sorted), a JSONL file
    (one article per line), a URL or a `.urls` list (fetched from public addresses only, unless
    `allow_private`), or `-` for standard input: JSON Lines when its first non-blank line starts
    with `{` (then every line must be a record, and one that is not is an error naming
    `<stdin>:LINE`, as for a named file), otherwise one plain-text article.
    """
    web = WebReader(max_bytes, allow_private=allow_private)  # fetches nothing until it meets a URL
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
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
            files = [p for p in found if _readable_kind(p)]
            if not files:
                yield InputError(src, "folder has no .txt, .jsonl, .html or .rss/.atom files")
            _say_skipped(src, [p for p in found if not _readable_kind(p)])
            for f in files:
                yield from _read_path(f, max_bytes)
        else:
            yield from _read_path(path, max_bytes)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)  # .git/, .DS_Store: no reader's business


def _say_skipped(folder: str, skipped: list[Path]) -> None:
    """A folder's files of other kinds are left out, and the reader told which, so that an article saved
    as .pdf or .docx is not missed without a word (a file named on its own is read whatever its suffix)."""
    if skipped:
        shown = ", ".join(str(p.relative_to(folder)) for p in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        log.warning("%s: left out %d file(s) that are not .txt, .jsonl, .html or .rss/.atom: %s%s (convert them to text "
                    "to analyse them)", folder, len(skipped), shown, more)


def _readable_kind(path: Path) -> bool:  # hidden files are left out before (`_hidden`)
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
    try:
        raw = to_utf8(raw, "<stdin>")
    except InputError as err:
        yield err
        return
    if looks_like_jsonl(raw):
        yield from parse_jsonl(raw, "<stdin>")
        return
    try:
        text = decode_text(raw, "<stdin>")
    except InputError as err:
        yield err
        return
    yield text_document(text, doc_id="stdin")


def looks_like_jsonl(raw: bytes) -> bool:
    """The rule for standard input: JSON Lines when the first non-blank line starts with `{`.

    Deciding on the first line alone (not "every line is an object") means one bad line among good
    records is reported as a bad record instead of turning the whole input into one article; a
    plain-text article that starts with `{` has to be given as a file.
    """
    return raw.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")
