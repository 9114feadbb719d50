"""How often are the narrative labels shown as confident right on a text far shorter than the articles the
model learned from (a headline, a post)? Cross-validation on the training articles outside the lockbox (the
lockbox is never read).

The articles are split into five groups (near-duplicates together); a model is fitted on four, as
`narrascope train narratives` fits one, and reads only the first k words of each article of the fifth. Its
chosen labels are counted as confident (over its weak line) or weak, and right where the whole article's gold
has them: an optimistic count, since the first words need not carry every narrative of the article. The
shortest training article has 45 words; `confidence.MIN_ARTICLE_WORDS` is where the analyzers warn.

    python -m benchmarks.short_texts              # about 3 min on two cores (sentence vectors cached)
    python -m benchmarks.short_texts --words 3 10 40
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2025_task10"
WORDS = (3, 5, 10, 20, 40, 60)


def tally(data: Path, words: tuple[int | None, ...]) -> dict[tuple[int | None, str], list[int]]:
    """(k words, head) -> [confident right, confident, weak right, weak] over the five held-out groups."""
    from narrascope.analyzers.narratives.analyzer import choices
    from narrascope.analyzers.narratives.fitting import SEED, LabelSpace, fit, grouped_folds
    from narrascope.semeval.lockbox import development_documents
    from narrascope.semeval.t10 import read_split

    dev, _ = development_documents(data, read_split(data / "train"), key=lambda d: (d.lang, d.id))
    docs = [d for d in dev if d.narratives is not None]
    texts = [d.text for d in docs]
    gold = LabelSpace().matrices(docs)
    counts: dict[tuple[int | None, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for group, (train, held) in enumerate(grouped_folds(texts, 5, SEED)):
        model, _ = fit([docs[i] for i in train])
        for k in words:
            cut = [texts[i] if k is None else " ".join(texts[i].split()[:k]) for i in held]
            probs = model.probabilities(model.scores(model.featurize(cut)))
            for j, choice in enumerate(choices(model, probs)):
                for head, given in (("narrative", choice.narratives), ("fine", choice.fine)):
                    for label in given:
                        right = int(gold[head][held[j], label])
                        row = counts[(k, head)]
                        at = 0 if probs[head][j, label] >= model.weak_below[head] else 2
                        row[at] += right
                        row[at + 1] += 1
        print(f"group {group + 1}/5 done", flush=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=list(WORDS))
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    words = (*args.words, None)
    counts = tally(args.data, words)
    print(f"{'head':10} {'words':>6} {'confident':>10} {'right':>6} {'weak':>6} {'right':>6}")
    for head in ("narrative", "fine"):
        for k in words:
            cr, cn, wr, wn = counts[(k, head)]
            print(f"{head:10} {'all' if k is None else k:>6} {cn:>10} {cr / max(cn, 1):>6.3f} {wn:>6} {wr / max(wn, 1):>6.3f}")


if __name__ == "__main__":
    main()
