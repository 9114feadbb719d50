"""What the role classifier reads around a mention: documents split into sentences with their
embeddings, the mentions to classify, and the context texts built from them (the mention's window,
its edge words, the sentences naming the same entity). Beside `model.py`, which holds what is
learned.
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from narrascope.nlp.embeddings import DiskCachedEmbedder, get_embedder, training_cache_dir
from narrascope.nlp.names import stem
from narrascope.nlp.text import WORD_PATTERN, sentences, word_regex
from narrascope.taxonomy import load_yaml

log = logging.getLogger(__name__)

_WORD = re.compile(WORD_PATTERN)
MAX_NAMING_SENTENCES = 3
EDGE_REACH = 200  # characters read on each side of a mention for its edge words
EDGE_FIRST_TRY = 64  # most mentions have their edge words this close: read this much first


# Names and words recur across sentences and articles; stemming each occurrence again was a
# visible share of the analyzer's time.
_stem = functools.lru_cache(maxsize=200_000)(stem)


@dataclass(frozen=True, slots=True)
class RoleTaxonomy:
    mains: tuple[str, ...]
    fines: tuple[str, ...]
    parent: dict[str, str]

    @classmethod
    def load(cls) -> RoleTaxonomy:
        data = load_yaml("entity_roles")
        mains = tuple(m["name"] for m in data["main_roles"])
        fines = tuple(f["name"] for f in data["fine_roles"])
        return cls(mains, fines, {f["name"]: f["main"] for f in data["fine_roles"]})


@dataclass(slots=True)
class MentionInput:
    """One mention to classify: character range (end exclusive) in one document's text."""

    doc_key: int  # index of the document in the batch (mentions of one document share work)
    start: int
    end: int
    main_role: str | None = None
    fine_roles: list[str] = field(default_factory=list)
    key: str = ""  # "<lang>:<canonical name, lower case>": the name the role prior reads (default: the text)


@dataclass(slots=True)
class DocContext:
    """Per-document work shared by its mentions: sentence ranges and their embeddings."""

    text: str
    lang: str
    sentences: list[tuple[int, int]]
    vectors: np.ndarray  # (n_sentences, dim); rows of sentences no feature reads stay zero
    stems: list[set[str]] = field(default_factory=list)  # word stems of each sentence
    words: re.Pattern[str] = _WORD  # finds the words of `text` (`nlp.text.word_regex`: the fastest exact one)
    _starts: list[int] | None = None
    _naming: dict[str, list[int]] = field(default_factory=dict)  # head stem -> sentences naming it
    _entity_means: dict[tuple[int, ...], np.ndarray] = field(default_factory=dict)
    _entity_texts: dict[tuple[int, ...], str] = field(default_factory=dict)
    _article_vector: np.ndarray | None = None

    def sentence_index(self, pos: int) -> int:
        if self._starts is None:
            self._starts = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def naming_sentences(self, mention: str) -> list[int]:
        """The first `MAX_NAMING_SENTENCES` sentences naming the entity, recognised by the stem of the
        mention's last word (computed once per head word and document: an entity's mentions share it).
        Capped because every one of them is embedded, and an entity named in every paragraph of a long
        article adds little after its first few."""
        words = [_stem(w) for w in self.words.findall(mention)]
        head = words[-1] if words else ""
        if head not in self._naming:
            found = [j for j, stems in enumerate(self.stems) if head and head in stems]
            self._naming[head] = found[:MAX_NAMING_SENTENCES]
        return self._naming[head]


def prepare_documents(
    texts: Sequence[str],
    langs: Sequence[str],
    spans: Sequence[Sequence[tuple[int, int]]],
    embedder: str = "use",
    cache: bool = False,
) -> list[DocContext]:
    """Split documents into sentences and embed, in one batch, the sentences the features read:
    those holding a mention and those naming the same entity (the slow part, so nothing more)."""
    docs, wanted = [], []
    for text, lang, doc_spans in zip(texts, langs, spans, strict=True):
        doc = DocContext(text, (lang or "").lower(), sentences(text) or [(0, len(text))], np.zeros((0, 0)),
                         words=word_regex(text))
        need: set[int] = set()
        doc.stems = [{_stem(w) for w in doc.words.findall(text, s, e)} for s, e in doc.sentences]
        for start, end in doc_spans:
            need.add(doc.sentence_index(start))
            need.update(doc.naming_sentences(text[start:end]))
        docs.append(doc)
        wanted.append(sorted(need))
    flat = [doc.text[slice(*doc.sentences[j])] for doc, idx in zip(docs, wanted, strict=True) for j in idx]
    model = get_embedder(embedder)
    # Training embeds the same sentences fold after fold: `cache` keeps their vectors on disk.
    vecs = (DiskCachedEmbedder(model, training_cache_dir()) if cache else model).encode(flat)
    pos = 0
    for doc, idx in zip(docs, wanted, strict=True):
        doc.vectors = np.zeros((len(doc.sentences), model.dim), np.float32)
        doc.vectors[idx] = vecs[pos : pos + len(idx)]
        pos += len(idx)
    return docs


def name_key(lang: str, mention: str) -> str:
    return (lang or "").lower() + ":" + " ".join(_stem(w) for w in _WORD.findall(mention))


def edge_text(doc: DocContext, m: MentionInput, k: int = 6) -> str:
    return _edge_words(doc.text, m.start, m.end, k, doc.words)


def _edge_words(text: str, start: int, end: int, k: int = 6, words: re.Pattern[str] = _WORD) -> str:
    """The k words before and after a mention, as read within EDGE_REACH characters of it.

    A shorter read gives the same words as the full one when it holds more than k words: only the
    word cut by the read's far end can differ, and it is not among the k nearest."""
    left = words.findall(text, max(0, start - EDGE_FIRST_TRY), start)
    if len(left) <= k and start > EDGE_FIRST_TRY:
        left = words.findall(text, max(0, start - EDGE_REACH), start)
    right = words.findall(text, end, end + EDGE_FIRST_TRY)
    if len(right) <= k and end + EDGE_FIRST_TRY < len(text):
        right = words.findall(text, end, end + EDGE_REACH)
    return " ".join("L_" + w.lower() for w in left[-k:]) + " " + " ".join("R_" + w.lower() for w in right[:k])


def entity_vector(doc: DocContext, m: MentionInput, i: int) -> np.ndarray:
    """Mean embedding of the article's sentences that name this entity."""
    picked = tuple(doc.naming_sentences(doc.text[m.start : m.end]) or [i])
    if picked not in doc._entity_means:  # an entity's mentions share their sentences
        doc._entity_means[picked] = doc.vectors[list(picked)].mean(0)
    return doc._entity_means[picked]
