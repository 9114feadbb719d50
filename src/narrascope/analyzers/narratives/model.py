"""The learned part of the narrative analyzer: three views of an article, three heads, their calibration.

Views (`featurize`), all independent of the order of the article's paragraphs:
- words: hashed TF-IDF of word 1-2-grams (`nlp.text.WORD_PATTERN`, the one tokenizer of every script);
- characters: hashed TF-IDF of character 3-5-grams within words (stems and inflections of BG, RU, HI, PT);
- meaning: the mean multilingual USE vector of the title and of up to 15 other sentences picked by a hash
  of their text (a sample that does not depend on where a sentence stands; the encoder is the slowest step).
N-grams are counted per sentence and summed to the article, so the sentences' own rows (for evidence)
come free, and no n-gram crosses a sentence.

Heads (`LinearHeads`, fitted by logistic regression on the views side by side, `linear.py`):
`narrative` (each narrative), `fine` (each sub-narrative, `<narrative>: Other` included) and `any`
(does the article push any narrative at all?). Each head's raw scores are Platt-scaled to probabilities
(`calibration`); `decision.choose` turns them into labels with no cut and no per-language prior.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from scipy import sparse

from narrascope.analyzers.artifacts import model_dir, read_artifact, write_artifact
from narrascope.analyzers.narratives.decision import Hierarchy, platt
from narrascope.analyzers.narratives.linear import LinearHeads
from narrascope.errors import ModelError
from narrascope.nlp.embeddings import Embedder, encode_in_background, get_embedder
from narrascope.nlp.hashing import HashedTfidf, HashingConfig
from narrascope.nlp.text import sentences
from narrascope.taxonomy import load_narratives

MODEL_DIR = model_dir("narratives")
HEADS = ("narrative", "fine", "any")
CHAR_VIEW = HashingConfig(use_words=False, use_chars=True, char_ngrams=(3, 5), char_features=2**20)
WORD_VIEW = HashingConfig(use_chars=False)
DEFAULT_CONFIG = {"embed_sentences": 16, "word_weight": 1.0, "char_weight": 1.0, "emb_weight": 0.5 ** 0.5}


@dataclass(slots=True)
class Featurized:
    """Features of a batch of texts: one row per document, and per sentence for evidence."""

    X: sparse.csr_matrix  # (n_docs, word + char columns), TF-IDF rows
    E: np.ndarray  # (n_docs, emb_dim), mean vector of the embedded sentences
    sent_spans: list[list[tuple[int, int]]]  # per document: its sentences' (start, end)
    sent_X: sparse.csr_matrix  # (n_sents, word + char columns), TF-IDF rows of each sentence
    sent_doc: np.ndarray  # (n_sents,) document of each sentence
    views: list[sparse.csr_matrix] = field(default_factory=list)  # X split by view (training only)

    def sentence_rows(self, doc: int) -> np.ndarray:
        return np.flatnonzero(self.sent_doc == doc)


def embedded_sentences(texts: list[str], limit: int) -> list[int]:
    """Which of an article's sentences are embedded: all when there are at most `limit`, else the
    first (the title: shuffling the body never moves it) and the `limit - 1` others whose text hashes
    lowest: a sample of the article that no reordering of its paragraphs changes."""
    if limit <= 0 or len(texts) <= limit:
        return list(range(len(texts)))
    ranked = sorted(range(1, len(texts)), key=lambda k: (zlib.crc32(texts[k].encode("utf-8", "surrogatepass")), k))
    return [0, *sorted(ranked[: limit - 1])]


class NarrativeModel:
    """Views, heads and calibration; `probabilities` gives each head's calibrated probabilities."""

    def __init__(self, config: dict | None = None, embedder: Embedder | None = None):
        self.config = {**DEFAULT_CONFIG, **(config or {})}
        self._embedder = embedder
        self.words: HashedTfidf | None = None
        self.chars: HashedTfidf | None = None
        tax = load_narratives()
        self.narratives: list[str] = list(tax.narrative_names)
        self.fine: list[str] = list(tax.subnarrative_names)  # `<narrative>: Other` included
        self.heads: dict[str, LinearHeads] = {}
        self.calibration: dict[str, tuple[float, float]] = {}
        # Per head ("narrative", "fine"): a chosen label whose probability is under this is marked weak.
        self.weak_below: dict[str, float] = {}
        self.meta: dict = {}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.config.get("embedder"))
        return self._embedder

    @cached_property
    def hierarchy(self) -> Hierarchy:
        index = {n: i for i, n in enumerate(self.narratives)}
        return Hierarchy(np.array([_parent(f, index) for f in self.fine], dtype=np.int64),
                         np.array([n.split(":", 1)[0].strip() for n in self.narratives]))

    # -- features ---------------------------------------------------------------------------------
    def featurize(self, texts: list[str], fit: bool = False) -> Featurized:
        """Features of `texts`; with `fit`, the n-gram views' IDF is learned from them first (training:
        the n-grams are counted once)."""
        spans = [sentences(t) for t in texts]
        sent_texts = [t[s:e] for t, sp in zip(texts, spans, strict=True) for s, e in sp]
        sent_doc = np.array([i for i, sp in enumerate(spans) for _ in sp], dtype=np.int64)
        picked: list[int] = []
        offset = 0
        for sp in spans:
            own = sent_texts[offset : offset + len(sp)]
            picked.extend(offset + k for k in embedded_sentences(own, self.config["embed_sentences"]))
            offset += len(sp)
        # The encoder runs while this thread counts the n-grams (see encode_in_background).
        pending = encode_in_background(self.embedder, [sent_texts[j] for j in picked])
        to_doc = sparse.csr_matrix((np.ones(len(sent_doc), np.float32), (sent_doc, np.arange(len(sent_doc)))),
                                   shape=(len(texts), len(sent_doc)))
        if fit:
            self.words, self.chars = HashedTfidf(WORD_VIEW), HashedTfidf(CHAR_VIEW)
        counts = [view.counts(sent_texts) for view in self._views()]
        doc_counts = [to_doc @ c for c in counts]
        if fit:
            for view, c in zip(self._views(), doc_counts, strict=True):
                view.fit_counts(c)
        views = [view.weigh(c) for view, c in zip(self._views(), doc_counts, strict=True)]
        sent_X = sparse.hstack([view.weigh(c) for view, c in zip(self._views(), counts, strict=True)], format="csr")
        vectors = pending.result()
        E = np.zeros((len(texts), self.embedder.dim), dtype=np.float32)
        if len(picked):
            np.add.at(E, sent_doc[picked], vectors)
        E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-9)
        X = sparse.hstack(views, format="csr", dtype=np.float32)
        return Featurized(X, E, spans, sent_X, sent_doc, views)

    def _views(self) -> tuple[HashedTfidf, HashedTfidf]:
        if self.words is None or self.chars is None:
            raise ModelError("NarrativeModel needs fitted n-gram views (featurize(..., fit=True) or load)")
        return self.words, self.chars

    @property
    def view_weights(self) -> tuple[float, float]:
        return self.config["word_weight"], self.config["char_weight"]

    def weighted(self, f: Featurized) -> tuple[list[sparse.csr_matrix], np.ndarray | None]:
        """The views scaled by their weights: the features the heads are fitted on."""
        views = [v * w for v, w in zip(f.views, self.view_weights, strict=True)]
        return views, (f.E * self.config["emb_weight"] if f.E is not None else None)

    # -- scores -------------------------------------------------------------------------------------
    def scores(self, f: Featurized) -> dict[str, np.ndarray]:
        """Raw scores of every head: (n_docs, labels)."""
        if not self.heads:
            raise ModelError("NarrativeModel has no fitted heads (train it or load a trained one)")
        return {name: head.decision_function(f.X, f.E) for name, head in self.heads.items()}

    def probabilities(self, raw: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Calibrated probabilities of every head, and `other` = 1 - P(any narrative), (n_docs,)."""
        out = {name: platt(s, self.calibration.get(name, (1.0, 0.0))) for name, s in raw.items()}
        out["other"] = 1.0 - out["any"][:, 0]
        return out

    # -- persistence ----------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        words, chars = self._views()
        arrays.update({f"words.{k}": v for k, v in words.state().items()})
        arrays.update({f"chars.{k}": v for k, v in chars.state().items()})
        for name, head in self.heads.items():
            arrays.update(head.state(name))
        for name, ab in self.calibration.items():
            arrays[f"calib.{name}"] = np.asarray(ab, dtype=np.float32)
        labels = {"narratives": self.narratives, "fine": self.fine}
        write_artifact(path, arrays, {"config": self.config, "labels": labels, "weak_below": self.weak_below,
                                      **self.meta}, indent=2)

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR, embedder: Embedder | None = None) -> NarrativeModel:
        state, meta = read_artifact(path, "narratives")
        if "fine" not in meta.get("labels", {}):
            raise ModelError(f"{path}: a narrative model of an older layout; rebuild it with `narrascope train narratives`")
        self = cls(meta["config"], embedder)
        self.meta = {k: v for k, v in meta.items() if k not in ("config", "labels", "weak_below")}
        self.weak_below = {k: float(v) for k, v in (meta.get("weak_below") or {}).items()}
        self.narratives, self.fine = meta["labels"]["narratives"], meta["labels"]["fine"]

        def view_state(prefix: str) -> dict[str, np.ndarray]:
            return {k.split(".", 1)[1]: v for k, v in state.items() if k.startswith(prefix + ".")}

        self.words = HashedTfidf.from_state(view_state("words"), WORD_VIEW)
        self.chars = HashedTfidf.from_state(view_state("chars"), CHAR_VIEW)
        self.heads = {name: LinearHeads.from_state(state, name) for name in HEADS}
        self.calibration = {name: (float(state[f"calib.{name}"][0]), float(state[f"calib.{name}"][1]))
                            for name in HEADS if f"calib.{name}" in state}
        return self


def _parent(fine: str, index: dict[str, int]) -> int:
    best = max((n for n in index if fine.startswith(n + ": ")), key=len, default=None)
    if best is None:
        raise ModelError(f"fine label {fine!r} has no narrative among the model's labels")
    return index[best]
