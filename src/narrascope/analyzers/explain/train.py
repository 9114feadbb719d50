"""Train and measure the local explainer (SemEval-2025 Task 10 subtask 3): the uniform entry points of
a trainer. The fitting lives in `fitting.py`, the baselines and the scoring in `scoring.py`."""
from __future__ import annotations

import datetime
import logging
from pathlib import Path

from narrascope.analyzers.artifacts import artifact_size_kb
from narrascope.analyzers.explain import scoring
from narrascope.analyzers.explain.card import write_explain_card
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
    """Per-language cosine, ROUGE-L and token-F1 to the reference explanation by cross-validation on the
    train split of `data` minus its lockbox, next to both baselines (see `evaluate_lockbox`)."""
    return scoring.cross_validate(Path(data), folds=folds, metric_embedder=metric_embedder,
                                  seed=seed or 0, progress=progress)


def evaluate_lockbox(data: Path, folds: int = 5, seed: int | None = None, progress: Progress | None = None,
                     metric_embedder: str = "e5") -> dict:
    """Trained on train minus the lockbox, scored on the lockbox beside both baselines (`scoring.py`)."""
    result = scoring.evaluate_lockbox(Path(data), folds=folds, seed=seed, progress=progress,
                                      metric_embedder=metric_embedder)
    return {"table": result["table"], "scores": result["scores"]}


def train_and_save(data: Path, target: Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Progress | None = None, metric_embedder: str = "e5") -> dict:
    """Score the setup on the lockbox (unless folds < 1), then fit it on the whole train split of `data` and
    save the model with its card (the lockbox figures, the baselines beside them)."""
    say = progress or (lambda m: log.info(m))
    lockbox = evaluate_lockbox(data, folds, seed, say, metric_embedder) if folds > 0 else None
    docs = load_examples(Path(data) / "train")
    embedder = training_embedder("use")
    prepared, gold = prepare_examples(docs, embedder)
    model = fit(docs, prepared, gold, embedder)
    model._embedder = None  # the analyzer loads its own (uncached) embedder
    model.meta["trained"] = datetime.date.today().isoformat()
    if lockbox:
        model.meta["lockbox"] = lockbox["scores"]
    model.save(target)
    write_explain_card(target, model, docs, lockbox, artifact_size_kb(target))
    return {"size_kb": artifact_size_kb(target), "table": lockbox["table"] if lockbox else ""}
