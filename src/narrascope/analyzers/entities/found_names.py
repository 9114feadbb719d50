"""Names the finder groups in training articles, and the persons among them whose name written in another
script reads as an English name (training only; names are kept, never article text).

The alias table learns cross-language names from the annotated mentions (`aliases.learn_aliases`), so a
person the annotators never cast kept the spelling of each language: `Камала Харис`, `कमला हैरिस` and
Kamala Harris were three entities of a corpus. `join_persons` adds, where the table has nothing, the
English name of every full name (two or three words) found in a Bulgarian, Hindi, Portuguese or Russian
training article whose Latin skeleton (`translit.skeleton`) is all but that of one full name found in
English training articles: at least `MIN_LIKENESS` alike as a whole, each word at least `MIN_WORD_LIKENESS`,
and no other English person as close. English spellings of one person join the same way, so that English
articles name each person once (`Viktor Orbán` -> the table's Victor Orban; `Sergey Shoigu` -> Sergei
Shoigu, the spelling more English articles use). A found name whose first word is a name or a people word of its own
is no full name ("रूसी सैनिक", Russian soldiers, reads like Rishi Sunak; "Rússia Vladimir Potanin" like a
one-off English run "Russian Vladimir Putin"): reading the joins made on the training split found those
two wrong, and the rule keeps them out. `one_casing` gives a name the training articles write in several
casings one of them ("NATO" for "Nato", "TASS" for "Tass").
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection, Sequence

from narrascope.analyzers.entities.analyzer import article_names, group_mentions
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.translit import skeleton
from narrascope.document import Entity
from narrascope.nlp.furniture import BodyFilter
from narrascope.nlp.names import CONNECTORS, EN_TITLES
from narrascope.nlp.ner import LexiconNER, finder_for

MIN_LIKENESS = 0.95  # SequenceMatcher ratio of the two names' skeletons
MIN_WORD_LIKENESS = 0.75  # ... and of each pair of words
MARGIN = 0.05  # no English person of another name this close
MIN_ENGLISH_ARTICLES = 2  # an English name found in fewer articles is no target (one-off runs of words)
HONORIFICS = frozenset({"sir", "dame", "lord", "lady"})  # "Sir Keir Starmer" is Keir Starmer
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F'’.\- ]+")  # an English name: Latin letters, accents allowed


def find_entities(docs: Sequence, lexicons: dict[str, LexiconNER], canonicalizer: Canonicalizer,
                  model_ner: bool = True) -> list[list[Entity]]:
    """What the entities analyzer finds in each document (same backends, furniture dropped, grouping)."""
    out: list[list[Entity]] = [[] for _ in docs]
    for lang in sorted({d.lang.lower() for d in docs}):
        idx = [i for i, d in enumerate(docs) if d.lang.lower() == lang]
        finder = finder_for(lang, lexicons, model_ner=model_ner)
        for i, spans in zip(idx, finder.find([docs[i].text for i in idx]), strict=True):
            body = BodyFilter(docs[i].text)
            spans = article_names(docs[i].text, spans, lang, body, lexicons.get(lang), canonicalizer)
            out[i] = group_mentions(docs[i].text, spans, lang, canonicalizer, body.in_body)
    return out


def found_names(docs: Sequence, lexicons: dict[str, LexiconNER], canonicalizer: Canonicalizer
                ) -> list[tuple[str, str, str]]:
    """(language, article id, name as written) of every entity the finder groups in `docs`."""
    return [(d.lang.lower(), d.id, form) for d, entities in zip(docs, find_entities(docs, lexicons, canonicalizer),
                                                                 strict=True)
            for e in entities for form in e.surface_forms]


def _full_name(name: str) -> bool:
    """Two or three capitalised words, none an office or a connector: "Kamala Harris", not "Russian Vladimir
    Putin" (a run of words the finder met once) or "President of Poland"."""
    words = name.split()
    return 2 <= len(words) <= 3 and _LATIN.fullmatch(name) is not None and all(w[:1].isupper() for w in words) and not any(
        w.lower().rstrip(".") in EN_TITLES or w.lower() in CONNECTORS or w.lower() in HONORIFICS for w in words)


def _english_persons(canonicalizer: Canonicalizer, found: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    """Skeleton -> English name of the full names found in English articles; a name the alias table gives
    (one person's canonical name in every language) wins over other spellings of the same skeleton."""
    articles: dict[str, set[str]] = {}
    for lang, doc, form in found:
        if lang == "en":
            name = canonicalizer.canonical("en", form)
            if _full_name(name):
                articles.setdefault(name, set()).add(doc)
    counts = Counter({name: len(docs) for name, docs in articles.items() if len(docs) >= MIN_ENGLISH_ARTICLES})
    table_names = _table_names(canonicalizer)
    out: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (n not in table_names, -counts[n], n)):
        out.setdefault(skeleton(name), name)
    for name in sorted(table_names):
        out.setdefault(skeleton(name), name)
    return out


def _table_names(canonicalizer: Canonicalizer) -> set[str]:
    """The full names in Latin letters that the alias table gives (one person's name in every language)."""
    return {n for table in canonicalizer.aliases.values() for n in table.values() if _full_name(n)}


