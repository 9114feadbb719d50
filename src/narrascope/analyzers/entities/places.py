"""A place that the finders ran into the name after it: two names in one span.

- After a preposition, a place ends the title or the phrase before, and a person's name follows ("говорителят на
  Кремъл Дмитрий Песков", "the ambassador in Washington Anatoly Antonov", "correspondente em Kiev Christopher
  Miller"); annotators cast `Украйна` of "на президента на Украйна Михаил Подоляк" on its own.
- In Bulgarian a country takes no complement with "на" or "по", so "Украйна на Запад" ("the allies of Ukraine
  in the West") and "Русия на Макрон" are two names joined by a preposition the run finder took for a
  connector ("Съвета на ЕС", the Council of the EU, stays one: its first word is no place of its own).
"""
from __future__ import annotations

import re

from narrascope.analyzers.entities import descriptions
from narrascope.analyzers.entities.canonical import Canonicalizer
from narrascope.analyzers.entities.known_names import KNOWN_NAMES
from narrascope.document import Span
from narrascope.nlp.ner import LexiconNER

# Words before a place that belongs to what comes before.
_PLACE_OF = frozenset({"на", "в", "във", "от", "of", "in", "to", "at", "from", "em", "de", "do", "da", "no", "na"})
# Bulgarian prepositions that the run finder keeps between two capitalised words.
_BG_BETWEEN = frozenset({"на", "по"})


def without_place(text: str, sp: Span, lang: str, lexicon: LexiconNER | None,
                  canonicalizer: Canonicalizer) -> list[Span]:
    """`sp` as the names it holds (see the module docstring): two spans where a place of one to three words
    ("Русия", "Руската Федерация", "Russian Federation") runs into a person's name of two or three capitalised words,
    none of them a common word ("Moscow State University" stays one), or a Bulgarian country into a name after
    "на"/"по"; else `sp` itself."""
    words = list(re.finditer(r"\S+", text[sp.start : sp.end]))
    if len(words) < 2:
        return [sp]
    if (lang == "bg" and len(words) >= 3 and words[1].group() in _BG_BETWEEN and words[2].group()[:1].isupper()
            and _is_place(words[0].group(), lang, canonicalizer)):
        return [Span(sp.start, sp.start + words[0].end(), sp.label, sp.score),
                Span(sp.start + words[2].start(), sp.end, sp.label, sp.score)]
    before = text[max(0, sp.start - 30) : sp.start].lower().split()[1 if sp.start > 30 else 0 :]  # whole words
    least = 1
    if before[-1:] == ["the"]:  # "of the Russian Federation Ivo Marr"; not "of the American Chemistry Council"
        before.pop()
        least = 2
    if not (before and before[-1] in _PLACE_OF):
        return [sp]
    common = lexicon.common if lexicon is not None else frozenset()
    for size in range(min(3, len(words) - 2), least - 1, -1):  # the longest place first: "Russian Federation"
        rest = words[size:]
        if (len(rest) <= 3 and _is_place(text[sp.start : sp.start + words[size - 1].end()], lang, canonicalizer)
                and all(w.group()[:1].isupper() and w.group().lower().strip(".,") not in common for w in rest)):
            return [Span(sp.start, sp.start + words[size - 1].end(), sp.label, sp.score),
                    Span(sp.start + rest[0].start(), sp.end, sp.label, sp.score)]
    return [sp]


def _is_place(word: str, lang: str, canonicalizer: Canonicalizer) -> bool:
    """A place or body the alias table names in one word ("Дания", "НАТО"; a person's surname it names in
    full), a frequent place, or a country."""
    place = canonicalizer.canonical(lang, word)
    aliased = lang != "en" and " " not in place and canonicalizer.alias(lang, word) is not None
    return place in KNOWN_NAMES or aliased or descriptions.is_country(word, lang)
