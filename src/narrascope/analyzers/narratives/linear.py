"""One-vs-rest logistic regression for many labels at once, fitted in the span of the training articles.

With ~1,800 articles and a million hashed n-gram columns, an L2-regularised linear model's weights lie
in the span of the training rows (representer theorem): w = Z'a. With K = ZZ' = U S U', the features
F = U S^1/2 (n x r) give exactly the same logistic regression (same loss, same penalty) as Z itself,
so every label is fitted on an n x r dense matrix instead of n x 10^6 sparse columns, and all labels
together in one L-BFGS over the sum of their (independent) losses: seconds instead of minutes per
label with liblinear on the sparse matrix (checked: the same scores to 1e-3). The dual coefficients
a = U S^-1/2 B turn the solution back into primal weights (`LinearHeads`) or score new articles
through their kernel with the training articles (the baseline does that, never storing weights).

`LinearHeads` stores a fitted model compactly: per sparse view, the `keep` weights of each label that
contribute most (|weight| x mean feature value), in float16; the dense embedding weights; the biases.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import expit
from threadpoolctl import threadpool_limits

from narrascope.errors import ModelError

NEVER = -10.0  # bias of a label never (or always) seen in training: never predicted
EIGEN_FLOOR = 1e-8  # directions of the kernel below this share of its largest eigenvalue carry nothing


def span_basis(K: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(F, P) for a training kernel K (n x n): features F = U S^1/2 and the map P = U S^-1/2 that
    takes a new article's kernel row k (its dot products with the training articles) to k @ P."""
    with threadpool_limits(limits=1, user_api="blas"):
        s, U = np.linalg.eigh(np.asarray(K, dtype=np.float64))
    keep = s > EIGEN_FLOOR * max(float(s.max(initial=0.0)), 1e-12)
    U, s = U[:, keep], s[keep]
    return U * np.sqrt(s), U / np.sqrt(s)


def label_weights(Y: np.ndarray, class_weight: str | None) -> np.ndarray:
    """Per article and label: scikit-learn's "balanced" class weights (n / (2 n_class)), or ones."""
    Yf = Y.astype(np.float64)
    if class_weight is None:
        return np.ones_like(Yf)
    if class_weight != "balanced":
        raise ModelError(f"class_weight must be None or 'balanced', not {class_weight!r}")
    n = len(Yf)
    pos = Yf.sum(axis=0)
    w_pos = np.where(pos > 0, n / (2 * np.maximum(pos, 1)), 0.0)
    w_neg = np.where(pos < n, n / (2 * np.maximum(n - pos, 1)), 0.0)
    return Yf * w_pos + (1 - Yf) * w_neg


