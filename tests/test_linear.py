"""The one-vs-rest logistic regressions fitted in the span of the training articles must be the logistic
regressions they claim to be, and their stored primal weights must give the same scores."""
import numpy as np
import pytest
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from narrascope.analyzers.narratives.linear import KernelLogistic, LinearHeads, label_weights
from narrascope.errors import ModelError


def _problem(seed=0, n=80, widths=(50, 30), labels=3):
    rng = np.random.default_rng(seed)
    X = sparse.random(n, sum(widths), density=0.2, random_state=seed, format="csr", dtype=np.float32)
    Y = (rng.random((n, labels)) < 0.3).astype(np.int8)
    X = X.tolil()
    for i in np.flatnonzero(Y[:, 0]):  # label 0 is learnable from column 3
        X[i, 3] = 2.0
    return X.tocsr(), Y


@pytest.mark.parametrize("class_weight", [None, "balanced"])
def test_kernel_logistic_is_scikit_learns_logistic_regression(class_weight):
    X, Y = _problem()
    K = (X @ X.T).toarray()
    model = KernelLogistic(C=10.0, class_weight=class_weight).fit(K, Y)
    ours = model.decision_function(K)
    for j in range(Y.shape[1]):
        ref = LogisticRegression(C=10.0, class_weight=class_weight, max_iter=5000, tol=1e-8).fit(X, Y[:, j])
        np.testing.assert_allclose(ours[:, j], ref.decision_function(X), rtol=1e-3, atol=5e-3)
    assert ours[Y[:, 0] == 1, 0].min() > 0  # the planted feature is learned


def test_primal_weights_reproduce_the_dual_scores_with_view_and_embedding_weights():
    X, Y = _problem(widths=(50, 30))
    views = [X[:, :50], X[:, 50:]]
    E = np.random.default_rng(1).normal(size=(X.shape[0], 4)).astype(np.float32)
    w, e = (1.0, 0.6), 0.7
    Z = sparse.hstack([views[0] * w[0], views[1] * w[1], sparse.csr_matrix(E * e)], format="csr")
    K = (Z @ Z.T).toarray()
    model = KernelLogistic().fit(K, Y)
    heads = LinearHeads.from_dual(model.alpha_, model.b_, views, w, E, e, keep=0)
    np.testing.assert_allclose(heads.decision_function(X, E), model.decision_function(K), atol=1e-3)


def test_views_are_pruned_separately_and_survive_save_and_load():
    X, Y = _problem(widths=(50, 30))
    K = (X @ X.T).toarray()
    model = KernelLogistic().fit(K, Y)
    heads = LinearHeads.from_dual(model.alpha_, model.b_, [X[:, :50], X[:, 50:]], (1.0, 1.0), None, 1.0, keep=2)
    W = heads.W_sparse_.toarray()
    for j in range(Y.shape[1]):
        assert np.count_nonzero(W[:50, j]) <= 2 and np.count_nonzero(W[50:, j]) <= 2
    again = LinearHeads.from_state(heads.state("narrative"), "narrative")
    np.testing.assert_allclose(again.decision_function(X, None), heads.decision_function(X, None), atol=1e-2)
    with pytest.raises(ModelError, match="fine"):
        LinearHeads.from_state(heads.state("narrative"), "fine")


def test_label_never_seen_is_never_predicted():
    X, Y = _problem()
    Y[:, 2] = 0
    model = KernelLogistic().fit((X @ X.T).toarray(), Y)
    assert (model.decision_function((X @ X.T).toarray())[:, 2] < -5).all()


def test_balanced_weights_give_each_class_half_the_weight():
    Y = np.array([[1], [0], [0], [0]])
    w = label_weights(Y, "balanced")
    assert w[Y == 1].sum() == pytest.approx(w[Y == 0].sum())
    with pytest.raises(ModelError):
        label_weights(Y, "auto")
