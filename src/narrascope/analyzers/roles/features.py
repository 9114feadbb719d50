"""The role model's feature blocks: what the article says around a mention, with the mention masked.

- `window`: words and word pairs (TF-IDF) of a window of words centred on the mention;
- `edges`: the words right before and after the mention, marked with their side (who does what to whom);
- `entity`: the words of every sentence of the article that names the same entity (the article's
  whole account of it: annotators cast an entity from everything the article says about it);
- `chars`: character n-grams of the mention (names recur across articles);
- `dense`: multilingual sentence vectors (USE) of the mention's sentence and the mean of those naming
  the entity, and the language;
- `prior`: the smoothed roles the name got in training, per language (see `RolePriors`).

Words are cut by the one tokenizer, `narrascope.nlp.text.WORD_PATTERN`. The TF-IDF vectorisers are
stored as vocabulary (JSON) + idf (array): no pickle.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from narrascope.analyzers.roles.context import DocContext, MentionInput, edge_text, entity_vector
from narrascope.nlp.text import WORD_PATTERN, word_regex
from narrascope.taxonomy import LANGUAGES

MASK = " ENTX "
PRIOR_SMOOTHING = 3.0
SPARSE_KINDS = ("window", "edges", "entity", "chars")


class Tfidf:
    """A TF-IDF vectoriser stored as vocabulary (JSON) + idf (array) instead of a pickle."""

    def __init__(self, kind: str, max_features: int = 10000):
        self.kind, self.max_features = kind, max_features
        self.vec: TfidfVectorizer | None = None

    def _make(self, vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
        opts: dict = {"sublinear_tf": True, "dtype": np.float32, "vocabulary": vocabulary}
        if self.kind in ("window", "entity"):
            opts.update(token_pattern=WORD_PATTERN, ngram_range=(1, 2), min_df=2, max_features=self.max_features)
        elif self.kind == "edges":
            opts.update(token_pattern=r"\S+", min_df=2, lowercase=False)
        elif self.kind == "context":  # salience: words already cut, lower-cased and marked
            opts.update(token_pattern=r"\S+", min_df=3, lowercase=False, max_features=self.max_features)
        else:  # "chars"
            opts.update(analyzer="char_wb", ngram_range=(2, 4), min_df=2, max_features=self.max_features)
        if vocabulary is not None:
            opts.pop("min_df", None), opts.pop("max_features", None)
        return TfidfVectorizer(**opts)

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        self.vec = self._make()
        return self.vec.fit_transform(texts)

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """What the fitted vectoriser's `transform` gives, value for value: the counts are taken here
        (the vectoriser's own analyzer and counting loop were most of the role model's feature time),
        the weighting is the vectoriser's. Repeated texts (an entity's name, its naming sentences) are
        vectorised once."""
        assert self.vec is not None, "fit before transform"
        first: dict[str, int] = {}
        inverse = [first.setdefault(t, len(first)) for t in texts]
        counts = self._counts(list(first))
        # TfidfTransformer.transform's steps on the counts, in its order and dtypes.
        data = counts.data
        np.log(data, data)
        data += 1.0
        data *= self.vec.idf_[counts.indices]
        return normalize(counts, norm=self.vec.norm, copy=False)[inverse]

    def _counts(self, texts: list[str]) -> sp.csr_matrix:
        """The count matrix of `CountVectorizer.transform` (float32, indices sorted) for a fixed vocabulary."""
        vec = self.vec
        assert vec is not None
        vocab = vec.vocabulary_
        if vec.analyzer == "word":
            tokenize, lower, (low, high) = vec.build_tokenizer(), vec.lowercase, vec.ngram_range
            assert low == 1 and high <= 2, "unigrams, or unigrams and word pairs"
            if vec.token_pattern == WORD_PATTERN:
                def tokenize(text: str) -> list[str]:
                    return word_regex(text).findall(text)

            def analyze(text: str) -> list[str]:
                words = tokenize(text.lower() if lower else text)
                return words + list(map(" ".join, itertools.pairwise(words))) if high == 2 else words
        else:
            analyze = vec.build_analyzer()
        ids: list[int] = []
        indptr = np.zeros(len(texts) + 1, np.int32)
        get = vocab.get
        for r, text in enumerate(texts):
            ids += [i for i in map(get, analyze(text)) if i is not None]
            indptr[r + 1] = len(ids)
        counts = sp.csr_matrix((np.ones(len(ids), np.float32), np.array(ids, np.int32), indptr),
                               shape=(len(texts), len(vocab)))
        counts.sum_duplicates()  # a word seen twice counts 2; indices sorted, as the vectoriser leaves them
        return counts

    def state(self) -> tuple[list[str], np.ndarray]:
        assert self.vec is not None
        vocab = self.vec.vocabulary_
        return sorted(vocab, key=vocab.get), self.vec.idf_.astype(np.float32)

    @classmethod
    def restore(cls, kind: str, words: list[str], idf: np.ndarray) -> Tfidf:
        obj = cls(kind)
        obj.vec = obj._make({w: i for i, w in enumerate(words)})
        obj.vec.idf_ = idf.astype(np.float64)
        return obj


def window_text(doc: DocContext, m: MentionInput, width: int) -> str:
    """`width` words on each side of the mention, the mention masked. The window crosses sentence ends:
    the neighbouring sentence often says what the entity did or suffered."""
    reach = width * 12
    left = doc.words.findall(doc.text, max(0, m.start - reach), m.start)[-width:]
    right = doc.words.findall(doc.text, m.end, m.end + reach)[:width]
    return " ".join(left) + MASK + " ".join(right)


def entity_text(doc: DocContext, m: MentionInput) -> str:
    """The sentences of the article that name the entity, the name masked where it stands."""
    idx = doc.naming_sentences(doc.text[m.start : m.end]) or [doc.sentence_index(m.start)]
    key = tuple(idx)
    cached = doc._entity_texts.get(key)
    if cached is None:
        cached = " ".join(doc.text[slice(*doc.sentences[j])] for j in idx)
        doc._entity_texts[key] = cached
    return cached


def dense_block(docs: Sequence[DocContext], mentions: Sequence[MentionInput]) -> np.ndarray:
    """USE vector of the mention's sentence and mean vector of the sentences naming the entity."""
    dim = docs[0].vectors.shape[1] if docs else 0
    out = np.zeros((len(mentions), 2 * dim), np.float32)
    for r, m in enumerate(mentions):
        doc = docs[m.doc_key]
        i = doc.sentence_index(m.start)
        out[r, :dim] = doc.vectors[i]
        out[r, dim:] = entity_vector(doc, m, i)
    return out


