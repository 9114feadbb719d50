"""Inputs that make text processing slow: how the default pipeline's time grows with them.

A scraped page can hold a line of dots, a pasted blob of letters and digits (an inline image, a key), or a
word of thousands of capitals. A pattern that reads such a run again from each of its characters takes time
that grows with the square of its length, and one such document stalls a batch worker (the README's "Security
and limits" gives the figures before and after the patterns were fixed). Each case is a run of 10,000 and of
40,000 characters on a line of its own in the middle of a benchmark article; the figure is how many times
longer the four times longer run takes (at most 4 where the time grows in proportion, 16 where it grows with
the square), with real articles of the same two lengths beside them. Models are loaded before the clock
starts; every run's text is new to the caches.

    python -m benchmarks.bench_worst_case
"""
from __future__ import annotations

import random
import string
import time

from benchmarks.common import QUICK, RUNS, benchmark_documents, median_spread, row

SIZES = (5_000, 20_000) if QUICK else (10_000, 40_000)
TARGET = "<= 6"  # times longer for 4x the input: 4 is proportional, 16 quadratic


def _blob(seed: int, n: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(n))


CASES = {
    "line of full stops": lambda n, seed: "." * n,
    "run of exclamation marks": lambda n, seed: "!" * n,
    "word of capitals": lambda n, seed: "A" * n,
    "word of mixed case": lambda n, seed: "aB" * (n // 2),
    "stops glued between words": lambda n, seed: "a.Bc" * (n // 4),
    "capitals and hyphens": lambda n, seed: "A-" * (n // 2),
    "pasted base64-like blob": _blob,
}


def _article(n: int, seed: int) -> str:
    """`n` characters of benchmark articles, every sentence new to the sentence encoder's memo."""
    docs = benchmark_documents(max(1, n // 2_000), run=seed)
    return "\n\n".join(d.text for d in docs)[:n]


def _timed(pipeline, text: str) -> float:
    from narrascope.document import Document

    t = time.perf_counter()
    pipeline(Document(text=text))
    return time.perf_counter() - t


def run() -> list[dict]:
    from narrascope.pipeline import Pipeline

    pipeline = Pipeline()
    _timed(pipeline, "Ivo Marr said the port would stay closed. The talks failed.")
    rows = []
    for name, make in [*CASES.items(), ("real articles (reference)", _article)]:
        times: dict[int, list[float]] = {size: [] for size in SIZES}
        for r in range(RUNS):
            for size in SIZES:
                seed = 10 * r + SIZES.index(size)
                # inside an article, so that every analyzer reads it as the article's language; a few characters
                # shorter each run, so that no run finds the run of the one before in a cache
                host = _article(4_000, 1000 + seed)
                half = host.rfind("\n", 0, len(host) // 2) + 1
                text = host[:half] + make(size - 4 * r, 2000 + seed) + "\n" + host[half:]
                times[size].append(_timed(pipeline, text))
        small, _ = median_spread(times[SIZES[0]], 3)
        large, spread = median_spread(times[SIZES[1]], 3)
        growth = round(large / max(small, 1e-3), 1)
        rows.append(row(f"worst case: {name}", f"x time for {SIZES[1] // SIZES[0]}x the characters", growth,
                        f"{large:.2f} s ({spread}) at {SIZES[1]:,}, {small:.2f} s at {SIZES[0]:,} characters",
                        target=TARGET if "reference" not in name else "",
                        note="the whole default pipeline, one document"))
    return rows


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run())
