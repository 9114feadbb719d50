"""The batch output folder: one flat row per document, partition files written atomically.

Layout of an output folder:

    OUT/_batch.json                the run's settings; a re-run must use the same ones
    OUT/part-<key>.parquet         results of one partition (or .jsonl with --format jsonl)
    OUT/_manifests/part-<key>.json written last: a partition is finished iff its manifest exists
    OUT/_errors/part-<key>.jsonl   rows that could not be read or written, one JSON object each

Names starting with `_` or `.` are skipped by Parquet dataset readers (pyarrow, pandas, Dask,
DuckDB), so `OUT` can be read as one dataset. A row is `Analysis.to_dict()` flattened: the
document's fields and the analysis' fields become columns. In Parquet they are typed from the
dataclass annotations (`list[LabelScore]` -> list<struct<label, score, parent, evidence: list<
struct<start, end, label, score>>>>, ...), so DuckDB, Spark or Dask query them without parsing
JSON; `published` is a UTC timestamp (the text as given stays in `published_text`); a free-form
mapping (`meta`) stays a JSON string. Columns are derived from the dataclass fields, so a field
another analyzer adds shows up without changes here. In JSONL the same values are plain JSON.
"""
from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from narrascope.document import Analysis, Document

FORMATS = ("parquet", "jsonl")
SETTINGS_FILE = "_batch.json"
MANIFEST_DIR = "_manifests"
ERROR_DIR = "_errors"
PROVENANCE = {"input_file": "string", "input_row": "int64", "partition": "string"}
_SCALARS = {"str": "string", "float": "float64", "int": "int64", "bool": "bool"}


def _column_kind(annotation: Any) -> str:
    # Annotations are strings here (`from __future__ import annotations`), e.g. "str | None".
    text = str(annotation).replace(" ", "").replace("|None", "").replace("Optional[", "").rstrip("]")
    return _SCALARS.get(text, "json")


@lru_cache(maxsize=1)
def columns() -> dict[str, str]:
    """Column name -> "string" | "float64" | "int64" | "bool" | "json" | "nested" | "timestamp", in
    output order ("nested": typed from the dataclass annotation in Parquet; "json": a JSON string)."""
    cols: dict[str, str] = {"id": "string"}
    for f in fields(Document):
        cols.setdefault(f.name, _column_kind(f.type))
    cols["published"] = "timestamp"
    cols["published_text"] = "string"
    hints = _hints(Analysis)
    for f in fields(Analysis):
        if f.name != "document":
            kind = _column_kind(f.type)
            if kind == "json" and _arrow_type(hints[f.name]) is not None:
                kind = "nested"
            cols[f.name if f.name not in cols else f"analysis_{f.name}"] = kind
    cols.update(PROVENANCE)
    return cols


def _hints(cls: type) -> dict[str, Any]:
    import typing

    import narrascope.document as document_module

    return typing.get_type_hints(cls, vars(document_module))


def _arrow_type(tp: Any):
    """The Arrow type of an annotation (None: no typed form, keep it as a JSON string)."""
    import dataclasses
    import types
    import typing

    import pyarrow as pa

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _arrow_type(args[0]) if len(args) == 1 else None
    if origin is list:
        inner = _arrow_type(typing.get_args(tp)[0])
        return pa.list_(inner) if inner is not None else None
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        parts = [(f.name, _arrow_type(hints[f.name])) for f in fields(tp)]
        return pa.struct(parts) if all(t is not None for _, t in parts) else None
    return {str: pa.string(), float: pa.float64(), int: pa.int64(), bool: pa.bool_()}.get(tp)


