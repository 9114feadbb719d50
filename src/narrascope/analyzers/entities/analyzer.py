"""Entities analyzer: finds the named entities of each article and gives each one canonical name.

Mentions come from the language's NER backends (`narrascope.nlp.ner`): natasha for Russian, and for
every language a gazetteer learned from annotated mentions plus capitalised-word runs. spaCy for
English is optional (`model_ner={"en", "ru"}`, or `NARRASCOPE_NER_MODELS=en,ru` for `load_default`):
it types the entities (PER/ORG/...) but costs over fifteen times the rest. Mentions in reader
comments, bylines and site furniture (`narrascope.nlp.furniture`) are dropped: they are not the
article's voice. Mentions given with the document (`Document.meta["mentions"]`, as in SemEval subtask
1) are used as given instead: each becomes its own entity, so that each can get its own role.

Grouping: mentions with the same canonical name are one entity (`Россию`/`России` -> `Россия` ->
Russia, `US`/`United States`; see `canonical.py`); a shorter mention whose words end a longer name of
the article is that name (`Macron` -> `Emmanuel Macron`); an acronym joins the name whose initials it
spells (`NOAA`), and a name and the acronym in brackets after it are one entity (`Вооруженных сил Украины
(ВСУ)`, `Organização do Tratado do Atlântico Norte (NATO)`: named as the alias table knows the acronym);
spellings of one person's full name are one entity (`Alexander Dugin`, `Aleksandr Dugin`: the same
`translit.skeleton`); a description of an office holder ("the French president", "रूसी राष्ट्रपति")
is a mention of the person it clearly stands for, labelled `DESCRIPTION` (`descriptions.py`), and an office
title is cut from the name it opens ("President of Ukraine Volodymyr Zelensky"). `Entity.name` is the
canonical name, `Entity.surface_forms` the names as written (descriptions are no names).
"""
from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from narrascope.analyzers.artifacts import model_dir
from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.entities import descriptions
from narrascope.analyzers.entities.canonical import RU_CASE_ENDINGS, RU_CONSONANTS, Canonicalizer
from narrascope.analyzers.entities.russian import no_name_word
from narrascope.analyzers.entities.translit import skeleton
from narrascope.document import Analysis, Entity, Span
from narrascope.nlp.furniture import BodyFilter
from narrascope.nlp.names import is_cased, written_in_lower_case
from narrascope.nlp.ner import LexiconNER, finder_for, load_lexicons

log = logging.getLogger(__name__)

LEXICON = model_dir("entities") / "lexicon.json"  # names learned from annotated mentions
ALIASES = model_dir("entities") / "aliases.json"  # canonical names learned from annotated mentions
NAME_CONNECTORS = {"of", "the", "and", "for", "de", "da", "do", "das", "dos", "на", "и", "за", "по"}
DESCRIPTION = "DESCRIPTION"  # the label of a mention that describes a person ("the French president")


class EntityAnalyzer(Analyzer):
    name = "entities"
    requires = ("language",)
    assigns = ("entities",)

    def __init__(self, lexicons: dict[str, LexiconNER] | None = None, model_ner: bool | Collection[str] = True,
                 canonicalizer: Canonicalizer | None = None):
        """`model_ner`: True for the default statistical NER models (`ner.DEFAULT_MODEL_LANGS`), False
        for none, or the languages whose model to run, e.g. {"en", "ru"}."""
        self.lexicons = lexicons or {}
        self.model_ner = model_ner
        self.canonicalizer = canonicalizer or Canonicalizer()

    @classmethod
    def load_default(cls) -> EntityAnalyzer:
        chosen = os.environ.get("NARRASCOPE_NER_MODELS")  # e.g. "en,ru"; "" for none
        model_ner = True if chosen is None else {x.strip() for x in chosen.split(",") if x.strip()}
        canonicalizer = Canonicalizer.load(ALIASES)
        if not LEXICON.exists():
            log.warning("%s missing: entities are found by NER and capitalisation only", LEXICON)
            return cls(model_ner=model_ner, canonicalizer=canonicalizer)
        return cls(load_lexicons(LEXICON), model_ner=model_ner, canonicalizer=canonicalizer)

    def process_batch(self, batch: list[Analysis]) -> list[Analysis]:
        by_lang: dict[str, list[Analysis]] = {}
        for a in batch:
            lang = (a.language or a.document.lang or "").lower()
            given = a.document.meta.get("mentions")
            if given is not None:
                a.entities = given_entities(a, given, self.canonicalizer, lang)
            else:
                by_lang.setdefault(lang, []).append(a)
        for lang, items in by_lang.items():
            finder = finder_for(lang, self.lexicons, model_ner=self.model_ner)
            for a, spans in zip(items, finder.find([a.document.text for a in items]), strict=True):
                text = a.document.text
                body = BodyFilter(text)
                spans = article_names(text, spans, lang, body, self.lexicons.get(lang), self.canonicalizer)
                a.entities = group_mentions(text, spans, lang, self.canonicalizer, body.in_body)
        return batch


