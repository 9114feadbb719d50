"""Salience: does the article cast this entity in a role at all?

Annotators cast a few of the entities an article names (about 2 in 10 of what the NER finds); the
others are only mentioned. A logistic regression over cheap entity-level facts decides, before any role
is read:

- how much the article talks about it: mentions (log), its share of the article's mentions, its rank
  among the article's entities, the share of sentences naming it;
- where: the position of its first mention, whether the title or the first three sentences name it;
- what it is: words in its name, an acronym, the NER type;
- how often annotators cast this name when it appeared in training articles (per language, pooled over
  languages as a fallback; smoothed, out of fold when training);
- the language.

The cut on the probability is chosen per language by cross-validation on training articles (the
articles of the lockbox never take part), to keep most of what annotators cast while showing few
entities they did not. Weights and cuts are stored as arrays and JSON: no pickle.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from narrascope.document import Entity
from narrascope.nlp.text import sentences
from narrascope.taxonomy import LANGUAGES

TYPES = ("PER", "ORG", "LOC", "GPE", "GROUP")
PRIOR_SMOOTHING = 2.0
FEATURES = (
    "log_mentions", "mention_share", "log_rank", "sentence_share", "first_position", "in_title", "in_lead",
    "name_words", "acronym", "cast_rate", "log_seen", "cast_rate_pooled", "log_seen_pooled",
    *(f"type_{t}" for t in TYPES), *(f"lang_{lang}" for lang in LANGUAGES),
)


@dataclass(slots=True)
class CastCounts:
    """Per name: in how many training articles it was found, and in how many of those it was cast."""

    found: dict[str, float]
    cast: dict[str, float]

    @classmethod
    def empty(cls) -> CastCounts:
        return cls(defaultdict(float), defaultdict(float))

    def add(self, key: str, cast: bool, weight: float = 1.0) -> None:
        self.found[key] = self.found.get(key, 0.0) + weight
        self.cast[key] = self.cast.get(key, 0.0) + (weight if cast else 0.0)

    def rate(self, key: str, base: float) -> tuple[float, float]:
        """(smoothed cast rate, log(1 + articles found))."""
        n = self.found.get(key, 0.0)
        return (self.cast.get(key, 0.0) + PRIOR_SMOOTHING * base) / (n + PRIOR_SMOOTHING), math.log1p(n)


def name_keys(lang: str, entity: Entity) -> tuple[str, str]:
    """(per-language key, pooled key) of an entity's canonical name."""
    name = entity.name.lower()
    return f"{lang}:{name}", f"*:{name}"


class _Title:
    """Where an article's title ends (its first non-empty line) and its first three sentences end."""

    def __init__(self, text: str):
        stripped = text.lstrip()
        first_line = stripped.split("\n", 1)[0]
        self.title_end = len(text) - len(stripped) + len(first_line)
        self.sentences = sentences(text) or [(0, len(text))]
        self.lead_end = self.sentences[min(2, len(self.sentences) - 1)][1]


def entity_features(text: str, lang: str, entities: Sequence[Entity], counts: CastCounts, base: float) -> np.ndarray:
    """One row of `FEATURES` per entity of one article (`counts`: the training articles' cast counts;
    when training, those of the other folds only, so that a name's cast rate never reads its answer)."""
    out = np.zeros((len(entities), len(FEATURES)), np.float32)
    if not entities:
        return out
    title = _Title(text)
    n_sent = len(title.sentences)
    total = sum(len(e.mentions) for e in entities) or 1
    ranked = sorted(range(len(entities)), key=lambda i: -len(entities[i].mentions))
    rank = {i: r for r, i in enumerate(ranked)}
    starts = [s for s, _ in title.sentences]
    col = {name: i for i, name in enumerate(FEATURES)}
    for r, e in enumerate(entities):
        n = len(e.mentions)
        first = min(m.start for m in e.mentions) if e.mentions else 0
        sents = {int(np.searchsorted(starts, m.start, side="right")) for m in e.mentions}
        words = e.name.split()
        row = out[r]
        row[col["log_mentions"]] = math.log1p(n)
        row[col["mention_share"]] = n / total
        row[col["log_rank"]] = math.log1p(rank[r])
        row[col["sentence_share"]] = len(sents) / n_sent
        row[col["first_position"]] = first / max(len(text), 1)
        row[col["in_title"]] = float(first < title.title_end)
        row[col["in_lead"]] = float(first < title.lead_end)
        row[col["name_words"]] = min(len(words), 5) / 5
        row[col["acronym"]] = float(len(e.name) >= 2 and e.name.isupper())
        key, pooled = name_keys(lang, e)
        row[col["cast_rate"]], row[col["log_seen"]] = counts.rate(key, base)
        row[col["cast_rate_pooled"]], row[col["log_seen_pooled"]] = counts.rate(pooled, base)
        if e.type in TYPES:
            row[col[f"type_{e.type}"]] = 1.0
        if lang in LANGUAGES:
            row[col[f"lang_{lang}"]] = 1.0
    return out


class SalienceModel:
    """Logistic regression over `entity_features`, with one probability cut per language."""

    def __init__(self, coef: np.ndarray, bias: float, mean: np.ndarray, scale: np.ndarray,
                 cuts: dict[str, float], counts: CastCounts, base: dict[str, float]):
        self.coef, self.bias, self.mean, self.scale = coef, bias, mean, scale
        self.cuts, self.counts, self.base = cuts, counts, base

    def probabilities(self, text: str, lang: str, entities: Sequence[Entity]) -> np.ndarray:
        x = entity_features(text, lang, entities, self.counts, self.base.get(lang, self.base.get("*", 0.2)))
        return _sigmoid(((x - self.mean) / self.scale) @ self.coef + self.bias)

    def cut(self, lang: str) -> float:
        return self.cuts.get(lang, self.cuts.get("*", 0.5))

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict]:
        arrays = {"salience_coef": self.coef.astype(np.float32), "salience_mean": self.mean.astype(np.float32),
                  "salience_scale": self.scale.astype(np.float32)}
        meta = {"features": list(FEATURES), "bias": float(self.bias), "cuts": self.cuts, "base": self.base,
                "found": {k: round(v, 2) for k, v in sorted(self.counts.found.items()) if v >= 1},
                "cast": {k: round(v, 2) for k, v in sorted(self.counts.cast.items()) if v > 0}}
        return arrays, meta

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], meta: dict) -> SalienceModel:
        counts = CastCounts(dict(meta["found"]), dict(meta["cast"]))
        return cls(arrays["salience_coef"], float(meta["bias"]), arrays["salience_mean"], arrays["salience_scale"],
                   dict(meta["cuts"]), counts, dict(meta["base"]))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
