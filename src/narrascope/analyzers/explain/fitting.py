"""Fitting and cross-validating the local explainer on SemEval-2025 Task 10 subtask-3 annotations.

The sentence scorer is fitted to rank each article's sentences by how close they are to the
reference explanation (ROUGE-L + embedding cosine). The word budget and the framing phrase of each
language are then chosen on the training documents. Cross-validation reports, per language, the
mean cosine to the reference under a second, independent embedding model (E5) and ROUGE-L, next to
two baselines: the article's first 80 words, and the label's definition.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from narrascope.analyzers.explain.framing import claim_sentence, frame_for, frames_for
from narrascope.analyzers.explain.metrics import MAX_WORDS, paired_cosine, rouge_l, truncate_words
from narrascope.analyzers.explain.model import (
    BARE_STYLE,
    FEATURES,
    LocalExplainer,
    PreparedDoc,
    prepare,
    sentence_features,
)
from narrascope.nlp.embeddings import DiskCachedEmbedder, Embedder, get_embedder, training_cache_dir
from narrascope.semeval.t10 import T10Document, read_split
from narrascope.taxonomy import OTHER, load_narratives

log = logging.getLogger(__name__)

BUDGETS = (25, 40, 55, 70)
RIDGE = 1.0
COSINE_WEIGHT = 0.5  # weight of the (own-embedder) cosine next to ROUGE-L when budgets and styles are chosen
Progress = Callable[[str], None]


def load_examples(split_dir: str | Path) -> list[T10Document]:
    docs = [d for d in read_split(split_dir) if d.explanation and d.dominant]
    if not docs:
        raise FileNotFoundError(f"{split_dir}: no documents with subtask-3 annotations")
    return docs


def role_spans(doc: T10Document) -> list[tuple[int, int]] | None:
    """Mentions that carry a role (end exclusive), or None when the document has no entity annotation."""
    if not doc.mentions:
        return None
    return [(m.start, m.end + 1) for m in doc.mentions if m.main_role]


def training_embedder(name: str = "use") -> Embedder:
    """The sentence embedder behind a disk cache shared with the other trainers (sentences of the
    same corpus are embedded once per machine; see embeddings.DiskCachedEmbedder)."""
    return DiskCachedEmbedder(get_embedder(name), training_cache_dir())


def prepare_examples(docs: list[T10Document], embedder: Embedder) -> tuple[list[PreparedDoc], np.ndarray]:
    """Candidate sentences + vectors of every document and the vectors of the reference explanations."""
    prepared = prepare([d.text for d in docs], [d.lang for d in docs], embedder, [role_spans(d) for d in docs])
    return prepared, embedder.encode([d.explanation or "" for d in docs])


def _ridge(X: np.ndarray, y: np.ndarray, alpha: float = RIDGE) -> np.ndarray:
    scale = X.std(axis=0) + 1e-6
    Xs = X / scale
    w = np.linalg.solve(Xs.T @ Xs + alpha * np.eye(X.shape[1]), Xs.T @ y)
    return (w / scale).astype(np.float32)


def sentence_targets(doc: PreparedDoc, reference: str, ref_vec: np.ndarray) -> np.ndarray:
    rl = np.array([rouge_l(doc.text[s:e], reference) for s, e in doc.spans], dtype=np.float32)
    return rl + doc.vecs @ ref_vec


def fit(docs: list[T10Document], prepared: list[PreparedDoc], gold: np.ndarray,
        embedder: Embedder | None = None, targets: list[np.ndarray] | None = None) -> LocalExplainer:
    """Fit label vectors, per-language sentence weights, word budgets and frame choices.

    `targets` (each sentence's closeness to the reference) may be passed in when already computed."""
    model = LocalExplainer(embedder_name=embedder.name if embedder else "use", _embedder=embedder)
    model.fit_labels([d.dominant for d in docs], gold, load_narratives())
    rows: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    for i, (d, p, g) in enumerate(zip(docs, prepared, gold)):
        if len(p.spans) < 2:
            continue
        X = sentence_features(p, model.label_vectors(*d.dominant))
        y = targets[i] if targets is not None else sentence_targets(p, d.explanation or "", g)
        rows.setdefault(p.lang, []).append((X - X.mean(0), y - y.mean()))
    pooled = [r for rs in rows.values() for r in rs]
    model.weights[""] = _ridge(np.vstack([x for x, _ in pooled]), np.concatenate([y for _, y in pooled]))
    for lang, rs in rows.items():
        model.weights[lang] = _ridge(np.vstack([x for x, _ in rs]), np.concatenate([y for _, y in rs]))
    _choose_budgets_and_frames(model, docs, prepared, gold)
    model.meta = {"trained_on": len(docs), "languages": sorted(rows)}
    return model


def _choose_budgets_and_frames(model: LocalExplainer, docs: list[T10Document], prepared: list[PreparedDoc],
                               gold: np.ndarray) -> None:
    """Per language, the word budget and style (a framing phrase with the claim sentence, or plain
    quotes) whose explanations are closest to the references on the training documents.

    Closeness = ROUGE-L + cosine under the model's own embedder. The cosine of a composed text is
    approximated by the word-weighted mean of the vectors of its parts (claim sentence, quoted
    sentences), so no text is embedded again. ROUGE-L alone favours very short texts where the
    references are short; the cosine side rewards covering the article's main claims."""
    by_lang: dict[str, list[int]] = {}
    for i, p in enumerate(prepared):
        if p.spans:
            by_lang.setdefault(p.lang, []).append(i)
    claims = sorted({(d.dominant[0], p.lang) for d, p in zip(docs, prepared)})
    claim_texts = [claim_sentence(n, lang) for n, lang in claims]
    claim_vecs = dict(zip(claims, model.embedder.encode(claim_texts))) if claim_texts else {}
    for lang, idx in by_lang.items():
        scored = [(i, model.score(prepared[i], *docs[i].dominant)) for i in idx]

        def value(budget: int, frame: int, scored: list = scored) -> float:
            total = 0.0
            for i, s in scored:
                p, d = prepared[i], docs[i]
                text = model.compose(p, s, budget, frame, d.dominant[0])[0]
                vec = np.zeros(p.vecs.shape[1], dtype=np.float32)
                for j, qs, qe, _ in model.pick(p, s, _quote_budget(model, p, budget, frame, d.dominant[0])):
                    vec += len(p.text[qs:qe].split()) * p.vecs[j]
                if frame != BARE_STYLE and model.use_claims and (d.dominant[0], p.lang) in claim_vecs:
                    vec += len(claim_sentence(d.dominant[0], p.lang).split()) * claim_vecs[(d.dominant[0], p.lang)]
                cos = float(vec @ gold[i]) / max(float(np.linalg.norm(vec)), 1e-9)
                total += rouge_l(text, d.explanation or "") + COSINE_WEIGHT * cos
            return total / max(len(scored), 1)

        styles = [BARE_STYLE, *range(len(frames_for(lang)))]
        best = max(((b, f) for b in BUDGETS for f in styles), key=lambda bf: value(*bf))
        model.budgets[lang], model.frames[lang] = best


def _quote_budget(model: LocalExplainer, doc: PreparedDoc, budget: int, frame: int, narrative: str) -> int:
    """The words left for quotes once the claim sentence and the framing phrase are counted (as compose does)."""
    if frame == BARE_STYLE:
        return budget
    fr = frame_for(doc.lang, frame)
    claim = claim_sentence(narrative, doc.lang) if model.use_claims else ""
    overhead = len(claim.split()) + len(fr.lead.split()) + len(fr.more.split())
    return max(min(budget, MAX_WORDS - overhead - 1), 1)


# -- baselines and evaluation -------------------------------------------------------------------------

def lead_baseline(doc: T10Document) -> str:
    return truncate_words(" ".join(doc.text.split()), 80)


def definition_baseline(doc: T10Document) -> str:
    taxonomy = load_narratives()
    narr, sub = doc.dominant or (OTHER, None)
    for name in (sub, narr):
        lab = taxonomy.get(name) if name and not name.endswith(": " + OTHER) else None
        if lab and lab.definition:
            return lab.definition
    lab = taxonomy.get(narr)
    return lab.definition if lab else narr


def cross_validate(split_dir: str | Path, folds: int = 5, embedder: str = "use", metric_embedder: str = "e5",
                   seed: int = 0, progress: Progress | None = None) -> dict:
    """K-fold CV on the train split: per-language cosine (metric embedder) and ROUGE-L of the local
    explainer and of both baselines."""
    say = progress or (lambda m: log.info(m))
    docs = load_examples(split_dir)
    emb = training_embedder(embedder)
    t = time.perf_counter()
    prepared, gold = prepare_examples(docs, emb)
    say(f"prepared {len(docs)} documents in {time.perf_counter() - t:.0f}s")
    targets = [sentence_targets(p, d.explanation or "", g) for d, p, g in zip(docs, prepared, gold)]
    order = np.random.default_rng(seed).permutation(len(docs))
    predictions: list[str] = [""] * len(docs)
    for k in range(folds):
        test = set(order[k::folds].tolist())
        train = [i for i in range(len(docs)) if i not in test]
        model = fit([docs[i] for i in train], [prepared[i] for i in train], gold[train], emb,
                    [targets[i] for i in train])
        for i in sorted(test):
            predictions[i] = model.explain(prepared[i], *docs[i].dominant).text
        say(f"fold {k + 1}/{folds} done")
    systems = {
        "narrascope-local": predictions,
        "baseline-first-80-words": [lead_baseline(d) for d in docs],
        "baseline-definition": [definition_baseline(d) for d in docs],
    }
    return score_systems(docs, systems, metric_embedder, progress=say)


def score_systems(docs: list[T10Document], systems: dict[str, list[str]], metric_embedder: str = "e5",
                  progress: Progress | None = None, reference_system: str = "narrascope-local") -> dict:
    """Per language and system: mean cosine (metric embedder) and mean ROUGE-L with their standard
    errors, mean/max words, n; and, per language, the paired difference of `reference_system` to
    every other system with a 95% bootstrap interval (documents resampled, 2000 draws)."""
    metric = training_embedder(metric_embedder)
    refs = metric.encode([d.explanation or "" for d in docs])
    scores: dict[str, dict[str, dict[str, float]]] = {}
    per_doc: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    groups = sorted({d.lang for d in docs}) + ["ALL"]
    masks = {lang: np.array([lang in ("ALL", d.lang) for d in docs]) for lang in groups}
    for name, texts in systems.items():
        cos = paired_cosine(metric.encode([t or "" for t in texts]), refs)
        rl = np.array([rouge_l(t, d.explanation or "") for t, d in zip(texts, docs)])
        per_doc[name] = (cos, rl)
        words = np.array([len(t.split()) for t in texts])
        for lang, m in masks.items():
            scores.setdefault(lang, {})[name] = {
                "cosine": round(float(cos[m].mean()), 4), "cosine_se": round(_se(cos[m]), 4),
                "rouge_l": round(float(rl[m].mean()), 4), "rouge_l_se": round(_se(rl[m]), 4),
                "max_words": int(words[m].max()), "mean_words": round(float(words[m].mean()), 1), "n": int(m.sum()),
            }
        if progress:
            progress(f"scored {name}")
    diffs: dict[str, dict[str, dict[str, list[float]]]] = {}
    if reference_system in per_doc:
        ours = per_doc[reference_system]
        for name, theirs in per_doc.items():
            if name == reference_system:
                continue
            for lang, m in masks.items():
                diffs.setdefault(lang, {})[name] = {
                    measure: _bootstrap(ours[k][m] - theirs[k][m]) for k, measure in enumerate(("cosine", "rouge_l"))
                }
    return {"scores": scores, "differences": diffs, "metric_embedder": metric.name,
            "table": format_table(scores, metric.name) + "\n\n" + format_differences(diffs, reference_system),
            "features": list(FEATURES)}


def _se(x: np.ndarray) -> float:
    return float(x.std(ddof=1) / np.sqrt(len(x))) if len(x) > 1 else 0.0


def _bootstrap(diff: np.ndarray, draws: int = 2000, seed: int = 0) -> list[float]:
    """[mean, 2.5th percentile, 97.5th percentile] of the mean paired difference."""
    means = diff[np.random.default_rng(seed).integers(0, len(diff), (draws, len(diff)))].mean(axis=1)
    return [round(float(diff.mean()), 4), round(float(np.percentile(means, 2.5)), 4),
            round(float(np.percentile(means, 97.5)), 4)]


def format_table(scores: dict, metric_name: str) -> str:
    header = (f"{'lang':5} {'system':26} {'cos(' + metric_name + ')':>9} {'±se':>6} {'ROUGE-L':>8} {'±se':>6} "
              f"{'words':>6} {'max':>4} {'n':>5}")
    lines = [header]
    for lang, systems in scores.items():
        for name, s in systems.items():
            lines.append(f"{lang:5} {name:26} {s['cosine']:9.4f} {s.get('cosine_se', 0):6.4f} {s['rouge_l']:8.4f} "
                         f"{s.get('rouge_l_se', 0):6.4f} {s['mean_words']:6.1f} {s['max_words']:4d} {s['n']:5d}")
    return "\n".join(lines)


def format_differences(diffs: dict, reference_system: str) -> str:
    lines = [f"{reference_system} minus baseline, paired over documents: mean [95% bootstrap interval]",
             f"{'lang':5} {'baseline':26} {'Δ cosine':>26} {'Δ ROUGE-L':>26}"]
    for lang, systems in diffs.items():
        for name, d in systems.items():
            c, r = d["cosine"], d["rouge_l"]
            lines.append(f"{lang:5} {name:26} {c[0]:+8.4f} [{c[1]:+.4f}, {c[2]:+.4f}] "
                         f"{r[0]:+8.4f} [{r[1]:+.4f}, {r[2]:+.4f}]")
    return "\n".join(lines)
