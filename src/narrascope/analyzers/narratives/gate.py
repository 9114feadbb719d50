"""The narrative gate: does an article push any narrative of the taxonomy at all?

Why a gate of its own: the samples-F1 of the task gives an article with no narrative (`Other`, 42% of
the English training articles) a full point for `Other` and nothing for any label, and an article
with narratives nothing for `Other`. Deciding `Other` from the label heads alone (no label passes its
cut) couples two questions: one cut decides both whether an article has a narrative and how many
labels it gets. The label heads are also weak judges of the first question: each one-vs-rest model
sees a few dozen positives. One binary model for "has any narrative" pools every narrative article
as a positive.

The gate's score is a logistic regression over three numbers: the margin of its own text model (a
linear SVM over the word and character n-gram views, `C` higher than the label heads': measured) and
the largest raw score of each label head. An article whose gate score is under the language's cut is
`Other`; any other article gets at least its most confident label (see `decide`).
Measured (5-fold on train, seed 13): separating English narrative articles from `Other` by the label
heads' largest score, ROC AUC .80; by this gate .87.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from narrascope.analyzers.narratives.linear import MultiLabelLinear
from narrascope.errors import ModelError

N_FEATURES = 3  # text-model margin, largest narrative score, largest sub-narrative score


def gate_features(text_margin: np.ndarray, head_scores: dict[str, np.ndarray]) -> np.ndarray:
    """(n, 3) inputs of the combiner, from the text model's margins and the heads' raw scores."""
    return np.column_stack([
        np.asarray(text_margin, dtype=np.float64).ravel(),
        head_scores["narrative"].max(axis=1, initial=-10.0),
        head_scores["subnarrative"].max(axis=1, initial=-10.0),
    ])


def fit_combiner(features: np.ndarray, has_narrative: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias of the combiner, fitted on out-of-fold features (never in-sample margins:
    the heads' margins on their own training articles are far too confident)."""
    if has_narrative.min() == has_narrative.max():
        raise ModelError("the narrative gate needs articles with and without narratives")
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(features, has_narrative)
    return lr.coef_[0].astype(np.float32), float(lr.intercept_[0])


class NarrativeGate:
    """Text model + combiner; `score` is the log-odds that an article pushes some narrative."""

    def __init__(self, text_model: MultiLabelLinear | None = None, weights: np.ndarray | None = None,
                 bias: float = 0.0):
        self.text_model = text_model
        self.weights = weights
        self.bias = bias

    def text_margin(self, X: sparse.csr_matrix) -> np.ndarray:
        if self.text_model is None:
            raise ModelError("NarrativeGate used before fit")
        return self.text_model.decision_function(X, None)[:, 0]

    def score(self, X: sparse.csr_matrix, head_scores: dict[str, np.ndarray]) -> np.ndarray:
        if self.weights is None:
            raise ModelError("NarrativeGate has no combiner (fit_combiner first)")
        return gate_features(self.text_margin(X), head_scores) @ self.weights + self.bias

    def state(self) -> dict[str, np.ndarray]:
        assert self.text_model is not None and self.weights is not None
        return {**self.text_model.state("gate"), "gate.combiner": np.append(self.weights, self.bias).astype(np.float32)}

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray]) -> NarrativeGate | None:
        """The gate stored in a model's arrays, or None (models trained before the gate)."""
        if "gate.combiner" not in state:
            return None
        combiner = state["gate.combiner"].astype(np.float32)
        if len(combiner) != N_FEATURES + 1:
            raise ModelError(f"narrative gate: {len(combiner) - 1} combiner weights, expected {N_FEATURES}")
        return cls(MultiLabelLinear.from_state(state, "gate"), combiner[:-1], float(combiner[-1]))
