"""`narrascope evaluate techniques --lockbox`: the technique model and the plain baseline on the lockbox.

Both are trained on SemEval-2023 Task 3 `train` minus the lockbox (every choice of the model made by
cross-validation on those articles) and score the lockbox's paragraphs with the official measure:
paragraph micro-F1 per language (and macro-F1). Intervals are 95% bootstrap intervals over articles
(`evaluation.bootstrap`, within languages for the pooled row): each resample recomputes micro-F1 from
the resampled articles' counts, and model, baseline and difference share the resamples.

Spans (issue 18): the model's spans against the gold spans, with partial credit for overlap (SemEval-2020
Task 11 style), per technique and without techniques (the SI measure of that task), beside the
model's own paragraph labels located by whole sentences instead (what the word-level span model
replaced); and the median span length. Confidence: how often the labels marked weak are right, beside
the others. Robustness: the share of lockbox paragraphs whose technique set is unchanged when the
article's body paragraphs are shuffled (3 shuffles).
"""
from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from narrascope.analyzers import confidence as C
from narrascope.analyzers import evaluation as E
from narrascope.analyzers.techniques import baseline as B
from narrascope.analyzers.techniques import metrics as M
from narrascope.analyzers.techniques.fitting import Dataset, document_folds, single_threshold
from narrascope.analyzers.techniques.model import DocumentTechniques, TechniqueModel
from narrascope.nlp.text import line_paragraphs
from narrascope.semeval.t3 import ISO_CODES, T3Document, clean_label

Progress = Callable[[str], None] | None
SHUFFLES = 3


