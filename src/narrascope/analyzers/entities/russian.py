"""Russian names in the nominative: the dictionary readings (natasha's morphology, pymorphy dictionaries)
that `canonical.key_words` builds Russian keys from (`Путина` -> `путин`, `Российской Федерации` ->
`российская федерация`, `Московской области` -> `московская область`)."""
from __future__ import annotations

import functools
import re

from narrascope.nlp.ner_models import morph_vocab

_NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr")
_PERSON_TAGS = ("Name", "Surn", "Patr")
# Verb and adverb readings: a name word the dictionary reads best as one of these and never as a name is an
# unknown name ("Моди", "Родопи", "Мурило"), and keeps its form. (Particles such as "фон" keep the old rule.)
_VERB_PARTS = frozenset({"VERB", "INFN", "GRND", "PRTS", "COMP", "ADVB"})
UNLIKELY_NAME = 0.1  # a name-like reading this much less likely than the word's best reading is ignored


@functools.lru_cache(maxsize=100_000)
def _russian_parse(word: str):
    """The parse of a Russian name word: a name-like reading (Surn, Geox, ...) that is the word itself in the
    nominative ("Песков" the surname, not "песок"); else a name-like reading unless the dictionary finds it
    far less likely than its best one ("Путина" is Путин; "море" is no form of the name "Мора"); else the
    word itself in the nominative; else the dictionary's first reading; None if unknown, or if the best
    reading is a verb or adverb and none is a name ("Моди", read as a verb's imperative)."""
    try:
        parses = morph_vocab().parse(word)
    except Exception:  # noqa: BLE001 - without the dictionaries a name keeps its form
        return None
    parses = [p for p in parses if not _zero_ending_of_feminine_name(p, word)]
    if not parses or (_INDECLINABLE_END.search(word) and not any(_known(p) for p in parses)):
        return None
    named = [p for p in parses if any(t in str(p.tag) for t in _NAME_TAGS)]
    if not named and parses[0].tag.POS in _VERB_PARTS:
        # A reading as likely as the best one that is no verb ("Бучу": the town Буча, not a verb "бучить"),
        # else the word keeps its form ("Моди" is no imperative of a verb "модить").
        tied = [p for p in parses if p.tag.POS not in _VERB_PARTS and p.score >= parses[0].score]
        return tied[0] if tied else None
    same = [p for p in parses if p.normal_form == word and "nomn" in str(p.tag)]
    likely = [p for p in named if p.score >= UNLIKELY_NAME * parses[0].score]
    return next(iter([p for p in same if p in named] + likely + same + named + parses))


# A foreign name ending in a consonant and "и" that the dictionary does not know is indeclinable: "Гросси",
# "Тайани" are not forms of a "Гросся" or "Тайань" it guesses. Not after г, к, х and the hushing consonants, where
# "и" is the genitive of a noun in "-ка" ("Стельмаховки", the village Стельмаховка).
_INDECLINABLE_END = re.compile("[бвдзлмнпрстфц]и$")


def _zero_ending_of_feminine_name(parse, word: str) -> bool:
    """A reading of `word` as a feminine name's form without ending (its genitive plural or vocative:
    "ранделл" of "Ранделла", "стубб" of "Стубба"): a foreign surname ending in a consonant is its own nominative."""
    tag = str(parse.tag)
    person = "voct" in tag or ("plur" in tag and any(t in tag for t in _PERSON_TAGS))
    return person and parse.normal_form in (word + "а", word + "я")


def _acronym(word: str) -> bool:
    """In capitals, or with more than one ("БпЛА")."""
    return word.isupper() or sum(c.isupper() for c in word) > 1


def _known(parse) -> bool:
    """Whether the dictionary holds the parse's word as it is, not guessed from its ending or prefix."""
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer" and len(parse.methods_stack) == 1


def _in_dictionary(word: str) -> bool:
    """Whether the dictionary knows `word` (lower case) as it is, not by guessing from its ending: an
    acronym in capitals keeps its form unless it is a dictionary word ("НАТО"), so that "БПЛА" is not read
    as a form of a verb "бпнуть"."""
    p = _russian_parse(word)
    return p is not None and _known(p)


# Readings that name no one: natasha tags a capitalised gerund, infinitive, comparative, adverb or participle
# at a sentence's start as a name ("Улетая", "Пролетев", "Севернее", "Вовсю", "Оболваненные").
_NO_NAME_PARTS = frozenset({"GRND", "INFN", "COMP", "ADVB", "PRTF"})


