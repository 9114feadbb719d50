"""Inputs for fine-tuning the encoder on salience (is this found entity cast in a role at all?), from ../shared/data.

Each row is one entity the real finder groups in an annotated training article, read as the window of its
first mention (`window.mention_window`, the roles encoder's windows), labelled *cast* when it covers an
annotated mention (`salience_train.label`). The two answers are written as a two-way "main role"
(`mentioned`, `cast`) with one fine label, so `finetune.py` trains them unchanged. Three sets of rows:

- split 0: the articles of train minus the lockbox, their entities found out of fold as the lockbox
  run's salience model sees them (gazetteer and aliases learned on those articles), with its 5 folds;
- split 1: the lockbox articles, entities found with what was learned on split 0;
- split 2: every training article, entities as the shipped model's fit finds them (gazetteer out of fold,
  the shipped alias table): plan `all` trains on these; the plans `cv` and `lockbox` also answer them
  (`fold` = the split-0 fold of the article, -1 for a lockbox article), so that each gets an answer from
  a model that never saw its article, from which the shipped cuts are chosen.

    python -m narrascope.analyzers.roles.encoder.salience_rows --data ../shared/data/semeval2025_task10 --out .gpu/sal

The output holds article text in token form: keep it out of the repository (research-only data).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from narrascope.analyzers.entities.aliases import learn_from_documents
from narrascope.analyzers.entities.analyzer import ALIASES
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.train import document_folds, fit_lexicons
from narrascope.analyzers.roles.encoder import rows
from narrascope.analyzers.roles.encoder.e5q4 import Tokenizer, read
from narrascope.analyzers.roles.encoder.window import mention_window
from narrascope.analyzers.roles.salience_train import (
    SalienceArticle,
    find_entities,
    label,
    out_of_fold_articles,
)
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split

ANSWERS = ("mentioned", "cast")


def row_key(split: int, article: SalienceArticle, entity) -> str:
    """Names one row: the set, the article (language/id) and where the entity is first mentioned, so that an
    answer stays with its entity when the finder's grouping of other entities of the article changes."""
    first = min(entity.mentions, key=lambda m: m.start)
    return f"{split}:{article.doc.lang.upper()}/{article.doc.id}@{first.start}-{first.end}"


def split_articles(data: Path, progress=print) -> dict[int, list[SalienceArticle]]:
    """The three sets of the module docstring, each article with the entities found and their labels."""
    everything = read_split(Path(data) / "train")
    dev, held = split_documents(everything, read_lockbox(lockbox_file(Path(data))), key=lambda d: (d.lang, d.id))
    dev_annotated, held_annotated = [d for d in dev if d.mentions], [d for d in held if d.mentions]
    dev_canon = learn_from_documents(dev_annotated, fit_lexicons(dev_annotated, dev), dev)
    sets = {0: out_of_fold_articles(dev_annotated, dev, dev_canon, progress=progress)}
    found = find_entities(held_annotated, fit_lexicons(dev_annotated, dev), dev_canon)
    sets[1] = [SalienceArticle(d, e, label(d, e)) for d, e in zip(held_annotated, found, strict=True)]
    progress("salience rows: lockbox entities found")
    sets[2] = out_of_fold_articles([d for d in everything if d.mentions], everything, Canonicalizer.load(ALIASES),
                                   progress=progress)
    return sets


def prepare(data: Path, out: Path, progress=print) -> str:
    """Write the rows of the three sets into the folder `out` (as `rows.prepare`); a one-line summary."""
    f = read()
    tok, c = Tokenizer(f), f.config
    sets = split_articles(data, progress)
    dev_fold = _folds(sets[0])
    prefix = tok("passage:")
    table: dict[str, list] = {k: [] for k in ("seq", "fold", "split", "main", "lang", "key")}
    for split, articles in sets.items():
        for a in articles:
            fold = dev_fold.get(_article(a), -1) if split != 1 else -1
            for entity, covers in zip(a.entities, a.covers, strict=True):
                first = min(entity.mentions, key=lambda m: m.start)
                table["seq"].append(mention_window(tok, a.doc.text, first.start, first.end, prefix, c["bos"], c["eos"]))
                table["fold"].append(fold)
                table["split"].append(split)
                table["main"].append(int(covers > 0))
                table["lang"].append(a.lang)
                table["key"].append(row_key(split, a, entity))
    out = Path(out)
    ids, lens, config = rows.pack(f, table["seq"], out)
    (out / "config.json").write_text(json.dumps({**config, "mains": list(ANSWERS), "fines": ["cast"],
                                                 "children": {"mentioned": [], "cast": [0]}}))
    main = np.array(table["main"])
    split = np.array(table["split"], np.int8)
    np.savez_compressed(out / "data.npz", ids=ids, lens=lens, folds=np.array(table["fold"]), split=split,
                        mains=main, fines=main[:, None].astype(np.float32), langs=np.array(table["lang"]),
                        keys=np.array(table["key"]), final=split == 2)
    counts = ", ".join(f"split {s}: {int(np.sum(split == s))} ({main[split == s].mean():.2f} cast)" for s in sets)
    return f"{len(ids)} entities ({counts}), {config['n_used']} vocabulary rows -> {out}"


def _article(a: SalienceArticle) -> str:
    return f"{a.doc.lang}/{a.doc.id}"


def _folds(articles: Sequence[SalienceArticle]) -> dict[str, int]:
    """The 5 document folds of `salience_train.fit_salience` over these articles."""
    keys = [f"{a.lang}/{a.doc.id}" for a in articles]
    return {_article(a): int(k) for a, k in zip(articles, document_folds(keys, 5), strict=True)}


if __name__ == "__main__":
    rows.main(prepare, __doc__)
