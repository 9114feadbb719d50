"""Records to Documents: JSON lines, and the rows of CSV/Parquet files (see `narrascope.batch`)."""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

from narrascope.document import Document
from narrascope.errors import InputError

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSONL_FIELDS = ("id", "text", "title", "url", "source", "published", "lang")

ReadResult = Document | InputError


def parse_jsonl(raw: bytes, source: str) -> Iterator[ReadResult]:
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
