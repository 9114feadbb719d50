"""Learning the multilingual alias table from annotated mentions (names only, no article text).

For each language, the annotated mentions are reduced to their keys (`canonical.key_words`). Then:

1. within a language, a surname joins the full name it stands for in the same articles (`путин` ->
   `владимир путин`), and an acronym the name whose initials it spells (`eu` -> `european union`),
   when exactly one such name is found;
2. across languages, a name joins the English name that reads the same, by two independent signals:
   the Latin skeleton of its spelling (`translit.skeleton`: `Зеленски`, `जेलेंस्की` ~ `Zelensky`) and
   the multilingual sentence encoder (`Россию` ~ `Russia`, which spelling misses). A pair is kept only
   when one signal is strong or both agree, and the English name is clearly the best candidate;
3. every key is named by its English canonical name where it has one, otherwise by its own most frequent
   dictionary form.

Titles and offices ("president", "राष्ट्रपति", "presidente") are learned first (`learn_titles`) from the
annotated mentions that open with words before a person's name; the table is then learned again from keys
without those words, so that `President Biden` and `Biden` are one key.

The table maps (language, key) -> canonical name. `REVIEWED` corrects what reading the learned table
showed to be wrong or missing (a handful of frequent names whose spellings differ too much: `САЩ`,
`अमेरिका`); it is applied after learning, and the model card says how many entries it touched.
"""
from __future__ import annotations

import difflib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from narrascope.analyzers.entities.canonical import Canonicalizer, display_form, key_words, name_words
from narrascope.analyzers.entities.offices import CHANCELLOR, OFFICES, PRESIDENT, PRIME_MINISTER
from narrascope.analyzers.entities.reference_names import spellings
from narrascope.analyzers.entities.translit import skeleton
from narrascope.nlp.names import CONNECTORS, EN_TITLES, FUNCTION_WORDS

log = logging.getLogger(__name__)

MIN_COUNT = 2  # a name annotated fewer times than this in its language gets no cross-language alias
STRONG_SPELLING, STRONG_MEANING = 0.9, 0.85
BOTH_SPELLING, BOTH_MEANING = 0.8, 0.7
MARGIN = 0.05
FULL_NAME_SHARE = 0.15  # a full name must be at least this frequent beside the surname it absorbs
MIN_TITLE_COUNT = 2  # a title must open at least this many annotated mentions of a person
NAME_WORD_LIKENESS = 0.75  # a word spelled this much like a word of a person's name is a name, not a title

