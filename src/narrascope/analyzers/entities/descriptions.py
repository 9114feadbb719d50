"""Descriptions of office holders ("the French president", "руският президент", "o líder russo", "रूसी
राष्ट्रपति") and the person of the article each stands for, where that is clear.

An article names Emmanuel Macron once and then writes "the French president" or "the French leader"; a
reader takes both for Macron, and so should the entity panel, the entity's evidence and its role. A
description is an office (`offices.OFFICES`) with its country written as an adjective or after "of" and
its like (`offices.COUNTRY_FORMS`), in the five languages. "Former" descriptions and plurals are never
joined. A description joins the one person of the article that

1. the article itself gives that office, as a title before the name ("French President Emmanuel Macron",
   "президент Франции Эммануэль Макрон", "o presidente francês, Emmanuel Macron"), or else
2. the table of office holders (`offices.HOLDERS`) gives it, when the article names exactly one of them,

and stays unjoined otherwise (two candidates, or none). "Leader" and "head of state" stand for the
office that leads the country (`offices.HEAD`).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from narrascope.analyzers.entities.offices import COUNTRY_FORMS, HEAD, HOLDERS, LEADER, OFFICES, Holder
from narrascope.analyzers.entities.translit import skeleton
from narrascope.nlp.text import WORD_CHARS

_START, _END = rf"(?<![{WORD_CHARS}-])", rf"(?![{WORD_CHARS}-])"  # the project's word letters, marks included
TITLE_GAP = re.compile(r"[\s,]{0,3}")  # between a title and its name: "the Ukrainian president, Volodymyr Zelensky"

# Endings the Slavic patterns add to a stem (masculine singular: a plural office is no one person).
_ADJECTIVE_ENDINGS = {"bg": "(?:ият|ия|и)", "ru": "(?:ий|ого|ому|им|ом)"}
_OFFICE_ENDINGS = {"bg": "(?:ът|ят|а|я)?", "ru": "(?:а|у|ом|е)?"}
_SPECIAL_OFFICES = {  # multiword offices whose first word inflects
    ("ru", "генеральный секретарь"): "генеральн(?:ый|ого|ому|ым|ом) секретар(?:ь|я|ю|ём|ем|е)",
    ("bg", "генерален секретар"): "генерал(?:ен|ният|ния) секретар(?:ят|я)?",
    ("bg", "държавен глава"): "държав(?:ен|ният|ния) глава",
    ("ru", "глав"): "глав(?:а|ы|е|у|ой)",
    ("ru", "министр иностранных дел"): "министр(?:а|у|ом|е)? иностранных дел",
    ("ru", "министр обороны"): "министр(?:а|у|ом|е)? обороны",
    ("ru", "глава МИД"): "глав(?:а|ы|е|у|ой) МИД",
    ("ru", "глава Минобороны"): "глав(?:а|ы|е|у|ой) Минобороны",
    ("ru", "госсекретарь"): "госсекретар(?:ь|я|ю|ём|ем|е)",
    ("bg", "външен министър"): "външ(?:ен|ният|ния) министър",
    ("bg", "министър на външните работи"): "министъ?р(?:ът|а)? на външните работи",
    ("bg", "министър на отбраната"): "министъ?р(?:ът|а)? на отбраната",
}
_FORMER = {
    "en": r"(?P<former>(?:former|ex-|then-)\s*)?",
    "bg": r"(?P<former>бивш(?:ият|ия|и)\s+)?",
    "ru": r"(?P<former>(?:бывш\w*\s+|экс-))?",
    "pt": r"(?P<former>(?:ex-|antig[oa]\s+))?",
    "hi": r"(?P<former>पूर्व\s+)?",
}
_OF = {"en": r"\s+of\s+", "bg": r"\s+на\s+", "ru": r"\s+", "pt": r"\s+", "hi": None}
# A description after these words names an office or anyone who holds it, not the person: "another Russian
# leader", "कोई भारतीय पीएम" (any Indian PM), "the Office of the President of Ukraine", "с поста президента".
_GENERIC = {"en": {"a", "an", "any", "every", "each", "no", "another"}, "bg": {"всеки", "един", "никой", "друг"},
            "ru": {"любой", "любого", "каждый", "один", "другой", "никакой"},
            "pt": {"um", "uma", "qualquer", "nenhum", "cada", "outro"}, "hi": {"कोई", "किसी", "हर", "एक"}}
_INSTITUTIONS = {"en": {"office", "administration", "cabinet", "post"},
                 "bg": {"офис", "офиса", "администрацията", "поста", "кабинета"},
                 "ru": {"офис", "офиса", "офисе", "офисом", "администрации", "администрация", "администрацию",
                        "аппарата", "аппарат", "поста", "пост", "посту", "должность", "должности"},
                 "pt": {"gabinete", "cargo", "palácio", "administração"}, "hi": {"कार्यालय"}}
# Hindi marks no plural on the office: "ब्रिटेन और अमेरिका के विदेश मंत्री" (after two countries joined by
# "and") are the foreign ministers of Britain and America, two people.
_AND = {"hi": {"और", "व", "तथा"}}
_LINKS = {"en": {"of", "the"}, "bg": {"на"}, "ru": set(), "pt": {"do", "da", "de", "o", "a"}, "hi": {"के", "का", "की"}}
# Hindi puts a noun after the office to make a compound that names no one: "अमेरिकी राष्ट्रपति चुनाव"
# (the US presidential election), "यूक्रेन के राष्ट्रपति कार्यालय" (the office of Ukraine's president).
_COMPOUND_HEADS = {"hi": frozenset({"चुनाव", "चुनावों", "कार्यालय", "भवन", "पद", "उम्मीदवार", "प्रत्याशी", "आवास",
                                    "निवास", "प्रशासन"})}
# Words before an office alone that make it someone else's, or no longer theirs ("former President Donald
# Trump", "Vice President Joe Biden").
_NOT_NOW = frozenset({"former", "then", "vice", "бивш", "бившия", "бившият", "бивши", "бывший", "бывшего",
                      "бывшему", "бывшим", "вице", "antigo", "antiga", "पूर्व", "उप"})


@dataclass(frozen=True, slots=True)
class Description:
    start: int
    end: int  # end exclusive
    country: str
    office: str
    office_start: int  # the office words alone: "президента" of "президента Украины"
    office_end: int
    former: bool = False


def _alt(patterns: Sequence[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


def _office_patterns(lang: str) -> list[tuple[str, str]]:
    out = []
    for office, words in OFFICES.items():
        for w in words.get(lang, ()):
            rx = _SPECIAL_OFFICES.get((lang, w)) or re.escape(w).replace(r"\ ", r"\s+") + _OFFICE_ENDINGS.get(lang, "")
            out.append((office, rx))
    return out


def _country_patterns(lang: str) -> list[tuple[str, str, str]]:
    """(country, adjective pattern, "of" pattern) of each country the language writes."""
    out = []
    for country, forms in COUNTRY_FORMS.items():
        adjectives, of_forms = forms.get(lang, ((), ()))
        ending = _ADJECTIVE_ENDINGS.get(lang)
        adj = [re.escape(a[:-1] if ending and a.endswith("и") else a) + (ending or "") for a in adjectives]
        of = [re.escape(f).replace(r"\ ", r"\s+") for f in of_forms]
        out.append((country, _alt(adj) if adj else "(?!)", _alt(of) if of else "(?!)"))
    return out


@functools.cache
def _compiled(lang: str) -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]],
                                  list[tuple[str, re.Pattern[str], re.Pattern[str]]]]:
    offices = _office_patterns(lang)
    countries = _country_patterns(lang)
    office = f"(?P<office>{_alt([rx for _, rx in offices])})"
    adjective = f"(?P<country>{_alt([a for _, a, _ in countries])})"
    of_country = f"(?P<country2>{_alt([o for _, _, o in countries])})"
    former = _FORMER[lang]
    if lang == "pt":  # the office first: "o presidente russo", "o presidente da Rússia"
        forms = [f"{former}{office}\\s+(?:{adjective}|{of_country})"]
    elif lang == "hi":  # "रूसी राष्ट्रपति", "रूस के राष्ट्रपति"
        forms = [f"{former}(?:{adjective}|{of_country}\\s+के)\\s+{office}"]
    else:
        # "head of Ukraine's intelligence" is no head of Ukraine: no possessive after the country.
        forms = [f"{former}{adjective}\\s+{office}", f"{former}{office}{_OF[lang]}{of_country}(?!['’]s)"]
        if lang == "en":  # "Russia's president"
            forms.append(f"{former}(?P<country3>{_alt([o for _, _, o in countries])})['’]s\\s+{office}")
    # Python allows a group name once per pattern: number the repeats.
    pattern = "|".join(f"(?:{f})" for f in forms)
    for name in ("former", "office", "country", "country2"):
        parts = pattern.split(f"(?P<{name}>")
        pattern = parts[0] + "".join(f"(?P<{name}{i or ''}>" + p for i, p in enumerate(parts[1:]))
    flags = re.IGNORECASE
    return (re.compile(f"{_START}(?:{pattern}){_END}", flags),
            [(o, re.compile(rx, flags)) for o, rx in offices],
            [(c, re.compile(a, flags), re.compile(o, flags)) for c, a, o in countries])


def _group(m: re.Match[str], prefix: str) -> tuple[str, int, int] | None:
    for name, value in m.groupdict().items():
        if value is not None and name.rstrip("0123456789") == prefix:
            return value, m.start(name), m.end(name)
    return None


def find_descriptions(text: str, lang: str) -> list[Description]:
    """The office-holder descriptions of `text`, in order; none for a language without patterns."""
    return list(_scan((lang or "").lower(), text))


def _scan(lang: str, text: str) -> tuple[Description, ...]:
    if lang not in _FORMER:
        return ()
    rx, offices, countries = _compiled(lang)
    out = []
    for m in rx.finditer(text):
        office_text, o_start, o_end = _group(m, "office") or ("", 0, 0)
        country_text = next((g[0] for p in ("country", "country2", "country3") if (g := _group(m, p))), "")
        office = next((o for o, orx in offices if orx.fullmatch(office_text)), None)
        country = next((c for c, a, o in countries if a.fullmatch(country_text) or o.fullmatch(country_text)), None)
        following = text[m.end() : m.end() + 20].split()[:1]
        if following and following[0] in _COMPOUND_HEADS.get(lang, ()) or _office_not_person(text, m.start(), lang):
            continue
        if office and country:
            out.append(Description(m.start(), m.end(), country, office, o_start, o_end,
                                   former=_group(m, "former") is not None))
    return tuple(out)


def _office_not_person(text: str, start: int, lang: str) -> bool:
    """Whether the words before a description make it an office or anyone in it (`_GENERIC`, `_INSTITUTIONS`)."""
    words = [w.strip(".,;:!?\"'«»“”()").lower() for w in text[max(0, start - 60) : start].split()[-3:]]
    if words and words[-1] in _GENERIC[lang]:
        return True
    if len(words) >= 2 and words[-1] in _AND.get(lang, ()) and is_country(words[-2], lang):
        return True  # "ब्रिटेन और अमेरिका के विदेश मंत्री", not "मोदी और रूसी राष्ट्रपति"
    while words and words[-1] in _LINKS[lang]:
        words.pop()
    return bool(words) and words[-1] in _INSTITUTIONS[lang]


def is_country(word: str, lang: str) -> bool:
    """Whether `word` names a country (or is its adjective) in `lang`; False in a language without patterns."""
    if lang not in _FORMER:
        return False
    _, _, countries = _compiled(lang)
    return any(a.fullmatch(word) or o.fullmatch(word) for _, a, o in countries)


@functools.cache
def _holder_keys(h: Holder) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    names = (h.name, *h.spellings)
    return (frozenset(skeleton(n) for n in names), frozenset(skeleton(n.split()[0]) for n in names),
            frozenset(skeleton(n.split()[-1]) for n in names))


@functools.cache
def holder_offices(name: str) -> frozenset[tuple[str, str]]:
    """The (country, office) pairs the table gives the person `name` (a canonical name, any script)."""
    words = name.split()
    if not words:
        return frozenset()
    whole, first, last = skeleton(name), skeleton(words[0]), skeleton(words[-1])
    out: set[tuple[str, str]] = set()
    for h in HOLDERS:
        full_names, first_names, surnames = _holder_keys(h)
        if (whole in full_names or (len(words) >= 2 and last in surnames and first in first_names)
                or (len(words) == 1 and h.surname_alone and len(last) >= 4 and last in surnames)):
            out.update(h.offices)
    return frozenset(out)


def office_fits(described: str, held: str, country: str) -> bool:
    """Whether a description's office is an office held: "leader" is the country's leading office."""
    return described == held or (described == LEADER and HEAD.get(country) == held)


def resolve(description: Description, titled: dict[int, set[tuple[str, str]]],
            tabled: dict[int, frozenset[tuple[str, str]]]) -> int | None:
    """The person a description stands for, by index: the one the article titles with the office, else the
    one holder of it the table knows among the article's persons; None when it is not clear.

    `titled`: person -> (country, office) pairs the article gives it as titles; `tabled`: the table's."""
    if description.former:
        return None
    for source in (titled, tabled):
        fits = [i for i, held in source.items()
                if any(c == description.country and office_fits(description.office, o, c) for c, o in held)]
        if len(fits) == 1:
            return fits[0]
        if fits:
            return None  # two persons fit: not clear
    return None