def gold_matrix(docs: Sequence[T3Document], labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(paragraphs, labels) gold of every paragraph of `docs`, and each paragraph's article index."""
    known, index = set(labels), {lab: i for i, lab in enumerate(labels)}
    rows, article = [], []
    for a, d in enumerate(docs):
        for par in d.paragraphs:
            row = np.zeros(len(labels), dtype=np.int8)
            for lab in (d.paragraph_labels or {}).get(par.number, []):
                if (c := clean_label(lab, known)) is not None:
                    row[index[c]] = 1
            rows.append(row)
            article.append(a)
    return np.array(rows, dtype=np.int8).reshape(-1, len(labels)), np.array(article, dtype=np.int64)


def predicted_matrix(docs: Sequence[T3Document], found: Sequence[DocumentTechniques], labels: list[str]) -> np.ndarray:
    index = {lab: i for i, lab in enumerate(labels)}
    rows = []
    for d, f in zip(docs, found, strict=True):
        by_number = {p.number: p for p in f.paragraphs}
        for par in d.paragraphs:
            row = np.zeros(len(labels), dtype=np.int8)
            for lab in by_number[par.number].labels if par.number in by_number else []:
                row[index[lab.label]] = 1
            rows.append(row)
    return np.array(rows, dtype=np.int8).reshape(-1, len(labels))


def article_counts(gold: np.ndarray, pred: np.ndarray, article: np.ndarray, n_articles: int) -> np.ndarray:
    """(articles, labels, 3) true positives, false positives, false negatives of each article."""
    out = np.zeros((n_articles, gold.shape[1], 3), dtype=np.int64)
    for a in range(n_articles):
        rows = article == a
        out[a] = M.paragraph_counts(gold[rows], pred[rows])
    return out


def span_credits(docs: Sequence[T3Document], found: Sequence[DocumentTechniques], labels: list[str],
                 with_technique: bool = True) -> np.ndarray:
    """(articles, 4) partial credit of each article's spans: precision sum, spans, recall sum, gold spans."""
    known = set(labels)
    out = np.zeros((len(docs), 4))
    for a, (d, f) in enumerate(zip(docs, found, strict=True)):
        gold = [(c, s, e) for t, s, e in d.spans if (c := clean_label(t, known)) is not None]
        pred = [(s.label, s.start, s.end) for s in f.spans]
        if not with_technique:
            gold, pred = M.unlabelled(gold), M.unlabelled(pred)
        out[a] = M.span_credit(gold, pred)
    return out


def _micro(counts: np.ndarray) -> Callable[[np.ndarray], float]:
    return lambda idx: M.micro_f1_of_counts(counts[idx].sum(axis=0))


def _macro(counts: np.ndarray) -> Callable[[np.ndarray], float]:
    return lambda idx: M.macro_f1_of_counts(counts[idx].sum(axis=0))


def _span_f1(credits: np.ndarray) -> Callable[[np.ndarray], float]:
    return lambda idx: M.f1_of_credit(*credits[idx].sum(axis=0)).f1


def confidence_counts(docs: Sequence[T3Document], found: Sequence[DocumentTechniques], labels: list[str],
                      cut: float) -> np.ndarray:
    """(articles, 4) per article, as `confidence.tally`: right and given labels at or above `cut`, and below."""
    gold, _ = gold_matrix(docs, labels)
    index = {lab: i for i, lab in enumerate(labels)}
    out = np.zeros((len(docs), 4), dtype=np.int64)
    row = 0
    for a, (d, f) in enumerate(zip(docs, found, strict=True)):
        by_number = {p.number: p for p in f.paragraphs}
        given: list[tuple[float, bool]] = []
        for par in d.paragraphs:
            given += [(lab.score, bool(gold[row, index[lab.label]]))
                      for lab in (by_number[par.number].labels if par.number in by_number else [])]
            row += 1
        out[a] = C.tally([s for s, _ in given], [r for _, r in given], cut)
    return out


def span_lengths(found: Sequence[DocumentTechniques]) -> np.ndarray:
    return np.array([s.end - s.start for f in found for s in f.spans], dtype=np.int64)


def order_check(model: TechniqueModel, docs: Sequence[T3Document], found: Sequence[DocumentTechniques],
                seed: int = 0) -> float:
    """Share of paragraphs whose technique set is unchanged when the body paragraphs are shuffled."""
    rng = np.random.default_rng(seed)
    langs = [ISO_CODES.get(d.lang, d.lang) for d in docs]

    def label_sets(text: str, f: DocumentTechniques) -> Counter:
        by_number = {p.number: frozenset(lab.label for lab in p.labels) for p in f.paragraphs}
        return Counter((text[p.start:p.end], by_number.get(p.number, frozenset())) for p in line_paragraphs(text))

    before = [label_sets(d.text, f) for d, f in zip(docs, found, strict=True)]
    kept = total = 0
    for _ in range(SHUFFLES):
        texts = [E.shuffled_body(d.text, rng) for d in docs]
        for text, f, b in zip(texts, model.predict(texts, langs), before, strict=True):
            kept += sum((label_sets(text, f) & b).values())
            total += sum(b.values())
    return kept / max(total, 1)


def evaluate(
    model: TechniqueModel, train: Dataset, held: list[T3Document], seed: int = 0, progress: Progress = None,
) -> dict:
    """The lockbox report of `model` (trained on `train`) beside the plain baseline trained on the same
    paragraphs: {"table": str, "scores": JSON-able dict, "predictions": the model's labels and spans per article}."""
    started = time.time()
    labels = model.labels
    if progress:
        progress("fitting the plain baseline (TF-IDF + logistic regression per technique, one threshold)")
    texts = [train.docs[d].text[s:e] for d, (s, e, _) in zip(train.cands.par_doc, train.cands.par_bounds, strict=True)]
    fold = document_folds(train.docs, 5, seed)[train.cands.par_doc]
    baseline = B.fit_with_threshold(texts, train.y_par, fold)
    if progress:
        progress(f"scoring the {len(held)} lockbox articles")
    langs = [ISO_CODES.get(d.lang, d.lang) for d in held]
    held_texts = [d.text for d in held]
    cands, p_sent, p_par = model.score(held_texts, langs, [[(p.start, p.end, p.number) for p in d.paragraphs]
                                                            for d in held])
    found = model.decode(held_texts, langs, cands, p_sent, p_par)
    sentences = dataclasses.replace(model, spans=None).decode(held_texts, langs, cands, p_sent, p_par)
    gold, article = gold_matrix(held, labels)
    pred = predicted_matrix(held, found, labels)
    base_pred = baseline.predict([d.text[p.start:p.end] for d in held for p in d.paragraphs])
    lang_of = np.array(langs)
    model_counts = article_counts(gold, pred, article, len(held))
    base_counts = article_counts(gold, base_pred, article, len(held))
    micro = E.grouped_comparisons(_micro, model_counts, base_counts, lang_of)
    macro = E.grouped_comparisons(_macro, model_counts, base_counts, lang_of)
    span = E.grouped_comparisons(_span_f1, span_credits(held, found, labels), span_credits(held, sentences, labels), lang_of)
    si = E.grouped_comparisons(_span_f1, span_credits(held, found, labels, False), span_credits(held, sentences, labels, False),
                     lang_of)
    confidence = confidence_counts(held, found, labels, model.weak_below or 0.0)
    precision = C.precision_by_confidence(confidence, lang_of)
    weak_share = C.weak_share(confidence)
    lengths, sentence_lengths = span_lengths(found), span_lengths(sentences)
    gold_lengths = np.array([e - s for d in held for _, s, e in d.spans])
    if progress:
        progress(f"order check: {SHUFFLES} shuffles of every lockbox article's body paragraphs")
    unchanged = order_check(model, held, found, seed)
    share_ll = float(np.mean([s.label == "Loaded_Language" for f in found for s in f.spans])) if len(lengths) else 0.0
    table = "\n\n".join([
        E.format_comparisons("Paragraph micro-F1 (official): model vs plain baseline (TF-IDF + logistic regression)",
                             micro),
        E.format_comparisons("Paragraph macro-F1: model vs plain baseline", macro),
        E.format_comparisons("Span F1, partial credit, per technique: word-level spans vs the same labels' sentences",
                             span),
        E.format_comparisons("Span F1, partial credit, techniques ignored (SemEval-2020 SI): word-level vs sentences",
                             si),
        E.format_comparisons(f"Precision of paragraph labels: labels shown as confident vs those marked weak (score "
                             f"below {model.weak_below or 0:.3f}: {weak_share:.0%} of the labels)", precision,
                             columns=("confident", "weak")),
        (f"Median span length (characters): model {np.median(lengths) if len(lengths) else 0:.0f}, "
         f"sentence spans {np.median(sentence_lengths) if len(sentence_lengths) else 0:.0f}, "
         f"gold {np.median(gold_lengths):.0f}; {len(lengths)} spans, {share_ll:.0%} of them Loaded Language"),
        (f"Order check: {unchanged:.1%} of lockbox paragraphs keep their technique set when the body paragraphs "
         f"are shuffled ({SHUFFLES} shuffles)"),
    ])
    scores = {
        "paragraph_micro_f1": {r.group: r.to_dict() for r in micro},
        "paragraph_macro_f1": {r.group: r.to_dict() for r in macro},
        "span_f1": {r.group: r.to_dict() for r in span},
        "span_f1_si": {r.group: r.to_dict() for r in si},
        "median_span_chars": {"model": float(np.median(lengths)) if len(lengths) else None,
                              "sentence_spans": float(np.median(sentence_lengths)) if len(sentence_lengths) else None,
                              "gold": float(np.median(gold_lengths))},
        "precision_confident_vs_weak": {r.group: r.to_dict() for r in precision},
        "weak_below": model.weak_below, "weak_share": round(weak_share, 4),
        "spans": len(lengths), "share_loaded_language": round(share_ll, 4),
        "order_unchanged_share": round(unchanged, 4),
        "baseline_threshold": baseline.threshold,
        "scoring_seconds": round(time.time() - started, 1),
    }
    predictions = {f"{d.lang}/{d.id}": {"paragraphs": {p.number: [lab.label for lab in p.labels] for p in f.paragraphs},
                                         "spans": [(x.label, x.start, x.end) for x in f.spans]}
                   for d, f in zip(held, found, strict=True)}
    return {"table": table, "scores": scores, "predictions": predictions}



def beside_baseline_oof(ds: Dataset, pred: np.ndarray, doc_fold: np.ndarray) -> tuple[str, dict]:
    """Cross-validation's paragraph labels (`pred`, each fold's thresholds tuned on the other folds) beside
    the plain baseline's on the same document folds (its one threshold likewise tuned on the other folds'
    out-of-fold scores): paragraph micro- and macro-F1 per language with intervals, as on the lockbox."""
    texts = [ds.docs[d].text[s:e] for d, (s, e, _) in zip(ds.cands.par_doc, ds.cands.par_bounds, strict=True)]
    fold = doc_fold[ds.cands.par_doc]
    scores = np.zeros(ds.y_par.shape, dtype=np.float32)
    for f in np.unique(fold):
        train, held = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        scores[held] = B.fit([texts[i] for i in train], ds.y_par[train]).scores([texts[i] for i in held])
    base = np.zeros_like(ds.y_par)
    for f in np.unique(fold):
        rest, held = fold != f, fold == f
        base[held] = (scores[held] >= single_threshold(scores[rest], ds.y_par[rest])).astype(base.dtype)
    lang_of = np.array([ISO_CODES.get(d.lang, d.lang) for d in ds.docs])
    model_counts = article_counts(ds.y_par, pred, ds.cands.par_doc, len(ds.docs))
    base_counts = article_counts(ds.y_par, base, ds.cands.par_doc, len(ds.docs))
    micro = E.grouped_comparisons(_micro, model_counts, base_counts, lang_of)
    macro = E.grouped_comparisons(_macro, model_counts, base_counts, lang_of)
    table = "\n\n".join([
        E.format_comparisons("Cross-validation, paragraph micro-F1 (official): model vs plain baseline "
                             "(TF-IDF + logistic regression)", micro),
        E.format_comparisons("Cross-validation, paragraph macro-F1: model vs plain baseline", macro)])
    return table, {"paragraph_micro_f1": {r.group: r.to_dict() for r in micro},
                   "paragraph_macro_f1": {r.group: r.to_dict() for r in macro}}
