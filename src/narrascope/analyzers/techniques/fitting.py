"""Training and cross-validation of the persuasion-technique model (SemEval-2023 Task 3, subtask 3).

Data: every training language of the 2023 corpus (paragraph labels and character spans). Units:
- paragraphs (non-empty lines) with their gold technique sets;
- sentences of those paragraphs, labelled with the techniques of the gold spans they overlap
  (at least half of the shorter of the two, or 30 characters).
Two one-vs-rest logistic regressions (sentence and paragraph) over the hashed n-gram features of
`techniques_features`; paragraph thresholds per technique (and per language) maximise micro-F1 on
out-of-fold scores and are shrunk towards the best shared threshold.
The second-stage context model stacked on the out-of-fold scores lives in `techniques_stack`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier

from narrascope.analyzers.techniques import features as F
from narrascope.analyzers.techniques.model import TechniqueModel
from narrascope.analyzers.techniques.train_dense import fit_heads, sentence_vectors
from narrascope.semeval.t3 import ISO_CODES, T3Document, clean_label
from narrascope.semeval.t3 import LANGUAGES as T3_LANGUAGES

log = logging.getLogger(__name__)

GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)


@dataclass(slots=True)
class Dataset:
    docs: list[T3Document]
    labels: list[str]
    cands: F.Candidates
    sent_counts: sp.csr_matrix
    par_counts: sp.csr_matrix
    y_par: np.ndarray  # (paragraphs, labels) int8
    y_sent: np.ndarray  # (sentences, labels) int8
    par_lang: np.ndarray  # ISO code of each paragraph
    gold_spans: dict[str, list[tuple[str, int, int]]]  # doc id -> cleaned gold spans
    sent_vectors: np.ndarray | None = None  # (sentences, dim) for the embedding heads, when used

    @property
    def sent_lang(self) -> np.ndarray:
        return self.par_lang[self.cands.sent_par]


def build_dataset(
    docs: list[T3Document], labels: list[str], progress: Callable[[str], None] | None = None,
    embedder: str | None = None,
) -> Dataset:
    """Units, features and gold of the training articles; with `embedder`, also every sentence's vector."""
    known = set(labels)
    index = {lab: i for i, lab in enumerate(labels)}
    paragraphs = [[(p.start, p.end, p.number) for p in d.paragraphs] for d in docs]
    cands = F.candidates([d.text for d in docs], paragraphs)
    if progress:
        progress(f"featurising {len(cands.sent_texts)} sentences of {len(docs)} articles")
    sent_counts = F.hashed_counts(cands.sent_texts)
    par_counts = F.paragraph_counts(sent_counts, cands.sent_par, len(cands.par_bounds))
    y_par = np.zeros((len(cands.par_bounds), len(labels)), dtype=np.int8)
    for i, (_, _, number) in enumerate(cands.par_bounds):
        for lab in (docs[cands.par_doc[i]].paragraph_labels or {}).get(number, []):
            if (c := clean_label(lab, known)) is not None:
                y_par[i, index[c]] = 1
    gold_spans: dict[str, list[tuple[str, int, int]]] = {}
    for d in docs:
        gold_spans[d.id] = [(c, s, e) for t, s, e in d.spans if (c := clean_label(t, known)) is not None]
    y_sent = np.zeros((len(cands.sent_texts), len(labels)), dtype=np.int8)
    sents_of_doc: dict[int, list[int]] = {}
    for j, p in enumerate(cands.sent_par):
        sents_of_doc.setdefault(int(cands.par_doc[p]), []).append(j)
    for di, d in enumerate(docs):
        for tech, a, b in gold_spans[d.id]:
            for j in sents_of_doc.get(di, []):
                s, e = cands.sent_bounds[j]
                ov = min(b, e) - max(a, s)
                if ov > 0 and (ov >= 0.5 * min(b - a, e - s) or ov >= 30):
                    y_sent[j, index[tech]] = 1
    par_lang = np.array([ISO_CODES.get(docs[d].lang, docs[d].lang) for d in cands.par_doc])
    vectors = sentence_vectors(cands.sent_texts, embedder, progress) if embedder else None
    return Dataset(docs, labels, cands, sent_counts, par_counts, y_par, y_sent, par_lang, gold_spans, vectors)


