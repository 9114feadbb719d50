"""Train and measure the technique model (SemEval-2023 Task 3 subtask 3).

- `evaluate_lockbox`: trained on train minus the lockbox, scored on the lockbox beside the plain
  baseline (`lockbox.py`);
- `cross_validate`: out-of-fold figures on train minus the lockbox, where choices are made (`train_and_save`
  reports the same recipe's figures on all of train as the training-time estimate);
- `train_and_save`: fitted on all of train (plus any PTC articles that duplicate none of them) and
  saved with its model card (`card.py`), whose scores come from a lockbox run's JSON.

`fit` is the one recipe all three use. Its pieces live in `fitting.py` (first stage), `train_dense.py`
(embedding heads), `train_context.py` (second stage) and `train_spans.py` (word-level spans).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import artifact_size_kb
from narrascope.analyzers.confidence import probability_cut
from narrascope.analyzers.techniques import fitting as T
from narrascope.analyzers.techniques import train_context, train_spans
from narrascope.analyzers.techniques import training_data as D
from narrascope.analyzers.techniques.model import MODEL_DIR, TechniqueModel
from narrascope.semeval.lockbox import lockbox_file

log = logging.getLogger(__name__)

Progress = Callable[[str], None] | None


def technique_list(data: Path) -> list[str]:
    """The 23 technique names, from the corpus' scorer list if present, else from the taxonomy."""
    listed = data / "scorers" / "techniques_subtask3.txt"
    if listed.exists():
        return [line.strip() for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()]
    from narrascope.taxonomy import load_yaml

    return [str(e["name"]) for e in load_yaml("techniques")["labels"]]


def _settings(folds: int, seed: int | None, settings: T.Settings | None = None) -> T.Settings:
    settings = settings or T.Settings()
    settings.folds = folds
    if seed is not None:
        settings.seed = seed
    return settings


def _ptc(data: Path, ptc: str) -> Path | None:
    if ptc == "auto":
        return D.default_ptc_dir(data)
    return Path(ptc) if ptc else None


def dataset(docs, data: Path, settings: T.Settings, progress: Progress) -> T.Dataset:
    return T.build_dataset(docs, technique_list(data), progress, settings.embedder if settings.emb_weight > 0 else None)


def fit(ds: T.Dataset, settings: T.Settings, progress: Progress = None, report_cv: bool = True
        ) -> tuple[TechniqueModel, dict]:
    """The model fitted on all of `ds`, every choice made on out-of-fold scores of `ds`; with `report_cv`,
    also the cross-validated scores (thresholds and context model cross-fitted) and their table."""
    oof = T.out_of_fold(ds, settings, progress)
    mix, _ = T.choose_mix(oof, ds, min_paragraphs=settings.language_threshold_min, shrink=settings.threshold_shrink)
    if progress:
        progress("fitting the second-stage context model on out-of-fold scores")
    final, context = train_context.stack(ds, oof, mix, settings)
    info: dict = {"mix": mix}
    if report_cv:
        info["cv"], info["cv_labels"] = T.evaluate_oof(ds, oof, mix, settings.language_threshold_min,
                                                      settings.threshold_shrink, final)
        info["cv_folds"] = oof.fold
        info["cv_table"] = T.format_table(info["cv"])
    thresholds = T.language_thresholds(final, ds.y_par, ds.par_lang, settings.language_threshold_min,
                                       settings.threshold_shrink)
    if progress:
        progress("span model: word features of the labelled paragraphs")
    words = train_spans.span_data(ds)
    span_oof = train_spans.out_of_fold_scores(ds, words, oof.p_sent, oof.fold, settings.span_c, progress)
    labelled = T.apply_thresholds(final, ds.par_lang, thresholds)
    # a logistic fit, steadier than the isotonic step between fits (`benchmarks/weak_lines.py`)
    weak_below = probability_cut(final[labelled == 1], ds.y_par[labelled == 1] == 1)
    info.update(weak_below=round(weak_below, 4), weak_share=round(float((final[labelled == 1] < weak_below).mean()), 3))
    sent_threshold = T.tune_thresholds(oof.p_sent, ds.y_sent)
    decision = train_spans.tune(ds, words, span_oof, labelled.sum(axis=0), (labelled & ds.y_par).sum(axis=0))
    info.update(span_cv_f1=round(decision.f1, 4), span_short_share=round(decision.short, 3))
    if progress:
        progress(f"span model: expected out-of-fold span F1 {decision.f1:.3f}, {decision.short:.0%} of spans <= "
                 f"{train_spans.SHORT_CHARS} characters; fitting on all articles")
    model = T.fit_model(ds, np.arange(len(ds.docs)), settings)
    model.mix, model.context = mix, context
    model.thresholds = thresholds
    model.weak_below = weak_below
    model.sent_threshold = sent_threshold
    model.spans = train_spans.fit_span_model(ds, words, oof.p_sent, np.arange(len(ds.docs)), settings.span_c)
    model.spans.thresholds, model.spans.share = decision.thresholds, decision.share
    return model, info


