"""Split batch inputs into partitions with stable ids, and read one partition back on a worker.

A partition is a contiguous range of rows of one input: lines of a JSONL file, records of a CSV
file, rows of a Parquet file, or a run of text files (in sorted order). Its `key` is a hash of the
input's absolute path, its kind and its range, so planning the same inputs again gives the same
keys; that is what lets a re-run skip the partitions that are already written. JSONL and CSV
partitions also carry their byte range, so a worker seeks straight to its rows instead of parsing
the file from the top.
"""
from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest.raw import DEFAULT_MAX_BYTES, guess_title, read_text_file, wide_encoding
from narrascope.ingest.records import JSONL_SUFFIXES, document_from_record, parse_json_line
from narrascope.ingest.sources import FOLDER_TEXT_SUFFIXES

DEFAULT_PARTITION_SIZE = 500  # rows; big enough to amortise task overhead, small enough to retry cheaply
CSV_SUFFIXES = {".csv"}
PARQUET_SUFFIXES = {".parquet", ".pq"}

RowResult = tuple[int, Document | InputError]


@dataclass(frozen=True)
class Partition:
    """A contiguous row range of one input (rows `start` to `stop`, stop exclusive)."""

    key: str
    input: str  # absolute path of the file (for kind "text": of the folder or file the texts came from)
    kind: str  # "jsonl" | "csv" | "parquet" | "text"
    start: int
    stop: int
    byte_start: int = 0  # jsonl, csv: where the rows begin in the file
    byte_stop: int = 0
    first_line: int = 1  # jsonl: line number at byte_start, for error messages and default ids
    header: tuple[str, ...] = ()  # csv: the column names
    files: tuple[str, ...] = ()  # text: the files of this partition, absolute paths

    @property
    def rows(self) -> int:
        return self.stop - self.start

    @property
    def name(self) -> str:
        return f"part-{self.key}"

    def overlaps(self, other: Partition) -> bool:
        """True when both partitions hold some of the same documents."""
        if self.kind == "text" or other.kind == "text":
            return bool(set(self.files) & set(other.files))
        return self.input == other.input and self.start < other.stop and other.start < self.stop

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partition:
        data = dict(data)
        data["header"] = tuple(data.get("header") or ())
        data["files"] = tuple(data.get("files") or ())
        return cls(**data)


def _key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def input_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    return "text"


def _expand(inputs: Iterable[str | Path]) -> tuple[list[tuple[Path, Path]], list[InputError]]:
    """(file, group) pairs, each file once; group is the folder it was found in or the file itself."""
    seen: set[Path] = set()
    found: list[tuple[Path, Path]] = []
    errors: list[InputError] = []
    for src in inputs:
        path = Path(src).expanduser()
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                # the same text files as `narrascope analyze` reads from a folder (not README.md)
                and (p.suffix.lower() in FOLDER_TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | PARQUET_SUFFIXES)
            )
            if not files:
                errors.append(InputError(str(src), "folder has no .txt, .jsonl, .csv or .parquet files"))
            group = path.resolve()
        elif path.is_file():
            files, group = [path], path.resolve()
        elif path.exists():
            errors.append(InputError(str(src), "is not a regular file (a pipe, device or socket); batch reads files"))
            continue
        else:
            errors.append(InputError(str(src), "no such file or folder"))
            continue
        for f in files:
            f = f.resolve()
            if f not in seen:
                seen.add(f)
                found.append((f, group))
    return found, errors


def plan_partitions(
    inputs: Iterable[str | Path],
    partition_size: int = DEFAULT_PARTITION_SIZE,
    done_files: AbstractSet[str] = frozenset(),
) -> tuple[list[Partition], list[InputError]]:
    """Partitions of `inputs` in a deterministic order, and the inputs that cannot be read at all.

    Text files listed in `done_files` (absolute paths) are left out, so a folder that grows
    between runs is chunked again from its new files only.
    """
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    files, errors = _expand(inputs)
    partitions: list[Partition] = []
    texts: dict[Path, list[Path]] = {}
    for path, group in files:
        kind = input_kind(path)
        try:
            if kind in ("jsonl", "csv"):
                _refuse_wide_text(path)
            if kind == "text":
                if str(path) not in done_files:
                    texts.setdefault(group, []).append(path)
            elif kind == "jsonl":
                partitions.extend(_plan_jsonl(path, partition_size))
            elif kind == "csv":
                partitions.extend(_plan_csv(path, partition_size))
            else:
                partitions.extend(_plan_parquet(path, partition_size))
        except InputError as err:
            errors.append(err)
        except OSError as exc:
            errors.append(InputError(str(path), f"cannot read ({exc.strerror or exc})"))
    for group, paths in texts.items():
        for i in range(0, len(paths), partition_size):
            chunk = tuple(str(p) for p in paths[i : i + partition_size])
            key = _key("text", *chunk)
            partitions.append(Partition(key, str(group), "text", i, i + len(chunk), files=chunk))
    return partitions, errors


