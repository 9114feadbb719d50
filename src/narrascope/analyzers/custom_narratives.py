"""Narratives of a user's own taxonomy, with no training: similarity to definitions and examples.

The user writes labels as a YAML/JSON file in the format of `taxonomy/narratives.yaml` (name,
definition, a few example sentences, optional parent) and runs `narrascope analyze --taxonomy
my.yaml`. Each label is represented by the sentence embeddings of its definition and of each
example (its "prototypes"); each sentence of an article is embedded with the same multilingual
encoder, so an English definition also finds Russian or Portuguese sentences.

Scoring (zero/few-shot):
- a label's score for an article is the mean of its best sentence similarities (best over the
  label's prototypes): the 2 best for a narrative (a broad claim recurs), the best one for a
  sub-narrative (one specific sentence is enough);
- a narrative's score is the larger of its own and its best sub-narrative's (sub-narratives are
  more specific, so their definitions often match where the broad one does not);
- labels pass when their score is at least `threshold` and within `margin` of the article's best
  label; at most `max_narratives` narratives; no narrative means `Other`;
- sub-narratives are chosen the same way among the chosen narratives' children; a chosen
  narrative with none gets `<narrative>: Other`.
Evidence: the label's best sentences (up to 3) as spans. The output has exactly the shape of the
built-in narrative analyzer's, and the analyzer takes its place (its name is "narratives").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from narrascope.analyzers import DEFAULT_ANALYZERS
from narrascope.analyzers.base import Analyzer
from narrascope.document import Analysis, LabelScore, Span
from narrascope.nlp.embeddings import Embedder, get_embedder
from narrascope.nlp.text import sentences
from narrascope.taxonomy import OTHER, NarrativeTaxonomy, load_narratives

MAX_SENTENCES = 80  # the opening of an article carries its narrative; bounds time on long texts
MAX_EVIDENCE = 3


@dataclass(slots=True)
class ZeroShotConfig:
    threshold: float = 0.35
    margin: float = 0.06
    sub_threshold: float = 0.4
    sub_margin: float = 0.2
    max_narratives: int = 3
    max_subnarratives: int = 3
    top_sentences: int = 2  # narratives: a broad claim recurs
    sub_top_sentences: int = 1  # sub-narratives: one specific sentence is enough


class CustomNarrativeAnalyzer(Analyzer):
    name = "narratives"  # stands in for the built-in analyzer (so `explain` etc. read its output)
    assigns = ("narratives", "subnarratives", "domain", "domain_score")

    def __init__(self, taxonomy: NarrativeTaxonomy, embedder: Embedder | None = None,
                 config: ZeroShotConfig | None = None):
        self.taxonomy = taxonomy
        self.config = config or ZeroShotConfig()
        self._embedder = embedder
        # labels that have a description (the derived "<narrative>: Other" ones have none of their own)
        self.labels = [lab for lab in taxonomy.narratives + taxonomy.subnarratives
                       if not lab.name.endswith(f": {OTHER}")]
        self.is_sub = np.array([lab.parent is not None for lab in self.labels])
        self.parent_index = np.array([self._index(lab.parent) if lab.parent else -1 for lab in self.labels])
        self._prototypes: np.ndarray | None = None  # (n_prototypes, dim)
        self._proto_label: np.ndarray | None = None  # label index of each prototype

    @classmethod
    def from_file(cls, path: str | Path, embedder: Embedder | None = None,
                  config: ZeroShotConfig | None = None) -> CustomNarrativeAnalyzer:
        return cls(load_narratives(path), embedder, config)

    def _index(self, name: str) -> int:
        return next(i for i, lab in enumerate(self.labels) if lab.name == name)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder()
        return self._embedder

    def prototypes(self) -> tuple[np.ndarray, np.ndarray]:
        """Embeddings of every label's definition and examples, and the label of each (built once)."""
        if self._prototypes is None:
            texts, owner = [], []
            for i, lab in enumerate(self.labels):
                for t in (lab.definition or lab.short_name, *lab.examples):
                    if t.strip():
                        texts.append(t)
                        owner.append(i)
            self._prototypes = self.embedder.encode(texts)
            self._proto_label = np.array(owner)
        return self._prototypes, self._proto_label

    def sentence_similarities(self, vectors: np.ndarray) -> np.ndarray:
        """(n_sentences, n_labels): each sentence's best similarity to each label's prototypes."""
        protos, owner = self.prototypes()
        sims = vectors @ protos.T
        out = np.full((len(vectors), len(self.labels)), -1.0, dtype=np.float32)
        for j in range(len(self.labels)):
            out[:, j] = sims[:, owner == j].max(axis=1)
        return out

    def label_scores(self, sims: np.ndarray) -> np.ndarray:
        """Per label: the mean of its best sentence similarities (`top_sentences` of them for a
        narrative, `sub_top_sentences` for a sub-narrative)."""
        if not len(sims):
            return np.zeros(len(self.labels), dtype=np.float32)
        ranked = -np.sort(-sims, axis=0)
        scores = np.where(self.is_sub, ranked[: self.config.sub_top_sentences].mean(axis=0),
                          ranked[: self.config.top_sentences].mean(axis=0)).astype(np.float32)
        for j in np.flatnonzero(self.is_sub):  # a narrative is at least as present as its best child
            p = self.parent_index[j]
            scores[p] = max(scores[p], scores[j])
        return scores

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        spans = [sentences(a.document.text)[:MAX_SENTENCES] for a in batch]
        texts = [a.document.text[s:e] for a, ss in zip(batch, spans, strict=True) for s, e in ss]
        vectors = self.embedder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)
        pos = 0
        for a, ss in zip(batch, spans, strict=True):
            sims = self.sentence_similarities(vectors[pos : pos + len(ss)]) if ss else \
                np.zeros((0, len(self.labels)), dtype=np.float32)
            pos += len(ss)
            self.decide(a, ss, sims)
        return batch

    def _choose(self, scores: np.ndarray, candidates: np.ndarray, threshold: float, margin: float, limit: int
                ) -> list[int]:
        if not len(candidates):
            return []
        best = float(scores[candidates].max())
        ok = [int(i) for i in candidates if scores[i] >= threshold and scores[i] >= best - margin]
        return sorted(ok, key=lambda i: -scores[i])[:limit]

    def _evidence(self, sims: np.ndarray, spans: list[tuple[int, int]], j: int, label: str) -> list[Span]:
        if not len(sims):
            return []
        order = np.argsort(-sims[:, j], kind="stable")[:MAX_EVIDENCE]
        floor = self.config.threshold * 0.9
        chosen = [i for i in order if sims[i, j] >= floor] or list(order[:1])
        return [Span(spans[i][0], spans[i][1], label, round(float(sims[i, j]), 4)) for i in sorted(chosen)]

    def decide(self, a: Analysis, spans: list[tuple[int, int]], sims: np.ndarray) -> None:
        c = self.config
        scores = self.label_scores(sims)
        narrative_idx = self._choose(scores, np.flatnonzero(~self.is_sub), c.threshold, c.margin, c.max_narratives)
        a.narratives, a.subnarratives = [], []
        if not narrative_idx:
            best = float(scores[~self.is_sub].max()) if (~self.is_sub).any() else 0.0
            a.narratives = [LabelScore(OTHER, round(1.0 - max(best, 0.0), 4))]
            a.subnarratives = [LabelScore(OTHER, round(1.0 - max(best, 0.0), 4))]
            return
        for n in narrative_idx:
            lab = self.labels[n]
            a.narratives.append(LabelScore(lab.name, round(float(scores[n]), 4),
                                           evidence=self._evidence(sims, spans, n, lab.name)))
            children = np.flatnonzero(self.parent_index == n)
            subs = self._choose(scores, children, c.sub_threshold, c.sub_margin, c.max_subnarratives)
            for s in subs:
                sub = self.labels[s]
                a.subnarratives.append(LabelScore(sub.name, round(float(scores[s]), 4), parent=lab.name,
                                                  evidence=self._evidence(sims, spans, s, sub.name)))
            if not subs:
                a.subnarratives.append(LabelScore(self.taxonomy.other_of(lab.name), round(float(scores[n]), 4),
                                                  parent=lab.name, evidence=a.narratives[-1].evidence))
        domain = self.labels[narrative_idx[0]].domain
        if domain:
            a.domain, a.domain_score = domain, round(float(scores[narrative_idx[0]]), 4)


def with_custom_taxonomy(names: list[str] | None, taxonomy_path: str | Path) -> list[str | Analyzer]:
    """The analyzer list with "narratives" replaced by a CustomNarrativeAnalyzer of `taxonomy_path`
    (added when the list has no narratives analyzer)."""
    custom = CustomNarrativeAnalyzer.from_file(taxonomy_path)
    items: list[str | Analyzer] = list(names or DEFAULT_ANALYZERS)
    if "narratives" in items:
        items[items.index("narratives")] = custom
    else:
        items.append(custom)
    return items
