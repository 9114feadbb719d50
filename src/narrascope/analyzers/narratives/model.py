"""The learned part of the narrative analyzer: features, two linear heads and the gate.

`NarrativeModel.featurize` turns texts into three views (hashed word n-grams, hashed character
n-grams, the mean sentence embedding) plus every sentence's features (for evidence);
`decision_function` gives each head's raw scores and the gate's; `decide` turns one document's
scores into consistent labels:
1. the gate (`gate.py`): an article whose gate score is under its language's cut is `Other`, alone;
   the others get at least their most confident label. Candidates are the narratives and
   sub-narratives whose score passes the label's own threshold (tuned by cross-validation). Models
   trained before the gate: no candidate means `Other`;
2. the domain (URW or CC) is decided next, as the domain of the most confident candidate, and
   candidates of the other domain are dropped: an article pushes narratives of one domain;
3. consistency: a sub-narrative implies its narrative; a narrative with no specific sub-narrative
   gets `<narrative>: Other`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from narrascope.analyzers.artifacts import model_dir, read_artifact, write_artifact
from narrascope.analyzers.narratives.gate import NarrativeGate
from narrascope.analyzers.narratives.linear import MultiLabelLinear
from narrascope.document import Analysis, LabelScore
from narrascope.errors import ModelError
from narrascope.nlp.embeddings import Embedder, encode_in_background, get_embedder
from narrascope.nlp.hashing import HashedTfidf, HashingConfig
from narrascope.nlp.text import sentences
from narrascope.taxonomy import OTHER

MODEL_DIR = model_dir("narratives")
MAX_SENTENCES = 120  # long articles: the opening carries the narrative; bounds time per article
# The character view: n-grams within words (3-5) catch the stems and inflections of BG, RU, HI and
# PT that word n-grams split into many rare forms. Its own view (own L2 norm, own model), not mixed
# into the word view: fused margins scored better in cross-validation (see the model card).
CHAR_VIEW = HashingConfig(use_words=False, use_chars=True, char_ngrams=(3, 5), char_features=2**20)
WORD_VIEW = HashingConfig(use_chars=False)


@dataclass(slots=True)
class Featurized:
    """Features of a batch of texts: document rows plus every sentence (for evidence)."""

    X: sparse.csr_matrix | None  # (n_docs, n_tfidf)
    E: np.ndarray | None  # (n_docs, emb_dim)
    sent_spans: list[list[tuple[int, int]]]
    sent_X: sparse.csr_matrix | None  # (n_sents, n_tfidf)
    sent_E: np.ndarray | None  # (n_embedded_sents, emb_dim)
    sent_doc: np.ndarray  # (n_sents,) document index of each sentence
    sent_emb_row: np.ndarray | None = None  # (n_sents,) row of sent_E, or -1 when not embedded
    sent_scores: dict = field(default_factory=dict)  # head -> (n_sents, L) n-gram scores, computed once


class NarrativeModel:
    """The learned part: features + two linear heads (narratives, sub-narratives)."""

    def __init__(self, config: dict | None = None, embedder: Embedder | None = None):
        self.config = {"use_tfidf": True, "use_embeddings": True, "use_chars": True,
                       "max_embed_sentences": MAX_SENTENCES, **(config or {})}
        self._embedder = embedder
        self.tfidf: HashedTfidf | None = None  # the word view
        self.chars: HashedTfidf | None = None  # the character view (config "use_chars")
        self.narratives: list[str] = []
        self.subnarratives: list[str] = []
        self.heads: dict[str, MultiLabelLinear] = {}
        self.gate: NarrativeGate | None = None  # "has any narrative?"; None in models trained before it
        self.thresholds: dict[str, np.ndarray] = {}  # head (and "gate") -> per-label cut, for any language
        # language (ISO 639-1) -> head -> cut, for the training languages (see train/tuning.py)
        self.language_thresholds: dict[str, dict[str, np.ndarray]] = {}
        self.calibration: dict[str, tuple[float, float]] = {}
        self.meta: dict = {}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.config.get("embedder"))
        return self._embedder

    # -- features ---------------------------------------------------------------------------------
    def featurize(self, texts: list[str], with_sentences: bool = True) -> Featurized:
        spans = [sentences(t)[:MAX_SENTENCES] for t in texts]
        sent_texts = [t[s:e] for t, sp in zip(texts, spans) for s, e in sp]
        sent_doc = np.array([i for i, sp in enumerate(spans) for _ in sp], dtype=np.int64)
        E = sent_E = emb_row = pending = None
        if self.config["use_embeddings"]:
            # Only the first sentences are embedded: the encoder is the slowest step, and the
            # opening of an article states its narrative (see max_embed_sentences in the card).
            k = self.config["max_embed_sentences"]
            rank = np.concatenate([np.arange(len(sp)) for sp in spans]) if sent_texts else np.zeros(0, int)
            embedded = np.flatnonzero(rank < k)
            emb_row = np.full(len(sent_texts), -1, dtype=np.int64)
            emb_row[embedded] = np.arange(len(embedded))
            # The encoder runs while this thread hashes the n-grams (see encode_in_background).
            pending = encode_in_background(self.embedder, [sent_texts[j] for j in embedded])
        X = sent_X = None
        if self.views:
            X = self.sparse_features(texts)
            sent_X = self.sparse_features(sent_texts, words_only=True) if with_sentences and sent_texts else None
        if pending is not None:
            sent_E = pending.result()
            E = np.zeros((len(texts), self.embedder.dim), dtype=np.float32)
            if len(sent_E):
                np.add.at(E, sent_doc[embedded], sent_E)
            E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-9)
        return Featurized(X, E, spans, sent_X, sent_E, sent_doc, emb_row)

    @property
    def views(self) -> list[HashedTfidf]:
        """The sparse views in use, in column order (words, then characters)."""
        wanted = [(self.config["use_tfidf"], self.tfidf), (self.config["use_chars"], self.chars)]
        if any(on and view is None for on, view in wanted):
            raise ModelError("NarrativeModel needs fitted TF-IDF views (call fit_tfidf or load)")
        return [view for on, view in wanted if on and view is not None]

    @property
    def view_widths(self) -> tuple[int, ...]:
        return tuple(v.n_features for v in self.views)

    def sparse_features(self, texts: list[str], words_only: bool = False) -> sparse.csr_matrix:
        """The views side by side. `words_only`: the character columns are left empty (sentences
        for evidence: ranking them by words and embedding is enough, and character n-grams of every
        sentence would cost a third of the analyzer's time)."""
        parts = [v.transform(texts) if not (words_only and v is self.chars)
                 else sparse.csr_matrix((len(texts), v.n_features), dtype=np.float32) for v in self.views]
        return parts[0] if len(parts) == 1 else sparse.hstack(parts, format="csr", dtype=np.float32)

    def fit_tfidf(self, texts: list[str]) -> None:
        if self.config["use_tfidf"]:
            self.tfidf = HashedTfidf(WORD_VIEW).fit(texts)
        if self.config["use_chars"]:
            self.chars = HashedTfidf(CHAR_VIEW).fit(texts)

    # -- scores -------------------------------------------------------------------------------------
    def decision_function(self, f: Featurized) -> dict[str, np.ndarray]:
        """Raw scores of every head (what the thresholds apply to), and the gate's as `gate` (n, 1)."""
        scores = {name: head.decision_function(f.X, f.E) for name, head in self.heads.items()}
        if self.gate is not None and self.gate.weights is not None and f.X is not None:  # (no combiner yet in CV folds)
            scores["gate"] = self.gate.score(f.X, scores)[:, None]
        return scores

    def thresholds_for(self, language: str | None) -> dict[str, np.ndarray]:
        """The cuts for a document in `language`: its own if trained on, else the shared ones."""
        return self.language_thresholds.get((language or "").lower(), self.thresholds)

    def confidence(self, head: str, raw: np.ndarray, language: str | None = None) -> np.ndarray:
        """Calibrated probability for raw scores of `head` (Platt scaling of the margin over each
        label's threshold, fitted on out-of-fold scores at training time)."""
        a, b = self.calibration.get(head, (1.0, 0.0))
        thr = self.thresholds_for(language).get(head, 0.0)
        return 1.0 / (1.0 + np.exp(-(a * (raw - thr) + b)))

    def sentence_scores(self, head: str, f: Featurized, doc: int, label_idx: int) -> np.ndarray:
        rows = np.flatnonzero(f.sent_doc == doc)
        h = self.heads[head]
        score = np.zeros(len(rows), dtype=np.float32)
        if h.W_sparse_ is not None and f.sent_X is not None:
            if head not in f.sent_scores:  # every label of the head at once: one sparse product per batch
                f.sent_scores[head] = (f.sent_X @ h.W_sparse_).tocsc()
            score += f.sent_scores[head][rows, label_idx].toarray().ravel()
        if h.W_emb_ is not None and f.sent_E is not None and f.sent_emb_row is not None:
            emb_rows = f.sent_emb_row[rows]
            has = emb_rows >= 0
            score[has] += f.sent_E[emb_rows[has]] @ h.W_emb_[:, label_idx]
        return score

    # -- persistence ----------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        if self.tfidf is not None:
            arrays.update({f"tfidf.{k}": v for k, v in self.tfidf.state().items()})
        if self.chars is not None:
            arrays.update({f"chars.{k}": v for k, v in self.chars.state().items()})
        for name, head in self.heads.items():
            arrays.update(head.state(name))
        if self.gate is not None:
            arrays.update(self.gate.state())
        for name, thr in self.thresholds.items():
            arrays[f"thr.{name}"] = np.asarray(thr, dtype=np.float32)
        for lang, by_head in self.language_thresholds.items():
            for name, thr in by_head.items():
                arrays[f"thr_lang.{lang}.{name}"] = np.asarray(thr, dtype=np.float32)
        for name, ab in self.calibration.items():
            arrays[f"calib.{name}"] = np.asarray(ab, dtype=np.float32)
        labels = {"narratives": self.narratives, "subnarratives": self.subnarratives}
        write_artifact(path, arrays, {"config": self.config, "labels": labels, **self.meta}, indent=2)

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR, embedder: Embedder | None = None) -> NarrativeModel:
        state, meta = read_artifact(path, "narratives")
        self = cls(meta["config"], embedder)
        self.meta = {k: v for k, v in meta.items() if k not in ("config", "labels")}
        self.narratives = meta["labels"]["narratives"]
        self.subnarratives = meta["labels"]["subnarratives"]
        def view_state(prefix: str) -> dict[str, np.ndarray]:
            return {k.split(".", 1)[1]: v for k, v in state.items() if k.startswith(prefix + ".")}

        if self.config["use_tfidf"]:
            self.tfidf = HashedTfidf.from_state(view_state("tfidf"), WORD_VIEW)
        if self.config["use_chars"]:
            self.chars = HashedTfidf.from_state(view_state("chars"), CHAR_VIEW)
        for name in ("narrative", "subnarrative"):
            self.heads[name] = MultiLabelLinear.from_state(state, name)
            if f"calib.{name}" in state:
                self.calibration[name] = tuple(float(x) for x in state[f"calib.{name}"])
        self.gate = NarrativeGate.from_state(state)
        for key, thr in state.items():
            if key.startswith("thr."):
                self.thresholds[key.split(".", 1)[1]] = thr
            elif key.startswith("thr_lang."):
                _, lang, name = key.split(".")
                self.language_thresholds.setdefault(lang, {})[name] = thr
        return self


