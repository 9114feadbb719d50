"""Entities analyzer: finds the named entities of each article and groups their mentions.

Mentions come from the language's NER backends (`narrascope.nlp.ner`): natasha for Russian, and for
every language a gazetteer learned from annotated mentions plus capitalised-word runs. spaCy for
English is optional (`model_ner={"en", "ru"}`, or `NARRASCOPE_NER_MODELS=en,ru` for `load_default`):
it types the entities (PER/ORG/...) but costs over fifteen times the rest. Mentions given with the
document (`Document.meta["mentions"]`, as in SemEval subtask 1) are used as given instead: each
becomes its own entity, so that each can get its own role.

Grouping ("coreference-lite"): mentions whose words match after stemming are one entity
(`Россия`/`России`); a shorter mention whose words end a longer name is that name (`Macron` ->
`Emmanuel Macron`); an acronym joins the name whose initials it spells (`NOAA`).
"""
from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Collection
from typing import Any

from narrascope.analyzers.artifacts import model_dir
from narrascope.analyzers.base import Analyzer
from narrascope.document import Analysis, Entity, Span
from narrascope.nlp.ner import LexiconNER, finder_for, is_cased, load_lexicons, name_stem, tokens

log = logging.getLogger(__name__)

LEXICON = model_dir("entities") / "lexicon.json"  # names learned from annotated mentions
LEADING_WORDS = {"the", "a", "an"}
NAME_CONNECTORS = {"of", "the", "and", "for", "de", "da", "do", "das", "dos", "на", "и", "за", "по"}


class EntityAnalyzer(Analyzer):
    name = "entities"
    requires = ("language",)
    assigns = ("entities",)

    def __init__(self, lexicons: dict[str, LexiconNER] | None = None, model_ner: bool | Collection[str] = True):
        """`model_ner`: True for the default statistical NER models (`ner.DEFAULT_MODEL_LANGS`), False
        for none, or the languages whose model to run, e.g. {"en", "ru"}."""
        self.lexicons = lexicons or {}
        self.model_ner = model_ner

    @classmethod
    def load_default(cls) -> EntityAnalyzer:
        chosen = os.environ.get("NARRASCOPE_NER_MODELS")  # e.g. "en,ru"; "" for none
        model_ner = True if chosen is None else {x.strip() for x in chosen.split(",") if x.strip()}
        if not LEXICON.exists():
            log.warning("%s missing: entities are found by NER and capitalisation only", LEXICON)
            return cls(model_ner=model_ner)
        return cls(load_lexicons(LEXICON), model_ner=model_ner)

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        by_lang: dict[str, list[Analysis]] = {}
        for a in batch:
            given = a.document.meta.get("mentions")
            if given is not None:
                a.entities = given_entities(a, given)
            else:
                by_lang.setdefault((a.language or a.document.lang or "").lower(), []).append(a)
        for lang, items in by_lang.items():
            finder = finder_for(lang, self.lexicons, model_ner=self.model_ner)
            for a, spans in zip(items, finder.find([a.document.text for a in items]), strict=True):
                a.entities = group_mentions(a.document.text, spans, lang)
        return batch


def given_entities(a: Analysis, given: list[Any]) -> list[Entity]:
    """Entities from given mentions: dicts with start/end (end exclusive) or (start, end) pairs."""
    text = a.document.text
    out = []
    for item in given:
        start, end = (item["start"], item["end"]) if isinstance(item, dict) else item
        start, end = max(0, min(int(start), len(text))), max(0, min(int(end), len(text)))
        name = item.get("text") if isinstance(item, dict) and item.get("text") else text[start:end]
        out.append(Entity(name=name, type="GIVEN", mentions=[Span(start, max(start, end), "GIVEN")]))
    return out


def _name_words(text: str) -> list[str]:
    words = [w for _, _, w in tokens(text)]
    while words and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    return words


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in NAME_CONNECTORS)


def group_mentions(text: str, spans: list[Span], lang: str | None = None) -> list[Entity]:
    """Group one document's mention spans into entities (see the module docstring)."""
    groups: list[dict[str, Any]] = []  # {"key": tuple of stems, "words": [...], "spans": [...]}
    by_key: dict[tuple[str, ...], dict[str, Any]] = {}
    # Longest names first, so that short forms can attach to the full names seen in the document.
    for sp in sorted(spans, key=lambda s: -(s.end - s.start)):
        words = _name_words(text[sp.start : sp.end])
        if not words:
            continue
        key = tuple(name_stem(w, lang) for w in words)
        group = by_key.get(key) or _attach(key, words, groups)
        if group is None:
            group = {"key": key, "words": words, "spans": []}
            groups.append(group)
        by_key.setdefault(key, group)
        group["spans"].append(sp)
    entities = []
    for g in groups:
        mentions = sorted(g["spans"], key=lambda s: s.start)
        types = Counter(s.label for s in mentions if s.label and s.label != "NAME")
        # The entity's name: its most frequent form, the longest among equals ("Emmanuel Macron").
        forms = Counter(" ".join(text[s.start : s.end].split()) for s in mentions)
        name = max(forms, key=lambda f: (forms[f], len(f)))
        first = name.split(" ", 1)
        if len(first) == 2 and first[0].lower() in LEADING_WORDS:
            name = first[1]  # "the United States" -> "United States"
        entities.append(
            Entity(
                name=name,
                type=types.most_common(1)[0][0] if types else "NAME",
                mentions=[Span(s.start, s.end, s.label) for s in mentions],
            )
        )
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


def _attach(key: tuple[str, ...], words: list[str], groups: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The longer group this shorter mention refers to, if exactly one fits."""
    fits = []
    for g in groups:
        gkey = g["key"]
        if len(gkey) > len(key) and gkey[-len(key) :] == key and _person_like(g["words"]):
            fits.append(g)  # "Macron" ends "Emmanuel Macron"
        elif len(key) == 1 and words[0].isupper() and len(words[0]) >= 2 and _initials(g["words"]) == words[0]:
            fits.append(g)  # "NOAA" spells "National Oceanic and Atmospheric Administration"
    return fits[0] if len(fits) == 1 else None


def _person_like(words: list[str]) -> bool:
    """Two to four capitalised words (any words in uncased scripts): a name whose last word can stand
    alone, as a surname does."""
    return 2 <= len(words) <= 4 and all(
        not is_cased(w) or w[:1].isupper() or w.lower() in NAME_CONNECTORS for w in words
    )
