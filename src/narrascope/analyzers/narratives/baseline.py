"""The plain baseline of the lockbox report (issue 17): what any reader would build first.

Word 1-2-grams and character 3-5-grams within words, TF-IDF (sublinear tf, at least 2 articles; words
as `nlp.text.WORD_PATTERN` cuts them), one-vs-rest logistic regression per label (C = 10, balanced
class weights: the best of C 1 / 10 and balanced or not in 5-fold cross-validation on the lockbox's
complement, so the baseline is a strong one), and one cut per level on the probabilities, tuned on
out-of-fold probabilities (the model's folds: near-duplicates kept together). The two levels are
decided independently: narratives over the cut (none: `Other`); fine labels over theirs,
`<narrative>: Other` being a label like any other (none: `Other`). The logistic regressions are
fitted exactly, in the span of the training articles (`linear.KernelLogistic`): the same model as
scikit-learn's on the sparse matrix.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from narrascope.analyzers.narratives.linear import KernelLogistic
from narrascope.analyzers.narratives.metrics import document_f1
from narrascope.nlp.text import WORD_PATTERN
from narrascope.taxonomy import OTHER

C = 10.0
CUT_QUANTILES = np.linspace(0.5, 0.999, 120)


def _vectorizers() -> list[TfidfVectorizer]:
    return [TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), sublinear_tf=True, min_df=2,
                            dtype=np.float32),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, dtype=np.float32)]


class PlainBaseline:
    """TF-IDF + one-vs-rest logistic regression + one probability cut per level."""

    def __init__(self, narratives: Sequence[str], fine: Sequence[str]):
        self.narratives, self.fine = list(narratives), list(fine)
        self.vectorizers = _vectorizers()
        self.cuts: dict[str, float] = {}
        self._n_coarse = len(self.narratives)
        self._train_X: sparse.csr_matrix | None = None
        self._model: KernelLogistic | None = None

    def _features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return sparse.hstack([v.transform(texts) for v in self.vectorizers], format="csr", dtype=np.float32)

    def fit(self, texts: Sequence[str], Y_coarse: np.ndarray, Y_fine: np.ndarray, classes_coarse: set[str],
            classes_fine: set[str], folds: list[tuple[np.ndarray, np.ndarray]],
            progress: Callable[[str], None] = lambda _: None) -> PlainBaseline:
        """Fit on `texts`; the cuts on out-of-fold scores of `folds` (the model's own folds)."""
        for v in self.vectorizers:
            v.fit(texts)
        X = self._features(texts)
        K = (X @ X.T).toarray().astype(np.float64)
        Y = np.hstack([Y_coarse, Y_fine])
        oof = np.zeros(Y.shape)
        for k, (tr, te) in enumerate(folds):
            oof[te] = KernelLogistic(C).fit(K[np.ix_(tr, tr)], Y[tr]).decision_function(K[np.ix_(te, tr)])
            progress(f"baseline fold {k + 1}/{len(folds)}")
        n_c = Y_coarse.shape[1]
        gold_c = [self._gold(row, self.narratives) for row in Y_coarse]
        gold_f = [self._gold(row, self.fine) for row in Y_fine]
        self.cuts = {"coarse": _best_cut(oof[:, :n_c], self.narratives, gold_c, classes_coarse),
                     "fine": _best_cut(oof[:, n_c:], self.fine, gold_f, classes_fine)}
        self._train_X, self._model = X, KernelLogistic(C).fit(K, Y)
        return self

    @staticmethod
    def _gold(row: np.ndarray, names: Sequence[str]) -> list[str]:
        return [names[j] for j in np.flatnonzero(row)] or [OTHER]

    def predict(self, texts: Sequence[str]) -> list[tuple[list[str], list[str]]]:
        if self._model is None or self._train_X is None:
            raise ValueError("PlainBaseline used before fit")
        X = self._features(texts)
        scores = self._model.decision_function((X @ self._train_X.T).toarray())
        coarse, fine = scores[:, : self._n_coarse], scores[:, self._n_coarse :]
        return [(_over(c, self.narratives, self.cuts["coarse"]), _over(f, self.fine, self.cuts["fine"]))
                for c, f in zip(coarse, fine, strict=True)]


def _over(scores: np.ndarray, names: Sequence[str], cut: float) -> list[str]:
    return [names[j] for j in np.flatnonzero(scores >= cut)] or [OTHER]


def _best_cut(scores: np.ndarray, names: Sequence[str], gold: list[list[str]], classes: set[str]) -> float:
    """The cut on raw scores (a cut on probabilities, the sigmoid being monotone) with the best samples-F1."""
    best, best_f1 = float("inf"), -1.0
    for cut in np.quantile(scores, CUT_QUANTILES):
        f1 = np.mean([document_f1(g, _over(s, names, cut), classes) for s, g in zip(scores, gold, strict=True)])
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(cut), float(f1)
    return best
