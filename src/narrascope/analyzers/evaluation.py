"""The statistics of the yardstick, shared by every analyzer's lockbox evaluation.

- `bootstrap`: a 95% interval and standard error of any statistic over articles (resampled with
  replacement; for a micro-averaged score, the statistic recomputes it from the resampled articles' counts);
- `paired_difference`: model minus baseline on the same articles, with its interval: a change is kept only
  when it beats what it replaces by more than the standard error;
- `prior_weights`: article weights that set the share of `Other` articles in every language (the prior-shift
  check: a model must keep its lead when held-out data has 5% or 40% `Other`);
- `shuffled_body`: an article with its body paragraphs in another order (the order check).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from narrascope.nlp.text import paragraphs

DRAWS = 2000
SEED = 0


@dataclass(frozen=True, slots=True)
class Interval:
    """A point estimate with its bootstrap standard error and 95% percentile interval."""

    value: float
    low: float
    high: float
    se: float

    def __str__(self) -> str:
        return f"{self.value:.3f} [{self.low:.3f}, {self.high:.3f}]"

    def to_dict(self) -> dict[str, float]:
        return {"value": round(self.value, 4), "low": round(self.low, 4), "high": round(self.high, 4),
                "se": round(self.se, 4)}

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def bootstrap(statistic: Callable[[np.ndarray], float], n: int, draws: int = DRAWS, seed: int = SEED,
              strata: Sequence | None = None) -> Interval:
    """`statistic(indices)` on all `n` items, and its spread over `draws` resamples of the items.
    With `strata` (e.g. the language of each article), items are resampled within each stratum, so every
    resample keeps each language's size."""
    if n == 0:
        return Interval(math.nan, math.nan, math.nan, math.nan)
    everything = np.arange(n)
    value = float(statistic(everything))
    rng = np.random.default_rng(seed)
    groups = [everything] if strata is None else [np.flatnonzero(np.asarray(strata) == s) for s in sorted(set(strata))]
    samples = np.empty(draws)
    for d in range(draws):
        idx = np.concatenate([g[rng.integers(0, len(g), len(g))] for g in groups])
        samples[d] = statistic(idx)
    low, high = np.nanpercentile(samples, [2.5, 97.5])
    return Interval(value, float(low), float(high), float(np.nanstd(samples, ddof=1)))


def mean_interval(values: Sequence[float], weights: Sequence[float] | None = None, draws: int = DRAWS,
                  seed: int = SEED, strata: Sequence | None = None) -> Interval:
    """The (weighted) mean of per-article scores with its bootstrap interval."""
    v = np.asarray(values, dtype=np.float64)
    w = np.ones_like(v) if weights is None else np.asarray(weights, dtype=np.float64)
    return bootstrap(lambda i: _weighted_mean(v[i], w[i]), len(v), draws, seed, strata)


def paired_difference(model: Sequence[float], baseline: Sequence[float], weights: Sequence[float] | None = None,
                      draws: int = DRAWS, seed: int = SEED, strata: Sequence | None = None) -> Interval:
    """Mean per-article difference model - baseline (same articles), with its bootstrap interval."""
    diff = np.asarray(model, dtype=np.float64) - np.asarray(baseline, dtype=np.float64)
    return mean_interval(diff, weights, draws, seed, strata)


def _weighted_mean(v: np.ndarray, w: np.ndarray) -> float:
    total = w.sum()
    return float((v * w).sum() / total) if total > 0 else math.nan


def prior_weights(is_other: Sequence[bool], languages: Sequence[str], share: float) -> np.ndarray:
    """Article weights under which `Other` articles make `share` of each language's total weight (each
    language keeps its total). A language without `Other` articles (or without any others) keeps weight 1
    everywhere: there is nothing to re-weight."""
    if not 0.0 < share < 1.0:
        raise ValueError(f"share of Other must be strictly between 0 and 1, not {share}")
    other = np.asarray(is_other, dtype=bool)
    langs = np.asarray(languages)
    w = np.ones(len(other))
    for lang in set(langs.tolist()):
        rows = langs == lang
        n, n_other = rows.sum(), (other & rows).sum()
        if 0 < n_other < n:
            w[other & rows] = share * n / n_other
            w[~other & rows] = (1.0 - share) * n / (n - n_other)
    return w


