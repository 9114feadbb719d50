"""Which rows each fine-tuning plan of `finetune.py` trains on and answers; torch-free, so it is tested
without a GPU and travels to one beside `finetune.py` and `e5q4.py`.

A rows folder (`rows.py`, `salience_rows.py`) gives each row a split (0: development, 1: lockbox, 2:
every training article as the shipped fit sees it) and a fold (the development article's, -1 for a
lockbox article). Rows of split 2 are answered by the fit that never saw their article: their cv fold's,
or the lockbox plan's, so that every training article gets an out-of-fold answer.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

PLANS = ("cv", "lockbox", "all")


def plan_parts(plan: str, split: np.ndarray, folds: np.ndarray, final: np.ndarray | None = None,
               only_folds: Sequence[int] | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """(rows to train on, rows to answer) of each fit of `plan`: "cv" (one fit per fold of the development
    rows, or per fold in `only_folds`), "lockbox" (the development rows, answering the lockbox) or "all"
    (the rows `final` marks, every row when None: what ships)."""
    if plan == "cv":
        return [(np.flatnonzero((split == 0) & (folds != f)), np.flatnonzero((split != 1) & (folds == f)))
                for f in (range(5) if only_folds is None else only_folds)]
    if plan == "lockbox":
        return [(np.flatnonzero(split == 0), np.flatnonzero((split == 1) | ((split == 2) & (folds == -1))))]
    if plan == "all":
        train = np.arange(len(split)) if final is None else np.flatnonzero(final)
        return [(train, np.flatnonzero(split == 1))]  # its answers are on training rows
    raise ValueError(f"plan must be one of {', '.join(PLANS)}, not {plan!r}")