def evaluate_lockbox(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = None,
                     ptc: str = "auto", settings: T.Settings | None = None, **_: str) -> dict:
    """Trained on train minus the lockbox, scored on the lockbox beside the plain baseline."""
    from narrascope.analyzers.techniques import lockbox

    started = time.time()
    settings = _settings(folds, seed, settings)
    split = D.load(data, lockbox=True, ptc_dir=_ptc(data, ptc))
    if progress:
        progress(split.describe())
    ds = dataset(split.train, data, settings, progress)
    model, info = fit(ds, settings, progress, report_cv=False)
    result = lockbox.evaluate(model, ds, split.held, settings.seed, progress)
    seconds = time.time() - started
    result["scores"].update({
        "seconds": round(seconds, 1), "articles": {"train": len(split.train), "lockbox": len(split.held)},
        "ptc": {"added": split.ptc_added, "duplicates_of_lockbox": split.ptc_duplicates_of_lockbox,
                "duplicates_of_train": split.ptc_duplicates_of_train},
        "span_cv_f1": info["span_cv_f1"], "table": result["table"],
    })
    result["table"] += f"\n{split.describe()}\nRun time {seconds / 60:.1f} min"
    return result


def cross_validate(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = None,
                   settings: T.Settings | None = None, ptc: str = "auto", **_: str) -> dict:
    """Out-of-fold figures on the train split of every language of the dataset folder `data` minus its
    lockbox, where choices are made (all of train when the dataset has no lockbox list), beside the plain
    baseline on the same folds."""
    from narrascope.analyzers.techniques.lockbox import beside_baseline_oof

    held_out = lockbox_file(data).exists()
    result = _fit_reporting_cv(data, _settings(folds, seed, settings), progress, ptc, held_out)
    split, info = result["split"], result["info"]
    part = (f"cross-validation on train minus the lockbox: {split.describe()}" if held_out else
            f"cross-validation on all of train: {lockbox_file(data)} does not exist, so nothing is held out")
    if progress:
        progress("the plain baseline on the same folds")
    table, beside = beside_baseline_oof(result["dataset"], info["cv_labels"], info["cv_folds"])
    result["table"] = f"{part}\n{result['table']}\n\n{table}"
    result["scores"] = {**result["scores"], "beside_baseline": beside}
    return result


def _fit_reporting_cv(data: Path, settings: T.Settings, progress: Progress, ptc: str, held_out: bool) -> dict:
    split = D.load(data, lockbox=held_out, ptc_dir=_ptc(data, ptc))
    ds = dataset(split.train, data, settings, progress)
    model, info = fit(ds, settings, progress)
    return {"scores": info["cv"], "table": info["cv_table"], "model": model, "info": info, "dataset": ds,
            "split": split}


def train_and_save(data: Path, target: Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Progress = None, ptc: str = "auto", lockbox_scores: str = "", **_: str) -> dict:
    """Fit on all of train and save, with a card whose scores come from `lockbox_scores` (the JSON of
    `narrascope evaluate techniques --lockbox --json FILE`, run on the same code)."""
    from narrascope.analyzers.techniques.card import write_model_card

    started = time.time()
    lockbox = json.loads(Path(lockbox_scores).read_text(encoding="utf-8")) if lockbox_scores else None
    result = _fit_reporting_cv(data, _settings(folds, seed), progress, ptc, held_out=False)  # all of train
    model, ds, info = result["model"], result["dataset"], result["info"]
    settings = _settings(folds, seed)
    model.meta = {
        "trained": dt.date.today().isoformat(),
        "data": "SemEval-2023 Task 3 train (en, it, ru, po, fr, ge), paragraph labels and spans",
        "articles": len(ds.docs),
        "settings": {k: getattr(settings, k) for k in settings.__slots__},
        "cv": info["cv"], "span_cv_f1": info["span_cv_f1"],
        "lockbox": {k: v for k, v in (lockbox or {}).items() if k != "table"},
    }
    model.save(target)
    size_kb = artifact_size_kb(target)
    write_model_card(target, model, settings, info, lockbox, size_kb, time.time() - started)
    return {"size_kb": artifact_size_kb(target), "table": result["table"]}