# Reviewed corrections: (language, key) -> canonical name (or "" to drop a learned alias).
REVIEWED: dict[tuple[str, str], str] = {
    ("en", "us"): "United States", ("en", "usa"): "United States", ("en", "america"): "United States",
    ("en", "united states of america"): "United States", ("en", "uk"): "United Kingdom",
    ("en", "britain"): "United Kingdom", ("en", "great britain"): "United Kingdom",
    ("en", "eu"): "European Union", ("en", "un"): "United Nations", ("en", "west"): "the West",
    ("en", "kiev"): "Kyiv", ("en", "bp"): "", ("en", "putin"): "Vladimir Putin", ("en", "macron"): "Emmanuel Macron",
    ("bg", "сащ"): "United States", ("bg", "съединени щати"): "United States", ("bg", "америка"): "United States",
    ("bg", "русия"): "Russia", ("bg", "руска федерация"): "Russia", ("bg", "ес"): "European Union",
    ("bg", "европейски съюз"): "European Union", ("bg", "запад"): "the West", ("bg", "оон"): "United Nations",
    ("bg", "великобритания"): "United Kingdom", ("bg", "обединено кралство"): "United Kingdom",
    ("bg", "полша"): "Poland", ("bg", "унгария"): "Hungary", ("bg", "китай"): "China", ("bg", "кремъл"): "Kremlin",
    ("ru", "сша"): "United States", ("ru", "соединённые штаты"): "United States", ("ru", "америка"): "United States",
    ("ru", "россия"): "Russia", ("ru", "российская федерация"): "Russia", ("ru", "рф"): "Russia",
    ("ru", "запад"): "the West", ("ru", "ес"): "European Union", ("ru", "евросоюз"): "European Union",
    ("ru", "европейский союз"): "European Union", ("ru", "оон"): "United Nations", ("ru", "всу"): "Armed Forces of Ukraine",
    ("ru", "великобритания"): "United Kingdom", ("ru", "киев"): "Kyiv", ("ru", "кремль"): "Kremlin",
    ("pt", "eua"): "United States", ("pt", "estados unidos"): "United States", ("pt", "rússia"): "Russia",
    ("pt", "ucrânia"): "Ukraine", ("pt", "ue"): "European Union", ("pt", "união europeia"): "European Union",
    ("pt", "onu"): "United Nations", ("pt", "ocidente"): "the West", ("pt", "reino unido"): "United Kingdom",
    ("pt", "otan"): "NATO", ("pt", "nato"): "NATO", ("pt", "canadá"): "Canada",
    ("hi", "अमेरिका"): "United States", ("hi", "अमरीका"): "United States", ("hi", "रूस"): "Russia",
    ("hi", "यूक्रेन"): "Ukraine", ("hi", "भारत"): "India", ("hi", "चीन"): "China", ("hi", "पाकिस्तान"): "Pakistan",
    ("hi", "नाटो"): "NATO", ("hi", "संयुक्त राष्ट्र"): "United Nations", ("hi", "पश्चिम"): "the West",
    ("hi", "यूरोप"): "Europe", ("hi", "ब्रिटेन"): "United Kingdom", ("hi", "इजरायल"): "Israel",
    ("hi", "इज़राइल"): "Israel", ("hi", "हमास"): "Hamas", ("hi", "ईरान"): "Iran",
    # A people is not its country.
    ("bg", "американци"): "Americans", ("ru", "американцы"): "Americans", ("hi", "अमेरिकी"): "",
    ("hi", "रूसी"): "", ("hi", "रूसियों"): "Russians", ("ru", "украинцы"): "Ukrainians",
    ("ru", "украинские военные"): "", ("ru", "украинская власть"): "",
    # Hindi has no capitals to tell a surname from a common noun: "सेना" (army) is no "यूक्रेनी सेना".
    ("hi", "सेना"): "", ("hi", "मुसलमानों"): "", ("hi", "यूक्रेनियों"): "Ukrainians",
}


def _person_like(words: list[str]) -> bool:
    """Two or three words, none an office, a connector or a possessive: "joe biden", not
    "president of poland" or "putin's russia"."""
    return 2 <= len(words) <= 3 and not any(
        w.rstrip(".") in EN_TITLES or w in CONNECTORS or w.endswith(("'s", "’s")) for w in words)


def learn_aliases(mentions: Sequence[tuple[str, str, str]], embed=None,
                  known: Sequence[tuple[str, str, str]] = ()) -> Canonicalizer:
    """`mentions`: (language, article id, mention text) of the training annotations. `embed`: a function
    from a list of names to unit vectors (the multilingual sentence encoder), or None for spelling only.
    `known`: (language, name, English name) of names known beforehand (countries, places), added where
    the learned table has no entry for the name. Learned twice: without titles, to find the persons and
    the titles before their names (`learn_titles`), then with the titles cut."""
    first = _learn_table(mentions, embed, Canonicalizer())
    titles = learn_titles(mentions, first)
    if any(titles.values()):
        # Keys as in the first pass (no Bulgarian short articles cut: "Джорджа" is a first name), less titles.
        first = _learn_table(mentions, embed, Canonicalizer(first.aliases, None, titles))
    return _with_known_names(first, known)


