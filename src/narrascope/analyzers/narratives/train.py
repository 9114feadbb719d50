"""Train and measure the narrative classifier (SemEval-2025 Task 10 subtask 2): the commands' entry points.

- `train_and_save`: `fitting.fit` on all of `train`, saved to `models/narratives/` with its model card
  (figures from a lockbox report, `narrascope evaluate narratives --lockbox --json FILE`, passed as
  `--lockbox-report FILE`);
- `evaluate_lockbox` (`lockbox.py`): model and plain baseline trained on train minus the lockbox, scored
  on the lockbox, with the robustness checks: the figure that counts;
- `cross_validate`: out-of-fold samples-F1 per language on train minus the lockbox, beside the plain
  baseline on the same folds (where choices are made).
"""
from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import artifact_size_kb
from narrascope.analyzers.narratives.analyzer import decide_all
from narrascope.analyzers.narratives.baseline import PlainBaseline
from narrascope.analyzers.narratives.card import write_model_card
from narrascope.analyzers.narratives.decision import fit_platt
from narrascope.analyzers.narratives.fitting import (
    DEFAULT_CONFIG,
    MODEL_KEYS,
    SEED,
    LabelSpace,
    Progress,
    fit,
    grouped_folds,
    kernel,
    labelled_documents,
    no_progress,
    out_of_fold,
    training_embedder,
)
from narrascope.analyzers.narratives.lockbox import beside_baseline, evaluate_lockbox, format_report, to_json
from narrascope.analyzers.narratives.metrics import document_f1
from narrascope.analyzers.narratives.model import HEADS, MODEL_DIR, NarrativeModel
from narrascope.errors import InputError
from narrascope.semeval.lockbox import development_documents
from narrascope.semeval.t10 import LANGUAGES, read_split

__all__ = ["LabelSpace", "cross_validate", "evaluate_lockbox", "format_table", "score_predictions", "train_and_save"]


def score_predictions(docs, preds, space: LabelSpace) -> dict:
    """Official samples-F1 (coarse, fine) overall and per language."""
    rows = {}
    for lang in (*LANGUAGES, "ALL"):
        idx = [i for i, d in enumerate(docs) if lang in ("ALL", d.lang)]
        if not idx:
            continue
        c = [document_f1(docs[i].narratives or [], preds[i][0], space.classes_coarse) for i in idx]
        f = [document_f1(docs[i].subnarratives or [], preds[i][1], space.classes_fine) for i in idx]
        rows[lang] = {"n": len(idx), "coarse": float(np.mean(c)), "coarse_std": float(np.std(c)),
                      "fine": float(np.mean(f)), "fine_std": float(np.std(f))}
    langs = [rows[x]["fine"] for x in LANGUAGES if x in rows]
    rows["MEAN5"] = {"n": len(langs), "fine": float(np.mean(langs)),
                     "coarse": float(np.mean([rows[x]["coarse"] for x in LANGUAGES if x in rows]))}
    return rows


def format_table(rows: dict) -> str:
    lines = [f"{'lang':<6}{'docs':>6}{'coarse F1':>12}{'fine F1':>10}"]
    for lang, r in rows.items():
        lines.append(f"{lang:<6}{r['n']:>6}{r['coarse']:>12.3f}{r['fine']:>10.3f}")
    return "\n".join(lines)


def cross_validate(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = no_progress,
                   config: dict | None = None, **_: str) -> dict:
    """Out-of-fold samples-F1 per language on the train split of `data` minus its lockbox (where choices
    are made): each fold decided by a model calibrated on the other folds' out-of-fold scores (the IDF
    is learned on all the folds), beside the plain baseline fitted on the same folds, with the lockbox
    report's prior shifts and `Other` answers; the lockbox (`evaluate_lockbox`) is the figure that counts."""
    config = {**DEFAULT_CONFIG, **(config or {})}
    seed = SEED if seed is None else seed
    dev, part = development_documents(data, read_split(Path(data) / "train"), key=lambda d: (d.lang, d.id))
    docs = [d for d in dev if d.narratives is not None]
    if not docs:
        raise InputError(str(Path(data) / "train"), "no annotated SemEval-2025 Task 10 articles (subtask 2) "
                                                    "outside the lockbox")
    space = LabelSpace()
    model = NarrativeModel({k: config[k] for k in MODEL_KEYS}, embedder=training_embedder())
    texts = [d.text for d in docs]
    K = kernel(model, model.featurize(texts, fit=True))
    Y = space.matrices(docs)
    splits = grouped_folds(texts, folds, seed)
    oof = out_of_fold(K, Y, config, splits, progress)
    preds: list = [None] * len(docs)
    for tr, te in splits:
        model.calibration = {name: fit_platt(oof[name][tr], Y[name][tr]) for name in HEADS}
        probs = model.probabilities({name: oof[name][te] for name in HEADS})
        for i, labels in zip(te, decide_all(model, probs), strict=True):
            preds[i] = labels
    baseline: list = [None] * len(docs)
    for k, (tr, te) in enumerate(splits):
        progress(f"baseline: fold {k + 1}/{len(splits)}…")
        fitted = PlainBaseline(space.narratives, space.fine).fit(
            [texts[i] for i in tr], Y["narrative"][tr], Y["fine"][tr], space.classes_coarse, space.classes_fine,
            grouped_folds([texts[i] for i in tr], folds, seed))
        for i, labels in zip(te, fitted.predict([texts[i] for i in te]), strict=True):
            baseline[i] = labels
    rows = score_predictions(docs, preds, space)
    compared = beside_baseline(docs, {"model": preds, "baseline": baseline}, space)
    table = f"{part}\n{format_table(rows)}\n\n{format_report(compared, title='Cross-validation')}"
    return {"scores": {**rows, "beside_baseline": to_json(compared)}, "table": table, "oof": oof, "docs": docs,
            "predictions": {"model": preds, "baseline": baseline}}


def train_and_save(data: Path, out_dir: Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Progress = no_progress, config: dict | None = None, lockbox_report: str = "",
                   **_: str) -> dict:
    """Fit on all of train (calibrated on `folds` out-of-fold scores), save to `out_dir` with its card."""
    config = {**DEFAULT_CONFIG, **(config or {})}
    docs = labelled_documents(data)
    started = time.time()
    model, _oof = fit(docs, config, folds, SEED if seed is None else seed, progress)
    report = json.loads(Path(lockbox_report).read_text(encoding="utf-8")) if lockbox_report else None
    model.meta = {"trained": date.today().isoformat(), "data": str(Path(data) / "train"), "documents": len(docs),
                  "train_config": config, "calibration_folds": folds, "train_seconds": round(time.time() - started)}
    if report is not None:
        model.meta["lockbox"] = {k: report[k] for k in ("coarse", "fine", "run_seconds") if k in report}
    model.save(out_dir)
    size_kb = artifact_size_kb(out_dir)
    write_model_card(Path(out_dir), model.meta, report, size_kb, model.weak_below)
    return {"table": "", "scores": {}, "size_kb": artifact_size_kb(out_dir)}
