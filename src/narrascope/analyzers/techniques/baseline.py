"""The plain baseline of the technique lockbox report (issue 17): TF-IDF + logistic regression per technique.

Each paragraph's word 1-2-grams (`nlp.text.WORD_PATTERN`, sublinear TF, IDF, L2-normalised), one
logistic regression per technique (liblinear, C=1), and one threshold for all techniques: the one that
maximises micro-F1 on out-of-fold scores of the same training articles. No sentences, no embeddings,
no per-technique cuts: what any team would try first, trained on exactly the model's articles.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from narrascope.analyzers.techniques.fitting import single_threshold
from narrascope.nlp.text import WORD_PATTERN

C = 1.0


@dataclass(slots=True)
class Baseline:
    vectorizer: TfidfVectorizer
    coef: np.ndarray  # (labels, features)
    bias: np.ndarray
    threshold: float = 0.5

    def scores(self, texts: list[str]) -> np.ndarray:
        z = self.vectorizer.transform(texts) @ self.coef.T + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def predict(self, texts: list[str]) -> np.ndarray:
        """(texts, labels) 0/1 decisions."""
        return (self.scores(texts) >= self.threshold).astype(np.int8)


def fit(texts: list[str], y: np.ndarray) -> Baseline:
    vectorizer = TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                 max_features=200_000, dtype=np.float32)
    x = vectorizer.fit_transform(texts)
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
    bias = np.full(y.shape[1], -10.0, dtype=np.float32)
    for k in range(y.shape[1]):
        if 0 < y[:, k].sum() < len(y):
            clf = LogisticRegression(C=C, solver="liblinear").fit(x, y[:, k])
            coef[k], bias[k] = clf.coef_[0], clf.intercept_[0]
    return Baseline(vectorizer, coef, bias)


def fit_with_threshold(texts: list[str], y: np.ndarray, fold: np.ndarray) -> Baseline:
    """The baseline fitted on all rows, with the one threshold that is best on out-of-fold scores
    (`fold`: the cross-validation fold of every row; rows of one article share a fold)."""
    oof = np.zeros(y.shape, dtype=np.float32)
    for f in np.unique(fold):
        train = np.flatnonzero(fold != f)
        model = fit([texts[i] for i in train], y[train])
        held = np.flatnonzero(fold == f)
        oof[held] = model.scores([texts[i] for i in held])
    model = fit(texts, y)
    model.threshold = single_threshold(oof, y)
    return model