def fit_logistic(F: np.ndarray, Y: np.ndarray, C: float = 10.0, class_weight: str | None = "balanced",
                 max_iter: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients (r x L) and biases (L,) of L independent L2 logistic regressions on F, the loss of
    each C x sum of (class-weighted) log-losses + |w|^2 / 2 as in scikit-learn (bias not penalised)."""
    n, r = F.shape
    L = Y.shape[1]
    seen = (Y.sum(axis=0) > 0) & (Y.sum(axis=0) < n)
    sw = label_weights(Y[:, seen], class_weight)
    sign = 2.0 * Y[:, seen].astype(np.float64) - 1.0
    m = int(seen.sum())

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        B, b = theta[: r * m].reshape(r, m), theta[r * m :]
        margin = sign * (F @ B + b)
        value = C * float((sw * np.logaddexp(0.0, -margin)).sum()) + 0.5 * float((B * B).sum())
        G = -C * sw * sign * expit(-margin)
        return value, np.concatenate([(F.T @ G + B).ravel(), G.sum(axis=0)])

    B_all = np.zeros((r, L))
    b_all = np.full(L, NEVER)
    if m:
        # One BLAS thread: these products are too small to split well, and on a loaded machine two
        # spinning BLAS threads made the fit an order of magnitude slower.
        with threadpool_limits(limits=1, user_api="blas"):
            res = minimize(loss, np.zeros(r * m + m), jac=True, method="L-BFGS-B",
                           options={"maxiter": max_iter, "ftol": 1e-10, "gtol": 1e-6})
        B_all[:, seen] = res.x[: r * m].reshape(r, m)
        b_all[seen] = res.x[r * m :]
    return B_all, b_all


class KernelLogistic:
    """Logistic regressions of every label on the articles whose kernel is K, as dual coefficients."""

    def __init__(self, C: float = 10.0, class_weight: str | None = "balanced"):
        self.C = C
        self.class_weight = class_weight
        self.alpha_: np.ndarray | None = None  # (n_train, L): w = Z' alpha
        self.b_: np.ndarray | None = None

    def fit(self, K: np.ndarray, Y: np.ndarray) -> KernelLogistic:
        F, P = span_basis(K)
        B, self.b_ = fit_logistic(F, Y, self.C, self.class_weight)
        self.alpha_ = P @ B
        return self

    def decision_function(self, K_rows: np.ndarray) -> np.ndarray:
        """Scores of articles given their kernel rows with the training articles (n_new x n_train)."""
        if self.alpha_ is None or self.b_ is None:
            raise ModelError("KernelLogistic used before fit")
        return np.asarray(K_rows) @ self.alpha_ + self.b_


class LinearHeads:
    """Primal one-vs-rest weights over [sparse views | embedding], pruned and stored compactly."""

    def __init__(self, keep: int = 12000):
        self.keep = keep
        self.W_sparse_: sparse.csr_matrix | None = None  # (sum of view widths, L)
        self.W_emb_: np.ndarray | None = None  # (emb_dim, L)
        self.b_: np.ndarray | None = None  # (L,)

    @classmethod
    def from_dual(cls, alpha: np.ndarray, b: np.ndarray, views: Sequence[sparse.csr_matrix],
                  view_weights: Sequence[float], E: np.ndarray | None, emb_weight: float,
                  keep: int = 12000) -> LinearHeads:
        """Primal weights of a model fitted on Z = [w_1 X_1 | ... | w_e E] with dual coefficients
        `alpha`: each raw view's weights are w^2 X' alpha (scores are then X @ W + b on raw features)."""
        self = cls(keep)
        blocks = []
        for X, w in zip(views, view_weights, strict=True):
            blocks.append(self._sparse_view(X, alpha, w * w))
        self.W_sparse_ = sparse.vstack(blocks, format="csr", dtype=np.float32) if blocks else None
        self.W_emb_ = (emb_weight ** 2 * (E.T @ alpha)).astype(np.float32) if E is not None else None
        self.b_ = np.asarray(b, dtype=np.float32)
        return self

    def _sparse_view(self, X: sparse.csr_matrix, alpha: np.ndarray, scale: float) -> sparse.csr_matrix:
        """One view's weights on the columns it uses, each label's `keep` largest contributions kept."""
        X = sparse.csr_matrix(X, dtype=np.float32)
        cols = np.unique(X.indices)
        Xc = X[:, cols]
        usage = np.asarray(abs(Xc).mean(axis=0)).ravel()
        rows, out_cols, vals = [], [], []
        for start in range(0, alpha.shape[1], 16):  # label chunks: a dense used-columns x L block is large
            chunk = np.asarray(Xc.T @ alpha[:, start : start + 16], dtype=np.float32) * scale
            for j in range(chunk.shape[1]):
                col = chunk[:, j]
                nz = np.flatnonzero(col)
                if self.keep and len(nz) > self.keep:
                    nz = np.argpartition(-np.abs(col) * usage, self.keep)[: self.keep]
                rows.append(cols[nz])
                out_cols.append(np.full(len(nz), start + j))
                vals.append(col[nz])
        if not rows:
            return sparse.csr_matrix((X.shape[1], alpha.shape[1]), dtype=np.float32)
        return sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(out_cols))),
                                 shape=(X.shape[1], alpha.shape[1]), dtype=np.float32)

    def decision_function(self, X: sparse.csr_matrix | None, E: np.ndarray | None) -> np.ndarray:
        if self.b_ is None:
            raise ModelError("LinearHeads used before fit")
        n = (X if X is not None else E).shape[0]
        out = np.tile(self.b_, (n, 1))
        if self.W_sparse_ is not None and X is not None:
            out += (X @ self.W_sparse_).toarray()
        if self.W_emb_ is not None and E is not None:
            out += E @ self.W_emb_
        return out

    def sparse_scores(self, X: sparse.csr_matrix) -> np.ndarray:
        """The sparse views' part of the scores (no bias, no embedding): for sentences as evidence."""
        if self.W_sparse_ is None:
            return np.zeros((X.shape[0], len(self.b_ if self.b_ is not None else [])), dtype=np.float32)
        return (X @ self.W_sparse_).toarray()

    # -- persistence: plain arrays, no pickle ----------------------------------------------------
    def state(self, prefix: str) -> dict[str, np.ndarray]:
        if self.b_ is None:
            raise ModelError("LinearHeads saved before fit")
        out = {f"{prefix}.b": self.b_.astype(np.float32)}
        if self.W_sparse_ is not None:
            coo = self.W_sparse_.tocoo()
            out[f"{prefix}.ws_row"] = coo.row.astype(np.int32)
            out[f"{prefix}.ws_col"] = coo.col.astype(np.int16)
            out[f"{prefix}.ws_val"] = coo.data.astype(np.float16)
            out[f"{prefix}.ws_shape"] = np.array(self.W_sparse_.shape, dtype=np.int64)
        if self.W_emb_ is not None:
            out[f"{prefix}.we"] = self.W_emb_.astype(np.float16)
        return out

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray], prefix: str) -> LinearHeads:
        if f"{prefix}.b" not in state:
            raise ModelError(f"no weights for the {prefix!r} head in this model")
        self = cls()
        self.b_ = state[f"{prefix}.b"].astype(np.float32)
        if f"{prefix}.ws_val" in state:
            shape = tuple(int(x) for x in state[f"{prefix}.ws_shape"])
            self.W_sparse_ = sparse.csr_matrix(
                (state[f"{prefix}.ws_val"].astype(np.float32),
                 (state[f"{prefix}.ws_row"], state[f"{prefix}.ws_col"].astype(np.int32))),
                shape=shape,
            )
        if f"{prefix}.we" in state:
            self.W_emb_ = state[f"{prefix}.we"].astype(np.float32)
        return self
