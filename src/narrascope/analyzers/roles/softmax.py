"""Multinomial logistic regression over feature blocks kept apart (sparse n-grams | dense vectors).

scikit-learn needs one matrix, and a dense embedding block stored inside a sparse matrix made every
gradient step cost ten times what the n-grams cost. Here the logits are the sum of each block's own
product, so each block keeps its best storage. The objective is scikit-learn's: C times the weighted
cross-entropy plus half the squared norm of the weights (the bias is not penalised). Targets may be
soft (a row of class probabilities: a mention with two fine roles is half one, half the other).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from threadpoolctl import threadpool_limits

Block = np.ndarray | sp.csr_matrix


def softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, np.float64)
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def class_weights(targets: np.ndarray, power: float) -> np.ndarray:
    """Per-class weights (n_total / (k * n_class)) ** power: 0 = none, 1 = "balanced", 0.5 in between."""
    counts = targets.sum(0)
    present = counts > 0
    w = np.ones(targets.shape[1])
    w[present] = (targets.sum() / (present.sum() * counts[present])) ** power
    return w


def fit_softmax(blocks: Sequence[Block], targets: np.ndarray, C: float = 1.0,
                sample_weight: np.ndarray | None = None, max_iter: int = 300, tol: float = 1e-4
                ) -> tuple[list[np.ndarray], np.ndarray]:
    """Weights per block (n_features_block, n_classes) and the bias (n_classes,) of a softmax model
    fitted on `targets` (n, n_classes; one-hot or soft rows)."""
    n, k = targets.shape
    widths = [b.shape[1] for b in blocks]
    if n == 0:  # no example (a main role no training mention has): zero weights, a uniform answer
        return [np.zeros((w, k), np.float32) for w in widths], np.zeros(k, np.float32)
    sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, np.float64)
    # float32 blocks and products (half the memory traffic: the dense products are memory-bound), float64
    # sums and optimiser state.
    blocks32 = [b.astype(np.float32).tocsr() if sp.issparse(b) else np.ascontiguousarray(b, np.float32)
                for b in blocks]
    blocks_t = [b.T.tocsr() if sp.issparse(b) else np.ascontiguousarray(b.T) for b in blocks32]
    cuts = np.cumsum([0] + [w * k for w in widths])

    def unpack(theta: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        return [theta[cuts[i] : cuts[i + 1]].reshape(widths[i], k) for i in range(len(widths))], theta[cuts[-1] :]

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        ws, b = unpack(theta)
        z = np.tile(b, (n, 1))
        for x, w in zip(blocks32, ws, strict=True):
            z += x @ w.astype(np.float32)
        z -= z.max(1, keepdims=True)
        log_norm = np.log(np.exp(z).sum(1, keepdims=True))
        logp = z - log_norm
        loss = -C * float((sw[:, None] * targets * logp).sum())
        # d/dz of the weighted cross-entropy: weight * (p * sum(target) - target)
        resid = C * sw[:, None] * (np.exp(logp) * targets.sum(1, keepdims=True) - targets)
        resid32 = resid.astype(np.float32)
        grads = []
        for xt, w in zip(blocks_t, ws, strict=True):
            grads.append((np.asarray(xt @ resid32, dtype=np.float64) + w).ravel())
            loss += 0.5 * float((w * w).sum())
        grads.append(resid.sum(0))
        return loss, np.concatenate(grads)

    theta0 = np.zeros(cuts[-1] + k)
    with threadpool_limits(1):  # products of a few columns: more BLAS threads only contend
        result = minimize(objective, theta0, jac=True, method="L-BFGS-B",
                          options={"maxiter": max_iter, "gtol": tol * C * max(1.0, float(sw.sum())) / n})
    ws, b = unpack(result.x)
    return [w.astype(np.float32) for w in ws], b.astype(np.float32)


def logits(blocks: Sequence[Block], weights: Sequence[np.ndarray], bias: np.ndarray) -> np.ndarray:
    n = blocks[0].shape[0] if blocks else 0
    z = np.tile(bias.astype(np.float32), (n, 1))
    for x, w in zip(blocks, weights, strict=True):
        z += np.asarray(x @ w, dtype=np.float32)
    return z


def fit_temperature(z: np.ndarray, y: np.ndarray) -> float:
    """The temperature T that makes softmax(z / T) best calibrated on (z, y): it minimises the
    cross-entropy of held-out logits (y: class indices). Searched on a log grid, then refined."""
    def nll(t: float) -> float:
        p = softmax(z / t)
        return -float(np.log(p[np.arange(len(y)), y] + 1e-12).mean())

    grid = np.exp(np.linspace(np.log(0.2), np.log(5.0), 41))
    best = min(grid, key=nll)
    fine = best * np.exp(np.linspace(-0.1, 0.1, 21))
    return float(min(fine, key=nll))
