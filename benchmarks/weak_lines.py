"""How steady, and how precise, is the line under which a narrative, a sub-narrative or a technique label is
marked `weak`, for each way of reading it off out-of-fold scores (cross-validation on the training articles
outside the lockbox; the lockbox is never read).

Each model is fitted out of fold as its training fits it (`narrascope train narratives`, `... techniques`),
and the labels it chooses are kept with their out-of-fold scores and whether gold has them. The articles are
then split into five groups, three times over: the line is read off the labels of four groups and applied to
the fifth. Printed per reading and per head: the line's mean and standard deviation over the 15 fits, and in
the held-out groups, pooled, the share of labels over the line (shown as confident) and how often they are
right, and how often the ones under it are.

    python -m benchmarks.weak_lines --only narratives   # about 2 min on two cores (sentence vectors cached)
    python -m benchmarks.weak_lines --only techniques   # about 6 min
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import numpy as np

from narrascope.analyzers.confidence import probability_cut, weak_cut

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "data"
READINGS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
    "isotonic step (weak_cut)": weak_cut,
    "logistic fit (probability_cut)": probability_cut,
}
Labels = list[tuple[np.ndarray, np.ndarray]]  # per article: the scores of the labels chosen, whether each is right


def narrative_labels(data: Path) -> dict[str, Labels]:
    """Per head ("narrative", "fine"), per article of the 80%: its chosen labels' out-of-fold probabilities."""
    from narrascope.analyzers.narratives.fitting import LabelSpace, chosen_labels, fit
    from narrascope.semeval.lockbox import development_documents
    from narrascope.semeval.t10 import read_split

    dev, _ = development_documents(data, read_split(data / "train"), key=lambda d: (d.lang, d.id))
    model, oof = fit(dev, progress=print)
    given = chosen_labels(model, model.probabilities(oof), LabelSpace().matrices(dev))
    return {head: [(np.array(g[head][0]), np.array(g[head][1], dtype=bool)) for g in given]
            for head in ("narrative", "fine")}


def technique_labels(data: Path) -> dict[str, Labels]:
    """Per article of the 80%: the paragraph labels that the per-technique thresholds give, with their
    out-of-fold scores (first and second stage, as `narrascope train techniques` reads its weak line)."""
    from narrascope.analyzers.techniques import fitting as T
    from narrascope.analyzers.techniques import train_context
    from narrascope.analyzers.techniques import training_data as D
    from narrascope.analyzers.techniques.train import _ptc, _settings, dataset

    settings = _settings(5, None)
    split = D.load(data, lockbox=True, ptc_dir=_ptc(data, "auto"))
    ds = dataset(split.train, data, settings, print)
    oof = T.out_of_fold(ds, settings, print)
    mix, _ = T.choose_mix(oof, ds, min_paragraphs=settings.language_threshold_min, shrink=settings.threshold_shrink)
    final, _ = train_context.stack(ds, oof, mix, settings)
    thresholds = T.language_thresholds(final, ds.y_par, ds.par_lang, settings.language_threshold_min,
                                       settings.threshold_shrink)
    labelled = T.apply_thresholds(final, ds.par_lang, thresholds) == 1
    out: Labels = []
    for doc in range(len(ds.docs)):
        rows = np.flatnonzero(ds.cands.par_doc == doc)
        given = labelled[rows]
        out.append((final[rows][given], ds.y_par[rows][given] == 1))
    return {"technique": out}


def group_splits(n: int, shuffles: int = 3, groups: int = 5):
    """(rest, held) article indices: `n` articles split into `groups` groups, `shuffles` times over, each group
    held out once per shuffle (the line is read on the rest and applied to the held-out group)."""
    for shuffle in range(shuffles):
        for held in np.array_split(np.random.default_rng(100 + shuffle).permutation(n), groups):
            yield np.setdiff1d(np.arange(n), held), held


def compare(labels: Labels) -> list[tuple[str, float, float, float, float, float]]:
    """(reading, line mean, line sd, share over the line, precision over it, precision under it)."""
    found = []
    for name, read in READINGS.items():
        lines, over_right, over, under_right, under = [], 0, 0, 0, 0
        for rest, held in group_splits(len(labels)):
            line = read(np.concatenate([labels[i][0] for i in rest]), np.concatenate([labels[i][1] for i in rest]))
            lines.append(line)
            for i in held:
                scores, right = labels[i]
                sure = scores >= line
                over_right, over = over_right + int(right[sure].sum()), over + int(sure.sum())
                under_right, under = under_right + int(right[~sure].sum()), under + int((~sure).sum())
        found.append((name, float(np.mean(lines)), float(np.std(lines)), over / max(over + under, 1),
                      over_right / max(over, 1), under_right / max(under, 1)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("narratives", "techniques"), action="append")
    parser.add_argument("--data", type=Path, default=ROOT)
    args = parser.parse_args()
    heads: dict[str, Labels] = {}
    if not args.only or "narratives" in args.only:
        heads.update(narrative_labels(args.data / "semeval2025_task10"))
    if not args.only or "techniques" in args.only:
        heads.update(technique_labels(args.data / "semeval2023_task3"))
    print(f"{'head':<10} {'reading':<32} {'line mean':>9} {'sd':>6} {'confident':>9} {'right':>6} {'weak right':>10}")
    for head, labels in heads.items():
        for name, mean, sd, share, right, weak_right in compare(labels):
            print(f"{head:<10} {name:<32} {mean:>9.3f} {sd:>6.3f} {share:>9.3f} {right:>6.3f} {weak_right:>10.3f}")


if __name__ == "__main__":
    main()
