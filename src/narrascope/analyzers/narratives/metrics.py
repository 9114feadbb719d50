"""SemEval-2025 Task 10 subtask 2 metric: samples-F1 over narratives (coarse) and sub-narratives (fine).

As the organisers' scorer defines it: each document's gold and predicted labels become binary
vectors over the class list; the F1 of each document's pair of vectors is computed, and the score is
the mean over documents.
Labels outside the class list are ignored, as the scorer ignores them. A document whose gold and
predicted vectors are both empty scores 0, as scikit-learn's `average="samples"` does by default.
"""
from __future__ import annotations

from collections.abc import Iterable


def document_f1(gold: Iterable[str], pred: Iterable[str], classes: set[str] | None = None) -> float:
    g, p = set(gold), set(pred)
    if classes is not None:
        g &= classes
        p &= classes
    if not g and not p:
        return 0.0
    return 2 * len(g & p) / (len(g) + len(p))
