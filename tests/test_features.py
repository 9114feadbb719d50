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