def language_block(docs: Sequence[DocContext], mentions: Sequence[MentionInput]) -> np.ndarray:
    """One column per language: each language's own bias (English articles cast far more Antagonists)."""
    out = np.zeros((len(mentions), len(LANGUAGES)), np.float32)
    for r, m in enumerate(mentions):
        lang = docs[m.doc_key].lang
        if lang in LANGUAGES:
            out[r, LANGUAGES.index(lang)] = 1.0
    return out


def texts_of(kind: str, docs: Sequence[DocContext], mentions: Sequence[MentionInput], width: int) -> list[str]:
    if kind == "window":
        return [window_text(docs[m.doc_key], m, width) for m in mentions]
    if kind == "edges":
        return [edge_text(docs[m.doc_key], m) for m in mentions]
    if kind == "entity":
        return [entity_text(docs[m.doc_key], m) for m in mentions]
    return [docs[m.doc_key].text[m.start : m.end].lower() for m in mentions]


class RolePriors:
    """Per (language, name key): how often the name got each main and fine role in training.

    `features` gives the smoothed distribution minus the global one, and log(1 + count). For training
    rows, the mention's own article is left out of its name's counts (`exclude`): the prior must not
    read the answer it is asked to predict, nor the article's other mentions of the same entity."""

    def __init__(self, counts: dict[str, np.ndarray], global_dist: np.ndarray, n_main: int):
        self.counts, self.global_dist, self.n_main = counts, global_dist, n_main

    @classmethod
    def fit(cls, keys: Sequence[str], labels: np.ndarray, n_main: int) -> RolePriors:
        counts: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(labels.shape[1], np.float32))
        for key, lab in zip(keys, labels, strict=True):
            counts[key] += lab
        total = labels.sum(0)
        global_dist = (total / max(1.0, float(total[-n_main:].sum()))).astype(np.float32)
        return cls(dict(counts), global_dist, n_main)

    def features(self, keys: Sequence[str], exclude: np.ndarray | None = None) -> np.ndarray:
        out = np.zeros((len(keys), len(self.global_dist) + 1), np.float32)
        for r, key in enumerate(keys):
            counts = self.counts.get(key)
            if counts is None:
                continue
            if exclude is not None:
                counts = counts - exclude[r]
            n = float(counts[-self.n_main :].sum())
            if n <= 0.5:
                continue
            out[r, :-1] = (counts + PRIOR_SMOOTHING * self.global_dist) / (n + PRIOR_SMOOTHING) - self.global_dist
            out[r, -1] = np.log1p(n)
        return out


