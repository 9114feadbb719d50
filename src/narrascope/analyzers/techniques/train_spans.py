"""Training of the word-level span model (`spans.py`) on the gold spans of SemEval-2023 Task 3.

Rows: the words of every training paragraph whose gold labels include the technique; a word is
positive when it overlaps a gold span of that technique. The sentence-model feature comes from the
first stage's out-of-fold sentence probabilities (what the final model gives unseen text). The
decision thresholds (one per technique, and the fallback share) maximise the span F1 with partial
credit (`metrics.span_scores`) of out-of-fold word scores on the gold-labelled paragraphs, so the
span model is judged on the job it does at analysis time: placing the spans of a given label.
"""
from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier

from narrascope.analyzers.techniques.fitting import Dataset
from narrascope.analyzers.techniques.metrics import merge_spans
from narrascope.analyzers.techniques.spans import (
    N_BUCKETS,
    N_NUMERIC,
    SpanModel,
    Words,
    numeric_features,
    paragraph_words,
)
from narrascope.semeval.t3 import ISO_CODES

log = logging.getLogger(__name__)

GRID = np.round(np.arange(0.05, 0.951, 0.05), 3)
SHARES = (0.5, 2.0)  # further segments from half the best one's gain; 2.0: one segment per label
# The spans should be the words that carry the technique (issue 18: median <= 60 characters): the
# thresholds maximise span F1 subject to at least this share of spans being at most SHORT_CHARS long
# (a share above one half, with a margin: the out-of-fold share overstates the one on unseen articles).
SHORT_CHARS = 60
MIN_SHORT_SHARE = 0.6


@dataclass(slots=True)
class SpanData:
    words: Words  # the words of every paragraph with at least one gold label
    y: np.ndarray  # (words, labels) int8: the word overlaps a gold span of the technique
    word_doc: np.ndarray  # document (index into ds.docs) of every word

    def rows(self, ds: Dataset, k: int, docs: np.ndarray | None = None) -> np.ndarray:
        """Words of paragraphs gold-labelled with technique k (of the documents `docs`, default all)."""
        keep = ds.y_par[self.words.par, k] == 1
        if docs is not None:
            keep &= np.isin(self.word_doc, docs)
        return np.flatnonzero(keep)


def span_data(ds: Dataset) -> SpanData:
    rows = np.flatnonzero(ds.y_par.any(axis=1))
    texts = [d.text for d in ds.docs]
    langs = [ISO_CODES.get(d.lang, d.lang) for d in ds.docs]
    words = paragraph_words(texts, ds.cands.par_doc, ds.cands.par_bounds, rows, ds.cands.sent_par,
                            ds.cands.sent_bounds, langs)
    word_doc = ds.cands.par_doc[words.par]
    index = {lab: i for i, lab in enumerate(ds.labels)}
    y = np.zeros((len(words), len(ds.labels)), dtype=np.int8)
    bounds = np.searchsorted(word_doc, np.arange(len(ds.docs) + 1))  # words of a document are contiguous
    for d, doc in enumerate(ds.docs):
        lo, hi = bounds[d], bounds[d + 1]
        for tech, a, b in ds.gold_spans[doc.id]:
            inside = np.flatnonzero((words.start[lo:hi] < b) & (words.end[lo:hi] > a))
            y[lo + inside, index[tech]] = 1
    return SpanData(words, y, word_doc)


