"""Train and cross-validate the local explainer (SemEval-2025 Task 10 subtask 3): the uniform entry
points of a trainer; the fitting, the baselines and the scoring live in `fitting.py`."""
from __future__ import annotations

import datetime
import logging
from pathlib import Path

from narrascope.analyzers.artifacts import CARD_FILE, artifact_size_kb
from narrascope.analyzers.explain import fitting
from narrascope.analyzers.explain.card import card_text
from narrascope.analyzers.explain.fitting import (
    Progress,
    fit,
    load_examples,
    prepare_examples,
    training_embedder,
)
from narrascope.analyzers.explain.model import MODEL_DIR

log = logging.getLogger(__name__)



def cross_validate(data: Path, folds: int = 5, seed: int | None = None, progress: Progress | None = None,
                   metric_embedder: str = "e5") -> dict:
    """Per-language cosine to the reference explanation and ROUGE-L on the train split of `data`,
    next to two baselines (the article's first 80 words; the label's definition)."""
    return fitting.cross_validate(Path(data) / "train", folds=folds, metric_embedder=metric_embedder,
                                  seed=seed or 0, progress=progress)


def train_and_save(data: Path, target: Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Progress | None = None, metric_embedder: str = "e5") -> dict:
    """Fit on the whole train split of `data`, save the model and its card (cross-validated first
    unless folds < 2)."""
    say = progress or (lambda m: log.info(m))
    split_dir = Path(data) / "train"
    cv = cross_validate(data, folds, seed, say, metric_embedder) if folds > 1 else None
    docs = load_examples(split_dir)
    embedder = training_embedder("use")
    prepared, gold = prepare_examples(docs, embedder)
    model = fit(docs, prepared, gold, embedder)
    model._embedder = None  # the analyzer loads its own (uncached) embedder
    model.meta["trained"] = datetime.date.today().isoformat()
    if cv:
        model.meta["cv"] = {"folds": folds, "metric_embedder": cv["metric_embedder"], "scores": cv["scores"],
                            "differences": cv.get("differences", {})}
    model.save(target)
    size_kb = artifact_size_kb(target)
    (Path(target) / CARD_FILE).write_text(card_text(model, docs, cv, folds, size_kb), encoding="utf-8")
    return {"size_kb": size_kb, "table": cv["table"] if cv else ""}
