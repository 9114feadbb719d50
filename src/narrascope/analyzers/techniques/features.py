"""Candidate spans and features of the persuasion-technique model (shared by training and analysis).

Candidates are the sentences of each paragraph (a paragraph is a non-empty line, as in SemEval-2023
Task 3). Each sentence becomes a sparse vector of hashed word 1-2-grams and character 3-5-grams
(hashing keeps no vocabulary, so the artifact stores no text); a paragraph's vector is the sum of its
sentences' counts, so the text is featurised once. Counts are log-scaled, weighted by IDF over a
column subset chosen at training time, L2-normalised, and followed by a one-hot of the language
(an unknown language gets the average of the known ones). Words are `nlp.text.WORD_PATTERN` matches.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from narrascope.nlp.hashing import char_wb_counts
from narrascope.nlp.text import WORD_PATTERN, line_paragraphs, sentences

N_HASH = 2**20
_WORDS = HashingVectorizer(
    analyzer="word", ngram_range=(1, 2), n_features=N_HASH, alternate_sign=False, norm=None,
    token_pattern=WORD_PATTERN, dtype=np.float32,
)
_CHARS = HashingVectorizer(
    analyzer="char_wb", ngram_range=(3, 5), n_features=N_HASH, alternate_sign=False, norm=None, dtype=np.float32
)
MAX_SENTENCE_CHARS = 600


@dataclass(slots=True)
class Candidates:
    """Sentence candidates of a batch of texts and the paragraphs they belong to.

    Paragraph rows are numbered across the batch; `par_doc[i]` is the text index of paragraph i,
    `par_bounds[i]` its (start, end, line number), `sent_par[j]` the paragraph of sentence j.
    """

    par_doc: np.ndarray
    par_bounds: list[tuple[int, int, int]]
    sent_par: np.ndarray
    sent_bounds: list[tuple[int, int]]
    sent_texts: list[str]


def subset(cands: Candidates, docs: np.ndarray) -> tuple[Candidates, np.ndarray, np.ndarray]:
    """The candidates of the texts `docs` (renumbered 0..), with their paragraph and sentence rows."""
    remap = {int(d): i for i, d in enumerate(docs)}
    par_rows = np.flatnonzero(np.isin(cands.par_doc, docs))
    sent_rows = np.flatnonzero(np.isin(cands.sent_par, par_rows))
    par_new = np.full(len(cands.par_doc), -1, dtype=np.int64)
    par_new[par_rows] = np.arange(len(par_rows))
    sub = Candidates(
        np.array([remap[int(d)] for d in cands.par_doc[par_rows]], dtype=np.int64),
        [cands.par_bounds[i] for i in par_rows],
        par_new[cands.sent_par[sent_rows]],
        [cands.sent_bounds[j] for j in sent_rows],
        [cands.sent_texts[j] for j in sent_rows],
    )
    return sub, par_rows, sent_rows


def candidates(texts: list[str], paragraphs: list[list[tuple[int, int, int]]] | None = None) -> Candidates:
    par_doc, par_bounds, sent_par, sent_bounds, sent_texts = [], [], [], [], []
    for d, text in enumerate(texts):
        pars = paragraphs[d] if paragraphs is not None else [(p.start, p.end, p.number) for p in line_paragraphs(text)]
        for start, end, number in pars:
            p = len(par_bounds)
            par_doc.append(d)
            par_bounds.append((start, end, number))
            found = sentences(text[start:end], max_chars=MAX_SENTENCE_CHARS) or [(0, end - start)]
            for s, e in found:
                sent_par.append(p)
                sent_bounds.append((start + s, start + e))
                sent_texts.append(text[start + s : start + e])
    return Candidates(
        np.asarray(par_doc, dtype=np.int64), par_bounds, np.asarray(sent_par, dtype=np.int64), sent_bounds, sent_texts
    )


def hashed_counts(texts: list[str]) -> sp.csr_matrix:
    """Raw hashed n-gram counts (words in the first N_HASH columns, characters in the next)."""
    return sp.hstack([_WORDS.transform(texts), char_wb_counts(_CHARS, texts)], format="csr", dtype=np.float32)


def paragraph_counts(sent_counts: sp.csr_matrix, sent_par: np.ndarray, n_par: int) -> sp.csr_matrix:
    agg = sp.csr_matrix(
        (np.ones(len(sent_par), dtype=np.float32), (sent_par, np.arange(len(sent_par)))), shape=(n_par, len(sent_par))
    )
    return (agg @ sent_counts).tocsr()


def weigh(counts: sp.csr_matrix, columns: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
    """log(1+tf) * idf over the selected columns, rows L2-normalised."""
    x = counts[:, columns].tocsr()
    x.data = np.log1p(x.data)
    x = x.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sp.diags(1.0 / np.maximum(norms, 1e-9)).dot(x).tocsr().astype(np.float32)


def language_block(langs: list[str], known: list[str]) -> sp.csr_matrix:
    """One-hot of the language over `known`. An unknown language gets the average of the known ones
    (1/len(known) each): the models put much of each technique's prior on these columns, so a row of
    zeros would leave an unknown language with no prior at all."""
    index = {lang: i for i, lang in enumerate(known)}
    out = np.zeros((len(langs), len(known)), dtype=np.float32)
    for row, lang in enumerate(langs):
        if lang in index:
            out[row, index[lang]] = 1.0
        else:
            out[row, :] = 1.0 / max(len(known), 1)
    return sp.csr_matrix(out)


def quantise(name: str, coef: np.ndarray) -> dict[str, np.ndarray]:
    """int8 weights with one scale per row (technique): half the size of float16, and the scores move
    by far less than the thresholds' grid step."""
    scale = np.maximum(np.abs(coef).max(axis=1), 1e-12).astype(np.float32) / 127.0
    return {name: np.round(coef / scale[:, None]).astype(np.int8), name + "_scale": scale}


def dequantise(arrays, name: str) -> np.ndarray:
    return arrays[name].astype(np.float32) * arrays[name + "_scale"][:, None]