def learn_from_documents(documents, lexicons=None, texts=None) -> Canonicalizer:
    """The alias table of training: learned from the annotated mentions of `documents` (SemEval T10
    documents) with the multilingual sentence encoder, then every country's name in each language
    (`countries.py`), the frequent places, organisations and agencies of `known_names.py` and the office
    holders of `offices.py`; with the
    finder's `lexicons`, also the persons found in `texts` (default: `documents`) whose full name in another
    script reads as an English one (`found_names.join_persons`)."""
    from narrascope.analyzers.entities.countries import country_names
    from narrascope.analyzers.entities.found_names import found_names, join_persons, one_casing
    from narrascope.analyzers.entities.known_names import known_names
    from narrascope.analyzers.entities.offices import holder_names
    from narrascope.nlp.embeddings import get_embedder

    table = learn_aliases([(d.lang, d.id, m.text) for d in documents for m in d.mentions], get_embedder("use").encode,
                          country_names() + known_names() + holder_names())
    if lexicons is None:
        return table
    found = found_names(texts if texts is not None else documents, lexicons, table)
    table = join_persons(table, found, {lang: lex.common for lang, lex in lexicons.items()}, frozenset(REVIEWED))
    return one_casing(table, found)


_LATIN = re.compile("[A-Za-z]")


def _with_known_names(canonicalizer: Canonicalizer, known: Sequence[tuple[str, str, str]]) -> Canonicalizer:
    """The table with every known name it lacks (what was learned wins, unless it learned a name in another
    script than English's), named as English articles name
    the place (through the English table: "United States", not "United States of America"); Hindi names
    also as articles often write them (`reference_names.spellings`: स्विट्जरलैंड, थाईलैंड)."""
    if not known:
        return canonicalizer
    aliases = {lang: dict(table) for lang, table in canonicalizer.aliases.items()}
    # A learned spelling of the same person's full name wins ("Victor Orban" over the list's "Viktor Orban").
    # Full names only: one-word names alike in skeleton are often two places (Niger, Nigeria; Angola, Anguilla).
    names = Counter(name for table in aliases.values() for name in table.values()
                    if _LATIN.search(name) and " " in name)
    learned = {skeleton(name): name for name, _ in reversed(names.most_common())}  # the most used name last
    for lang, name, english in known:
        table = aliases.setdefault(lang, {})
        english = (learned.get(skeleton(english)) if " " in english else None) or canonicalizer.canonical(
            "en", english) or english
        for form in spellings(lang, name):
            key = canonicalizer.key(lang, form)
            if key and (key not in table or not _LATIN.search(table[key])):
                # A learned name in its own script ("नरेंद्र मोदी") is no name English articles share.
                table[key] = english
    for lang, table in aliases.items():  # "मोदी" -> "नरेंद्र मोदी", which is now "Narendra Modi": follow it
        for key, name in table.items():
            if not _LATIN.search(name) and _LATIN.search(further := table.get(canonicalizer.key(lang, name), name)):
                table[key] = further
    return Canonicalizer(aliases, canonicalizer.known, canonicalizer.titles)


def person_names(canonicalizer: Canonicalizer) -> set[str]:
    """Canonical names of persons: two or three words that a single word (a surname) also stands for."""
    targets = {name for table in canonicalizer.aliases.values() for key, name in table.items() if " " not in key}
    return {name for name in targets if 2 <= len(name.split()) <= 3}


