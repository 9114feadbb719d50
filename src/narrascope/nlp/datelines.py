"""Datelines: the place, date and agency that open a news article ("MOSCOW, March 3 (Reuters) -").

A dateline carries no claim, so what quotes an article (an explanation, the evidence of a narrative or of an
entity) starts after it. `strip_dateline` finds where a sentence starts once its dateline is cut off;
`is_dateline` tells a dateline that stands as a sentence of its own.
"""
from __future__ import annotations

import re

from narrascope.nlp.text import sentences

MIN_WORDS_AFTER = 4  # what is left after a dateline must be a sentence, not a fragment

MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro"
    r"|novembro|dezembro|январ[ья]|янв|феврал[ья]|фев|марта?|мар|апрел[ья]|апр|ма[йяе]|июн[ья]?|июл[ья]?|август[а]?"
    r"|авг|сентябр[ья]|сент?|октябр[ья]|окт|ноябр[ья]|ноя|декабр[ья]|дек"
    r"|януари|февруари|април|юни|юли|август|септември|октомври|ноември|декември"
    r"|जनवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर"
)
# A dateline: place (and date, and agency) before a dash, a colon or an agency in slashes at the very start
# of a sentence (no full stop in it but a month's before the day: "Paris, Mar. 31 (Agency) -"). The head must
# carry a date, a number or an agency in brackets or slashes; an all-caps place alone ("MOSCOW -") counts
# before a dash only, so that "NATO: ..." keeps its subject.
_DATELINE = re.compile(  # an em dash may touch the sentence after it ("KESTRA BAY—The council ...")
    r"(?P<head>[^\s.!?।](?:[^.!?।\n]|\.(?= \d)){0,70}?)\s*(?P<sep>[-–—]{1,2}|:|/[^/\n]{1,25}/\.?)"
    r"(?:\s+|(?<=—)(?=[A-ZА-ЯЁ]))")
_DATELINE_MARK = re.compile(
    rf"\((?:[^()]{{1,30}})\)|/[^/]{{1,25}}/|\b\d{{1,4}}\b|\b(?:{MONTHS})\b\.?", re.IGNORECASE)
# A dateline the sentence splitter cut off as a sentence of its own ("Paris, Mar. 31." / "МОСКВА, 3 марта /ТАСС/."):
# a place, a comma, then a date or an agency and nothing else.
_DATELINE_ONLY = re.compile(r"[^\W\d][^,.!?]{0,30},\s*(?P<rest>[^!?]{1,40})", re.DOTALL)
MAX_DATELINE_WORDS = 6
MAX_AGENCY_WORDS = 3  # "- РИА Новости.", "- Reuters."
_CAPS_PLACE = re.compile(r"[A-ZА-ЯЁ]{3,}(?:[ -][A-ZА-ЯЁ]{3,})?(?:,.*)?$")


# Hindi news opens its first paragraph with the place and a colon ("नई दिल्ली: ...", "मॉस्को: ..."), where an
# agency's wire puts a dash; so do a headline's topic labels ("climate change: ..."). One or two words, in
# the first lines only: further down, "X:" is someone's words.
_HINDI_COLON_HEAD = re.compile(r"[ \t]*[\u0900-\u097F]+(?: [\u0900-\u097F]+)?[ \t]*:(?=\s)")
HINDI_DATELINE_LINES = 3


def _hindi_heads(text: str) -> list[tuple[int, int]]:
    """(start, end) of the place-and-colon heads that open one of the first `HINDI_DATELINE_LINES` lines."""
    out, seen, pos = [], 0, 0
    while seen < HINDI_DATELINE_LINES and pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].strip():
            seen += 1
            m = _HINDI_COLON_HEAD.match(text, pos, line_end)
            if m and len(text[m.end() : line_end].split()) >= MIN_WORDS_AFTER:
                out.append((pos + len(m.group()) - len(m.group().lstrip()), m.end()))
        pos = line_end + 1
    return out


