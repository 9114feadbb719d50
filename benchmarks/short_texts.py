"""How often are the narrative labels and entity roles shown as confident right on a text far shorter than the
articles the models learned from (a headline, a post)? Cross-validation on the training articles outside the
lockbox (the lockbox is never read).

The articles are split into five groups (near-duplicates together); a model is fitted on four, as
`narrascope train narratives` fits one, and reads only the first k words of each article of the fifth. Its
chosen labels are counted as confident (over its weak line) or weak, and right where the whole article's gold
has them: an optimistic count, since the first words need not carry every narrative of the article. The
shortest training article has 45 words; `confidence.MIN_ARTICLE_WORDS` is where the analyzers warn.

`--roles`: the same for the entities shown with a role not marked weak, by the entities + roles pipeline with
a roles model fitted on four groups of the annotated articles: the share of them the annotators cast, counted
two ways, an annotated mention inside the words read (which understates: annotators often mark a later
mention) or the entity's name among the article's annotated mentions anywhere (which overstates).

    python -m benchmarks.short_texts              # about 3 min on two cores (sentence vectors cached)
    python -m benchmarks.short_texts --words 3 10 40
    python -m benchmarks.short_texts --roles      # about 6 min
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


def first_words(doc, k: int | None):
    """`doc` (a T10Document) cut after its first `k` words, with the annotated mentions inside them."""
    from narrascope.semeval.t10 import T10Document

    end = 0
    for i, word in enumerate(doc.text.split()):
        if k is not None and i == k:
            return T10Document(doc.id, doc.lang, doc.text[:end], mentions=[m for m in doc.mentions if m.end < end])
        end = doc.text.index(word, end) + len(word)
    return doc


def role_tally(data: Path, words: tuple[int | None, ...]) -> dict[tuple[int | None, str], list[int]]:
    """(k words, count) -> [confident cast, confident, weak cast, weak], `count` being "inside" (an annotated
    mention inside the words read) or "by name" (the entity's name among the article's annotated mentions)."""
    from narrascope.analyzers.entities.aliases import learn_from_documents
    from narrascope.analyzers.entities.train import document_folds, fit_lexicons
    from narrascope.analyzers.roles.fitting import fit_roles
    from narrascope.analyzers.roles.lockbox import pipeline_shown
    from narrascope.semeval.lockbox import development_documents
    from narrascope.semeval.t10 import read_split

    dev, _ = development_documents(data, read_split(data / "train"), key=lambda d: (d.lang, d.id))
    annotated = [d for d in dev if d.mentions]
    group_of = document_folds([f"{d.lang}/{d.id}" for d in annotated], 5)
    counts: dict[tuple[int | None, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for group in range(5):
        train = [d for d, g in zip(annotated, group_of, strict=True) if g != group]
        held = [d for d, g in zip(annotated, group_of, strict=True) if g == group]
        names = learn_from_documents(train, fit_lexicons(train, dev), dev)
        model = fit_roles(train, dev, names, folds=5)
        for k in words:
            articles, shown, confident = pipeline_shown(model, train, dev, [first_words(d, k) for d in held], names)
            for whole, article, shown_row, confident_row in zip(held, articles, shown, confident, strict=True):
                cast_names = {names.canonical(whole.lang.lower(), m.text) for m in whole.mentions}
                for entity, covers, is_shown, is_confident in zip(article.entities, article.covers, shown_row,
                                                                  confident_row, strict=True):
                    if not is_shown:
                        continue
                    at = 0 if is_confident else 2
                    for count, cast in (("inside", covers > 0), ("by name", covers > 0 or entity.name in cast_names)):
                        counts[(k, count)][at] += int(cast)
                        counts[(k, count)][at + 1] += 1
        print(f"group {group + 1}/5 done", flush=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=list(WORDS))
    parser.add_argument("--roles", action="store_true", help="entity roles instead of narratives")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    words = (*args.words, None)
    if args.roles:
        counts = role_tally(args.data, words)
        print(f"{'cast':8} {'words':>6} {'confident':>10} {'cast':>6} {'weak':>6} {'cast':>6}")
        for count in ("inside", "by name"):
            for k in words:
                cr, cn, wr, wn = counts[(k, count)]
                print(f"{count:8} {'all' if k is None else k:>6} {cn:>10} {cr / max(cn, 1):>6.3f} {wn:>6} "
                      f"{wr / max(wn, 1):>6.3f}")
        return
    counts = tally(args.data, words)
    print(f"{'head':10} {'words':>6} {'confident':>10} {'right':>6} {'weak':>6} {'right':>6}")
    for head in ("narrative", "fine"):
        for k in words:
            cr, cn, wr, wn = counts[(k, head)]
            print(f"{head:10} {'all' if k is None else k:>6} {cn:>10} {cr / max(cn, 1):>6.3f} {wn:>6} {wr / max(wn, 1):>6.3f}")


if __name__ == "__main__":
    main()