def learn_titles(mentions: Sequence[tuple[str, str, str]], canonicalizer: Canonicalizer) -> dict[str, frozenset[str]]:
    """Per language, the words annotated mentions have just before a person's name ("President Joe Biden",
    "राष्ट्रपति पुतिन", "presidente Vladimir Putin"): before two persons at least `MIN_TITLE_COUNT` times,
    or before one twice as often; never a function word, nor spelled like a word of a person's name in any
    script ("Vladimir" of "Vladimir Putin", "व्लादिमीर"). English adds the offices of `names.EN_TITLES`, the
    other languages their words for president, prime minister and chancellor (`offices.OFFICES`)."""
    persons = person_names(canonicalizer)
    name_skeletons = {skeleton(w) for name in persons for w in name.split()}
    counts: Counter[tuple[str, str]] = Counter()
    persons_after: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lang, _, text in mentions:
        lang = lang.lower()
        words = [w.rstrip(".") for w in name_words(text)]
        for i in range(1, min(4, len(words))):  # the word just before the name: "Prime Minister [Modi]"
            person = canonicalizer.canonical(lang, " ".join(words[i:]))
            if person in persons:
                counts[(lang, words[i - 1].lower())] += 1
                persons_after[(lang, words[i - 1].lower())].add(person)
    titles: dict[str, set[str]] = defaultdict(set)
    for (lang, word), n in counts.items():
        sk = skeleton(word)
        # One person only ("Администрация Байдена") is too little, unless often ("पीएम मोदी").
        if (n >= MIN_TITLE_COUNT and (len(persons_after[(lang, word)]) > 1 or n >= 2 * MIN_TITLE_COUNT) and word not in FUNCTION_WORDS.get(lang, ()) and word not in CONNECTORS
                and not any(difflib.SequenceMatcher(None, sk, s).ratio() >= NAME_WORD_LIKENESS for s in name_skeletons)):
            titles[lang].add(word)
    titles["en"] |= EN_TITLES
    for lang in ("bg", "hi", "pt", "ru"):  # the heads of state and government (`offices.py`), learned or not
        titles[lang] |= {w.lower() for office in (PRESIDENT, PRIME_MINISTER, CHANCELLOR)
                         for w in OFFICES[office].get(lang, ()) if " " not in w}
    return {lang: frozenset(words) for lang, words in sorted(titles.items())}


def _learn_table(mentions: Sequence[tuple[str, str, str]], embed, base: Canonicalizer) -> Canonicalizer:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lang, doc, text in mentions:
        lang = lang.lower()
        key = base.key(lang, text)
        if not key:
            continue
        counts[lang][key] += 1
        name = base.without_title(lang, text)
        lemmas = key_words(lang, name)
        forms[(lang, key)][display_form(name, lemmas) if lang in ("ru", "bg") else _strip_article(name)] += 1
        in_doc[(lang, doc)].add(key)
    joins = {lang: _within_language(lang, keys, in_doc) for lang, keys in counts.items()}
    english = _english_names(counts.get("en", Counter()), joins.get("en", {}), forms)
    aliases: dict[str, dict[str, str]] = {}
    for lang, keys in counts.items():
        table: dict[str, str] = {}
        if lang == "en":
            table = {k: english[t] for k, t in joins["en"].items()}
        else:
            heads = sorted({joins[lang].get(k, k) for k, c in keys.items() if c >= MIN_COUNT})
            across = _across_languages(heads, english, embed)
            for key in keys:
                head = joins[lang].get(key, key)
                name = across.get(head) or (_name(forms[(lang, head)]) if head != key else None)
                if name:
                    table[key] = name
        aliases[lang] = table
    for (lang, key), name in REVIEWED.items():
        if name:
            aliases.setdefault(lang, {})[key] = name
        else:
            aliases.get(lang, {}).pop(key, None)
    # Bulgarian name words in their base form: where a short article ("Кремъла") may be cut.
    known = {"bg": frozenset(w for k in counts.get("bg", {}) for w in k.split(" "))}
    return Canonicalizer(aliases, known, base.titles)


def _strip_article(text: str) -> str:
    words = " ".join(text.split())
    first = words.split(" ", 1)
    if len(first) == 2 and first[0].lower() in ("the", "o", "a", "os", "as"):
        return first[1]
    return words[:-2] if words.endswith(("'s", "’s")) else words


def _name(forms: Counter[str]) -> str:
    """The most frequent written form; the longest among equals."""
    return max(forms, key=lambda f: (forms[f], len(f))) if forms else ""


def _same_word(a: str, b: str, lang: str) -> bool:
    """The same word, or in English, for words long enough not to collide, the same spelling skeleton
    ("zelenskyy" / "zelensky"; in inflecting languages the skeleton would also join "मुसलमानों" to
    "मुसलमान", a people to a phrase ending in it)."""
    if a == b:
        return True
    sa, sb = skeleton(a), skeleton(b)
    return lang == "en" and len(sa) >= 4 and sa == sb


