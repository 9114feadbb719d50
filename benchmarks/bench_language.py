"""Language identification: the share of annotated training articles whose language narrascope reads
right, per corpus, and its speed.

Every analyzer after `language` works in the language it reads (NER, role words, explanation phrases), so
a Bulgarian article read as Russian is wrong everywhere downstream. Needs ../shared/data (read at run
time, nothing copied); without it the rows say so. Gold: the language folder of SemEval-2025 Task 10
`train` (BG EN HI PT RU) and SemEval-2023 Task 3 `train` (EN IT RU PL FR DE).

    python -m benchmarks.bench_language
"""
from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

from benchmarks.common import ROOT, row

DATA = Path(os.environ.get("NARRASCOPE_SHARED_DATA", ROOT.parent / "shared" / "data"))
T3_CODES = {"po": "pl", "ge": "de"}  # the 2023 data's folder names -> ISO 639-1
TARGET = ">= 0.99"


def _articles() -> dict[str, list[tuple[str, str]]]:
    """{corpus: [(gold ISO code, text)]} of the corpora present."""
    out: dict[str, list[tuple[str, str]]] = {}
    t10 = DATA / "semeval2025_task10" / "train"
    if t10.is_dir():
        from narrascope.semeval.t10 import read_split
        out["T10 train"] = [(d.lang.lower(), d.text) for d in read_split(t10)]
    t3 = DATA / "semeval2023_task3"
    if t3.is_dir():
        from narrascope.semeval.t3 import read_split as read_t3
        out["T3 train"] = [(T3_CODES.get(d.lang, d.lang), d.text) for d in read_t3(t3)]
    return out


def run() -> list[dict]:
    from narrascope.nlp.langid import detect_language

    corpora = _articles()
    if not corpora:
        return [row("language", "accuracy", None, note=f"no annotated data under {DATA}")]
    rows = []
    for corpus, articles in corpora.items():
        t0 = time.perf_counter()
        wrong = Counter((gold, got) for gold, text in articles if (got := detect_language(text)[0]) != gold)
        seconds = time.perf_counter() - t0
        accuracy = 1 - sum(wrong.values()) / len(articles)
        misread = ", ".join(f"{gold}->{got} {n}" for (gold, got), n in wrong.most_common(4)) or "none"
        rows.append(row("language", f"accuracy, {corpus}", round(accuracy, 4), f"{len(articles)} articles",
                        target=TARGET, note=f"misread: {misread}"))
        rows.append(row("language", f"articles/s, {corpus}", round(len(articles) / seconds), "1 run",
                        note="identification alone, first 2,000 characters"))
    return rows


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run(), "language identification")
