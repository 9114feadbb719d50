"""Training of the technique model's embedding heads (`analyzers/techniques_dense.py`).

The sentence vectors of the whole training set are computed once (about a minute for the 55,000
training sentences with the default encoder; cached on disk for later runs) and kept on the `Dataset`;
every fold's heads are fitted on its training rows only.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from narrascope.analyzers.techniques import features as F
from narrascope.analyzers.techniques.dense import EmbeddingHeads, paragraph_vectors, with_language
from narrascope.nlp.embeddings import DiskCachedEmbedder, get_embedder, training_cache_dir


def sentence_vectors(sent_texts: list[str], embedder: str, progress=None) -> np.ndarray:
    """Every sentence's vector, through an on-disk cache: cross-validation, the lockbox run and the
    final fit embed the same 55,000 training sentences, so only the first run pays the encoder."""
    cached = DiskCachedEmbedder(get_embedder(embedder), Path(training_cache_dir()) / "techniques")
    if progress:
        progress(f"embedding {len(sent_texts)} sentences with {embedder!r} (cache: {cached.path})")
    return cached.encode(sent_texts)


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float, max_iter: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """One L2 logistic regression per technique over dense `x`; a technique with < 2 positives is
    never predicted. (Also the context stage's fit, `techniques_stack.fit_context`.)"""
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
    bias = np.full(y.shape[1], -10.0, dtype=np.float32)
    for k in range(y.shape[1]):
        if y[:, k].sum() < 2:
            continue
        clf = LogisticRegression(C=c, max_iter=max_iter).fit(x, y[:, k])
        coef[k], bias[k] = clf.coef_[0], clf.intercept_[0]
    return coef, bias


def fit_heads(ds, par_rows: np.ndarray, sent_rows: np.ndarray, settings, languages: list[str]) -> EmbeddingHeads:
    """Sentence and paragraph heads on the given rows of `ds` (which must carry `sent_vectors`)."""
    vectors = ds.sent_vectors
    sent_block = F.language_block(list(ds.sent_lang[sent_rows]), languages).toarray()
    sent_coef, sent_bias = fit_logistic(with_language(vectors[sent_rows], sent_block), ds.y_sent[sent_rows],
                                        settings.emb_c)
    par_vectors = paragraph_vectors(vectors, ds.cands.sent_par, len(ds.cands.par_bounds))[par_rows]
    par_block = F.language_block(list(ds.par_lang[par_rows]), languages).toarray()
    par_coef, par_bias = fit_logistic(with_language(par_vectors, par_block), ds.y_par[par_rows], settings.emb_c)
    return EmbeddingHeads(settings.embedder, vectors.shape[1], settings.emb_weight,
                          sent_coef, sent_bias, par_coef, par_bias)
