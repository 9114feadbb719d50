"""Readers for local sources: text files, folders of them, standard input, and JSONL."""
from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..document import Document
from ..errors import InputError
from .feeds import FEED_SUFFIXES, read_feed_file
from .html import HTML_SUFFIXES, read_html_file

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # an article is rarely over 100 kB; 10 MB means "not an article"
FOLDER_TEXT_SUFFIXES = {".txt", ".text"}  # in folders; a file named explicitly is read whatever its suffix
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSONL_FIELDS = ("id", "text", "title", "url", "source", "published", "lang")

ReadResult = Document | InputError


def iter_documents(
    sources: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, stdin: IO[bytes] | None = None
) -> Iterator[ReadResult]:
    """Yield a Document (or an InputError) for every article in `sources`.

    A source is a text file, a folder (its text and JSONL files, recursively, sorted), a JSONL file
    (one article per line), or `-` for standard input (JSONL if every line is a JSON object,
    otherwise one plain-text article).
    """
    from .web import WebReader

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
            raw = _read_bytes(path, max_bytes)
        except InputError as err:
            yield err
            return
        yield from _parse_jsonl(raw, str(path))
        return
    try:
        text = read_text_file(path, max_bytes)
    except InputError as err:
        yield err
        return
    yield _text_document(text, doc_id=path.name, source_name=str(path))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputError(
            str(path), f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit (raise --max-bytes)"
        )
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a folder") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def decode_text(raw: bytes, source: str) -> str:
    """Decode article bytes as UTF-8 (BOM tolerated) or raise an InputError saying what is wrong."""
    if not raw.strip():
        raise InputError(source, "empty input (no text)")
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); convert it to UTF-8"
        ) from None
    if not text.strip():
        raise InputError(source, "empty input (only whitespace)")
    return text


def read_text_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text exactly as stored (line endings kept), or an InputError."""
    return decode_text(_read_bytes(Path(path), max_bytes), str(path))


def _text_document(text: str, doc_id: str, source_name: str | None = None) -> Document:
    return Document(text=text, id=doc_id, title=guess_title(text), meta={"path": source_name} if source_name else {})


def guess_title(text: str) -> str | None:
    """The first line, when it looks like a headline (short, followed by a blank line)."""
    lines = text.lstrip("\ufeff").splitlines()
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip() and len(lines[0]) <= 300:
        return lines[0].strip()
    return None


def _read_stdin(stream: IO[bytes], max_bytes: int) -> Iterator[ReadResult]:
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        yield InputError("<stdin>", f"input is over the {max_bytes / 2**20:.0f} MB limit (raise --max-bytes)")
        return
    lines = [ln for ln in raw.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith(b"{") for ln in lines):
        yield from _parse_jsonl(raw, "<stdin>")
        return
    try:
        text = decode_text(raw, "<stdin>")
    except InputError as err:
        yield err
        return
    yield _text_document(text, doc_id="stdin")


def _parse_jsonl(raw: bytes, source: str) -> Iterator[ReadResult]:
    if not raw.strip():
        yield InputError(source, "empty input (no JSON lines)")
        return
    for lineno, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputError(where, f"malformed JSON line ({exc.__class__.__name__}: {exc})")
            continue
        yield document_from_record(obj, where, f"{Path(source).name}:{lineno}")


def document_from_record(obj: object, where: str, default_id: str, max_bytes: int | None = None) -> ReadResult:
    """A Document from one JSON/CSV/Parquet record (`text` required; `id`, `title`, `url`, `source`,
    `published`, `lang` optional; any other field kept in `meta`), or an InputError naming `where`."""
    if not isinstance(obj, dict):
        return InputError(where, "a record must be an object with at least 'text'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(where, "missing or empty 'text' field")
    if max_bytes is not None and len(text) > max_bytes:
        return InputError(where, f"text is over the {max_bytes / 2**20:.0f} MB limit (raise --max-bytes)")
    fields: dict = {"text": text}
    for key in JSONL_FIELDS:
        value = obj.get(key)
        # CSV/Parquet readers give NaN for empty cells: treat them as absent
        if key != "text" and value is not None and not (isinstance(value, float) and math.isnan(value)):
            fields[key] = str(value)
    fields["id"] = fields.get("id") or default_id
    return Document(**fields, meta={k: v for k, v in obj.items() if k not in JSONL_FIELDS})