def no_name_word(word: str) -> bool:
    """Whether a one-word Russian span is a word the dictionary knows as it is, reads best as one of
    `_NO_NAME_PARTS` and never as a name. Verbs' personal forms and short participles are left alone: the
    dictionary reads unknown names as them ("Моди", "Мурило", "Безымено")."""
    p = _common_reading(word.lower())
    return p is not None and p.tag.POS in _NO_NAME_PARTS


# The months in every case ("июня", "мае"), which the dictionary also reads as names ("Мая").
_MONTHS = frozenset(
    [stem + end for stem in ("январ", "феврал", "апрел", "июн", "июл", "сентябр", "октябр", "ноябр", "декабр")
     for end in ("ь", "я", "ю", "е", "ём", "ем")]
    + [stem + end for stem in ("март", "август") for end in ("", "а", "у", "е", "ом")]
    + ["май", "мая", "маю", "мае", "маем"])
# The rest of a name in quotation marks: at most three more words, then the closing mark.
_QUOTED_NAME = re.compile(r"(?:[ -][^\s«»\"„“”.!?,;:]+){0,3}[»\"“”]")
_NEXT_WORDS = re.compile(r"((?:\s*(?:,|\sи|\sили)\s+[А-ЯЁ][а-яё]+)*)((?:\s+[а-яё]{3,}){1,3})")


def adjective_phrase_end(text: str, start: int, end: int) -> int | None:
    """Where the name that the one-word span text[start:end] opens ends, when the span is an adjective of the
    common noun after it: the noun's end ("Российские правоохранители", "Северные потоки": the phrase, as the
    annotators mark such groups), or `start` at the head of an enumeration, whose noun is shared ("Белгородской,
    Курской и Херсонской областей", "Брянской или Орловской областях": no name of its own) and before a month
    (a date). None when the span is no such adjective: a place named by one stands alone ("Урожайное, ...",
    "Новопокровское в ДНР"), and so does a name in quotation marks («Русский союз»); a quotation mark that opens
    someone's words opens no name ('"Украинские моряки давно знают, ..."'). (Before a name the phrase is a title: `adjectives.adjective_phrase_end`.)"""
    word = text[start:end].lower()
    if text[max(0, start - 1):start] in ("«", '"', "„", "“") and _QUOTED_NAME.match(text, end):
        return None
    # An adjective of a place ("украинское", "французские": the dictionary tags it as geographic) heads a phrase
    # as any other does ("Украинское руководство"); a name's reading ("Сергеевское" as a surname) does not.
    reading = _common_reading(word) or _place_adjective(word)
    after = _NEXT_WORDS.match(text, end)
    if reading is None or reading.tag.POS != "ADJF" or after is None:
        return None
    chain = re.findall(r"[А-ЯЁ][а-яё]+", after.group(1))
    if not all(_reading(w.lower(), "ADJF") is not None for w in chain):
        return None
    for nxt in re.finditer(r"[а-яё]+", after.group(2)):
        if nxt.group() in _MONTHS:
            return start  # a date ("Двадцатого мая") is no name
        first = _common_reading(nxt.group())
        if first is None or first.tag.POS not in ("NOUN", "ADJF", "PRTF"):
            return None
        if first.tag.POS != "NOUN":
            continue  # "Западная военная помощь": an adjective before the noun
        if chain:  # an enumeration's noun is plural where each adjective is singular: the case agrees
            cases = {p.tag.case for p in morph_vocab().parse(word) if p.tag.POS == "ADJF"}
            return start if first.tag.case in cases else None
        return after.start(2) + nxt.end() if _agreeing_adjective(word, nxt.group()) is not None else None
    return None


def _place_adjective(word: str):
    """The dictionary's best reading of `word` (lower case) where it is an adjective of a place and nothing else."""
    try:
        parses = morph_vocab().parse(word)
    except Exception:  # noqa: BLE001 - without the dictionaries nothing is known
        return None
    if not parses or not _known(parses[0]) or any(
            p.tag.POS != "ADJF" or any(t in str(p.tag) for t in _NAME_TAGS if t != "Geox") for p in parses):
        return None
    return parses[0]


def common_russian_noun(word: str) -> bool:
    """Whether the dictionary knows `word` as a common noun and never as a name ("Администрация")."""
    w = word.lower()
    p = _common_reading(w) if re.search("[а-яё]", w) else None
    return p is not None and p.tag.POS == "NOUN"


@functools.lru_cache(maxsize=100_000)
def _common_reading(word: str):
    """The dictionary's best reading of `word` (lower case) where it knows the word as it is and has no name
    reading for it, else None."""
    try:
        parses = morph_vocab().parse(word)
    except Exception:  # noqa: BLE001 - without the dictionaries nothing is known
        return None
    if not parses or not _known(parses[0]) or any(t in str(p.tag) for p in parses for t in _NAME_TAGS):
        return None
    return parses[0]