def article_names(text: str, spans: list[Span], lang: str, body: BodyFilter, lexicon: LexiconNER | None,
                  canonicalizer: Canonicalizer) -> list[Span]:
    """The found spans that name something in the article's own voice: in its body, not inside a link or a
    handle, and not capitalised words the article also writes in lower case ("Climate Change" beside "climate
    change") nor Russian words that are no name ("Улетая", `russian.no_name_word`), unless the alias table or
    the gazetteer knows them as a name."""
    known = lexicon.surface if lexicon is not None else {}
    # a word of a longer name of the article is a name ("Боля" after "Василий Боля", though read as a gerund)
    name_words = {w.lower() for sp in spans for w in text[sp.start : sp.end].split()[1:]} if lang == "ru" else set()
    out = []
    for sp in spans:
        if not body.may_name(sp.start, sp.end):
            continue
        surface = " ".join(text[sp.start : sp.end].split())
        no_name = written_in_lower_case(text, sp.start, sp.end) or (
            lang == "ru" and " " not in surface and surface.lower() not in name_words and no_name_word(surface))
        if no_name and surface.lower() not in known and canonicalizer.alias(lang, surface) is None:
            continue
        out.append(sp)
    return out


def given_entities(a: Analysis, given: list[Any], canonicalizer: Canonicalizer | None = None,
                   lang: str = "") -> list[Entity]:
    """Entities from given mentions: dicts with start/end (end exclusive) or (start, end) pairs."""
    text = a.document.text
    canonicalizer = canonicalizer or Canonicalizer()
    out = []
    for item in given:
        start, end = (item["start"], item["end"]) if isinstance(item, dict) else item
        start, end = max(0, min(int(start), len(text))), max(0, min(int(end), len(text)))
        surface = item.get("text") if isinstance(item, dict) and item.get("text") else text[start:end]
        out.append(Entity(name=canonicalizer.canonical(lang, surface) or surface, type="GIVEN",
                          mentions=[Span(start, max(start, end), "GIVEN")], surface_forms=[surface]))
    return out


@dataclass(slots=True)
class _Group:
    key: tuple[str, ...]  # the words of its name's key
    canonical: str
    spans: list[Span] = field(default_factory=list)


def _initials(words: tuple[str, ...], surface: str) -> str:
    capitals = [w for w in surface.split() if w[:1].isupper() and w.lower() not in NAME_CONNECTORS]
    return "".join(w[0] for w in capitals).lower() if len(capitals) == len(
        [w for w in words if w not in NAME_CONNECTORS]) else ""


