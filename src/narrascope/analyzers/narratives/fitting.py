"""The one training procedure of the narrative model, shared by training, cross-validation and the lockbox.

`fit(docs)`: the n-gram IDF on the training articles; out-of-fold scores of every head (K folds) to fit
each head's Platt scaling; then the heads on all the training articles, in one logistic regression
per label over the three views side by side (`linear.py`). Nothing is tuned on the scores a model
gives its own training articles, and nothing per language.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.model_selection import GroupKFold

from narrascope.analyzers.confidence import probability_cut
from narrascope.analyzers.narratives.analyzer import choices, label_sets
from narrascope.analyzers.narratives.decision import fit_platt
from narrascope.analyzers.narratives.linear import KernelLogistic, LinearHeads
from narrascope.analyzers.narratives.model import HEADS, Featurized, NarrativeModel
from narrascope.errors import InputError
from narrascope.nlp.embeddings import DiskCachedEmbedder, get_embedder, training_cache_dir
from narrascope.nlp.text import WORD_PATTERN
from narrascope.semeval.t10 import T10Document, read_split
from narrascope.taxonomy import OTHER, load_narratives

SEED = 13
# Labels that occur in the gold data but not in the official scorer's class list; the scorer ignores
# them, so the official-equivalent figures do too (they are still predicted and shown to users).
SCORER_EXCLUDED = {
    "CC: Green policies are geopolitical instruments: Climate-related international relations are abusive/exploitative",
    "CC: Climate change is beneficial: Temperature increase is beneficial",
    "CC: Downplaying climate change: Sea levels are not rising",
    "CC: Climate change is beneficial: Other",
}
# Chosen by 5-fold cross-validation on train minus the lockbox (see the model card): C of the logistic
# regressions, pruning, the embedding's weight (0.5 of a kernel whose n-gram views weigh 1 each).
DEFAULT_CONFIG = {"C": 10.0, "class_weight": "balanced", "keep": 12000, "keep_any": 100000,
                  "embed_sentences": 16, "word_weight": 1.0, "char_weight": 1.0, "emb_weight": 0.5 ** 0.5}
MODEL_KEYS = ("embed_sentences", "word_weight", "char_weight", "emb_weight")

Progress = Callable[[str], None]


def no_progress(_: str) -> None:
    pass


class LabelSpace:
    """Label matrices of a document set, in the taxonomy's label order."""

    def __init__(self) -> None:
        tax = load_narratives()
        self.narratives = tax.narrative_names
        self.fine = tax.subnarrative_names  # `<narrative>: Other` included
        self.subnarratives = [s for s in self.fine if not s.endswith(f": {OTHER}")]
        self.classes_coarse = (set(self.narratives) | {OTHER}) - SCORER_EXCLUDED
        self.classes_fine = (set(self.fine) | {OTHER}) - SCORER_EXCLUDED

    def matrices(self, docs: Sequence[T10Document]) -> dict[str, np.ndarray]:
        narrative = np.array([[n in (d.narratives or []) for n in self.narratives] for d in docs], dtype=np.int8)
        fine = np.array([[s in (d.subnarratives or []) for s in self.fine] for d in docs], dtype=np.int8)
        return {"narrative": narrative.reshape(len(docs), len(self.narratives)),
                "fine": fine.reshape(len(docs), len(self.fine)),
                "any": (narrative.sum(axis=1) > 0).astype(np.int8).reshape(-1, 1)}


_EMBEDDER = None


def training_embedder():
    """The default embedder behind a disk cache: folds and re-runs embed the corpus only once."""
    global _EMBEDDER
    if _EMBEDDER is None:
        _EMBEDDER = DiskCachedEmbedder(get_embedder(), training_cache_dir())
    return _EMBEDDER


def labelled_documents(data: Path) -> list[T10Document]:
    docs = [d for d in read_split(Path(data) / "train") if d.narratives is not None]
    if not docs:
        raise InputError(str(Path(data) / "train"), "no annotated SemEval-2025 Task 10 articles (subtask 2) here")
    return docs


def _stacked(Y: dict[str, np.ndarray]) -> tuple[np.ndarray, list[tuple[str, slice]]]:
    """All heads' label columns side by side (one fit for all), and where each head's columns are."""
    parts, where, start = [], [], 0
    for name in HEADS:
        parts.append(Y[name])
        where.append((name, slice(start, start + Y[name].shape[1])))
        start += Y[name].shape[1]
    return np.hstack(parts), where


def kernel(model: NarrativeModel, f: Featurized) -> np.ndarray:
    """Dot products of the articles' weighted features (all views side by side): what the heads see."""
    views, E = model.weighted(f)
    K = sum((v @ v.T).toarray() for v in views) + E @ E.T
    return np.asarray(K, dtype=np.float64)


NEAR_DUPLICATE_SHARE = 0.5  # articles sharing more than half of their word trigrams (as the lockbox's)