@functools.cache
def _bare_office(lang: str) -> re.Pattern[str]:
    """An office word alone at the start of a name ("Президент Владимир Путин", "Премиерът Орбан")."""
    return re.compile(f"{_START}(?:{_alt([rx for _, rx in _office_patterns(lang)])})" + r"[\s,]+(?=[^\W\d_])",
                      re.IGNORECASE)


def title_length(surface: str, lang: str) -> int:
    """How many leading characters of a found name are a title, not the name ("President of Ukraine
    Volodymyr Zelensky", "Presidente da Rússia Vladimir Putin", "Президент Владимир Путин"): 0 unless a
    capitalised name follows the title (Hindi has no capitals, and `राष्ट्रपति भवन` is a palace, so it is
    left alone)."""
    lang = (lang or "").lower()
    if lang not in _FORMER or lang == "hi":
        return 0
    cut = 0
    first = next(iter(find_descriptions(surface, lang)), None)
    if first is not None and first.start == 0 and not first.former:
        cut = first.end + len(TITLE_GAP.match(surface, first.end).group())
    elif lang in ("bg", "ru") and (m := _bare_office(lang).match(surface)):
        cut = m.end()
    rest = surface[cut:]
    return cut if cut and rest[:1].isupper() and len(rest) >= 2 else 0


