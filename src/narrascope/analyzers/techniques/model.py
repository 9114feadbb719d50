"""The learned part of the technique detector (SemEval-2023 Task 3, 23 techniques).

Scores: a sentence model and a paragraph model (linear, over hashed word and character n-grams, see
`features.py`) give probabilities; a paragraph's score for a technique mixes the paragraph model with
the best sentence. Both models have an embedding view (`dense.py`): heads over multilingual sentence
vectors whose probabilities are averaged in. A second stage (`context.py`) re-scores every paragraph
from the first-stage scores of its whole article (its neighbours, the article's density of each
technique, its length and position) and is blended with the first-stage score. Per-technique (and
per-language) thresholds tuned by cross-validation decide. A span's score is its sentence's
probability for the technique; the word-level techniques (Loaded Language, Name Calling) are
narrowed to short phrases when the learned phrase lexicon finds one.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from narrascope.analyzers.artifacts import model_dir, read_artifact, write_artifact
from narrascope.analyzers.techniques import features as F
from narrascope.analyzers.techniques.context import ContextModel
from narrascope.analyzers.techniques.dense import EmbeddingHeads
from narrascope.document import LabelScore, ParagraphLabels, Span
from narrascope.errors import ModelError
from narrascope.nlp.embeddings import encode_in_background

MODEL_DIR = model_dir("techniques")
FORMAT_VERSION = 3  # 3: embedding heads and context model


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def _quantise(name: str, coef: np.ndarray) -> dict[str, np.ndarray]:
    """int8 weights with one scale per technique: half the size of float16, and the scores move by
    far less than the thresholds' grid step."""
    scale = np.maximum(np.abs(coef).max(axis=1), 1e-12).astype(np.float32) / 127.0
    return {name: np.round(coef / scale[:, None]).astype(np.int8), name + "_scale": scale}


def _dequantise(arrays, name: str) -> np.ndarray:
    return arrays[name].astype(np.float32) * arrays[name + "_scale"][:, None]


@dataclass(slots=True)
class DocumentTechniques:
    """What the model found in one text: labelled paragraphs and the spans inside them."""

    paragraphs: list[ParagraphLabels]
    spans: list[Span]


