"""Names the finder of a script without capitals knows without annotations (training only).

In Bulgarian, English, Portuguese and Russian a name the annotators never marked is still found: it is
capitalised. Hindi has no capitals, so its finder knew the names annotated in training articles, and
otherwise only a name after an office or before the agent marker: a Hindi article naming Spain, Sweden,
Egypt or Paris got no entity for them, or one that took the word before it ("कल स्पेन ने", "yesterday
Spain"), although the alias table holds their Hindi names (the ISO catalogues of `countries.py`, the
places of `known_names.py`, the office holders of `offices.py`): the table names what the finder finds,
and finds nothing itself. The lexicon of such a language (`train.fit_lexicons`) now also holds those
names, with the spellings Hindi articles use beside the catalogue's, less the one-word names that are
common nouns there (`unambiguous`) or everyday words (`WORDS`).
"""
from __future__ import annotations

from collections.abc import Iterable

from narrascope.analyzers.entities.translit import without_nukta

# Catalogue names that are everyday words of the language, which no count over the training articles
# reaches: गिनी (Guinea) is also the participle "counted" (so in both Hindi training articles that have
# the word), जर्सी (Jersey) a sports shirt.
WORDS = {"hi": frozenset({"गिनी", "जर्सी"})}


def reference_names(lang: str) -> list[str]:
    """Every name the alias table's reference lists give in `lang`, in lower case, with its usual
    spellings (`spellings`), in a stable order."""
    from narrascope.analyzers.entities.countries import country_names
    from narrascope.analyzers.entities.known_names import known_names
    from narrascope.analyzers.entities.offices import holder_names

    names = (name for name_lang, name, _ in country_names() + known_names() + holder_names() if name_lang == lang)
    words = WORDS.get(lang, frozenset())
    return list(dict.fromkeys(form.lower() for name in names for form in spellings(lang, name) if form not in words))


def spellings(lang: str, name: str) -> list[str]:
    """A reference name as articles of `lang` write it: in Hindi also without the nukta (स्विट्जरलैंड) and
    with the nasal sign for a nasal consonant before its stop (थाईलैंड for the catalogue's थाईलैण्ड)."""
    if lang != "hi":
        return [name]
    forms = [name, without_nukta(name)]
    forms += [f.replace("ण्ड", "ंड").replace("न्ड", "ंड") for f in forms]
    return list(dict.fromkeys(forms))


def unambiguous(names: Iterable[str], nouns: Iterable[str]) -> list[str]:
    """The names of which no one-word name is a common noun of the language (a word that follows a
    determiner or a possessive in its training articles: `hindi_names.determined_words`). Frequency is no
    test: the countries of the news (जर्मनी, ईरान) are in more articles than most common words."""
    common = set(nouns)
    return [n for n in names if " " in n or n not in common]
