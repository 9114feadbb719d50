"""`narrascope evaluate narratives --lockbox`: the model and the plain baseline on the lockbox (issue 17).

Both are trained on train minus the lockbox (`../shared/data/splits/semeval2025_task10_lockbox.tsv`),
every choice inside by cross-validation on that part only, and score the lockbox with the official
samples-F1 (coarse = narratives, fine = sub-narratives), per language and as the mean of the five
languages, each with its 95% bootstrap interval and the paired difference. Robustness, in the same run:
- prior shift: the lockbox re-weighted so that `Other` articles are 5% and 40% of every language;
- order: every lockbox article with its body paragraphs shuffled (title first, 3 shuffles), and the
  seed articles (`../shared/seeds/`, 12 shuffles each): the share of copies whose label set
  (narratives and sub-narratives) is unchanged;
- `Other` answers per language against the gold count (the share of `Other` must follow the evidence).
Confidence: how often the chosen labels marked weak (under the model's cut) are right, beside the others.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from narrascope.analyzers import confidence as C
from narrascope.analyzers.evaluation import (
    Comparison,
    bootstrap,
    compare,
    format_comparisons,
    prior_weights,
    share_unchanged,
    shuffled_body,
)
from narrascope.analyzers.narratives.baseline import PlainBaseline
from narrascope.analyzers.narratives.fitting import (
    DEFAULT_CONFIG,
    SEED,
    LabelSpace,
    Progress,
    chosen_labels,
    fit,
    grouped_folds,
    labelled_documents,
    no_progress,
    predict,
)
from narrascope.analyzers.narratives.metrics import document_f1
from narrascope.semeval.lockbox import lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import LANGUAGES
from narrascope.taxonomy import OTHER

SHARES = (0.05, 0.40)
LOCKBOX_SHUFFLES = 3
SEED_SHUFFLES = 12
LEVELS = ("coarse", "fine")
Labels = tuple[list[str], list[str]]


def evaluate_lockbox(data: Path, folds: int = 5, seed: int | None = None, progress: Progress = no_progress,
                     config: dict | None = None, seeds: str = "", **_: str) -> dict:
    started = time.time()
    seed = SEED if seed is None else seed
    config = {**DEFAULT_CONFIG, **(config or {})}
    docs = labelled_documents(data)
    dev, held = split_documents(docs, read_lockbox(lockbox_file(data)), key=lambda d: (d.lang, d.id))
    space = LabelSpace()
    progress(f"model: training on {len(dev)} articles (train minus the {len(held)} of the lockbox)…")
    model, _ = fit(dev, config, folds, seed, progress)
    held_texts = [d.text for d in held]
    preds = {"model": predict(model, held_texts)}
    confidence = confidence_report(model, held, held_texts, space)
    progress("baseline: TF-IDF + one-vs-rest logistic regression, one cut per level…")
    Y = space.matrices(dev)
    baseline = PlainBaseline(space.narratives, space.fine).fit(
        [d.text for d in dev], Y["narrative"], Y["fine"], space.classes_coarse, space.classes_fine,
        grouped_folds([d.text for d in dev], folds, seed), progress)
    preds["baseline"] = baseline.predict(held_texts)
    scores = beside_baseline(held, preds, space)
    scores["confidence"] = confidence
    progress("order check: shuffled paragraphs…")
    scores["order"] = {"lockbox": order_check(held_texts, preds, model, baseline, LOCKBOX_SHUFFLES, seed)}
    seed_dir = Path(seeds) if seeds else Path(data).resolve().parent.parent / "seeds"
    seed_texts = [p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt"))] if seed_dir.is_dir() else []
    if seed_texts:
        seed_preds = {"model": predict(model, seed_texts), "baseline": baseline.predict(seed_texts)}
        scores["order"]["seeds"] = order_check(seed_texts, seed_preds, model, baseline, SEED_SHUFFLES, seed)
    scores["documents"] = {"train": len(dev), "lockbox": len(held)}
    scores["config"] = config
    scores["run_seconds"] = round(time.time() - started, 1)
    return {"table": format_report(scores), "scores": to_json(scores)}


def beside_baseline(docs, preds: dict[str, Sequence[Labels]], space: LabelSpace) -> dict:
    """The model's samples-F1 beside the baseline's (`preds` has both) per level, language and the mean of
    the languages; the same with `Other` re-weighted to each share in SHARES; the `Other` answers."""
    langs = np.array([d.lang for d in docs])
    f1 = {level: {who: article_f1(docs, p, space, level) for who, p in preds.items()} for level in LEVELS}
    scores: dict = {level: _comparisons(f1[level], langs) for level in LEVELS}
    is_other = np.array([not (d.narratives or []) or d.narratives == [OTHER] for d in docs])
    scores["prior_shift"] = {}
    for share in SHARES:
        w = prior_weights(is_other, langs, share)
        scores["prior_shift"][f"{share:.2f}"] = {level: _comparisons(f1[level], langs, w) for level in LEVELS}
    scores["other_answers"] = _other_answers(docs, preds, langs)
    return scores


def confidence_report(model, held, texts: list[str], space: LabelSpace) -> dict:
    """Per level: how often the chosen labels at or above the model's weak cut are right, beside those
    marked weak, per language and pooled (`confidence.precision_by_confidence`), and the weak share."""
    probs = model.probabilities(model.scores(model.featurize(texts)))
    given = chosen_labels(model, probs, space.matrices(held))
    langs = np.array([d.lang for d in held])
    out = {}
    for level, head in (("coarse", "narrative"), ("fine", "fine")):
        cut = model.weak_below.get(head, 0.0)
        counts = np.stack([C.tally(*g[head], cut) for g in given]).reshape(-1, 4)
        out[level] = {"weak_below": cut, "weak_share": round(C.weak_share(counts), 4),
                      "precision": {r.group: r for r in C.precision_by_confidence(counts, langs)}}
    return out


def article_f1(docs, preds: Sequence[Labels], space: LabelSpace, level: str) -> np.ndarray:
    """Official per-article samples-F1 of one level (labels outside the scorer's classes ignored)."""
    if level == "coarse":
        return np.array([document_f1(d.narratives or [], p[0], space.classes_coarse) for d, p in zip(docs, preds, strict=True)])
    return np.array([document_f1(d.subnarratives or [], p[1], space.classes_fine) for d, p in zip(docs, preds, strict=True)])


def _comparisons(f1: dict[str, np.ndarray], langs: np.ndarray, weights: np.ndarray | None = None) -> dict:
    """Per language and the five-language mean: model, baseline, difference, each with its interval."""
    rows = {}
    for lang in LANGUAGES:
        m = langs == lang
        if m.any():
            rows[lang] = compare(lang, f1["model"][m], f1["baseline"][m], None if weights is None else weights[m])
    rows["mean5"] = language_mean(f1["model"], f1["baseline"], langs, weights)
    return rows


def language_mean(model: np.ndarray, baseline: np.ndarray, langs: np.ndarray,
                  weights: np.ndarray | None = None) -> Comparison:
    """The unweighted mean over languages of each language's (weighted) mean, resampled within languages."""
    w = np.ones(len(model)) if weights is None else np.asarray(weights, dtype=np.float64)
    groups = sorted(set(langs.tolist()))

    def stat(values: np.ndarray):
        def mean_of_languages(idx: np.ndarray) -> float:
            v, ww, lg = values[idx], w[idx], langs[idx]
            return float(np.mean([(v[lg == g] * ww[lg == g]).sum() / ww[lg == g].sum() for g in groups]))
        return mean_of_languages

    n = len(model)
    return Comparison("mean5", n, bootstrap(stat(model), n, strata=langs), bootstrap(stat(baseline), n, strata=langs),
                      bootstrap(stat(model - baseline), n, strata=langs))


def _other_answers(held, preds: dict[str, Sequence[Labels]], langs: np.ndarray) -> dict:
    out = {}
    for lang in LANGUAGES:
        idx = np.flatnonzero(langs == lang)
        if len(idx):
            out[lang] = {"articles": len(idx),
                         "gold": int(sum(not (held[i].narratives or []) or held[i].narratives == [OTHER] for i in idx)),
                         **{who: int(sum(p[i][0] == [OTHER] for i in idx)) for who, p in preds.items()}}
    return out


def order_check(texts: Sequence[str], preds: dict[str, Sequence[Labels]], model, baseline: PlainBaseline,
                shuffles: int, seed: int) -> dict:
    """Share of shuffled copies (title first, body paragraphs in another order) whose full label set is
    unchanged, for the model and the baseline; articles of fewer than three paragraphs have no other
    order and are left out."""
    rng = np.random.default_rng(seed)
    copies, origin = [], []
    for i, text in enumerate(texts):
        for _ in range(shuffles):
            shuffled = shuffled_body(text, rng)
            if shuffled != text:
                copies.append(shuffled)
                origin.append(i)
    if not copies:
        return {"copies": 0}
    after = {"model": predict(model, copies), "baseline": baseline.predict(copies)}

    def as_set(labels: Labels) -> frozenset[str]:
        return frozenset(labels[0]) | frozenset(labels[1])

    out: dict = {"copies": len(copies), "articles": len(set(origin))}
    for who in ("model", "baseline"):
        before = [as_set(preds[who][i]) for i in origin]
        out[who] = round(share_unchanged(before, [as_set(x) for x in after[who]]), 4)
    return out


def format_report(s: dict, title: str = "Lockbox") -> str:
    level_names = {"coarse": "narratives (coarse)", "fine": "sub-narratives (fine)"}
    parts = []
    for level in LEVELS:
        parts.append(format_comparisons(f"{title} samples-F1, {level_names[level]}: model vs plain baseline",
                                        list(s[level].values())))
    for share, levels in s["prior_shift"].items():
        for level in LEVELS:
            parts.append(format_comparisons(f"Prior shift: Other = {float(share):.0%} of every language, "
                                            f"{level_names[level]}", list(levels[level].values())))
    for level, c in s.get("confidence", {}).items():
        parts.append(format_comparisons(
            f"Precision of the chosen {level_names[level]}: confident vs weak (probability under "
            f"{c['weak_below']:.3f}: {c['weak_share']:.0%} of the labels)", list(c["precision"].values()),
            columns=("confident", "weak")))
    other = s["other_answers"]
    parts.append("Other answers (articles answered `Other`): " + "; ".join(
        f"{lang} gold {r['gold']}/{r['articles']}, model {r['model']}, baseline {r['baseline']}" for lang, r in other.items()))
    for name, r in s.get("order", {}).items():
        if r.get("copies"):
            parts.append(f"Order check ({name}): {r['copies']} shuffled copies of {r['articles']} articles keep their "
                         f"label set: model {r['model']:.1%}, baseline {r['baseline']:.1%}")
    if "documents" in s:
        docs = s["documents"]
        parts.append(f"Trained on {docs['train']} articles, scored on {docs['lockbox']}; run time {s['run_seconds']:.0f} s.")
    return "\n\n".join(parts)


def to_json(scores: dict) -> dict:
    """The scores with every Comparison as a plain dict (for --json)."""
    def convert(x):
        if isinstance(x, Comparison):
            return x.to_dict()
        if isinstance(x, dict):
            return {k: convert(v) for k, v in x.items()}
        return x
    return convert(scores)
