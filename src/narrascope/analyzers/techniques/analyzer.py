"""Persuasion-technique analyzer: which techniques each paragraph uses, and where.

For every paragraph (non-empty line) it decides which techniques it uses, and for each of them marks
the run of words that carries it (the word-level span model of `model.TechniqueModel`). Paragraph
labels and spans are consistent: every paragraph label has at least one span inside that paragraph,
and every span's technique is a label of its paragraph.
"""
from __future__ import annotations

from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.techniques.model import MODEL_DIR, TechniqueModel
from narrascope.document import Analysis


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
            a.techniques = found.spans
            a.paragraph_techniques = found.paragraphs
            if lang not in self.model.languages:
                a.warnings.append(
                    f"techniques: language {lang or 'unknown'!r} is not one the technique model was trained on "
                    f"({', '.join(self.model.languages)}); expect few techniques to be found"
                )
        return batch