def strip_dateline(text: str, start: int, end: int) -> int:
    """Where the sentence starts once a leading dateline ("MOSCOW, March 3 (Agency) -", "नई दिल्ली:") is cut off."""
    for head_start, head_end in _hindi_heads(text) if "\u0900" <= text[start : start + 1] <= "\u097F" else ():
        if head_start == start and len(text[head_end:end].split()) >= MIN_WORDS_AFTER:
            return head_end + len(text[head_end:end]) - len(text[head_end:end].lstrip())
    m = _DATELINE.match(text, start, end)
    if not m or len(m.group("head").split()) > 6:
        return start
    head, dash = m.group("head"), m.group("sep")[0] in "-–—"
    if not (_DATELINE_MARK.search(head) or (dash and _CAPS_PLACE.match(head))):
        return start
    rest = m.end()
    return rest if len(text[rest:end].split()) >= MIN_WORDS_AFTER else start


def is_dateline(sentence: str) -> bool:
    """The sentence is a dateline alone: "Paris, Mar. 31.", "МОСКВА, 3 марта /ТАСС/.", "НОРВАЛЕ, 3 июл - РИА
    Норвале." (the agency after the dash, cut off as a sentence of its own)."""
    dashed = _DATELINE.match(sentence.strip())
    if (dashed and dashed.group("sep")[0] in "-–—" and _DAY_MONTH.search(dashed.group("head"))
            and len(sentence.strip()[dashed.end():].split()) <= MAX_AGENCY_WORDS):
        return True
    m = _DATELINE_ONLY.fullmatch(sentence.strip())
    if not m or len(sentence.split()) > MAX_DATELINE_WORDS:
        return False
    rest = _DATELINE_MARK.sub(" ", m.group("rest"))
    return not any(c.isalpha() for c in rest)  # nothing but the date and the agency after the place


# Where a name inside a dateline is concerned the test is stricter than `strip_dateline`'s (which only decides
# where a quote starts): the head ends before a dash or an agency in slashes, never a colon ("Дипломатът
# Марков: ...", "Dalton, 47, told ...: "), and opens on a place in capitals ("KESTRA BAY –", "PORT VALDOR,
# Norvale —") or ends on an agency in brackets or slashes ("LISBOA (Agência) -", "(ANSA) -"), or carries
# a day and a month ("Варна, 7 юни.").
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}\.?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\.?\s+\d{{1,2}}\b", re.IGNORECASE)
_AGENCY_END = re.compile(r"(?:\([^()]{1,30}\)|/[^/]{1,25}/)\.?$")
_AGENCY_ALONE = re.compile(r"\s*/[^/\n]{1,25}/\.?\s*")  # "/ТАСС/." split off its place and date
# Hindi papers put the agency first: "रॉयटर्स, नई दिल्ली/मुंबई।", "एजेंसी, नई दिल्ली।"
_AGENCY_FIRST = re.compile(r"\s*(?:एजेंसी|रॉयटर्स|एएनआई|एएफपी|एपी|पीटीआई|आईएएनएस|भाषा)\s*,\s*[^,।.!?\n]{2,30}[।.]?\s*")


def dateline_ranges(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every dateline of `text` that opens a sentence or stands as one."""
    out = _hindi_heads(text)
    for start, end in sentences(text):
        sentence = text[start:end]
        if ((is_dateline(sentence) and _DAY_MONTH.search(sentence)) or _AGENCY_FIRST.fullmatch(sentence)
                or _AGENCY_ALONE.fullmatch(sentence)):
            out.append((start, end))
            continue
        m = _DATELINE.match(text, start, end)
        if not m or m.group("sep") == ":" or len(m.group("head").split()) > MAX_DATELINE_WORDS:
            continue
        head = m.group("head").strip()
        # A place in capitals, every word of it (not "США готовят новый план –", "В США –"), and
        # longer than an acronym ("NATO –") unless a date follows it ("ВАРНА, 11 июл -").
        place = head.split(",")[0]
        in_capitals = place.isupper() and min(map(len, place.split())) >= 2 and (len(place) >= 5 or "," in head)
        if in_capitals or _AGENCY_END.search(head) or m.group("sep").startswith("/") or _DAY_MONTH.search(head):
            out.append((start, m.end()))
    return out
