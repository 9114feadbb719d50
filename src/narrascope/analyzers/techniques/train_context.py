"""Training of the second-stage (context) technique model, stacked on out-of-fold first-stage scores.

The first stage's out-of-fold scores (`techniques.out_of_fold`) stand for what the final first-stage
model will output on unseen articles. The context model (`analyzers/techniques_context.py`) learns,
per technique, how those scores across a paragraph and its article relate to the gold labels.
For honest figures it is cross-fitted: the stage-2 scores of fold k come from a context model fitted
on the other folds' rows only, and the thresholds applied to fold k are tuned on the other folds.
"""
from __future__ import annotations

import logging

import numpy as np

from narrascope.analyzers.techniques import features as F
from narrascope.analyzers.techniques.context import ContextModel, context_features, paragraph_sizes
from narrascope.analyzers.techniques.fitting import (
    LANGUAGE_FEATURES,
    Dataset,
    OutOfFold,
    Settings,
    apply_thresholds,
    language_thresholds,
)
from narrascope.analyzers.techniques.train_dense import fit_logistic

log = logging.getLogger(__name__)


def dataset_features(ds: Dataset, oof: OutOfFold, mix: float) -> np.ndarray:
    """Stage-2 features of every paragraph of the dataset from its out-of-fold first-stage scores."""
    chars, sents = paragraph_sizes(ds.cands)
    langs = F.language_block(list(ds.par_lang), LANGUAGE_FEATURES).toarray()
    return context_features(oof.p_par, oof.best, mix, ds.cands.par_doc, chars, sents, langs)


def fit_context(feats: np.ndarray, y: np.ndarray, c: float) -> ContextModel:
    """One L2 logistic regression per technique over standardised features; a technique with fewer
    than 2 positives is never predicted."""
    mean = feats.mean(axis=0)
    std = feats.std(axis=0)
    scale = np.where(std > 1e-6, std, 1.0)  # a feature constant in training must not blow up later
    coef, bias = fit_logistic((feats - mean) / scale, y, c, max_iter=500)
    return ContextModel(coef, bias, mean.astype(np.float32), scale.astype(np.float32))


def cross_fit(ds: Dataset, oof: OutOfFold, feats: np.ndarray, c: float) -> np.ndarray:
    """Out-of-fold stage-2 scores: rows of fold k scored by a context model fitted on the other folds."""
    par_fold = oof.fold[ds.cands.par_doc]
    out = np.zeros(ds.y_par.shape, dtype=np.float32)
    for k in np.unique(par_fold):
        rest = par_fold != k
        model = fit_context(feats[rest], ds.y_par[rest], c)
        out[~rest] = model.predict_proba(feats[~rest])
    return out


def stack(ds: Dataset, oof: OutOfFold, mix: float, settings: Settings) -> tuple[np.ndarray, ContextModel | None]:
    """Out-of-fold final paragraph scores and the context model fitted on all rows (None when the
    cross-validated blend weight is 1, i.e. the context model does not help)."""
    from narrascope.analyzers.techniques.metrics import paragraph_scores

    feats = dataset_features(ds, oof, mix)
    second = cross_fit(ds, oof, feats, settings.context_c)
    first = mix * oof.p_par + (1 - mix) * oof.best
    results = []
    for blend in settings.context_blends:
        scores = blend * first + (1 - blend) * second
        thr = language_thresholds(
            scores, ds.y_par, ds.par_lang, settings.language_threshold_min, settings.threshold_shrink
        )
        f1 = paragraph_scores(ds.y_par, apply_thresholds(scores, ds.par_lang, thr)).micro_f1
        results.append((f1, -blend, blend))
        log.info("context blend %.2f: out-of-fold micro-F1 %.4f", blend, f1)
    _, _, blend = max(results)
    if blend >= 1.0:
        return first, None
    model = fit_context(feats, ds.y_par, settings.context_c)
    model.blend = blend
    return (blend * first + (1 - blend) * second).astype(np.float32), model
