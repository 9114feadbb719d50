"""Corpus-intelligence speed on synthetic data (invented pseudo-words; no corpus text):

1. near-duplicate detection (`nlp/duplicates.py`: normalise, shingle, MinHash, LSH, verify,
   group) over articles of ~400 words, a tenth of them edited copies — target >= 2,000 articles/s;
2. story clustering of 10,000 articles — target <= 60 s on 2 cores: the time is the USE embedding
   of 10,000 headline+lead texts made of ordinary English words (measured on `EMBED_SAMPLE` leads per run and scaled to 10,000,
   since embedding time is linear in the number of texts) plus the clustering itself, measured on
   10,000 vectors with a story structure (1,500 story centres + noise);
3. HTML main-text extraction (`ingest/html.py`, trafilatura) of synthetic news pages with
   navigation, article, sidebar and footer (~6 kB each) — target >= 100 pages/s.
Each figure is given as wall-clock rate and per CPU-second: the machine is shared, and the CPU
figure is what the code does on a core it has to itself.

    python -m benchmarks.bench_corpus
"""
from __future__ import annotations

import random
import time

import numpy as np

from benchmarks.common import QUICK, RUNS, median_spread, row
from benchmarks.synthetic_corpus import _word

DUP_ARTICLES = 1_000 if QUICK else 5_000
CLUSTER_ARTICLES = 10_000
EMBED_SAMPLE = 100 if QUICK else 300
HTML_PAGES = 100 if QUICK else 400


# Ordinary English words (written for this benchmark) for the texts that are embedded: the encoder's
# cost depends on its tokenizer, and invented pseudo-words split into many more pieces than news text.
_WORDS = (
    "the a of to in and on for with at by from after before over under about against between during "
    "government minister president council city town village river bridge road railway port ship train "
    "farmers workers students teachers doctors police army soldiers officials residents voters leaders "
    "said says announced warned claimed denied promised reported confirmed signed opened closed built "
    "new old local national regional foreign public private small large early late last first next "
    "plan deal law vote election budget tax price prices market energy gas oil power water food grain "
    "storm flood drought fire heat winter summer spring week month year day night morning evening "
    "meeting talks protest strike report study survey company project pipeline festival school hospital "
    "will would could should must may not no more less many few every each some all most other"
)
VOCABULARY = _WORDS.split()


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n)).capitalize() + "."


def _news_text(rng: random.Random, words: int) -> str:
    out, n = [], 0
    while n < words:
        k = rng.randint(8, 22)
        out.append(_sentence(rng, k))
        n += k
    return " ".join(out)


def _article(rng: random.Random, words: int = 400) -> str:
    sentences, n = [], 0
    while n < words:
        k = rng.randint(8, 22)
        sentences.append(" ".join(_word(rng) for _ in range(k)).capitalize() + ".")
        n += k
    return " ".join(sentences)


