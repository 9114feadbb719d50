"""Metrics of persuasion-technique detection.

- Paragraph level (SemEval-2023 Task 3 subtask 3, official): every paragraph's gold and predicted
  technique sets become binary vectors over the technique list; micro-F1 (the official ranking
  metric) and macro-F1 are scikit-learn's over those vectors, as in the organisers' scorer (a
  technique that is neither in the gold nor predicted counts 0 towards macro-F1).
- Span level (SemEval-2020 Task 11 style, partial credit): a predicted span s earns |s∩t|/|s| of
  precision from each gold span t with the same technique, a gold span earns |s∩t|/|t| of recall
  from each predicted span; P and R are averaged over predicted and gold spans. Overlapping spans
  of one technique are merged first, so that no character counts twice.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import f1_score

SpanTuple = tuple[str, int, int]  # (technique, start, end exclusive)


@dataclass(frozen=True, slots=True)
class ParagraphScores:
    micro_f1: float
    macro_f1: float
    precision: float
    recall: float
    n_paragraphs: int


def binarize(label_sets: Sequence[Sequence[str]], classes: Sequence[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(classes)}
    out = np.zeros((len(label_sets), len(classes)), dtype=np.int8)
    for row, labels in enumerate(label_sets):
        for lab in labels:
            if lab in index:
                out[row, index[lab]] = 1
    return out


def paragraph_scores(gold: np.ndarray, pred: np.ndarray) -> ParagraphScores:
    """Scores of binary (paragraphs x techniques) matrices."""
    if gold.shape != pred.shape:
        raise ValueError(f"gold {gold.shape} and predictions {pred.shape} differ in shape")
    tp = float((gold & pred).sum())
    p = tp / max(float(pred.sum()), 1.0)
    r = tp / max(float(gold.sum()), 1.0)
    return ParagraphScores(
        micro_f1=float(f1_score(gold, pred, average="micro", zero_division=0)),
        macro_f1=float(f1_score(gold, pred, average="macro", zero_division=0)),
        precision=p,
        recall=r,
        n_paragraphs=int(gold.shape[0]),
    )


@dataclass(frozen=True, slots=True)
class SpanScores:
    f1: float
    precision: float
    recall: float
    n_pred: int
    n_gold: int


def _overlap(a: SpanTuple, b: SpanTuple) -> int:
    return max(0, min(a[2], b[2]) - max(a[1], b[1]))


def merge_spans(spans: Sequence[SpanTuple]) -> list[SpanTuple]:
    """Overlapping spans of the same technique merged into one (so no character is counted twice)."""
    out: list[SpanTuple] = []
    for lab, start, end in sorted(s for s in spans if s[2] > s[1]):
        if out and out[-1][0] == lab and start <= out[-1][2]:
            out[-1] = (lab, out[-1][1], max(end, out[-1][2]))
        else:
            out.append((lab, start, end))
    return out


def span_credit(gold: Sequence[SpanTuple], pred: Sequence[SpanTuple]) -> tuple[float, int, float, int]:
    """One document's partial credit: (precision sum, predicted spans, recall sum, gold spans), after
    merging overlapping spans of one technique. Summed over documents they give `span_scores`."""
    g_spans, p_spans = merge_spans(gold), merge_spans(pred)
    by_label: dict[str, list[SpanTuple]] = {}
    for g in g_spans:
        by_label.setdefault(g[0], []).append(g)
    p_sum = r_sum = 0.0
    for s in p_spans:
        for g in by_label.get(s[0], ()):
            ov = _overlap(s, g)
            if ov:
                p_sum += ov / (s[2] - s[1])
                r_sum += ov / (g[2] - g[1])
    return p_sum, len(p_spans), r_sum, len(g_spans)


def unlabelled(spans: Sequence[SpanTuple]) -> list[SpanTuple]:
    """The spans without their techniques: what the span-identification (SI) measure of SemEval-2020
    Task 11 compares (its spans carry no technique)."""
    return [("", s, e) for _, s, e in spans]


def f1_of_credit(p_sum: float, n_pred: float, r_sum: float, n_gold: float) -> SpanScores:
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SpanScores(f1, precision, recall, int(n_pred), int(n_gold))


def span_scores(gold: Mapping[str, Sequence[SpanTuple]], pred: Mapping[str, Sequence[SpanTuple]]) -> SpanScores:
    """Partial-overlap span P/R/F1 over documents (keys are document ids)."""
    totals = np.zeros(4)
    for doc_id in set(gold) | set(pred):
        totals += span_credit(gold.get(doc_id, ()), pred.get(doc_id, ()))
    return f1_of_credit(*totals)


def paragraph_counts(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """(labels, 3) true positives, false positives and false negatives of binary (paragraphs x labels)
    matrices: summed over a resample of articles, they give that resample's micro- and macro-F1."""
    return np.stack([(gold & pred).sum(axis=0), ((1 - gold) & pred).sum(axis=0), (gold & (1 - pred)).sum(axis=0)],
                    axis=1)


def micro_f1_of_counts(counts: np.ndarray) -> float:
    tp, fp, fn = counts.reshape(-1, 3).sum(axis=0)
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def macro_f1_of_counts(counts: np.ndarray) -> float:
    """Mean over labels of each label's F1, 0 for a label neither in the gold nor predicted (as
    scikit-learn's macro average with zero_division=0, which the organisers' scorer uses)."""
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    denom = 2 * tp + fp + fn
    return float(np.mean(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)))
