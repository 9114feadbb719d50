"""What the salience model reads about one entity of one article (see `salience.py`).

Dense facts, one row per entity (`FEATURES`):

- how much the article talks about it: mentions (log), its share of the article's mentions, its rank
  among the article's entities, relative to the most-named one, the shares of sentences and paragraphs
  naming it, the spread between its first and last mention;
- where: the position of its first and last mention, whether the title or the first three sentences
  name it, and the title alone;
- how it is named in its sentences: opening the sentence (the subject, in the five languages' usual
  order), the first entity of its sentence, followed by a lower-case word (a verb, usually: it acts),
  after a function word (an object or a place), in a sentence with quotation marks;
- what it is: words and letters of its name, digits, an acronym, how many ways the article writes it,
  the NER type;
- how often annotators cast this name when it appeared in training articles (per language, pooled
  over languages as a fallback; smoothed, out of fold when training), and relative to the article's
  other names;
- the article: how many entities it names, its length, its language.

And the words around its first mentions (`context_text`), with the mention masked and the nearest
words marked by their side: what the article says where it names the entity.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from narrascope.document import Entity
from narrascope.nlp.names import FUNCTION_WORDS
from narrascope.nlp.quotation import csv_unquoted
from narrascope.nlp.text import paragraphs, sentences, word_regex
from narrascope.taxonomy import LANGUAGES

TYPES = ("PER", "ORG", "LOC", "GPE", "GROUP")
PRIOR_SMOOTHING = 2.0
FEATURES = (
    "log_mentions", "mention_share", "log_rank", "sentence_share", "first_position", "in_title", "in_lead",
    "name_words", "acronym", "cast_rate", "log_seen", "cast_rate_pooled", "log_seen_pooled",
    *(f"type_{t}" for t in TYPES), *(f"lang_{lang}" for lang in LANGUAGES),
    "spread", "last_position", "paragraph_share", "relative_mentions", "most_named", "title_only",
    "opens_sentence", "first_in_sentence", "followed_by_lower", "after_function_word", "quoted_sentence",
    "name_chars", "has_digit", "surface_forms", "cast_rate_gap", "cast_rate_rank", "pooled_rate_gap",
    "log_entities", "log_chars",
)
CONTEXT_WORDS = 8  # words on each side of a mention
CONTEXT_MENTIONS = 4  # the first mentions of an entity whose surroundings are read
QUOTES = "\"“”«»„"
_COL = {name: i for i, name in enumerate(FEATURES)}


@dataclass(slots=True)
class CastCounts:
    """Per name: in how many training articles it was found, and in how many of those it was cast."""

    found: dict[str, float]
    cast: dict[str, float]

    @classmethod
    def empty(cls) -> CastCounts:
        return cls(defaultdict(float), defaultdict(float))

    def add(self, key: str, cast: bool, weight: float = 1.0) -> None:
        self.found[key] = self.found.get(key, 0.0) + weight
        self.cast[key] = self.cast.get(key, 0.0) + (weight if cast else 0.0)

    def rate(self, key: str, base: float) -> tuple[float, float]:
        """(smoothed cast rate, log(1 + articles found))."""
        n = self.found.get(key, 0.0)
        return (self.cast.get(key, 0.0) + PRIOR_SMOOTHING * base) / (n + PRIOR_SMOOTHING), math.log1p(n)


def name_keys(lang: str, entity: Entity) -> tuple[str, str]:
    """(per-language key, pooled key) of an entity's canonical name."""
    name = entity.name.lower()
    return f"{lang}:{name}", f"*:{name}"


