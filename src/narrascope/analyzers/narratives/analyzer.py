"""Narrative analyzer: which narratives and sub-narratives of the taxonomy an article pushes.

The decision (gate, domain, consistency) is `model.decide`; deciding the domain first with a separate
domain classifier was tried and scored lower in cross-validation (see the model card).

Evidence: each label's linear model is applied to every sentence; the 1-3 sentences that push the
label hardest are its evidence (character spans into the text).
"""
from __future__ import annotations

import numpy as np

from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.narratives.model import MODEL_DIR, Featurized, NarrativeModel, decide, parent_of
from narrascope.document import Analysis, Span

MAX_EVIDENCE = 3


class NarrativeAnalyzer(Analyzer):
    name = "narratives"
    requires = ("language",)  # the decision thresholds are per language
    assigns = ("narratives", "subnarratives", "domain", "domain_score")

    def __init__(self, model: NarrativeModel):
        self.model = model

    @classmethod
    def load_default(cls) -> NarrativeAnalyzer:
        return cls(NarrativeModel.load(MODEL_DIR))

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        if not batch:
            return batch
        texts = [a.document.text for a in batch]
        f = self.model.featurize(texts)
        scores = self.model.decision_function(f)
        for i, a in enumerate(batch):
            decide(self.model, scores, i, a, a.language)
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
