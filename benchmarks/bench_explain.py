"""Throughput of the local explainer (articles/s, own time only), 2 BLAS threads at most.

The articles get their language from the language analyzer and a dominant narrative set by hand
(cycling through the taxonomy's narratives), so that only the explanation step is timed and the
figure does not depend on the narrative model. Model loading and one warm-up pass are not timed.

    python -m benchmarks.bench_explain
"""
from __future__ import annotations

import os
import time

from benchmarks.common import QUICK, RUNS, benchmark_documents, median_spread, peak_rss_mb, row, seed_texts

ARTICLES = 40 if QUICK else 200
TARGET = ">= 20"  # articles/s on the 2-core reference machine


def _analyses(n: int, run: int = 0):
    from narrascope.analyzers.language import LanguageAnalyzer
    from narrascope.document import Analysis, LabelScore
    from narrascope.taxonomy import load_narratives

    names = load_narratives().narrative_names
    analyses = [Analysis(document=d) for d in benchmark_documents(n, run)]
    LanguageAnalyzer().process_batch(analyses)
    for i, a in enumerate(analyses):
        a.narratives = [LabelScore(names[i % len(names)], 0.9)]
    return analyses


def run() -> list[dict]:
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    from narrascope.analyzers.explain.analyzer import ExplainAnalyzer
    from narrascope.analyzers.explain.model import MAX_CANDIDATES
    from narrascope.nlp.text import sentences

    _, source = seed_texts()
    t = time.perf_counter()
    analyzer = ExplainAnalyzer.load_default()
    analyzer.process_batch(_analyses(8))  # warm-up: embedder load, label vectors
    load_s = time.perf_counter() - t
    rates, warm_rates, words = [], [], []
    embedder = analyzer.model.embedder
    for run in range(1, RUNS + 1):
        batch = _analyses(ARTICLES, run)
        t = time.perf_counter()
        for i in range(0, len(batch), 32):
            analyzer.process_batch(batch[i : i + 32])
        rates.append(len(batch) / (time.perf_counter() - t))
        words.extend(len(a.explanation.text.split()) for a in batch if a.explanation)
        # In a pipeline the narrative analyzer has just embedded the same sentences: time that case too.
        batch = _analyses(ARTICLES, run + 1000)
        embedder.encode([a.document.text[s:e] for a in batch for s, e in sentences(a.document.text)[:MAX_CANDIDATES]])
        t = time.perf_counter()
        for i in range(0, len(batch), 32):
            analyzer.process_batch(batch[i : i + 32])
        warm_rates.append(len(batch) / (time.perf_counter() - t))
    rate, spread = median_spread(rates)
    warm, warm_spread = median_spread(warm_rates)
    return [
        row("explain (local)", "articles/s", rate, spread, target=TARGET,
            note=f"own time, every sentence new to the embedder; {ARTICLES} articles from {source}, batches of 32"),
        row("explain (local, after narratives)", "articles/s", warm, warm_spread,
            note="own time when the sentences were embedded just before (as in the pipeline)"),
        row("explain (local)", "max words", max(words) if words else None, target="<= 80",
            note="longest explanation written in the runs"),
        row("explain (local)", "load s", round(load_s, 1), note="model + embedder + warm-up"),
        row("explain (local)", "peak RSS MB", round(peak_rss_mb())),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run(), title="explain benchmark")
