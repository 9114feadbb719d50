"""From calibrated probabilities to a consistent set of labels, with no tuned cut and no per-language prior.

The task scores each article by the F1 of its label set (samples-F1), at two levels: narratives
(coarse) and sub-narratives (fine, with `<narrative>: Other` for a narrative without a specific one,
and `Other` alone for an article without any narrative). Given each label's probability, the set that
maximises the expected F1 is found without any threshold: for a set S of k labels, E[F1] is about
2 sum_{l in S} p_l / (k + sum_l p_l) (the ratio of expectations; Jansche 2007, Nan Ye et al. 2012),
and the best S is a prefix of the labels sorted by probability. `Other` is one more label, with the
probability that the article pushes no narrative (from the "any narrative?" head). So the share of
`Other` answers follows each article's evidence: no cut learned from one split's share of `Other`
(27% of the Hindi training articles, 2% of the Russian ones) decides it.

Both levels are chosen together so that they agree (`choose`): for k = 1..K, the k most probable
narratives, each with its most probable child (a specific sub-narrative or `<narrative>: Other`) and
further children of those narratives while they raise the expected fine F1; the k (or `Other`) with
the largest sum of expected coarse and fine F1 wins. One domain per article: the narratives are
those of the most probable narrative's domain (the figures behind these choices are in the README's
narratives subsection).

Probabilities are Platt-scaled raw scores (`fit_platt`), one (a, b) per head pooled over its labels,
fitted on out-of-fold scores.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

MAX_NARRATIVES = 6  # an article of the task has at most a handful of narratives


def fit_platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(a, b) with P(label) = sigmoid(a * score + b), pooled over every label of a head (out-of-fold
    scores only: a model's scores on its own training articles are far too confident)."""
    s, t = np.asarray(scores, dtype=np.float64).ravel(), np.asarray(y).ravel()
    finite = np.isfinite(s)
    s, t = s[finite], t[finite]
    if len(t) == 0 or t.min() == t.max():
        return 1.0, 0.0
    lr = LogisticRegression(C=100.0).fit(s[:, None], t)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def platt(scores: np.ndarray, ab: tuple[float, float]) -> np.ndarray:
    a, b = ab
    return 1.0 / (1.0 + np.exp(-(a * np.asarray(scores, dtype=np.float64) + b)))


@dataclass(frozen=True, slots=True)
class Hierarchy:
    """Label structure the decision needs: each fine label's narrative, each narrative's domain."""

    parent: np.ndarray  # (n_fine,) index of the narrative of each fine label
    domain: np.ndarray  # (n_narratives,) domain of each narrative ("URW", "CC")

    def children(self, narrative: int) -> np.ndarray:
        return np.flatnonzero(self.parent == narrative)


@dataclass(frozen=True, slots=True)
class Choice:
    """The labels chosen for one article (indices into the narratives and the fine labels)."""

    narratives: list[int]
    fine: list[int]

    @property
    def other(self) -> bool:
        return not self.narratives


def choose(p_narrative: np.ndarray, p_fine: np.ndarray, p_other: float, hierarchy: Hierarchy,
           max_narratives: int = MAX_NARRATIVES) -> Choice:
    """The consistent label sets of one article with the largest expected coarse + fine samples-F1."""
    sum_c = float(p_narrative.sum()) + p_other
    sum_f = float(p_fine.sum()) + p_other
    best_value = 2 * p_other / (1 + sum_c) + 2 * p_other / (1 + sum_f)
    best = Choice([], [])
    order = np.argsort(-p_narrative, kind="stable")
    if len(order):
        same_domain = hierarchy.domain[order] == hierarchy.domain[order[0]]
        order = order[same_domain]
    for k in range(1, min(max_narratives, len(order)) + 1):
        narratives = [int(x) for x in order[:k]]
        coarse = 2 * float(p_narrative[narratives].sum()) / (k + sum_c)
        fine, fine_value = _fine_set(narratives, p_fine, sum_f, hierarchy)
        if coarse + fine_value > best_value + 1e-12:
            best_value, best = coarse + fine_value, Choice(narratives, fine)
    return best


def _fine_set(narratives: list[int], p_fine: np.ndarray, sum_f: float, hierarchy: Hierarchy) -> tuple[list[int], float]:
    """Every chosen narrative's most probable child, then more children while the expected F1 rises."""
    must: list[int] = []
    rest: list[int] = []
    for n in narratives:
        kids = hierarchy.children(n)
        if len(kids):
            ranked = kids[np.argsort(-p_fine[kids], kind="stable")]
            must.append(int(ranked[0]))
            rest.extend(int(x) for x in ranked[1:])
    total, count = float(p_fine[must].sum()), len(must)
    value = 2 * total / (count + sum_f) if count else 0.0
    chosen = list(must)
    for j in sorted(rest, key=lambda x: -p_fine[x]):
        candidate = 2 * (total + p_fine[j]) / (count + 1 + sum_f)
        if candidate <= value:
            break
        total, count, value = total + float(p_fine[j]), count + 1, candidate
        chosen.append(j)
    return chosen, value