def own_article_counts(keys: Sequence[str], doc_keys: Sequence[int], labels: np.ndarray) -> np.ndarray:
    """Per training row: the summed labels of the rows of the same article with the same name key."""
    sums: dict[tuple[int, str], np.ndarray] = defaultdict(lambda: np.zeros(labels.shape[1], np.float32))
    for key, d, lab in zip(keys, doc_keys, labels, strict=True):
        sums[(d, key)] += lab
    return np.stack([sums[(d, key)] for key, d in zip(keys, doc_keys, strict=True)]) if len(keys) else labels


def article_vector(doc: DocContext) -> np.ndarray:
    """The article's direction: the mean of the sentence vectors it embedded, unit length."""
    rows = doc.vectors[np.abs(doc.vectors).sum(1) > 0] if doc.vectors.size else doc.vectors
    if not len(rows):
        return np.zeros(doc.vectors.shape[1] if doc.vectors.ndim == 2 else 0, np.float32)
    v = rows.mean(0)
    return (v / (np.linalg.norm(v) + 1e-9)).astype(np.float32)


class NeighbourPriors:
    """The roles a name got in the training articles most like this one (by their sentence vectors).

    One article's stance decides how it casts a name: pro-Kremlin articles cast Russia as a protagonist,
    most others as an antagonist. So besides the name's overall prior (`RolePriors`), each mention reads
    the roles its name got in training articles weighted by their similarity to its own article
    (softmax of the cosine over `SHARPNESS`); a training row never reads its own article."""

    SHARPNESS = 0.05

    def __init__(self, keys: Sequence[str], articles: np.ndarray, vectors: np.ndarray, labels: np.ndarray,
                 global_dist: np.ndarray):
        self.global_dist = global_dist
        self.index: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(keys):
            by_key[key].append(i)
        for key, rows in by_key.items():
            r = np.array(rows)
            self.index[key] = (np.asarray(articles)[r], vectors[r].astype(np.float32), labels[r].astype(np.float32))

    def rows(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """(keys, article vectors, labels) of every stored row, for saving."""
        keys = [k for k, (own, _, _) in self.index.items() for _ in own]
        vectors = np.concatenate([v for _, v, _ in self.index.values()]) if self.index else np.zeros((0, 0))
        labels = np.concatenate([lab for _, _, lab in self.index.values()]) if self.index else np.zeros((0, 0))
        return keys, vectors, labels

    def features(self, keys: Sequence[str], vectors: np.ndarray, articles: Sequence[int] | None = None) -> np.ndarray:
        out = np.zeros((len(keys), len(self.global_dist) + 1), np.float32)
        for r, key in enumerate(keys):
            entry = self.index.get(key)
            if entry is None:
                continue
            own, vecs, labels = entry
            keep = own != articles[r] if articles is not None else np.ones(len(own), bool)
            if not keep.any():
                continue
            sims = vecs[keep] @ vectors[r]
            w = np.exp((sims - sims.max()) / self.SHARPNESS)
            dist = (w[:, None] * labels[keep]).sum(0) / w.sum()
            out[r, :-1] = dist - self.global_dist
            out[r, -1] = float(sims.max())  # how close the nearest article is
        return out
