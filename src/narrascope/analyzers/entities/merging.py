"""The entity groups of one article and how they merge: a group is the mentions of one entity (its key's
words, its canonical name, its spans); a name and the acronym in brackets after it, the spellings of one
person's full name and the inflected forms of one Russian name each become one group. Used by
`analyzer.group_mentions`, which forms the groups."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from narrascope.analyzers.entities.canonical import RU_CASE_ENDINGS, RU_CONSONANTS, Canonicalizer
from narrascope.analyzers.entities.russian import common_russian_noun
from narrascope.analyzers.entities.translit import skeleton
from narrascope.document import Span
from narrascope.nlp.names import is_cased, is_place_adjective, without_possessive, written_in_lower_case

NAME_CONNECTORS = {"of", "the", "and", "for", "de", "da", "do", "das", "dos", "на", "и", "за", "по"}


@dataclass(slots=True)
class Group:
    key: tuple[str, ...]  # the words of its name's key
    canonical: str
    spans: list[Span] = field(default_factory=list)


_BRACKETED = re.compile(r"(.*?\S)\s*\(\s*([^()\s][^()]{0,11}?)\s*\)")


def bracketed(surface: str) -> tuple[str, str] | None:
    """(name, short form) of a found name that closes with its short form in brackets ("Европейския съюз
    (ЕС)", "उत्तरी अटलांटिक संधि संगठन (नाटो)"), else None."""
    m = _BRACKETED.fullmatch(surface)
    return (m.group(1), m.group(2)) if m else None


def names_alike(name: str, short: str) -> bool:
    """Whether a bracket after a name holds the name's short form: an acronym after a name of two words or
    more (`Organização do Tratado do Atlântico Norte (NATO)`, `संघीय सुरक्षा सेवा (FSB)`), or one it spells
    out; after one word it is more often a qualifier (`Макеевки (ЛНР)`, `Украины (СБУ)`)."""
    long_name = len([w for w in name.split() if w.lower() not in NAME_CONNECTORS]) >= 2
    acronym = " " not in short and sum(c.isalpha() for c in short) >= 2 and not any(c.islower() for c in short)
    return (long_name and acronym) or spells_out(name, short)  # Devanagari has no case: `नाटो` is an acronym


def spells_out(name: str, short: str) -> bool:
    """Whether `short` is the acronym of `name` (`ВСУ` of `Вооруженных сил Украины`, `EUA` of `Estados Unidos
    da América`) or the same name in another script (`ATACMS`, `АТАКМС`)."""
    words = [w for w in name.split() if w.lower() not in NAME_CONNECTORS and w[:1].isalpha()]
    letters = "".join(c for c in short if c.isalnum())
    if short.isupper() and len(letters) >= 2 and "".join(w[0] for w in words).lower() == letters.lower():
        return True
    return (" " not in name and _script(name) != _script(short) and len(name) == len(short)
            and skeleton(name) == skeleton(short))


def _script(word: str) -> str:
    return "latin" if word.isascii() else "other"


_JOINS = re.compile(r"\s+(?:and|&|e|и)\s+(?:(?:the|do|da|dos|das|de)\s+)?")  # two halves of a name


def merge_spelled_out(groups: list[Group], text: str, lang: str, canonicalizer: Canonicalizer) -> list[Group]:
    """A name and the acronym that follows it in brackets ("Вооруженных сил Украины (ВСУ)") are one entity,
    named as the alias table knows either (the acronym first), when the acronym spells the name out; a
    bracket after a name may hold anything else ("ООН (IPCC)", "ДПА (Германия)")."""
    owner = {(s.start, s.end): g for g in groups for s in g.spans}
    merged: dict[int, Group] = {}  # id of a group -> the group it joined
    for g in groups:
        for s in list(g.spans):
            m = re.match(r"\s*\(\s*", text[s.end : s.end + 4])
            if m is None:
                continue
            start = s.end + m.end()
            other = next((o for (a, b), o in owner.items() if a == start and text[b : b + 1] == ")"), None)
            while other is not None and id(other) in merged:
                other = merged[id(other)]
            target = g
            while id(target) in merged:
                target = merged[id(target)]
            if other is None or other is target:
                continue
            short = " ".join(text[start : next(b for (a, b), o in owner.items() if a == start)].split())
            name = target.canonical
            if not spells_out(" ".join(text[s.start : s.end].split()), short):
                # "National Aeronautics and Space Administration (NASA)": the finder's two halves, one name
                joined = next(((a, o) for (a, b), o in owner.items() if _JOINS.fullmatch(text, b, s.start)
                               and o is not target and id(o) not in merged
                               and spells_out(" ".join(text[a : s.end].split()), short)), None)
                if joined is None:
                    continue
                target.spans.extend(joined[1].spans)
                merged[id(joined[1])] = target
                name = " ".join(text[joined[0] : s.end].split())
            target.canonical = canonicalizer.alias(lang, short) or name
            target.spans.extend(other.spans)
            merged[id(other)] = target
    return [g for g in groups if id(g) not in merged]


def spelling(g: Group, text: str) -> str | None:
    """How a person's full name sounds (`translit.skeleton`), the same for its spellings ("Alexander Dugin",
    "Aleksandr Dugin"; "Volodymyr Zelensky", "Vladimir Zelensky", "व्लादिमिर जेलेंस्की"); None for other names."""
    return skeleton(g.canonical) if " " in g.canonical and person_like(g, text) else None


def merge_spellings(groups: list[Group], text: str) -> list[Group]:
    """One group per person of the article however its full name is spelled; the name written most often
    (the first found on a tie) names it."""
    sounds = [spelling(g, text) for g in groups]
    by_sound: dict[str, list[Group]] = {}
    for g, sound in zip(groups, sounds, strict=True):
        if sound:
            by_sound.setdefault(sound, []).append(g)
    if all(len(same) == 1 for same in by_sound.values()):
        return groups  # most articles: no name spelled two ways
    out = []
    for g, sound in zip(groups, sounds, strict=True):
        same = by_sound.get(sound, [g]) if sound else [g]
        if same[0] is not g and g in same:
            continue  # merged into the first of its spellings below
        if len(same) > 1:
            g = Group(g.key, max(same, key=lambda x: len(x.spans)).canonical, [sp for x in same for sp in x.spans])
        out.append(g)
    return out


def merge_first_names(groups: list[Group], text: str, known: Callable[[str], bool]) -> list[Group]:
    """A first name alone joins the one full name of the article that it opens, where the full name reads as a
    person's: the article also writes the surname alone ("Tommy" and "Tuberville" are "Tommy Tuberville"), or
    it introduced the full name before calling its bearer by the first name (`_introduced_before`). Not a
    place's or a body's ("Kyiv" is no part of "Kyiv regime"). Family names first read the same way ("Xi" of
    "Xi Jinping"). `known`: whether a name is the alias table's (a place or a body: "Ukraine" is no first name)."""
    alone = {g.key[0]: g for g in groups if len(g.key) == 1 and not known(g.canonical)
             and all(form.istitle() and form.isalpha() for form in surfaces(g, text))}
    people = [g for g in groups if len(g.key) == 2 and person_like(g, text)]
    merged: set[int] = set()
    for first, g in alone.items():
        fits = [p for p in people if p.key[0] == first
                and (_surname_alone(p, text, known) or _introduced_before(p, g, text, known))]
        if len(fits) == 1:
            fits[0].spans.extend(g.spans)
            merged.add(id(g))
    return [g for g in groups if id(g) not in merged]


def _introduced_before(full: Group, alone: Group, text: str, known: Callable[[str], bool]) -> bool:
    """Whether the article writes the full name before the first name alone ("Hillary Clinton ... Hillary's
    laugh"), and the full name reads as no body's or place's: never after "the" ("the Valdor Herald" ...
    "Valdor voted"), its last word neither a name of its own that the alias table knows ("Horizon Europe")
    nor a common noun the article also writes in lower case ("Parkland Hospital" ... "the hospital"; an
    address is no running text), its first word no adjective of a place, a people or a creed ("Ukrainian
    Nazis", "Islamic State")."""
    if min(s.start for s in full.spans) > min(s.start for s in alone.spans):
        return False
    if any(text[max(s.start - 4, 0) : s.start].lower() == "the " for s in full.spans):
        return False
    words = text[full.spans[0].start : full.spans[0].end].split()
    last = without_possessive(words[-1])
    return (not known(last) and not _adjective_like(words[0])
            and not re.search(rf"(?<![\w.@/-]){re.escape(last.lower())}(?![\w@/-])", text))


# Words that describe a people, a faith or a creed before a noun ("Muslim community", "Islamic terrorism",
# "Jihadist groups"): alone they are no first name of the name they open ("Muslim Brotherhood").
_CREED_WORDS = {"muslim", "black", "white"}
_CREED_ENDINGS = ("ic", "ist")


def _adjective_like(word: str) -> bool:
    w = word.lower()
    return is_place_adjective(w) or w in _CREED_WORDS or (len(w) > 5 and w.endswith(_CREED_ENDINGS))


def _surname_alone(g: Group, text: str, known: Callable[[str], bool]) -> bool:
    """Whether the article also writes the last word of the group's name alone, and that word is no name the
    alias table knows of its own ("Europe" of "Horizon Europe")."""
    last = text[g.spans[0].start : g.spans[0].end].split()[-1]
    return not known(last) and any(form.lower() == last.lower() for form in surfaces(g, text))


def surfaces(g: Group, text: str) -> set[str]:
    return {" ".join(text[s.start : s.end].split()) for s in g.spans}


def merge_inflections(groups: list[Group], text: str) -> list[Group]:
    """A one-word Russian name and the one-word groups of the article that are only its other cases ("Орбан"
    with "Орбана" and "Орбаном", `canonical.RU_CASE_ENDINGS`) are one entity, named as the uninflected one
    is: the dictionary's guesses for unknown surnames made them two entities of one article."""
    base: dict[str, Group] = {}
    for g in groups:
        forms = surfaces(g, text)
        for w in forms:
            if " " not in w and w[:1].isupper() and len(w) >= 4 and w[-1].lower() in RU_CONSONANTS:
                base.setdefault(w, g)
    if not base:
        return groups
    out, merged = [], {}
    for g in groups:
        forms = surfaces(g, text)
        owners = {id(o): o for w in forms for e in RU_CASE_ENDINGS
                  if w.endswith(e) and (o := base.get(w[: -len(e)])) is not None and o is not g}
        if len(owners) == 1 and all(" " not in w for w in forms):
            target = next(iter(owners.values()))
            if all(any(w == f + e for f in surfaces(target, text) for e in RU_CASE_ENDINGS) for w in forms):
                merged.setdefault(id(target), []).extend(g.spans)
                continue
        out.append(g)
    for g in out:
        g.spans.extend(merged.get(id(g), []))
    return out


# The particles of a surname, in lower case inside a name ("Ursula von der Leyen", "Mark van den Berg").
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "di", "du", "del", "la", "le"})