def russian_lemma(word: str) -> str:
    """The dictionary form of a Russian word of a name (lower case)."""
    w = word.lower()
    if not re.search("[а-яё]", w) or (_acronym(word) and not _in_dictionary(w)):
        return w
    p = _russian_parse(w)
    return p.normal_form if p is not None else w


_VILLAGE_IN_KA = re.compile(r"(?<=[оеи]в)к(?:ой|и|у|е)$")  # the oblique cases of "-овка", "-евка", "-ивка"
_ADJECTIVAL_SURNAME = re.compile(r"(?<=[сц]к)(?:ого|ому|им)$")
_ADJECTIVAL_LEMMA = re.compile(r"[сц]кий$")


def russian_phrase(words: list[str], shown: bool = False) -> list[str]:
    """A Russian name in the nominative: its head noun and the adjectives before it in their dictionary
    form, agreeing ("Российской Федерации" -> "российская федерация"); the words after the head keep
    their case ("Вооружённых сил Украины" -> "вооружённые силы украины") unless they continue a
    person's name ("Владимира Путина" -> "владимир путин"). A woman's surname is keyed by the dictionary's
    lemma, the man's form, so that "Захарова" and "Марии Захаровой" match; `shown`: the name as shown,
    the woman's form ("Мария Захарова")."""
    lower = [w.lower() for w in words]
    parses = [None if not re.search("[а-яё]", low) or (_acronym(w) and not _in_dictionary(low)) else _russian_parse(low)
              for w, low in zip(words, lower, strict=True)]
    parses = _as_phrase(lower, parses)
    tags = [str(p.tag) if p is not None else "" for p in parses]
    head = next((i for i, t in enumerate(tags) if "NOUN" in t), len(words) - 1)
    if parses[0] is None and _acronym(words[0]):
        head = 0  # an acronym the dictionary does not know heads its name: "ВКС России", not "ВКС Россия"
    if "Fixd" in tags[head] and head + 1 < len(words) and "NOUN" in tags[head + 1] and any(
            case in tags[head + 1] for case in ("ablt", "datv", "loct")):
        head += 1  # an indeclinable first word, then the declined one: "с Си Цзиньпином" is Си Цзиньпин
    noun = next((j for j in range(head + 1, len(words)) if "ADJF" not in tags[j] and "PRTF" not in tags[j]), None)
    if noun is not None and _surname_as_adjective(parses[head], parses[noun], tags[noun]):
        head = noun  # "Торецком направлении", "Каховского муниципального округа": the noun is the head
    head_tag = tags[head]
    adjectives = [w for w, t in zip(lower[:head], tags[:head], strict=True) if "ADJF" in t or "PRTF" in t]
    if (adjectives and "plur" in head_tag and parses[head] is not None
            and not all(_plural_reading(w, parses[head].tag.case) for w in adjectives)):
        # one region of an enumeration: "Белгородской и Брянской областями" -> "Брянская область", not "Брянские
        # области" (the plural noun is shared by the adjectives before it; "Северная и Южная народные
        # республики": one singular adjective says so)
        single = _reading(parses[head].normal_form, "NOUN")
        head_tag = str(single.tag) if single is not None else head_tag
    elif not shown and "plur" in head_tag and "Pltm" not in head_tag and parses[head] is not None:
        # keyed in the singular, shown as written: "украинские власти" and "украинской власти" are one entity
        single = _reading(parses[head].normal_form, "NOUN")
        head_tag = str(single.tag) if single is not None else head_tag
    out = []
    for i, (w, p, t) in enumerate(zip(lower, parses, tags, strict=True)):
        if p is None:
            out.append(w)
        elif i < head and ("ADJF" in t or "PRTF" in t):
            out.append(_agree(p, head_tag) or p.normal_form)
        elif i < head and _surname_as_adjective(p, parses[head], head_tag):
            # "Торецком направлении", "Сахельской Африки": the dictionary read the adjective as a surname
            # ("Торецкий"); before a noun in its case it agrees with it ("торецкое направление")
            ending = "ая" if "femn" in head_tag else "ое" if "neut" in head_tag else "ий"
            out.append(p.normal_form[:-2] + ending)
        elif i <= head or _continues_person(p, parses[head]):
            plural = i == head and "plur" in head_tag and "Pltm" not in head_tag
            if plural:
                out.append(_inflect(p, {"nomn", "plur"}) or p.normal_form)
            elif shown and "femn" in t and "Surn" in t and ("nomn" not in t or ("Name" in tags[head] and "femn" in tags[head])):
                # a lone "Орлова" is more often Mr Orlov's genitive than a woman's name, and keeps the man's
                out.append(_inflect(p, {"nomn", "sing", "femn"}) or p.normal_form)
            else:
                out.append(p.normal_form)
        else:
            out.append(w)
    village = _VILLAGE_IN_KA.search(lower[0]) if len(lower) == 1 else None
    if village and out[0].endswith("вкий"):  # "Басовкой" is Басовка, which the dictionary guessed an adjective
        return [lower[0][: village.start()] + "ка"]
    if shown and len(lower) == 1 and parses[0] is not None and "ADJF" in tags[0] and "sing" in tags[0]:
        # a village or a region named by an adjective alone: its own gender ("Новопокровское", "Курская"),
        # not the dictionary's masculine ("Новопокровский")
        gender = next((g for g in ("neut", "femn") if g in tags[0]), None)
        if gender:
            out[0] = _inflect(parses[0], {"nomn", "sing", gender}) or out[0]
    oblique = _ADJECTIVAL_SURNAME.search(lower[0]) if len(lower) == 1 else None
    if oblique and not out[0].endswith(("ий", "ой", "ая")):
        # "Сырским", "Сырскому" alone: an adjectival surname the dictionary does not know, guessed as a noun of its
        # own ("сырским", "сырскома"); these endings are only an adjective's ("Омском" is left alone)
        out[0] = lower[0][: oblique.start()] + "ий"
    for i, w in enumerate(lower):  # a site's name: its word in the nominative, its domain as written
        base, dot, domain = w.rpartition(".")
        if dot and base and domain and re.search("[а-яё]", base):
            p = _russian_parse(base)
            out[i] = f"{p.normal_form if p is not None else base}.{domain}"  # "Украина.ру", not "украина.р"
    return out


