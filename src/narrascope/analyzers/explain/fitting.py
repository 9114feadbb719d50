"""Fitting the local explainer on SemEval-2025 Task 10 subtask-3 annotations.

The sentence scorer is fitted to rank each article's sentences by how close they are to the
reference explanation (ROUGE-L + embedding cosine). The word budget, the framing phrase and the claim
sentence (the narrative's, the dominant sub-narrative's, or none) of each
language are then chosen on the training documents. How it is measured: `scoring.py`.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from narrascope.analyzers.explain.framing import (
    CLAIM_LEVELS,
    CLAIM_NONE,
    CLAIM_SUBNARRATIVE,
    COMPLEMENTIZERS,
    TEXT_NOUNS,
    claim_for,
)
from narrascope.analyzers.explain.metrics import rouge_l, token_f1
from narrascope.analyzers.explain.model import (
    BARE_STYLE,
    ORDER_LEAD,
    ORDER_SCORED,
    LocalExplainer,
    PreparedDoc,
    prepare,
    sentence_features,
)
from narrascope.nlp.embeddings import DiskCachedEmbedder, Embedder, get_embedder, training_cache_dir
from narrascope.semeval.t10 import T10Document, read_split
from narrascope.taxonomy import load_narratives

log = logging.getLogger(__name__)

BUDGETS = (25, 40, 55, 70)
RIDGE = 1.0
INNER_FOLDS = 3  # held-out rankings for choosing between the learned order and the article's own
ORDERS = (ORDER_SCORED, ORDER_LEAD)
MAX_LEADS = 3  # openings learned per language
MAX_LEAD_WORDS = 8
MIN_LEAD_DOCS = 3  # an opening counts when that many reference explanations share it
MIN_STYLE_DOCS = 25  # a narrative gets its own style when it has that many training documents in a language
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


def _ridge_centred(rows: list[tuple[int, np.ndarray, np.ndarray]]) -> np.ndarray:
    """Ridge weights on document-centred features and targets: within a document only the ranking counts."""
    return _ridge(np.vstack([X - X.mean(0) for _, X, _ in rows]), np.concatenate([y - y.mean() for _, _, y in rows]))


def _ridge(X: np.ndarray, y: np.ndarray, alpha: float = RIDGE) -> np.ndarray:
    scale = X.std(axis=0) + 1e-6
    Xs = X / scale
    w = np.linalg.solve(Xs.T @ Xs + alpha * np.eye(X.shape[1]), Xs.T @ y)
    return (w / scale).astype(np.float32)


def sentence_targets(doc: PreparedDoc, reference: str, ref_vec: np.ndarray) -> np.ndarray:
    rl = np.array([rouge_l(doc.text[s:e], reference) for s, e in doc.spans], dtype=np.float32)
    return rl + doc.vecs @ ref_vec


def fit(docs: list[T10Document], prepared: list[PreparedDoc], gold: np.ndarray,
        embedder: Embedder | None = None, targets: list[np.ndarray] | None = None,
        claim_levels: tuple[str, ...] = CLAIM_LEVELS) -> LocalExplainer:
    """Fit label vectors, per-language sentence weights, word budgets, frame and claim choices.

    `targets` (each sentence's closeness to the reference) may be passed in when already computed;
    `claim_levels`: the claim sentences training may choose from (framing.CLAIM_LEVELS)."""
    model = LocalExplainer(embedder_name=embedder.name if embedder else "use", _embedder=embedder)
    model.fit_labels([d.dominant for d in docs], gold, load_narratives())
    rows: dict[str, list[tuple[int, np.ndarray, np.ndarray]]] = {}
    for i, (d, p, g) in enumerate(zip(docs, prepared, gold)):
        if len(p.spans) < 2:
            continue
        X = sentence_features(p, model.label_vectors(*d.dominant))
        y = targets[i] if targets is not None else sentence_targets(p, d.explanation or "", g)
        rows.setdefault(p.lang, []).append((i, X, y))
    pooled = [r for rs in rows.values() for r in rs]
    model.weights[""] = _ridge_centred(pooled)
    held_out: dict[int, np.ndarray] = {}
    for lang, rs in rows.items():
        model.weights[lang] = _ridge_centred(rs)
        for k in range(INNER_FOLDS):  # rankings of sentences whose article the weights never saw
            w = _ridge_centred([r for j, r in enumerate(rs) if j % INNER_FOLDS != k])
            held_out.update((i, X @ w) for j, (i, X, _) in enumerate(rs) if j % INNER_FOLDS == k)
    model.leads = mine_leads(docs)
    _choose_budgets_and_frames(model, docs, prepared, gold, held_out, claim_levels)
    model.meta = {"trained_on": len(docs), "languages": sorted(rows)}
    return model


def mine_leads(docs: list[T10Document], top: int = MAX_LEADS, min_docs: int = MIN_LEAD_DOCS) -> dict[str, list[str]]:
    """Per language, the openings of the reference explanations that recur in at least `min_docs` of them and
    end with the word that introduces a reported clause ("The text claims that", "O texto refere que"):
    framing phrases in the annotators' own register, which a quoted sentence can follow; the opening must
    name the article (TEXT_NOUNS) and no one else (no capitalised word after the first). Only these short
    recurring phrases are kept, never a reference's text."""
    counts: dict[str, Counter[str]] = {}
    surface: dict[tuple[str, str], Counter[str]] = {}
    for d in docs:
        lang = d.lang.lower()
        that = COMPLEMENTIZERS.get(lang)
        if not that or not d.explanation:
            continue
        raw = d.explanation.split()[:MAX_LEAD_WORDS]
        seen = set()
        for n in range(2, len(raw) + 1):
            if raw[n - 1].strip(",").lower() != that:
                continue
            lowered = [w.strip(",.").lower() for w in raw[:n]]
            if not TEXT_NOUNS[lang].intersection(lowered) or any(w[:1].isupper() for w in raw[1:n]):
                continue  # about the article itself, never about a person or place it names
            phrase = " ".join(raw[:n]).rstrip(",")
            key = " ".join(w.strip(",").lower() for w in raw[:n])
            seen.add(key)
            surface.setdefault((lang, key), Counter())[phrase[0].upper() + phrase[1:]] += 1
        counts.setdefault(lang, Counter()).update(seen)
    return {lang: [surface[(lang, key)].most_common(1)[0][0] for key, n in c.most_common(top) if n >= min_docs]
            for lang, c in counts.items()}


def _prefer_specific(table: dict[tuple, list[float]], best: tuple) -> tuple:
    """The best setting with the sub-narrative's own claim sentence, unless `best` beats it on the training
    articles by more than the standard error of their paired difference: wording specific to the article's
    claim is what the explanation is for, and a lead within noise is not a reason to give it up."""
    specific = [k for k in table if k[3] == CLAIM_SUBNARRATIVE]
    if not specific or best[3] == CLAIM_SUBNARRATIVE:
        return best
    challenger = max(specific, key=lambda k: float(np.mean(table[k])))
    gap = np.asarray(table[best]) - np.asarray(table[challenger])
    if len(gap) < 2:
        return best
    return challenger if gap.mean() <= gap.std(ddof=1) / np.sqrt(len(gap)) else best


def _choose_budgets_and_frames(model: LocalExplainer, docs: list[T10Document], prepared: list[PreparedDoc],
                               gold: np.ndarray, held_out: dict[int, np.ndarray] | None = None,
                               claim_levels: tuple[str, ...] = CLAIM_LEVELS) -> None:
    """Per language, the order (best-scored sentences first, or the article's own), the word budget, the
    style (a framing phrase, or plain quotes) and the claim sentence before a framing phrase (the narrative's,
    the dominant sub-narrative's, or none: `claim_levels`) whose explanations are closest to the
    references on the training documents (the learned order judged on held-out rankings, `held_out`, so
    that it does not win for having seen the references it is judged on); then, for each
    narrative with at least MIN_STYLE_DOCS documents in the language, its own style at that budget.

    Closeness = ROUGE-L + token-F1 + COSINE_WEIGHT x cosine under the model's own embedder. The cosine of a composed text is
    approximated by the word-weighted mean of the vectors of its parts (claim sentence, quoted
    sentences), so no text is embedded again. ROUGE-L alone favours very short texts where the
    references are short; the cosine side rewards covering the article's main claims."""
    by_lang: dict[str, list[int]] = {}
    for i, p in enumerate(prepared):
        if p.spans:
            by_lang.setdefault(p.lang, []).append(i)
    claim_texts = sorted({claim_for(level, *d.dominant, p.lang) for d, p in zip(docs, prepared)
                          for level in claim_levels} - {""})
    claim_vecs = dict(zip(claim_texts, model.embedder.encode(claim_texts))) if claim_texts else {}
    ranked: dict[str, dict[int, np.ndarray]] = {}
    for order in ORDERS:
        model.orders = {lang: order for lang in by_lang}
        ranked[order] = {i: model.ranking(prepared[i], *docs[i].dominant) for idx in by_lang.values() for i in idx}
    model.orders = {}
    ranked[ORDER_SCORED].update(held_out or {})

    def value(i: int, order: str, budget: int, frame: int, level: str) -> float:
        p, d = prepared[i], docs[i]
        narrative, sub = d.dominant
        text, spans = model.compose(p, ranked[order][i], budget, frame, narrative, sub, level)
        claim = model.quote_budget(p, budget, frame, narrative, sub, level)[0]
        vec = np.zeros(p.vecs.shape[1], dtype=np.float32)
        for span in spans:  # a quote is its sentence, or part of it (a clause, the reported words)
            j = next(j for j, (s, e) in enumerate(p.spans) if s <= span.start and span.end <= e)
            vec += len(p.text[span.start : span.end].split()) * p.vecs[j]
        if claim in claim_vecs:
            vec += len(claim.split()) * claim_vecs[claim]
        cos = float(vec @ gold[i]) / max(float(np.linalg.norm(vec)), 1e-9)
        return rouge_l(text, d.explanation or "") + token_f1(text, d.explanation or "") + COSINE_WEIGHT * cos

    for lang, idx in by_lang.items():
        model.name_sources[lang] = True
        styles = [BARE_STYLE, *range(len(model.frame_options(lang)))]
        combos = [(f, c) for f in styles for c in (claim_levels if f != BARE_STYLE else (CLAIM_NONE,))]
        table = {(o, b, f, c): [value(i, o, b, f, c) for i in idx] for o in ORDERS for b in BUDGETS for f, c in combos}
        best = _prefer_specific(table, max(table, key=lambda obfc: float(np.mean(table[obfc]))))
        order, budget, style, level = best
        if style == BARE_STYLE:  # the claim sentence still opens the narratives that get a framed style below
            level = max((k for k in table if k[:2] == (order, budget) and k[2] != BARE_STYLE),
                        key=lambda k: float(np.mean(table[k])))[3]
        model.orders[lang], model.budgets[lang], model.frames[lang] = order, budget, style
        model.claims[lang] = level
        log.debug("%s claim sentences, best closeness: %s; chosen %s", lang, {c: round(max(
            float(np.mean(v)) for k, v in table.items() if k[3] == c), 4) for c in claim_levels}, best)
        # A cited quote that names its source ("It also quotes the minister: “…”"), or the whole sentence.
        model.name_sources[lang] = False
        whole = float(np.mean([value(i, *best) for i in idx]))
        model.name_sources[lang] = float(np.mean(table[best])) >= whole
        by_narrative: dict[str, list[int]] = {}
        for k, i in enumerate(idx):
            by_narrative.setdefault(docs[i].dominant[0], []).append(k)
        for narrative, rows in by_narrative.items():
            if len(rows) < MIN_STYLE_DOCS:
                continue
            own = max(styles, key=lambda f: float(np.mean(
                [table[(order, budget, f, level if f != BARE_STYLE else CLAIM_NONE)][k] for k in rows])))
            if own != style:
                model.frames[f"{lang}|{narrative}"] = own
