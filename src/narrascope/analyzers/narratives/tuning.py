"""Decision thresholds on raw scores, tuned on out-of-fold scores.

One threshold per head (narratives, sub-narratives), chosen by coordinate search to maximise the
official samples-F1 of the full decision procedure (candidates, domain, consistency rules) on the
tuning documents; cheap enough to repeat inside every cross-validation fold. Per-label thresholds
(each label's own F1 optimum, then a shared offset) are available but lost in cross-validation.
`language_thresholds` adds one pair per training language, tuned on that language's documents and
pulled halfway towards the shared pair: the share of articles with no narrative (`Other`) differs
from 2% (RU) to 42% (EN), which one shared cut cannot fit, while a language alone (300-400
documents) gives a noisy cut.
With a narrative gate (scores["gate"]), its cut joins the search: label cuts first with the gate
open, then the gate's cut over quantiles of the tuning documents' gate scores, twice round.
Afterwards a Platt scaling of (score - threshold) is fitted per head so scores shown to users are
probabilities; it does not change any decision.
"""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

MIN_POSITIVES = 5
QUANTILES = np.linspace(0.50, 0.995, 45)
OFFSETS = np.linspace(-1.5, 1.5, 13)
GATE_QUANTILES = np.linspace(0.0, 0.7, 29)  # share of articles the gate may send to `Other` (RU 2%, EN 42%)


def per_label(scores: np.ndarray, y: np.ndarray) -> np.ndarray:
    thr = np.empty(scores.shape[1], dtype=np.float32)
    for j in range(scores.shape[1]):
        col, pos = scores[:, j], y[:, j] == 1
        candidates = np.quantile(col, QUANTILES)
        if pos.sum() < MIN_POSITIVES:
            thr[j] = np.quantile(col, 0.995) if pos.sum() else np.inf
            continue
        best, best_f = candidates[-1], -1.0
        for t in candidates:
            pred = col >= t
            f = 2 * float((pred & pos).sum()) / (pred.sum() + pos.sum())
            if f > best_f + 1e-9:
                best, best_f = t, f
        thr[j] = best
    return thr


def tune_thresholds(model, scores, docs, idx, space, predict_labels, document_f1,
                    per_label_thresholds: bool = False) -> dict[str, np.ndarray]:
    """Thresholds for the `narrative` and `subnarrative` heads.

    By default one shared threshold per head: balanced logistic-regression margins are comparable
    across labels, and with a few dozen positives per label per-label thresholds overfit (measured on
    the n-gram model, 5-fold on train: fine samples-F1 0.26 with per-label thresholds, 0.38 shared).
    """
    Y = space.matrices([docs[i] for i in idx])
    n_labels = {h: scores[h].shape[1] for h in ("narrative", "subnarrative")}
    if per_label_thresholds:
        base = {h: per_label(scores[h][idx], Y[h]) for h in n_labels}
        spread = {h: scores[h][idx].std(axis=0).astype(np.float32) for h in n_labels}
    else:
        base = {h: np.zeros(n_labels[h], dtype=np.float32) for h in n_labels}
        spread = {h: np.ones(n_labels[h], dtype=np.float32) for h in n_labels}
    thresholds = {h: base[h].copy() for h in n_labels}
    gated = "gate" in scores
    if gated:
        thresholds["gate"] = np.array([-np.inf], dtype=np.float32)  # open: every article past it

    def objective() -> float:
        model.thresholds = thresholds
        total = 0.0
        for i in idx:
            coarse, fine = predict_labels(model, scores, int(i))
            total += document_f1(docs[i].subnarratives or [], fine, space.classes_fine)
            total += 0.5 * document_f1(docs[i].narratives or [], coarse, space.classes_coarse)
        return total

    def search(key: str, candidates: list[np.ndarray]) -> None:
        best_value, best = candidates[0], -1.0
        for value in candidates:
            thresholds[key] = value
            score = objective()
            if score > best + 1e-9:
                best_value, best = value, score
        thresholds[key] = best_value

    for _ in range(2 if gated else 1):
        for head in ("subnarrative", "narrative", "subnarrative"):
            search(head, [base[head] + off * spread[head] for off in OFFSETS])
            base[head] = thresholds[head].copy()
        if gated:
            cuts = np.quantile(scores["gate"][np.asarray(idx), 0], GATE_QUANTILES)
            search("gate", [np.array([c], dtype=np.float32) for c in cuts])
    model.thresholds = thresholds
    return thresholds


LANGUAGE_SHRINK = 0.5  # weight of the shared thresholds in each language's (measured: 0.0 noisier)


def language_thresholds(model, scores, docs, idx, space, predict_labels, document_f1,
                        shared: dict[str, np.ndarray], shrink: float = LANGUAGE_SHRINK) -> dict[str, dict[str, np.ndarray]]:
    """Thresholds per language (lower-case ISO code) of the documents `idx`, shrunk towards `shared`."""
    out: dict[str, dict[str, np.ndarray]] = {}
    langs = np.array([docs[i].lang.lower() for i in idx])
    for lang in sorted(set(langs.tolist())):
        own = tune_thresholds(model, scores, docs, np.asarray(idx)[langs == lang], space, predict_labels, document_f1)
        out[lang] = {h: ((1 - shrink) * own[h] + shrink * shared[h]).astype(np.float32) for h in shared}
    model.thresholds = shared
    return out


def fit_calibration(scores: np.ndarray, y: np.ndarray, thresholds: np.ndarray) -> tuple[float, float]:
    """Platt scaling of margins over the thresholds, pooled over a head's labels."""
    finite = np.isfinite(thresholds)
    margin = (scores[:, finite] - thresholds[finite]).ravel()[:, None]
    target = y[:, finite].ravel()
    if target.min() == target.max():
        return 1.0, 0.0
    lr = LogisticRegression(C=10.0).fit(margin, target)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])
