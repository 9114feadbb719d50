"""Names the finder of a script without capitals knows without annotations (training only).

In Bulgarian, English, Portuguese and Russian a name the annotators never marked is still found: it is
capitalised. Hindi has no capitals, so its finder knew the names annotated in training articles, and
otherwise only a name after an office or before the agent marker: a Hindi article naming Spain, Sweden,
Egypt or Paris got no entity for them, or one that took the word before it ("कल स्पेन ने", "yesterday
Spain"), although the alias table holds their Hindi names (the ISO catalogues of `countries.py`, the
places of `known_names.py`, the office holders of `offices.py`): the table names what the finder finds,
and finds nothing itself. The lexicon of such a language (`train.fit_lexicons`) now also holds those
names, with the spellings Hindi articles use beside the catalogue's, less the everyday words among them (`WORDS`)
and those the annotators marked seldom where they appear (`unambiguous`).
"""
from __future__ import annotations

import re
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
    """A reference name as articles of `lang` write it: in Hindi also without the nukta (स्विट्जरलैंड), and
    a nasal before a consonant either way Hindi writes it, as the nasal sign or as the consonant's own nasal
    (थाईलैंड for the catalogue's थाईलैण्ड, ट्रम्प beside ट्रंप, नरेन्द्र beside नरेंद्र)."""
    if lang != "hi":
        return [name]
    forms = [name, without_nukta(name)]
    forms += [_HALF_NASAL.sub("ं", f) for f in forms]
    forms += [_ANUSVARA.sub(lambda m: _NASAL_OF[m.group(1)] + "्" + m.group(1), f) for f in forms]
    return list(dict.fromkeys(forms))


# A nasal consonant with a virama before a consonant of its own class, and the nasal sign before a labial,
# dental or retroflex stop (their nasals: म, न, ण).
_HALF_NASAL = re.compile("(?:म्(?=[पफबभ])|न्(?=[तथदधटठडढ])|ण्(?=[टठडढ]))")
_NASAL_OF = {**dict.fromkeys("पफबभ", "म"), **dict.fromkeys("तथदध", "न")}
_ANUSVARA = re.compile("ं([पफबभतथदध])")


def unambiguous(names: Iterable[str], seldom_marked: Iterable[str]) -> list[str]:
    """The names less those the training articles show to be words more often than names: the one-word names
    annotators marked seldom where they appear (`train.marked_often` leaves them out of the lexicon: `रूसी`,
    Russian, which annotators cast as Russia now and then, is an adjective in most of its uses). No test on
    the words around them: the countries of the news follow "यह" and "वह" (this, he) as often as common
    nouns do ("वह कीव गए", he went to Kyiv), and are in more articles than most common words."""
    skip = set(seldom_marked)
    return [n for n in names if n not in skip]
