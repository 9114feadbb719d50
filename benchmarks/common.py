"""Helpers shared by the benchmark modules: benchmark articles, medians with spread, peak RSS.

Benchmark input is real news: the seed articles in ../shared/seeds (read at run time, never copied
into the repository), or the repository's own examples/ when ../shared is absent. They are
repeated to the size a benchmark needs; each copy gets its own id and its paragraphs rotated, so
an analyzer that caches per whole text cannot make repeats free.
"""
from __future__ import annotations

import os
import resource
import statistics
from collections.abc import Sequence
from pathlib import Path

from narrascope.document import Document
from narrascope.text import paragraphs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("NARRASCOPE_SEEDS", ROOT.parent / "shared" / "seeds"))
EXAMPLES = ROOT / "examples"
QUICK = os.environ.get("NARRASCOPE_BENCH_QUICK") == "1"  # `python -m benchmarks --quick`: fewer, smaller runs
RUNS = 3 if QUICK else int(os.environ.get("NARRASCOPE_BENCH_RUNS", "3"))


def seed_texts() -> tuple[list[str], str]:
    """The benchmark articles and where they came from."""
    for folder in (SEEDS, EXAMPLES):
        files = sorted(p for p in folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            return [p.read_text(encoding="utf-8") for p in files], str(folder)
    raise FileNotFoundError(f"no benchmark articles: neither {SEEDS} nor {EXAMPLES} has .txt files")


def benchmark_documents(n: int) -> list[Document]:
    """`n` articles made from the seeds, each copy with its paragraphs rotated differently."""
    texts, _ = seed_texts()
    docs = []
    for i in range(n):
        text = texts[i % len(texts)]
        spans = paragraphs(text)
        k = (i // len(texts)) % max(len(spans), 1)
        if k and len(spans) > 1:
            parts = [text[s:e] for s, e in spans]
            text = "\n\n".join(parts[k:] + parts[:k])
        docs.append(Document(text=text, id=f"bench-{i:05d}"))
    return docs


def median_spread(values: Sequence[float], digits: int = 1) -> tuple[float | None, str]:
    """Median and "min–max (n runs)" of the values (None, "" when there are none)."""
    if not values:
        return None, ""
    med = statistics.median(values)
    return round(med, digits), f"{min(values):.{digits}f}–{max(values):.{digits}f} ({len(values)} runs)"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (ru_maxrss is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(name: str, metric: str, value: float | None, spread: str | float | None = "", target: str = "",
        note: str = "", anchor: str = "") -> dict:
    """One result row in the harness convention (see benchmarks/README.md)."""
    return {"name": name, "metric": metric, "value": value, "spread": spread, "target": target,
            "note": note, "anchor": anchor}