def person_like(g: Group, text: str) -> bool:
    """Two to four capitalised words (any words in uncased scripts; a surname's particles in lower case): a
    name whose last word can stand alone, as a surname does."""
    words = text[g.spans[0].start : g.spans[0].end].split()
    return 2 <= len(words) <= 4 and all(
        not is_cased(w) or w[:1].isupper() or w.lower() in NAME_CONNECTORS or w.lower() in NAME_PARTICLES
        for w in words
    )


def alias_fits(alias: str | None, g: Group) -> bool:
    """Whether a short mention the alias table knows may stand for the longer name `g`: its canonical name
    is a full name that ends as `g`'s does ("Putin" is Vladimir Putin, as is "Vladimir Vladimirovich Putin"
    or "व्लादिमीर पुतिन"), not a name of its own ("Ukraine" is not "Western Ukraine", "NATO" not "NATO
    Secretary")."""
    if alias is None:
        return True
    words, full = skeleton(alias).split(), skeleton(g.canonical).split()
    return len(words) > 1 and bool(full) and words[-1] == full[-1]


def _initials(words: tuple[str, ...], surface: str) -> str:
    capitals = [w for w in surface.split() if w[:1].isupper() and w.lower() not in NAME_CONNECTORS]
    return "".join(w[0] for w in capitals).lower() if len(capitals) == len(
        [w for w in words if w not in NAME_CONNECTORS]) else ""


