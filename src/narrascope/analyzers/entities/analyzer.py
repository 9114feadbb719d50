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
from typing import Any

from narrascope.analyzers.artifacts import model_dir
from narrascope.analyzers.base import Analyzer
from narrascope.analyzers.entities import descriptions
from narrascope.analyzers.entities.adjectives import adjective_phrase_end
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.merging import (
    Group,
    attach_short,
    bracketed,
    merge_first_names,
    merge_inflections,
    merge_spelled_out,
    merge_spellings,
    names_alike,
    person_like,
)
from narrascope.analyzers.entities.noun_capitals import noun_language_names
from narrascope.analyzers.entities.places import without_place
from narrascope.analyzers.entities.portfolios import without_portfolio
from narrascope.analyzers.entities.russian import no_name_word
from narrascope.document import Analysis, Entity, Span
from narrascope.nlp.furniture import BodyFilter
from narrascope.nlp.names import is_cased, written_in_lower_case
from narrascope.nlp.ner import LexiconNER, finder_for, load_lexicons
from narrascope.nlp.quotation import with_closing_marks

log = logging.getLogger(__name__)

LEXICON = model_dir("entities") / "lexicon.json"  # names learned from annotated mentions
ALIASES = model_dir("entities") / "aliases.json"  # canonical names learned from annotated mentions
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
    the gazetteer knows them as a name; a lone adjective takes its noun (`adjectives`: "Международния съд"); a
    place run into a person's name and two names the alias table knows apart are split (`_without_place`), and
    a Portuguese office's portfolio is no name (`portfolios`: "o secretário de Estado Anthony Blinken")."""
    known = lexicon.surface if lexicon is not None else {}
    spans = noun_language_names(text, spans, lang, canonicalizer)  # German capitalises every noun
    # a word of a longer name of the article is a name ("Боля" after "Василий Боля", though read as a gerund)
    name_words = {w.lower() for sp in spans for w in text[sp.start : sp.end].split()[1:]} if lang == "ru" else set()
    out = []
    for sp in spans:
        if not body.may_name(sp.start, sp.end):
            continue
        sp = _marks_paired(text, sp)
        if sp is None:
            continue
        surface = " ".join(text[sp.start : sp.end].split())
        no_name = written_in_lower_case(text, sp.start, sp.end) or (
            lang == "ru" and " " not in surface and surface.lower() not in name_words and no_name_word(surface))
        unknown = surface.lower() not in known and canonicalizer.alias(lang, surface) is None
        phrase_end = adjective_phrase_end(text, sp.start, sp.end, lang) if " " not in surface else None
        if unknown and (no_name or phrase_end == sp.start):
            continue
        sp = Span(sp.start, phrase_end, sp.label, sp.score) if phrase_end and unknown else sp
        out.extend(piece for run in _script_runs(text, sp, lang) for named in without_portfolio(text, run, lang)
                   for part in without_place(text, named, lang, lexicon, canonicalizer)
                   for piece in _two_names(text, part, lang, canonicalizer))
    return out


def _marks_paired(text: str, sp: Span) -> Span | None:
    """The span as the article writes the name, its marks paired: with the bracket an editor completed the name
    with ("[Ivo] Marev", where the gazetteer's words matched across it, had been "Ivo] Marev"), but not from inside a
    longer one ("[the Valdorian president, Ivo] Marev" is "Marev"); and with the mark that closes a quote it opens
    ("группировки «Север»", not "группировки «Север", as annotators often leave it)."""
    start, end = sp.start, sp.end
    cut = text.rfind("]", start, end)
    if cut >= 0 and "[" not in text[start:cut] and text[start - 1 : start] == "[":
        start -= 1
    elif cut >= 0 and "[" not in text[start:cut]:
        start = cut + 1
        while start < end and not text[start].isalnum():
            start += 1
        if start >= end:
            return None
    start, end = with_closing_marks(text, start, end)
    return sp if (start, end) == (sp.start, sp.end) else Span(start, end, sp.label, sp.score)


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z.'’&-]*")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff][\u0400-\u04ff.'’-]*")
_ROMAN = re.compile(r"[IVXLC]+")  # "Карл XII", "Петра I": a numeral of the name, not a word of another script


