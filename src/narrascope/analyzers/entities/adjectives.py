"""A capitalised adjective found alone as a name, and the common noun it belongs to (Bulgarian and Russian).

The finders take runs of capitalised words, so where a language writes only the first word of a name in capitals,
they find its adjective alone: Bulgarian `Международния` of "Международния наказателен съд", `Зелената` of
"Зелената сделка"; Russian `Российские` of "Российские представители". The name is the whole phrase, as the
annotators mark such groups ("Съединените щати", "Западните страни", "Российские военнослужащие").
"""
from __future__ import annotations

import re

from narrascope.analyzers.entities.russian import adjective_phrase_end as _russian_phrase_end

# A Bulgarian adjective in its definite form, by the ending of the noun that agrees with it: masculine "-ия"/"-ият"
# (a noun ending in a consonant: "съд", "панел"), feminine "-ата" ("сделка"), neuter "-ото" ("море"), plural
# "-ите" ("медии", "страни"), after the stem of an adjective ("европейск-", "зелен-", "рамков-"). A country
# ending in "-ия" (`Калифорния`) is told apart by what follows it. A few short stems of place and office names are
# listed ("Белия дом", "Тихия океан", "Близкия изток", "Стария континент", "Голямата седморка", "Светия престол").
_BG_DEFINITE = re.compile(r"(?:[А-Я][а-я]+(?:ск|цк|ов|ев|н)|Бел|Тих|Близк|Стар|Скалист|Голям|Свет|Жълт)"
                          r"(?:(ия|ият)|(ата)|(ото)|(ите))")
_BG_NOUN_ENDS = ("бвгджзклмнпрстфхцчшщ", "ая", "ое", "иа")
# An indefinite adjective between the two ("наказателен", "здравна"): at most one.
_BG_ADJECTIVE = re.compile(r"[а-я]{3,}(?:ен|ски|ов|ев|ин|ал|на|ска|ова|ева|но|ско|ово|ни|ови)")
_NAME_NEXT = re.compile(r" [A-ZА-ЯЁ]")
_BG_NEXT = re.compile(r" ([а-я]{3,})(?: ([а-я]{3,}))?(?=[\s,.;:!?“”\"»)]|$)")


def adjective_phrase_end(text: str, start: int, end: int, lang: str) -> int | None:
    """Where the name that the one-word span text[start:end] opens ends when the span is an adjective of the
    common noun after it: the noun's end; `start` where the adjective is no name of its own (Russian: the head
    of an enumeration, see `russian.adjective_phrase_end`; and a phrase before a name, which is its title:
    "Российский политолог Иван Петров", "Върховния главнокомандващ Иван Петров"); None otherwise."""
    phrase_end = (_russian_phrase_end(text, start, end) if lang == "ru"
                  else _bulgarian_phrase_end(text, start, end) if lang == "bg" else None)
    if phrase_end and phrase_end > start and _NAME_NEXT.match(text, phrase_end):
        return start
    return phrase_end


def _bulgarian_phrase_end(text: str, start: int, end: int) -> int | None:
    adjective = _BG_DEFINITE.fullmatch(text, start, end)
    after = _BG_NEXT.match(text, end) if adjective else None
    if after is None:
        return None
    endings = _BG_NOUN_ENDS[next(i for i, g in enumerate(adjective.groups()) if g)]
    first, second = after.group(1), after.group(2)
    if second and _BG_ADJECTIVE.fullmatch(first) and second[-1] in endings:
        noun_end = after.end(2)
    elif first[-1] in endings and not _BG_ADJECTIVE.fullmatch(first):
        noun_end = after.end(1)
    else:
        return None
    return noun_end
