"""Stories and copy-paste groups assigned as articles arrive, instead of recomputed over the corpus.

Every stored document waits in `pending_assign` until `Assigner.run()` places it. For each one:

1. its headline+lead is embedded once (`clusters.lead`, the default sentence encoder) and stored
   as float16 in `lead_vectors`, with the MinHash signature of its text (`duplicates.MinHasher`);
2. **story**: its nearest stored leads come from the HNSW index (`corpus.ann`). It joins the story
   of a neighbour whose members it resembles on average by at least the story threshold (0.55, the
   `narrascope clusters` default): average linkage between the article and the story, computed from
   each story's stored vector sum (mean similarity to the members = v · sum / size). Failing that,
   its nearest neighbour without a story above the threshold forms a new story with it;
3. **copy-paste group**: candidates share an LSH band with it (32 bands of 4 MinHash values, as
   `narrascope duplicates`); a candidate whose estimated Jaccard similarity reaches 0.7 is a copy, and
   copies are grouped transitively (groups that a new copy bridges are merged).

Differences from the batch views (`narrascope clusters` / `duplicates`), which remain available for
another threshold or a sub-corpus: stories are never split or merged after the fact (the order of
arrival can matter at the margins), and only a story's 15 nearest articles are consulted.
"""
from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from narrascope.corpus.ann import LeadIndex
from narrascope.corpus.clusters import DEFAULT_THRESHOLD as STORY_THRESHOLD
from narrascope.corpus.clusters import lead
from narrascope.corpus.data import CorpusDoc
from narrascope.nlp.duplicates import DEFAULT_NUM_PERM, MinHasher, band_keys, text_fingerprint
from narrascope.nlp.duplicates import DEFAULT_THRESHOLD as DUP_THRESHOLD

log = logging.getLogger(__name__)
NEIGHBORS = 15
MAX_CANDIDATES = 64  # copy candidates verified per new article (see BandIndex.candidates)