def _timestamp(value: Any):
    """A timezone-aware UTC datetime from an ISO 8601 or RFC 2822 date, else midnight UTC of the day the store
    reads in it ("31.12.2023", "March 5, 2024": `ingest.dates.normalize_day`); None if it cannot be read."""
    import datetime as dt
    from email.utils import parsedate_to_datetime

    from narrascope.ingest.dates import normalize_day

    if value is None or isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    try:
        t = dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            t = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            day = normalize_day(text)
            return None if day is None else dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
    return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def analysis_to_row(analysis: Analysis, include_text: bool = False, **provenance: Any) -> dict[str, Any]:
    """One flat record; nested values stay Python objects (see `encode_row` for Parquet)."""
    data = analysis.to_dict(include_text=include_text)
    row: dict[str, Any] = dict(data.pop("document"))
    row["published_text"] = row.get("published")
    for name, value in data.items():
        row[name if name not in row else f"analysis_{name}"] = value
    row.update(provenance)
    return row


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def _coerce(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "string":
        return str(value)
    if kind == "float64":
        return float(value)
    if kind == "int64":
        return int(value)
    if kind == "bool":
        return bool(value)
    if kind == "timestamp":
        return _timestamp(value)
    if kind == "nested":
        return json.loads(json.dumps(value, ensure_ascii=False, default=_json_default))  # plain lists/dicts
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def encode_row(row: dict[str, Any]) -> dict[str, Any]:
    """The row with the declared column types, nested values as JSON strings.

    Raises ValueError/TypeError/UnicodeEncodeError when the row cannot be stored (for example
    text with lone surrogates), so the caller can move that one row to the errors file.
    """
    out = {name: _coerce(kind, row.get(name)) for name, kind in columns().items()}
    json.dumps(out, ensure_ascii=False, default=str).encode("utf-8")  # surrogates and the like fail here, per row
    return out


def decode_row(row: dict[str, Any]) -> dict[str, Any]:
    """Inverse of `encode_row` for rows read back from Parquet (also those of older, all-JSON outputs)."""
    kinds = columns()
    out = {k: (json.loads(v) if kinds.get(k) in ("json", "nested") and isinstance(v, str) else v)
           for k, v in row.items()}
    if "published_text" in out or not isinstance(out.get("published"), str | type(None)):
        out["published"] = out.pop("published_text", None)
    return out


def row_to_analysis(row: dict[str, Any]) -> Analysis:
    doc_names = {f.name for f in fields(Document)}
    document = {k: row[k] for k in doc_names if k in row}
    document.setdefault("text", "")
    data = {k: v for k, v in row.items() if k not in doc_names and k not in PROVENANCE and k != "published_text"}
    data = {k.removeprefix("analysis_"): v for k, v in data.items()}
    data["document"] = document
    return Analysis.from_dict(data)


def arrow_schema():
    import pyarrow as pa

    types = {"string": pa.string(), "json": pa.string(), "float64": pa.float64(), "int64": pa.int64(),
             "bool": pa.bool_(), "timestamp": pa.timestamp("us", tz="UTC")}
    hints = _hints(Analysis)
    json_cols = [k for k, v in columns().items() if v == "json"]
    return pa.schema([pa.field(k, types[v] if v != "nested" else _arrow_type(hints[k.removeprefix("analysis_")]))
                      for k, v in columns().items()],
                     metadata={b"narrascope.json_columns": json.dumps(json_cols).encode()})


# ----------------------------------------------------------------------------- atomic writes


def _atomic(path: Path, write) -> None:
    """Write through a temp file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_rows(rows: list[dict[str, Any]], path: Path, fmt: str) -> None:
    """Write encoded rows (from `encode_row`) as one Parquet or JSONL file, atomically."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=arrow_schema())
        _atomic(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    elif fmt == "jsonl":
        kinds = columns()
        lines = [
            json.dumps({k: (json.loads(v) if kinds[k] == "json" and v is not None else
                            v.isoformat() if kinds[k] == "timestamp" and v is not None else v) for k, v in r.items()},
                       ensure_ascii=False)
            for r in rows
        ]
        _atomic(path, lambda tmp: tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8"))
    else:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_json(path: Path, data: Any) -> None:
    _atomic(path, lambda tmp: tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"))


def write_errors(path: Path, errors: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    _atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def remove_unfinished(out_dir: Path, finished: AbstractSet[str]) -> int:
    """Delete what killed tasks left: temp files, and partition/error files without a manifest.

    Such files were never counted as results; removing them keeps `OUT` readable as one dataset
    without rows that a later run writes again under another partition name.
    """
    count = 0
    for folder in (out_dir, out_dir / MANIFEST_DIR, out_dir / ERROR_DIR):
        for path in folder.iterdir() if folder.is_dir() else ():
            stale = path.name.endswith(".tmp") or (
                folder != out_dir / MANIFEST_DIR and path.name.startswith("part-")
                and path.name.split(".", 1)[0] not in finished)
            if stale and path.is_file():
                path.unlink(missing_ok=True)
                count += 1
    return count


def remove_temp_files(out_dir: Path) -> int:
    """Delete temp files left by attempts that were killed mid-write (their retry has since
    written the real file); called once every task of a run has ended."""
    count = 0
    for path in out_dir.rglob("*.tmp"):
        path.unlink(missing_ok=True)
        count += 1
    return count


# ----------------------------------------------------------------------------- reading results


def data_path(out_dir: Path, part_name: str, fmt: str) -> Path:
    return out_dir / f"{part_name}.{fmt}"


def finished_manifests(out_dir: str | Path) -> list[dict[str, Any]]:
    """Manifests of the finished partitions, sorted by partition name."""
    folder = Path(out_dir) / MANIFEST_DIR
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("part-*.json"))]


def iter_rows(out_dir: str | Path) -> Iterator[dict[str, Any]]:
    """Every result row of the finished partitions of a batch output folder (nested values decoded)."""
    out = Path(out_dir)
    for manifest in finished_manifests(out):
        path = data_path(out, manifest["partition"], manifest["format"])
        if manifest["format"] == "parquet":
            import pyarrow.parquet as pq

            for row in pq.read_table(path).to_pylist():
                yield decode_row(row)
        else:
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line)


def iter_analyses(out_dir: str | Path) -> Iterator[Analysis]:
    """The batch results as `Analysis` objects (texts are empty unless the run kept them)."""
    for row in iter_rows(out_dir):
        yield row_to_analysis(row)


def iter_errors(out_dir: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of the finished partitions that could not be read or written."""
    out = Path(out_dir)
    for manifest in finished_manifests(out):
        path = out / ERROR_DIR / f"{manifest['partition']}.jsonl"
        if manifest.get("errors") and path.is_file():
            with path.open(encoding="utf-8") as fh:
                yield from (json.loads(line) for line in fh if line.strip())
