"""Batch scale-out on a real Dask LocalCluster: partitions, atomic outputs, resume, a killed worker.

Only the `language` analyzer runs here, to keep the suite fast; the texts are invented.
"""
from __future__ import annotations

import csv
import json
import os
import signal
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from narrascope.batch import (
    BatchSettings,
    iter_analyses,
    iter_errors,
    iter_rows,
    plan_partitions,
    process_partition,
    read_partition,
    run_batch,
)
from narrascope.batch.output import MANIFEST_DIR, finished_manifests
from narrascope.cli.batch import batch as batch_command
from narrascope.errors import ConfigError, InputError

TOPICS = ["the harbour bridge", "a village bakery", "the regional rail line", "a chess club", "the river flood"]
LANGUAGE_ONLY = BatchSettings(analyzers=("language",), partition_size=250)


def article(i: int) -> str:
    topic = TOPICS[i % len(TOPICS)]
    body = f"Residents talked about {topic} again on day {i}. Opinions differed, and the meeting ran late. "
    return f"Notes on {topic}\n\n" + body * 8


def write_jsonl(path: Path, n: int, bad_every: int = 0, start: int = 0) -> set[str]:
    """n rows; every `bad_every`-th line is malformed JSON. Returns the ids of the good rows."""
    good: set[str] = set()
    with path.open("a", encoding="utf-8") as fh:
        for i in range(start, start + n):
            if bad_every and i % bad_every == bad_every - 1:
                fh.write('{"id": "broken", "text": \n')
                continue
            fh.write(json.dumps({"id": f"j{i}", "text": article(i), "source": "test"}) + "\n")
            good.add(f"j{i}")
    return good


@pytest.fixture(scope="module")
def dask_client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=50) as cluster, Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
        yield client


# ----------------------------------------------------------------------------- no cluster needed


def test_partitions_are_stable_and_cover_every_row_once(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", 23, bad_every=10)
    with (tmp_path / "b.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "title"])
        for i in range(11):  # quoted multi-line fields must not shift the row boundaries
            w.writerow([f"c{i}", f"First line {i}\nsecond line, with a comma", f"T{i}"])
        w.writerow(["short", "row"])  # wrong number of fields
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(9)], "text": [article(i) for i in range(9)]}),
                   tmp_path / "c.parquet", row_group_size=4)
    texts = tmp_path / "texts"
    texts.mkdir()
    for i in range(6):
        (texts / f"t{i}.txt").write_text(article(i), encoding="utf-8")
    (texts / "empty.txt").write_text("   ", encoding="utf-8")

    parts, errors = plan_partitions([tmp_path, tmp_path / "missing.jsonl"], partition_size=5)
    again, _ = plan_partitions([tmp_path / "c.parquet", tmp_path], partition_size=5)
    assert sorted(p.key for p in parts) == sorted(p.key for p in again)
    assert [str(e) for e in errors] == [f"{tmp_path / 'missing.jsonl'}: no such file or folder"]

    docs, bad = {}, []
    for p in parts:
        for row, item in read_partition(p):
            if isinstance(item, InputError):
                bad.append(item)
            else:
                assert item.id not in docs
                docs[item.id] = (p.kind, row, item)
    assert len(docs) == 21 + 11 + 9 + 6
    assert docs["c10"][2].text == "First line 10\nsecond line, with a comma" and docs["c10"][2].title == "T10"
    assert docs["p8"][2].text == article(8) and docs["p8"][1] == 8
    assert docs["j22"][1] == 22 and docs["j22"][2].source == "test"
    assert sorted(e.reason.split(" (")[0] for e in bad) == [
        "empty input", "has 2 fields, the header has 3", "malformed JSON line", "malformed JSON line"]


def test_process_partition_replaces_its_own_file(tmp_path: Path) -> None:
    # A repeated task (a retry after a worker died) must overwrite, never add a second copy.
    write_jsonl(tmp_path / "a.jsonl", 7, bad_every=4)
    with (tmp_path / "a.jsonl").open("a", encoding="utf-8") as fh:  # valid JSON; no UTF-8 encoder takes \ud800
        fh.write('{"id": "lone-surrogate", "text": "half a pair \\ud800 here"}\n')
    (part,), _ = plan_partitions([tmp_path / "a.jsonl"], partition_size=100)
    out = tmp_path / "out"
    spec = BatchSettings(analyzers=("language",), include_text=True).to_dict()
    first = process_partition(part.to_dict(), spec, str(out))
    second = process_partition(part.to_dict(), spec, str(out))
    assert first["rows"] == second["rows"] == 7 and first["errors"] == 1
    assert sorted(p.name for p in out.iterdir()) == ["_errors", "_manifests", f"{part.name}.parquet"]
    analyses = list(iter_analyses(out))
    assert len(analyses) == 7 and analyses[0].document.text == article(0)
    assert analyses[0].language == "en" and analyses[0].analyzers == ["language"]
    errors = list(iter_errors(out))
    assert errors[0]["source"] == f"{tmp_path / 'a.jsonl'}:4" and errors[0]["error"].startswith("malformed JSON")
    assert len(errors) == 1
    repaired = next(a for a in analyses if a.id == "lone-surrogate")  # kept, the surrogate replaced (issue 16)
    assert repaired.document.text == "half a pair \ufffd here" and "U+FFFD" in repaired.document.meta["text_repairs"]


# ----------------------------------------------------------------------------- on a real LocalCluster