# An article's descriptions, found once for the title cut of each of its spans and for `join` (a name's own
# surface goes through `_scan` uncached, so that it never pushes the article out).
_article_descriptions = functools.lru_cache(maxsize=4)(_scan)
ORGANISATIONS = frozenset({"NATO", "United Nations"})  # the "countries" of `COUNTRY_FORMS` that are none


def country_of_title(text: str, start: int, end: int, lang: str) -> int:
    """How many leading characters of the found name text[start:end] are the country of an office title that
    opens before it ("президента на Русия Владимир Путин" found as "Русия Владимир Путин"): 0 if none."""
    lang = (lang or "").lower()
    if lang not in _FORMER or lang == "hi":
        return 0
    for d in _article_descriptions(lang, text):
        d_start, d_end = d.start, d.end
        if d_start < start < d_end < end and not d.former:
            cut = d_end + len(TITLE_GAP.match(text, d_end).group()) - start
            rest = text[start + cut : end]
            # after an organisation only a holder of its office: "head of the United Nations Development
            # Program" names a programme, "NATO Secretary-General Jens Stoltenberg" a person
            known = d.country not in ORGANISATIONS or holder_offices(rest)
            return cut if rest[:1].isupper() and len(rest) >= 2 and known else 0
    return 0


def join(text: str, lang: str, mentions: Sequence[Sequence[tuple[int, int]]], names: Sequence[str],
         persons: Collection[int], in_body: Callable[[int, int], bool] | None = None
         ) -> tuple[list[tuple[int, int, int]], dict[int, int], set[tuple[int, int]]]:
    """Where the descriptions of `text` go, given the article's entities (`mentions`: each entity's
    (start, end) spans; `names`: their canonical names; `persons`: the entities whose names read as a
    person's): the descriptions that become mentions of a person, as (entity, start, end); the
    entities that are a description only ("रूसी राष्ट्रपति" found as a name) mapped to the person they
    join; and the found spans that are words of an office, no names (Portuguese capitalises the ministry in
    "o ministro dos Negócios Estrangeiros russo", "chefe de Estado")."""
    descriptions = [d for d in _article_descriptions((lang or "").lower(), text)
                    if in_body is None or in_body(d.start, d.end)]
    if not descriptions:
        return [], {}, set()
    spans = sorted((s, e, g) for g, ms in enumerate(mentions) for s, e in ms)
    described = {g for g, ms in enumerate(mentions)
                 if ms and all(any(d.start <= s <= d.office_start and d.office_end <= e <= d.end
                                   for d in descriptions) for s, e in ms)}
    persons = {g for g in persons if g not in described} | {g for g, name in enumerate(names)
                                                           if g not in described and holder_offices(name)}
    titled: dict[int, set[tuple[str, str]]] = {}
    title_of: dict[Description, int | None] = {}  # a title names its person, if anyone
    for d in descriptions:
        g = _titled(text, d, spans, described)
        if g is not None:
            title_of[d] = g if g in persons and _may_hold(d, names[g]) else None
            if title_of[d] is not None:
                titled.setdefault(g, set()).add((d.country, d.office))
    tabled = {g: held for g, name in enumerate(names) if g in persons and (held := holder_offices(name))}
    for g, held in tabled.items():  # "President Joe Biden": an office alone, whose country the table gives
        offices = {o for s, e in mentions[g] if (o := _bare_title(text, s, e, lang))}
        titled.setdefault(g, set()).update((c, o) for c, o in held for t in offices if office_fits(t, o, c))
    titled = {g: t for g, t in titled.items() if t}
    fragments = {(s, e) for d in descriptions if lang == "pt" for s, e, g in spans
                 if d.office_start < s and e <= d.office_end and g not in described}
    added: list[tuple[int, int, int]] = []
    votes: dict[int, set[int | None]] = {}
    for d in descriptions:
        target = title_of[d] if d in title_of else resolve(d, titled, tabled)
        target = target if target in persons else None
        inside = [(s, e, g) for s, e, g in spans if s < d.end and d.start < e and (s, e) not in fragments]
        own = [g for s, e, g in inside if g in described and d.start <= s and e <= d.end]
        if own:  # found as a name of its own
            for g in own:
                votes.setdefault(g, set()).add(None if d.former else target)
        elif d in title_of or target is None:
            continue
        elif all(d.start <= s and e <= d.end for s, e, _ in inside):  # nothing found there, or only its country
            # the whole description, its country's mention inside it: "head of France", not "head"
            added.append((target, d.start, d.end))
    merged = {g: next(iter(v)) for g, v in votes.items() if len(v) == 1 and None not in v}
    return added, {g: t for g, t in merged.items() if t not in merged}, fragments


