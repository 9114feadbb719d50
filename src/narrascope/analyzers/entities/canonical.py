"""One name per entity: lemmatised name keys, and the multilingual alias table that maps them to a
canonical name (`Россию`, `Русия`, `Russia` -> Russia).

A mention's *key* is its words in lower case, without leading articles or prepositions, each in its
dictionary form where the language inflects names:

- Russian: the lemma from natasha's morphology (pymorphy dictionaries; `russian.py`): `Путина` -> `путин`,
  `Европейского союза` -> `европейский союз`; a word that is already a nominative form stays (`Песков`);
- Bulgarian: the definite article is cut (`Украйната` -> `украйна`, `Западът` -> `запад`,
  `Европейският` -> `европейски`); the short article `-а`/`-я` only where the form without it is a known
  name word (`Кремъла` -> `кремъл`, but `Москва` stays);
- English: no "the", no possessive, no dots in abbreviations (`the U.S.` -> `us`);
- Portuguese and Hindi: the words as written, in lower case.

A title or office before a name is not part of it (`President Volodymyr Zelensky`, `राष्ट्रपति पुतिन`,
`presidente Vladimir Putin` are the person): leading title words (learned per language from the
annotated mentions, `aliases.learn_titles`) are cut before the key is made, when what follows reads as a
name (two capitalised words, or a name of the alias table: `Biden`, `पुतिन`). The titled form stays a surface form.

The alias table (`models/entities/aliases.json`, learned from the training mentions by
`entities.aliases.learn_aliases`) maps `(language, key)` to a canonical name; a key without an alias is
named by its own dictionary form, written as the article capitalises it (`Российская Федерация`).
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from narrascope.analyzers.entities.russian import russian_phrase
from narrascope.nlp.bulgarian_institutions import PREPOSITIONS, SHORT_ARTICLE_HEADS
from narrascope.nlp.names import CONNECTORS, FUNCTION_WORDS, is_cased, without_joiners
from narrascope.nlp.text import WORD_PATTERN

log = logging.getLogger(__name__)

_WORD = re.compile(WORD_PATTERN + r"(?:[.'’-]" + WORD_PATTERN + r")*\.?")
MAX_TITLE_WORDS = 4  # words before a name that may hold its title ("New York City Mayor")
# Endings of a Russian masculine name ending in a consonant, out of the nominative ("Орбан" -> "Орбана",
# "Орбану", "Орбаном", "Орбане"): the dictionary does not know most foreign surnames and guesses other
# nominatives for them ("Орбана" as a feminine noun).
RU_CASE_ENDINGS = ("ом", "ем", "а", "у", "е")
RU_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
# Languages not written in Latin letters: a name in Latin letters in their articles ("Putin", "President
# Putin" in a Hindi article) is read as an English name, by the English rules and alias table, and English
# office words before a name count as titles there ("PM मोदी").
NON_LATIN_LANGUAGES = frozenset({"bg", "ru", "hi"})
_LATIN_ONLY = re.compile(r"^[^\u0400-\u04FF\u0900-\u097F]*[A-Za-z][^\u0400-\u04FF\u0900-\u097F]*$")
# Bulgarian definite articles, longest first: (ending, what replaces it).
_BG_ARTICLES = (("ският", "ски"), ("ския", "ски"), ("ските", "ски"), ("ската", "ска"), ("ското", "ско"),
                ("ият", "и"), ("ът", ""), ("ят", ""), ("ията", "ия"), ("ата", "а"), ("ята", "я"),
                ("ото", "о"), ("ето", "е"), ("ите", "и"), ("ете", "е"))


def bulgarian_base(word: str, known: frozenset[str] = frozenset()) -> str:
    """A Bulgarian word without its definite article (lower case)."""
    w = word.lower()
    if len(w) < 5 or not re.search("[а-я]", w):
        return w
    for ending, replacement in _BG_ARTICLES:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)] + replacement
    if w[-1] in "ая" and (w[:-1] in known or w[:-1] in SHORT_ARTICLE_HEADS):  # the short article: "Кремъла", "Запада"
        return w[:-1]
    return w


def name_words(text: str) -> list[str]:
    return _WORD.findall(text)


def key_words(lang: str, text: str, known: frozenset[str] = frozenset(), shown: bool = False) -> list[str]:
    """The words of a name's key (see the module docstring); `shown`: as the name is shown, where that
    differs from its key (a Russian woman's surname)."""
    lang = (lang or "").lower()
    words = name_words(text)
    function = FUNCTION_WORDS.get(lang, set())
    while len(words) > 1 and words[0].lower() in function:
        words = words[1:]
    if lang == "en":
        words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
        return [w.lower().replace(".", "") for w in words if w.strip(".")]
    if lang == "ru":
        return russian_phrase([w.rstrip(".") for w in words], shown=shown)
    if lang == "bg":
        return [bulgarian_base(w.rstrip("."), known) for w in words]
    return [without_joiners(w.lower()).rstrip(".") for w in words]


def display_form(surface: str, lemmas: list[str]) -> str:
    """The dictionary form written as the article writes the name: capitals where it has them, in each part
    of a hyphenated name too ("Жан-Пьера" -> "Жан-Пьер", not "Жан-пьер")."""
    words = name_words(surface)
    out = []
    for i, lemma in enumerate(lemmas):
        w = words[i + len(words) - len(lemmas)] if len(words) >= len(lemmas) else ""
        parts, lemma_parts = w.split("-"), lemma.split("-")
        if len(parts) > 1 and len(parts) == len(lemma_parts):
            out.append("-".join(_cased(p, q) for p, q in zip(parts, lemma_parts, strict=True)))
        else:
            out.append(_cased(w, lemma))
    return " ".join(out)


def _complement_as_written(name: str, shown: str) -> str:
    """A Bulgarian name whose head takes a complement ("Министерството на отбраната") in the head's base form
    and the complement as written: the definite article of a complement's noun is no inflection to undo
    ("на климата", not "на клима")."""
    words, out = name.split(), shown.split()
    if len(words) == len(out):
        for i, w in enumerate(words[1:], 1):
            if w in PREPOSITIONS:
                return " ".join(out[:i] + words[i:])
    return shown


def _cased(written: str, lemma: str) -> str:
    if written.lower() == lemma:  # the form is the dictionary's ("БпЛА" stays as written)
        return written
    if written.isupper() and len(written) > 1:
        return lemma.upper()
    if written[:1].isupper():
        return lemma[:1].upper() + lemma[1:]
    return lemma


class Canonicalizer:
    """Keys and canonical names of mentions, per language (see the module docstring)."""

    def __init__(self, aliases: dict[str, dict[str, str]] | None = None,
                 known: dict[str, frozenset[str]] | None = None,
                 titles: dict[str, frozenset[str]] | None = None,
                 casing: dict[str, dict[str, str]] | None = None):
        self.aliases = {lang.lower(): dict(table) for lang, table in (aliases or {}).items()}
        # per language, key -> how to write a name the alias table does not know, where the training articles
        # write it in several casings ("NATO", not "Nato": `found_names.one_casing`); it names, it joins nothing
        self.casing = {lang.lower(): dict(table) for lang, table in (casing or {}).items()}
        self.known = known or {}  # per language: name words in their base form (Bulgarian short articles)
        self.titles = {lang.lower(): frozenset(words) for lang, words in (titles or {}).items()}
        self._canonical_names: dict[str, frozenset[str]] = {}
        self._cache: dict[tuple[str, str], tuple[str, str]] = {}

    @classmethod
    def load(cls, path: str | Path) -> Canonicalizer:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            log.warning("%s missing: entities are named as written", path)
            return cls()
        return cls(data.get("aliases", {}), {k: frozenset(v) for k, v in data.get("known_words", {}).items()},
                   data.get("titles", {}), data.get("casing", {}))

    def to_json(self) -> dict:
        return {"format": 1, "aliases": {lang: dict(sorted(t.items())) for lang, t in sorted(self.aliases.items())},
                "known_words": {lang: sorted(words) for lang, words in sorted(self.known.items())},
                "titles": {lang: sorted(words) for lang, words in sorted(self.titles.items())},
                "casing": {lang: dict(sorted(t.items())) for lang, t in sorted(self.casing.items())}}

    def _reading(self, lang: str, surface: str) -> str:
        """The language whose rules read `surface`: English for a name in Latin letters in an article of a
        language written otherwise (`NON_LATIN_LANGUAGES`)."""
        lang = (lang or "").lower()
        return "en" if lang in NON_LATIN_LANGUAGES and _LATIN_ONLY.match(surface) else lang

    def _titles(self, lang: str) -> frozenset[str]:
        titles = self.titles.get(lang, frozenset())
        return titles | self.titles.get("en", frozenset()) if lang in NON_LATIN_LANGUAGES else titles

    def without_title(self, lang: str, surface: str) -> str:
        """`surface` without the title words it opens with, where a name follows them (see the module
        docstring): "President Volodymyr Zelensky" -> "Volodymyr Zelensky"; "President of Ukraine" stays."""
        lang = self._reading(lang, surface)
        titles = self._titles(lang)
        if not titles:
            return surface
        words = list(_WORD.finditer(surface))
        lower = [w.group().lower().rstrip(".") for w in words]
        # After the last title word of the name's first words: "Russian Prime Minister [Mikhail Mishustin]",
        # where the words before it qualify the title ("Governo do Presidente Lula" is no person).
        for n in range(min(len(words) - 1, MAX_TITLE_WORDS), 0, -1):
            if lower[n - 1] in titles:
                break
        else:
            return surface
        function = FUNCTION_WORDS.get(lang, ())
        for i, w in enumerate(words[: n - 1]):
            if lower[i] not in titles and (not is_cased(w.group()) or not w.group()[:1].isupper()
                                           or lower[i] in CONNECTORS or lower[i] in function):
                return surface
        rest, first = surface[words[n].start() :], words[n].group()
        if first.lower() in CONNECTORS or first.lower() in function:
            return surface  # "President of Ukraine"
        if is_cased(first) and not first[:1].isupper():
            return surface
        if is_cased(first) and len(words) - n >= 2:
            return rest  # a capitalised name of two words or more: "Volodymyr Zelensky"
        # One word ("General Motors"), or no capitals to tell (Hindi): only a name the alias table knows,
        # as a key, as its last word (a surname: "वलोडिमिर जेलेंस्की") or as a canonical name.
        table = self.aliases.get(lang, {})
        lemmas = key_words(lang, rest, self.known.get(lang, frozenset()))
        known = " ".join(lemmas) in table or (lemmas and lemmas[-1] in table and len(lemmas) <= 3)
        return rest if known or " ".join(rest.split()) in self._names(lang) else surface

    def after_titles(self, lang: str, surface: str) -> str:
        """`surface` without any title words it opens with, whatever follows them ("presidente Zelenskyy" ->
        "Zelenskyy"): what a titled mention may stand for in its own article (`group_mentions`), where the
        full name beside it tells who it is; `without_title` cuts only where the name alone tells."""
        lang = self._reading(lang, surface)
        titles = self._titles(lang)
        words = list(_WORD.finditer(surface))
        n = 0
        while n < len(words) - 1 and words[n].group().lower().rstrip(".") in titles:
            n += 1
        first = words[n].group().lower() if n else ""
        if not n or first in CONNECTORS or first in FUNCTION_WORDS.get(lang, ()):
            return surface  # "Minister of Education" is no person's name
        return surface[words[n].start():]

    def _names(self, lang: str) -> frozenset[str]:
        names = self._canonical_names.get(lang)
        if names is None:
            names = self._canonical_names[lang] = frozenset(
                (*self.aliases.get(lang, {}).values(), *self.casing.get(lang, {}).values()))
        return names

    def is_canonical_name(self, name: str) -> bool:
        """Whether the alias table of some language gives `name` as a canonical name ("Netherlands")."""
        return any(name in self._names(lang) for lang in {*self.aliases, *self.casing})

    def alias(self, lang: str, surface: str) -> str | None:
        """The canonical name the alias table gives `surface`, or None where the table does not know it."""
        lang = (lang or "").lower()
        key, reading = self.key(lang, surface), self._reading(lang, surface)
        if reading != lang:  # a Latin name in a Hindi article: the English table, then the article's language's
            return self._alias_of(reading, key) or self.aliases.get(lang, {}).get(key)
        return self._alias_of(lang, key)

    def _alias_of(self, lang: str, key: str) -> str | None:
        alias = self.aliases.get(lang, {}).get(key)
        if alias is None and lang != "en":
            alias = self.aliases.get("*", {}).get(key)  # names written alike in every language
        return alias

    def key(self, lang: str, surface: str) -> str:
        return self._resolve((lang or "").lower(), surface)[0]

    def canonical(self, lang: str, surface: str) -> str:
        return self._resolve((lang or "").lower(), surface)[1]

    def _resolve(self, lang: str, surface: str) -> tuple[str, str]:
        cached = self._cache.get((lang, surface))
        if cached is None and self._reading(lang, surface) != lang:
            key, name = self._resolve("en", surface)
            if name.endswith(".") and not re.search(r"(?:^|\W)\w\.$", name):
                name = name[:-1]  # a sentence's full stop the finder kept ("Sputnik."), not an initial's
            cached = (key, self._alias_of("en", key) or self.aliases.get(lang, {}).get(key)
                      or self.casing.get("en", {}).get(key) or name)
            self._cache[(lang, surface)] = cached
        if cached is None:
            name = self.without_title(lang, surface)
            lemmas = key_words(lang, name, self.known.get(lang, frozenset()))
            key = " ".join(lemmas)
            alias = self._alias_of(lang, key)
            if alias is None and lang == "ru" and len(lemmas) == 1:
                key, alias = self._uninflected(key, name.strip().lower())
            if alias is None and lang == "ru":
                lemmas = key_words(lang, name, shown=True)
            cached = (key, alias or self.casing.get(lang, {}).get(key)
                      or (display_form(name, lemmas) if lang == "ru"
                       else _complement_as_written(name, display_form(name, lemmas)) if lang == "bg"
                       else _clean(name)))
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[(lang, surface)] = cached
        return cached

    def _uninflected(self, key: str, word: str) -> tuple[str, str | None]:
        """A Russian one-word name the dictionary left in an oblique case or misread (it does not know most
        foreign surnames: "Орбана" stays "орбана", "Шольца" becomes "шолец") that is a name of the alias
        table once a masculine case ending is cut from its key or from the word as written."""
        for form in dict.fromkeys((key, word)):
            for ending in RU_CASE_ENDINGS:
                stem = form[: -len(ending)]
                if form.endswith(ending) and len(stem) >= 3 and stem[-1] in RU_CONSONANTS:
                    alias = self._alias_of("ru", stem)
                    if alias is not None:
                        return stem, alias
        return key, None


def _clean(surface: str) -> str:
    words = " ".join(surface.split())
    first = words.split(" ", 1)
    if len(first) == 2 and first[0].lower() in ("the", "a", "an", "o", "a", "os", "as"):
        words = first[1]
    return words[:-2] if words.endswith(("'s", "’s")) else words
