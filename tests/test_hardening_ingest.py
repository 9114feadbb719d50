"""Issue 16, items 1-3 and 5: no record can crash a run or lose the other records of its input.

Each test reproduces a failure found by probing the readers (it failed on the code before the
fix). Only the `language` analyzer runs, to keep the suite fast; the texts are invented.
"""
from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from narrascope.batch import (
    BatchSettings,
    iter_analyses,
    iter_errors,
    plan_partitions,
    process_partition,
    read_partition,
)
from narrascope.cli.main import cli
from narrascope.document import Document
from narrascope.errors import InputError
from narrascope.ingest import iter_documents
from narrascope.pipeline import Pipeline
from narrascope.store.database import Store

ARTICLE = "The harbour council met on Monday and voted to keep the old ferry line running for another year."
SURROGATE_LINE = '{"id": "half-pair", "text": "A report on the harbour \\ud800 and the ferry line."}'


def split(items) -> tuple[list[Document], list[InputError]]:
    items = list(items)
    assert all(isinstance(i, Document | InputError) for i in items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


def jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_lines(n: int, prefix: str = "g") -> list[str]:
    return [json.dumps({"id": f"{prefix}{i}", "text": f"{ARTICLE} Item {prefix}{i}."}) for i in range(n)]


# -- 1. lone surrogates ------------------------------------------------------------------------------
def test_lone_surrogate_is_replaced_so_offsets_stay_and_a_warning_names_the_record(tmp_path, caplog):
    path = jsonl(tmp_path / "in.jsonl", [good_lines(1)[0], SURROGATE_LINE])
    docs, errors = split(iter_documents([path]))
    assert not errors and len(docs) == 2
    doc = docs[1]
    assert doc.text == "A report on the harbour \ufffd and the ferry line."  # one code point for one: offsets hold
    assert "U+FFFD" in doc.meta["text_repairs"]
    assert any(f"{path}:2" in r.getMessage() and "surrogate" in r.getMessage() for r in caplog.records)
    doc.text.encode("utf-8")  # what SQLite, files and HTTP need


def test_analyzers_work_on_a_text_that_had_a_lone_surrogate():
    pipeline = Pipeline(["language", "techniques"])
    short, long = pipeline.pipe([Document(text="bad \ud800 x"), Document(text=f"{ARTICLE} \ud800 {ARTICLE}")])
    assert short.language is not None and not short.warnings  # was: language None, "language failed: TypeError"
    assert long.language == "en" and not long.warnings  # was: "techniques failed: UnicodeEncodeError"


def test_ingest_keeps_the_batch_and_what_follows_a_lone_surrogate(tmp_path):
    path = jsonl(tmp_path / "in.jsonl", [*good_lines(5), SURROGATE_LINE, *good_lines(40, "h")])
    db = tmp_path / "c.db"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db), "-a", "language", "--batch-size", "32"])
    assert result.exit_code == 0, result.output
    assert "added 46" in result.output
    with Store(db, readonly=True) as store:
        assert store.count() == 46
        assert "\ufffd" in next(a for a in store.iter_analyses() if a.id == "half-pair").document.text


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_analyze_json_output_holds_every_document_of_a_batch_with_a_lone_surrogate(tmp_path, fmt):
    path = jsonl(tmp_path / "in.jsonl", [good_lines(1)[0], SURROGATE_LINE, good_lines(1, "z")[0]])
    result = CliRunner().invoke(cli, ["analyze", str(path), "-a", "language", "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.stdout
    docs = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert [d["document"]["id"] for d in docs] == ["g0", "half-pair", "z0"]
    assert docs[1]["language"] == "en"


# -- 2. deeply nested JSON -----------------------------------------------------------------------------
def test_deeply_nested_line_is_one_error_and_the_other_lines_are_kept(tmp_path):
    deep = '{"text": "x", "extra": ' + "[" * 5000 + "]" * 5000 + "}"
    rather_deep = json.dumps({"text": ARTICLE, "extra": json.loads("[" * 200 + "]" * 200)})  # parses; too deep to keep
    path = jsonl(tmp_path / "in.jsonl", [good_lines(1)[0], deep, rather_deep, good_lines(1, "z")[0]])
    docs, errors = split(iter_documents([path]))
    assert [d.id for d in docs] == ["g0", "z0"]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]
    assert "nested too deeply" in errors[0].reason and "nests more than" in errors[1].reason


def test_batch_partition_with_a_deeply_nested_row_keeps_its_good_rows(tmp_path):
    deep = '{"id": "deep", "text": ' + "[" * 5000 + "]" * 5000 + "}"
    path = jsonl(tmp_path / "in.jsonl", [*good_lines(3), deep, *good_lines(3, "z")])
    (part,), _ = plan_partitions([path], partition_size=100)
    manifest = process_partition(part.to_dict(), BatchSettings(analyzers=("language",)).to_dict(),
                                 str(tmp_path / "out"))
    assert (manifest["rows"], manifest["errors"]) == (6, 1)
    assert len(list(iter_analyses(tmp_path / "out"))) == 6
    [error] = iter_errors(tmp_path / "out")
    assert error["source"] == f"{path}:4" and "nested too deeply" in error["error"]


# -- 3. standard input ---------------------------------------------------------------------------------
def test_stdin_jsonl_with_a_line_that_is_not_an_object_gets_a_per_line_error():
    payload = "\n".join([good_lines(1)[0], '"just a string"', "[1, 2]", good_lines(1, "z")[0]]).encode()
    docs, errors = split(iter_documents(["-"], stdin=io.BytesIO(payload)))
    assert [d.id for d in docs] == ["g0", "z0"]
    assert [e.source for e in errors] == ["<stdin>:2", "<stdin>:3"]
    result = CliRunner().invoke(cli, ["analyze", "-", "-a", "language", "--format", "jsonl"], input=payload)
    assert result.exit_code == 2 and "<stdin>:2" in result.stderr
    assert [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()] == ["g0", "z0"]


def test_stdin_plain_text_is_still_one_article():
    docs, errors = split(iter_documents(["-"], stdin=io.BytesIO(b"Plain words.\n{not a record}\n")))
    assert not errors and docs[0].id == "stdin" and docs[0].text.startswith("Plain words.")


# -- 5. CSV quotes, wide encodings, field types, FIFOs -------------------------------------------------
def read_all(path: Path, size: int) -> tuple[list[Document], list[InputError]]:
    parts, plan_errors = plan_partitions([path], partition_size=size)
    assert not plan_errors
    return split(item for p in parts for _, item in read_partition(p))


@pytest.mark.parametrize("size", [1, 2, 100])
def test_batch_csv_with_unbalanced_quotes_reports_them_instead_of_swallowing_rows(tmp_path, size):
    path = tmp_path / "in.csv"
    path.write_text('id,text\n1,first article\n2,"second article\n3,third article\n4,"fourth" tail\n'
                    '5,fifth article\n6,"sixth never closed\n7,seventh\n', encoding="utf-8")
    docs, errors = read_all(path, size)
    assert [d.id for d in docs] == ["1", "5"]
    assert len(errors) == 2 and all("malformed CSV" in e.reason for e in errors)
    assert "unbalanced" in errors[0].reason


def test_utf16_and_utf32_files_with_a_byte_order_mark_are_decoded(tmp_path):
    for encoding in ("utf-16", "utf-16-be", "utf-32", "utf-32-be"):
        bom = {"utf-16-be": "\ufeff", "utf-32-be": "\ufeff"}.get(encoding, "")
        (tmp_path / f"{encoding}.txt").write_bytes((bom + "Заголовок\n\n" + ARTICLE).encode(encoding))
    (tmp_path / "wide.jsonl").write_bytes(("\n".join(good_lines(2))).encode("utf-16"))
    docs, errors = split(iter_documents([tmp_path]))
    assert not errors, errors
    assert len(docs) == 6 and all(ARTICLE in d.text for d in docs)
    assert {d.title for d in docs if d.id.endswith(".txt")} == {"Заголовок"}


def test_batch_refuses_a_utf16_jsonl_with_a_clear_error(tmp_path):
    (tmp_path / "wide.jsonl").write_bytes(("\n".join(good_lines(2))).encode("utf-16"))
    parts, errors = plan_partitions([tmp_path / "wide.jsonl"])
    assert not parts and "UTF-16" in errors[0].reason and "iconv" in errors[0].reason


def test_dict_valued_published_is_an_error_naming_the_record_not_a_repr(tmp_path):
    path = jsonl(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": ARTICLE, "published": {"$date": "2024-03-05"}}),
        json.dumps({"id": "b", "text": ARTICLE, "published": "2024-03-05", "title": ["not", "text"]}),
        json.dumps({"id": "c", "text": ARTICLE, "published": 2024, "source": "Courier"}),
    ])
    docs, errors = split(iter_documents([path]))
    assert [d.id for d in docs] == ["c"] and docs[0].published == "2024"
    assert [e.source for e in errors] == [f"{path}:1", f"{path}:2"]
    assert "'published' must be a string" in errors[0].reason and "an object" in errors[0].reason
    assert "'title' must be a string" in errors[1].reason


