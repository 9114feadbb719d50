"""Throughput (articles/s) and peak RSS of each analyzer and of the whole default pipeline.

Each measurement runs in a fresh subprocess, so its peak RSS (`ru_maxrss`) is that analyzer's
(with the analyzers it requires) and nothing else's. Inside it the models are loaded, one short
warm-up pass is made, then the articles are analysed `RUNS` times; throughput is the median over
those runs, with the range as spread. An analyzer's own articles/s counts only the time spent in
its `process_batch`, not in the analyzers it requires.

    python -m benchmarks.bench_pipeline            # prints the rows as a table
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from benchmarks.common import (
    QUICK,
    ROOT,
    RUNS,
    benchmark_documents,
    median_spread,
    peak_rss_mb,
    row,
    seed_texts,
)

ARTICLES = 20 if QUICK else 60
PIPELINE_TARGET_RATE = ">= 20"  # articles/s, whole default pipeline on the 2-core reference machine
PIPELINE_TARGET_RSS = "<= 1536"  # MB
MARKER = "@@bench-pipeline@@"
# Per-analyzer targets from the issues (articles/s of its own time, model load s, process peak RSS MB).
ANALYZER_TARGETS = {
    "narratives": {"articles/s": ">= 50", "load s": "<= 3", "peak RSS MB": "<= 1024"},
    "techniques": {"articles/s": ">= 30"},
    "explain": {"articles/s": ">= 20"},
}


def measure(analyzers: list[str], articles: int, runs: int) -> dict:
    """Load a pipeline of `analyzers` and time it over the benchmark articles (in this process)."""
    # Every run's sentences are new to the encoder (see benchmark_documents); the memo stays at its
    # default, so analyzers share a batch's vectors as they do in use.
    from narrascope.pipeline import Pipeline

    started = time.perf_counter()
    pipeline = Pipeline(analyzers)
    load_seconds = time.perf_counter() - started
    spent: dict[str, float] = {}

    def timed(analyzer):
        inner = analyzer.process_batch

        def process_batch(batch):
            t = time.perf_counter()
            try:
                return inner(batch)
            finally:
                spent[analyzer.name] = spent.get(analyzer.name, 0.0) + time.perf_counter() - t

        return process_batch

    for a in pipeline.analyzers:
        a.process_batch = timed(a)  # instance attribute: this benchmark process only
    list(pipeline.pipe(benchmark_documents(min(8, articles))))  # first-call costs (lazy init, caches)
    per_run: list[dict] = []
    failures = 0
    for run in range(1, runs + 1):
        docs = benchmark_documents(articles, run)
        spent.clear()
        t = time.perf_counter()
        results = list(pipeline.pipe(docs))
        per_run.append({"total": time.perf_counter() - t, **spent})
        failures = sum(1 for r in results for w in r.warnings if " failed: " in w)
    return {"analyzers": pipeline.names, "load_seconds": load_seconds, "runs": per_run,
            "failures_per_run": failures, "peak_rss_mb": peak_rss_mb(), "articles": articles}


def _spawn(analyzers: list[str], articles: int, runs: int) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.bench_pipeline", "--child", ",".join(analyzers),
           "--articles", str(articles), "--runs", str(runs)]
    proc = subprocess.run(cmd, check=False, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER):])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return {"error": f"exit {proc.returncode}: {tail[:200]}"}


def run() -> list[dict]:
    from narrascope.analyzers import DEFAULT_ANALYZERS

    _, source = seed_texts()
    rows: list[dict] = []
    available: list[str] = []
    for name in DEFAULT_ANALYZERS:
        res = _spawn([name], ARTICLES, RUNS)
        if "error" in res:
            rows.append(row(name, "articles/s", None, note=f"could not run: {res['error']}"))
            continue
        available.append(name)
        rate, spread = median_spread([res["articles"] / r[name] for r in res["runs"] if r.get(name)])
        deps = [a for a in res["analyzers"] if a != name]
        with_deps = f" (with {', '.join(deps)})" if deps else ""
        note = f"{res['failures_per_run']} analyzer failures per run" if res["failures_per_run"] else ""
        targets = ANALYZER_TARGETS.get(name, {})
        rows.append(row(name, "articles/s", rate, spread, target=targets.get("articles/s", ""),
                        note=note or f"own time only; {res['articles']} articles"))
        rows.append(row(name, "peak RSS MB", round(res["peak_rss_mb"]), target=targets.get("peak RSS MB", ""),
                        note=f"process peak{with_deps}"))
        rows.append(row(name, "load s", round(res["load_seconds"], 1), target=targets.get("load s", ""),
                        note=f"model load{with_deps}"))

    res = _spawn(list(DEFAULT_ANALYZERS), ARTICLES, RUNS)
    name = "pipeline"
    if "error" in res:
        rows.append(row(name, "articles/s", None, target=PIPELINE_TARGET_RATE, note=f"could not run: {res['error']}"))
        if not available or available == list(DEFAULT_ANALYZERS):
            return rows
        # Still measure the analyzers that load, as their own row with no target to meet.
        res = _spawn(available, ARTICLES, RUNS)
        if "error" in res:
            return rows
        return rows + _pipeline_rows(res, "pipeline (loadable part)", source, targets=False)
    return rows + _pipeline_rows(res, name, source, targets=True)


def _pipeline_rows(res: dict, name: str, source: str, targets: bool) -> list[dict]:
    rate, spread = median_spread([res["articles"] / r["total"] for r in res["runs"]])
    totals = [r["total"] for r in res["runs"]]
    share = ", ".join(
        f"{a} {100 * sum(r.get(a, 0.0) for r in res['runs']) / sum(totals):.0f}%" for a in res["analyzers"])
    return [
        row(name, "articles/s", rate, spread, target=PIPELINE_TARGET_RATE if targets else "",
            note=f"{'+'.join(res['analyzers'])}; {res['articles']} articles from {source}"),
        row(name, "peak RSS MB", round(res["peak_rss_mb"]), target=PIPELINE_TARGET_RSS if targets else "",
            note=f"time share: {share}"),
        row(name, "load s", round(res["load_seconds"], 1), note="all models"),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", metavar="ANALYZERS", help="internal: measure these analyzers in this process")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    if args.child:
        try:
            result = measure(args.child.split(","), args.articles, args.runs)
        except Exception as exc:  # noqa: BLE001 - reported to the parent as a row note
            result = {"error": f"{type(exc).__name__}: {exc}"}
        print(MARKER + json.dumps(result))
        return
    from benchmarks.common import print_table

    print_table(run())


if __name__ == "__main__":
    main()