def attach_short(key: tuple[str, ...], surface: str, groups: list[Group], text: str,
                 alias: str | None = None, own_name: bool = False, before: str = "") -> Group | None:
    """The longer group of the article this shorter mention refers to, if exactly one fits (spellings of one
    person's full name count as one). `alias`: the mention's canonical name where the alias table knows it;
    `own_name`: the tables name the mention in its own right ("Mexico"), so it is no short form of a longer
    name that only qualifies it ("New Mexico", "Eastern Europe", a heading's "About Australia"), unless the
    word `before` the mention is the qualifier (a headline's "New Mexico Ranch Deal", found as "Mexico")."""
    fits, ends = [], []
    for g in groups:
        if (len(g.key) > len(key) and (g.key[-len(key) :] == key or _ends_as_written(g, surface, text))
                and person_like(g, text) and g.key[-len(key) - 1] not in NAME_CONNECTORS and alias_fits(alias, g)):
            fits.append(g)  # "Macron" ends "Emmanuel Macron"; "Санду" ends "Майя Санду" however read
            ends.append(g)
        elif len(key) == 1 and surface.isupper() and len(surface) >= 2 and any(
            _initials(g.key, " ".join(text[s.start : s.end].split())) == key[0] for s in g.spans[:1]
        ):
            fits.append(g)  # "NOAA" spells "National Oceanic and Atmospheric Administration"
    if own_name and any(_qualifying(g, text) and not _qualified_by(g, text, before) for g in ends):
        return None
    if len(fits) > 1 and len({spelling(g, text) for g in fits}) == 1 and spelling(fits[0], text):
        return max(fits, key=lambda g: len(g.spans))  # "Dugin" of "Alexander Dugin" and "Aleksandr Dugin"
    return fits[0] if len(fits) == 1 else None


