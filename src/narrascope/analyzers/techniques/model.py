"""The learned part of the technique detector (SemEval-2023 Task 3, 23 techniques).

Scores: a sentence model and a paragraph model (linear, over hashed word and character n-grams, see
`features.py`) give probabilities; a paragraph's score for a technique mixes the paragraph model with
the best sentence. Both models have an embedding view (`dense.py`): heads over multilingual sentence
vectors whose probabilities are averaged in. A second stage (`context.py`) re-scores every paragraph
from the first-stage scores of its whole article (its neighbours, the article's density of each
technique, its length and position) and is blended with the first-stage score. Per-technique (and
per-language) thresholds tuned by cross-validation decide. Spans: the word-level span model
(`spans.py`) marks the words of a labelled paragraph that carry the technique (a Repetition span only
words the article uses again; a Repetition label without one has no span; names alone carry no
technique but a few, `spans.word_spans`); a model without one
(`spans=None`) points at whole sentences instead, the sentences above the sentence threshold.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from narrascope.analyzers.artifacts import model_dir, read_artifact, write_artifact
from narrascope.analyzers.techniques import features as F
from narrascope.analyzers.techniques.context import ContextModel
from narrascope.analyzers.techniques.dense import EmbeddingHeads
from narrascope.analyzers.techniques.spans import (
    SpanModel,
    paragraph_words,
    repeats,
    sentence_spans,
    word_keys,
    word_spans,
)
from narrascope.document import LabelScore, ParagraphLabels, Span
from narrascope.errors import ModelError
from narrascope.nlp.embeddings import encode_in_background

MODEL_DIR = model_dir("techniques")
REPETITION = "Repetition"
FORMAT_VERSION = 4  # 3: embedding heads and context model; 4: word-level span model, no phrase lexicon


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


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
    sent_threshold: np.ndarray  # without a span model: a further sentence becomes a span above this
    meta: dict | None = None
    context: ContextModel | None = None  # second stage: re-scores paragraphs in their article's context
    dense: EmbeddingHeads | None = None  # embedding view averaged into the first-stage probabilities
    spans: SpanModel | None = None  # word-level spans; None: sentence spans
    weak_below: float | None = None  # a label scored below this is marked weak (`confidence.probability_cut`)
    # A language without training articles ("unseen") is scored by the embedding heads alone where the
    # sentence encoder covers it: there its n-grams carry noise, not technique (leaving each training
    # language out: `python -m benchmarks.techniques_unseen`). False: the two views mixed, as for a known one.
    heads_alone_when_unseen: bool = True
    trained_on: tuple[str, ...] | None = None  # languages with training articles (None: `languages`)

    # ------------------------------------------------------------------ languages
    def knows(self, lang: str) -> bool:
        """Whether the model was trained on articles in `lang` (an ISO code)."""
        return lang in (self.trained_on if self.trained_on is not None else self.languages)

    def reads_by_vectors_alone(self, lang: str) -> bool:
        """Whether paragraphs in `lang` are scored by the embedding heads alone (see `heads_alone_when_unseen`)."""
        return (self.heads_alone_when_unseen and self.dense is not None and not self.knows(lang)
                and self.dense.covers(lang))

    def unseen_note(self, lang: str) -> str | None:
        """What a reader should know of the techniques found in `lang`, when the model was not trained on it."""
        if self.knows(lang):
            return None
        trained = ", ".join(self.trained_on if self.trained_on is not None else self.languages)
        head = f"techniques: language {lang or 'unknown'!r} is not one the technique model was trained on ({trained})"
        if self.reads_by_vectors_alone(lang):
            return (f"{head}; its techniques come from the multilingual sentence vectors alone, which find them less "
                    f"well than in a training language (README: languages without training articles)")
        return (f"{head}, nor one its sentence encoder was built for: how right its techniques are there is "
                f"unmeasured; read them as leads")

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
        # A language without training articles gets the average language column, as an unknown one does.
        known = {lang: lang if self.knows(lang) else "" for lang in set(par_langs)}
        feature_langs = [known[lang] for lang in par_langs]
        xs = self.features(counts, [feature_langs[p] for p in cands.sent_par])
        xp = self.features(par_counts, feature_langs)
        p_sent = _sigmoid(xs @ self.sent_coef.T + self.sent_bias)
        p_par = _sigmoid(xp @ self.par_coef.T + self.par_bias)
        block = F.language_block(feature_langs, self.languages).toarray()  # per paragraph
        if pending is not None:
            alone = {lang: self.reads_by_vectors_alone(lang) for lang in known}
            p_sent, p_par = self.dense.fuse(
                p_sent, p_par, pending.result(), cands.sent_par, block[cands.sent_par], block,
                np.array([alone[lang] for lang in par_langs], dtype=bool),
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
        hits = {}
        for p in range(len(cands.par_bounds)):
            above = np.flatnonzero(p_par[p] >= self.threshold_for(langs[int(cands.par_doc[p])]))
            if len(above):
                hits[p] = above[np.argsort(-p_par[p, above], kind="stable")]
        where = self._locate(texts, langs, cands, p_sent, hits)
        for p, order in hits.items():
            d = int(cands.par_doc[p])
            start, end, number = cands.par_bounds[p]
            labels = []
            for k in order:
                spans = [Span(a, b, self.labels[k], round(score, 4)) for a, b, score in where[p, int(k)]]
                out[d].spans.extend(spans)
                score = float(p_par[p, k])
                weak = self.weak_below is not None and score < self.weak_below
                labels.append(LabelScore(label=self.labels[k], score=round(score, 4), evidence=spans, weak=weak))
            out[d].paragraphs.append(ParagraphLabels(number=number, start=start, end=end, labels=labels))
        for doc in out:
            doc.spans.sort(key=lambda s: (s.start, s.end, s.label))
        return out

    def _locate(
        self, texts: list[str], langs: list[str], cands: F.Candidates, p_sent: np.ndarray, hits: dict[int, np.ndarray]
    ) -> dict[tuple[int, int], list[tuple[int, int, float]]]:
        """(paragraph, technique) -> its spans (start, end, score), for every paragraph label in `hits`."""
        sents_of: dict[int, list[int]] = {}
        for j, p in enumerate(cands.sent_par):
            sents_of.setdefault(int(p), []).append(j)
        out: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
        if self.spans is None:
            for p, order in hits.items():
                for k in order.tolist():
                    out[p, k] = self._sentence_spans(cands, sents_of.get(p, []), p_sent, k)
            return out
        by_label: dict[int, list[int]] = {}  # technique -> paragraph rows labelled with it
        for p, order in hits.items():
            for k in order.tolist():
                by_label.setdefault(k, []).append(p)
        rows = np.array(sorted({p for members in by_label.values() for p in members}), dtype=np.int64)
        words = paragraph_words(texts, cands.par_doc, cands.par_bounds, rows, cands.sent_par, cands.sent_bounds,
                                langs)
        cuts = np.searchsorted(words.par, np.r_[rows, np.iinfo(np.int64).max])  # words of rows[i]: cuts[i]..
        index = {p: i for i, p in enumerate(rows.tolist())}
        repetition = self.labels.index(REPETITION) if REPETITION in self.labels else -1
        counts: dict[int, Counter[str]] = {}  # per document: its words, for Repetition
        for k, members in by_label.items():
            at = [index[p] for p in members]
            select = np.concatenate([np.arange(cuts[i], cuts[i + 1]) for i in at])
            scores = self.spans.word_scores(words, k, p_sent[:, k], select)
            pos = 0
            for p, i in zip(members, at, strict=True):
                n = cuts[i + 1] - cuts[i]
                d = int(cands.par_doc[p])
                text = texts[d]
                found = word_spans(self.spans, self.labels[k], k, text, langs[d], words, cuts[i], cuts[i + 1],
                                   scores[pos : pos + n])
                pos += n
                if k == repetition:  # a span whose words occur nowhere else repeats nothing: the label, no span
                    words_of = counts.setdefault(d, Counter(word_keys(text)))
                    out[p, k] = [f for f in found if repeats(text, f[0], f[1], words_of)]
                    continue
                # no word that carries the technique (function words alone, or no word at all): its sentences
                out[p, k] = found or self._sentence_spans(cands, sents_of.get(p, []), p_sent, k)
        return out

    def _sentence_spans(self, cands: F.Candidates, sent_ids: list[int], p_sent: np.ndarray, k: int
                        ) -> list[tuple[int, int, float]]:
        return sentence_spans(sent_ids, cands.sent_bounds, p_sent, k, float(self.sent_threshold[k]))

    # ------------------------------------------------------------------ persistence
    def save(self, path: str | Path) -> None:
        arrays = dict(
            columns=self.columns.astype(np.int32),
            idf=self.idf.astype(np.float16),
            **F.quantise("sent_coef", self.sent_coef),
            sent_bias=self.sent_bias.astype(np.float32),
            **F.quantise("par_coef", self.par_coef),
            par_bias=self.par_bias.astype(np.float32),
            **(self.spans.arrays() if self.spans is not None else {}),
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
            "span_share": self.spans.share if self.spans is not None else None,
            "context_blend": self.context.blend if self.context is not None else None,
            "weak_below": None if self.weak_below is None else round(float(self.weak_below), 4),
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
            sent_coef=F.dequantise(arrays, "sent_coef"),
            sent_bias=arrays["sent_bias"],
            par_coef=F.dequantise(arrays, "par_coef"),
            par_bias=arrays["par_bias"],
            mix=float(info["mix"]),
            thresholds={k: np.asarray(v, dtype=np.float32) for k, v in info["thresholds"].items()},
            sent_threshold=np.asarray(info["sent_threshold"], dtype=np.float32),
            meta=info.get("meta"),
            context=ContextModel.from_arrays(arrays, float(info.get("context_blend") or 1.0)),
            dense=EmbeddingHeads.from_saved(arrays, info.get("dense")),
            spans=SpanModel.from_arrays(arrays, float(info.get("span_share") or 1.0)),
            weak_below=info.get("weak_below"),
        )
