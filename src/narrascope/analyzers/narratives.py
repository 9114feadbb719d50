"""Narrative analyzer: which narratives and sub-narratives of the taxonomy an article pushes.

Decision order, as the task's taxonomy implies:
1. the domain (URW, CC, or none) is decided first; `none` means the label `Other`, alone;
2. within the domain, a narrative is predicted when its probability passes its own threshold
   (thresholds were tuned per label by cross-validation), sub-narratives likewise;
3. consistency: a sub-narrative implies its narrative; a narrative with no specific sub-narrative
   gets `<narrative>: Other`; when the domain has narratives but none passes its threshold the best
   one is kept (the domain head has already said there is one).

Evidence: each label's linear model is applied to every sentence; the 1-3 sentences that push the
label hardest are its evidence (character spans into the text).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from ..document import Analysis, LabelScore, Span
from ..embeddings import Embedder, get_embedder
from ..errors import ModelError
from ..features import HashedTfidf, HashingConfig
from ..linear import MultiLabelLinear
from ..taxonomy import OTHER
from ..text import sentences
from .base import Analyzer

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "narratives"
MAX_SENTENCES = 120  # long articles: the opening carries the narrative; bounds time per article
MAX_EVIDENCE = 3
NONE_DOMAIN = "none"


@dataclass(slots=True)
class Featurized:
    """Features of a batch of texts: document rows plus every sentence (for evidence)."""

    X: sparse.csr_matrix | None  # (n_docs, n_tfidf)
    E: np.ndarray | None  # (n_docs, emb_dim)
    sent_spans: list[list[tuple[int, int]]]
    sent_X: sparse.csr_matrix | None  # (n_sents, n_tfidf)
    sent_E: np.ndarray | None  # (n_sents, emb_dim)
    sent_doc: np.ndarray  # (n_sents,) document index of each sentence


class NarrativeModel:
    """The learned part: features + three linear heads (domain, narratives, sub-narratives)."""

    def __init__(self, config: dict | None = None, embedder: Embedder | None = None):
        self.config = {"use_tfidf": True, "use_embeddings": True, "use_chars": True, **(config or {})}
        self._embedder = embedder
        self.tfidf: HashedTfidf | None = None
        self.domains: list[str] = []
        self.narratives: list[str] = []
        self.subnarratives: list[str] = []
        self.heads: dict[str, MultiLabelLinear] = {}
        self.thresholds: dict[str, np.ndarray] = {}
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
        E = sent_E = None
        if self.config["use_embeddings"]:
            sent_E = self.embedder.encode(sent_texts)
            E = np.zeros((len(texts), sent_E.shape[1] if len(sent_E) else self.embedder.dim), dtype=np.float32)
            if len(sent_E):
                np.add.at(E, sent_doc, sent_E)
            E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-9)
        X = sent_X = None
        if self.config["use_tfidf"]:
            if self.tfidf is None:
                raise ModelError("NarrativeModel.featurize needs a fitted TF-IDF (call fit or load)")
            X = self.tfidf.transform(texts)
            sent_X = self.tfidf.transform(sent_texts) if with_sentences and sent_texts else None
        return Featurized(X, E, spans, sent_X, sent_E, sent_doc)

    def fit_tfidf(self, texts: list[str]) -> None:
        if self.config["use_tfidf"]:
            cfg = HashingConfig(use_chars=self.config["use_chars"])
            self.tfidf = HashedTfidf(cfg).fit(texts)

    # -- scores -------------------------------------------------------------------------------------
    def predict_proba(self, f: Featurized) -> dict[str, np.ndarray]:
        return {name: head.predict_proba(f.X, f.E) for name, head in self.heads.items()}

    def sentence_scores(self, head: str, f: Featurized, doc: int, label_idx: int) -> np.ndarray:
        rows = np.flatnonzero(f.sent_doc == doc)
        h = self.heads[head]
        score = np.zeros(len(rows), dtype=np.float32)
        if h.W_sparse_ is not None and f.sent_X is not None:
            score += np.asarray(f.sent_X[rows] @ h.W_sparse_[:, label_idx].toarray()).ravel()
        if h.W_emb_ is not None and f.sent_E is not None:
            score += f.sent_E[rows] @ h.W_emb_[:, label_idx]
        return score

    # -- persistence ----------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {}
        if self.tfidf is not None:
            arrays.update({f"tfidf.{k}": v for k, v in self.tfidf.state().items()})
        for name, head in self.heads.items():
            arrays.update(head.state(name))
        for name, thr in self.thresholds.items():
            arrays[f"thr.{name}"] = thr.astype(np.float32)
        np.savez_compressed(path / "weights.npz", **arrays)
        labels = {"domains": self.domains, "narratives": self.narratives, "subnarratives": self.subnarratives}
        meta = {"config": self.config, "labels": labels, **self.meta}
        (path / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR, embedder: Embedder | None = None) -> NarrativeModel:
        path = Path(path)
        if not (path / "weights.npz").exists():
            raise ModelError(
                f"{path}: no narrative model here; build it with "
                "`narrascope train narratives --data ../shared/data/semeval2025_task10`"
            )
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        self = cls(meta["config"], embedder)
        self.meta = {k: v for k, v in meta.items() if k not in ("config", "labels")}
        self.domains = meta["labels"]["domains"]
        self.narratives = meta["labels"]["narratives"]
        self.subnarratives = meta["labels"]["subnarratives"]
        with np.load(path / "weights.npz") as z:
            state = {k: z[k] for k in z.files}
        if self.config["use_tfidf"]:
            tf_state = {k.split(".", 1)[1]: v for k, v in state.items() if k.startswith("tfidf.")}
            self.tfidf = HashedTfidf.from_state(tf_state, HashingConfig(use_chars=self.config["use_chars"]))
        for name in ("domain", "narrative", "subnarrative"):
            self.heads[name] = MultiLabelLinear.from_state(state, name)
            self.thresholds[name] = state[f"thr.{name}"]
        return self


def label_domain(label: str) -> str:
    return label.split(":", 1)[0].strip()


def parent_of(sub: str, narratives: list[str]) -> str | None:
    best = None
    for n in narratives:
        if sub.startswith(n + ": ") and (best is None or len(n) > len(best)):
            best = n
    return best


class NarrativeAnalyzer(Analyzer):
    name = "narratives"

    def __init__(self, model: NarrativeModel):
        self.model = model

    @classmethod
    def load_default(cls) -> NarrativeAnalyzer:
        return cls(NarrativeModel.load(MODEL_DIR))

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        texts = [a.document.text for a in batch]
        f = self.model.featurize(texts)
        probs = self.model.predict_proba(f)
        for i, a in enumerate(batch):
            decide(self.model, probs, i, a)
            self._add_evidence(f, i, a)
        return batch

    def _add_evidence(self, f: Featurized, i: int, a: Analysis) -> None:
        if not f.sent_spans[i]:
            return
        for item in a.narratives + a.subnarratives:
            item.evidence = self._evidence(f, i, item.label)

    def _evidence(self, f: Featurized, i: int, label: str) -> list[Span]:
        m = self.model
        if label in m.subnarratives:
            scores = m.sentence_scores("subnarrative", f, i, m.subnarratives.index(label))
        else:  # a narrative, or "<narrative>: Other": the narrative's own evidence
            narrative = label if label in m.narratives else parent_of(label, m.narratives)
            if narrative is None:
                return []
            scores = m.sentence_scores("narrative", f, i, m.narratives.index(narrative))
        spans = f.sent_spans[i]
        order = np.argsort(-scores)[:MAX_EVIDENCE]
        best = scores[order[0]]
        # the best sentence always; others only if they push the label and are nearly as telling
        keep = [k for k in order if k == order[0] or (scores[k] > 0 and scores[k] >= best - 1.0)]
        return [Span(spans[k][0], spans[k][1], label=label, score=round(float(scores[k]), 4)) for k in keep]


def decide(model: NarrativeModel, probs: dict[str, np.ndarray], i: int, a: Analysis) -> None:
    """Turn the three heads' probabilities for document `i` into consistent labels on `a`."""
    p_dom = probs["domain"][i]
    d = int(np.argmax(p_dom))
    a.domain_score = float(p_dom[d])
    domain = model.domains[d]
    a.narratives, a.subnarratives = [], []
    if domain == NONE_DOMAIN:
        a.domain = None
        return
    a.domain = domain
    p_n, p_s = probs["narrative"][i], probs["subnarrative"][i]
    t_n, t_s = model.thresholds["narrative"], model.thresholds["subnarrative"]
    in_domain = [j for j, n in enumerate(model.narratives) if label_domain(n) == domain]
    chosen = {model.narratives[j]: float(p_n[j]) for j in in_domain if p_n[j] >= t_n[j]}
    subs: dict[str, float] = {}
    for j, s in enumerate(model.subnarratives):
        if label_domain(s) == domain and p_s[j] >= t_s[j]:
            subs[s] = float(p_s[j])
            parent = parent_of(s, model.narratives)
            if parent and parent not in chosen:
                chosen[parent] = float(p_n[model.narratives.index(parent)])
    if not chosen and in_domain:
        best = max(in_domain, key=lambda j: p_n[j])
        chosen[model.narratives[best]] = float(p_n[best])
    for n, score in sorted(chosen.items(), key=lambda kv: -kv[1]):
        a.narratives.append(LabelScore(label=n, score=round(score, 4), parent=None))
        own = sorted(((s, v) for s, v in subs.items() if parent_of(s, model.narratives) == n), key=lambda kv: -kv[1])
        if own:
            a.subnarratives.extend(LabelScore(label=s, score=round(v, 4), parent=n) for s, v in own)
        else:
            a.subnarratives.append(LabelScore(label=f"{n}: {OTHER}", score=round(score, 4), parent=n))
