"""The typed Parquet schema of `narrascope batch`: a DuckDB query from docs/batch.md runs on it as
written, the rows round-trip to the same analyses, and `ingest --from-batch` loads them idempotently."""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from narrascope.batch.output import analysis_to_row, encode_row, iter_analyses, write_json, write_rows
from narrascope.cli.main import cli
from narrascope.store.database import Store

try:
    from .corpus_fixture import POLICIES, make_analyses
except ImportError:
    from corpus_fixture import POLICIES, make_analyses

DOCS = Path(__file__).resolve().parents[1] / "docs" / "batch.md"


def _write_batch(folder: Path, include_text: bool = True) -> None:
    analyses = make_analyses()
    rows = [encode_row(analysis_to_row(a, include_text, input_file="fixture", input_row=i, partition="part-a"))
            for i, a in enumerate(analyses)]
    write_rows(rows, folder / "part-a.parquet", "parquet")
    write_json(folder / "_manifests" / "part-a.json", {"partition": "part-a", "format": "parquet",
                                                       "rows": len(rows), "errors": 0, "spec": {}})


def test_parquet_columns_are_typed(tmp_path):
    _write_batch(tmp_path)
    schema = pq.read_schema(tmp_path / "part-a.parquet")
    assert str(schema.field("published").type) == "timestamp[us, tz=UTC]"
    narratives = schema.field("narratives").type
    assert str(narratives.value_type.field("label").type) == "string"
    assert str(narratives.value_type.field("score").type) == "double"
    assert str(schema.field("entities").type.value_type.field("mentions").type.value_type.field("start").type) == "int64"
    back = {a.document.content_hash: a.to_dict() for a in iter_analyses(tmp_path)}
    assert back == {a.document.content_hash: a.to_dict() for a in make_analyses()}


def test_the_duckdb_query_of_the_docs_runs(tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="pip package duckdb is not installed (dev extra)")
    _write_batch(tmp_path)
    query = re.search(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)[1]
    assert POLICIES in query
    rows = duckdb.sql(query.replace("results/", f"{tmp_path.as_posix()}/")).fetchall()
    # Three farm.example articles carry the narrative: one in March, one undated, one in May.
    assert rows == [("farm.example", 1)]


def test_ingest_from_batch_is_idempotent(tmp_path):
    _write_batch(tmp_path / "out")
    db = tmp_path / "c.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", "--from-batch", str(tmp_path / "out"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "added 6" in first.output
    second = runner.invoke(cli, ["ingest", "--from-batch", str(tmp_path / "out"), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "added 0, unchanged 6" in second.output
    with Store(db, readonly=True) as store:
        assert store.count() == 6
        stored = {a.document.content_hash: a.to_dict() for a in store.iter_analyses()}
    assert stored == {a.document.content_hash: a.to_dict() for a in make_analyses()}


def test_ingest_from_batch_without_texts_reports_rows(tmp_path):
    _write_batch(tmp_path / "out", include_text=False)
    result = CliRunner().invoke(cli, ["ingest", "--from-batch", str(tmp_path / "out"), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 2
    assert "--include-text" in result.output


def test_published_is_the_day_the_store_reads_where_it_is_a_date_alone(tmp_path):
    from narrascope.document import Analysis, Document

    dates = ["2024-03-05T09:30:00+02:00", "31.12.2023", "March 5, 2024", "the day after the vote"]
    rows = [encode_row(analysis_to_row(Analysis(document=Document(text=f"Text {i}.", id=f"d{i}", published=d))))
            for i, d in enumerate(dates)]
    write_rows(rows, tmp_path / "part.parquet", "parquet")
    table = pq.read_table(tmp_path / "part.parquet").to_pylist()
    assert [r["published"] and r["published"].isoformat() for r in table] == [
        "2024-03-05T07:30:00+00:00", "2023-12-31T00:00:00+00:00", "2024-03-05T00:00:00+00:00", None]
    assert [r["published_text"] for r in table] == dates
