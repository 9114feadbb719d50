"""An approximate nearest-neighbour index over the stored lead vectors (usearch HNSW, int8).

The vectors live in the corpus database (`lead_vectors`, the source of truth); the index is a
derived file beside it (`corpus.db.leads.usearch` plus a small JSON note of what it holds), so a
process that assigns new articles loads it in a second instead of re-indexing a million vectors.
When the file is missing, unreadable, made for another embedder, or holds other leads than the
database up to its last id (a file left beside a database deleted and created again), it is rebuilt
from the database; when it is merely behind (another process stored articles since), the missing vectors
are added. Keys are document ids.

Why HNSW: assigning 1,000 new articles to the stories of a million must not compare each with every
stored article (a million dot products each is a second per article on two cores); HNSW finds the
nearest ones in well under a millisecond with recall ~0.99 at these settings (measured on clustered
512-d data: `benchmarks/bench_scale.py`).
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

CONNECTIVITY = 16
EXPANSION_ADD = 48  # 128 (the default) built 2.5x slower for no recall gain on clustered lead vectors
# How many candidates a search walks decides whether a new article finds its story-mates among many
# unrelated leads; 64 lost most of them past 100,000 leads (benchmarks/bench_lead_index.py measures it).
EXPANSION_SEARCH = 256
# int8 quantisation: on 20,000 story-like 512-d vectors, the neighbours above the story threshold (0.55)
# were all found with int8 as with float16 (recall 1.0 vs 0.9997), and it indexed 1.7x faster in half the
# memory. Connectivity 8 was faster still but lost 6-11% of those neighbours.
DTYPE = "i8"


def index_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".leads.usearch")


class LeadIndex:
    """Nearest stored leads by cosine similarity. `search` returns (document ids, similarities)."""

    def __init__(self, dim: int, model: str, path: Path | None = None):
        from usearch.index import Index

        self.dim, self.model, self.path = dim, model, path
        self._index = Index(ndim=dim, metric="cos", dtype=DTYPE, connectivity=CONNECTIVITY,
                            expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)
        self.max_id = 0  # the largest document id added: the database rows past it are missing here

    def __len__(self) -> int:
        return len(self._index)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if not len(ids):
            return
        ids = np.asarray(ids, dtype=np.uint64)
        present = np.asarray(self._index.contains(ids), dtype=bool).reshape(-1)
        for key in ids[present]:  # a re-analysed document comes back under its old id
            self._index.remove(int(key))
        self._index.add(ids, np.asarray(vectors, dtype=np.float32), threads=1)
        self.max_id = max(self.max_id, int(ids.max()))

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, similarities), each (len(vectors), k); missing neighbours have id -1, similarity -1."""
        n = len(vectors)
        if n == 0 or len(self._index) == 0:
            return np.full((n, k), -1, dtype=np.int64), np.full((n, k), -1.0, dtype=np.float32)
        k_eff = min(k, len(self._index))
        found = self._index.search(np.asarray(vectors, dtype=np.float32), k_eff, threads=1)
        keys = np.asarray(found.keys, dtype=np.int64).reshape(n, -1)
        dist = np.asarray(found.distances, dtype=np.float32).reshape(n, -1)
        # One query comes back as `Matches` (no `counts`), several as `BatchMatches`.
        counts = np.asarray(found.counts).reshape(n) if hasattr(found, "counts") else np.array([keys.shape[1]])
        valid = np.arange(keys.shape[1])[None, :] < counts[:, None]
        ids = np.where(valid, keys, -1)
        sims = np.where(valid, 1.0 - dist, -1.0).astype(np.float32)
        if k_eff < k:
            pad = k - k_eff
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
            sims = np.pad(sims, ((0, 0), (0, pad)), constant_values=-1.0)
        return ids, sims

    # -- persistence ---------------------------------------------------------------------------
    def save(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        self._index.save(str(tmp))
        os.replace(tmp, self.path)
        note = {"model": self.model, "dim": self.dim, "dtype": DTYPE, "max_id": self.max_id, "count": len(self._index)}
        note_path = self.path.with_name(self.path.name + ".json")
        note_tmp = note_path.with_name(note_path.name + ".tmp")
        note_tmp.write_text(json.dumps(note), encoding="utf-8")
        os.replace(note_tmp, note_path)

    @classmethod
    def open(cls, conn: sqlite3.Connection, db_path: str | Path | None, dim: int, model: str,
             batch: int = 50_000) -> LeadIndex:
        """The index of a database: loaded from its file when that matches, brought up to date from
        `lead_vectors`, or rebuilt from it. `db_path=None` keeps it in memory only."""
        path = index_path(db_path) if db_path is not None else None
        index = cls(dim, model, path)
        if path is not None and path.exists():
            try:
                note = json.loads(path.with_name(path.name + ".json").read_text(encoding="utf-8"))
                if note.get("model") != model or note.get("dim") != dim or note.get("dtype", "f16") != DTYPE:
                    raise ValueError(f"made for {note.get('model')}/{note.get('dim')}/{note.get('dtype', 'f16')}")
                index._index.load(str(path))
                index.max_id = int(note["max_id"])
                stored = conn.execute("SELECT COUNT(*) FROM lead_vectors WHERE document_id <= ? AND model = ?",
                                      (index.max_id, model)).fetchone()[0]
                if stored != len(index._index):
                    # a file left from another database (deleted and created again: same ids, other
                    # articles) or one that lost articles since: its neighbours would not be this corpus's
                    raise ValueError(f"it holds {len(index._index)} leads up to id {index.max_id}, the database "
                                     f"{stored}")
            except (OSError, ValueError, KeyError, RuntimeError) as exc:
                log.warning("%s: rebuilding the nearest-neighbour index (%s)", path, exc)
                index = cls(dim, model, path)
        start = index.max_id
        while True:  # what the file does not hold yet, in id order
            rows = conn.execute("SELECT document_id, vector FROM lead_vectors WHERE document_id > ? AND model = ? "
                                "ORDER BY document_id LIMIT ?", (start, model, batch)).fetchall()
            if not rows:
                break
            ids = np.fromiter((r[0] for r in rows), dtype=np.uint64, count=len(rows))
            vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16).reshape(len(rows), dim)
            index.add(ids, vecs)
            start = int(ids[-1])
        return index