def test_worker_killed_mid_run_loses_nothing(tmp_path: Path, dask_client) -> None:
    expected = write_jsonl(tmp_path / "big.jsonl", 4000, bad_every=500)
    out = tmp_path / "out"
    killed: dict[str, object] = {}

    def kill_a_busy_worker(summary) -> None:
        if killed or summary.written < 2:
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            busy = {a: keys for a, keys in dask_client.processing().items() if keys}
            if busy:
                addr, keys = next(iter(busy.items()))
                pid = dask_client.run(os.getpid, workers=[addr])[addr]
                os.kill(pid, signal.SIGKILL)
                killed.update(addr=addr, pid=pid, in_flight=list(keys))
                return
            time.sleep(0.01)

    summary = run_batch([tmp_path / "big.jsonl"], out, LANGUAGE_ONLY, client=dask_client,
                        on_progress=kill_a_busy_worker)

    assert killed.get("in_flight"), "the test never caught a worker with a partition in flight"
    assert summary.partitions == 16 and summary.written == 16 and not summary.failed
    ids = [r["id"] for r in iter_rows(out)]
    assert len(ids) == len(set(ids)) == len(expected)
    assert set(ids) == expected
    assert sum(1 for _ in iter_errors(out)) == 8
    manifests = finished_manifests(out)
    assert len(manifests) == 16
    assert all(m["pipelines_loaded"] == 1 for m in manifests)  # models loaded once per worker process
    # The partitions the dead worker held were re-run by another process (task retry).
    by_partition = {m["partition"]: int(m["worker"].rsplit(":", 1)[1]) for m in manifests}
    in_flight = [k.removeprefix("narrascope-").rsplit("-", 1)[0] for k in killed["in_flight"]]
    assert any(by_partition[p] != killed["pid"] for p in in_flight)
    assert not list(out.rglob("*.tmp"))
    # The killed worker was replaced by its nanny and the cluster is whole again.
    dask_client.wait_for_workers(2, timeout=30)
    assert killed["pid"] not in dask_client.run(os.getpid).values()


def test_rerun_skips_finished_partitions_and_never_duplicates(tmp_path: Path, dask_client) -> None:
    src = tmp_path / "in.jsonl"
    expected = write_jsonl(src, 1100)  # 5 partitions; the last one is partial
    out = tmp_path / "out"
    first = run_batch([src], out, LANGUAGE_ONLY, client=dask_client)
    assert (first.written, first.rows) == (5, 1100)

    # Simulate a run that died: one partition lost its manifest (file written, not marked finished),
    # another lost both; a half-written temp file is left behind.
    manifests = sorted((out / MANIFEST_DIR).glob("*.json"))
    redo_rows = sum(json.loads(m.read_text())["rows"] for m in manifests[:2])
    manifests[0].unlink()
    lost = json.loads(manifests[1].read_text())["partition"]
    manifests[1].unlink()
    (out / f"{lost}.parquet").unlink()
    (out / f".{lost}.parquet.deadbeef.tmp").write_bytes(b"half")
    untouched = out / f"{json.loads(manifests[2].read_text())['partition']}.parquet"
    mtime = untouched.stat().st_mtime_ns

    second = run_batch([src], out, LANGUAGE_ONLY, client=dask_client)
    assert (second.skipped, second.written, second.rows) == (3, 2, redo_rows)
    assert untouched.stat().st_mtime_ns == mtime
    ids = [r["id"] for r in iter_rows(out)]
    assert len(ids) == len(set(ids)) == 1100 and set(ids) == expected
    assert not list(out.rglob("*.tmp"))

    third = run_batch([src], out, LANGUAGE_ONLY, client=dask_client)
    assert (third.skipped, third.written) == (5, 0)

    with pytest.raises(ConfigError, match="other settings"):
        run_batch([src], out, BatchSettings(analyzers=("language",), partition_size=100), client=dask_client)
    write_jsonl(src, 10, start=5000)  # the partial last partition now has other rows
    with pytest.raises(ConfigError, match="changed since"):
        run_batch([src], out, LANGUAGE_ONLY, client=dask_client)
    assert len(list(iter_rows(out))) == 1100


def test_cli_batch_local_cluster_then_resume_on_scheduler(tmp_path: Path, dask_client) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(5):
        (inputs / f"note{i}.txt").write_text(article(i), encoding="utf-8")
    (inputs / "broken.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    args = [str(inputs), "--out", str(out), "--format", "jsonl", "-a", "language", "--partition-size", "2"]

    result = runner.invoke(batch_command, [*args, "--workers", "1", "--no-progress"])
    assert result.exit_code == 2, result.output
    assert "wrote 5 documents in 4 partitions" in result.output
    assert "1 rows could not be read or stored" in result.output
    rows = [json.loads(line) for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text().splitlines()]
    assert sorted(r["id"] for r in rows) == [f"note{i}.txt" for i in range(5)]
    assert all(r["language"] == "en" and isinstance(r["warnings"], list) for r in rows)

    # The folder grows: a new JSONL file and a new text file that sorts between the old ones.
    (inputs / "more.jsonl").write_text(json.dumps({"id": "m1", "text": article(9)}) + "\n", encoding="utf-8")
    (inputs / "note2b.txt").write_text(article(7), encoding="utf-8")
    result = runner.invoke(batch_command, [*args, "--scheduler", dask_client.scheduler_info()["address"]])
    assert result.exit_code == 0, result.output  # the broken row was reported by the run that read it
    assert "wrote 2 documents in 2 partitions" in result.output
    assert "4 of 6 partitions were finished by an earlier run" in result.output
    assert sorted(r["id"] for r in iter_rows(out)) == sorted(["m1", "note2b.txt", *[f"note{i}.txt" for i in range(5)]])

    result = runner.invoke(batch_command, [str(inputs), "--out", str(out), "-a", "nope", "--workers", "1"])
    assert result.exit_code == 1 and "unknown analyzer(s) nope" in result.output
