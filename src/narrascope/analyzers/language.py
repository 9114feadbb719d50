"""Language analyzer: sets `Analysis.language` (ISO 639-1) unless the document already says it."""
from __future__ import annotations

from narrascope.analyzers.base import Analyzer
from narrascope.document import Analysis
from narrascope.nlp.langid import detect_language
from narrascope.taxonomy import LANGUAGES as SUPPORTED


class LanguageAnalyzer(Analyzer):
    name = "language"
    assigns = ("language", "language_score")

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        for a in batch:
            given = (a.document.lang or "").strip().lower()
            if given:
                a.language, a.language_score = given, 1.0
            else:
                a.language, a.language_score = detect_language(a.document.text)
            if a.language not in SUPPORTED:
                a.warnings.append(
                    f"language {a.language!r} is not one narrascope was trained on "
                    f"({', '.join(SUPPORTED)}); results are best-effort"
                )
        return batch