def fit_span_model(ds: Dataset, sd: SpanData, p_sent: np.ndarray, docs: np.ndarray, c: float) -> SpanModel:
    """Per technique, a logistic regression (SGD, L2 alpha = 1 / (c x rows)) on the words of the
    documents `docs`; a technique with fewer than 2 positive or negative words gets a constant score."""
    n_labels = len(ds.labels)
    coef = np.zeros((n_labels, N_BUCKETS + N_NUMERIC), dtype=np.float32)
    bias = np.zeros(n_labels, dtype=np.float32)
    for k in range(n_labels):
        rows = sd.rows(ds, k, docs)
        y = sd.y[rows, k]
        if y.sum() < 2 or (1 - y).sum() < 2:
            share = (y.sum() + 1) / (len(y) + 2)
            bias[k] = np.log(share / (1 - share))
            continue
        x = sp.hstack([sd.words.x[rows], numeric_features(sd.words, p_sent[:, k])[rows]], format="csr")
        clf = SGDClassifier(loss="log_loss", alpha=1.0 / (c * len(rows)), max_iter=15, tol=None, random_state=0)
        clf.fit(x, y)
        coef[k], bias[k] = clf.coef_[0], clf.intercept_[0]
    return SpanModel(coef, bias, np.full(n_labels, 0.5, dtype=np.float32))


def out_of_fold_scores(
    ds: Dataset, sd: SpanData, p_sent: np.ndarray, fold: np.ndarray, c: float,
    progress: Callable[[str], None] | None = None,
) -> np.ndarray:
    """(words, labels) out-of-fold word scores (NaN where the paragraph lacks the gold label)."""
    out = np.full(sd.y.shape, np.nan, dtype=np.float32)
    for f in np.unique(fold):
        model = fit_span_model(ds, sd, p_sent, np.flatnonzero(fold != f), c)
        held = np.flatnonzero(fold == f)
        for k in range(len(ds.labels)):
            rows = sd.rows(ds, k, held)
            if len(rows):
                out[rows, k] = model.word_scores(sd.words, k, p_sent[:, k], rows)
        if progress:
            progress(f"span model: fold {f + 1}/{len(np.unique(fold))} done")
    return out


# ---------------------------------------------------------------------- decisions
def _credit(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    """Partial credit of non-overlapping predicted spans against merged gold spans of one technique and
    document: (sum over predictions of their covered share, sum over gold spans of their covered share)."""
    p_sum = r_sum = 0.0
    for a, b in pred:
        for s, e in gold:
            overlap = min(b, e) - max(a, s)
            if overlap > 0:
                p_sum += overlap / (b - a)
                r_sum += overlap / (e - s)
    return p_sum, r_sum


@dataclass(slots=True)
class CreditTables:
    """Per technique and threshold of `GRID`, over the paragraphs gold-labelled with the technique:
    partial-credit precision sum, predicted spans, recall sum, short spans (<= SHORT_CHARS); and per
    technique the gold spans and the labelled paragraphs."""

    p_sum: np.ndarray
    n_pred: np.ndarray
    r_sum: np.ndarray
    n_short: np.ndarray
    n_gold: np.ndarray
    pairs: np.ndarray


def credit_tables(ds: Dataset, sd: SpanData, scores: np.ndarray, share: float) -> CreditTables:
    """Columns: the thresholds of `GRID`."""
    n_labels = len(ds.labels)
    t = CreditTables(*(np.zeros((n_labels, len(GRID))) for _ in range(4)), np.zeros(n_labels), np.zeros(n_labels))
    model = SpanModel(np.zeros((n_labels, 1)), np.zeros(n_labels), np.zeros(n_labels), share)
    for k, label in enumerate(ds.labels):
        rows = sd.rows(ds, k)
        rows = rows[~np.isnan(scores[rows, k])]
        if not len(rows):
            continue
        docs = np.unique(sd.word_doc[rows])
        gold = {d: [(a, b) for _, a, b in merge_spans([s for s in ds.gold_spans[ds.docs[d].id] if s[0] == label])]
                for d in docs}
        t.n_gold[k] = sum(len(g) for g in gold.values())
        par = sd.words.par[rows]
        cuts = np.flatnonzero(np.r_[True, par[1:] != par[:-1], True])
        t.pairs[k] = len(cuts) - 1
        for g, threshold in enumerate(GRID):
            model.thresholds[k] = threshold
            for lo, hi in itertools.pairwise(cuts):
                found = model.spans(sd.words, rows[lo], rows[lo] + (hi - lo), scores[rows[lo:hi], k], k)
                ps, rs = _credit([(a, b) for a, b, _ in found], gold[int(sd.word_doc[rows[lo]])])
                t.p_sum[k, g] += ps
                t.r_sum[k, g] += rs
                t.n_pred[k, g] += len(found)
                t.n_short[k, g] += sum(b - a <= SHORT_CHARS for a, b, _ in found)
    return t


def expected_at_prediction(t: CreditTables, predicted: np.ndarray, correct: np.ndarray) -> CreditTables:
    """The tables as the model's own paragraph labels would make them: credit only from the `correct`
    (true positive) labels, spans from all `predicted` ones, the same per label as on the gold-labelled
    paragraphs; gold spans in missed paragraphs still count (recall)."""
    labelled = np.maximum(t.pairs, 1)[:, None]
    hit, made = (correct / labelled[:, 0])[:, None], (predicted / labelled[:, 0])[:, None]
    return CreditTables(t.p_sum * hit, t.n_pred * made, t.r_sum * hit, t.n_short * made, t.n_gold, t.pairs)


def _f1(p_sum, n_pred, r_sum, n_gold):
    precision = p_sum / np.maximum(n_pred, 1)
    recall = r_sum / max(n_gold, 1)
    return np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0.0)