class ArticleWords:
    """An article's words, found once (`WORD_PATTERN`): `between(lo, hi)` gives what
    `re.findall(WORD_PATTERN, text[lo:hi])` would, words cut at the edges included, without running the
    pattern again for every mention."""

    def __init__(self, text: str):
        self.text = text
        regex = word_regex(text)
        self.spans = [m.span() for m in regex.finditer(text)]
        self.words = regex.findall(text)
        self.starts, self.ends = (list(x) for x in zip(*self.spans)) if self.spans else ([], [])

    def between(self, lo: int, hi: int, first_n: int | None = None, last_n: int | None = None) -> list[str]:
        """The words of text[lo:hi]; only the first `first_n` or the last `last_n` of them if given."""
        if hi <= lo:
            return []
        first, last = bisect.bisect_right(self.ends, lo), bisect.bisect_left(self.starts, hi)
        if first_n is not None:
            last = min(last, first + first_n)
        if last_n is not None:
            first = max(first, last - last_n)
        out = self.words[first:last]
        if out:  # only the first and the last word can be cut
            for i, (s, e) in ((0, self.spans[first]), (-1, self.spans[last - 1])):
                if s < lo or e > hi:
                    out[i] = self.text[max(s, lo) : min(e, hi)]
        return out

    def next_word(self, at: int) -> str:
        """The word that starts exactly at `at` (as `re.match` there would find it after a space), else ""."""
        i = bisect.bisect_left(self.starts, at)
        return self.text[at : self.ends[i]] if i < len(self.spans) and self.starts[i] == at else ""


class _Layout:
    """Where an article's title ends (its first non-empty line), its sentences, paragraphs and words."""

    def __init__(self, text: str, words: ArticleWords | None = None):
        self.words = words or ArticleWords(text)
        stripped = text.lstrip()
        first_line = stripped.split("\n", 1)[0]
        self.title_end = len(text) - len(stripped) + len(first_line)
        self.sentences = sentences(text) or [(0, len(text))]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.lead_end = self.sentences[min(2, len(self.sentences) - 1)][1]
        self.paragraph_starts = [s for s, _ in paragraphs(text)] or [0]
        self.text = text
        self._quoted: dict[int, bool] = {}

    def quoted(self, k: int) -> bool:
        """Whether sentence k holds a quotation mark (asked once per mention: answered once per sentence); the
        marks of a body wrapped in CSV quoting are none (`quotation.csv_unquoted`)."""
        if k not in self._quoted:
            s0, s1 = self.sentences[k]
            self._quoted[k] = any(q in csv_unquoted(self.text)[s0:s1] for q in QUOTES)
        return self._quoted[k]

    def sentence_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset)


def entity_features(text: str, lang: str, entities: Sequence[Entity], counts: CastCounts, base: float,
                    words: ArticleWords | None = None) -> np.ndarray:
    """One row of `FEATURES` per entity of one article (`counts`: the training articles' cast counts;
    when training, those of the other folds only, so that a name's cast rate never reads its answer;
    `words`: the article's, if already found)."""
    out = np.zeros((len(entities), len(FEATURES)), np.float32)
    if not entities:
        return out
    layout = _Layout(text, words)
    length = max(len(text), 1)
    total = sum(len(e.mentions) for e in entities) or 1
    most = max(len(e.mentions) for e in entities) or 1
    ranked = sorted(range(len(entities)), key=lambda i: -len(entities[i].mentions))
    rank = {i: r for r, i in enumerate(ranked)}
    first_in_sentence: dict[int, int] = {}  # sentence -> start of its first entity mention
    for e in entities:
        for m in e.mentions:
            k = layout.sentence_of(m.start)
            first_in_sentence[k] = min(first_in_sentence.get(k, m.start), m.start)
    function_words = FUNCTION_WORDS.get(lang, set())
    col = _COL
    for r, e in enumerate(entities):
        n = len(e.mentions)
        row = out[r]
        _where(row, text, layout, e, first_in_sentence, function_words)
        row[col["log_mentions"]] = math.log1p(n)
        row[col["mention_share"]] = n / total
        row[col["log_rank"]] = math.log1p(rank[r])
        row[col["relative_mentions"]] = n / most
        row[col["most_named"]] = float(n == most)
        row[col["title_only"]] = float(row[col["in_title"]] and n == 1)
        row[col["name_words"]] = min(len(e.name.split()), 5) / 5
        row[col["name_chars"]] = min(len(e.name), 40) / 40
        row[col["acronym"]] = float(len(e.name) >= 2 and e.name.isupper())
        row[col["has_digit"]] = float(any(ch.isdigit() for ch in e.name))
        row[col["surface_forms"]] = math.log1p(len(e.surface_forms))
        key, pooled = name_keys(lang, e)
        row[col["cast_rate"]], row[col["log_seen"]] = counts.rate(key, base)
        row[col["cast_rate_pooled"]], row[col["log_seen_pooled"]] = counts.rate(pooled, base)
        if e.type in TYPES:
            row[col[f"type_{e.type}"]] = 1.0
        if lang in LANGUAGES:
            row[col[f"lang_{lang}"]] = 1.0
    rates, pooled_rates = out[:, col["cast_rate"]], out[:, col["cast_rate_pooled"]]
    out[:, col["cast_rate_gap"]] = rates - rates.max()
    out[:, col["pooled_rate_gap"]] = pooled_rates - pooled_rates.max()
    order = np.argsort(-rates, kind="stable")
    out[order, col["cast_rate_rank"]] = np.log1p(np.arange(len(entities)))
    out[:, col["log_entities"]] = math.log1p(len(entities))
    out[:, col["log_chars"]] = math.log1p(length) / 10
    return out


