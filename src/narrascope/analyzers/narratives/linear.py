"""One-vs-rest linear models over [hashed TF-IDF views | embedding] features, stored compactly.

Solvers:
- `svm-fusion` (the narrative default): one linear SVM per label and per view (each sparse view,
  e.g. words and characters, and the embedding), margins added with the view weights. Fitted in
  the dual on a precomputed linear kernel: with ~1,800 documents and a million hashed columns the
  n x n kernel is small, so every label of every view costs milliseconds (L-BFGS on the primal took
  ~10 minutes per fold for character n-grams); the primal weights are recovered as Z' alpha. The
  dense embedding view is fitted with logistic regression (`emb_C`).
- `late-fusion`: the same fusion with logistic regressions (L-BFGS); `logistic`: one logistic
  regression over the concatenation; `ridge`: one dual ridge solve shared by all labels.
After fitting, each sparse view's weights are pruned to the `keep` largest per label: linear text
models put most of their mass on few n-grams, and pruning turns a 1M x L dense matrix into a few
hundred kB with no measurable loss (see the model card).
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC

from narrascope.errors import ModelError


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
        view_weights: tuple[float, ...] = (1.0,),
        emb_C: float = 4.0,
    ):
        self.C = C
        self.solver = solver
        self.emb_weight = emb_weight
        self.view_weights = tuple(view_weights)
        self.emb_C = emb_C
        self.keep = keep
        self.class_weight = class_weight
        # CSR: `X @ W` with X in CSR is then native (a CSC W is converted on every product)
        self.W_sparse_: sparse.csr_matrix | None = None  # (n_tfidf, L)
        self.W_emb_: np.ndarray | None = None  # (emb_dim, L)
        self.b_: np.ndarray | None = None  # (L,)

    def fit(
        self,
        X: sparse.csr_matrix | None,
        E: np.ndarray | None,
        Y: np.ndarray,
        progress: Callable[[int, int], None] | None = None,
        view_widths: tuple[int, ...] | None = None,
    ) -> MultiLabelLinear:
        """Fit on sparse features `X` (the views side by side, `view_widths` columns each; one view
        when None) and dense embeddings `E`."""
        n_tfidf = X.shape[1] if X is not None else 0
        n_emb = E.shape[1] if E is not None else 0
        widths = tuple(view_widths) if view_widths else ((n_tfidf,) if n_tfidf else ())
        if sum(widths) != n_tfidf:
            raise ModelError(f"view widths {widths} do not add up to the {n_tfidf} sparse columns")
        weights = self.view_weights if len(self.view_weights) == len(widths) else (1.0,) * len(widths)
        if self.solver in ("late-fusion", "svm-fusion"):
            # One model per view, margins added with the view weights (measured better than one
            # model over the concatenation, and much cheaper to fit).
            fit_view = self._fit_svm if self.solver == "svm-fusion" else self._fit_logistic
            blocks, b = [], np.zeros(Y.shape[1], dtype=np.float32)
            seen = Y.sum(axis=0) > 0
            start = 0
            for width, weight in zip(widths, weights):
                W_v, b_v = fit_view(X[:, start : start + width], Y, progress)
                blocks.append(W_v * weight)
                b += weight * np.where(seen, b_v, 0.0).astype(np.float32)
                start += width
            if n_emb:
                # The embedding view keeps logistic regression: with 512 dense columns L-BFGS is quick,
                # and it scored better than the SVM on this view (coarse samples-F1 .58 vs .56).
                W_e, b_e = self._fit_logistic(sparse.csr_matrix(E), Y, None, C=self.emb_C)
                blocks.append(W_e)  # scaled by emb_weight below
                b += self.emb_weight * np.where(seen, b_e, 0.0).astype(np.float32)
            b[~seen] = -10.0  # a label never seen in training is never predicted
            W = np.vstack(blocks)
        elif self.solver == "ridge":
            W, b = self._fit_ridge(combine(X, E, self.emb_weight), Y)
        else:
            W, b = self._fit_logistic(combine(X, E, self.emb_weight), Y, progress)
        Ws = W[:n_tfidf]
        if n_tfidf and self.keep:
            # What a weight contributes is |w| times how much its feature fires: rank by that, so
            # that common n-grams with small weights (which add up in every document) are kept
            # before rare ones with large weights.
            usage = np.asarray(abs(X).mean(axis=0)).ravel()
            start = 0
            for width in widths:  # prune each view on its own: their weight scales differ
                self._prune(Ws[start : start + width], usage[start : start + width])
                start += width
        self.W_sparse_ = sparse.csr_matrix(Ws) if n_tfidf else None
        self.W_emb_ = W[n_tfidf:] * self.emb_weight if n_emb else None
        self.b_ = b
        return self

    def _prune(self, Ws: np.ndarray, usage: np.ndarray) -> None:
        """Keep the `keep` weights of each label that contribute most (in place)."""
        for j in range(Ws.shape[1]):
            col = Ws[:, j]
            if np.count_nonzero(col) > self.keep:
                contribution = np.abs(col) * usage
                cut = np.partition(contribution, -self.keep)[-self.keep]
                col[contribution < cut] = 0.0

    def _fit_svm(self, Z, Y, progress) -> tuple[np.ndarray, np.ndarray]:
        """Linear SVMs for every label, solved in the dual on the shared kernel Z Z'."""
        Z = sparse.csr_matrix(Z, dtype=np.float32)
        cols = np.unique(Z.indices)  # hashed spaces are mostly empty: work on the used columns
        Zc = Z[:, cols]
        K = (Zc @ Zc.T).toarray().astype(np.float64)
        L = Y.shape[1]
        alpha = np.zeros((Z.shape[0], L), dtype=np.float32)
        b = np.full(L, -10.0, dtype=np.float32)
        for j in range(L):
            y = Y[:, j]
            if 0 < y.sum() < len(y):
                clf = SVC(kernel="precomputed", C=self.C, class_weight=self.class_weight).fit(K, y)
                alpha[clf.support_, j] = clf.dual_coef_[0]
                b[j] = clf.intercept_[0]
            if progress:
                progress(j + 1, L)
        W = np.zeros((Z.shape[1], L), dtype=np.float32)
        W[cols] = np.asarray(Zc.T @ alpha)  # primal weights: the kernel is linear
        return W, b

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

    def _fit_logistic(self, Z, Y, progress, C: float | None = None) -> tuple[np.ndarray, np.ndarray]:
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
                clf = LogisticRegression(C=C or self.C, max_iter=1000, class_weight=self.class_weight, solver="lbfgs")
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
            self.W_sparse_ = sparse.csr_matrix(
                (state[f"{prefix}.ws_val"].astype(np.float32),
                 (state[f"{prefix}.ws_row"], state[f"{prefix}.ws_col"].astype(np.int32))),
                shape=shape,
            )
        if f"{prefix}.we" in state:
            self.W_emb_ = state[f"{prefix}.we"].astype(np.float32)
        self.emb_weight = 1.0  # already folded into W_emb_
        return self
