"""Weak labels: where a label an analyzer gives is wrong more often than right, and how often the labels
on either side of that line are right on held-out articles.

The decision rules of the narrative and technique models maximise the shared tasks' F1 measures, so they
let through many labels that are more often wrong than right (F1 rewards recall). Those labels stay in
the output and in the SemEval files; `weak` marks them so that a reader sees them set apart. The line is
learned at training time from out-of-fold labels (`probability_cut`, a logistic fit; `weak_cut`, an isotonic
step, where that fit cannot say); the lockbox reports how often the labels
shown as confident and the weak ones are right (`precision_by_confidence`).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from narrascope.analyzers import evaluation as E

WEAK_PRECISION = 0.5  # a label is weak where labels with its score are right less often than this

# A text of fewer words than the shortest T10 training article (45, a Hindi one; the median has 372): the
# narrative and role models never learned from one so short (a headline, a post), and the reader is told. On the
# first 10 to 60 words of the training articles the narratives shown as confident were still right about as often
# as on whole articles, but on the first 3 or 5 words only about half the time, which is what `weak` means
# (`python -m benchmarks.short_texts`, cross-validation on the 80%): under MIN_CONFIDENT_WORDS every narrative
# label is weak. The entities shown with a confident role held up down to 5 words (`... --roles`): roles are not.
MIN_ARTICLE_WORDS, MIN_CONFIDENT_WORDS = 40, 10


def too_short(text: str, analyzer: str, what: str, weak_under: int = 0) -> str | None:
    """The warning `analyzer` gives for a text under MIN_ARTICLE_WORDS words, about its `what` (marked weak under
    `weak_under` words), or None."""
    words = len(text.split())
    if words >= MIN_ARTICLE_WORDS:
        return None
    weak = f"; under {weak_under} words they are marked weak" if words < weak_under else ""
    return (f"{analyzer}: the text has {words} word{'' if words == 1 else 's'}, fewer than any article the model "
            f"learned from; its {what} rest on little text{weak}: read their evidence before quoting them")


def weak_cut(scores: np.ndarray, right: np.ndarray, precision: float = WEAK_PRECISION) -> float:
    """The lowest score at which a given label is right at least `precision` of the time, read off an
    increasing (isotonic) fit of rightness on score over out-of-fold labels (`scores`: the scores of the
    labels given, `right`: whether gold has them). Above every score when no score reaches `precision`
    (every label weak); 0 when there are no labels."""
    from sklearn.isotonic import IsotonicRegression

    scores = np.asarray(scores, dtype=np.float64)
    if not len(scores):
        return 0.0
    fitted = IsotonicRegression(increasing=True, out_of_bounds="clip").fit(scores, right).predict(scores)
    reached = scores[fitted >= precision]
    return float(reached.min()) if len(reached) else float(np.nextafter(scores.max(), np.inf))


def probability_cut(probs: np.ndarray, right: np.ndarray, precision: float = WEAK_PRECISION) -> float:
    """The probability at which labels are right `precision` of the time, read off a logistic fit of
    rightness on the log-odds of `probs` (probabilities of the labels given; `right`: whether gold has them).

    A smooth version of `weak_cut` for scores that are already about calibrated: the lowest step of an
    isotonic fit that reaches `precision` can move far between two fits on nearly the same data
    (`benchmarks/salience_line.py` and `benchmarks/weak_lines.py` measure both readings' spread). `weak_cut`
    where the fit cannot say (one class only, or rightness not rising with the probability)."""
    from sklearn.linear_model import LogisticRegression

    probs, right = np.asarray(probs, dtype=np.float64), np.asarray(right, dtype=bool)
    if len(set(right.tolist())) < 2:
        return weak_cut(probs, right, precision)
    p = np.clip(probs, 1e-6, 1 - 1e-6)
    z = np.log(p / (1 - p)).reshape(-1, 1)
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(z, right)
    slope, bias = float(fit.coef_[0, 0]), float(fit.intercept_[0])
    if slope <= 0:
        return weak_cut(probs, right, precision)
    at = (np.log(precision / (1 - precision)) - bias) / slope
    return float(1 / (1 + np.exp(-at)))


def tally(scores: Sequence[float], right: Sequence[bool], cut: float) -> np.ndarray:
    """(4,) for one article's labels: right and given among those at or above `cut`, right and given below."""
    s, r = np.asarray(scores, dtype=np.float64), np.asarray(right, dtype=bool)
    weak = s < cut
    return np.array([(r & ~weak).sum(), (~weak).sum(), (r & weak).sum(), weak.sum()], dtype=np.int64)


def precision_by_confidence(counts: np.ndarray, groups: np.ndarray) -> list[E.Comparison]:
    """Per group (language) and pooled ("all", resampled within groups): the precision of the confident
    labels, of the weak ones, and their difference, with bootstrap intervals over articles. `counts`:
    (articles, 4) as `tally` gives them."""
    return E.grouped_comparisons(_precision, counts[:, :2], counts[:, 2:], groups)


def _precision(part: np.ndarray):
    """Right over given, pooled over the resampled articles (columns: right, given)."""
    return lambda idx: float(part[idx, 0].sum() / max(part[idx, 1].sum(), 1))


def weak_share(counts: np.ndarray) -> float:
    """The share of all labels that are weak."""
    return float(counts[:, 3].sum() / max(counts[:, [1, 3]].sum(), 1))
