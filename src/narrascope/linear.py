"""One-vs-rest linear models over [hashed TF-IDF | embedding] features, stored compactly.

Each label gets its own binary logistic regression with balanced class weights (the default, best
in cross-validation), or all labels share one dual ridge solve (`solver="ridge"`, much faster, a few
points worse on the narrative task). After fitting, the TF-IDF weights are pruned to the
`keep` largest per label: linear text models put most of their mass on few n-grams, and pruning
turns a 1M x L dense matrix into a few hundred kB with no measurable loss (see the model card).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from .errors import ModelError


def combine(X: sparse.csr_matrix | None, E: np.ndarray | None, emb_weight: float) -> sparse.csr_matrix:
    parts = []
    if X is not None:
        parts.append(X)
    if E is not None:
        parts.append(sparse.csr_matrix(E * emb_weight, dtype=np.float32))
    return sparse.hstack(parts, format="csr", dtype=np.float32)


class MultiLabelLinear:
    def __init__(
        self,
        C: float = 4.0,
        emb_weight: float = 1.0,
        keep: int = 4000,
        class_weight: str | None = "balanced",
        solver: str = "logistic",
    ):
        self.C = C
        self.solver = solver
        self.emb_weight = emb_weight
        self.keep = keep
        self.class_weight = class_weight
        self.W_sparse_: sparse.csc_matrix | None = None  # (n_tfidf, L)
        self.W_emb_: np.ndarray | None = None  # (emb_dim, L)
        self.b_: np.ndarray | None = None  # (L,)

    def fit(
        self,
        X: sparse.csr_matrix | None,
        E: np.ndarray | None,
        Y: np.ndarray,
        progress: Callable[[int, int], None] | None = None,
    ) -> MultiLabelLinear:
        n_tfidf = X.shape[1] if X is not None else 0
        n_emb = E.shape[1] if E is not None else 0
        L = Y.shape[1]
        if self.solver == "late-fusion" and X is not None and E is not None:
            # One model per view, margins added: emb_weight * embedding-margin + n-gram margin.
            # Measured better than one model over the concatenation, and much faster to fit
            # (the dense block makes L-BFGS on the joint matrix crawl).
            W_x, b_x = self._fit_logistic(X, Y, progress)
            W_e, b_e = self._fit_logistic(sparse.csr_matrix(E), Y, None)
            W = np.vstack([W_x, W_e])  # W_emb_ is scaled by emb_weight below
            b = b_x + self.emb_weight * np.where(Y.sum(axis=0) > 0, b_e, 0.0).astype(np.float32)
        elif self.solver == "ridge":
            W, b = self._fit_ridge(combine(X, E, self.emb_weight), Y)
        else:
            W, b = self._fit_logistic(combine(X, E, self.emb_weight), Y, progress)
        Ws = W[:n_tfidf]
        if n_tfidf and self.keep:
            for j in range(L):
                col = Ws[:, j]
                if np.count_nonzero(col) > self.keep:
                    cut = np.partition(np.abs(col), -self.keep)[-self.keep]
                    col[np.abs(col) < cut] = 0.0
        self.W_sparse_ = sparse.csc_matrix(Ws) if n_tfidf else None
        self.W_emb_ = W[n_tfidf:] * self.emb_weight if n_emb else None
        self.b_ = b
        return self

    def _fit_ridge(self, Z: sparse.csr_matrix, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Ridge regression on +-1 targets for all labels at once, solved in the dual.

        With far fewer documents than features, (ZZ' + I/C) alpha = T is an n x n system shared by
        every label: one factorisation instead of one optimisation per label (seconds, not minutes).
        Imbalance is left to the per-label thresholds tuned afterwards.
        """
        T = 2.0 * Y.astype(np.float64) - 1.0
        K = (Z @ Z.T).toarray().astype(np.float64) + 1.0  # + 1: an unpenalised-ish bias feature
        K[np.diag_indices_from(K)] += 1.0 / self.C
        alpha = np.linalg.solve(K, T)
        W = np.asarray(Z.T @ alpha, dtype=np.float32)
        b = alpha.sum(axis=0).astype(np.float32)
        never = Y.sum(axis=0) == 0
        W[:, never] = 0.0
        b[never] = -10.0  # a label never seen in training is never predicted
        return W, b

    def _fit_logistic(self, Z, Y, progress) -> tuple[np.ndarray, np.ndarray]:
        L = Y.shape[1]
        W = np.zeros((Z.shape[1], L), dtype=np.float32)
        b = np.full(L, -10.0, dtype=np.float32)  # a label never seen in training is never predicted
        # Fit on the columns that occur at all: hashed spaces are mostly empty, and L-BFGS pays for
        # every column on every iteration.
        cols = np.unique(Z.indices)
        Zc = Z[:, cols]
        for j in range(L):
            y = Y[:, j]
            if 0 < y.sum() < len(y):
                clf = LogisticRegression(C=self.C, max_iter=1000, class_weight=self.class_weight, solver="lbfgs")
                clf.fit(Zc, y)
                W[cols, j] = clf.coef_[0]
                b[j] = clf.intercept_[0]
            if progress:
                progress(j + 1, L)
        return W, b

    def decision_function(self, X: sparse.csr_matrix | None, E: np.ndarray | None) -> np.ndarray:
        if self.b_ is None:
            raise ModelError("MultiLabelLinear used before fit")
        out = np.tile(self.b_, ((X if X is not None else E).shape[0], 1))
        if self.W_sparse_ is not None and X is not None:
            prod = X @ self.W_sparse_
            out += prod.toarray() if sparse.issparse(prod) else np.asarray(prod)
        if self.W_emb_ is not None and E is not None:
            out += E @ self.W_emb_
        return out

    def predict_proba(self, X: sparse.csr_matrix | None, E: np.ndarray | None) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.decision_function(X, E)))

    # -- persistence: plain arrays, no pickle ----------------------------------------------------
    def state(self, prefix: str) -> dict[str, np.ndarray]:
        assert self.b_ is not None
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
    def from_state(cls, state: dict[str, np.ndarray], prefix: str) -> MultiLabelLinear:
        self = cls()
        self.b_ = state[f"{prefix}.b"].astype(np.float32)
        if f"{prefix}.ws_val" in state:
            shape = tuple(int(x) for x in state[f"{prefix}.ws_shape"])
            self.W_sparse_ = sparse.csc_matrix(
                (state[f"{prefix}.ws_val"].astype(np.float32),
                 (state[f"{prefix}.ws_row"], state[f"{prefix}.ws_col"].astype(np.int32))),
                shape=shape,
            )
        if f"{prefix}.we" in state:
            self.W_emb_ = state[f"{prefix}.we"].astype(np.float32)
        self.emb_weight = 1.0  # already folded into W_emb_
        return self