def _where(row: np.ndarray, text: str, layout: _Layout, e: Entity, first_in_sentence: dict[int, int],
           function_words: set[str]) -> None:
    """The position and sentence-role facts of one entity, written into its row."""
    col, length = _COL, max(len(text), 1)
    if not e.mentions:
        return
    n = len(e.mentions)
    first, last = e.mentions[0].start, e.mentions[-1].start
    sents = [layout.sentence_of(m.start) for m in e.mentions]
    row[col["sentence_share"]] = len(set(sents)) / len(layout.sentences)
    row[col["paragraph_share"]] = len({layout.paragraph_of(m.start) for m in e.mentions}) / len(layout.paragraph_starts)
    row[col["first_position"]] = first / length
    row[col["last_position"]] = last / length
    row[col["spread"]] = (last - first) / length
    row[col["in_title"]] = float(first < layout.title_end)
    row[col["in_lead"]] = float(first < layout.lead_end)
    opens = firsts = acts = objects = quoted = 0
    for m, k in zip(e.mentions, sents, strict=True):
        s0 = layout.sentences[k][0]
        before = layout.words.between(max(s0, m.start - 80), m.start, last_n=2)
        opens += len(before) <= 1
        firsts += first_in_sentence.get(k) == m.start
        following = layout.words.next_word(m.end + 1) if text[m.end : m.end + 1] == " " else ""
        acts += bool(following[:1].islower() and following not in function_words)
        objects += bool(before and before[-1].lower() in function_words)
        quoted += layout.quoted(k)
    row[col["opens_sentence"]] = opens / n
    row[col["first_in_sentence"]] = firsts / n
    row[col["followed_by_lower"]] = acts / n
    row[col["after_function_word"]] = objects / n
    row[col["quoted_sentence"]] = quoted / n


def context_text(text: str, lang: str, entity: Entity, words: ArticleWords | None = None) -> str:
    """The words around the entity's first mentions, lower case, the mention masked, the three nearest
    words on each side marked with their side, and the language (`words`: the article's, if found)."""
    words = words or ArticleWords(text)
    parts = [f"lang_{lang}"]
    for m in entity.mentions[:CONTEXT_MENTIONS]:
        left = [w.lower() for w in words.between(max(0, m.start - 200), m.start, last_n=CONTEXT_WORDS)]
        right = [w.lower() for w in words.between(m.end, m.end + 200, first_n=CONTEXT_WORDS)]
        parts += [f"l_{w}" for w in left[-3:]] + left + ["entx"] + right + [f"r_{w}" for w in right[:3]]
    return " ".join(parts)
