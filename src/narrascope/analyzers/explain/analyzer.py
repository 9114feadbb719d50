"""Explanation analyzer: why the article's dominant narrative, in at most 80 words, in its language.

The dominant narrative is the narratives analyzer's top narrative and, under it, its best specific
sub-narrative. The default method is local (`explain.model.LocalExplainer`: evidence sentences
picked by a learned scorer, trimmed, and framed). Entity roles, where the entity analyzer ran,
make sentences that mention a role-bearing entity more likely to be picked; the narratives
analyzer's evidence sentences are always candidates.

With `backend="llm"` (or NARRASCOPE_EXPLAIN_BACKEND=llm) an OpenAI-compatible endpoint writes the
text from the same evidence and may re-rank the top narratives (NARRASCOPE_LLM_RERANK=1); when the
endpoint fails, the local explanation is kept and a warning says why.
"""
from __future__ import annotations

import logging
import os

from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.explain.metrics import MAX_WORDS
from narrascope.analyzers.explain.model import LocalExplainer, prepare
from narrascope.document import Analysis, Explanation, LabelScore
from narrascope.errors import ConfigError, NarrascopeError
from narrascope.nlp.langid import detect_language
from narrascope.taxonomy import OTHER

log = logging.getLogger(__name__)

RERANK_CANDIDATES = 3


def dominant_of(a: Analysis) -> tuple[str, str | None] | None:
    """(narrative, specific sub-narrative or None) with the highest scores, or None when there is none."""
    if not a.narratives:
        return None
    narrative = a.narratives[0].label
    return narrative, best_subnarrative(a.subnarratives, narrative)


def best_subnarrative(subnarratives: list[LabelScore], narrative: str) -> str | None:
    subs = [s for s in subnarratives if (s.parent == narrative or s.label.startswith(narrative + ": "))
            and not s.label.endswith(": " + OTHER)]
    return max(subs, key=lambda s: s.score).label if subs else None


def role_spans(a: Analysis) -> list[tuple[int, int]] | None:
    """Mentions of entities the article casts in a role; None when no entity analysis ran."""
    if not a.entities:
        return None
    return [(m.start, m.end) for e in a.entities if e.main_role for m in e.mentions]


def narrative_evidence(a: Analysis, narrative: str) -> list[tuple[int, int, str | None]]:
    """The narratives analyzer's evidence for `narrative` as (start, end, attribution): "stated",
    "attributed", or None where the span does not say (the explainer then judges it from the words)."""
    return [(ev.start, ev.end, getattr(ev, "attribution", None))
            for n in a.narratives if n.label == narrative for ev in n.evidence]


class ExplainAnalyzer(Analyzer):
    name = "explain"
    requires = ("language", "narratives")  # the phrases and the source rules are per language
    assigns = ("explanation",)

    def __init__(self, model: LocalExplainer | None = None, backend: str | None = None, llm=None,
                 rerank: bool | None = None):
        self.model = model
        self.backend = (backend or os.environ.get("NARRASCOPE_EXPLAIN_BACKEND") or "local").lower()
        if self.backend not in ("local", "llm"):
            raise ConfigError(f"explain backend {self.backend!r}: expected 'local' or 'llm'")
        self.rerank = rerank if rerank is not None else os.environ.get("NARRASCOPE_LLM_RERANK") == "1"
        self._llm = llm
        if self.backend == "llm" and self._llm is None:
            from narrascope.analyzers.explain.llm import LLMClient

            self._llm = LLMClient.from_env()

    @classmethod
    def load_default(cls) -> ExplainAnalyzer:
        return cls(LocalExplainer.load())

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        todo = [(a, d) for a in batch if (d := dominant_of(a)) is not None]
        if not todo:
            return batch
        if self.model is None:
            self.model = LocalExplainer.load()
        if self.backend == "llm" and self.rerank:
            todo = [(a, self._reranked(a, d)) for a, d in todo]
        prepared = prepare(
            [a.document.text for a, _ in todo],
            [a.language or a.document.lang for a, _ in todo],
            self.model.embedder,
            role_spans=[role_spans(a) for a, _ in todo],
            extra_spans=[narrative_evidence(a, narrative) for a, (narrative, _) in todo],
        )
        for (a, (narrative, sub)), p in zip(todo, prepared):
            a.explanation = self.model.explain(p, narrative, sub)
            if not a.explanation.text:
                # An explanation of no words would claim without a quote: none is given, and the reader is told why.
                a.explanation = None
                a.warnings.append(f"explain: no sentence of the text can be quoted for {narrative!r}, so it is not "
                                  "explained")
            elif self.backend == "llm":
                self._llm_text(a)
        return batch

    def explain_given(self, analyses: list[Analysis], dominants: list[tuple[str, str | None]]) -> list[Explanation]:
        """Explanations for dominant narratives given from outside (SemEval subtask 3 input)."""
        if self.model is None:
            self.model = LocalExplainer.load()
        prepared = prepare([a.document.text for a in analyses], [a.language or a.document.lang for a in analyses],
                           self.model.embedder, role_spans=[role_spans(a) for a in analyses])
        out = []
        for a, (narrative, sub), p in zip(analyses, dominants, prepared):
            a.explanation = self.model.explain(p, narrative, sub)
            if self.backend == "llm" and a.explanation.text:
                self._llm_text(a)
            out.append(a.explanation)
        return out

    def _reranked(self, a: Analysis, dominant: tuple[str, str | None]) -> tuple[str, str | None]:
        labels = [n.label for n in a.narratives[:RERANK_CANDIDATES]]
        try:
            first = self._llm.rerank(a.document.text, labels)[0]
        except NarrascopeError as exc:
            a.warnings.append(f"explain: LLM re-ranking failed, kept the classifier's order ({exc})")
            return dominant
        return first, best_subnarrative(a.subnarratives, first)

    def _llm_text(self, a: Analysis) -> None:
        exp = a.explanation
        assert exp is not None
        quotes = [" ".join(a.document.text[s.start : s.end].split()) for s in exp.evidence]
        try:
            text = self._llm.explain(a.document.text, a.language, exp.narrative, exp.subnarrative, quotes, MAX_WORDS)
        except NarrascopeError as exc:
            a.warnings.append(f"explain: LLM backend failed, kept the local explanation ({exc})")
            return
        want = (a.language or "").lower()[:2]
        got = detect_language(text)[0]
        if want and got != want:
            # The explanation must be in the article's language; a model that drifts is overruled.
            a.warnings.append(f"explain: the LLM answered in {got!r}, not {want!r}; kept the local explanation")
            return
        exp.text, exp.method = text, self._llm.name
