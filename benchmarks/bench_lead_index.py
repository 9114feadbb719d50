"""Does a new article find its story-mates in the lead index? Recall and search time by index size.

The story assignment (`narrascope.corpus.assign`) asks the HNSW index over stored lead vectors for
a new article's nearest leads and joins a story only through neighbours at or above the story
threshold. With many unrelated leads in the index, a search that walks too few candidates misses
story-mates that exist: the story then splits or never forms. This benchmark builds the index the
product builds (`corpus.ann.LeadIndex`, int8, cosine) over synthetic leads shaped like those of
`benchmarks/scale_corpus.py` (3 in 4 unrelated, the rest in stories of about 4 around a centre,
the same noise), asks 1,000 new story articles for their 15 nearest leads, and reports the share
of the findable story-mates (a member of the article's story at or above the threshold, by exact
search) that came back, for several `expansion_search` values, with the time per query.

    python -m benchmarks.bench_lead_index                   # 100,000 leads
    python -m benchmarks.bench_lead_index --size 300000 --expansions 64,256,512
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from benchmarks.common import QUICK, row
from benchmarks.scale_corpus import NOISE
from narrascope.corpus.ann import EXPANSION_SEARCH, LeadIndex
from narrascope.corpus.assign import NEIGHBORS, STORY_THRESHOLD

DIM = 512
QUERIES = 1_000


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _members(rng: np.random.Generator, centres: np.ndarray, story: np.ndarray) -> np.ndarray:
    v = centres[story] + NOISE * _unit(rng, len(story))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def measure(size: int, expansions: list[int], seed: int = 0) -> list[dict]:
    rng = np.random.default_rng(seed)
    in_stories = size // 4
    centres = _unit(rng, max(1, in_stories // 4))
    story = rng.integers(0, len(centres), in_stories)
    leads = np.concatenate([_unit(rng, size - in_stories), _members(rng, centres, story)])
    story_of = np.concatenate([np.full(size - in_stories, -1), story])
    asked = rng.choice(np.unique(story), QUERIES)
    queries = _members(rng, centres, asked)

    index = LeadIndex(DIM, "synthetic")
    started = time.perf_counter()
    index.add(np.arange(1, size + 1, dtype=np.uint64), leads)  # ids start at 1, as document ids do
    built = time.perf_counter() - started

    exact = queries @ leads[size - in_stories:].T
    findable = np.array([(exact[i][story == asked[i]] >= STORY_THRESHOLD).any() for i in range(QUERIES)])
    rows = [row("lead index", f"build, {size:,} leads (s)", round(built, 1))]
    for expansion in expansions:
        index._index.expansion_search = expansion
        started = time.perf_counter()
        ids, sims = index.search(queries, NEIGHBORS)
        per_query_ms = (time.perf_counter() - started) * 1000 / QUERIES
        found = np.array([any(j > 0 and story_of[j - 1] == asked[i] and s >= STORY_THRESHOLD
                              for j, s in zip(ids[i], sims[i], strict=True)) for i in range(QUERIES)])
        recall = float(found[findable].mean()) if findable.any() else float("nan")
        shipped = " (shipped)" if expansion == EXPANSION_SEARCH else ""
        rows.append(row("lead index", f"story-mates found, expansion {expansion}{shipped}", round(recall, 3),
                        note=f"{int(findable.sum())} findable of {QUERIES}; {per_query_ms:.1f} ms a query"))
    return rows


def run() -> list[dict]:
    size = 20_000 if QUICK else 100_000
    return measure(size, sorted({64, EXPANSION_SEARCH, 512}))


def main() -> None:
    from benchmarks.common import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--expansions", default=f"64,{EXPANSION_SEARCH},512")
    args = parser.parse_args()
    expansions = sorted({int(x) for x in args.expansions.split(",")})
    print_table(measure(args.size, expansions), title="narrascope lead index: story-mates found")


if __name__ == "__main__":
    main()