def test_a_text_that_is_no_string_is_named_as_such(tmp_path):
    path = jsonl(tmp_path / "in.jsonl", [
        json.dumps({"id": "a", "text": 42}),
        json.dumps({"id": "b", "text": ARTICLE}),
    ])
    docs, errors = split(iter_documents([path]))
    assert [d.id for d in docs] == ["b"]
    assert errors[0].source == f"{path}:1" and errors[0].reason == "'text' must be a string, not int"


def test_a_date_narrascope_cannot_read_is_kept_and_said_a_few_times_per_input(tmp_path, caplog):
    rows = [json.dumps({"id": f"r{i}", "text": ARTICLE, "published": "the day after the vote"}) for i in range(5)]
    rows.append(json.dumps({"id": "ok", "text": ARTICLE, "published": "March 5, 2024"}))
    path = jsonl(tmp_path / "in.jsonl", rows)
    with caplog.at_level("WARNING", logger="narrascope.ingest.records"):
        docs, errors = split(iter_documents([path]))
    assert not errors and len(docs) == 6 and docs[0].published == "the day after the vote"
    said = [r.getMessage() for r in caplog.records]
    assert [m.split(": ")[0] for m in said[:3]] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert all("'published' is no date" in m and "date filters and timelines leave the article out" in m
               for m in said[:3])
    assert said[3:] == [f"{path}: further records with such dates are not listed"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_named_on_the_command_line_is_refused_instead_of_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result: list = []
    reader = threading.Thread(target=lambda: result.extend(iter_documents([fifo, good])), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    docs, errors = split(result)
    assert [d.id for d in docs] == ["good.txt"]
    assert "not a regular file" in errors[0].reason
    parts, batch_errors = plan_partitions([fifo])
    assert not parts and "not a regular file" in batch_errors[0].reason
