"""The corpus views' input: stored analyses read back through the store's public API."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.document import Analysis
from narrascope.ingest.dates import normalize_day

if TYPE_CHECKING:
    from narrascope.store.database import Filters, Store


@dataclass(slots=True)
class CorpusDoc:
    key: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    day: str | None = None  # YYYY-MM-DD when the publication date could be read
    lang: str | None = None
    narratives: list[tuple[str, float]] = field(default_factory=list)
    subnarratives: list[tuple[str, float]] = field(default_factory=list)

    @classmethod
    def from_analysis(cls, key: str, a: Analysis) -> CorpusDoc:
        d = a.document
        return cls(key=key, text=d.text, title=d.title, source=d.source, url=d.url, day=normalize_day(d.published),
                   lang=a.language or d.lang, narratives=[(n.label, n.score) for n in a.narratives],
                   subnarratives=[(s.label, s.score) for s in a.subnarratives])

    def summary(self) -> dict[str, Any]:
        """What a listing shows of one article (no text)."""
        return {"key": self.key, "title": self.title or _headline(self.text), "source": self.source,
                "day": self.day, "lang": self.lang, "url": self.url}


def _headline(text: str, limit: int = 90) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= limit else first[: first.rfind(" ", 0, limit)] + " …"


def load_corpus(store: Store, filters: Filters | None = None) -> list[CorpusDoc]:
    return [CorpusDoc.from_analysis(key, a) for key, a in store.iter_keyed(filters)]


def load_recent(store: Store, filters: Filters, limit: int) -> tuple[list[CorpusDoc], np.ndarray | None]:
    """The `limit` most recent documents matching `filters` (with their stored narrative scores) and
    their stored lead vectors (None unless every one has a vector: see `corpus.assign`)."""
    from narrascope.store.query import where

    sql, params = where(filters)
    rows = store.conn.execute(
        f"SELECT d.id, d.content_hash, d.title, d.source, d.url, d.day, d.lang, t.text, v.vector FROM documents d "
        f"JOIN texts t ON t.id = d.id LEFT JOIN lead_vectors v ON v.document_id = d.id WHERE {sql} "
        f"ORDER BY d.day DESC, d.id DESC LIMIT ?", [*params, limit]).fetchall()
    labels: dict[int, dict[str, list]] = {r[0]: {"narrative": [], "subnarrative": []} for r in rows}
    ids = list(labels)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for r in store.conn.execute(f"SELECT document_id, kind, value, score FROM doc_labels WHERE kind IN "
                                    f"('narrative', 'subnarrative') AND document_id IN ({','.join('?' * len(chunk))})",
                                    chunk):
            labels[r[0]][r[1]].append((r[2], r[3]))
    from narrascope.store.aggregates import KEY_CHARS

    docs = [CorpusDoc(key=r[1][:KEY_CHARS], text=r[7], title=r[2], source=r[3], url=r[4], day=r[5], lang=r[6],
                      narratives=labels[r[0]]["narrative"], subnarratives=labels[r[0]]["subnarrative"]) for r in rows]
    if not rows or any(r[8] is None for r in rows):
        return docs, None
    dim = len(rows[0][8]) // 2
    vectors = np.frombuffer(b"".join(r[8] for r in rows), dtype=np.float16).reshape(len(rows), dim)
    vectors = vectors.astype(np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return docs, vectors


def stored_vectors(store: Store, docs: list[CorpusDoc], model: str) -> np.ndarray | None:
    """The lead vectors `ingest` stored for `docs` (normalised, in their order), or None when any is
    missing or was made by another embedder: then the caller embeds the leads itself."""
    from narrascope.store.aggregates import KEY_CHARS

    try:
        rows = store.conn.execute("SELECT d.content_hash, v.vector FROM lead_vectors v JOIN documents d ON d.id = "
                                  "v.document_id WHERE v.model = ?", (model,)).fetchall()
    except Exception:  # noqa: BLE001 - a database of an older schema has no vectors: embed instead
        return None
    by_key = {r[0][:KEY_CHARS]: r[1] for r in rows}
    if not docs or any(d.key not in by_key for d in docs):
        return None
    dim = len(next(iter(by_key.values()))) // 2
    vectors = np.frombuffer(b"".join(by_key[d.key] for d in docs), dtype=np.float16).reshape(len(docs), dim)
    vectors = vectors.astype(np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
