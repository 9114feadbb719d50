"""Persuasion-technique analyzer: which techniques each paragraph uses, and where.

For every paragraph (non-empty line) it decides which techniques it uses, and for each of them marks
the run of words that carries it (the word-level span model of `model.TechniqueModel`). Paragraph
labels and spans are consistent: every paragraph label has at least one span inside that paragraph,
and every span's technique is a label of its paragraph. Paragraphs that are not the article's voice (a
reader-comment thread under a scraped article, bylines, site furniture: `nlp.furniture`) get no labels,
as they give no narrative evidence: a commenter's slogan is not the article's technique. The SemEval
command (`semeval techniques`) labels every paragraph of its template, as the shared task scores them.
"""
from __future__ import annotations

from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.techniques.model import MODEL_DIR, TechniqueModel
from narrascope.document import Analysis
from narrascope.nlp.furniture import BodyFilter


class TechniqueAnalyzer(Analyzer):
    """Fills `Analysis.techniques` (spans) and `Analysis.paragraph_techniques` (paragraph labels)."""

    name = "techniques"
    requires = ("language",)
    assigns = ("techniques", "paragraph_techniques")

    def __init__(self, model: TechniqueModel):
        self.model = model

    @classmethod
    def load_default(cls) -> TechniqueAnalyzer:
        return cls(TechniqueModel.load(MODEL_DIR))

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        texts = [a.document.text for a in batch]
        langs = [(a.language or a.document.lang or "").lower() for a in batch]
        for a, lang, found in zip(batch, langs, self.model.predict(texts, langs), strict=True):
            body = BodyFilter(a.document.text)
            a.paragraph_techniques = [p for p in found.paragraphs if body.in_body(p.start, p.end)]
            a.techniques = [s for s in found.spans if body.in_body(s.start, s.end)]
            if (note := self.model.unseen_note(lang)) is not None:
                a.warnings.append(note)
        return batch