def best_columns(t: CreditTables, min_short: float, passes: int = 4) -> tuple[np.ndarray, float, float]:
    """Per technique, the column (a threshold of `GRID`) that maximises the overall
    span F1 subject to at least `min_short` of the spans being short: coordinate ascent on
    F1 + lambda x short share, for the smallest lambda (on a grid) that meets the constraint.
    Returns (column per technique, F1, short share)."""
    n_labels = t.p_sum.shape[0]
    every = np.arange(n_labels)
    n_gold = t.n_gold.sum()
    result = None
    for lam in np.arange(0.0, 2.001, 0.02):
        cur = np.zeros(n_labels, dtype=np.int64)
        for _ in range(passes):
            for k in range(n_labels):
                rest = [x[every, cur].sum() - x[k, cur[k]] for x in (t.p_sum, t.n_pred, t.r_sum, t.n_short)]
                n_pred = rest[1] + t.n_pred[k]
                value = _f1(rest[0] + t.p_sum[k], n_pred, rest[2] + t.r_sum[k], n_gold)
                cur[k] = int(np.argmax(value + lam * (rest[3] + t.n_short[k]) / np.maximum(n_pred, 1)))
        f1 = float(_f1(t.p_sum[every, cur].sum(), t.n_pred[every, cur].sum(), t.r_sum[every, cur].sum(), n_gold))
        short = float(t.n_short[every, cur].sum() / max(t.n_pred[every, cur].sum(), 1))
        result = (cur, f1, short)
        if short >= min_short:
            break
    return result


@dataclass(slots=True)
class SpanDecision:
    thresholds: np.ndarray  # per technique
    share: float
    f1: float  # span F1 expected under the model's own paragraph labels (out-of-fold)
    short: float  # expected share of spans of at most SHORT_CHARS


def tune(ds: Dataset, sd: SpanData, scores: np.ndarray, predicted: np.ndarray, correct: np.ndarray,
         min_short: float = MIN_SHORT_SHARE) -> SpanDecision:
    """The decoding with the best span F1 expected under the model's own paragraph labels (`predicted` /
    `correct`: out-of-fold labels per technique and how many are right) with at least `min_short` of the
    spans short."""
    results = []
    for share in SHARES:
        tables = expected_at_prediction(credit_tables(ds, sd, scores, share), predicted, correct)
        cur, f1, short = best_columns(tables, min_short)
        log.info("span segments share %.2f: expected span F1 %.4f, short spans %.3f", share, f1, short)
        results.append((short >= min_short, f1, share, cur, short))
    _, f1, share, cur, short = max(results, key=lambda r: (r[0], r[1]))
    return SpanDecision(GRID[cur].astype(np.float32), share, f1, short)