def shuffled_body(text: str, rng: np.random.Generator) -> str:
    """The article with its first paragraph (the title) kept first and the other paragraphs shuffled,
    joined by blank lines. Articles of fewer than three paragraphs come back unchanged."""
    pars = [text[s:e] for s, e in paragraphs(text)]
    if len(pars) < 3:
        return text
    body = pars[1:]
    order = rng.permutation(len(body))
    if (order == np.arange(len(body))).all():
        order = np.roll(order, 1)  # always another order
    return "\n\n".join([pars[0], *(body[i] for i in order)])


def share_unchanged(before: Sequence[frozenset[str] | set[str]], after: Sequence[frozenset[str] | set[str]]) -> float:
    """Share of items whose label set is the same after the perturbation."""
    if not before:
        return math.nan
    return sum(set(a) == set(b) for a, b in zip(before, after, strict=True)) / len(before)


@dataclass(frozen=True, slots=True)
class Comparison:
    """One line of a lockbox report: the model and the plain baseline on the same articles."""

    group: str  # a language, or "mean" / "all"
    n: int  # articles (or the unit the metric counts)
    model: Interval
    baseline: Interval
    difference: Interval

    def to_dict(self) -> dict:
        return {"n": self.n, "model": self.model.to_dict(), "baseline": self.baseline.to_dict(),
                "difference": self.difference.to_dict()}


def compare(group: str, model: Sequence[float], baseline: Sequence[float], weights: Sequence[float] | None = None,
            strata: Sequence | None = None) -> Comparison:
    """Model vs baseline on per-article scores of the same articles (each with its bootstrap interval)."""
    return Comparison(group, len(model), mean_interval(model, weights, strata=strata),
                      mean_interval(baseline, weights, strata=strata),
                      paired_difference(model, baseline, weights, strata=strata))


def grouped_comparisons(statistic: Callable[[np.ndarray], Callable[[np.ndarray], float]], model: np.ndarray,
                        other: np.ndarray, groups: np.ndarray) -> list[Comparison]:
    """Per group (language) and pooled ("all", resampled within groups): `statistic` of the model's and the
    other's per-article arrays and their difference, each with its bootstrap interval over articles.
    `statistic(array)` gives the function of article indices to resample (a micro-average recomputed from
    counts, say)."""
    rows = []
    for group in [*dict.fromkeys(groups.tolist()), "all"]:
        idx = np.flatnonzero(groups == group) if group != "all" else np.arange(len(groups))
        strata = groups[idx] if group == "all" else None
        m, o = statistic(model[idx]), statistic(other[idx])
        rows.append(Comparison(group, len(idx), bootstrap(m, len(idx), strata=strata),
                               bootstrap(o, len(idx), strata=strata),
                               bootstrap(lambda i, m=m, o=o: m(i) - o(i), len(idx), strata=strata)))
    return rows


def format_comparisons(title: str, rows: Sequence[Comparison], columns: tuple[str, str] = ("model", "baseline")) -> str:
    """A fixed-width table: group, n, model, baseline (or the two `columns` compared), difference, each with
    its 95% interval; a difference whose interval excludes 0 is marked `*`."""
    first, second = (f"{c} [95% CI]" for c in columns)
    lines = [title, f"{'':<8}{'n':>5}  {first:<22}{second:<22}difference [95% CI]"]
    for r in rows:
        mark = " *" if r.difference.excludes_zero else ""
        lines.append(f"{r.group:<8}{r.n:>5}  {r.model!s:<22}{r.baseline!s:<22}{_signed(r.difference)}{mark}")
    return "\n".join(lines)


def _signed(iv: Interval) -> str:
    return f"{iv.value:+.3f} [{iv.low:+.3f}, {iv.high:+.3f}]"