def _duplicate_corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    originals = [_article(rng) for _ in range(n - n // 10)]
    copies = []
    for i in range(n // 10):
        words = originals[i].split()
        words[rng.randrange(len(words))] = _word(rng)
        copies.append(f"{_word(rng).capitalize()} {_word(rng)} " + " ".join(words[: len(words) - 12]))
    return originals + copies


def bench_duplicates() -> list[dict]:
    from narrascope.nlp.duplicates import near_duplicate_groups

    rates, cpu_rates, found = [], [], []
    for run in range(RUNS):
        texts = _duplicate_corpus(DUP_ARTICLES, seed=run)
        t0, c0 = time.perf_counter(), time.process_time()
        groups = near_duplicate_groups(texts)
        rates.append(len(texts) / (time.perf_counter() - t0))
        cpu_rates.append(len(texts) / (time.process_time() - c0))
        found.append(sum(len(g) == 2 for g in groups))
    value, spread = median_spread(rates, 0)
    cpu_value, cpu_spread = median_spread(cpu_rates, 0)
    note = (f"{DUP_ARTICLES} synthetic ~400-word articles, {DUP_ARTICLES // 10} edited copies; "
            f"copy pairs found: {min(found)}–{max(found)} of {DUP_ARTICLES // 10}")
    return [row("near-duplicates", "articles/s (wall)", value, spread, ">= 2000", note=note),
            row("near-duplicates", "articles per CPU-second", cpu_value, cpu_spread,
                note="single-threaded: what one idle core does; the wall figure depends on the machine's load")]


def bench_clusters() -> list[dict]:
    from narrascope.corpus.clusters import cluster_vectors, lead
    from narrascope.corpus.data import CorpusDoc
    from narrascope.nlp.embeddings import get_embedder

    embedder = get_embedder()
    embedder.encode(["warm up"])
    rng = random.Random(7)
    embed_s, embed_cpu = [], []
    for _ in range(RUNS):
        docs = [CorpusDoc(key=str(i), text=_news_text(rng, 120), title=_sentence(rng, 9)) for i in range(EMBED_SAMPLE)]
        leads = [lead(d) for d in docs]
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(leads), 256):
            embedder.encode(leads[i : i + 256])
        embed_s.append((time.perf_counter() - t0) * CLUSTER_ARTICLES / EMBED_SAMPLE)
        embed_cpu.append((time.process_time() - c0) * CLUSTER_ARTICLES / EMBED_SAMPLE)
    gen = np.random.default_rng(3)
    centres = gen.normal(size=(1_500, 512))
    cluster_s, cluster_cpu, counts = [], [], []
    for _ in range(RUNS):
        vectors = centres[gen.integers(0, len(centres), CLUSTER_ARTICLES)] + gen.normal(size=(CLUSTER_ARTICLES, 512))
        vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
        t0, c0 = time.perf_counter(), time.process_time()
        labels = cluster_vectors(vectors)
        cluster_s.append(time.perf_counter() - t0)
        cluster_cpu.append(time.process_time() - c0)
        counts.append(int(labels.max()) + 1)
    e_med, e_spread = median_spread(embed_s)
    c_med, c_spread = median_spread(cluster_s)
    total = [e + c for e, c in zip(sorted(embed_s), sorted(cluster_s), strict=True)]
    t_med, t_spread = median_spread(total)
    cpu_med, cpu_spread = median_spread([e + c for e, c in zip(sorted(embed_cpu), sorted(cluster_cpu), strict=True)])
    return [
        row("clusters 10k: embedding", "s", e_med, e_spread,
            note=f"USE on headline+lead (~200 chars); {EMBED_SAMPLE} leads per run, scaled to 10,000"),
        row("clusters 10k: clustering", "s", c_med, c_spread,
            note=f"kNN graph + average linkage on 10,000 vectors; {min(counts)}–{max(counts)} stories found "
                 f"(1,500 planted)"),
        row("clusters 10k: total", "s", t_med, t_spread, "<= 60"),
        row("clusters 10k: total", "CPU-seconds (all threads)", cpu_med, cpu_spread,
            note="on an idle 2-core machine the wall time is at most this, and about half of it for the "
                 "multi-threaded parts (embedding, similarity matrix)"),
    ]


def _page(rng: random.Random) -> str:
    nav = "".join(f'<li><a href="/{_word(rng)}">{_word(rng)}</a></li>' for _ in range(25))
    paras = "".join(f"<p>{_article(rng, rng.randint(40, 90))}</p>" for _ in range(8))
    side = "".join(f'<li><a href="/n/{i}">{_article(rng, 8)}</a></li>' for i in range(10))
    title = _article(rng, 8)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta name='author' content='{_word(rng)} {_word(rng)}'>"
            f"<meta property='article:published_time' content='2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}'>"
            f"</head><body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>{paras}"
            f"</article><aside><ul>{side}</ul></aside></main><footer><p>{_article(rng, 30)}</p></footer>"
            "</body></html>")


def bench_html() -> list[dict]:
    from narrascope.ingest.html import extract_html

    rng = random.Random(11)
    pages = [_page(rng) for _ in range(HTML_PAGES)]
    extract_html(pages[0])
    rates, cpu_rates = [], []
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        for p in pages:
            extract_html(p)
        rates.append(len(pages) / (time.perf_counter() - t0))
        cpu_rates.append(len(pages) / (time.process_time() - c0))
    value, spread = median_spread(rates, 0)
    cpu_value, cpu_spread = median_spread(cpu_rates, 0)
    size = sum(map(len, pages)) / len(pages) / 1024
    return [row("trafilatura extraction", "pages/s (wall)", value, spread, ">= 100",
                note=f"{HTML_PAGES} synthetic pages of {size:.1f} kB (nav, article, sidebar, footer)"),
            row("trafilatura extraction", "pages per CPU-second", cpu_value, cpu_spread,
                note="single-threaded: what one idle core does")]


def run() -> list[dict]:
    return bench_duplicates() + bench_html() + bench_clusters()


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run(), title="corpus benchmarks")
