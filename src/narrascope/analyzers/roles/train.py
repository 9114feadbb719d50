"""`narrascope train roles` and `narrascope evaluate roles`: the entity-role model of SemEval-2025 T10
subtask 1 (role classifier + salience), rebuilt from the train split, measured on the lockbox.

- `train_and_save`: fits on every annotated article of `train` and saves `models/roles/`; unless
  `folds` is 0 it first runs the lockbox evaluation (`lockbox.evaluate_lockbox`) and writes the model
  card from those figures;
- `evaluate_lockbox`: the yardstick (trained on train minus the lockbox, scored on the lockbox beside
  the majority and name-prior baselines);
- `cross_validate`: document-grouped k-fold cross-validation on train minus the lockbox (where choices
  are made), beside the majority and name-prior baselines of the same folds.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import artifact_size_kb, write_card
from narrascope.analyzers.entities.analyzer import ALIASES
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.train import document_folds
from narrascope.analyzers.evaluation import format_comparisons
from narrascope.analyzers.roles.baseline import LabelledName, MajorityPair, NamePrior
from narrascope.analyzers.roles.context import prepare_documents
from narrascope.analyzers.roles.fitting import RoleExamples, examples_of, fit_roles, spans_by_doc, st1_scores
from narrascope.analyzers.roles.lockbox import ScoredMention, answer_pair, comparisons, evaluate_lockbox
from narrascope.analyzers.roles.model import MODEL_DIR, RoleModel, RoleModelConfig
from narrascope.analyzers.roles.salience_train import TARGET_COVERAGE
from narrascope.semeval.lockbox import development_documents
from narrascope.semeval.t10 import T10Document, read_split

log = logging.getLogger(__name__)

REBUILD = "narrascope train roles --data ../shared/data/semeval2025_task10"
EVALUATE = "narrascope evaluate roles --data ../shared/data/semeval2025_task10 --lockbox --json roles-lockbox.json"

__all__ = ["MODEL_DIR", "cross_validate", "evaluate_lockbox", "train_and_save"]


def out_of_fold_probabilities(docs: Sequence, folds: int = 5, config: RoleModelConfig | None = None):
    """(examples, p_main, p_fine, last fold's model): every annotated mention of `docs` scored by a role
    model fitted on the other document-grouped folds (gold mentions given)."""
    ex = examples_of(docs, Canonicalizer.load(ALIASES))
    config = config or RoleModelConfig()
    contexts = prepare_documents(ex.texts, ex.langs, spans_by_doc(ex), embedder=config.embedder, cache=True)
    mention_fold = mention_folds(ex, folds)
    p_main = p_fine = None
    model = RoleModel(config)
    for f in range(folds):
        train = [m for m, mf in zip(ex.mentions, mention_fold, strict=True) if mf != f]
        test_idx = np.flatnonzero(mention_fold == f)
        model = RoleModel(config).fit(contexts, train)
        pm, pf = model.predict_proba(contexts, [ex.mentions[i] for i in test_idx])
        if p_main is None:
            p_main, p_fine = np.zeros((len(ex.mentions), pm.shape[1])), np.zeros((len(ex.mentions), pf.shape[1]))
        p_main[test_idx], p_fine[test_idx] = pm, pf
        log.info("fold %d/%d done", f + 1, folds)
    return ex, p_main, p_fine, model


def mention_folds(ex: RoleExamples, folds: int) -> np.ndarray:
    """The fold of every mention of `ex`: its article's (`entities.train.document_folds`)."""
    doc_fold = document_folds([f"{lang}/{d}" for lang, d in zip(ex.langs, ex.doc_ids, strict=True)], folds)
    return np.array([doc_fold[m.doc_key] for m in ex.mentions], dtype=int)


def cross_validate_roles(documents: Sequence[T10Document], folds: int = 5, config: RoleModelConfig | None = None
                         ) -> tuple[dict[str, dict[str, float]], list[ScoredMention]]:
    """Document-grouped k-fold CV of the role classifier (gold mentions given): the scores per language and
    overall, and every mention with the model's answer beside the majority and name-prior baselines fitted
    on the same folds (the lockbox's rows, for `lockbox.comparisons`)."""
    docs = [d for d in documents if d.mentions]
    ex, p_main, p_fine, model = out_of_fold_probabilities(docs, folds, config)
    # best fine role first, as a submission lists them
    predictions = [(main, [f for f, _ in fines]) for main, _, fines in model.decode(p_main, p_fine)]
    results: dict[str, dict[str, float]] = {}
    for lang in [*sorted({ex.langs[m.doc_key] for m in ex.mentions}), "all"]:
        idx = [i for i, m in enumerate(ex.mentions) if lang == "all" or ex.langs[m.doc_key] == lang]
        gold = [(ex.mentions[i].main_role or "", list(ex.mentions[i].fine_roles)) for i in idx]
        results[lang] = st1_scores(gold, [predictions[i] for i in idx])
    fold = mention_folds(ex, folds)
    names = [LabelledName(ex.langs[m.doc_key].upper(), m.key, m.main_role or "", m.fine_roles) for m in ex.mentions]
    scored: list[ScoredMention] = []
    for f in range(folds):
        train = [n for n, k in zip(names, fold, strict=True) if k != f]
        majority, prior = MajorityPair.fit(train), NamePrior.fit(train)
        for i in np.flatnonzero(fold == f):
            m, n = ex.mentions[i], names[i]
            scored.append(ScoredMention(
                article=f"{n.lang}/{ex.doc_ids[m.doc_key]}", lang=n.lang, gold=(n.main_role, frozenset(n.fine_roles)),
                answers={"model": (predictions[i][0], frozenset(predictions[i][1])),
                         "majority": answer_pair(majority.predict(n.lang)), "name prior": answer_pair(prior.predict(n.lang, n.key))}))
    return results, scored


def cross_validate(data: str | Path, folds: int = 5, seed: int | None = None,
                   progress: Callable[[str], None] | None = None) -> dict:
    """Cross-validated role scores on the train split of `data` minus its lockbox, where choices are made,
    beside the baselines of the same folds (the figures that count are the lockbox's, `evaluate roles
    --lockbox`)."""
    docs, part = development_documents(data, read_split(Path(data) / "train"), key=lambda d: (d.lang, d.id))
    scores, scored = cross_validate_roles(docs, folds=folds)
    tables, beside = [f"{part}\n{scores_table(scores)}"], {}
    for metric, title in (("emr", "exact-match ratio of fine roles"), ("main", "main-role accuracy")):
        for baseline in ("majority", "name prior"):
            rows = comparisons(scored, "model", baseline, metric)
            tables.append(format_comparisons(f"Cross-validation, {title}: model vs {baseline} baseline", rows))
            beside.setdefault(metric, {})[baseline] = {r.group: r.to_dict() for r in rows}
    return {"scores": {"roles": scores, "beside_baselines": beside}, "table": "\n\n".join(tables)}


def train_and_save(data: str | Path, out: str | Path = MODEL_DIR, folds: int = 5, seed: int | None = None,
                   progress: Callable[[str], None] | None = None, config: RoleModelConfig | None = None) -> dict:
    """Measure the setup on the lockbox (unless folds < 2), fit it on the whole train split of `data`,
    save it and write its model card from the lockbox figures. Needs the entities model of the same
    data (`narrascope train entities`): its canonical names key the role priors."""
    data, out = Path(data), Path(out)
    lockbox = evaluate_lockbox(data, folds=folds, progress=progress) if folds >= 2 else None
    everything = read_split(data / "train")
    model = fit_roles([d for d in everything if d.mentions], everything, Canonicalizer.load(ALIASES),
                      config=config, folds=max(folds, 2), progress=progress)
    if lockbox:
        model.meta["lockbox"] = lockbox["scores"]
    model.save(out)
    write_role_card(out, model, lockbox)
    return {"size_kb": artifact_size_kb(out), "table": lockbox["table"] if lockbox else "", "scores":
            lockbox["scores"] if lockbox else {}}


def scores_table(scores: dict[str, dict[str, float]]) -> str:
    lines = ["| language | mentions | EMR (fine roles) | EMR (official scorer) | main-role accuracy | micro-F1 (fine) |",
             "|---|---:|---:|---:|---:|---:|"]
    for lang, s in scores.items():
        lines.append(f"| {lang.upper()} | {s['n']} | {s['emr']:.3f} | {s['emr_official']:.3f} | {s['main_acc']:.3f} "
                     f"| {s['micro_f1']:.3f} |")
    langs = [k for k in scores if k != "all"]
    if langs:
        lines.append(f"\nMean EMR over languages: {np.mean([scores[k]['emr'] for k in langs]):.3f}")
    return "\n".join(lines)


def write_role_card(out: Path, model: RoleModel, lockbox: dict | None) -> None:
    cfg = model.config
    sal = model.salience
    figures = f"```\n{lockbox['table']}\n```" if lockbox else "Not measured in this build (trained with --folds 0)."
    write_card(
        out,
        "Model card: `roles` (entity framing, SemEval-2025 Task 10 subtask 1)",
        "Which entities an article casts in a role (salience), and the role: main role (Protagonist, Antagonist, "
        "Innocent), then one or more of its fine roles (`narrascope/taxonomy/entity_roles.yaml`).",
        {
            "Data": f"SemEval-2025 Task 10 `train` split, BG EN HI PT RU, {model.meta.get('n_train_mentions', '?')} "
                    "annotated mentions (research-only data, not in this repository)",
            "Method": "salience: logistic regression over entity facts (how much and where the article names it, "
                      "how its sentences name it, its name, how often annotators cast the name in training) and "
                      "the words around its first mentions, one cut per language (the most precise whose "
                      f"out-of-fold coverage of annotated mentions is >= {TARGET_COVERAGE}); roles: softmax "
                      "regressions over a "
                      f"{cfg.window}-word window around the mention (mention masked), its edge words, the sentences "
                      "naming the entity, character n-grams of the name (TF-IDF, `WORD_PATTERN` words), USE "
                      "sentence vectors, the language and the roles the canonical name got in training; main role "
                      "first (class weights ** "
                      f"{cfg.class_power}), fine roles among its children; main-role probability calibrated by a "
                      f"temperature ({model.temperature:.2f}) fitted out of fold; `weak` under {cfg.weak_below}, "
                      "or where the entity's salience is under "
                      f"{(sal.confident if sal else 0.0):.3f}, the line from which the entities shown with a role "
                      "were cast at least half the time out of fold by a logistic fit (one line for every language)",
            "Parameters": f"C_main={cfg.C_main}, C_fine={cfg.C_fine}, block weights {cfg.weights}, "
                          f"second_ratio={cfg.second_ratio}; {model.meta.get('n_features', '?')} features; "
                          f"salience cuts {({k: round(v, 3) for k, v in sal.cuts.items()} if sal else {})}",
            "Size": f"{artifact_size_kb(out):.0f} kB (weights.npz float16 coefficients, meta.json vocabularies, "
                    "name priors and counts; no pickle)",
            "Rebuild": f"`{REBUILD}` (after `narrascope train entities`)",
            "Reproduce the figures": f"`{EVALUATE}`",
        },
        {
            "Lockbox (trained on train minus the lockbox, 95% bootstrap intervals over articles)": figures,
            "Limitations": "Two topics (Ukraine war, climate change), five languages, a few hundred annotated "
                           "mentions per language; roles are subjective. Salience is the weak part: the annotators "
                           "cast two to four entities per article, and which ones is hard to read from the text; "
                           "to cover 70% of the annotated mentions, most entities shown with a role (about 6 in "
                           "10; 5 in 10 in Hindi) are ones the annotators did not cast. Those under the salience "
                           "line are marked `weak`; the ones left confident are cast about two times in three, "
                           "but cover only about a quarter of the annotated mentions (table above). Treat roles "
                           "as leads to read, not verdicts; `weak` ones especially.",
        },
    )
