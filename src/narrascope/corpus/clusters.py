"""Story clusters: articles about the same story, across outlets and languages.

Each article is embedded by its headline and lead (the first ~200 characters say what the story
is; the rest adds opinion and background that would pull unrelated stories together) with the
multilingual sentence encoder of `narrascope.nlp.embeddings` (USE v3 by default: a Russian and an
English report of one event land close together). Articles are grouped by average-linkage
agglomerative clustering on cosine distance, cut at `1 - threshold`, restricted to each article's
`neighbors` nearest neighbours so that 10,000 articles cluster in seconds rather than minutes.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from narrascope.corpus.data import CorpusDoc
from narrascope.taxonomy import OTHER

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.55  # cosine similarity of USE vectors: same story above, merely same topic below
LEAD_CHARS = 200  # headline + first sentence: the story; embedding cost grows with length (USE: ~1.7x from 200 to 500)


def lead(doc: CorpusDoc, limit: int = LEAD_CHARS) -> str:
    """Headline + the start of the body: what the story is."""
    text = doc.text.strip()
    if doc.title and not text.startswith(doc.title):
        text = f"{doc.title}\n{text}"
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def embed_leads(docs: Sequence[CorpusDoc], embedder=None, batch_size: int | None = 256) -> np.ndarray:
    """Normalised vectors of the docs' leads (the default embedder unless one is given), encoded
    `batch_size` at a time (None: in one call, for an embedder that batches or caches itself)."""
    from narrascope.nlp.embeddings import get_embedder

    embedder = embedder or get_embedder()
    texts = [lead(d) for d in docs]
    size = batch_size or max(len(texts), 1)
    parts = [embedder.encode(texts[i : i + size]) for i in range(0, len(texts), size)]
    return np.vstack(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)


def knn_graph(vectors: np.ndarray, k: int, block: int = 1024):
    """Sparse symmetric graph linking each row to its `k` most similar rows (cosine; rows normalised)."""
    from scipy import sparse

    n = len(vectors)
    k = min(k, n - 1)
    rows, cols = [], []
    for start in range(0, n, block):
        sims = vectors[start : start + block] @ vectors.T
        idx = np.argpartition(-sims, k, axis=1)[:, : k + 1]
        rows.append(np.repeat(np.arange(start, start + len(sims)), k + 1))
        cols.append(idx.ravel())
    r, c = np.concatenate(rows), np.concatenate(cols)
    graph = sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n, n))
    return graph.maximum(graph.T)


def cluster_vectors(vectors: np.ndarray, threshold: float = DEFAULT_THRESHOLD, neighbors: int = 15) -> np.ndarray:
    """A cluster number per row (-1: no other row is close enough). Rows must be L2-normalised."""
    import warnings

    from sklearn.cluster import AgglomerativeClustering

    n = len(vectors)
    if n < 2:
        return np.full(n, -1, dtype=np.int64)
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=1.0 - threshold, metric="cosine",
                                    linkage="average", connectivity=knn_graph(vectors, neighbors))
    with warnings.catch_warnings():  # "connectivity has several components": expected, stories are apart
        warnings.simplefilter("ignore", UserWarning)
        labels = model.fit_predict(vectors)
    sizes = np.bincount(labels)
    labels = np.where(sizes[labels] > 1, labels, -1)
    # renumber by size, largest first, so cluster 0 is the biggest story
    order = [c for c in np.argsort(-sizes, kind="stable") if sizes[c] > 1]
    remap = np.full(len(sizes), -1, dtype=np.int64)
    remap[order] = np.arange(len(order))
    return np.where(labels >= 0, remap[np.maximum(labels, 0)], -1)


@dataclass(slots=True)
class Story:
    """One cluster: the articles, where and when they ran, what they push."""

    id: int
    members: list[CorpusDoc]
    representative: CorpusDoc
    cohesion: float  # mean cosine similarity of the members to their centroid

    @property
    def size(self) -> int:
        return len(self.members)

    def languages(self) -> dict[str, int]:
        return dict(Counter(d.lang or "?" for d in self.members).most_common())

    def sources(self) -> dict[str, int]:
        return dict(Counter(d.source for d in self.members if d.source).most_common())

    def date_span(self) -> tuple[str | None, str | None]:
        days = sorted(d.day for d in self.members if d.day)
        return (days[0], days[-1]) if days else (None, None)

    def dominant_narratives(self, top: int = 3) -> list[tuple[str, int]]:
        counts = Counter(label for d in self.members for label, _ in d.narratives if label != OTHER)
        return counts.most_common(top)

    def to_dict(self) -> dict[str, Any]:
        first, last = self.date_span()
        return {"id": self.id, "size": self.size, "languages": self.languages(), "sources": self.sources(),
                "first_day": first, "last_day": last, "title": self.representative.summary()["title"],
                "cohesion": round(self.cohesion, 3),
                "narratives": [{"label": n, "documents": c} for n, c in self.dominant_narratives()],
                "members": [d.summary() for d in self.members]}


def ranked_clusters(vectors: np.ndarray, labels: np.ndarray, min_size: int = 2):
    """For each cluster of at least `min_size` rows: its row indices, most central first, and its
    cohesion (mean cosine to the normalised centroid)."""
    for c in range(int(labels.max(initial=-1)) + 1):
        idx = np.flatnonzero(labels == c)
        if len(idx) < min_size:
            continue
        centroid = vectors[idx].mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
        sims = vectors[idx] @ centroid
        yield idx[np.argsort(-sims, kind="stable")], float(sims.mean())


def build_stories(docs: Sequence[CorpusDoc], vectors: np.ndarray, labels: np.ndarray, min_size: int = 2
                  ) -> list[Story]:
    stories = []
    for idx, cohesion in ranked_clusters(vectors, labels, min_size):
        members = [docs[i] for i in idx]
        stories.append(Story(id=len(stories), members=members, representative=members[0], cohesion=cohesion))
    return stories


def story_clusters(docs: Sequence[CorpusDoc], threshold: float = DEFAULT_THRESHOLD, min_size: int = 2,
                   embedder=None, vectors: np.ndarray | None = None, batch_size: int | None = 256
                   ) -> list[Story]:
    """The stories of `docs` with at least `min_size` articles, largest first."""
    vectors = embed_leads(docs, embedder, batch_size) if vectors is None else vectors
    labels = cluster_vectors(vectors, threshold)
    return build_stories(docs, vectors, labels, min_size)
