"""Emerging narratives: tight groups of articles that the taxonomy covers poorly.

A new narrative shows up first as articles that no known label fits well (their best narrative
score is low, or they were labelled `Other`) but that resemble each other. This module:

1. keeps the poorly covered articles (best narrative score below `max_coverage`);
2. clusters them by headline+lead embedding (as story clusters, with a looser threshold: a
   narrative spans several stories);
3. keeps tight groups (`min_size`+ articles, mean similarity to the centroid ≥ `min_cohesion`);
4. describes each with key phrases (words and word pairs far more frequent in the group than in
   the rest of the corpus, by TF-IDF difference) and its most central articles,

so an analyst can read a handful of articles and name the narrative (then add it to a custom
taxonomy file, see `narrascope analyze --taxonomy`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from narrascope.corpus.clusters import cluster_vectors, embed_leads, ranked_clusters
from narrascope.corpus.data import CorpusDoc
from narrascope.taxonomy import OTHER

DEFAULT_MAX_COVERAGE = 0.5
DEFAULT_THRESHOLD = 0.45
DEFAULT_MIN_COHESION = 0.55
# Frequent function words of other common corpus languages (English ones come from scikit-learn).
_STOP_TEXT = (
    "что это как так его она они было были быть для или при после через который которые также уже "
    "только если когда где чтобы этот эта эти того него них под над между более"
    " que não com uma para por mais como mas foi são dos das nos pelo pela este esta isso ser ter"
    " ele ela eles elas seu sua seus suas nós você está estão será sobre entre também já ainda quando onde"
    " cerca duas dois três após antes depois muito pode"
    " мы вы он оно ее их его был была будет есть нет даже может чем все всё весь эти свой своих"
    " около один одна два две три четыре пять перед после снова опять очень можно нужно"
    " във със към при след през като които която който което това тези този тази един една едно"
    " беше бяха ще има няма още само вече него нея тях техния които също така обаче според"
    " около един една две три четири пет преди след отново много може трябва"
    " और के की का को में से पर है हैं था थे थी यह वह ये वे एक कि भी तो ही नहीं लिए गया गई कर करने"
    " किया कहा रहा रहे रही हो होने साथ बाद अपने उनके उसके इस उस जो तक"
)
_MORE_STOP_WORDS = frozenset(_STOP_TEXT.split())
# Letters, plus the Devanagari vowel signs and viramas that Python's \w leaves out (a Hindi word
# would otherwise be cut at its first vowel sign, and its stop words never match).
_TOKEN = r"(?u)(?:[^\W\d_]|[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963]){3,}"


def coverage(doc: CorpusDoc) -> float:
    """How well the taxonomy fits: the best score of a narrative other than `Other` (0 if none)."""
    return max((score for label, score in doc.narratives if label != OTHER), default=0.0)


@dataclass(slots=True)
class EmergingGroup:
    members: list[CorpusDoc]  # most central first
    cohesion: float
    mean_coverage: float
    key_phrases: list[str]

    @property
    def score(self) -> float:
        """Bigger, tighter and less covered groups first."""
        return len(self.members) * self.cohesion * (1.0 - self.mean_coverage)

    def to_dict(self, representatives: int = 3) -> dict[str, Any]:
        days = sorted(d.day for d in self.members if d.day)
        return {"size": len(self.members), "cohesion": round(self.cohesion, 3),
                "mean_coverage": round(self.mean_coverage, 3), "score": round(self.score, 3),
                "key_phrases": self.key_phrases, "first_day": days[0] if days else None,
                "last_day": days[-1] if days else None,
                "languages": sorted({d.lang for d in self.members if d.lang}),
                "sources": sorted({d.source for d in self.members if d.source}),
                "representatives": [d.summary() for d in self.members[:representatives]],
                "members": [d.key for d in self.members]}


def key_phrases(docs: Sequence[CorpusDoc], groups: list[np.ndarray], top: int = 8) -> list[list[str]]:
    """Per group, the terms (1-2 words) whose mean TF-IDF in the group most exceeds the rest's."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    texts = [d.text for d in docs]
    try:
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.5, sublinear_tf=True,
                              stop_words=sorted(ENGLISH_STOP_WORDS | _MORE_STOP_WORDS),
                              token_pattern=_TOKEN)
        X = vec.fit_transform(texts)
    except ValueError:  # too few documents or words for the df bounds
        return [[] for _ in groups]
    terms = np.array(vec.get_feature_names_out())
    total = np.asarray(X.sum(axis=0)).ravel()
    out = []
    for idx in groups:
        inside = np.asarray(X[idx].sum(axis=0)).ravel()
        rest_n = max(len(texts) - len(idx), 1)
        diff = inside / len(idx) - (total - inside) / rest_n
        # a term must occur in at least two of the group's articles to describe the group
        present = np.asarray((X[idx] > 0).sum(axis=0)).ravel() >= min(2, len(idx))
        order = [i for i in np.argsort(-diff) if present[i] and diff[i] > 0][: top * 2]
        phrases: list[str] = []
        for i in order:  # drop a word already inside a chosen pair, and vice versa
            t = str(terms[i])
            if any(t in p.split() or p in t.split() for p in phrases):
                continue
            phrases.append(t)
            if len(phrases) == top:
                break
        out.append(phrases)
    return out


def emerging_narratives(docs: Sequence[CorpusDoc], max_coverage: float = DEFAULT_MAX_COVERAGE,
                        threshold: float = DEFAULT_THRESHOLD, min_size: int = 3,
                        min_cohesion: float = DEFAULT_MIN_COHESION, embedder=None,
                        vectors: np.ndarray | None = None, batch_size: int | None = 256
                        ) -> list[EmergingGroup]:
    """Tight groups of poorly covered articles, most salient first."""
    docs = list(docs)
    poor = np.array([i for i, d in enumerate(docs) if coverage(d) < max_coverage], dtype=np.int64)
    if len(poor) < min_size:
        return []
    if vectors is None:
        V = embed_leads([docs[i] for i in poor], embedder, batch_size)
    else:
        V = vectors[poor]
    labels = cluster_vectors(V, threshold)
    candidates = []
    for local, cohesion in ranked_clusters(V, labels, min_size):
        if cohesion >= min_cohesion:
            candidates.append((poor[local], cohesion))
    phrases = key_phrases(docs, [idx for idx, _ in candidates])
    groups = [EmergingGroup(members=[docs[i] for i in idx], cohesion=coh,
                            mean_coverage=float(np.mean([coverage(docs[i]) for i in idx])), key_phrases=p)
              for (idx, coh), p in zip(candidates, phrases, strict=True)]
    return sorted(groups, key=lambda g: -g.score)