def _refuse_wide_text(path: Path) -> None:
    # Rows are found by their byte offsets, which only UTF-8 keeps simple; say how to convert.
    with path.open("rb") as fh:
        encoding = wide_encoding(fh.read(4))
    if encoding:
        name = encoding.upper()[:6]
        raise InputError(str(path), f"is {name} text; batch reads JSONL and CSV as UTF-8: convert it first, e.g. "
                                    f"`iconv -f {name} -t UTF-8 {path.name} > utf8-{path.name}`")


def _plan_jsonl(path: Path, size: int) -> list[Partition]:
    # Rows are the non-blank lines; a boundary is placed at the start of every `size`-th row.
    out: list[Partition] = []
    row = 0
    offset = 0
    start_row, start_byte, start_line = 0, 0, 1
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if line.strip():
                if row - start_row == size:
                    out.append(_table_part(path, "jsonl", start_row, row, start_byte, offset, start_line))
                    start_row, start_byte, start_line = row, offset, lineno
                row += 1
            offset += len(line)
    if row > start_row:
        out.append(_table_part(path, "jsonl", start_row, row, start_byte, offset, start_line))
    if not out:
        raise InputError(str(path), "empty input (no JSON lines)")
    return out


def _table_part(path: Path, kind: str, start: int, stop: int, b0: int = 0, b1: int = 0, line: int = 1,
                header: tuple[str, ...] = ()) -> Partition:
    return Partition(_key(kind, path, start, stop), str(path), kind, start, stop, b0, b1, line, header)


def _decoded_lines(fh, counter: list[int]) -> Iterator[str]:
    # csv.reader pulls exactly the physical lines of each record, so the bytes counted when it
    # returns a record are the offset of the next one.
    for raw in fh:
        counter[0] += len(raw)
        yield raw.decode("utf-8", "surrogateescape")


def _allow_long_fields() -> None:
    # The csv module refuses fields over 128 kB by default; a long article is a valid field.
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))


def _plan_csv(path: Path, size: int) -> list[Partition]:
    _allow_long_fields()
    out: list[Partition] = []
    consumed = [0]
    with path.open("rb") as fh:
        reader = csv.reader(_decoded_lines(fh, consumed), strict=True)
        try:
            header = tuple(h.lstrip("\ufeff").strip() for h in next(reader, []))
        except csv.Error as exc:
            raise InputError(f"{path}:1", f"malformed CSV header ({exc})") from None
        if "text" not in header:
            raise InputError(str(path), f"CSV needs a 'text' column (found: {', '.join(header) or 'none'})")
        row, start_row, start_byte = 0, 0, consumed[0]
        boundary = start_byte
        # A malformed record still counts as a row (the reader reports it): plan and reader agree on numbers.
        for record in _csv_records(reader, str(path)):
            if record == []:
                continue
            if row - start_row == size:
                out.append(_table_part(path, "csv", start_row, row, start_byte, boundary, header=header))
                start_row, start_byte = row, boundary
            row += 1
            boundary = consumed[0]
    if row > start_row:
        out.append(_table_part(path, "csv", start_row, row, start_byte, consumed[0], header=header))
    if not out:
        raise InputError(str(path), "CSV has a header but no rows")
    return out


def _csv_records(reader, where: str) -> Iterator[list[str] | InputError]:
    """The records of a strict csv.reader; a malformed one (an unbalanced quote, text after a
    closing quote) comes as an InputError naming its lines, and reading goes on after it."""
    while True:
        first = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            lines = f"line {first}" if reader.line_num <= first else f"lines {first}-{reader.line_num}"
            hint = "; an unbalanced \" joined these lines into one field" if reader.line_num > first else ""
            yield InputError(f"{where}:{lines}", f"malformed CSV ({exc}){hint}")
            continue
        yield record


