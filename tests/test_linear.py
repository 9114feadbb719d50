"""The one-vs-rest linear heads: the dual SVM fusion must be the linear model it claims to be."""
import numpy as np
import pytest
from scipy import sparse
from sklearn.svm import SVC

from narrascope.analyzers.narratives.linear import MultiLabelLinear
from narrascope.errors import ModelError


def _problem(seed=0, n=80, widths=(50, 30), labels=3):
    rng = np.random.default_rng(seed)
    X = sparse.random(n, sum(widths), density=0.2, random_state=seed, format="csr", dtype=np.float32)
    Y = (rng.random((n, labels)) < 0.3).astype(np.int8)
    # make label 0 learnable from the first view
    X = X.tolil()
    for i in np.flatnonzero(Y[:, 0]):
        X[i, 3] = 2.0
    return X.tocsr(), Y


def test_svm_fusion_primal_weights_reproduce_the_dual_svm():
    X, Y = _problem()
    head = MultiLabelLinear(C=1.0, keep=0, solver="svm-fusion", view_weights=(1.0,)).fit(X, None, Y)
    for j in range(Y.shape[1]):
        ref = SVC(kernel="linear", C=1.0, class_weight="balanced").fit(X, Y[:, j])
        np.testing.assert_allclose(head.decision_function(X, None)[:, j], ref.decision_function(X), atol=1e-3)
    assert head.decision_function(X, None)[Y[:, 0] == 1, 0].min() > 0  # the planted feature is learned


def test_views_are_weighted_and_pruned_separately():
    X, Y = _problem(widths=(50, 30))
    one = MultiLabelLinear(solver="svm-fusion", keep=0, view_weights=(1.0, 0.0)).fit(X, None, Y, view_widths=(50, 30))
    assert one.W_sparse_[50:].nnz == 0  # a view with weight 0 contributes nothing
    pruned = MultiLabelLinear(solver="svm-fusion", keep=2, view_weights=(1.0, 0.5)).fit(X, None, Y, view_widths=(50, 30))
    W = pruned.W_sparse_.toarray()
    for j in range(Y.shape[1]):
        assert np.count_nonzero(W[:50, j]) <= 2 and np.count_nonzero(W[50:, j]) <= 2


def test_view_widths_must_cover_the_columns():
    X, Y = _problem()
    with pytest.raises(ModelError, match="view widths"):
        MultiLabelLinear(solver="svm-fusion").fit(X, None, Y, view_widths=(10, 10))


def test_label_never_seen_is_never_predicted():
    X, Y = _problem()
    Y[:, 2] = 0
    head = MultiLabelLinear(solver="svm-fusion", view_weights=(1.0,)).fit(X, np.ones((X.shape[0], 4), np.float32), Y)
    assert (head.decision_function(X, np.ones((X.shape[0], 4), np.float32))[:, 2] < -5).all()
