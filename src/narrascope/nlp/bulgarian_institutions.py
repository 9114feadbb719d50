"""Bulgarian names of institutions and news agencies: the first word capitalised, the rest in lower case.

Bulgarian writes an institution's name with a capital on its first word only ("Министерството на
отбраната", "Съветът за национална сигурност", "Службата за климатични промени"), so a run of capitalised
words stops at the head noun, and every ministry, council or centre of an article was one entity named
`Министерство` or `Съвета`. `institution_name` extends such a head over its complement: a preposition and
the noun after it, with the adjective before that noun ("за морска сигурност"), and one more "на"
phrase of the same shape ("за изследване на мъглите"). It stops before a capitalised word (the country or
body after it is a name of its own: "на земеделието на Норвале") and before anything it cannot read as the
complement, so that a verb after the name ("Министерството на земеделието съобщи") stays out.

News agencies are written the same way ("Франс прес", "Асошиейтед прес": `agency_names`).
"""
from __future__ import annotations

import re

from narrascope.document import Span

# Head nouns of institutions, in any of their forms (stems; "Центъра", "Центърът", "Център").
_HEAD = re.compile(
    r"(?:Министерств|Съвет|Центъ?р|Служб|Камар|Комиси|Агенци|Институт|Организаци|Прокуратур|Комитет|Дирекци"
    r"|Департамент|Инспекци|Асамбле|Академи|Фонд|Асоциаци|Управлени)[а-я]{0,4}")
# An adjective before its noun: a consonant, then the ending of an adjective's feminine, neuter or plural,
# indefinite or definite ("национална", "климатични", "външно", "дигиталната", "чуждестранната",
# "вътрешните"); after a vowel or "й" these endings close a noun ("страна", "промени", "отбраната",
# "войната"). Also the "-ски" and "-ов" adjectives and the masculine "-ен" ("руската", "върхови", "военен").
_ADJECTIVE = re.compile(r"[а-я]{2,}(?:[бвгджзклмнпрстфхцчшщ](?:на|но|ни|ната|ното|ните)|ск(?:и|а|о|ия|ата|ото|ите)"
                        r"|ов(?:и|а|о)|[бвгджзклмнпрстфхцчшщ]ен)")
# Heads whose short definite article ("Съвета", "Центъра") a key takes off, so that "Центъра за ..." and
# "Център за ..." of one article are one entity.
SHORT_ARTICLE_HEADS = frozenset({"съвет", "център", "комитет", "фонд", "департамент", "институт"})
_WORD = r"[а-я][а-я-]*"
_FUNCTION = {"и", "или", "а", "в", "във", "с", "със", "от", "до", "за", "на", "по", "към", "че", "се", "е", "са", "не"}
PREPOSITIONS = ("на", "за", "по")  # those that open an institution's complement
_PHRASE = re.compile(rf" ({'|'.join(PREPOSITIONS)}) ({_WORD})(?: ({_WORD}))?")
MAX_PHRASES = 2


def institution_name(text: str, span: Span) -> Span:
    """The span of a Bulgarian institution's head noun extended over its complement (see the module); any
    other span as it is."""
    if not _HEAD.fullmatch(text, span.start, span.end):
        return span
    end = span.end
    for k in range(MAX_PHRASES):
        m = _PHRASE.match(text, end)
        if not m or (k and m.group(1) != "на") or m.group(2) in _FUNCTION:
            break
        noun_follows = m.group(3) and m.group(3) not in _FUNCTION and _ADJECTIVE.fullmatch(m.group(2))
        phrase_end = m.end(3) if noun_follows else m.end(2)
        if not noun_follows and _ADJECTIVE.fullmatch(m.group(2)):
            break  # an adjective without its noun ("за научни и ..."): no complement read
        end = phrase_end
    return span if end == span.end else Span(span.start, end, span.label)


_PRESS = re.compile(r" прес(?![а-яА-Я-])(?! конференц)")


def agency_names(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the news agencies' names whole: a one-word name before "прес" takes it ("Франс прес")."""
    out: list[Span] = []
    for sp in spans:
        word = text[sp.start : sp.end]
        if " " not in word and (m := _PRESS.match(text, sp.end)):
            sp = Span(sp.start, m.end(), sp.label)
        out.append(sp)
    return out