def _plan_parquet(path: Path, size: int) -> list[Partition]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types
        raise InputError(str(path), f"not a readable Parquet file ({exc})") from None
    if "text" not in meta.schema_arrow.names:
        raise InputError(str(path), f"Parquet needs a 'text' column (found: {', '.join(meta.schema_arrow.names)})")
    n = meta.metadata.num_rows
    if n == 0:
        raise InputError(str(path), "Parquet file has no rows")
    return [_table_part(path, "parquet", i, min(i + size, n)) for i in range(0, n, size)]


# ----------------------------------------------------------------------------- reading, on a worker


def read_partition(part: Partition, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RowResult]:
    """(row number, Document or InputError) for every row of the partition, in order."""
    if part.kind == "text":
        for i, name in enumerate(part.files, start=part.start):
            path = Path(name)
            try:
                text = read_text_file(path, max_bytes)
            except InputError as err:
                yield i, err
                continue
            yield i, Document(text=text, id=path.name, title=guess_title(text), meta={"path": str(path)})
    elif part.kind == "jsonl":
        yield from _read_jsonl(part, max_bytes)
    elif part.kind == "csv":
        yield from _read_csv(part, max_bytes)
    elif part.kind == "parquet":
        yield from _read_parquet(part, max_bytes)
    else:
        raise ValueError(f"unknown partition kind {part.kind!r}")


def _read_range(part: Partition) -> bytes:
    with open(part.input, "rb") as fh:
        fh.seek(part.byte_start)
        return fh.read(part.byte_stop - part.byte_start)


def _read_jsonl(part: Partition, max_bytes: int) -> Iterator[RowResult]:
    name = Path(part.input).name
    row = part.start
    for lineno, line in enumerate(_read_range(part).split(b"\n"), start=part.first_line):
        if not line.strip():
            continue
        where = f"{part.input}:{lineno}"
        obj = parse_json_line(line, where)
        yield row, obj if isinstance(obj, InputError) else _record(obj, where, f"{name}:{lineno}", max_bytes)
        row += 1


def _read_csv(part: Partition, max_bytes: int) -> Iterator[RowResult]:
    name = Path(part.input).name
    _allow_long_fields()
    data = io.StringIO(_read_range(part).decode("utf-8", "surrogateescape"), newline="")
    row = part.start
    for record in _csv_records(csv.reader(data, strict=True), part.input):
        if record == []:
            continue
        where = f"{part.input}:row {row + 1}"
        if isinstance(record, InputError):
            yield row, InputError(where, record.reason)
        elif len(record) != len(part.header):
            yield row, InputError(where, f"has {len(record)} fields, the header has {len(part.header)}")
        elif any(_has_surrogate(v) for v in record):
            yield row, InputError(where, "not UTF-8 text; convert the file to UTF-8")
        else:
            obj = {k: (v if v != "" else None) for k, v in zip(part.header, record, strict=True)}
            yield row, _record(obj, where, f"{name}:{row + 1}", max_bytes)
        row += 1


def _read_parquet(part: Partition, max_bytes: int) -> Iterator[RowResult]:
    import pyarrow.parquet as pq

    name = Path(part.input).name
    pf = pq.ParquetFile(part.input)
    # Read only the row groups that overlap [start, stop).
    groups, first_row, row0 = [], None, 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if row0 < part.stop and part.start < row0 + n:
            groups.append(g)
            first_row = row0 if first_row is None else first_row
        row0 += n
    table = pf.read_row_groups(groups).slice(part.start - (first_row or 0), part.rows)
    for i, obj in enumerate(table.to_pylist(), start=part.start):
        yield i, _record(obj, f"{part.input}:row {i + 1}", f"{name}:{i + 1}", max_bytes)


def _has_surrogate(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _record(obj: Any, where: str, default_id: str, max_bytes: int) -> Document | InputError:
    """A Document from one JSON/CSV/Parquet record, with the field rules of the JSONL reader."""
    return document_from_record(obj, where, default_id, max_bytes)