def _script_runs(text: str, sp: Span, lang: str) -> list[Span]:
    """A Bulgarian or Russian span whose words change script is one name per run of a script: an outlet or
    body in Latin letters run into the person after it ("анализаторът на Valdor Review Иван Петров",
    "Norvale Trust Fund Мария Орлова"), or a person into a Latin name. Not a bracket's expansion
    ("ISW (Институт изучения войны)") and not a word that mixes both ("YouTube-канала")."""
    surface = text[sp.start : sp.end]
    if lang not in ("bg", "ru") or "(" in surface:
        return [sp]
    words = list(re.finditer(r"\S+", surface))
    scripts = []
    for w in words:
        word = w.group().strip(".,;:!?\"“”«»„")
        if _ROMAN.fullmatch(word):
            scripts.append(None)  # of either script
        elif _LATIN_WORD.fullmatch(word):
            scripts.append("latin")
        elif _CYRILLIC_WORD.fullmatch(word):
            scripts.append("cyrillic")
        else:
            return [sp]  # digits, a mixed word: leave the span as found
    runs: list[list[re.Match]] = []
    last = None
    for w, script in zip(words, scripts, strict=True):
        if runs and (script is None or last is None or script == last):
            runs[-1].append(w)
            last = last or script
        else:
            runs.append([w])
            last = script
    if len(runs) < 2:
        return [sp]
    return [Span(sp.start + r[0].start(), sp.start + r[-1].end(), sp.label, sp.score) for r in runs]


def _two_names(text: str, sp: Span, lang: str, canonicalizer: Canonicalizer) -> list[Span]:
    """Two words that the alias table knows as two different entities are two mentions ("Според Зеленски
    Путин е потвърдил", according to Zelensky Putin confirmed: `Зеленски`, `Путин`), not one name."""
    words = list(re.finditer(r"\S+", text[sp.start : sp.end]))
    if len(words) != 2 or not is_cased(words[0].group()):  # uncased scripts write compounds so: "पश्चिम एशिया"
        return [sp]
    names = [canonicalizer.alias(lang, w.group()) for w in words]
    if None in names or names[0] == names[1] or canonicalizer.alias(lang, text[sp.start : sp.end]) is not None:
        return [sp]
    return [Span(sp.start + w.start(), sp.start + w.end(), sp.label, sp.score) for w in words]


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


def group_mentions(text: str, spans: list[Span], lang: str | None = None,
                   canonicalizer: Canonicalizer | None = None,
                   in_body: Callable[[int, int], bool] | None = None) -> list[Entity]:
    """Group one document's mention spans into entities (see the module docstring). `in_body`: whether a
    stretch of the text is the article's own (descriptions outside it join no one)."""
    canonicalizer = canonicalizer or Canonicalizer()
    lang = (lang or "").lower()
    spans = [_without_title(sp, text, lang) for sp in spans]
    groups: list[Group] = []
    by_name: dict[str, Group] = {}
    deferred: list[tuple[Span, tuple[str, ...], str, str]] = []
    # Longest names first, so that short forms can attach to the full names seen in the document.
    for sp in sorted(spans, key=lambda s: -(s.end - s.start)):
        surface = " ".join(text[sp.start : sp.end].split())
        head, short = bracketed(surface) or (surface, None)
        short = short if short and names_alike(head, short) else None  # "Макеевки (ЛНР)" qualifies a place
        key = tuple(canonicalizer.key(lang, head).split())
        if not key:
            continue
        # "Organização do Tratado do Atlântico Norte (NATO)": named as the table knows the short form, else the head
        name = (short and canonicalizer.alias(lang, short)) or canonicalizer.canonical(lang, head)
        # by its name, or in Russian by its key, where two numbers of one name are shown apart ("украинские
        # власти" and "украинскую власть", one key in the singular)
        group = (by_name.get(name.lower()) or (by_name.get(_KEYED + " ".join(key)) if lang == "ru" else None)
                 or attach_short(key, surface, groups, text, canonicalizer.alias(lang, surface),
                                 own_name=canonicalizer.is_canonical_name(name),
                                 before=(text[max(0, sp.start - 40) : sp.start].split() or [""])[-1]))
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
        group = by_name.get(canonicalizer.canonical(lang, untitled).lower()) or attach_short(
            tuple(canonicalizer.key(lang, untitled).split()), untitled, groups, text)
        _add(sp, key, name, group, groups, by_name)
    groups = merge_first_names(merge_spellings(groups, text), text, canonicalizer.is_canonical_name)
    if lang == "ru":
        groups = merge_inflections(groups, text)
    groups = merge_spelled_out(groups, text, lang, canonicalizer)
    groups = _join_descriptions(groups, text, lang, in_body)
    entities = []
    for g in groups:
        mentions = sorted(g.spans, key=lambda s: s.start)
        types = Counter(s.label for s in mentions if s.label and s.label not in ("NAME", DESCRIPTION))
        forms = Counter(" ".join(text[s.start : s.end].split()) for s in mentions if s.label != DESCRIPTION)
        # the alias table's own name stays ("NATO", however the article writes it); else as mostly written
        name = g.canonical if canonicalizer.is_canonical_name(g.canonical) else _as_written(g.canonical, forms)
        named = [sp for sp in mentions if sp.label != DESCRIPTION]
        # one word, as in English, so that an outlet has one name in every language ("Washington Post")
        if " " not in name and not canonicalizer.is_canonical_name(name) and (
                (lang == "en" and _titled_by_the(text, named))
                # no other language has a "The": before a Latin name it is the name's ("според The Hill")
                or (lang not in ("en", "") and name.isascii() and _after_the(text, named))):
            name = f"The {name}"  # "told The Hill", "in The Hague": the article is part of the name
        entities.append(Entity(
            name=name,
            type=types.most_common(1)[0][0] if types else "NAME",
            mentions=[Span(s.start, s.end, s.label) for s in mentions],
            surface_forms=sorted(forms, key=lambda f: (-forms[f], f)),
        ))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“]\s*)$")