def _bare_title(text: str, start: int, end: int, lang: str) -> str | None:
    """The office a name's mention opens with, or follows, alone ("President Joe Biden")."""
    _, offices, _ = _compiled(lang)
    m = _bare_office(lang).match(text, start, end) or next(
        (b for b in _bare_office(lang).finditer(text, max(0, start - 40), end) if b.end() == start), None)
    if m is None or any(w.lower() in _NOT_NOW for w in text[max(0, m.start() - 12) : m.start()].split()[-1:]):
        return None
    word = m.group().rstrip(" ,\n\t")
    return next((o for o, orx in offices if orx.fullmatch(word)), None)


def _may_hold(d: Description, name: str) -> bool:
    """Whether the person `name` may hold the office a title before their name gives: the table says so, or
    names nobody for it ("Slovak Prime Minister Robert Fico" is trusted; "пресс-секретарь президента России
    Дмитрий Песков" is not Putin's office, which the title's words before the name only seem to give)."""
    if d.former:
        return False
    held = holder_offices(name)
    if any(c == d.country and office_fits(d.office, o, c) for c, o in held):
        return True
    return not held and not any(c == d.country and office_fits(d.office, o, c)
                                for h in HOLDERS for c, o in h.offices)


def _titled(text: str, d: Description, spans: list[tuple[int, int, int]], described: set[int]) -> int | None:
    """The entity whose name the description opens as a title, if any: within one found span ("Russian
    President Vladimir Putin") or just before one ("रूसी राष्ट्रपति व्लादिमीर पुतिन")."""
    for s, e, g in spans:
        if g in described:
            continue
        if s <= d.start and d.end < e and text[d.end : e].strip()[:1].isalpha():
            return g
        if s >= d.end and TITLE_GAP.fullmatch(text, d.end, s):
            return g
    return None