@dataclass
class AssignSummary:
    documents: int = 0
    joined_story: int = 0
    new_stories: int = 0
    copies: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class BandIndex:
    """LSH band keys of every stored signature, as sorted numpy arrays (one per band), plus the keys
    added since they were sorted. Built from `lead_vectors` on first use."""

    def __init__(self, conn: sqlite3.Connection, chunk: int = 100_000):
        keys, ids = [], []
        last = 0
        while True:
            rows = conn.execute("SELECT document_id, minhash FROM lead_vectors WHERE document_id > ? "
                                "ORDER BY document_id LIMIT ?", (last, chunk)).fetchall()
            if not rows:
                break
            sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint32).reshape(len(rows), -1)
            keys.append(band_keys(sigs))
            ids.append(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
            last = rows[-1][0]
        all_keys = np.vstack(keys) if keys else np.zeros((0, DEFAULT_NUM_PERM // 4), dtype=np.uint64)
        all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        self.bands = all_keys.shape[1]
        self._sorted = []
        for b in range(self.bands):
            order = np.argsort(all_keys[:, b], kind="stable")
            self._sorted.append((all_keys[order, b], all_ids[order]))
        self._recent: dict[tuple[int, int], list[int]] = {}

    def candidates(self, keys: np.ndarray, limit: int = MAX_CANDIDATES) -> list[list[int]]:
        """For each row of band keys: the stored document ids sharing at least one band, those sharing
        the most bands first, at most `limit` (a copy shares ~8 of 32 bands, a text merely alike 1-2:
        boilerplate-heavy texts would otherwise make every new article check thousands)."""
        from collections import Counter

        out: list[Counter] = [Counter() for _ in range(len(keys))]
        for b, (sorted_keys, ids) in enumerate(self._sorted):
            lo = np.searchsorted(sorted_keys, keys[:, b], side="left")
            hi = np.searchsorted(sorted_keys, keys[:, b], side="right")
            for i in np.flatnonzero(hi > lo):
                out[i].update(ids[lo[i] : hi[i]].tolist())
        for i, row in enumerate(keys):
            for b, k in enumerate(row.tolist()):
                out[i].update(self._recent.get((b, k), ()))
        return [[doc for doc, _ in c.most_common(limit)] for c in out]

    def add(self, doc_id: int, keys: np.ndarray) -> None:
        for b, k in enumerate(keys.tolist()):
            self._recent.setdefault((b, k), []).append(doc_id)


class Assigner:
    """Places pending documents in stories and copy-paste groups (see the module docstring).

    One per process that writes: it keeps the nearest-neighbour index and the band index in memory
    between calls. `persist=False` keeps the index file from being written (tests, read-mostly use).
    """

    def __init__(self, store, embedder=None, story_threshold: float = STORY_THRESHOLD,
                 dup_threshold: float = DUP_THRESHOLD, neighbors: int = NEIGHBORS, persist: bool = True):
        self.store = store
        self._embedder = embedder
        self.story_threshold = story_threshold
        self.dup_threshold = dup_threshold
        self.neighbors = neighbors
        self.persist = persist
        self._ann: LeadIndex | None = None
        self._bands: BandIndex | None = None
        self._hasher = MinHasher(DEFAULT_NUM_PERM)
        self._unsaved = False

    @property
    def embedder(self):
        if self._embedder is None:
            from narrascope.nlp.embeddings import get_embedder

            self._embedder = get_embedder()
        return self._embedder

    def pending(self) -> int:
        return self.store.conn.execute("SELECT count(*) FROM pending_assign").fetchone()[0]

    def run(self, batch_size: int = 1000, on_progress: Callable[[int], None] | None = None) -> AssignSummary:
        """Place every pending document; returns what was done. Commits once per batch."""
        summary = AssignSummary()
        started = time.perf_counter()
        while True:
            ids = [r[0] for r in self.store.conn.execute(
                "SELECT document_id FROM pending_assign ORDER BY document_id LIMIT ?", (batch_size,))]
            if not ids:
                break
            self._batch(ids, summary)
            summary.documents += len(ids)
            if on_progress:
                on_progress(len(ids))
        summary.seconds = time.perf_counter() - started
        return summary

    def save(self) -> float:
        """Write the nearest-neighbour index file if anything was added (seconds it took). Call it
        when a run of work ends: at a million articles the file is about 1.2 GB."""
        if self._ann is None or not self.persist or not self._unsaved:
            return 0.0
        t = time.perf_counter()
        self._ann.save()
        self._unsaved = False
        return time.perf_counter() - t

    # -- one batch -------------------------------------------------------------------------------
    def _load_indexes(self, summary: AssignSummary) -> None:
        t = time.perf_counter()
        if self._ann is None:
            emb = self.embedder
            path = None if not self.persist else self.store.path
            self._ann = LeadIndex.open(self.store.conn, path, emb.dim, emb.name)
        if self._bands is None:
            self._bands = BandIndex(self.store.conn)
        summary.timings["load indexes"] = summary.timings.get("load indexes", 0.0) + time.perf_counter() - t

    def _batch(self, ids: list[int], summary: AssignSummary) -> None:
        conn = self.store.conn
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT d.id, d.title, d.source, d.day, t.text FROM documents d JOIN texts t "
                            f"ON t.id = d.id WHERE d.id IN ({marks}) ORDER BY d.id", ids).fetchall()
        docs = [CorpusDoc(key=str(r[0]), text=r[4], title=r[1], source=r[2], day=r[3]) for r in rows]
        doc_ids = np.array([r[0] for r in rows], dtype=np.int64)
        t = time.perf_counter()
        vectors = self.embedder.encode([lead(d) for d in docs]) if docs else np.zeros((0, 1), np.float32)
        vectors = np.asarray(vectors, dtype=np.float32)
        summary.timings["embed"] = summary.timings.get("embed", 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        sigs = self._hasher.signatures([d.text for d in docs])
        summary.timings["minhash"] = summary.timings.get("minhash", 0.0) + time.perf_counter() - t
        self.assign(doc_ids, vectors, sigs, docs, summary, done=ids)

    def assign(self, doc_ids: np.ndarray, vectors: np.ndarray, sigs: np.ndarray, docs: list[CorpusDoc],
               summary: AssignSummary, done: list[int] | None = None) -> None:
        """Store the vectors and signatures of `doc_ids` and place them (one transaction).

        Public for bulk loaders that computed vectors already (the scale benchmark)."""
        self._load_indexes(summary)
        model = self.embedder.name
        t = time.perf_counter()
        half = vectors.astype(np.float16)
        ann_ids, ann_sims = self._ann.search(vectors, self.neighbors)
        within = vectors @ vectors.T if len(vectors) else np.zeros((0, 0), np.float32)
        keys = band_keys(sigs) if len(sigs) else np.zeros((0, 0), np.uint64)
        dup_candidates = self._bands.candidates(keys)
        summary.timings["search"] = summary.timings.get("search", 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        with self.store.transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO lead_vectors (document_id, model, vector, minhash) "
                             "VALUES (?, ?, ?, ?)",
                             [(int(i), model, half[n].tobytes(), sigs[n].tobytes()) for n, i in enumerate(doc_ids)])
            stories = _StoryState(conn, vectors.shape[1] if vectors.ndim == 2 else 0)
            groups = _GroupState(conn)
            position = {int(i): n for n, i in enumerate(doc_ids)}
            for n, doc_id in enumerate(doc_ids.tolist()):
                stories.remember(doc_id, vectors[n], docs[n].day)
                neighbours = [(int(j), float(s)) for j, s in zip(ann_ids[n], ann_sims[n], strict=True)
                              if j >= 0 and j != doc_id]
                neighbours += [(int(doc_ids[m]), float(within[n, m])) for m in range(n)]
                self._place_story(stories, doc_id, vectors[n], docs[n].day, neighbours, summary)
                cands = [c for c in dup_candidates[n] if c != doc_id]
                shared = (keys[:n] == keys[n]).sum(axis=1) if n else np.zeros(0, dtype=np.int64)
                cands += [int(doc_ids[m]) for m in np.argsort(-shared, kind="stable")[:MAX_CANDIDATES] if shared[m]]
                self._place_copy(conn, groups, doc_id, sigs[n], sigs, position, cands, summary)
                self._bands.add(doc_id, keys[n])
            stories.flush()
            groups.flush()
            if done:
                conn.executemany("DELETE FROM pending_assign WHERE document_id = ?", [(i,) for i in done])
        self._ann.add(doc_ids.astype(np.uint64), vectors)
        self._unsaved = True
        summary.timings["write"] = summary.timings.get("write", 0.0) + time.perf_counter() - t

    def _place_story(self, stories: _StoryState, doc_id: int, v: np.ndarray, day: str | None,
                     neighbours: list[tuple[int, float]], summary: AssignSummary) -> None:
        close = [(j, s) for j, s in neighbours if s >= self.story_threshold]
        if not close:
            return
        member_of = stories.story_of([j for j, _ in close])
        best_story, best_sim = None, -1.0
        for sid in set(member_of.values()):
            sim = stories.mean_similarity(sid, v)
            if sim > best_sim:
                best_story, best_sim = sid, sim
        if best_story is not None and best_sim >= self.story_threshold:
            stories.join(best_story, doc_id, v, day, best_sim)
            summary.joined_story += 1
            return
        free = [(j, s) for j, s in close if j not in member_of]
        if free:
            j, s = max(free, key=lambda x: x[1])
            stories.create([(j, stories.vector(j), stories.day(j), s), (doc_id, v, day, s)])
            summary.new_stories += 1

    def _place_copy(self, conn: sqlite3.Connection, groups: _GroupState, doc_id: int, sig: np.ndarray,
                    batch_sigs: np.ndarray, position: dict[int, int], candidates: list[int],
                    summary: AssignSummary) -> None:
        if not candidates:
            return
        stored = [c for c in set(candidates) if c not in position]
        other = {c: batch_sigs[position[c]] for c in set(candidates) if c in position}
        for start in range(0, len(stored), 500):
            chunk = stored[start : start + 500]
            for r in conn.execute(f"SELECT document_id, minhash FROM lead_vectors WHERE document_id IN "
                                  f"({','.join('?' * len(chunk))})", chunk):
                other[r[0]] = np.frombuffer(r[1], dtype=np.uint32)
        copies = [(c, float(np.mean(s == sig))) for c, s in other.items()]
        copies = [(c, j) for c, j in copies if j >= self.dup_threshold]
        if copies:
            groups.link(doc_id, copies)
            summary.copies += 1


class _StoryState:
    """Stories touched by one batch, cached: their vector sums, sizes and day ranges."""

    def __init__(self, conn: sqlite3.Connection, dim: int):
        self.conn, self.dim = conn, dim
        self.sums: dict[int, np.ndarray] = {}
        self.sizes: dict[int, int] = {}
        self.days: dict[int, list[str | None]] = {}
        self.member: dict[int, int] = {}
        self.new_vectors: dict[int, tuple[np.ndarray, str | None]] = {}
        self.dirty: set[int] = set()

    def story_of(self, doc_ids: list[int]) -> dict[int, int]:
        out = {j: self.member[j] for j in doc_ids if j in self.member}
        missing = [j for j in doc_ids if j not in self.member]
        if missing:
            for r in self.conn.execute(f"SELECT document_id, story_id FROM story_members WHERE document_id IN "
                                       f"({','.join('?' * len(missing))})", missing):
                out[r[0]] = self.member[r[0]] = r[1]
        return out

    def _load(self, sid: int) -> None:
        if sid in self.sums:
            return
        r = self.conn.execute("SELECT size, vector_sum, first_day, last_day FROM stories WHERE id = ?",
                              (sid,)).fetchone()
        self.sums[sid] = np.frombuffer(r[1], dtype=np.float32).copy()
        self.sizes[sid] = r[0]
        self.days[sid] = [r[2], r[3]]

    def mean_similarity(self, sid: int, v: np.ndarray) -> float:
        self._load(sid)
        return float(v @ self.sums[sid]) / max(self.sizes[sid], 1)

    def vector(self, doc_id: int) -> np.ndarray:
        if doc_id in self.new_vectors:
            return self.new_vectors[doc_id][0]
        blob = self.conn.execute("SELECT vector FROM lead_vectors WHERE document_id = ?", (doc_id,)).fetchone()[0]
        return np.frombuffer(blob, dtype=np.float16).astype(np.float32)

    def day(self, doc_id: int) -> str | None:
        if doc_id in self.new_vectors:
            return self.new_vectors[doc_id][1]
        return self.conn.execute("SELECT day FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]

    def remember(self, doc_id: int, v: np.ndarray, day: str | None) -> None:
        self.new_vectors[doc_id] = (v, day)

    def _extend_days(self, sid: int, day: str | None) -> None:
        first, last = self.days[sid]
        if day:
            self.days[sid] = [min(first or day, day), max(last or day, day)]

    def join(self, sid: int, doc_id: int, v: np.ndarray, day: str | None, similarity: float) -> None:
        self._load(sid)
        self.sums[sid] = self.sums[sid] + v
        self.sizes[sid] += 1
        self._extend_days(sid, day)
        self.conn.execute("INSERT OR REPLACE INTO story_members (document_id, story_id, similarity) VALUES (?, ?, ?)",
                          (doc_id, sid, similarity))
        self.member[doc_id] = sid
        self.dirty.add(sid)

    def create(self, members: list[tuple[int, np.ndarray, str | None, float]]) -> None:
        total = np.sum([m[1] for m in members], axis=0).astype(np.float32)
        sid = self.conn.execute("INSERT INTO stories (size, vector_sum, representative, updated_at) "
                                "VALUES (0, ?, ?, ?)", (total.tobytes(), members[0][0], _now())).lastrowid
        self.sums[sid], self.sizes[sid], self.days[sid] = total, 0, [None, None]
        for doc_id, _, day, similarity in members:
            self.conn.execute("INSERT OR REPLACE INTO story_members (document_id, story_id, similarity) "
                              "VALUES (?, ?, ?)", (doc_id, sid, similarity))
            self.member[doc_id] = sid
            self.sizes[sid] += 1
            self._extend_days(sid, day)
        self.dirty.add(sid)

    def flush(self) -> None:
        now = _now()
        self.conn.executemany("UPDATE stories SET vector_sum = ?, first_day = ?, last_day = ?, updated_at = ? "
                              "WHERE id = ?", [(self.sums[s].astype(np.float32).tobytes(), self.days[s][0],
                                                self.days[s][1], now, s) for s in self.dirty])


class _GroupState:
    """Copy-paste groups touched by one batch; their summary columns are recomputed at the end."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.dirty: set[int] = set()

    def _group_of(self, doc_ids: list[int]) -> dict[int, int]:
        rows = self.conn.execute(f"SELECT document_id, group_id FROM dup_members WHERE document_id IN "
                                 f"({','.join('?' * len(doc_ids))})", doc_ids)
        return {r[0]: r[1] for r in rows}

    def link(self, doc_id: int, copies: list[tuple[int, float]]) -> None:
        group_of = self._group_of([c for c, _ in copies] + [doc_id])
        existing = sorted(set(group_of.values()))
        if existing:
            target = existing[0]
            for other in existing[1:]:  # the new text bridges two groups: they are one
                self.conn.execute("UPDATE dup_members SET group_id = ? WHERE group_id = ?", (target, other))
                self.conn.execute("DELETE FROM dup_groups WHERE id = ?", (other,))
        else:
            target = self.conn.execute("INSERT INTO dup_groups (size, updated_at) VALUES (0, ?)", (_now(),)).lastrowid
        best = max(j for _, j in copies)
        for member, similarity in [*copies, (doc_id, best)]:
            if member not in group_of:
                self.conn.execute("INSERT OR REPLACE INTO dup_members (document_id, group_id, similarity) "
                                  "VALUES (?, ?, ?)", (member, target, similarity))
        self.dirty.add(target)

    def flush(self) -> None:
        for gid in self.dirty:
            rows = self.conn.execute("SELECT d.source, d.day, t.text FROM dup_members m JOIN documents d ON "
                                     "d.id = m.document_id JOIN texts t ON t.id = d.id WHERE m.group_id = ?",
                                     (gid,)).fetchall()
            days = sorted(r[1] for r in rows if r[1])
            exact = len({text_fingerprint(r[2]) for r in rows}) == 1
            self.conn.execute(
                "UPDATE dup_groups SET size = ?, sources = ?, first_day = ?, last_day = ?, exact = ?, updated_at = ? "
                "WHERE id = ?", (len(rows), len({r[0] for r in rows if r[0]}), days[0] if days else None,
                                 days[-1] if days else None, int(exact), _now(), gid))
