"""How steady, and how precise, is the salience line under which an entity's role is shown as weak,
for each way of reading it off out-of-fold probabilities (cross-validation on the 80% of the T10
training articles outside the lockbox; the lockbox is never read).

The salience model is fitted out of fold as `narrascope train roles` fits it. Then the annotated articles
are split into five groups, three times over: the line is read off the entities shown with a role in four
groups and applied to the fifth. Printed per reading: the line's mean and standard deviation over the 15
fits, and the precision (share cast by the annotators) and coverage (share of annotated mentions) of the
entities over it in the held-out groups, pooled.

    python -m benchmarks.salience_line        # about 20 s on two cores (the sentence encoder's cache warm)
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from benchmarks.weak_lines import group_splits
from narrascope.analyzers.confidence import probability_cut, weak_cut
from narrascope.analyzers.entities.aliases import learn_from_documents
from narrascope.analyzers.roles.salience_train import fit_salience, out_of_fold_articles
from narrascope.semeval.lockbox import development_documents
from narrascope.semeval.t10 import read_split

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2025_task10"
READINGS = {
    "isotonic step (weak_cut)": weak_cut,
    "logistic fit (probability_cut)": probability_cut,
    "fixed 0.5": lambda probs, cast: 0.5,
}


def shown_rows(data: Path) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, int]]:
    """Per annotated article of the 80%: the out-of-fold probabilities of its entities shown with a role,
    whether each was cast, the annotated mentions each covers, and the article's annotated mentions."""
    dev, _ = development_documents(data, read_split(data / "train"), key=lambda d: (d.lang, d.id))
    annotated = [d for d in dev if d.mentions]
    articles = out_of_fold_articles(annotated, dev, learn_from_documents(annotated))
    model, oof = fit_salience(articles)
    rows, pos = [], 0
    for a in articles:
        probs, covers = oof[pos : pos + len(a.covers)], np.array(a.covers)
        pos += len(a.covers)
        shown = probs >= model.cuts.get(a.lang, 0.5)
        rows.append((probs[shown], covers[shown] > 0, covers[shown], len(a.doc.mentions)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    rows = shown_rows(args.data)
    n = len(rows)
    print(f"{'reading':<32} {'line mean':>9} {'sd':>6} {'precision':>9} {'coverage':>8}")
    for name, read in READINGS.items():
        lines, cast, shown, covered, annotated = [], 0, 0, 0, 0
        for rest, held in group_splits(n):
            line = read(np.concatenate([rows[i][0] for i in rest]), np.concatenate([rows[i][1] for i in rest]))
            lines.append(line)
            for i in held:
                probs, is_cast, covers, mentions = rows[i]
                over = probs >= line
                cast += int(is_cast[over].sum())
                shown += int(over.sum())
                covered += int(covers[over].sum())
                annotated += mentions
        print(f"{name:<32} {np.mean(lines):>9.3f} {np.std(lines):>6.3f} {cast / max(shown, 1):>9.3f} "
              f"{covered / max(annotated, 1):>8.3f}")


if __name__ == "__main__":
    main()