def group_mentions(text: str, spans: list[Span], lang: str | None = None,
                   canonicalizer: Canonicalizer | None = None,
                   in_body: Callable[[int, int], bool] | None = None) -> list[Entity]:
    """Group one document's mention spans into entities (see the module docstring). `in_body`: whether a
    stretch of the text is the article's own (descriptions outside it join no one)."""
    canonicalizer = canonicalizer or Canonicalizer()
    lang = (lang or "").lower()
    spans = [_without_title(sp, text, lang) for sp in spans]
    groups: list[_Group] = []
    by_name: dict[str, _Group] = {}
    deferred: list[tuple[Span, tuple[str, ...], str, str]] = []
    # Longest names first, so that short forms can attach to the full names seen in the document.
    for sp in sorted(spans, key=lambda s: -(s.end - s.start)):
        surface = " ".join(text[sp.start : sp.end].split())
        head, short = _bracketed(surface) or (surface, None)
        short = short if short and _names_alike(head, short) else None  # "Макеевки (ЛНР)" qualifies a place
        key = tuple(canonicalizer.key(lang, head).split())
        if not key:
            continue
        # "Organização do Tratado do Atlântico Norte (NATO)": named as the table knows the short form, else the head
        name = (short and canonicalizer.alias(lang, short)) or canonicalizer.canonical(lang, head)
        group = by_name.get(name.lower()) or _attach(key, surface, groups, text, canonicalizer.alias(lang, surface))
        if (group is None and (untitled := canonicalizer.after_titles(lang, surface)) != surface
                and canonicalizer.without_title(lang, surface) == surface):
            # A title the name alone could not shed ("presidente Zelenskyy"): try again once every full name
            # of the article has its group.
            deferred.append((sp, key, name, untitled))
            continue
        group = _add(sp, key, name, group, groups, by_name)
        if short:  # the short form alone elsewhere in the article ("FSB") is this entity too
            by_name.setdefault(canonicalizer.canonical(lang, short).lower(), group)
    for sp, key, name, untitled in deferred:
        group = by_name.get(canonicalizer.canonical(lang, untitled).lower()) or _attach(
            tuple(canonicalizer.key(lang, untitled).split()), untitled, groups, text)
        _add(sp, key, name, group, groups, by_name)
    groups = _merge_spellings(groups, text)
    if lang == "ru":
        groups = _merge_inflections(groups, text)
    groups = _merge_spelled_out(groups, text, lang, canonicalizer)
    groups = _join_descriptions(groups, text, lang, in_body)
    entities = []
    for g in groups:
        mentions = sorted(g.spans, key=lambda s: s.start)
        types = Counter(s.label for s in mentions if s.label and s.label not in ("NAME", DESCRIPTION))
        forms = Counter(" ".join(text[s.start : s.end].split()) for s in mentions if s.label != DESCRIPTION)
        entities.append(Entity(
            name=_as_written(g.canonical, forms),
            type=types.most_common(1)[0][0] if types else "NAME",
            mentions=[Span(s.start, s.end, s.label) for s in mentions],
            surface_forms=sorted(forms, key=lambda f: (-forms[f], f)),
        ))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


def _as_written(name: str, forms: Counter) -> str:
    """A name in capitals ("RUSSIA" of a tabloid's opening words) as the article mostly writes it ("Russia"):
    an acronym is written in capitals every time or most times ("NATO"; "NASA" three times beside one "Nasa")."""
    if not (name.isupper() and len(name) > 1):
        return name
    same = [f for f in forms if f.lower() == name.lower()]
    lower = [f for f in same if not f.isupper()]
    if lower and sum(forms[f] for f in lower) >= sum(forms[f] for f in same if f.isupper()):
        return max(lower, key=lambda f: forms[f])
    return name


_BRACKETED = re.compile(r"(.*?\S)\s*\(\s*([^()\s][^()]{0,11}?)\s*\)")


def _bracketed(surface: str) -> tuple[str, str] | None:
    """(name, short form) of a found name that closes with its short form in brackets ("Европейския съюз
    (ЕС)", "उत्तरी अटलांटिक संधि संगठन (नाटो)"), else None."""
    m = _BRACKETED.fullmatch(surface)
    return (m.group(1), m.group(2)) if m else None


def _names_alike(name: str, short: str) -> bool:
    """Whether a bracket after a name holds the name's short form: an acronym after a name of two words or
    more (`Organização do Tratado do Atlântico Norte (NATO)`, `संघीय सुरक्षा सेवा (FSB)`), or one it spells
    out; after one word it is more often a qualifier (`Макеевки (ЛНР)`, `Украины (СБУ)`)."""
    long_name = len([w for w in name.split() if w.lower() not in NAME_CONNECTORS]) >= 2
    acronym = " " not in short and sum(c.isalpha() for c in short) >= 2 and not any(c.islower() for c in short)
    return (long_name and acronym) or _spells_out(name, short)  # Devanagari has no case: `नाटो` is an acronym


def _spells_out(name: str, short: str) -> bool:
    """Whether `short` is the acronym of `name` (`ВСУ` of `Вооруженных сил Украины`, `EUA` of `Estados Unidos
    da América`) or the same name in another script (`ATACMS`, `АТАКМС`)."""
    words = [w for w in name.split() if w.lower() not in NAME_CONNECTORS and w[:1].isalpha()]
    letters = "".join(c for c in short if c.isalnum())
    if short.isupper() and len(letters) >= 2 and "".join(w[0] for w in words).lower() == letters.lower():
        return True
    return (" " not in name and _script(name) != _script(short) and len(name) == len(short)
            and skeleton(name) == skeleton(short))