def _after_the(text: str, mentions: list[Span]) -> bool:
    return bool(mentions) and all(text[max(sp.start - 4, 0) : sp.start] == "The " for sp in mentions)


def _titled_by_the(text: str, mentions: list[Span]) -> bool:
    """Every mention follows a capitalised "The", and one of them inside a sentence, where only a name
    capitalises it ("told The Hill"; a sentence's own "The Hill reported" alone cannot tell)."""
    if not _after_the(text, mentions):
        return False
    return any(not _SENTENCE_START.search(text, max(sp.start - 8, 0), sp.start - 4) for sp in mentions)


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


def _without_title(sp: Span, text: str, lang: str) -> Span:
    """The span without the office title it opens with ("Russian President Vladimir Putin", "President of
    Ukraine Volodymyr Zelensky", "Президент Владимир Путин": `descriptions.title_length`) or the country
    that closes a title before it (`Русия Владимир Путин` of "президента на Русия Владимир Путин"), as
    annotators mark names; the title is kept as the office the article gives that person."""
    cut = (descriptions.title_length(text[sp.start : sp.end], lang)
           or descriptions.country_of_title(text, sp.start, sp.end, lang))
    return Span(sp.start + cut, sp.end, sp.label, sp.score) if cut else sp


def _join_descriptions(groups: list[Group], text: str, lang: str,
                       in_body: Callable[[int, int], bool] | None) -> list[Group]:
    """Descriptions of a person ("the French president", "रूसी राष्ट्रपति") become mentions of the person
    they clearly stand for (`descriptions.join`); a group that is such a description only joins them."""
    persons = [i for i, g in enumerate(groups) if person_like(g, text)]
    added, merged, fragments = descriptions.join(text, lang, [[(s.start, s.end) for s in g.spans] for g in groups],
                                                 [g.canonical for g in groups], persons, in_body)
    for i, start, end in added:
        groups[i].spans.append(Span(start, end, DESCRIPTION))
    for i, target in merged.items():
        groups[target].spans.extend(Span(s.start, s.end, DESCRIPTION) for s in groups[i].spans)
    for g in groups:  # "Negócios Estrangeiros" of "o ministro dos Negócios Estrangeiros": an office's words
        g.spans = [s for s in g.spans if (s.start, s.end) not in fragments]
    return [g for i, g in enumerate(groups) if i not in merged and g.spans]


_KEYED = "\x00"  # marks an entry of `by_name` that is a key, not a name


def _add(sp: Span, key: tuple[str, ...], name: str, group: Group | None, groups: list[Group],
         by_name: dict[str, Group]) -> Group:
    """Put the mention in `group`, or in the group of its canonical name, or in a new group (returned)."""
    group = group or by_name.get(name.lower())
    if group is None:
        group = Group(key, name)
        groups.append(group)
    by_name.setdefault(name.lower(), group)
    by_name.setdefault(_KEYED + " ".join(key), group)
    group.spans.append(sp)
    return group