def near_duplicate_groups(texts: Sequence[str]) -> np.ndarray:
    """A group number per text: texts that share more than half of the smaller one's word trigrams are in
    one group (and, transitively, their near-duplicates). Folds keep a group together, as the lockbox
    does: otherwise an article's near-copy in the training folds makes its out-of-fold score overconfident
    (103 of the 1,423 articles outside the lockbox have one; 40 of the 291 Hindi ones)."""
    hashed = HashingVectorizer(token_pattern=WORD_PATTERN, ngram_range=(3, 3), n_features=2**22,
                               alternate_sign=False, norm=None, binary=True, dtype=np.float32)
    B = hashed.transform(texts)
    sizes = np.asarray(B.sum(axis=1)).ravel()
    overlap = (B @ B.T).tocoo()
    close = (overlap.row != overlap.col) & (
        overlap.data > NEAR_DUPLICATE_SHARE * np.minimum(sizes[overlap.row], sizes[overlap.col]))
    graph = sparse.csr_matrix((np.ones(int(close.sum())), (overlap.row[close], overlap.col[close])),
                              shape=(len(texts), len(texts)))
    return connected_components(graph, directed=False)[1]


def grouped_folds(texts: Sequence[str], folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """K folds that keep near-duplicate articles together."""
    groups = near_duplicate_groups(texts)
    return list(GroupKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(texts)), groups=groups))


def out_of_fold(K: np.ndarray, Y: dict[str, np.ndarray], config: dict, folds: list[tuple[np.ndarray, np.ndarray]],
                progress: Progress = no_progress) -> dict[str, np.ndarray]:
    """Raw scores of every head for every article from a model that did not see it."""
    Ys, where = _stacked(Y)
    scores = np.zeros(Ys.shape, dtype=np.float64)
    for k, (tr, te) in enumerate(folds):
        t0 = time.time()
        fitted = KernelLogistic(config["C"], config["class_weight"]).fit(K[np.ix_(tr, tr)], Ys[tr])
        scores[te] = fitted.decision_function(K[np.ix_(te, tr)])
        progress(f"fold {k + 1}/{len(folds)} done in {time.time() - t0:.0f}s")
    return {name: scores[:, cols] for name, cols in where}


def fit(docs: Sequence[T10Document], config: dict | None = None, folds: int = 5, seed: int = SEED,
        progress: Progress = no_progress) -> tuple[NarrativeModel, dict[str, np.ndarray]]:
    """The narrative model trained on `docs`, and its out-of-fold raw scores (what calibrated it)."""
    config = {**DEFAULT_CONFIG, **(config or {})}
    if folds < 2:
        raise ValueError("the narrative model calibrates on out-of-fold scores: folds must be at least 2")
    model = NarrativeModel({k: config[k] for k in MODEL_KEYS}, embedder=training_embedder())
    texts = [d.text for d in docs]
    progress(f"featurizing {len(docs)} articles (sentence vectors are cached after the first run)…")
    f = model.featurize(texts, fit=True)
    K = kernel(model, f)
    Y = LabelSpace().matrices(docs)
    oof = out_of_fold(K, Y, config, grouped_folds(texts, folds, seed), progress)
    model.calibration = {name: fit_platt(oof[name], Y[name]) for name in HEADS}
    model.weak_below = weak_cuts(model, model.probabilities(oof), Y)
    progress("fitting the heads on all articles…")
    Ys, where = _stacked(Y)
    fitted = KernelLogistic(config["C"], config["class_weight"]).fit(K, Ys)
    for name, cols in where:
        keep = config["keep_any"] if name == "any" else config["keep"]
        model.heads[name] = LinearHeads.from_dual(fitted.alpha_[:, cols], fitted.b_[cols], f.views,
                                                  model.view_weights, f.E, model.config["emb_weight"], keep=keep)
    return model, oof


def chosen_labels(model: NarrativeModel, probs: dict[str, np.ndarray], Y: dict[str, np.ndarray]
                  ) -> list[dict[str, tuple[list[float], list[bool]]]]:
    """Per article, per head ("narrative", "fine"): the probabilities of the labels the analyzer chooses,
    and whether gold (`Y`) has them."""
    out = []
    for i, c in enumerate(choices(model, probs)):
        out.append({head: ([float(probs[head][i, k]) for k in given], [bool(Y[head][i, k]) for k in given])
                     for head, given in (("narrative", c.narratives), ("fine", c.fine))})
    return out


def weak_cuts(model: NarrativeModel, probs: dict[str, np.ndarray], Y: dict[str, np.ndarray]) -> dict[str, float]:
    """Per head, the probability from which the labels chosen on out-of-fold scores are right at least
    half the time, by a logistic fit (`confidence.probability_cut`, steadier between fits than the isotonic
    `weak_cut`'s lowest step: `python -m benchmarks.weak_lines`): the expected-F1 decision also chooses labels
    less likely than not when the article has no likelier one."""
    given = chosen_labels(model, probs, Y)
    return {head: round(probability_cut(np.concatenate([g[head][0] for g in given]),
                                        np.concatenate([g[head][1] for g in given]).astype(bool)), 4)
            for head in ("narrative", "fine")}


def predict(model: NarrativeModel, texts: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """(narratives, sub-narratives) of each text as the analyzer decides them, `[Other]` when none."""
    return label_sets(model, list(texts))


