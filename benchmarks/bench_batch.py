"""Batch scale-out: the default pipeline on a LocalCluster of 1 and of 2 worker processes.

The articles are written to a JSONL file in a temporary folder and analysed with `run_batch`
`RUNS` times per cluster size, each run into a fresh output folder. Times exclude cluster start and
model loading (run_batch warms every worker before it starts the clock), so the ratio measures how
well partitions spread over workers. The machine is shared: compare the ratio, not the raw times.

    python -m benchmarks.bench_batch
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks.common import QUICK, RUNS, benchmark_documents, loadable, median_spread, row

ARTICLES = 48 if QUICK else 160
PARTITIONS = 8  # 4 per worker: balanced, and each big enough that per-call overheads do not dominate
RATIO_TARGET = ">= 1.8"


def _write_articles(path: Path, run: int) -> Path:
    """The benchmark articles as JSONL; each run's sentences are new to the workers' encoder memo."""
    with path.open("w", encoding="utf-8") as fh:
        for doc in benchmark_documents(ARTICLES, run):
            fh.write(json.dumps({"id": doc.id, "text": doc.text}, ensure_ascii=False) + "\n")
    return path


def _time_runs(workers: int, tmp: Path, analyzers: tuple[str, ...]) -> tuple[list[float], float]:
    from distributed import Client, LocalCluster

    from narrascope.batch import BatchSettings, run_batch

    settings = BatchSettings(analyzers=analyzers, partition_size=max(1, ARTICLES // PARTITIONS))
    seconds, warmup = [], 0.0
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        client.wait_for_workers(workers, timeout=120)
        for i in range(RUNS):
            source = _write_articles(tmp / f"articles-{workers}-{i}.jsonl", run=10 * workers + i)
            summary = run_batch([source], tmp / f"out-{workers}-{i}", settings, client=client)
            if summary.failed or summary.rows != ARTICLES:
                raise RuntimeError(f"batch run incomplete: {summary.rows}/{ARTICLES} rows, {summary.failed[:1]}")
            seconds.append(summary.seconds)
            warmup = max(warmup, summary.warmup_seconds)
    return seconds, warmup


def run() -> list[dict]:
    from narrascope.analyzers import DEFAULT_ANALYZERS

    analyzers, missing = loadable(DEFAULT_ANALYZERS)
    if not analyzers:
        return [row("batch", "2 vs 1 worker speed-up", None, target=RATIO_TARGET,
                    note=f"no default analyzer loads: {missing}")]
    # Without the full default pipeline the figures are kept, but not held to the target.
    target = RATIO_TARGET if not missing else ""
    caveat = f"; without {', '.join(missing)} (cannot load)" if missing else ""
    analyzers = tuple(analyzers)
    load = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="narrascope-bench-batch-"))
    try:
        one, warm1 = _time_runs(1, tmp, analyzers)
        two, warm2 = _time_runs(2, tmp, analyzers)
    except Exception as exc:  # noqa: BLE001 - reported as a row, the other benchmarks go on
        return [row("batch", "2 vs 1 worker speed-up", None, target=RATIO_TARGET,
                    note=f"could not run: {type(exc).__name__}: {exc}"[:300])]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ratio = statistics.median(one) / statistics.median(two)
    pair = [a / b for a, b in zip(one, two, strict=True)]
    label = "+".join(analyzers)
    rate1, spread1 = median_spread([ARTICLES / s for s in one])
    rate2, spread2 = median_spread([ARTICLES / s for s in two])
    return [
        row("batch 1 worker", "articles/s", rate1, spread1, note=f"{label}; models loaded in {warm1:.1f}s"),
        row("batch 2 workers", "articles/s", rate2, spread2, note=f"{label}; models loaded in {warm2:.1f}s"),
        row("batch", "2 vs 1 worker speed-up", round(ratio, 2), f"{min(pair):.2f}–{max(pair):.2f} (paired runs)",
            target=target, note=f"{ARTICLES} articles in {PARTITIONS} partitions{caveat}; load average "
            f"{load[0]:.1f} at start (busy machine: the ratio tends to 1, see README)"
            if load[0] > 1 else f"{ARTICLES} articles in {PARTITIONS} partitions{caveat}"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run())
