"""Helpers shared by the benchmark modules: benchmark articles, medians with spread, peak RSS.

Benchmark input is real news: the seed articles in ../shared/seeds (read at run time, never copied
into the repository), or the repository's own examples/ when ../shared is absent. They are
repeated to the size a benchmark needs; each copy gets its own id, its paragraphs rotated and a
number in every sentence, so that no cache (per text or per sentence) can make repeats free.
"""
from __future__ import annotations

import os
import re
import resource
import statistics
from collections.abc import Sequence
from pathlib import Path

from narrascope.document import Document
from narrascope.nlp.text import paragraphs

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


_SENTENCE_END = re.compile(r"([.!?।])(\s)")
_LINE_START = re.compile(r"(?m)^(?=\S)")


def benchmark_documents(n: int, run: int = 0) -> list[Document]:
    """`n` articles made from the seeds, each copy with its paragraphs rotated differently.

    Every line start and sentence end also gets a number of its own (from the copy and `run`): the
    copies repeat the seeds' sentences, and the sentence encoder embeds a sentence it has seen (in
    its memo, or earlier in the same batch) for free, which would leave its cost out of every
    figure. Pass a different `run` for each timed repetition."""
    texts, _ = seed_texts()
    docs = []
    for i in range(n):
        text = texts[i % len(texts)]
        spans = paragraphs(text)
        k = (i // len(texts)) % max(len(spans), 1)
        if k and len(spans) > 1:
            parts = [text[s:e] for s, e in spans]
            text = "\n\n".join(parts[k:] + parts[:k])
        tag = f"{run}{i:05d}"
        text = _LINE_START.sub(f"{tag} ", _SENTENCE_END.sub(rf" {tag}\1\2", text))
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


def check_target(value: float | None, target: str) -> str:
    """"ok", "MISS" or "" (no target / no value) for a target such as ">= 20" or "<= 1536"."""
    m = re.fullmatch(r"\s*(>=|<=|>|<|==)\s*(-?[\d.]+)\s*", target or "")
    if value is None or not m:
        return ""
    op, bound = m.group(1), float(m.group(2))
    passed = {">=": value >= bound, "<=": value <= bound, ">": value > bound, "<": value < bound,
              "==": value == bound}[op]
    return "ok" if passed else "MISS"


def _cell(value) -> str:
    if value is None or value == "":
        return "n/a" if value is None else ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def print_table(rows: list[dict], title: str = "narrascope benchmarks") -> None:
    """One table of rows (name, metric, value, spread, target, status, anchor, note) on stdout."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for col in ("benchmark", "name", "metric", "median", "spread", "target", "", "anchor", "note"):
        table.add_column(col, overflow="fold")
    for r in rows:
        status = check_target(r.get("value"), r.get("target", ""))
        style = {"ok": "green", "MISS": "bold red"}.get(status, "")
        table.add_row(r.get("benchmark", ""), str(r.get("name", "")), str(r.get("metric", "")), _cell(r.get("value")),
                      _cell(r.get("spread")), r.get("target", "") or "", f"[{style}]{status}[/]" if style else "",
                      str(r.get("anchor", "") or ""), str(r.get("note", "") or ""))
    Console(width=max(160, Console().width)).print(table)


def loadable(names: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """The analyzers among `names` that load in this process, and why the others do not.

    Lets a benchmark still measure what exists while an analyzer's model is not trained yet.
    """
    from narrascope.pipeline import get_analyzer

    ok, why = [], {}
    for name in names:
        try:
            get_analyzer(name)
            ok.append(name)
        except Exception as exc:  # noqa: BLE001 - any load failure makes it unavailable
            why[name] = f"{type(exc).__name__}: {exc}"[:160]
    return ok, why