def label_domain(label: str) -> str:
    return label.split(":", 1)[0].strip()


def parent_of(sub: str, narratives: list[str]) -> str | None:
    best = None
    for n in narratives:
        if sub.startswith(n + ": ") and (best is None or len(n) > len(best)):
            best = n
    return best


def decide(model: NarrativeModel, scores: dict[str, np.ndarray], i: int, a: Analysis,
           language: str | None = None) -> None:
    """Turn the heads' raw scores for document `i` (in `language`) into consistent labels on `a`."""
    s_n, s_s = scores["narrative"][i], scores["subnarrative"][i]
    cuts = model.thresholds_for(language)
    t_n, t_s = cuts["narrative"], cuts["subnarrative"]
    a.narratives, a.subnarratives = [], []
    a.domain, a.domain_score = None, 0.0
    # 1. the gate, then candidates: every label whose score passes its own threshold, with its margin
    gated = "gate" in scores and "gate" in cuts
    if gated and scores["gate"][i, 0] < cuts["gate"][0]:
        return  # `Other`: no narrative of the taxonomy
    margins: dict[str, float] = {}
    for j in np.flatnonzero(s_n >= t_n):
        margins[model.narratives[j]] = float(s_n[j] - t_n[j])
    for j in np.flatnonzero(s_s >= t_s):
        margins[model.subnarratives[j]] = float(s_s[j] - t_s[j])
    if not margins and gated:
        # past the gate, an article has a narrative: its most confident label, even under its cut
        m_n, m_s = s_n - t_n, s_s - t_s
        if len(m_s) and m_s.max() > m_n.max(initial=-np.inf):
            margins[model.subnarratives[int(m_s.argmax())]] = float(m_s.max())
        elif len(m_n):
            margins[model.narratives[int(m_n.argmax())]] = float(m_n.max())
    if not margins:
        return  # `Other`: no narrative of the taxonomy
    # 2. the domain: that of the most confident candidate; candidates of the other domain go
    top = max(margins, key=margins.__getitem__)
    domain = label_domain(top)
    c_n, c_s = model.confidence("narrative", s_n, language), model.confidence("subnarrative", s_s, language)
    a.domain = domain
    a.domain_score = round(float(max(c_n.max(initial=0.0), c_s.max(initial=0.0))), 4)
    # 3. consistency: a sub-narrative implies its narrative
    chosen: dict[str, float] = {}
    subs: dict[str, float] = {}
    for label in margins:
        if label_domain(label) != domain:
            continue
        if label in model.narratives:
            chosen[label] = max(chosen.get(label, 0.0), float(c_n[model.narratives.index(label)]))
        else:
            subs[label] = float(c_s[model.subnarratives.index(label)])
            parent = parent_of(label, model.narratives)
            if parent:
                chosen[parent] = max(chosen.get(parent, 0.0), float(c_n[model.narratives.index(parent)]), subs[label])
    for n, score in sorted(chosen.items(), key=lambda kv: -kv[1]):
        a.narratives.append(LabelScore(label=n, score=round(score, 4), parent=None))
        own = sorted(((s, v) for s, v in subs.items() if parent_of(s, model.narratives) == n), key=lambda kv: -kv[1])
        if own:
            a.subnarratives.extend(LabelScore(label=s, score=round(v, 4), parent=n) for s, v in own)
        else:  # narrative present, no specific sub-narrative
            a.subnarratives.append(LabelScore(label=f"{n}: {OTHER}", score=round(score, 4), parent=n))
