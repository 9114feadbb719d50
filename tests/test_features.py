"""Hashed n-gram features: the fast character counts must equal scikit-learn's, bucket for bucket."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer

from narrascope.nlp.hashing import char_wb_counts

TEXTS = [
    "Macron wants NATO troops in Ukraine; NATO says no. NATO!",
    "Макрон хочет ввести войска НАТО на Украину — «эскалация», говорят в Москве.",
    "İstanbul  ÇAĞ\u00a0x\ty\n\nz ΣΊΣΥΦΟΣ ǅemal Straße a",
    "",
    "   \n\t ",
    "o clima está a mudar, o clima",
]


@pytest.mark.parametrize("ngrams", [(2, 5), (3, 5)])
def test_char_wb_counts_equal_the_vectorizer_exactly(ngrams):
    vec = HashingVectorizer(analyzer="char_wb", ngram_range=ngrams, n_features=2**18, alternate_sign=False,
                            norm=None, dtype=np.float32)
    expected, got = vec.transform(TEXTS), char_wb_counts(vec, TEXTS)
    assert got.shape == expected.shape
    assert abs(expected - got).max() == 0
    assert got[3].nnz == 0 and got[4].nnz == 0  # empty and blank texts stay empty rows
    assert char_wb_counts(vec, ["", " "]).shape == (2, 2**18)


def test_tfidf_weighing_in_place_equals_the_matrix_products():
    from scipy import sparse

    from narrascope.nlp.hashing import HashedTfidf, HashingConfig

    tfidf = HashedTfidf(HashingConfig(word_features=2**12, char_features=2**12)).fit(TEXTS * 2, min_df=1)
    got = tfidf.transform(TEXTS)
    counts = tfidf.counts(TEXTS)
    counts.data = np.log1p(counts.data)
    expected = counts @ sparse.diags(tfidf.idf_)
    norms = np.sqrt(np.asarray(expected.multiply(expected).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    expected = sparse.diags(1.0 / norms) @ expected
    assert abs(got - expected).max() < 1e-6
    assert got[3].nnz == 0 and got[4].nnz == 0


def test_column_dot_equals_the_sparse_product():
    from scipy import sparse

    from narrascope.analyzers.narratives.evidence import column_dot

    X = sparse.random(7, 300, density=0.05, random_state=1, format="csr", dtype=np.float32)
    W = sparse.random(300, 4, density=0.2, random_state=2, format="csc", dtype=np.float32)
    for j in range(4):
        np.testing.assert_allclose(column_dot(X, W, j), (X @ W[:, j]).toarray().ravel(), rtol=1e-5, atol=1e-6)
