"""How the technique model does in a language it was never trained on: leave one language out.

Three of the five languages of the narrative corpus (Bulgarian, Portuguese, Hindi) have no technique
annotations, so their techniques come from a model trained on others. This measures what that costs on
the six languages that do have them: for each language L of SemEval-2023 Task 3, the model is fitted as
`narrascope train techniques` fits it on the other languages' articles outside the lockbox, and scores
L's articles as those of a language it does not know, two ways:

- `mixed`: the n-gram models and the embedding heads averaged, as for a training language (what an
  unseen language got before);
- `vectors alone`: the embedding heads alone (`TechniqueModel.reads_by_vectors_alone`: what a language
  the sentence encoder was built for, such as Portuguese, gets now);

beside the plain baseline (TF-IDF word 1-2-grams + logistic regression per technique, one threshold)
trained on the same articles. Printed for L's articles of the 80% (`dev`: where the choice was made) and
of the lockbox: paragraph micro-F1 (official), span F1 with partial credit, labels per article and the
precision of the labels not marked weak, each with 95% bootstrap intervals over articles. Bulgarian and
Hindi, which the encoder was not built for, keep the mixed scoring: nothing here measures them.

    python -m benchmarks.techniques_unseen                   # all six languages, about 25 min on two cores
    python -m benchmarks.techniques_unseen --languages ru,it # fewer languages, faster
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

import numpy as np

from narrascope.analyzers import evaluation as E
from narrascope.analyzers.techniques import baseline as B
from narrascope.analyzers.techniques import lockbox as LB
from narrascope.analyzers.techniques import train as TR
from narrascope.analyzers.techniques import training_data as D
from narrascope.analyzers.techniques.fitting import Settings, document_folds
from narrascope.semeval.t3 import ISO_CODES

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2023_task3"
VARIANTS = {"mixed": False, "vectors alone": True}


def iso(doc) -> str:
    return ISO_CODES.get(doc.lang, doc.lang)


def scored(model, docs) -> dict:
    """Per variant, the model's labels and spans for `docs` (their language unknown to it)."""
    langs = [iso(d) for d in docs]
    texts = [d.text for d in docs]
    pars = [[(p.start, p.end, p.number) for p in d.paragraphs] for d in docs]
    found = {}
    for name, alone in VARIANTS.items():
        variant = dataclasses.replace(model, heads_alone_when_unseen=alone)
        cands, p_sent, p_par = variant.score(texts, langs, pars)
        found[name] = variant.decode(texts, langs, cands, p_sent, p_par)
    return found


def per_article(docs, found, labels, weak_below: float) -> dict[str, np.ndarray]:
    """Per article: paragraph label counts (tp, fp, fn per technique), span credits, labels given, and
    right/given counts of the labels at or above `weak_below` (and below)."""
    gold, article = LB.gold_matrix(docs, labels)
    pred = LB.predicted_matrix(docs, found, labels)
    return {
        "counts": LB.article_counts(gold, pred, article, len(docs)),
        "spans": LB.span_credits(docs, found, labels),
        "given": np.array([sum(len(p.labels) for p in f.paragraphs) for f in found], dtype=float)[:, None],
        "confidence": LB.confidence_counts(docs, found, labels, weak_below),
    }


def _micro(counts):
    return lambda idx: LB.M.micro_f1_of_counts(counts[idx].sum(axis=0))


def _span(credits):
    return lambda idx: LB.M.f1_of_credit(*credits[idx].sum(axis=0)).f1


def _confident_precision(confidence):
    return lambda idx: confidence[idx, 0].sum() / max(confidence[idx, 1].sum(), 1)


def report(part: str, rows: list[dict], groups: np.ndarray) -> dict:
    """The tables of one part (dev or lockbox): vectors alone against mixed, and against the baseline."""
    def stack(variant, key):
        return np.concatenate([r[variant][key] for r in rows])

    out, text = {}, []
    for title, stat, key in [("paragraph micro-F1 (official)", _micro, "counts"),
                             ("span F1, partial credit, per technique", _span, "spans"),
                             ("precision of the labels not marked weak", _confident_precision, "confidence")]:
        cmp = E.grouped_comparisons(stat, stack("vectors alone", key), stack("mixed", key), groups)
        text.append(E.format_comparisons(f"{part}, {title}: vectors alone vs mixed", cmp, columns=("alone", "mixed")))
        out[key] = {r.group: r.to_dict() for r in cmp}
    cmp = E.grouped_comparisons(_micro, stack("vectors alone", "counts"), stack("baseline", "counts"), groups)
    text.append(E.format_comparisons(f"{part}, paragraph micro-F1 (official): vectors alone vs plain baseline", cmp,
                                     columns=("alone", "baseline")))
    out["baseline_micro"] = {r.group: r.to_dict() for r in cmp}
    lines = [f"{part}, paragraph labels per article (of them not marked weak): vectors alone / mixed"]
    for group in [*dict.fromkeys(groups.tolist()), "all"]:
        idx = np.flatnonzero(groups == group) if group != "all" else np.arange(len(groups))
        shown = {v: (stack(v, "given")[idx].mean(), stack(v, "confidence")[idx, 1].mean())
                 for v in ("vectors alone", "mixed")}
        out.setdefault("labels_per_article", {})[group] = shown
        lines.append(f"{group:<8}{len(idx):>5}  " + " / ".join(f"{a:.1f} ({c:.1f})" for a, c in shown.values()))
    text.append("\n".join(lines))
    print("\n\n".join(text), flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--languages", default="en,it,ru,pl,fr,de", help="ISO codes to leave out, one at a time")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    split = D.load(args.data, lockbox=True)
    parts: dict[str, list[dict]] = {"dev": [], "lockbox": []}
    groups: dict[str, list[str]] = {"dev": [], "lockbox": []}
    for lang in args.languages.split(","):
        started = time.time()
        train = [d for d in split.train if iso(d) != lang]
        settings = Settings()  # the defaults `narrascope train techniques` fits with
        ds = TR.dataset(train, args.data, settings, None)
        model, _ = TR.fit(ds, settings, None, report_cv=False)
        model.trained_on = tuple(sorted({iso(d) for d in train}))
        texts = [ds.docs[d].text[s:e] for d, (s, e, _) in zip(ds.cands.par_doc, ds.cands.par_bounds, strict=True)]
        baseline = B.fit_with_threshold(texts, ds.y_par, document_folds(ds.docs, 5, settings.seed)[ds.cands.par_doc])
        for part, docs in (("dev", [d for d in split.train if iso(d) == lang]),
                           ("lockbox", [d for d in split.held if iso(d) == lang])):
            found = scored(model, docs)
            row = {name: per_article(docs, f, model.labels, model.weak_below or 0.0) for name, f in found.items()}
            base = baseline.predict([d.text[p.start:p.end] for d in docs for p in d.paragraphs])
            gold, article = LB.gold_matrix(docs, model.labels)
            row["baseline"] = {"counts": LB.article_counts(gold, base, article, len(docs))}
            parts[part].append(row)
            groups[part] += [lang] * len(docs)
        print(f"{lang}: fitted without it and scored in {time.time() - started:.0f} s", flush=True)
    figures = {part: report(part, parts[part], np.array(groups[part])) for part in parts}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