def _script(word: str) -> str:
    return "latin" if word.isascii() else "other"


def _merge_spelled_out(groups: list[_Group], text: str, lang: str, canonicalizer: Canonicalizer) -> list[_Group]:
    """A name and the acronym that follows it in brackets ("Вооруженных сил Украины (ВСУ)") are one entity,
    named as the alias table knows either (the acronym first), when the acronym spells the name out; a
    bracket after a name may hold anything else ("ООН (IPCC)", "ДПА (Германия)")."""
    owner = {(s.start, s.end): g for g in groups for s in g.spans}
    merged: dict[int, _Group] = {}  # id of a group -> the group it joined
    for g in groups:
        for s in list(g.spans):
            m = re.match(r"\s*\(\s*", text[s.end : s.end + 4])
            if m is None:
                continue
            start = s.end + m.end()
            other = next((o for (a, b), o in owner.items() if a == start and text[b : b + 1] == ")"), None)
            while other is not None and id(other) in merged:
                other = merged[id(other)]
            target = g
            while id(target) in merged:
                target = merged[id(target)]
            if other is None or other is target:
                continue
            short = " ".join(text[start : next(b for (a, b), o in owner.items() if a == start)].split())
            if not _spells_out(" ".join(text[s.start : s.end].split()), short):
                continue
            target.canonical = canonicalizer.alias(lang, short) or target.canonical
            target.spans.extend(other.spans)
            merged[id(other)] = target
    return [g for g in groups if id(g) not in merged]


def _without_title(sp: Span, text: str, lang: str) -> Span:
    """The span without the office title it opens with ("Russian President Vladimir Putin", "President of
    Ukraine Volodymyr Zelensky", "Президент Владимир Путин": `descriptions.title_length`) or the country
    that closes a title before it (`Русия Владимир Путин` of "президента на Русия Владимир Путин"), as
    annotators mark names; the title is kept as the office the article gives that person."""
    cut = (descriptions.title_length(text[sp.start : sp.end], lang)
           or descriptions.country_of_title(text, sp.start, sp.end, lang))
    return Span(sp.start + cut, sp.end, sp.label, sp.score) if cut else sp


def _join_descriptions(groups: list[_Group], text: str, lang: str,
                       in_body: Callable[[int, int], bool] | None) -> list[_Group]:
    """Descriptions of a person ("the French president", "रूसी राष्ट्रपति") become mentions of the person
    they clearly stand for (`descriptions.join`); a group that is such a description only joins them."""
    persons = [i for i, g in enumerate(groups) if _person_like(g, text)]
    added, merged, fragments = descriptions.join(text, lang, [[(s.start, s.end) for s in g.spans] for g in groups],
                                                 [g.canonical for g in groups], persons, in_body)
    for i, start, end in added:
        groups[i].spans.append(Span(start, end, DESCRIPTION))
    for i, target in merged.items():
        groups[target].spans.extend(Span(s.start, s.end, DESCRIPTION) for s in groups[i].spans)
    for g in groups:  # "Negócios Estrangeiros" of "o ministro dos Negócios Estrangeiros": an office's words
        g.spans = [s for s in g.spans if (s.start, s.end) not in fragments]
    return [g for i, g in enumerate(groups) if i not in merged and g.spans]


def _add(sp: Span, key: tuple[str, ...], name: str, group: _Group | None, groups: list[_Group],
         by_name: dict[str, _Group]) -> _Group:
    """Put the mention in `group`, or in the group of its canonical name, or in a new group (returned)."""
    group = group or by_name.get(name.lower())
    if group is None:
        group = _Group(key, name)
        groups.append(group)
    by_name.setdefault(name.lower(), group)
    group.spans.append(sp)
    return group


def _spelling(g: _Group, text: str) -> str | None:
    """How a person's full name sounds (`translit.skeleton`), the same for its spellings ("Alexander Dugin",
    "Aleksandr Dugin"; "Volodymyr Zelensky", "Vladimir Zelensky", "व्लादिमिर जेलेंस्की"); None for other names."""
    return skeleton(g.canonical) if " " in g.canonical and _person_like(g, text) else None


