"""Batch results back into a corpus store: what `narrascope ingest --from-batch DIR` reads.

Each finished partition's rows become `Analysis` objects. The store needs each article's text (the
offsets of every label point into it): a run with `--include-text` carries it; otherwise it is read
again from the partition's input file (the manifest names the file and the row range), which must
still be there and unchanged, or the row is reported and skipped. Storing is keyed by the text's
hash, so loading the same folder twice adds nothing the second time.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from narrascope.batch.output import data_path, decode_row, finished_manifests, row_to_analysis
from narrascope.batch.partitions import Partition, read_partition
from narrascope.document import Analysis
from narrascope.errors import InputError


def count_rows(out_dir: str | Path) -> int:
    return sum(int(m.get("rows", 0)) for m in finished_manifests(out_dir))


def _partition_rows(out: Path, manifest: dict) -> list[dict]:
    path = data_path(out, manifest["partition"], manifest["format"])
    if manifest["format"] == "parquet":
        import pyarrow.parquet as pq

        return [decode_row(r) for r in pq.read_table(path).to_pylist()]
    import json

    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def batch_analyses(out_dir: str | Path) -> Iterator[Analysis | InputError]:
    """Every analysis of the finished partitions of `out_dir`, with its text."""
    out = Path(out_dir)
    manifests = finished_manifests(out)
    if not manifests:
        yield InputError(str(out), "no finished partition here (is it the --out folder of `narrascope batch`?)")
        return
    for manifest in manifests:
        rows = _partition_rows(out, manifest)
        texts: dict[int, str] | None = None
        for row in rows:
            if not row.get("text"):
                if texts is None:
                    texts = _input_texts(manifest)
                text = texts.get(row.get("input_row"))
                if text is None:
                    yield InputError(f"{row.get('input_file')}:{row.get('input_row')}",
                                     "the batch output has no text for this row and the input file no longer has "
                                     "it either; rerun `narrascope batch` with --include-text")
                    continue
                row = {**row, "text": text}
            yield row_to_analysis(row)


def _input_texts(manifest: dict) -> dict[int, str]:
    """Texts of the partition's rows, read again from its input (row number -> text)."""
    try:
        part = Partition.from_dict(manifest["spec"])
        return {row: doc.text for row, doc in read_partition(part) if not isinstance(doc, InputError)}
    except (OSError, KeyError, ValueError, TypeError):  # input moved, changed, or a manifest of another kind
        return {}
