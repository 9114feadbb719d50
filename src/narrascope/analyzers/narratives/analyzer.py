"""Narrative analyzer: which narratives and sub-narratives of the taxonomy an article pushes, and where.

Scores and calibrated probabilities come from the model (`model.py`); the labels from
`decision.choose` (the consistent label sets with the largest expected samples-F1: no cut, no
per-language prior, `Other` when the evidence for any narrative is weak); the evidence from
`evidence.py` (per label, the sentences that support it more than the article's other labels, narrowed
to the clause that carries the claim, each marked stated or attributed). A label is marked weak, whatever its
probability, where nothing in the text can be shown for it as evidence (a word such as "Путин." read as a whole
article's topic; no chosen label of a training article lacks evidence) and in a text of fewer than ten words; a
text shorter than any training article gets a warning (`confidence.too_short`).
"""
from __future__ import annotations

import numpy as np

from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.confidence import MIN_CONFIDENT_WORDS, too_short
from narrascope.analyzers.narratives.decision import Choice, choose
from narrascope.analyzers.narratives.evidence import EvidenceFinder
from narrascope.analyzers.narratives.model import MODEL_DIR, NarrativeModel
from narrascope.document import Analysis, LabelScore
from narrascope.taxonomy import OTHER


class NarrativeAnalyzer(Analyzer):
    name = "narratives"
    requires = ()  # no per-language decision any more: the text alone decides
    assigns = ("narratives", "subnarratives", "domain", "domain_score")

    def __init__(self, model: NarrativeModel, evidence: bool = True):
        self.model = model
        self.evidence = evidence
        self._finder = EvidenceFinder(model)

    @classmethod
    def load_default(cls) -> NarrativeAnalyzer:
        return cls(NarrativeModel.load(MODEL_DIR))

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        if not batch:
            return batch
        f = self.model.featurize([a.document.text for a in batch])
        probs = self.model.probabilities(self.model.scores(f))
        evidence = self._finder.for_batch(f) if self.evidence else None
        for i, (a, choice) in enumerate(zip(batch, choices(self.model, probs), strict=True)):
            self._fill(a, choice, probs, i)
            if evidence is not None and a.narratives:
                evidence.add(i, a)
            if a.narratives:
                _mark_unsupported(a, with_evidence=evidence is not None)
        return batch

    def _fill(self, a: Analysis, choice: Choice, probs: dict[str, np.ndarray], i: int) -> None:
        m = self.model
        a.narratives, a.subnarratives, a.domain, a.domain_score = [], [], None, 0.0
        if choice.other:
            return
        p_n, p_f = probs["narrative"][i], probs["fine"][i]
        parent = m.hierarchy.parent
        weak_n, weak_f = m.weak_below.get("narrative", 0.0), m.weak_below.get("fine", 0.0)
        for n in sorted(choice.narratives, key=lambda n: -p_n[n]):
            a.narratives.append(LabelScore(label=m.narratives[n], score=round(float(p_n[n]), 4),
                                           weak=bool(p_n[n] < weak_n)))
            for j in sorted((j for j in choice.fine if parent[j] == n), key=lambda j: -p_f[j]):
                a.subnarratives.append(LabelScore(label=m.fine[j], score=round(float(p_f[j]), 4),
                                                  parent=m.narratives[n], weak=bool(p_f[j] < weak_f)))
        a.domain = a.narratives[0].label.split(":", 1)[0].strip()
        a.domain_score = a.narratives[0].score


def _mark_unsupported(a: Analysis, with_evidence: bool) -> None:
    short = too_short(a.document.text, "narratives", "labels", weak_under=MIN_CONFIDENT_WORDS)
    if short:
        a.warnings.append(short)
    tiny = short is not None and len(a.document.text.split()) < MIN_CONFIDENT_WORDS  # split again only when short
    for label in (*a.narratives, *a.subnarratives):
        if tiny or (with_evidence and not label.evidence):
            label.weak = True


def choices(model: NarrativeModel, probs: dict[str, np.ndarray]) -> list[Choice]:
    """The label choice of every article of a batch, from the heads' calibrated probabilities."""
    hierarchy = model.hierarchy
    return [choose(probs["narrative"][i], probs["fine"][i], float(probs["other"][i]), hierarchy)
            for i in range(len(probs["other"]))]


def decide_all(model: NarrativeModel, probs: dict[str, np.ndarray]) -> list[tuple[list[str], list[str]]]:
    """(narratives, sub-narratives) of every article, `[Other]` for an article without narratives: the
    label sets the official scorer reads."""
    out = []
    for c in choices(model, probs):
        out.append(([model.narratives[n] for n in c.narratives] or [OTHER], [model.fine[j] for j in c.fine] or [OTHER]))
    return out


def label_sets(model: NarrativeModel, texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """The label sets the analyzer gives `texts` (no evidence)."""
    if not texts:
        return []
    return decide_all(model, model.probabilities(model.scores(model.featurize(texts))))