def _surname_as_adjective(word, head, head_tag: str) -> bool:
    """Whether `word`, read as an adjectival surname ("-ский", "-цкий"), is an adjective of the common noun
    `head` that follows it, in the same case and in the singular."""
    return (word is not None and head is not None and "Surn" in str(word.tag) and "NOUN" in head_tag
            and "sing" in head_tag and _ADJECTIVAL_LEMMA.search(word.normal_form) is not None
            and word.tag.case == head.tag.case and not any(t in head_tag for t in _PERSON_TAGS))


def _continues_person(word, head) -> bool:
    """Whether a word after the head noun continues a person's name: a surname after a first name the
    dictionary knows or only guesses at ("Такера Карлсона"), or any noun in a first name's case
    ("Эммануэля Макрона", where "макрон" is also a common noun)."""
    if head is None:
        return False  # an acronym heads the name ("ВКС России")
    tag, head_tag = str(word.tag), str(head.tag)
    if any(x in head_tag for x in _PERSON_TAGS):
        return any(x in tag for x in _PERSON_TAGS) or ("NOUN" in tag and word.tag.case == head.tag.case)
    return any(x in tag for x in _PERSON_TAGS) and not _known(head)


def _as_phrase(lower: list[str], parses: list) -> list:
    """Readings that make the words one noun phrase: a word before a common noun is its adjective where the
    dictionary allows ("Московской области" is the Moscow region, not a surname Московская and a region),
    and a phrase of adjectives alone ends in a noun where its last word can be one ("российского военного":
    a Russian serviceman)."""
    out = list(parses)
    for i in range(len(out) - 1):
        nxt = out[i + 1]
        if (out[i] is not None and nxt is not None and "NOUN" in str(out[i].tag) and "NOUN" in str(nxt.tag)
                and not any(t in str(nxt.tag) for t in _NAME_TAGS)):
            out[i] = _agreeing_adjective(lower[i], lower[i + 1]) or out[i]
        elif (out[i] is not None and nxt is not None and out[i].tag.POS in ("ADJF", "PRTF") and nxt.tag.POS == "NOUN"
              and (out[i].tag.case, out[i].tag.number) != (nxt.tag.case, nxt.tag.number)):
            # the noun read as its adjective is: "Вооружённые силы" are plural, not the genitive "силы"
            out[i], out[i + 1] = _agreeing_noun(lower[i], lower[i + 1]) or (out[i], nxt)
        elif (out[i] is not None and nxt is not None and any(t in str(nxt.tag) for t in _PERSON_TAGS)
              and (out[i].tag.case, out[i].tag.gender) != (nxt.tag.case, nxt.tag.gender)):
            # a first name and a surname read in one case and gender ("Такером Карлсоном": Такер Карлсон,
            # "Юлия Витязева": her name, not the genitive of a man's "Юлий Витязев")
            out[i], out[i + 1] = _person_pair(lower[i], lower[i + 1]) or (out[i], nxt)
    if len(out) > 1 and out[-1] is not None and not any("NOUN" in str(p.tag) for p in out if p is not None):
        out[-1] = _reading(lower[-1], "NOUN") or out[-1]
    return out


