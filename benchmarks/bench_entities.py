"""Speed of the `entities` analyzer (NER + mention grouping) in each NER setting, alone and with
`roles`: articles per wall-clock second and per CPU-second (`time.process_time`, which a busy shared
machine does not inflate the way it inflates wall time; the analyzers are single-threaded, so on an
idle core the two agree).

Settings: the default (`model_ner=True`: lexicon + capitalised runs, natasha for Russian), every
statistical model (`{"en", "ru"}`: spaCy for English too) and none (`False`). Inputs: the benchmark
articles (`common.benchmark_documents`, English) and, when ../shared is present, SemEval-2025 T10
train articles of EN and RU, read at run time and never copied. Only `process_batch` is timed, after
a warm-up; medians over `RUNS` runs with the min–max spread.

    python -m benchmarks.bench_entities
"""
from __future__ import annotations

import time

from benchmarks.common import QUICK, ROOT, RUNS, benchmark_documents, median_spread, row

T10 = ROOT.parent / "shared" / "data" / "semeval2025_task10" / "train"
ARTICLES = 32 if QUICK else 120
BATCH = 32
TARGET_ALONE = ">= 110"  # entities' share of the NER + roles budget (>= 30 articles/s together)
TARGET_WITH_ROLES = ">= 30"
SETTINGS = {"default": True, "all models": {"en", "ru"}, "no model": False}


def _time(analyzer, batches) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for b in batches:
        analyzer.process_batch(b)
    return time.perf_counter() - wall, time.process_time() - cpu


def _measure(entities, roles, texts: list[str], lang: str) -> dict[str, list[float]]:
    import narrascope.nlp.embeddings
    from narrascope.document import Analysis, Document

    # The same texts are analysed every run: a sentence embedded in an earlier run must cost what a
    # new one does (the benchmark articles are distinct sentence by sentence, see benchmark_documents).
    narrascope.nlp.embeddings.MEMO_SIZE = 0

    def fresh():
        out = [Analysis(document=Document(text=t, id=f"b{i}"), language=lang) for i, t in enumerate(texts)]
        return [out[i : i + BATCH] for i in range(0, len(out), BATCH)]

    warm = fresh()[0][:4]
    entities.process_batch(warm)
    if roles is not None:
        roles.process_batch(warm)
    rates: dict[str, list[float]] = {"wall": [], "cpu": [], "roles wall": [], "roles cpu": [], "entities": []}
    for _ in range(RUNS):
        work = fresh()
        wall, cpu = _time(entities, work)
        rates["wall"].append(len(texts) / wall)
        rates["cpu"].append(len(texts) / cpu)
        rates["entities"].append(sum(len(a.entities) for b in work for a in b) / len(texts))
        if roles is not None:
            r_wall, r_cpu = _time(roles, work)
            rates["roles wall"].append(len(texts) / (wall + r_wall))
            rates["roles cpu"].append(len(texts) / (cpu + r_cpu))
    return rates


def run() -> list[dict]:
    import os

    from narrascope.analyzers.entities.analyzer import EntityAnalyzer
    from narrascope.semeval.t10 import read_language

    try:
        from narrascope.analyzers.roles.analyzer import RoleAnalyzer

        roles = RoleAnalyzer.load_default()
    except Exception:  # noqa: BLE001 - the entity figures stand without the role model
        roles = None
    inputs = [("benchmark articles", [d.text for d in benchmark_documents(ARTICLES)], "en")]
    for lang in ("EN", "RU"):
        if (T10 / lang).is_dir():
            inputs.append((f"T10 {lang} train", [d.text for d in read_language(T10, lang)[:ARTICLES]], lang.lower()))
    load = os.getloadavg()[0]
    rows = []
    for setting, model_ner in SETTINGS.items():
        entities = EntityAnalyzer.load_default()
        entities.model_ner = model_ner
        for label, texts, lang in inputs:
            r = _measure(entities, roles if setting == "default" else None, texts, lang)
            chars = sum(map(len, texts)) / len(texts)
            note = (f"{len(texts)} articles ({lang}), {chars:.0f} chars avg, "
                    f"{median_spread(r['entities'])[0]} entities/article; load avg {load:.1f}")
            target = TARGET_ALONE if setting == "default" else ""
            for key, metric in (("cpu", "articles/CPU-s"), ("wall", "articles/s")):
                med, spread = median_spread(r[key])
                rows.append(row(f"entities ({setting})", f"{metric} ({label})", med, spread,
                                target if key == "cpu" else "", note=note))
            for key, metric in (("roles cpu", "articles/CPU-s"), ("roles wall", "articles/s")):
                if r[key]:
                    med, spread = median_spread(r[key])
                    rows.append(row("entities+roles (default)", f"{metric} ({label})", med, spread,
                                    TARGET_WITH_ROLES if key == "roles cpu" else "", note=note))
    return rows


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(run())