def _merge_spellings(groups: list[_Group], text: str) -> list[_Group]:
    """One group per person of the article however its full name is spelled; the name written most often
    (the first found on a tie) names it."""
    sounds = [_spelling(g, text) for g in groups]
    by_sound: dict[str, list[_Group]] = {}
    for g, sound in zip(groups, sounds, strict=True):
        if sound:
            by_sound.setdefault(sound, []).append(g)
    if all(len(same) == 1 for same in by_sound.values()):
        return groups  # most articles: no name spelled two ways
    out = []
    for g, sound in zip(groups, sounds, strict=True):
        same = by_sound.get(sound, [g]) if sound else [g]
        if same[0] is not g and g in same:
            continue  # merged into the first of its spellings below
        if len(same) > 1:
            g = _Group(g.key, max(same, key=lambda x: len(x.spans)).canonical, [sp for x in same for sp in x.spans])
        out.append(g)
    return out


def _surfaces(g: _Group, text: str) -> set[str]:
    return {" ".join(text[s.start : s.end].split()) for s in g.spans}


def _merge_inflections(groups: list[_Group], text: str) -> list[_Group]:
    """A one-word Russian name and the one-word groups of the article that are only its other cases ("Орбан"
    with "Орбана" and "Орбаном", `canonical.RU_CASE_ENDINGS`) are one entity, named as the uninflected one
    is: the dictionary's guesses for unknown surnames made them two entities of one article."""
    base: dict[str, _Group] = {}
    for g in groups:
        forms = _surfaces(g, text)
        for w in forms:
            if " " not in w and w[:1].isupper() and len(w) >= 4 and w[-1].lower() in RU_CONSONANTS:
                base.setdefault(w, g)
    if not base:
        return groups
    out, merged = [], {}
    for g in groups:
        forms = _surfaces(g, text)
        owners = {id(o): o for w in forms for e in RU_CASE_ENDINGS
                  if w.endswith(e) and (o := base.get(w[: -len(e)])) is not None and o is not g}
        if len(owners) == 1 and all(" " not in w for w in forms):
            target = next(iter(owners.values()))
            if all(any(w == f + e for f in _surfaces(target, text) for e in RU_CASE_ENDINGS) for w in forms):
                merged.setdefault(id(target), []).extend(g.spans)
                continue
        out.append(g)
    for g in out:
        g.spans.extend(merged.get(id(g), []))
    return out


def _attach(key: tuple[str, ...], surface: str, groups: list[_Group], text: str,
            alias: str | None = None) -> _Group | None:
    """The longer group of the article this shorter mention refers to, if exactly one fits (spellings of one
    person's full name count as one). `alias`: the mention's canonical name where the alias table knows it."""
    fits = []
    for g in groups:
        if (len(g.key) > len(key) and g.key[-len(key) :] == key and _person_like(g, text)
                and g.key[-len(key) - 1] not in NAME_CONNECTORS and _alias_fits(alias, g)):
            fits.append(g)  # "Macron" ends "Emmanuel Macron"
        elif len(key) == 1 and surface.isupper() and len(surface) >= 2 and any(
            _initials(g.key, " ".join(text[s.start : s.end].split())) == key[0] for s in g.spans[:1]
        ):
            fits.append(g)  # "NOAA" spells "National Oceanic and Atmospheric Administration"
    if len(fits) > 1 and len({_spelling(g, text) for g in fits}) == 1 and _spelling(fits[0], text):
        return max(fits, key=lambda g: len(g.spans))  # "Dugin" of "Alexander Dugin" and "Aleksandr Dugin"
    return fits[0] if len(fits) == 1 else None


def _alias_fits(alias: str | None, g: _Group) -> bool:
    """Whether a short mention the alias table knows may stand for the longer name `g`: its canonical name
    is a full name that ends as `g`'s does ("Putin" is Vladimir Putin, as is "Vladimir Vladimirovich Putin"
    or "व्लादिमीर पुतिन"), not a name of its own ("Ukraine" is not "Western Ukraine", "NATO" not "NATO
    Secretary")."""
    if alias is None:
        return True
    words, full = skeleton(alias).split(), skeleton(g.canonical).split()
    return len(words) > 1 and bool(full) and words[-1] == full[-1]


def _person_like(g: _Group, text: str) -> bool:
    """Two to four capitalised words (any words in uncased scripts): a name whose last word can stand
    alone, as a surname does."""
    words = text[g.spans[0].start : g.spans[0].end].split()
    return 2 <= len(words) <= 4 and all(
        not is_cased(w) or w[:1].isupper() or w.lower() in NAME_CONNECTORS for w in words
    )
