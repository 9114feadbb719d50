"""Salience: does the article cast this entity in a role at all?

Annotators cast a few of the entities an article names (about 2 in 10 of what the NER finds, 2 to 4
per article); the others are only mentioned. A logistic regression decides, before any role is read,
from the entity's facts and the words around its first mentions (`salience_features.py`): how much and
where the article talks about it, how its sentences name it, what it is, how often annotators cast the
name in training articles, and what the article says where it names it.

The cut on the probability is chosen per language by cross-validation on training articles (the
articles of the lockbox never take part): the most precise cut whose out-of-fold coverage of the
annotated mentions is at least `salience_train.TARGET_COVERAGE`. That coverage has a price: most of the
entities over the cut are not ones annotators cast. A second, higher line, `confident`, is where the
entities shown with a role are cast at least half the time out of fold (`confidence.probability_cut`); the roles
analyzer marks the entities under it `weak`, as it marks an unsure role. Weights, vocabulary and cuts are
stored as arrays and JSON: no pickle.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from narrascope.analyzers.roles.features import Tfidf
from narrascope.analyzers.roles.salience_features import (
    FEATURES,
    ArticleWords,
    CastCounts,
    context_text,
    entity_features,
    name_keys,
)
from narrascope.document import Entity
from narrascope.errors import ModelError

__all__ = ["FEATURES", "CastCounts", "SalienceModel", "entity_features", "name_keys"]


class SalienceModel:
    """Logistic regression over `entity_features` (standardised) and, when fitted with one, the TF-IDF
    of `context_text`; one probability cut per language."""

    def __init__(self, coef: np.ndarray, bias: float, mean: np.ndarray, scale: np.ndarray,
                 cuts: dict[str, float], counts: CastCounts, base: dict[str, float],
                 context: Tfidf | None = None, context_coef: np.ndarray | None = None, confident: float = 0.0):
        self.coef, self.bias, self.mean, self.scale = coef, bias, mean, scale
        self.cuts, self.counts, self.base = cuts, counts, base
        self.confident = confident  # 0: no line learned (a model saved before it), every shown entity confident
        self.context, self.context_coef = context, context_coef
        # Per context word: (idf, idf x weight). Scoring a few short texts word by word costs a tenth of
        # what the vectoriser's machinery does; `context_logits` computes the same sum.
        self._word_weights: dict[str, tuple[float, float]] = {}
        if context is not None and context_coef is not None:
            words, idf = context.state()
            self._word_weights = {w: (float(i), float(i) * float(c))
                                  for w, i, c in zip(words, idf, context_coef, strict=True)}

    def probabilities(self, text: str, lang: str, entities: Sequence[Entity]) -> np.ndarray:
        words = ArticleWords(text)
        x = entity_features(text, lang, entities, self.counts, self.base.get(lang, self.base.get("*", 0.2)), words)
        z = ((x - self.mean) / self.scale) @ self.coef + self.bias
        if self._word_weights and len(entities):
            z = z + self.context_logits([context_text(text, lang, e, words) for e in entities])
        return _sigmoid(np.asarray(z, np.float64))

    def context_logits(self, texts: Sequence[str]) -> np.ndarray:
        """TF-IDF of each text (sublinear counts x idf, unit length) times the context weights."""
        out = np.zeros(len(texts))
        weights = self._word_weights
        for r, text in enumerate(texts):
            norm = total = 0.0
            counts = Counter(text.split())
            for w in filter(weights.__contains__, counts):  # in first-seen order, as the sums always were
                n = counts[w]
                tf = 1.0 + math.log(n)
                idf, weighted = weights[w]
                norm += (tf * idf) ** 2
                total += tf * weighted
            out[r] = total / math.sqrt(norm) if norm else 0.0
        return out

    def cut(self, lang: str) -> float:
        return self.cuts.get(lang, self.cuts.get("*", 0.5))

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict]:
        arrays = {"salience_coef": self.coef.astype(np.float32), "salience_mean": self.mean.astype(np.float32),
                  "salience_scale": self.scale.astype(np.float32)}
        meta = {"features": list(FEATURES), "bias": float(self.bias), "cuts": self.cuts, "base": self.base,
                "confident": float(self.confident),
                "found": {k: round(v, 2) for k, v in sorted(self.counts.found.items()) if v >= 1},
                "cast": {k: round(v, 2) for k, v in sorted(self.counts.cast.items()) if v > 0}}
        if self.context is not None and self.context_coef is not None:
            meta["context_words"], idf = self.context.state()
            arrays["salience_context_idf"] = idf.astype(np.float16)
            arrays["salience_context_coef"] = self.context_coef.astype(np.float16)
        return arrays, meta

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], meta: dict) -> SalienceModel:
        if list(meta.get("features", [])) != list(FEATURES):
            raise ModelError("the roles model's salience part reads other entity facts than this version; "
                             "rebuild it with `narrascope train roles`")
        counts = CastCounts(dict(meta["found"]), dict(meta["cast"]))
        context = context_coef = None
        if "context_words" in meta:
            context = Tfidf.restore("context", meta["context_words"], arrays["salience_context_idf"])
            context_coef = arrays["salience_context_coef"].astype(np.float32)
        return cls(arrays["salience_coef"], float(meta["bias"]), arrays["salience_mean"], arrays["salience_scale"],
                   dict(meta["cuts"]), counts, dict(meta["base"]), context, context_coef,
                   float(meta.get("confident", 0.0)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