@dataclass(slots=True)
class TechniqueModel:
    labels: list[str]
    languages: list[str]  # ISO codes with a one-hot feature (others get none)
    columns: np.ndarray  # hashed feature columns kept at training time
    idf: np.ndarray
    sent_coef: np.ndarray  # (labels, features)
    sent_bias: np.ndarray
    par_coef: np.ndarray
    par_bias: np.ndarray
    mix: float  # weight of the paragraph model against the best sentence
    thresholds: dict[str, np.ndarray]  # language (or "*") -> per-technique paragraph threshold
    sent_threshold: np.ndarray  # a further sentence becomes a span above this
    phrase_labels: list[str]  # techniques located by the phrase lexicon
    lex_hash: np.ndarray  # int64 phrase hashes, sorted
    lex_label: np.ndarray  # index into phrase_labels
    lex_precision: np.ndarray
    lex_min_precision: float = 0.3
    meta: dict | None = None
    context: ContextModel | None = None  # second stage: re-scores paragraphs in their article's context
    dense: EmbeddingHeads | None = None  # embedding view averaged into the first-stage probabilities
    lex_index: dict[int, set[int]] | None = None  # hash -> techniques, built on first use

    # ------------------------------------------------------------------ scoring
    def features(self, counts: sp.csr_matrix, langs: list[str]) -> sp.csr_matrix:
        """Weighted, normalised n-gram columns followed by the language one-hot."""
        return sp.hstack(
            [F.weigh(counts, self.columns, self.idf), F.language_block(langs, self.languages)], format="csr"
        )

    def score(self, texts: list[str], langs: list[str], paragraphs=None) -> tuple[F.Candidates, np.ndarray, np.ndarray]:
        """Candidates, sentence probabilities and combined paragraph scores for a batch of texts."""
        cands = F.candidates(texts, paragraphs)
        # The sentence vectors are computed while this thread hashes the n-grams.
        pending = encode_in_background(self.dense.encoder(), cands.sent_texts) if self.dense is not None else None
        counts = F.hashed_counts(cands.sent_texts) if cands.sent_texts else sp.csr_matrix((0, 2 * F.N_HASH))
        n_par = len(cands.par_bounds)
        par_counts = F.paragraph_counts(counts, cands.sent_par, n_par)
        par_langs = [langs[d] for d in cands.par_doc]
        xs = self.features(counts, [par_langs[p] for p in cands.sent_par])
        xp = self.features(par_counts, par_langs)
        p_sent = _sigmoid(xs @ self.sent_coef.T + self.sent_bias)
        p_par = _sigmoid(xp @ self.par_coef.T + self.par_bias)
        block = F.language_block(par_langs, self.languages).toarray()  # per paragraph
        if pending is not None:
            p_sent, p_par = self.dense.fuse(
                p_sent, p_par, pending.result(), cands.sent_par, block[cands.sent_par], block
            )
        best = np.zeros_like(p_par)
        if len(cands.sent_par):
            np.maximum.at(best, cands.sent_par, p_sent)
        if self.context is not None:
            return cands, p_sent, self.context.rescore(p_par, best, self.mix, cands.par_doc, cands, block)
        return cands, p_sent, self.mix * p_par + (1 - self.mix) * best

    def threshold_for(self, lang: str) -> np.ndarray:
        return self.thresholds.get(lang, self.thresholds["*"])

    def predict(self, texts: list[str], langs: list[str]) -> list[DocumentTechniques]:
        cands, p_sent, p_par = self.score(texts, langs)
        return self.decode(texts, langs, cands, p_sent, p_par)

    def decode(
        self, texts: list[str], langs: list[str], cands: F.Candidates, p_sent: np.ndarray, p_par: np.ndarray
    ) -> list[DocumentTechniques]:
        """Paragraph labels and their spans from sentence probabilities and paragraph scores."""
        out = [DocumentTechniques([], []) for _ in texts]
        sents_of: dict[int, list[int]] = {}
        for j, p in enumerate(cands.sent_par):
            sents_of.setdefault(int(p), []).append(j)
        for p, (start, end, number) in enumerate(cands.par_bounds):
            d = int(cands.par_doc[p])
            thr = self.threshold_for(langs[d])
            hits = np.flatnonzero(p_par[p] >= thr)
            if not len(hits):
                continue
            order = hits[np.argsort(-p_par[p, hits])]
            labels = []
            cache: dict = {}  # lexicon hits per sentence of this paragraph
            for k in order:
                name = self.labels[k]
                spans = self._spans(texts[d], cands, sents_of.get(p, []), p_sent, int(k), cache)
                out[d].spans.extend(spans)
                labels.append(LabelScore(label=name, score=round(float(p_par[p, k]), 4), evidence=spans))
            out[d].paragraphs.append(ParagraphLabels(number=number, start=start, end=end, labels=labels))
        for doc in out:
            doc.spans.sort(key=lambda s: (s.start, s.end, s.label))
        return out

    def _spans(
        self, text: str, cands: F.Candidates, sent_ids: list[int], p_sent: np.ndarray, k: int, cache: dict
    ) -> list[Span]:
        if not sent_ids:
            return []
        scores = p_sent[sent_ids, k]
        chosen = [sent_ids[i] for i in np.flatnonzero(scores >= self.sent_threshold[k])]
        top = sent_ids[int(np.argmax(scores))]
        if top not in chosen:
            chosen.append(top)
        name = self.labels[k]
        out: list[Span] = []
        if name in self.phrase_labels:
            # A lexicon phrase anywhere in the paragraph is sharper evidence than a whole sentence.
            for j in sent_ids:
                s, e = cands.sent_bounds[j]
                score = round(float(p_sent[j, k]), 4)
                out.extend(Span(a, b, name, score) for a, b in self._phrases(text, s, e, name, cache))
            if out:
                return out
        for j in sorted(chosen):
            s, e = cands.sent_bounds[j]
            out.append(Span(s, e, name, round(float(p_sent[j, k]), 4)))
        return out

    def _phrases(self, text: str, start: int, end: int, name: str, cache: dict) -> list[tuple[int, int]]:
        """Lexicon phrases of technique `name` inside text[start:end], longest first, not overlapping.
        `cache` keeps each sentence's lexicon hits for the other phrase-level techniques."""
        if not len(self.lex_hash):
            return []
        if self.lex_index is None:
            self.lex_index = {}
            for h, li, prec in zip(self.lex_hash.tolist(), self.lex_label.tolist(), self.lex_precision.tolist(),
                                   strict=True):
                if prec >= self.lex_min_precision:
                    self.lex_index.setdefault(h, set()).add(li)
        key = (start, end)
        if key not in cache:
            index = self.lex_index
            cache[key] = [(a, b, index[h]) for h, a, b in F.phrase_hashes(text[start:end]) if h in index]
        li = self.phrase_labels.index(name)
        found = [(start + a, start + b) for a, b, labels in cache[key] if li in labels]
        taken: list[tuple[int, int]] = []
        for a, b in sorted(found, key=lambda x: x[0] - x[1]):
            if all(b <= x or a >= y for x, y in taken):
                taken.append((a, b))
        return sorted(taken)

    # ------------------------------------------------------------------ persistence
    def save(self, path: str | Path) -> None:
        arrays = dict(
            columns=self.columns.astype(np.int32),
            idf=self.idf.astype(np.float16),
            **_quantise("sent_coef", self.sent_coef),
            sent_bias=self.sent_bias.astype(np.float32),
            **_quantise("par_coef", self.par_coef),
            par_bias=self.par_bias.astype(np.float32),
            lex_hash=self.lex_hash.astype(np.int64),
            lex_label=self.lex_label.astype(np.int16),
            lex_precision=self.lex_precision.astype(np.float16),
            **(self.context.arrays() if self.context is not None else {}),
            **(self.dense.arrays() if self.dense is not None else {}),
        )
        info = {
            "format": FORMAT_VERSION,
            "labels": self.labels,
            "languages": self.languages,
            "mix": self.mix,
            "thresholds": {k: [round(float(x), 4) for x in v] for k, v in self.thresholds.items()},
            "sent_threshold": [round(float(x), 4) for x in self.sent_threshold],
            "phrase_labels": self.phrase_labels,
            "lex_min_precision": self.lex_min_precision,
            "context_blend": self.context.blend if self.context is not None else None,
            "dense": self.dense.info() if self.dense is not None else None,
            "meta": self.meta or {},
        }
        write_artifact(path, arrays, info)

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR) -> TechniqueModel:
        arrays, info = read_artifact(path, "techniques")
        if info.get("format") != FORMAT_VERSION:
            raise ModelError(f"{path}: model format {info.get('format')!r}, expected {FORMAT_VERSION}; retrain it")
        return cls(
            labels=info["labels"],
            languages=info["languages"],
            columns=arrays["columns"].astype(np.int64),
            idf=arrays["idf"].astype(np.float32),
            sent_coef=_dequantise(arrays, "sent_coef"),
            sent_bias=arrays["sent_bias"],
            par_coef=_dequantise(arrays, "par_coef"),
            par_bias=arrays["par_bias"],
            mix=float(info["mix"]),
            thresholds={k: np.asarray(v, dtype=np.float32) for k, v in info["thresholds"].items()},
            sent_threshold=np.asarray(info["sent_threshold"], dtype=np.float32),
            phrase_labels=info["phrase_labels"],
            lex_hash=arrays["lex_hash"],
            lex_label=arrays["lex_label"],
            lex_precision=arrays["lex_precision"].astype(np.float32),
            lex_min_precision=float(info.get("lex_min_precision", 0.3)),
            meta=info.get("meta"),
            context=ContextModel.from_arrays(arrays, float(info.get("context_blend") or 1.0)),
            dense=EmbeddingHeads.from_saved(arrays, info.get("dense")),
        )
