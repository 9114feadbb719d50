"""Exact and near-duplicate articles: the same text republished by several outlets.

When one text appears under many mastheads (often with a new headline, a shorter ending or the
outlet's own footer) it is one story with many sources — and, across unrelated outlets within a
few days, a sign of a coordinated copy-paste campaign. Method:

1. normalise (lowercase; punctuation and spacing runs become one space) and take one shingle per
   word: the 24 characters from its start (about four words), hashed in numpy per text;
2. MinHash signatures (`num_perm` permutations, multiply-shift hashing in numpy over all documents
   at once: the Python-per-shingle loop of a generic library is ~10x slower);
3. LSH banding (32 bands of 4 rows for 128 permutations) proposes candidate pairs; each candidate
   is kept only if the estimated Jaccard similarity is ≥ `threshold`;
4. groups are the connected components of the kept pairs (union-find).

Texts with an identical normalised form are "exact" duplicates; the rest of a group is "near".
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

SHINGLE_CHARS = 24  # ~4 words: robust to a changed word, specific enough that unrelated texts share none
DEFAULT_THRESHOLD = 0.7
DEFAULT_NUM_PERM = 128
ROWS_PER_BAND = 4  # 32 bands at 128 permutations: pairs at Jaccard 0.6 are proposed with p > 0.99
_MASK32 = np.uint64(0xFFFFFFFF)
_SEED = 20250101


_SPACE = 32
_ASCII_SEPARATOR = np.array([not chr(c).isalnum() for c in range(128)])
# Unicode punctuation and spacing blocks treated like ASCII punctuation (quotes, dashes, ellipses)
_SEPARATOR_RANGES = ((0x80, 0xBF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFF0F))


def normalize(text: str) -> np.ndarray:
    """Code points of the lowercased text with every run of punctuation/space turned into one space:
    what "the same text" ignores (case, punctuation, spacing) is gone."""
    codes = np.frombuffer(text.lower().encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    sep = np.zeros(len(codes), dtype=bool)
    ascii_ = codes < 128
    sep[ascii_] = _ASCII_SEPARATOR[codes[ascii_]]
    for lo, hi in _SEPARATOR_RANGES:
        sep |= (codes >= lo) & (codes <= hi)
    keep = ~sep
    keep[1:] |= sep[1:] & ~sep[:-1]  # the first separator of a run stays (as a space)
    out = np.where(sep, np.uint32(_SPACE), codes)[keep]
    start = 1 if len(out) and out[0] == _SPACE else 0
    end = len(out) - 1 if len(out) > start and out[-1] == _SPACE else len(out)
    return out[start:end]


def shingle_hashes(normalized: Sequence[np.ndarray], width: int = SHINGLE_CHARS) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, document index) of every shingle of every text: one 64-bit hash per `width`-character
    window starting at each word (about one 4-word shingle per word), vectorised over all texts at
    once. Repeats are kept: a minimum does not mind them."""
    pad = np.zeros(width, dtype=np.uint32)  # windows at a text's end run into zeros, never into the next text
    joined = np.concatenate([part for codes in normalized for part in (codes, pad)])
    lengths = np.fromiter((len(c) + width for c in normalized), dtype=np.int64, count=len(normalized))
    offsets = np.cumsum(lengths) - lengths
    prev = np.concatenate([[0], joined[:-1]])
    starts = np.flatnonzero((joined != 0) & (joined != _SPACE) & ((prev == 0) | (prev == _SPACE)))
    # 32-bit rolling hash (half the memory traffic of 64-bit); _mix spreads it over 64 bits after
    mult = np.uint32(16777619)  # FNV-32 prime
    h = np.zeros(len(starts), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for j in range(width):
            h *= mult
            h += joined[starts + j]
    doc_of = np.searchsorted(offsets, starts, side="right") - 1
    return h.astype(np.uint64), doc_of.astype(np.uint64)


def _mix(h: np.ndarray, seed: int) -> np.ndarray:
    """splitmix64 finaliser: spreads the rolling hash's bits evenly over all 64."""
    with np.errstate(over="ignore"):
        h = h ^ np.uint64(seed)
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


class MinHasher:
    """MinHash signatures of many texts at once, `num_perm` uint32 values per text.

    One-permutation hashing: each shingle is hashed once and falls into one of `num_perm` bins;
    a bin keeps its minimum. The cost is one hash per shingle instead of `num_perm` (the classic
    scheme was 10x too slow for 2,000 articles/s). Empty bins (short texts) borrow the next
    non-empty bin's value, shifted by the distance (rotation densification), so two texts still
    agree on a bin with probability equal to their Jaccard similarity.
    """

    def __init__(self, num_perm: int = DEFAULT_NUM_PERM, seed: int = _SEED):
        if num_perm & (num_perm - 1):
            raise ValueError(f"num_perm must be a power of two, not {num_perm}")
        self.num_perm = num_perm
        self.seed = seed

    def signatures(self, texts: Sequence[str] | None = None, normalized: Sequence[np.ndarray] | None = None
                   ) -> np.ndarray:
        """Signatures of `texts` (or of their `normalize`d forms)."""
        tokens = normalized if normalized is not None else [normalize(t) for t in texts or []]
        m = self.num_perm
        sig = np.full((len(tokens), m), np.iinfo(np.uint32).max, dtype=np.uint32)
        if not tokens:
            return sig
        hashes, doc = shingle_hashes(tokens)
        h = _mix(hashes, self.seed)
        cell = doc * np.uint64(m) + (h & np.uint64(m - 1))
        values = (h >> np.uint64(32)).astype(np.uint32)
        np.minimum.at(sig.reshape(-1), cell, values)
        _densify(sig)
        return sig


def _densify(sig: np.ndarray) -> None:
    """Fill each empty bin from the next non-empty bin to its right (circularly), shifted by the
    distance, vectorised over all rows; rows with no shingle at all stay empty."""
    empty_value = np.iinfo(np.uint32).max
    empty = sig == empty_value
    if not empty.any():
        return
    original = sig.copy()
    filled = ~empty
    todo = empty & filled.any(axis=1, keepdims=True)
    m = sig.shape[1]
    for distance in range(1, m):
        if not todo.any():
            break
        source_filled = np.roll(filled, -distance, axis=1)
        take = todo & source_filled
        if take.any():
            shifted = np.roll(original, -distance, axis=1).astype(np.uint64)
            with np.errstate(over="ignore"):
                values = ((shifted + np.uint64(distance * 0x9E3779B1)) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
            sig[take] = values[take]
            todo &= ~take


def _normal_hash(codes: np.ndarray) -> bytes:
    return hashlib.sha1(codes.tobytes()).digest()


def text_fingerprint(text: str) -> bytes:
    """Equal for two texts that differ only in case, punctuation and spacing (an "exact" copy)."""
    return _normal_hash(normalize(text))


def band_keys(sigs: np.ndarray, rows: int = ROWS_PER_BAND) -> np.ndarray:
    """One 64-bit key per LSH band of each signature, shape (n, bands): two texts that share a key
    in any band are candidate duplicates (what `near_duplicate_groups` buckets by)."""
    n, m = sigs.shape
    blocks = np.ascontiguousarray(sigs, dtype=np.uint32).reshape(n, m // rows, rows).astype(np.uint64)
    key = np.zeros((n, m // rows), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(rows):
            key = _mix(key ^ blocks[:, :, j], _SEED + j)
    return key


def near_duplicate_groups(texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD,
                          num_perm: int = DEFAULT_NUM_PERM) -> list[list[int]]:
    """Indices of texts grouped as (near-)duplicates; only groups of two or more, largest first."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    n = len(texts)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    # identical normalised texts need no signature comparison
    tokens = [normalize(t) for t in texts]
    first_of: dict[bytes, int] = {}
    unique: list[int] = []
    for i, toks in enumerate(tokens):
        h = _normal_hash(toks)
        if h in first_of:
            union(first_of[h], i)
        else:
            first_of[h] = i
            unique.append(i)
    sigs = MinHasher(num_perm).signatures(normalized=[tokens[i] for i in unique])
    rows = ROWS_PER_BAND
    for band in range(num_perm // rows):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
        for u, key in enumerate(block.view(f"V{rows * 4}").ravel().tolist()):
            buckets[key].append(u)
        for members in buckets.values():
            if len(members) < 2:
                continue
            head = members[0]
            for other in members[1:]:
                i, j = unique[head], unique[other]
                if find(i) == find(j):
                    continue
                # a pair that fails here still meets in other bands, with other bucket heads
                if float(np.mean(sigs[head] == sigs[other])) >= threshold:
                    union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))


@dataclass(slots=True)
class DuplicateGroup:
    """One text published several times: the copies, their outlets and dates."""

    members: list[dict[str, Any]]
    exact: bool
    sources: list[str] = field(default_factory=list)
    first_day: str | None = None
    last_day: str | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def campaign_signal(self) -> bool:
        """The same text under two or more different outlets."""
        return len(self.sources) >= 2

    def to_dict(self) -> dict[str, Any]:
        return {"size": self.size, "exact": self.exact, "sources": self.sources, "first_day": self.first_day,
                "last_day": self.last_day, "campaign_signal": self.campaign_signal, "members": self.members}


def find_duplicates(items: Iterable[dict[str, Any]], threshold: float = DEFAULT_THRESHOLD,
                    num_perm: int = DEFAULT_NUM_PERM) -> list[DuplicateGroup]:
    """Duplicate groups among `items` (dicts with `text` and optionally key, title, source, day, lang).

    Groups spanning the most outlets come first: those are the likeliest copy-paste campaigns.
    """
    items = list(items)
    texts = [it["text"] for it in items]
    out = []
    for idx in near_duplicate_groups(texts, threshold, num_perm):
        members = sorted(({k: v for k, v in items[i].items() if k != "text"} for i in idx),
                         key=lambda m: (m.get("day") or "9999", str(m.get("key", ""))))
        days = sorted(m["day"] for m in members if m.get("day"))
        sources = sorted({m["source"] for m in members if m.get("source")})
        exact = len({_normal_hash(normalize(texts[i])) for i in idx}) == 1
        out.append(DuplicateGroup(members=members, exact=exact, sources=sources,
                                  first_day=days[0] if days else None, last_day=days[-1] if days else None))
    out.sort(key=lambda g: (-len(g.sources), -g.size, g.first_day or ""))
    return out