def select_columns(par_counts: sp.csr_matrix, min_df: int, max_features: int) -> tuple[np.ndarray, np.ndarray]:
    """The `max_features` most frequent hashed columns seen in >= min_df paragraphs, and their IDF."""
    df = np.asarray((par_counts > 0).sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= min_df)
    if len(cols) > max_features:
        cols = np.sort(cols[np.argsort(-df[cols], kind="stable")[:max_features]])
    idf = (np.log((1 + par_counts.shape[0]) / (1 + df[cols])) + 1).astype(np.float32)
    return cols, idf


def fit_linear(x: sp.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression; (coef (labels, features), bias (labels,)).

    Stochastic gradient descent on the log-loss with an L2 penalty alpha = 1 / (C * rows): the same
    objective as liblinear's, several times faster on a million hashed columns."""
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
    bias = np.full(y.shape[1], -10.0, dtype=np.float32)
    for k in range(y.shape[1]):
        if y[:, k].sum() < 2:
            continue  # too rare to learn: never predicted
        clf = SGDClassifier(loss="log_loss", alpha=1.0 / (c * x.shape[0]), max_iter=15, tol=None, random_state=0)
        clf.fit(x, y[:, k])
        coef[k], bias[k] = clf.coef_[0], clf.intercept_[0]
    return coef, bias


def tune_thresholds(scores: np.ndarray, gold: np.ndarray, passes: int = 3) -> np.ndarray:
    """Per-technique thresholds that maximise micro-F1 over all rows (coordinate ascent)."""
    n_labels = gold.shape[1]
    thr = np.full(n_labels, 0.5, dtype=np.float32)
    # tp/fp per label for every grid threshold, computed once
    above = scores[:, :, None] >= GRID[None, None, :]
    tp_grid = (above & (gold[:, :, None] == 1)).sum(axis=0)  # (labels, grid)
    fp_grid = above.sum(axis=0) - tp_grid
    pos = gold.sum(axis=0)
    cur = np.searchsorted(GRID, thr)
    for _ in range(passes):
        for k in range(n_labels):
            tp_rest = tp_grid[np.arange(n_labels), cur].sum() - tp_grid[k, cur[k]]
            fp_rest = fp_grid[np.arange(n_labels), cur].sum() - fp_grid[k, cur[k]]
            fn_total = pos.sum()
            tp = tp_rest + tp_grid[k]
            f1 = 2 * tp / (2 * tp + fp_rest + fp_grid[k] + (fn_total - tp))
            cur[k] = int(np.argmax(f1))
    return GRID[cur].astype(np.float32)


def single_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    """The one threshold, shared by all techniques, that maximises micro-F1 over all rows."""
    above = scores[:, :, None] >= GRID[None, None, :]
    tp = (above & (gold[:, :, None] == 1)).sum(axis=(0, 1))
    f1 = 2 * tp / np.maximum(above.sum(axis=(0, 1)) + gold.sum(), 1)
    return float(GRID[int(np.argmax(f1))])


def shrunk_thresholds(scores: np.ndarray, gold: np.ndarray, shrink: float = 0.5) -> np.ndarray:
    """Per-technique thresholds pulled towards the best shared one by `shrink` (0: none, 1: shared only).
    Why: per-technique thresholds overfit the out-of-fold scores (measured 0.013 EN micro-F1 between
    in-sample and cross-fitted); halfway to the shared threshold recovered 0.004 of it in nested CV."""
    own = tune_thresholds(scores, gold)
    if shrink <= 0:
        return own
    return ((1 - shrink) * own + shrink * single_threshold(scores, gold)).astype(np.float32)


def language_thresholds(
    scores: np.ndarray, gold: np.ndarray, langs: np.ndarray, min_paragraphs: int = 500, shrink: float = 0.5
) -> dict[str, np.ndarray]:
    """Global thresholds under "*", and per language where it has enough paragraphs."""
    out = {"*": shrunk_thresholds(scores, gold, shrink)}
    for lang in sorted(set(langs.tolist())):
        rows = langs == lang
        if rows.sum() >= min_paragraphs:
            out[lang] = shrunk_thresholds(scores[rows], gold[rows], shrink)
    return out


def apply_thresholds(scores: np.ndarray, langs: np.ndarray, thresholds: dict[str, np.ndarray]) -> np.ndarray:
    thr = np.stack([thresholds.get(lang, thresholds["*"]) for lang in langs]) if len(langs) else scores
    return (scores >= thr).astype(np.int8)


# ---------------------------------------------------------------------- fitting and cross-validation
@dataclass(slots=True)
class Settings:
    c_sent: float = 8.0  # C of the sentence and paragraph models, chosen by cross-validation
    c_par: float = 8.0
    min_df: int = 3
    max_features: int = 120_000
    folds: int = 5
    seed: int = 0
    # Embedding heads (techniques_dense): their share of the sentence and paragraph probabilities
    # (0 = none), their C and the encoder; weight and C chosen by cross-validation.
    emb_weight: float = 0.5
    emb_c: float = 1.0
    embedder: str = "use"
    # Per-language thresholds for languages with at least this many paragraphs. Measured: global
    # thresholds did as well for EN and better for the smaller languages, so by default none qualifies.
    language_threshold_min: int = 10**9
    # Pull of each technique's threshold towards the best shared threshold (see shrunk_thresholds).
    threshold_shrink: float = 0.5
    # Second-stage context model (techniques_stack): its C, and the candidate weights of the
    # first-stage score in the final blend (1.0 = no context model), chosen by cross-validation.
    context_c: float = 0.003
    context_blends: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    # Word-level span model (train_spans): C of its per-technique logistic regressions, chosen by the
    # cross-validated span F1 expected under the length constraint.
    span_c: float = 0.3


LANGUAGE_FEATURES = [ISO_CODES.get(code, code) for code in T3_LANGUAGES]  # ISO codes of the training languages


def document_folds(docs: list[T3Document], folds: int, seed: int) -> np.ndarray:
    """A fold per document, dealt out per language so every fold has every language."""
    rng = np.random.default_rng(seed)
    out = np.zeros(len(docs), dtype=np.int64)
    langs = np.array([d.lang for d in docs])
    for lang in sorted(set(langs.tolist())):
        idx = np.flatnonzero(langs == lang)
        rng.shuffle(idx)
        out[idx] = np.arange(len(idx)) % folds
    return out


def fit_model(ds: Dataset, train_docs: np.ndarray, settings: Settings) -> TechniqueModel:
    """Fit both linear models (and the embedding heads) on the documents `train_docs` (indices into ds.docs).
    Thresholds are left at 0.5 and mix at 0.5; training sets them from out-of-fold scores."""
    par_rows = np.flatnonzero(np.isin(ds.cands.par_doc, train_docs))
    sent_rows = np.flatnonzero(np.isin(ds.cands.sent_par, par_rows))
    cols, idf = select_columns(ds.par_counts[par_rows], settings.min_df, settings.max_features)
    shell = TechniqueModel(
        labels=ds.labels, languages=LANGUAGE_FEATURES, columns=cols, idf=idf,
        sent_coef=np.zeros((0, 0)), sent_bias=np.zeros(0), par_coef=np.zeros((0, 0)), par_bias=np.zeros(0),
        mix=0.5, thresholds={"*": np.full(len(ds.labels), 0.5, dtype=np.float32)},
        sent_threshold=np.full(len(ds.labels), 0.5, dtype=np.float32),
    )
    xs = shell.features(ds.sent_counts[sent_rows], list(ds.sent_lang[sent_rows]))
    shell.sent_coef, shell.sent_bias = fit_linear(xs, ds.y_sent[sent_rows], settings.c_sent)
    xp = shell.features(ds.par_counts[par_rows], list(ds.par_lang[par_rows]))
    shell.par_coef, shell.par_bias = fit_linear(xp, ds.y_par[par_rows], settings.c_par)
    if settings.emb_weight > 0:
        if ds.sent_vectors is None:
            raise ValueError("embedding heads need a Dataset built with an embedder")
        shell.dense = fit_heads(ds, par_rows, sent_rows, settings, LANGUAGE_FEATURES)
    return shell


def raw_scores(model: TechniqueModel, ds: Dataset, par_rows: np.ndarray, sent_rows: np.ndarray):
    """Sentence probabilities, paragraph-model probabilities and best-sentence probabilities."""
    xs = model.features(ds.sent_counts[sent_rows], list(ds.sent_lang[sent_rows]))
    xp = model.features(ds.par_counts[par_rows], list(ds.par_lang[par_rows]))
    p_sent = 1 / (1 + np.exp(-(xs @ model.sent_coef.T + model.sent_bias)))
    p_par = 1 / (1 + np.exp(-(xp @ model.par_coef.T + model.par_bias)))
    local = np.full(len(ds.cands.par_doc), -1, dtype=np.int64)  # paragraph row -> index in par_rows
    local[par_rows] = np.arange(len(par_rows))
    sent_par = local[ds.cands.sent_par[sent_rows]]
    if model.dense is not None:
        block = F.language_block(list(ds.par_lang[par_rows]), model.languages).toarray()
        p_sent, p_par = model.dense.fuse(p_sent, p_par, ds.sent_vectors[sent_rows], sent_par, block[sent_par], block)
    best = np.zeros_like(p_par)
    np.maximum.at(best, sent_par, p_sent)
    return p_sent.astype(np.float32), p_par.astype(np.float32), best.astype(np.float32)


@dataclass(slots=True)
class OutOfFold:
    fold: np.ndarray  # per document
    p_sent: np.ndarray
    p_par: np.ndarray
    best: np.ndarray
    models: list[TechniqueModel]


def out_of_fold(ds: Dataset, settings: Settings, progress: Callable[[str], None] | None = None) -> OutOfFold:
    fold = document_folds(ds.docs, settings.folds, settings.seed)
    n_labels = len(ds.labels)
    p_sent = np.zeros((len(ds.cands.sent_par), n_labels), dtype=np.float32)
    p_par = np.zeros((len(ds.cands.par_doc), n_labels), dtype=np.float32)
    best = np.zeros_like(p_par)
    models = []
    for k in range(settings.folds):
        model = fit_model(ds, np.flatnonzero(fold != k), settings)
        par_rows = np.flatnonzero(fold[ds.cands.par_doc] == k)
        sent_rows = np.flatnonzero(np.isin(ds.cands.sent_par, par_rows))
        p_sent[sent_rows], p_par[par_rows], best[par_rows] = raw_scores(model, ds, par_rows, sent_rows)
        models.append(model)
        if progress:
            progress(f"fold {k + 1}/{settings.folds} done")
    return OutOfFold(fold, p_sent, p_par, best, models)


def choose_mix(
    oof: OutOfFold, ds: Dataset, grid=(0.0, 0.25, 0.5, 0.75, 1.0), min_paragraphs: int = 10**9,
    shrink: float = 0.5,
) -> tuple[float, float]:
    """The mix of paragraph model and best sentence with the best out-of-fold micro-F1."""
    from narrascope.analyzers.techniques.metrics import paragraph_scores

    results = []
    for mix in grid:
        scores = mix * oof.p_par + (1 - mix) * oof.best
        thr = language_thresholds(scores, ds.y_par, ds.par_lang, min_paragraphs, shrink)
        results.append((paragraph_scores(ds.y_par, apply_thresholds(scores, ds.par_lang, thr)).micro_f1, mix))
    f1, mix = max(results)
    return mix, f1


# ---------------------------------------------------------------------- reports
def evaluate_oof(
    ds: Dataset, oof: OutOfFold, mix: float, min_paragraphs: int = 10**9, shrink: float = 0.5,
    scores: np.ndarray | None = None,
) -> tuple[dict[str, dict[str, float]], np.ndarray]:
    """Per-language paragraph and span scores of out-of-fold predictions, and the paragraph labels
    (paragraphs, labels) they score. Thresholds are cross-fitted: those applied to fold k are tuned on
    the other folds' out-of-fold scores only. `scores`: final out-of-fold paragraph scores (default: the
    first stage's mix)."""
    from narrascope.analyzers.techniques.metrics import paragraph_scores, span_scores

    if scores is None:
        scores = mix * oof.p_par + (1 - mix) * oof.best
    par_fold = oof.fold[ds.cands.par_doc]
    pred = np.zeros_like(ds.y_par)
    spans_pred: dict[str, list[tuple[str, int, int]]] = {}
    for k, model in enumerate(oof.models):
        rest = par_fold != k
        model.mix = mix
        model.thresholds = language_thresholds(
            scores[rest], ds.y_par[rest], ds.par_lang[rest], min_paragraphs, shrink
        )
        sent_rest = rest[ds.cands.sent_par]
        model.sent_threshold = tune_thresholds(oof.p_sent[sent_rest], ds.y_sent[sent_rest])
        docs = np.flatnonzero(oof.fold == k)
        sub, par_rows, sent_rows = F.subset(ds.cands, docs)
        texts = [ds.docs[i].text for i in docs]
        langs = [ISO_CODES.get(ds.docs[i].lang, ds.docs[i].lang) for i in docs]
        found = model.decode(texts, langs, sub, oof.p_sent[sent_rows], scores[par_rows])
        local = {(int(sub.par_doc[i]), sub.par_bounds[i][2]): par_rows[i] for i in range(len(par_rows))}
        for j, (i, doc) in enumerate(zip(docs, found, strict=True)):
            spans_pred[ds.docs[i].id] = [(s.label, s.start, s.end) for s in doc.spans]
            for par in doc.paragraphs:
                row = local[(j, par.number)]
                for lab in par.labels:
                    pred[row, ds.labels.index(lab.label)] = 1
    out: dict[str, dict[str, float]] = {}
    for lang in [*dict.fromkeys(ds.par_lang.tolist()), "all"]:
        rows = ds.par_lang == lang if lang != "all" else np.ones(len(ds.par_lang), dtype=bool)
        ps = paragraph_scores(ds.y_par[rows], pred[rows])
        ids = {ds.docs[d].id for d in np.unique(ds.cands.par_doc[rows])}
        ss = span_scores({i: ds.gold_spans[i] for i in ids}, {i: spans_pred.get(i, []) for i in ids})
        out[lang] = {
            "articles": len(ids), "paragraphs": ps.n_paragraphs,
            "micro_f1": round(ps.micro_f1, 4), "macro_f1": round(ps.macro_f1, 4),
            "precision": round(ps.precision, 4), "recall": round(ps.recall, 4),
            "span_f1": round(ss.f1, 4), "span_precision": round(ss.precision, 4), "span_recall": round(ss.recall, 4),
        }
    return out, pred


def format_table(scores: dict[str, dict[str, float]]) -> str:
    head = f"{'lang':<5}{'articles':>9}{'paragr.':>8}{'micro-F1':>10}{'macro-F1':>10}{'P':>7}{'R':>7}"
    head += f"{'span-F1':>9}{'span-P':>8}{'span-R':>8}"
    lines = [head]
    for lang, s in scores.items():
        lines.append(
            f"{lang:<5}{s['articles']:>9}{s['paragraphs']:>8}{s['micro_f1']:>10.3f}{s['macro_f1']:>10.3f}"
            f"{s['precision']:>7.3f}{s['recall']:>7.3f}{s['span_f1']:>9.3f}{s['span_precision']:>8.3f}"
            f"{s['span_recall']:>8.3f}"
        )
    return "\n".join(lines)
