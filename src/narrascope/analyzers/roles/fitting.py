"""Fitting the whole roles model (role classifier + salience) on SemEval-2025 T10 articles, and the
official subtask-1 measures. Shared by `train.py` (the shipped model) and `lockbox.py` (the yardstick).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.roles.context import MentionInput, prepare_documents
from narrascope.analyzers.roles.model import RoleModel, RoleModelConfig
from narrascope.analyzers.roles.salience_train import fit_salience, out_of_fold_articles
from narrascope.semeval.t10 import T10Document

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RoleExamples:
    texts: list[str]
    langs: list[str]
    doc_ids: list[str]
    mentions: list[MentionInput]


def mention_key(canonicalizer: Canonicalizer, lang: str, text: str) -> str:
    """The role prior's key of a mention: language and canonical name (as `analyzer.prior_key`)."""
    return f"{lang}:{canonicalizer.canonical(lang, text).lower()}"


def examples_of(docs: Sequence[T10Document], canonicalizer: Canonicalizer | None = None) -> RoleExamples:
    """The annotated mentions of `docs` as model inputs (end offsets made exclusive)."""
    canonicalizer = canonicalizer or Canonicalizer()
    ex = RoleExamples([d.text for d in docs], [d.lang.lower() for d in docs], [d.id for d in docs], [])
    for k, d in enumerate(docs):
        lang = d.lang.lower()
        for m in d.mentions:
            if m.main_role and m.fine_roles:
                ex.mentions.append(MentionInput(k, m.start, m.end + 1, m.main_role, list(m.fine_roles),
                                                key=mention_key(canonicalizer, lang, m.text)))
    return ex


def spans_by_doc(ex: RoleExamples) -> list[list[tuple[int, int]]]:
    spans: list[list[tuple[int, int]]] = [[] for _ in ex.texts]
    for m in ex.mentions:
        spans[m.doc_key].append((m.start, m.end))
    return spans


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


def fit_roles(docs: Sequence[T10Document], texts: Sequence[T10Document], canonicalizer: Canonicalizer,
              config: RoleModelConfig | None = None, folds: int = 5,
              progress: Callable[[str], None] | None = None) -> RoleModel:
    """The role classifier on the annotated mentions of `docs`, with its salience model (trained on
    the entities the finder groups in the same articles; `texts`: every article of the split, for the
    finder's common words)."""
    say = progress or (lambda message: log.info(message))
    docs = [d for d in docs if d.mentions]
    config = config or RoleModelConfig()
    ex = examples_of(docs, canonicalizer)
    contexts = prepare_documents(ex.texts, ex.langs, spans_by_doc(ex), embedder=config.embedder, cache=True)
    say(f"roles: {len(ex.mentions)} annotated mentions in {len(docs)} articles embedded")
    model = RoleModel(config).fit(contexts, ex.mentions)
    say(f"roles: role classifier fitted (temperature {model.temperature:.2f})")
    articles = out_of_fold_articles(docs, texts, canonicalizer, folds=max(folds, 2), progress=say)
    model.salience, _ = fit_salience(articles, folds=max(folds, 2))
    say(f"roles: salience fitted, cuts {({k: round(v, 3) for k, v in model.salience.cuts.items()})}")
    return model


def predict_given(model: RoleModel, docs: Sequence[T10Document], canonicalizer: Canonicalizer
                  ) -> tuple[RoleExamples, list[tuple[str, frozenset[str], float]]]:
    """The model's answer for every annotated mention of `docs`, given its offsets (as in subtask 1):
    (main role, fine roles, probability of the main role)."""
    ex = examples_of([d for d in docs if d.mentions], canonicalizer)
    contexts = prepare_documents(ex.texts, ex.langs, spans_by_doc(ex), embedder=model.config.embedder, cache=True)
    p_main, p_fine = model.predict_proba(contexts, ex.mentions)
    out = [(main, frozenset(f for f, _ in fines), score) for main, score, fines in model.decode(p_main, p_fine)]
    return ex, out