def join_persons(canonicalizer: Canonicalizer, found: Sequence[tuple[str, str, str]],
                 common: dict[str, frozenset[str]], reviewed: Collection[tuple[str, str]] = ()) -> Canonicalizer:
    """The table with the English name of each found full name of another language that reads as one English
    person's (see the module docstring). `common`: per language, the lower-case words of its lexicon that
    are no name words; `reviewed`: the (language, key) pairs the alias table's review fixed, people words
    among them (`aliases.REVIEWED`: "रूसी" is no name of its own)."""
    english = _english_persons(canonicalizer, found)
    skeletons = list(english)
    aliases = {lang: dict(table) for lang, table in canonicalizer.aliases.items()}
    for lang, _, form in found:
        words = form.split()
        if lang == "en":  # one English name per person: "Viktor Orbán" and "Sergey Shoigu" take the chosen one
            key = canonicalizer.key("en", form)
            name = canonicalizer.canonical("en", form)
            if key and key not in aliases.get("en", {}) and _full_name(name):
                joined = _closest(skeleton(name), skeletons, english)
                if joined and joined != name and _same_spelling(name, joined):
                    aliases.setdefault("en", {})[key] = joined
            continue
        if not 2 <= len(words) <= 3 or form.isascii():
            continue
        if (lang != "hi" and not all(w[:1].isupper() for w in words)) or any(
                w.lower() in common.get(lang, ()) for w in words):
            continue
        key, first = canonicalizer.key(lang, form), canonicalizer.key(lang, words[0])
        table = aliases.setdefault(lang, {})
        if not key or key in table or canonicalizer.alias(lang, form) is not None:
            continue
        if first in canonicalizer.aliases.get(lang, {}) or (lang, first) in reviewed:
            continue  # a name or a people word first ("रूसी सैनिक", Russian soldiers; "Rússia Vladimir Potanin")
        name = _closest(skeleton(form), skeletons, english)
        if name:
            table[key] = name
    return Canonicalizer(aliases, canonicalizer.known, canonicalizer.titles)


def _same_spelling(a: str, b: str) -> bool:
    """Two English spellings of one name: word by word the same skeleton ("Zelenskyy", "Zelensky"; not
    "Parliamentary", "Parliament"), and words of three letters or fewer the same (a skeleton folds "III"
    and "II" alike, and "World War III" is no spelling of "World War II")."""
    return all(x.lower() == y.lower() if min(len(x), len(y)) <= 3 else skeleton(x) == skeleton(y)
               for x, y in zip(a.split(), b.split()))


def _closest(sk: str, skeletons: list[str], english: dict[str, str]) -> str | None:
    close = difflib.get_close_matches(sk, skeletons, n=4, cutoff=MIN_LIKENESS - MARGIN)
    if not close:
        return None
    best = close[0]
    likeness = difflib.SequenceMatcher(None, sk, best).ratio()
    if likeness < MIN_LIKENESS or len(best.split()) != len(sk.split()) or any(
            difflib.SequenceMatcher(None, a, b).ratio() < MIN_WORD_LIKENESS for a, b in zip(sk.split(), best.split())):
        return None
    if any(english[o] != english[best] and difflib.SequenceMatcher(None, sk, o).ratio() > likeness - MARGIN
           for o in close[1:]):
        return None
    return english[best]


def one_casing(canonicalizer: Canonicalizer, found: Sequence[tuple[str, str, str]]) -> Canonicalizer:
    """The table with one casing for a name the training articles write in several ("NATO" and "Nato", "TASS"
    and "Tass", "Moscow" and "MOSCOW" had been two entities across articles, two facets on the dashboard): where
    the table has no entry for the key, the casing most of the articles that name it use."""
    forms: dict[tuple[str, str], Counter[str]] = {}
    seen: set[tuple[str, str, str]] = set()
    for lang, doc, form in found:
        key = canonicalizer.key(lang, form)
        name = canonicalizer.canonical(lang, form)
        if key and (lang, doc, name) not in seen and key not in canonicalizer.aliases.get(lang, {}):
            seen.add((lang, doc, name))
            forms.setdefault((lang, key), Counter())[name] += 1
    casing = {lang: dict(table) for lang, table in canonicalizer.casing.items()}
    for (lang, key), names in forms.items():
        if len(names) > 1 and len({n.lower() for n in names}) == 1:
            # not one in capitals for emphasis ("BIDEN FAMILY", "MOSCOW"; an acronym is no emphasis), and on a
            # tie the one with fewer capitals (not a slip such as "Joana da SIlva")
            plain = {n: c for n, c in names.items() if not _shouted(n)} or names
            casing.setdefault(lang, {})[key] = max(plain, key=lambda n: (plain[n], -sum(c.isupper() for c in n), n))
    return Canonicalizer(canonicalizer.aliases, canonicalizer.known, canonicalizer.titles, casing)


def _shouted(name: str) -> bool:
    return name.isupper() and (" " in name or len(name) > 5)
