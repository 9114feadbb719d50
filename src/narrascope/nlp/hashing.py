"""Text features shared by the trained analyzers: hashed TF-IDF n-grams plus sentence embeddings.

Feature hashing (no stored vocabulary) keeps the artifacts small and loading instant; only the IDF
weights of the buckets that occurred in training are saved. Embeddings come from `embeddings.py`.
Follows the scikit-learn contract: `fit` learns the IDF, `transform` uses it; nothing before `fit`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from narrascope.errors import ModelError
from narrascope.nlp.text import WORD_PATTERN

_WORD = re.compile(WORD_PATTERN)
_LINE = re.compile(r"\s*\n\s*")


def paragraph_ngrams(text: str, n_min: int = 1, n_max: int = 2) -> list[str]:
    """Lower-cased word n-grams (`n_min`..`n_max` words) of `text`, words as `nlp.text.WORD_PATTERN` cuts them in every
    script, never across a line break: the n-grams of an article are then the same whatever order its
    paragraphs come in (bigrams across paragraphs would change with it)."""
    out: list[str] = []
    for line in _LINE.split(text.lower()):
        words = _WORD.findall(line)
        for n in range(n_min, n_max + 1):
            out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


def char_wb_counts(vectorizer: HashingVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
    """Exactly `vectorizer.transform(texts)` for a `char_wb` HashingVectorizer (lowercasing, no
    sign flips, no norm), about twice as fast.

    `char_wb` n-grams never cross a space, so a text's counts are the sum of its words' counts:
    each distinct word of the batch is analysed once. News repeats its words, so there are ~4x fewer
    n-grams to build, and building them in Python was most of the narrative analyzer's own time."""
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        for word in text.lower().split():
            rows.append(i)
            cols.append(index.setdefault(word, len(index)))
    if not index:
        return sparse.csr_matrix((len(texts), vectorizer.n_features), dtype=np.float32)
    words = sparse.csr_matrix(  # duplicates are summed: how often each text has each word
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), len(index))
    )
    return sparse.csr_matrix(words @ vectorizer.transform(list(index)), dtype=np.float32)


@dataclass(frozen=True, slots=True)
class HashingConfig:
    word_features: int = 2**19
    char_features: int = 2**19
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    use_chars: bool = True
    use_words: bool = True


class HashedTfidf:
    """Word and character n-gram TF-IDF over hashed buckets, rows L2-normalised."""

    def __init__(self, config: HashingConfig | None = None):
        self.config = config or HashingConfig()
        c = self.config
        common = {"alternate_sign": False, "norm": None, "lowercase": True, "dtype": np.float32}
        # Words: the one tokenizer of every script (scikit-learn's default pattern cuts Hindi words at
        # every vowel sign), n-grams within a paragraph.
        self._word = HashingVectorizer(n_features=c.word_features, analyzer=partial(paragraph_ngrams,
                                       n_min=c.word_ngrams[0], n_max=c.word_ngrams[1]), **common)
        self._char = HashingVectorizer(
            n_features=c.char_features, ngram_range=c.char_ngrams, analyzer="char_wb", **common
        )
        self.idf_: np.ndarray | None = None

    @property
    def n_features(self) -> int:
        c = self.config
        return (c.word_features if c.use_words else 0) + (c.char_features if c.use_chars else 0)

    def counts(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Raw n-gram counts per text (before `weigh`). Counts add up: the counts of an article are the
        sum of its sentences' counts when n-grams never cross a sentence."""
        if not (self.config.use_words or self.config.use_chars):
            raise ModelError("HashedTfidf needs word or character n-grams (both are off)")
        parts = [self._word.transform(texts)] if self.config.use_words else []
        if self.config.use_chars:
            parts.append(char_wb_counts(self._char, texts))
        return sparse.hstack(parts, format="csr", dtype=np.float32)

    def fit(self, texts: Sequence[str], min_df: int = 2) -> HashedTfidf:
        return self.fit_counts(self.counts(texts), min_df)

    def fit_counts(self, counts: sparse.csr_matrix, min_df: int = 2) -> HashedTfidf:
        """Learn the IDF from the raw counts of the training texts (one row each)."""
        counts = sparse.csr_matrix(counts)
        counts.sum_duplicates()
        df = np.bincount(counts.indices[counts.data > 0], minlength=self.n_features)
        idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1.0
        idf[df < min_df] = 0.0  # rare buckets are noise and would bloat the saved model
        self.idf_ = idf.astype(np.float32)
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.weigh(self.counts(texts))

    def weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """TF-IDF rows from raw counts: sublinear tf (a word said ten times is not ten times the
        evidence), the learned IDF, unit length."""
        if self.idf_ is None:
            raise ModelError("HashedTfidf.transform called before fit")
        X = sparse.csr_matrix(counts, dtype=np.float32, copy=True)
        # Scaled in place (a product with a 10^6 x 10^6 diagonal matrix cost most of the analyzer's time).
        X.data = np.log1p(X.data) * self.idf_[X.indices]
        X.eliminate_zeros()
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
        norms = np.sqrt(np.bincount(rows, weights=X.data * X.data, minlength=X.shape[0])).astype(np.float32)
        norms[norms == 0] = 1.0
        X.data /= norms[rows]
        return X

    def state(self) -> dict[str, np.ndarray]:
        assert self.idf_ is not None
        nz = np.flatnonzero(self.idf_)
        return {"idf_index": nz.astype(np.int32), "idf_value": self.idf_[nz].astype(np.float16)}

    @classmethod
    def from_state(cls, state: dict[str, np.ndarray], config: HashingConfig) -> HashedTfidf:
        self = cls(config)
        idf = np.zeros(self.n_features, dtype=np.float32)
        idf[state["idf_index"]] = state["idf_value"].astype(np.float32)
        self.idf_ = idf
        return self
