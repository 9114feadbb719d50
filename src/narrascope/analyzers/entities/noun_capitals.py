"""Names in a language that capitalises every noun (German, Luxembourgish).

Without a model or a gazetteer for the language, entities come from runs of capitalised words; in German those are
every noun ("Truppen", "Montag", "Regierung", "Vorschlag" had all been shown as entities of a news article). There a
found span is kept only where something beyond its capital says it is a name: capitalised words only ("Olaf
Scholz", not "Entsendung von Bodentruppen"), an acronym ("NATO", "EU"), a name the alias table knows in
English ("Ukraine", "Berlin", "Macron"), or a word of a longer name of the same article ("Scholz" after "Olaf
Scholz"); a run of several words only where its last word or the whole is such a name ("Wladimir Putin", not
"Putins Irrtum"). The office before a person's name is cut ("Bundeskanzler Olaf Scholz" is Olaf Scholz). Precision
over recall: names the table does not know ("Russland", "Kreml", "Nationaler Sicherheitsrat") are left out.
"""
from __future__ import annotations

import re

from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.document import Span

NOUN_CAPITALISING = frozenset(("de", "lb"))
# An office before a name: "Bundeskanzler Olaf Scholz", "US-Präsident Biden" (the country before a hyphen).
_TITLE = re.compile(r"(?:.*-)?(?:bundes|vize|außen|verteidigungs|finanz|gesundheits|premier|regierungs|staats|kreml|"
                    r"general)?(?:präsident|kanzler|minister|ministerpräsident|chef|sprecher|sekretär|papst)(?:in|innen|en|s)?",
                    re.IGNORECASE)
# Words that open a sentence or a phrase before a name and are capitalised for that alone ("Wenn Putin", "Der
# Premierminister", "Trotz Warnungen").
_OPENERS = frozenset(("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "wenn",
                      "trotz", "nach", "bei", "mit", "von", "für", "gegen", "laut", "seit", "auch", "aber", "und",
                      "oder", "doch", "als", "wie", "dass", "ob", "weil", "anfang", "ende", "mitte", "herr", "frau",
                      "sie", "er", "es", "wir", "ihr", "dieser", "diese", "dieses", "jeder", "jede"))


def noun_language_names(text: str, spans: list[Span], lang: str, canonicalizer: Canonicalizer) -> list[Span]:
    """`spans` as names of a noun-capitalising `lang` (see the module docstring); other languages' unchanged."""
    if lang not in NOUN_CAPITALISING:
        return spans
    runs = []
    for sp in spans:
        words = list(re.finditer(r"\S+", text[sp.start : sp.end]))
        while len(words) > 1 and (words[0].group().lower() in _OPENERS or _TITLE.fullmatch(words[0].group())):
            words = words[1:]  # "Bundeskanzler Olaf Scholz", "Wenn Putin"
        if not all(w.group()[:1].isupper() for w in words):
            continue  # "Entsendung von Bodentruppen"
        runs.append((Span(sp.start + words[0].start(), sp.end, sp.label, sp.score), [w.group() for w in words]))
    named = [_known(" ".join(words), canonicalizer) or (len(words) > 1 and _known(words[-1], canonicalizer))
             for _, words in runs]
    long_words = {w for (_, words), ok in zip(runs, named, strict=True) if ok and len(words) > 1 for w in words}
    return [sp for (sp, words), ok in zip(runs, named, strict=True)
            if ok or (len(words) == 1 and words[0] in long_words)]


def _known(name: str, canonicalizer: Canonicalizer) -> bool:
    """An acronym, or a name the alias table knows in English."""
    bare = name.strip(".,;:")
    return ((len(bare) >= 2 and bare.isupper() and " " not in bare) or canonicalizer.is_canonical_name(bare)
            or canonicalizer.alias("en", bare) is not None)
