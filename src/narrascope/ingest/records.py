"""Records to Documents: JSON lines, and the rows of CSV/Parquet files (see `narrascope.batch`).

A record is an object with a non-empty `text`; `id`, `title`, `url`, `source`, `published` and
`lang` are optional and must be strings (numbers are taken as their text; a Parquet date or
timestamp as ISO 8601); every other field is kept in `meta`. A record that breaks a rule becomes
one InputError naming it, and the other records of the same input are still read.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections.abc import Iterator
from pathlib import Path

from narrascope.document import REPAIRS_KEY, Document
from narrascope.errors import InputError
from narrascope.ingest.dates import normalize_day
from narrascope.ingest.raw import to_utf8

log = logging.getLogger(__name__)

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSONL_FIELDS = ("id", "text", "title", "url", "source", "published", "lang")
MAX_RECORD_DEPTH = 32  # objects in lists in objects...: deeper than this is not a news record

ReadResult = Document | InputError


def parse_jsonl(raw: bytes, source: str) -> Iterator[ReadResult]:
    if not raw.strip():
        yield InputError(source, "empty input (no JSON lines)")
        return
    try:
        raw = to_utf8(raw, source)
    except InputError as err:
        yield err
        return
    _undated.pop(source, None)  # each reading of an input says its unreadable dates again
    try:
        for lineno, line in enumerate(raw.split(b"\n"), start=1):
            if not line.strip():
                continue
            where = f"{source}:{lineno}"
            obj = parse_json_line(line, where)
            if isinstance(obj, InputError):
                yield obj
                continue
            yield document_from_record(obj, where, f"{Path(source).name}:{lineno}")
    finally:
        _undated.pop(source, None)  # a count per input read, not per input ever read


def parse_json_line(line: bytes | str, where: str) -> object:
    """The value of one JSON line, or an InputError naming `where` (malformed, or nested so deeply
    that the parser would run out of stack)."""
    try:
        return json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return InputError(where, f"malformed JSON line ({exc.__class__.__name__}: {exc})")
    except RecursionError:
        return InputError(where, "JSON nested too deeply to read (over ~1,000 levels); flatten the record")


def _depth_over(obj: object, limit: int) -> bool:
    """True when containers nest more than `limit` levels (checked without recursion)."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list | tuple):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list | tuple))
    return False


def _field_text(key: str, value: object, where: str) -> str | None | InputError:
    """A standard field's value as text (None when absent), or an InputError for a value of the wrong kind."""
    if value is None or (isinstance(value, float) and math.isnan(value)):  # CSV/Parquet: empty cell
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return InputError(where, f"'{key}' must be a string, not true/false")
    if isinstance(value, int | float):
        return str(value)
    if key == "published" and isinstance(value, dt.date):  # Parquet dates and timestamps
        return value.isoformat()
    hint = " such as 2024-03-05 (ISO 8601)" if key == "published" else ""
    return InputError(where, f"'{key}' must be a string{hint}, not {_kind(value)}")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    return "an object" if isinstance(value, dict) else "a list" if isinstance(value, list | tuple) else type(
        value).__name__


def document_from_record(obj: object, where: str, default_id: str, max_bytes: int | None = None) -> ReadResult:
    """A Document from one JSON/CSV/Parquet record (`text` required; `id`, `title`, `url`, `source`,
    `published`, `lang` optional; any other field kept in `meta`), or an InputError naming `where`."""
    if not isinstance(obj, dict):
        return InputError(where, "a record must be an object with at least 'text'")
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        return InputError(where, f"'text' must be a string, not {_kind(text)}")
    if not isinstance(text, str) or not text.strip():
        return InputError(where, "missing or empty 'text' field")
    if max_bytes is not None and len(text) > max_bytes:
        return InputError(where, f"text is over the {max_bytes / 2**20:.0f} MB limit (raise --max-bytes)")
    if _depth_over(obj, MAX_RECORD_DEPTH):
        return InputError(where, f"record nests more than {MAX_RECORD_DEPTH} levels deep; flatten its extra fields")
    fields: dict = {"text": text}
    for key in JSONL_FIELDS:
        if key == "text":
            continue
        value = _field_text(key, obj.get(key), where)
        if isinstance(value, InputError):
            return value
        if value is not None:
            fields[key] = value
    fields["id"] = fields.get("id") or default_id
    doc = Document(**fields, meta={k: v for k, v in obj.items() if k not in JSONL_FIELDS})
    if REPAIRS_KEY in doc.meta and REPAIRS_KEY not in obj:
        log.warning("%s: %s", where, doc.meta[REPAIRS_KEY])
    if doc.published and normalize_day(doc.published) is None:
        _warn_undated(where, doc.published)
    return doc


_UNDATED_SHOWN = 3  # per input: a file whose every row writes its dates one unreadable way warns a few times
_undated: dict[str, int] = {}


def _warn_undated(where: str, published: str) -> None:
    """Say that a record's `published` is no date narrascope reads: the article is kept, but date filters and
    timelines cannot place it."""
    source = where.rsplit(":", 1)[0]
    seen = _undated[source] = _undated.get(source, 0) + 1
    if seen <= _UNDATED_SHOWN:
        log.warning("%s: 'published' is no date narrascope reads (%r; write it as 2024-03-05, ISO 8601): kept "
                    "as written, without a day, so date filters and timelines leave the article out", where,
                    published[:40])
    if seen == _UNDATED_SHOWN:
        log.warning("%s: further records with such dates are not listed", source)
