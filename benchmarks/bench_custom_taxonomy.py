"""How well does zero-shot labelling from a taxonomy file work? The built-in SemEval-2025 taxonomy's
own definitions and examples are treated as a user's "custom" file and the zero-shot analyzer
(`analyzers/custom_narratives.py`, no training) labels the T10 train split; the figure is the
official samples-F1 (coarse = narratives, fine = sub-narratives) overall and per language.

Two figures:
- defaults: the analyzer's default settings, exactly what `narrascope analyze --taxonomy` does;
- 5-fold CV: thresholds/margins picked from a small grid on four folds, scored on the fifth (what
  a user with some labelled articles could reach by tuning the settings).
Needs ../shared/data (read at run time; nothing is copied). Sentence embeddings are cached under
$NARRASCOPE_CACHE (default /tmp/narrascope-bench-cache).

    python -m benchmarks.bench_custom_taxonomy
"""
from __future__ import annotations

import dataclasses
import itertools
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
T10_TRAIN = Path(os.environ.get("NARRASCOPE_SHARED_DATA", ROOT.parent / "shared" / "data")) / \
    "semeval2025_task10" / "train"
GRID = {"threshold": (0.3, 0.35, 0.4, 0.45), "margin": (0.03, 0.06, 0.1), "sub_threshold": (0.35, 0.4, 0.5)}


def evaluate(log=print) -> dict | None:
    """{"defaults": score rows, "cv": score rows, "chosen": [...]} (None without the data)."""
    from sklearn.model_selection import KFold

    from narrascope.analyzers.custom_narratives import MAX_SENTENCES, CustomNarrativeAnalyzer, ZeroShotConfig
    from narrascope.analyzers.narratives.train import LabelSpace, format_table, score_predictions
    from narrascope.document import Analysis, Document
    from narrascope.nlp.embeddings import DiskCachedEmbedder, get_embedder
    from narrascope.nlp.text import sentences
    from narrascope.semeval.t10 import read_split
    from narrascope.taxonomy import HERE, OTHER

    if not T10_TRAIN.exists():
        return None
    cache = os.environ.get("NARRASCOPE_CACHE", "/tmp/narrascope-bench-cache")
    embedder = DiskCachedEmbedder(get_embedder(), cache)
    analyzer = CustomNarrativeAnalyzer.from_file(HERE / "narratives.yaml", embedder=embedder)
    docs = [d for d in read_split(T10_TRAIN) if d.narratives is not None]
    space = LabelSpace()

    t0 = time.perf_counter()
    spans = [sentences(d.text)[:MAX_SENTENCES] for d in docs]
    texts = [d.text[s:e] for d, ss in zip(docs, spans, strict=True) for s, e in ss]
    vectors = embedder.encode(texts)
    sims, pos = [], 0
    for ss in spans:
        sims.append(analyzer.sentence_similarities(vectors[pos : pos + len(ss)]))
        pos += len(ss)
    log(f"{len(docs)} documents, {len(texts)} sentences embedded/similarities in {time.perf_counter() - t0:.0f}s")

    def predict(config: ZeroShotConfig, idx) -> dict[int, tuple[list[str], list[str]]]:
        analyzer.config = config
        out = {}
        for i in idx:
            a = Analysis(document=Document(text=docs[i].text, id=docs[i].id))
            analyzer.decide(a, spans[i], sims[i])
            out[i] = ([n.label for n in a.narratives] or [OTHER], [s.label for s in a.subnarratives] or [OTHER])
        return out

    def fine_f1(preds: dict, idx) -> float:
        sub = [docs[i] for i in idx]
        return score_predictions(sub, [preds[i] for i in idx], space)["ALL"]["fine"]

    every = np.arange(len(docs))
    default = predict(ZeroShotConfig(), every)
    defaults = score_predictions(docs, [default[i] for i in every], space)
    log("\nDefaults (ZeroShotConfig()), samples-F1 on train, no training:")
    log(format_table(defaults))

    configs = [dataclasses.replace(ZeroShotConfig(), threshold=t, margin=m, sub_threshold=s)
               for t, m, s in itertools.product(*GRID.values())]
    cv_preds: dict[int, tuple[list[str], list[str]]] = {}
    chosen = []
    for train_idx, test_idx in KFold(5, shuffle=True, random_state=13).split(docs):
        best = max(configs, key=lambda c: fine_f1(predict(c, train_idx), train_idx))
        chosen.append(best)
        cv_preds.update(predict(best, test_idx))
    cv = score_predictions(docs, [cv_preds[i] for i in every], space)
    log(f"\n5-fold CV over a {len(configs)}-setting grid (chosen on 4 folds, scored on the 5th):")
    log(format_table(cv))
    log("settings chosen per fold: " + "; ".join(
        f"threshold={c.threshold} margin={c.margin} sub_threshold={c.sub_threshold}" for c in chosen))
    return {"defaults": defaults, "cv": cv, "chosen": [dataclasses.asdict(c) for c in chosen]}


def run() -> list[dict]:
    """Rows in the harness convention (benchmarks/README.md)."""
    from benchmarks.common import row

    result = evaluate(log=lambda *_: None)
    if result is None:
        return [row("custom taxonomy (zero-shot)", "F1 samples", None, note=f"needs {T10_TRAIN}")]
    rows = []
    for kind, label in (("defaults", "defaults"), ("cv", "settings by 5-fold CV")):
        r = result[kind]["ALL"]
        for level in ("coarse", "fine"):
            rows.append(row(f"custom taxonomy zero-shot, {label}", f"F1 samples {level} (train)",
                            round(r[level], 3), round(r[f"{level}_std"], 3),
                            note="built-in definitions+examples as a custom file; no training"))
    return rows


def main() -> int:
    if evaluate() is None:
        print(f"skipped: needs the SemEval-2025 T10 train split at {T10_TRAIN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
