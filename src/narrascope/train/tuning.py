"""Per-label decision thresholds, tuned on out-of-fold probabilities.

Two steps, both cheap enough to repeat inside every cross-validation fold:
1. each label gets the threshold that maximises its own F1 over the tuning documents; labels with
   too few positives to trust that fall back to the shared threshold;
2. one logit-space offset for all labels of a head is chosen to maximise the official samples-F1 of
   the full decision procedure (domain first, consistency rules), since per-label F1 and
   per-document F1 reward different trade-offs.
"""
from __future__ import annotations

import numpy as np

MIN_POSITIVES = 6
GRID = np.linspace(0.05, 0.95, 37)
OFFSETS = np.linspace(-1.5, 1.5, 13)
SHARED = 0.5


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def per_label(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    thr = np.full(p.shape[1], SHARED, dtype=np.float32)
    for j in range(p.shape[1]):
        if y[:, j].sum() < MIN_POSITIVES:
            continue
        best, best_f = SHARED, -1.0
        for t in GRID:
            pred = p[:, j] >= t
            tp = float((pred & (y[:, j] == 1)).sum())
            f = 2 * tp / (pred.sum() + y[:, j].sum()) if pred.sum() + y[:, j].sum() else 0.0
            if f > best_f + 1e-9:
                best, best_f = t, f
        thr[j] = best
    return thr


def tune_thresholds(model, probs, docs, idx, space, predict_labels, document_f1) -> dict[str, np.ndarray]:
    """Thresholds for the `narrative` and `subnarrative` heads (and a zero `domain` offset)."""
    Y = space.matrices([docs[i] for i in idx])
    thresholds = {"domain": np.zeros(len(space.domains), dtype=np.float32)}
    for head in ("narrative", "subnarrative"):
        thresholds[head] = per_label(probs[head][idx], Y[head])
    base = {h: _logit(t) for h, t in thresholds.items() if h != "domain"}

    def objective() -> float:
        model.thresholds = thresholds
        total = 0.0
        for i in idx:
            coarse, fine = predict_labels(model, probs, int(i))
            total += document_f1(docs[i].subnarratives or [], fine, space.classes_fine)
            total += 0.5 * document_f1(docs[i].narratives or [], coarse, space.classes_coarse)
        return total

    for head in ("subnarrative", "narrative"):
        best_off, best = 0.0, -1.0
        for off in OFFSETS:
            thresholds[head] = _sigmoid(base[head] + off).astype(np.float32)
            score = objective()
            if score > best + 1e-9:
                best_off, best = off, score
        thresholds[head] = _sigmoid(base[head] + best_off).astype(np.float32)
    model.thresholds = thresholds
    return thresholds
