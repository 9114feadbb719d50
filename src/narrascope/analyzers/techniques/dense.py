"""The embedding view of the technique model: logistic heads over multilingual sentence vectors.

Why a second view: the hashed n-grams of the first stage learn each language's wording on its own,
so English (446 articles) gains little from the 1,300 Italian, Russian, Polish, French and German
ones. A multilingual sentence encoder puts the same technique in different languages near each
other, and its heads learn from all six languages at once. Cross-validated paragraph micro-F1
(same folds, first stage only): EN .389 -> .411, all languages .410 -> .441 (see the model card).

Each sentence is embedded once (the encoder's memo shares the vectors with the narrative and
explanation analyzers); a paragraph's vector is the normalised sum of its sentences' vectors
(measured as good as embedding the paragraph text, and free). A sentence head and a paragraph
head (one logistic regression per technique over [vector | language one-hot]) give probabilities
that are averaged with the n-gram models' ones, with weight `weight`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from narrascope.errors import ModelError
from narrascope.nlp.embeddings import Embedder, get_embedder


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def paragraph_vectors(sent_vectors: np.ndarray, sent_par: np.ndarray, n_paragraphs: int) -> np.ndarray:
    """The L2-normalised sum of each paragraph's sentence vectors (zeros for a paragraph without any)."""
    out = np.zeros((n_paragraphs, sent_vectors.shape[1]), dtype=np.float32)
    if len(sent_par):
        np.add.at(out, sent_par, sent_vectors)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return out


def with_language(vectors: np.ndarray, language_block: np.ndarray) -> np.ndarray:
    """The heads' input: the vector followed by the language one-hot (a per-language prior)."""
    return np.hstack([vectors, language_block]).astype(np.float32)


@dataclass(slots=True)
class EmbeddingHeads:
    embedder: str  # name for `get_embedder`: the vectors must come from the encoder the heads were fitted on
    dim: int
    weight: float  # share of the embedding heads in the sentence and paragraph probabilities
    sent_coef: np.ndarray  # (labels, dim + languages)
    sent_bias: np.ndarray
    par_coef: np.ndarray
    par_bias: np.ndarray

    def encoder(self) -> Embedder:
        """The encoder the heads were fitted on (an error if it now gives vectors of another size)."""
        encoder = get_embedder(self.embedder)
        if encoder.dim != self.dim:
            raise ModelError(
                f"technique model: its embedding heads expect {self.dim}-d vectors from {self.embedder!r}, "
                f"the encoder gives {encoder.dim}-d; retrain with `narrascope train techniques`"
            )
        return encoder

    def fuse(
        self, p_sent: np.ndarray, p_par: np.ndarray, sent_vectors: np.ndarray, sent_par: np.ndarray,
        sent_lang: np.ndarray, par_lang: np.ndarray, alone: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The n-gram models' sentence and paragraph probabilities averaged with the heads' ones.
        `sent_lang` / `par_lang`: language one-hot blocks of the sentences and paragraphs; `alone` (per
        paragraph): the heads' probabilities alone there (a language the n-gram models never saw, whose
        n-grams carry noise, not technique: `TechniqueModel.reads_by_vectors_alone`)."""
        par_vectors = paragraph_vectors(sent_vectors, sent_par, len(p_par))
        e_sent = _sigmoid(with_language(sent_vectors, sent_lang) @ self.sent_coef.T + self.sent_bias)
        e_par = _sigmoid(with_language(par_vectors, par_lang) @ self.par_coef.T + self.par_bias)
        w_par = np.full((len(p_par), 1), self.weight, dtype=np.float32)
        if alone is not None:
            w_par[np.asarray(alone, dtype=bool)] = 1.0
        w_sent = w_par[sent_par] if len(sent_par) else np.zeros((0, 1), dtype=np.float32)
        return (1 - w_sent) * p_sent + w_sent * e_sent, (1 - w_par) * p_par + w_par * e_par

    def covers(self, lang: str) -> bool:
        """Whether the encoder was built for `lang` (an ISO code), as far as it says (`Embedder.languages`)."""
        return lang in (getattr(get_embedder(self.embedder), "languages", None) or ())

    # -- persistence: plain float32 arrays (23 x ~520 each, a few hundred kB) ----------------------
    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "dense_sent_coef": self.sent_coef.astype(np.float32), "dense_sent_bias": self.sent_bias.astype(np.float32),
            "dense_par_coef": self.par_coef.astype(np.float32), "dense_par_bias": self.par_bias.astype(np.float32),
        }

    def info(self) -> dict:
        return {"embedder": self.embedder, "dim": self.dim, "weight": self.weight}

    @classmethod
    def from_saved(cls, arrays, info: dict | None) -> EmbeddingHeads | None:
        if not info or "dense_sent_coef" not in arrays:
            return None
        return cls(
            embedder=str(info["embedder"]), dim=int(info["dim"]), weight=float(info["weight"]),
            sent_coef=arrays["dense_sent_coef"], sent_bias=arrays["dense_sent_bias"],
            par_coef=arrays["dense_par_coef"], par_bias=arrays["dense_par_bias"],
        )
