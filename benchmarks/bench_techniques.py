"""Throughput of the persuasion-technique analyzer (target: >= 30 articles/s on the 2-core machine),
the median length of its spans, and its lockbox scores as recorded in the committed model.

Two inputs: the benchmark articles of `common.benchmark_documents` and, when ../shared is present,
the English SemEval-2023 Task 3 training articles (long news articles, ~5,500 characters each; read
at run time, never copied). Only the analyzer's own `process_batch` is timed (language given), after a
warm-up; the figure is the median over `RUNS` runs with the min–max spread.

    python -m benchmarks.bench_techniques
"""
from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

from benchmarks.common import QUICK, ROOT, RUNS, benchmark_documents, median_spread, row

TARGET = ">= 30"
T3_EN = ROOT.parent / "shared" / "data" / "semeval2023_task3" / "data" / "en" / "train-articles-subtask-3"
MODEL_JSON = ROOT / "src" / "narrascope" / "models" / "techniques" / "meta.json"
ARTICLES = 40 if QUICK else 200


def _rate(analyzer, texts: Callable[[int], list[str]], runs: int) -> tuple[list[float], float]:
    """Articles/s of `runs` passes over `texts(run)` (the texts of each pass must be new to the encoder)."""
    import narrascope.nlp.embeddings
    from narrascope.document import Analysis, Document

    narrascope.nlp.embeddings.MEMO_SIZE = 0  # a sentence seen in an earlier pass must cost what a new one does

    def batches(run: int):
        out = [Analysis(document=Document(text=t, id=f"b{i}"), language="en") for i, t in enumerate(texts(run))]
        return [out[i : i + 32] for i in range(0, len(out), 32)]

    analyzer.process_batch(batches(0)[0][:4])  # warm-up
    rates, lengths = [], []
    for run in range(1, runs + 1):
        work = batches(run)
        started = time.perf_counter()
        for b in work:
            analyzer.process_batch(b)
        rates.append(sum(map(len, work)) / (time.perf_counter() - started))
        lengths = [s.end - s.start for b in work for a in b for s in a.techniques]
    n = max(sum(map(len, work)), 1)
    return rates, f"{len(lengths) / n:.1f} spans/article, median span {statistics.median(lengths or [0]):.0f} chars"


def run() -> list[dict]:
    from narrascope.analyzers.techniques.analyzer import TechniqueAnalyzer

    analyzer = TechniqueAnalyzer.load_default()
    rows = []
    rates, spans = _rate(analyzer, lambda run: [d.text for d in benchmark_documents(ARTICLES, run)], RUNS)
    med, spread = median_spread(rates)
    texts = [d.text for d in benchmark_documents(ARTICLES)]
    chars = sum(map(len, texts)) / len(texts)
    rows.append(row("techniques", "articles/s (benchmark articles)", med, spread, TARGET,
                    note=f"{len(texts)} articles, {chars:.0f} chars avg, {spans}"))
    if T3_EN.is_dir():
        files = sorted(T3_EN.glob("article*.txt"))[:ARTICLES]
        texts = [p.read_text(encoding="utf-8") for p in files]
        # Distinct articles, and without the memo an earlier pass serves nothing: the same texts each pass.
        rates, spans = _rate(analyzer, lambda run: texts, RUNS)
        med, spread = median_spread(rates)
        chars = sum(map(len, texts)) / len(texts)
        rows.append(row("techniques", "articles/s (SemEval-2023 EN train)", med, spread, TARGET,
                        note=f"{len(texts)} articles, {chars:.0f} chars avg, {spans}"))
    else:
        rows.append(row("techniques", "articles/s (SemEval-2023 EN train)", None, note=f"{T3_EN} absent"))
    if MODEL_JSON.exists():
        lockbox = json.loads(MODEL_JSON.read_text(encoding="utf-8")).get("meta", {}).get("lockbox", {})
        for lang, s in lockbox.get("paragraph_micro_f1", {}).items():
            rows.append(row("techniques", f"paragraph micro-F1 lockbox ({lang})", s["model"]["value"],
                            f"{s['model']['low']:.3f}–{s['model']['high']:.3f} (95% bootstrap)",
                            anchor=f"plain baseline {s['baseline']['value']:.3f}"))
        if "median_span_chars" in lockbox:
            rows.append(row("techniques", "median span chars (lockbox)", lockbox["median_span_chars"]["model"],
                            target="<= 60", anchor=f"gold {lockbox['median_span_chars']['gold']:.0f}"))
    return rows


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run())