def _plural_reading(word: str, case: str | None) -> bool:
    """Whether the dictionary reads `word` as a plural adjective in `case` ("японским" can be: "Японским
    островам"; "брянской" cannot: "Брянской областями" shares the noun of an enumeration)."""
    try:
        return any(p.tag.POS in ("ADJF", "PRTF") and p.tag.number == "plur" and p.tag.case == case
                   for p in morph_vocab().parse(word))
    except Exception:  # noqa: BLE001 - without the dictionaries a name keeps its form
        return True


def _agreeing_adjective(word: str, noun: str):
    """A reading of `word` the dictionary knows as an adjective in the case and number of a reading of `noun`."""
    try:
        nouns = [(p.tag.case, p.tag.number) for p in morph_vocab().parse(noun) if p.tag.POS == "NOUN"]
        return next((p for p in morph_vocab().parse(word) if p.tag.POS == "ADJF" and (p.tag.case, p.tag.number) in nouns
                     and _known(p)), None)
    except Exception:  # noqa: BLE001 - without the dictionaries a name keeps its form
        return None


def _agreeing_noun(adjective: str, noun: str):
    """The likeliest reading of `noun` with a reading of `adjective` in its case and number, as a pair, or None."""
    try:
        adjectives = [p for p in morph_vocab().parse(adjective) if p.tag.POS in ("ADJF", "PRTF")]
        return next(((a, n) for n in morph_vocab().parse(noun) if n.tag.POS == "NOUN" for a in adjectives
                     if (a.tag.case, a.tag.number) == (n.tag.case, n.tag.number)), None)
    except Exception:  # noqa: BLE001 - without the dictionaries a name keeps its form
        return None


def _person_pair(first: str, surname: str):
    """The readings of a first name and a surname that agree in case and gender, the likeliest pair whose first
    name the dictionary knows as one (else any agreeing pair), or None. A word the dictionary knows as a first
    name is read in the singular, one person ("Кристиан Рубилар" is no genitive plural of a woman's name
    Кристиана); a common noun keeps its plural ("Острова Теркс и Кайкос")."""
    try:
        firsts = [p for p in morph_vocab().parse(first) if p.tag.POS == "NOUN"]
        if any("Name" in str(p.tag) and p.tag.number != "plur" for p in firsts):  # a first name: one person
            firsts = [p for p in firsts if p.tag.number != "plur"]
        lasts = [p for p in morph_vocab().parse(surname)
                 if any(t in str(p.tag) for t in _PERSON_TAGS) and not _zero_ending_of_feminine_name(p, surname)]
    except Exception:  # noqa: BLE001 - without the dictionaries a name keeps its form
        return None
    pairs = [(("Name" in str(a.tag)) * 1.0 + a.score * b.score, a, b) for a in firsts for b in lasts
             if a.tag.case == b.tag.case and (a.tag.gender == b.tag.gender or None in (a.tag.gender, b.tag.gender))]
    return max(pairs, key=lambda t: t[0])[1:] if pairs else None


def _reading(word: str, pos: str):
    """The likeliest reading of `word` as part of speech `pos` that the dictionary knows (not guesses), if any."""
    try:
        return next((p for p in morph_vocab().parse(word)
                     if p.tag.POS == pos and _known(p)), None)
    except Exception:  # noqa: BLE001 - without the dictionaries a name keeps its form
        return None


def _agree(adjective, head_tag: str) -> str | None:
    number = "plur" if "plur" in head_tag else "sing"
    gender = next((g for g in ("masc", "femn", "neut") if g in head_tag), "masc")
    return _inflect(adjective, {"nomn", number} | ({gender} if number == "sing" else set()))


_UD = {"nomn": "Nom", "sing": "Sing", "plur": "Plur", "masc": "Masc", "femn": "Fem", "neut": "Neut"}


def _inflect(parse, grams: set[str]) -> str | None:
    """The word of `parse` in the grammemes `grams` (natasha's parses take Universal Dependencies names)."""
    try:
        form = parse.inflect({_UD[g] for g in grams})
    except Exception:  # noqa: BLE001 - a form the dictionary cannot build: keep the lemma
        return None
    return form.word if form is not None else None
