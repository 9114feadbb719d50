"""Second stage of the persuasion-technique model: re-scores each paragraph in its article's context.

Techniques cluster: a propaganda-dense article has many labelled paragraphs, neighbouring paragraphs
share techniques, titles and one-line quotes behave differently from long paragraphs. The first stage
(`techniques.TechniqueModel`) scores every paragraph on its own text only. This stage takes those
first-stage scores of the whole article and, per technique, a logistic regression over:

- the paragraph's own first-stage scores for all techniques (paragraph model and best sentence, as
  logits; other techniques' scores carry co-occurrence, e.g. Name Calling with Loaded Language),
- the mean and the maximum of the combined first-stage score over the article's *other* paragraphs,
- the combined score of the previous and of the next paragraph,
- the paragraph's log length in characters and sentences, whether it is the first one (the title),
  its relative position, the article's log paragraph count, and the language one-hot.

It is trained on out-of-fold first-stage scores (see `train/techniques_stack.py`), so it learns how
first-stage scores on unseen text relate to the gold labels. Weights are plain arrays (npz, no pickle).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

META_FEATURES = ["log_chars", "log_sentences", "is_first", "position", "log_paragraphs"]
BLOCKS = ["par", "best", "article_mean", "article_max", "previous", "next"]


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def paragraph_sizes(cands) -> tuple[np.ndarray, np.ndarray]:
    """Length in characters and number of sentences of every paragraph of `techniques_features.Candidates`."""
    chars = np.array([e - s for s, e, _ in cands.par_bounds], dtype=np.float32)
    sents = np.bincount(cands.sent_par, minlength=len(cands.par_bounds)).astype(np.float32)
    return chars, sents


def feature_names(labels: list[str], languages: list[str]) -> list[str]:
    return [f"{b}:{lab}" for b in BLOCKS for lab in labels] + META_FEATURES + [f"lang:{x}" for x in languages]


def _others_mean_max(s: np.ndarray, par_doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph and technique: mean and max of `s` over the other paragraphs of its document
    (0 for a document of one paragraph)."""
    n_labels = s.shape[1]
    total = np.zeros((n_docs, n_labels), dtype=np.float64)
    np.add.at(total, par_doc, s)
    count = np.bincount(par_doc, minlength=n_docs).astype(np.float64)
    others = np.maximum(count[par_doc] - 1, 0)[:, None]
    mean = np.where(others > 0, (total[par_doc] - s) / np.maximum(others, 1), 0.0)
    # max over the others: the document's top score, unless this paragraph alone holds it; then the
    # best score below the top
    top1 = np.full((n_docs, n_labels), -np.inf)
    np.maximum.at(top1, par_doc, s)
    at_top = s >= top1[par_doc]
    n_top = np.zeros((n_docs, n_labels), dtype=np.int64)
    np.add.at(n_top, par_doc, at_top.astype(np.int64))
    below = np.full((n_docs, n_labels), -np.inf)
    np.maximum.at(below, par_doc, np.where(at_top, -np.inf, s))
    mx = np.where(at_top & (n_top[par_doc] == 1), below[par_doc], top1[par_doc])
    mx = np.where(np.isfinite(mx), mx, 0.0)
    return mean.astype(np.float32), mx.astype(np.float32)


def context_features(
    p_par: np.ndarray, best: np.ndarray, mix: float, par_doc: np.ndarray, par_chars: np.ndarray,
    par_sentences: np.ndarray, lang_block: np.ndarray,
) -> np.ndarray:
    """The stage-2 feature matrix (paragraphs x features, see `feature_names`). Paragraphs of one
    document must be contiguous and in reading order (as `techniques_features.candidates` makes them)."""
    n_par = len(par_doc)
    n_labels = p_par.shape[1]
    if n_par == 0:
        return np.zeros((0, len(BLOCKS) * n_labels + len(META_FEATURES) + lang_block.shape[1]), dtype=np.float32)
    par_doc = np.asarray(par_doc, dtype=np.int64)
    n_docs = int(par_doc.max()) + 1
    s = mix * p_par + (1 - mix) * best
    mean, mx = _others_mean_max(s, par_doc, n_docs)
    same_prev = np.r_[False, par_doc[1:] == par_doc[:-1]]
    same_next = np.r_[par_doc[:-1] == par_doc[1:], False]
    prev = np.where(same_prev[:, None], np.roll(s, 1, axis=0), 0.0)
    nxt = np.where(same_next[:, None], np.roll(s, -1, axis=0), 0.0)
    count = np.bincount(par_doc, minlength=n_docs)
    first_row = np.searchsorted(par_doc, np.arange(n_docs))  # contiguous documents
    index = np.arange(n_par) - first_row[par_doc]
    meta = np.stack([
        np.log1p(par_chars), np.log1p(par_sentences), (index == 0).astype(np.float32),
        index / np.maximum(count[par_doc] - 1, 1), np.log1p(count[par_doc]),
    ], axis=1)
    return np.hstack([_logit(p_par), _logit(best), mean, mx, prev, nxt, meta, lang_block]).astype(np.float32)


@dataclass(slots=True)
class ContextModel:
    """Per-technique logistic regressions over standardised context features."""

    coef: np.ndarray  # (labels, features)
    bias: np.ndarray  # (labels,)
    mean: np.ndarray  # (features,) standardisation
    scale: np.ndarray  # (features,)
    # final paragraph score = blend x first-stage score + (1 - blend) x this model's probability
    blend: float = 0.5

    def rescore(
        self, p_par: np.ndarray, best: np.ndarray, mix: float, par_doc: np.ndarray, cands, lang_block: np.ndarray
    ) -> np.ndarray:
        """Final paragraph scores of a batch from its first-stage scores."""
        chars, sents = paragraph_sizes(cands)
        feats = context_features(p_par, best, mix, par_doc, chars, sents, lang_block)
        first = mix * p_par + (1 - mix) * best
        return (self.blend * first + (1 - self.blend) * self.predict_proba(feats)).astype(np.float32)

    def predict_proba(self, feats: np.ndarray) -> np.ndarray:
        z = (feats - self.mean) / self.scale
        return (1.0 / (1.0 + np.exp(-np.clip(z @ self.coef.T + self.bias, -30, 30)))).astype(np.float32)

    def arrays(self) -> dict[str, np.ndarray]:
        return {"ctx_coef": self.coef.astype(np.float32), "ctx_bias": self.bias.astype(np.float32),
                "ctx_mean": self.mean.astype(np.float32), "ctx_scale": self.scale.astype(np.float32)}

    @classmethod
    def from_arrays(cls, arrays, blend: float) -> ContextModel | None:
        if "ctx_coef" not in arrays:
            return None
        return cls(arrays["ctx_coef"], arrays["ctx_bias"], arrays["ctx_mean"], arrays["ctx_scale"], blend)
