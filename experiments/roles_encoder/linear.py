"""The shipped linear role model's answers, scored per mention, on the rows `prepare.py` writes.

`--cv`: 5-fold cross-validation on train minus the lockbox with the same document folds; `--lockbox`: fitted
on train minus the lockbox as `narrascope evaluate roles --lockbox` fits it (aliases learned on the same
articles), with the majority and name-prior baselines. Writes {key: {system: [main hit, exact-match hit]}}.

    python experiments/roles_encoder/linear.py --data ../shared/data/semeval2025_task10 --lockbox --out lin.json
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from narrascope.analyzers.entities.aliases import learn_aliases
from narrascope.analyzers.entities.analyzer import ALIASES
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.train import document_folds
from narrascope.analyzers.roles.baseline import LabelledName, MajorityPair, NamePrior
from narrascope.analyzers.roles.context import prepare_documents
from narrascope.analyzers.roles.fitting import examples_of, predict_given, spans_by_doc
from narrascope.analyzers.roles.model import RoleModel, RoleModelConfig
from narrascope.nlp.embeddings import get_embedder
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import read_split


def hits(main: str, fines, gold_main: str, gold_fines) -> list[int]:
    return [int(main == gold_main), int(frozenset(fines) == frozenset(gold_fines))]


def cross_validated(dev) -> dict:
    ex = examples_of(dev, Canonicalizer.load(ALIASES))
    ctx = prepare_documents(ex.texts, ex.langs, spans_by_doc(ex), embedder="use", cache=True)
    doc_fold = document_folds([f"{lang}/{d}" for lang, d in zip(ex.langs, ex.doc_ids, strict=True)], 5)
    fold = np.array([doc_fold[m.doc_key] for m in ex.mentions])
    out = {}
    for f in range(5):
        model = RoleModel(RoleModelConfig()).fit(ctx, [m for m, k in zip(ex.mentions, fold, strict=True) if k != f])
        test = np.flatnonzero(fold == f)
        p_main, p_fine = model.predict_proba(ctx, [ex.mentions[i] for i in test])
        for i, (main, _, fines) in zip(test, model.decode(p_main, p_fine), strict=True):
            m = ex.mentions[i]
            out[f"{ex.doc_ids[m.doc_key]}#{i}"] = {"linear": hits(main, [x for x, _ in fines], m.main_role,
                                                                  m.fine_roles)}
    return out


def lockbox(dev, held) -> dict:
    canon = learn_aliases([(d.lang, d.id, m.text) for d in dev for m in d.mentions], get_embedder("use").encode)
    ex = examples_of(dev, canon)
    ctx = prepare_documents(ex.texts, ex.langs, spans_by_doc(ex), embedder="use", cache=True)
    model = RoleModel(RoleModelConfig()).fit(ctx, ex.mentions)
    hx, answers = predict_given(model, held, canon)
    rows = [LabelledName(ex.langs[m.doc_key].upper(), m.key, m.main_role or "", m.fine_roles) for m in ex.mentions]
    majority, prior = MajorityPair.fit(rows), NamePrior.fit(rows)
    out = {}
    for i, (m, (main, fines, _)) in enumerate(zip(hx.mentions, answers, strict=True)):
        lang = hx.langs[m.doc_key].upper()
        mj, pr = majority.predict(lang), prior.predict(lang, m.key)
        out[f"{hx.doc_ids[m.doc_key]}#{i}"] = {"linear": hits(main, fines, m.main_role, m.fine_roles),
                                               "majority": hits(*mj, m.main_role, m.fine_roles),
                                               "name prior": hits(*pr, m.main_role, m.fine_roles)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--lockbox", action="store_true", help="the lockbox fit (default: cross-validation)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    everything = read_split(args.data / "train")
    dev, held = split_documents(everything, read_lockbox(lockbox_file(args.data)), key=lambda d: (d.lang, d.id))
    dev, held = [d for d in dev if d.mentions], [d for d in held if d.mentions]
    args.out.write_text(json.dumps(lockbox(dev, held) if args.lockbox else cross_validated(dev)))


if __name__ == "__main__":
    main()