# Words that name a part of a place before its name ("New Mexico", "Eastern Europe", "South Vietnam").
PLACE_QUALIFIERS = frozenset({"new", "north", "northern", "south", "southern", "east", "eastern", "west", "western",
                              "central", "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest"})


def _qualifying(g: Group, text: str) -> bool:
    """Whether a word before the last of the group's first mention names a part of a place (`PLACE_QUALIFIERS`)
    or is one the article writes in lower case (`about` of a heading's "About Australia"), or a comma parts
    them ("Putin, Russia"): no first name, which neither is."""
    start, end = g.spans[0].start, g.spans[0].end
    words = list(re.finditer(r"\S+", text[start:end]))[:-1]
    return "," in text[start:end] or any(
        w.group().lower() in PLACE_QUALIFIERS or written_in_lower_case(text, start + w.start(), start + w.end())
        for w in words)


def _qualified_by(g: Group, text: str, word: str) -> bool:
    """Whether `word` is the word before the last of the group's first mention ("New" of "New Mexico")."""
    words = text[g.spans[0].start : g.spans[0].end].split()
    return len(words) > 1 and words[-2].lower() == word.lower()


def _ends_as_written(g: Group, surface: str, text: str) -> bool:
    """Whether a one-word mention is written as the last word of the group's first mention (an indeclinable
    surname the dictionary reads in two ways: "Санду" alone as a form of "Санда")."""
    words = text[g.spans[0].start : g.spans[0].end].split()
    return (" " not in surface.strip() and len(words) > 1 and words[-1].lower() == surface.strip().lower()
            and not common_russian_noun(words[0]))  # "Байдена" is no part of "Администрация Байдена"