def _english_names(keys: Counter[str], joins: dict[str, str], forms) -> dict[str, str]:
    """The canonical name of every English key: its joined key's most frequent form, the reviewed name
    where there is one, and one spelling per person ("Zelenskyy", "Zelenskiy" -> the most frequent)."""
    names = {k: REVIEWED.get(("en", joins.get(k, k))) or REVIEWED.get(("en", k)) or _name(forms[("en", joins.get(k, k))])
             for k in keys}
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        by_skeleton[skeleton(names[k])].append(k)
    for group in by_skeleton.values():
        if len(group) > 1:
            best = names[max(group, key=lambda k: (keys[k], len(names[k])))]
            for k in group:
                names[k] = best
    return names


def _within_language(lang: str, keys: Counter[str], in_doc) -> dict[str, str]:
    """Surname key -> full-name key, acronym key -> the key it spells, when exactly one fits and the
    full name is not rare beside the short one ("Украйна" is no surname of "Източна Украйна")."""
    out: dict[str, str] = {}
    docs_of: dict[str, set[str]] = defaultdict(set)
    for (doc_lang, doc), doc_keys in in_doc.items():
        if doc_lang == lang:
            for k in doc_keys:
                docs_of[k].add(doc)
    multi = [k for k in keys if _person_like(k.split(" "))]
    for key in keys:
        words = key.split(" ")
        if len(words) != 1:
            continue
        # English names do not inflect and rarely collide: any full name ending in the surname will do.
        fulls = [k for k in multi if _same_word(k.split(" ")[-1], key, lang)
                 and not any(w in keys and keys[w] >= keys[k] for w in k.split(" ")[:-1])  # "putin russia"
                 and (lang == "en" or (docs_of[k] & docs_of[key] and keys[k] >= FULL_NAME_SHARE * keys[key]))]
        if len({skeleton(k) for k in fulls}) == 1:  # one person, however spelled
            out[key] = max(fulls, key=lambda k: (keys[k], k))
            continue
        if len(key) >= 2 and lang in ("en", "pt"):
            spelled = [k for k in keys if len(k.split(" ")) >= 2 and keys[k] >= FULL_NAME_SHARE * keys[key] and
                       "".join(w[0] for w in k.split(" ") if w not in ("of", "the", "and", "de", "da", "do")) == key]
            if len(spelled) == 1:
                out[key] = spelled[0]
    return out


def _across_languages(keys: list[str], english: dict[str, str], embed) -> dict[str, str]:
    """Key -> English canonical name, for the keys that read like one English name (see the module
    docstring)."""
    if not keys or not english:
        return {}
    targets = sorted(english)
    target_skeletons = [skeleton(k) for k in targets]
    meaning = np.zeros((len(keys), len(targets)))
    if embed is not None:
        meaning = np.asarray(embed(keys)) @ np.asarray(embed([english[k] for k in targets])).T
    out: dict[str, str] = {}
    for i, key in enumerate(keys):
        sk = skeleton(key)
        spelling = np.array([difflib.SequenceMatcher(None, sk, t).ratio() if min(len(sk), len(t)) >= 2 else 0.0
                             for t in target_skeletons])
        # A long phrase matched on meaning alone is too loose ("президент России" ~ "President Trump").
        strong_meaning = meaning[i] >= (STRONG_MEANING if " " not in key else 0.92)
        score = np.where((spelling >= STRONG_SPELLING) | strong_meaning, 1.0 + meaning[i] + spelling,
                         np.where((spelling >= BOTH_SPELLING) & (meaning[i] >= BOTH_MEANING), meaning[i] + spelling, 0.0))
        order = np.argsort(-score)
        best = order[0]
        if score[best] <= 0:
            continue
        second = score[order[1]] if len(order) > 1 else 0.0
        # Two English names of the same entity ("Putin", "Vladimir Putin") are no ambiguity.
        same = len(order) > 1 and english[targets[order[1]]] == english[targets[best]]
        if score[best] - second >= MARGIN or same:
            out[key] = english[targets[best]]
    return out
