"""Word-level rules for telling names from other capitalised words, shared by the NER backends
(`narrascope.nlp.ner`) and the entity grouping (`narrascope.analyzers.entities`).

Tokens, matching keys (`stem`, `name_stem`: inflected forms of a name share a key), the words that are
never a name on their own (`FUNCTION_WORDS`, offices, months, units), and the small tests the
capitalised-run finder of `LexiconNER` applies to a run of words: possessives, acronyms, title-case
lines, place adjectives, offices before a name.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

from narrascope.document import Span
from narrascope.nlp.hindi_names import HI_FUNCTION_WORDS
from narrascope.nlp.text import PLACE_ABBREVIATIONS, remembered_per_text, sentences

# \w misses Devanagari vowel signs (Mc/Mn), which would cut Hindi words apart; a joiner, as a hyphen, continues a word.
TOKEN = re.compile(r"[\w\u0900-\u0963\u0966-\u097F]+(?:[\u200c\u200d\-'’][\w\u0900-\u0963\u0966-\u097F]+)*")
STEM_CHARS = 5  # cased scripts: "Украйна"/"Украйната", "Россия"/"России" share their first 5 letters
# Lower-case words allowed inside a capitalised name ("Ministério da Defesa", "Bank of England").
# Not "and"/"и": "Russia and China" is two names far more often than one (exact-offset recall by
# 5-fold CV on the T10 train split: EN .65 -> .72, BG .83 -> .90, RU .69 -> .75 without them).
CONNECTORS = {"de", "da", "do", "das", "dos", "del", "of", "the", "for", "на", "за", "по", "von", "van", "bin", "ibn"}
# Connectors that join two capitalised words into one name. Not Bulgarian "за" (for, about): between two
# capitalised words it is a preposition between two names ("Шолц за Украйна", "Зеленски за Путин" in
# headlines); no Bulgarian name of the training mentions holds it.
RUN_CONNECTORS = CONNECTORS - {"за"}
SECOND_PARTICLES = frozenset({"der", "den", "la", "las", "los", "le"})  # "von der", "van den", "de la"
# Offices written before a name in English news; the name alone is the entity ("Prime Minister X").
EN_TITLES = {
    "president", "minister", "secretary", "chancellor", "senator", "sen", "rep", "gov", "governor",
    "mr", "mrs", "ms", "dr", "general", "gen", "spokesman", "spokeswoman", "ambassador", "chairman",
    "director", "commander", "mayor", "premier", "envoy", "adviser", "advisor", "ceo", "leader", "pm", "mp", "mep",
    "staff",  # "chief of Staff Valery Gerasimov"
    "chief", "executive", "officer", "managing", "vice", "deputy", "sec",  # "Chief Executive Officer Ivo Marr"
    # ranks and offices written before a name ("Lt. Col. John Shewchuk", "U.S. Attorney Damian Williams")
    "lt", "col", "capt", "sgt", "adm", "cmdr", "lieutenant", "colonel", "captain", "sergeant", "admiral", "attorney",
}
# Acronyms spelt like a function word: in capitals inside a sentence "US" is the United States (322 times in
# the English training articles, annotated as a name) and "WHO" the World Health Organization, not "us"/"who".
EN_ACRONYMS_LIKE_WORDS = frozenset({"US", "WHO"})
# Acronyms of common nouns (GDP, air defence, drones, power plants, armoured vehicles, media, NGOs, DNA):
# written in capitals like a name, they name no one ("ТЕЦ-овете", "ВВП", "COVID-19").
COMMON_ACRONYMS = frozenset({
    "AI", "EV", "EVs", "COVID", "LNG", "CEO", "HIV", "AIDS", "GW", "MW", "GDP", "GMO", "NGO", "NGOs", "UAV",  # English
    "UAVs", "ICBM", "GHG", "DNA", "RNA", "LGBT", "LGBTQ", "TV", "CO2", "ESG", "PV", "SUV", "SUVs", "FPV",
    "PDF", "URL", "IQ", "IPO", "GMT", "EST", "UTC", "ETF", "ETFs", "BBQ", "Bcf", "Tcf", "LCA", "EPD", "PCI",
    "CFO", "COO", "CTO", "CEOs",  # offices
    "PIB", "ONG", "ONGs", "GEE",  # and Portuguese
    "БВП", "ВЕИ", "ТЕЦ", "АЕЦ", "ВЕЦ", "ДДС", "НПО",  # Bulgarian
    "ВВП", "ТЭС", "ТЭЦ", "АЭС", "ГЭС", "НКО", "РЛС", "РЭБ", "ЗРК", "ПЗРК", "ПТУР", "РСЗО", "СИЗО", "ВПК",  # Russian
    "ПВО", "СВО", "БПЛА", "БЛА", "БТР", "БМП", "МТЛБ", "ОТРК", "СМИ", "ЛГБТ", "ГМО", "ДНК", "РНК",  # both
})
EN_NOT_NAMES = {
    "i", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
EN_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Words that make a weekday part of a name ("Sunday Morning Futures", "The Sunday Times")
_DAY_NAMES = frozenset({"morning", "evening", "night", "afternoon", "times", "telegraph", "express", "mirror", "post",
                        "mail", "herald", "independent", "observer", "people"})
# Words that are never a name on their own, whatever their case (a capitalised "The" opens a sentence,
# "В"/"Во" open Bulgarian and Russian ones): they do not start a name nor stand for one.
FUNCTION_WORDS = {
    "en": {"the", "a", "an", "and", "or", "but", "if", "in", "on", "at", "to", "for", "of", "by", "with", "from",
           "as", "no", "not", "yes", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they",
           "his", "her", "our", "their", "my", "your", "you", "i", "me", "us", "them", "who", "what", "when",
           "where", "why", "how", "all", "some", "any", "one", "so", "then", "there", "here", "also", "just"},
    "bg": {"в", "във", "на", "за", "по", "от", "с", "със", "и", "или", "но", "а", "до", "към", "при", "че", "да",
           "не", "как", "какво", "кой", "коя", "кои", "това", "тази", "този", "тези", "той", "тя", "те", "ние",
           "вие", "аз", "след", "преди", "според", "също", "още", "дори", "ако", "когато", "където", "през", "чрез",
           "между", "над", "под", "без", "срещу", "около"},
    "ru": {"в", "во", "на", "за", "по", "от", "с", "со", "и", "или", "но", "а", "к", "ко", "о", "об", "у", "из",
           "до", "при", "что", "как", "не", "это", "этот", "эта", "эти", "он", "она", "они", "мы", "вы", "я",
           "после", "перед", "также", "ещё", "еще", "даже", "если", "когда", "где", "для", "так", "через", "между",
           "над", "под", "без", "против", "около"},
    "pt": {"a", "o", "os", "as", "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "e", "ou", "mas",
           "um", "uma", "para", "por", "com", "que", "se", "não", "como", "este", "esta", "isto", "esse", "essa",
           "isso", "ele", "ela", "eles", "elas", "nós", "eu", "ao", "aos", "à", "às", "pelo", "pela", "também", "sobre",
           "entre", "sem", "até", "após"},
    "hi": set(HI_FUNCTION_WORDS),
}
# Ordinals, capitalised in "Втората световна война" (the Second World War), "Трета световна война": common
# words, no name alone nor a name's first word, but a name's last ("Чарлз Трети", Charles III).
ORDINALS = {
    "bg": frozenset({"първа", "първата", "първи", "първият", "втора", "втората", "втори", "вторият", "трета",
                     "третата", "трети", "третият"}),
    "ru": frozenset({"первая", "первой", "первую", "вторая", "второй", "вторую", "третья", "третьей", "третью"}),
}
# Capitalised words that name units, not entities ("40 градуса по Целзий").
# Words that name an outlet after its owner's acronym: "CBS News", "USA Today", "BBC Radio", "РИА Новости".
MEDIA_WORDS = {"News", "Today", "Radio", "TV", "Network", "Online", "Новости", "Novosti"}
UNIT_WORDS = {"celsius", "fahrenheit", "целзий", "цельсия", "цельсию", "фаренхайт", "फ़ारेनहाइट", "सेल्सियस"}
_CONTRACTED = re.compile(r"['’](?:ll|re|ve|d|m)$")  # "You’ll", "We’re", "They’ve": a pronoun, never a name
# A Bulgarian adjective in its definite form, capitalised before a lower-case noun, opens a name whose
# other words are lower case ("Тихия океан", "Парижкото споразумение"): alone it is a fragment.
BG_DEFINITE_ADJECTIVE = re.compile(r"(?:ск|цк|жк|шн|чн|жн|рн)(?:и|ия|ият|а|ата|о|ото|ите)$|(?:ната|ното|ните|ният)$")
ROMAN_NUMERALS = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii",
                  "xix", "xx", "xxi", "хх", "ххі", "хіх"}  # the last in Cyrillic letters ("ХХ век")


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def is_cased(word: str) -> bool:
    return word[:1].lower() != word[:1].upper()


def stem(word: str) -> str:
    """Matching key of a word: lower case, no joiners (`without_joiners`); in cased scripts only the first
    letters, so that inflected forms of a name match (Slavic and Portuguese names change their endings)."""
    w = unicodedata.normalize("NFC", without_joiners(word.lower()))
    return w[:STEM_CHARS] if is_cased(w) else w


def without_joiners(text: str) -> str:
    """`text` without zero-width (non-)joiners, which some Hindi pages put after a virama ("डोनाल्\u200dड")."""
    return text.replace("\u200d", "").replace("\u200c", "") if "\u200c" in text or "\u200d" in text else text


def name_stem(word: str, lang: str | None) -> str:
    """Key for matching names: English names do not inflect, so the whole word ("Temple" is not
    "Templeton"); other languages use `stem`."""
    if (lang or "").lower() == "en":
        w = word.lower()
        return w[:-2] if w.endswith(("'s", "’s")) else w
    return stem(word)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading English article or a trailing possessive, as annotators mark names:
    "the Kremlin" -> "Kremlin", "Putin's" -> "Putin"."""
    if text[start : start + 4].lower() == "the " and end - start > 4:
        start += 4
    if is_possessive(text[max(start, end - 3) : end]) and end - start > 2:
        end -= 2
    return start, end


def lower_word_follows(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1][2][:1].islower() and adjacent(text, toks[i][1], toks[i + 1][0])


def strip_connectors(toks: list[tuple[int, int, str]], a: int, b: int) -> tuple[int, int]:
    while a < b and toks[a][2].lower() in CONNECTORS:
        a += 1
    while b > a and toks[b - 1][2].lower() in CONNECTORS:
        b -= 1
    return a, b


def without_possessive(word: str) -> str:
    """A word without its possessive ending ("Friday’s" -> "Friday", "It’s" -> "It") or a verb's ("You’ll" -> "You")."""
    return word[:-2] if is_possessive(word) else (_CONTRACTED.sub("", word) if "’" in word or "'" in word else word)


def sub_runs(flags: list[bool], offset: int) -> list[tuple[int, int]]:
    """Maximal stretches of True in `flags`, as (start, end) offset by `offset`."""
    out, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((offset + start, offset + i))
            start = None
    return out


def is_possessive(word: str) -> bool:
    """"Putin's", and "TRUMP'S" in a line written in capitals."""
    return len(word) > 2 and (word.endswith(("'s", "’s")) or (word.endswith(("'S", "’S")) and word.isupper()))


# "Western leaders", "French troops": a lone capitalised adjective of place is not an entity
# (annotators mark the country or the people, not the adjective).
_ADJECTIVE_ENDINGS = ("ern", "ish", "ese", "ian", "ean", "can")
_ADJECTIVES = {"french", "dutch", "czech", "greek", "swiss", "thai", "arab", "nordic", "baltic", "soviet", "german",
               "israeli", "iraqi", "saudi", "afghan", "pakistani", "yemeni", "qatari", "kuwaiti", "nepali",
               "bangladeshi", "somali", "slovak", "serb", "croat", "kazakh", "uzbek", "chechen", "irish", "welsh",
               "nazi"}


def is_place_adjective(word: str) -> bool:
    w = word.lower()
    return w in _ADJECTIVES or (len(w) > 5 and w.endswith(_ADJECTIVE_ENDINGS))


_NEXT_WORD = re.compile(r"[ \t]+([a-z])")
_NEXT_CAPITALISED_WORD = re.compile(r"[ \t]+[A-Z][a-z]")


def modifies_noun(text: str, span: Span, capitalised_noun: bool = False) -> bool:
    """A lone place adjective followed by a lower-case word ("German troops"), or by a capitalised one
    where every word is (`capitalised_noun`: a Title Case headline, "German Arms Giant")."""
    word = text[span.start : span.end]
    follows = _NEXT_CAPITALISED_WORD if capitalised_noun else _NEXT_WORD
    return " " not in word and is_place_adjective(word) and bool(follows.match(text, span.end))


# "US-led", "Kremlin-controlled", "London-based": the name is the part before the hyphen (annotators mark
# "US" there); "(R-Fla.)", ", D-WV,": a US party and state after a name, no entity ("D-Day" is one).
_COMPOUND_SUFFIX = re.compile(r"-[a-z]+$")
# A name made into a participle or an adjective before another name: "China-based", "Iran-backed", "Soviet-era"
_DESCRIBING_COMPOUND = re.compile(r"\w-(?:[a-z]+ed|led|era|speaking|born|made|run|held|built)$")
_PARTY_TAG = re.compile(r"[RDI]-[A-Z]")


def is_party_tag(text: str, span: Span) -> bool:
    """"R-Fla" of "Sen. Dana Holt (R-Fla.)" or "Ivo Marr, D-WV, said": a party tag in brackets or commas."""
    before, after = text[max(span.start - 2, 0) : span.start], text[span.end : span.end + 1]
    return bool(_PARTY_TAG.match(text, span.start)) and (before.endswith("(") or before == ", ") and after in (".", ",", ")")


def english_name_span(text: str, span: Span) -> Span | None:
    """`span` without a lower-case compound suffix ("NATO-led" -> "NATO"), or None for a party tag."""
    word = text[span.start : span.end]
    if is_party_tag(text, span):
        return None
    suffix = _COMPOUND_SUFFIX.search(word)
    if suffix and word[: suffix.start()][-1:].isalnum():
        return Span(span.start, span.start + suffix.start(), span.label)
    return span


def without_titles(toks: list[tuple[int, int, str]], a: int, b: int) -> list[tuple[int, int]]:
    """An English capitalised run without the office before a name, split at "of" after it:
    "Russian President Valdemar Kross of Nordland" -> "Valdemar Kross", "Nordland". A lone office,
    month, weekday or "I" is no name."""
    words = [without_possessive(toks[i][2]).lower().rstrip(".") for i in range(a, b)]
    if len(words) > 1 and words[0] in EN_WEEKDAYS and words[1] not in _DAY_NAMES:
        a, words = a + 1, words[1:]  # "On Wednesday Moscow said": the day opens no name
        while len(words) > 1 and words[0] in CONNECTORS:  # "Monday of October"
            a, words = a + 1, words[1:]
    compound = max((i for i in range(len(words) - 1) if _DESCRIBING_COMPOUND.search(toks[a + i][2])), default=-1)
    if compound >= 0:  # "China-based ByteDance", "DC-based Hudson Institute": the place describes the name after it
        a, words = a + compound + 1, words[compound + 1 :]
    if all(w in EN_TITLES for w in words) or (len(words) == 1 and words[0] in EN_NOT_NAMES):
        return []
    cut = max((i for i in range(len(words) - 1) if words[i] in EN_TITLES
               and words[i + 1] not in CONNECTORS and words[i + 1] not in EN_TITLES), default=-1)
    if cut < 0:
        return [(a, b)]
    a += cut + 1
    words = words[cut + 1 :]
    if "of" in words:
        i = words.index("of")
        return [(a, a + i), (a + i + 1, b)]
    return [(a, b)]


def written_in_lower_case(text: str, start: int, end: int) -> bool:
    """Whether the capitalised words text[start:end] stand elsewhere in the text in lower case, as a phrase of
    their own ("Climate Change" beside "climate change", `Alterações Climáticas`, `Западните`): a topic or a
    common noun capitalised for a heading or a sentence's start, no name. Words in capitals are acronyms,
    and letters inside a link or a handle ("the-sun.co.uk", "/russia", "@wionews") do not count."""
    surface = " ".join(text[start:end].split())
    if not surface[:1].isupper() or surface.isupper() or not any(c.isalpha() for c in surface):
        return False
    return _in_lower_case_elsewhere(text, surface.lower())


@remembered_per_text
def _in_lower_case_elsewhere(text: str, lowered: str) -> bool:
    """`written_in_lower_case`'s search of the whole text."""
    at = text.find(lowered)
    while at >= 0:
        before, after = text[at - 1 : at] if at else "", text[at + len(lowered) : at + len(lowered) + 2]
        if (not (before.isalnum() or before in "/.@#-_'’") or not before) and not (
                after[:1].isalnum() or after[:1] in ("/", "-", "_", "'", "’") or (after[:1] == "." and after[1:].isalnum())):
            return True
        at = text.find(lowered, at + 1)
    return False


@remembered_per_text
def beside_a_capitalised_word(text: str, word: str) -> bool:
    """Whether `word` stands right before or after a capitalised word somewhere in `text` ("Xi Jinping",
    "President Xi")."""
    return re.search(rf"\b{re.escape(word)} [A-Z]|[A-Z]\w+ {re.escape(word)}\b", text) is not None


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def is_common_acronym(word: str) -> bool:
    """An acronym of a common noun (`COMMON_ACRONYMS`), with any ending after a hyphen ("ТЕЦ-овете"), also
    written with some small letters ("БпЛА")."""
    head = word.split("-", 1)[0]
    if head in COMMON_ACRONYMS:
        return True
    # counting capitals only for the few words the list holds in some case (it runs on every capitalised word)
    return head.upper() in COMMON_ACRONYMS and sum(c.isupper() for c in head) > 1


_AFTER_COLON = re.compile(r":\s+[\"“«„'‘(\-–—]*")


def first_word_starts(text: str, toks: list[tuple[int, int, str]]) -> set[int]:
    """Start offsets of each sentence's first word (after any opening quote or dash), and of the first
    word after a colon where a sentence follows it, whose capital says as little ("Казаха ни: Пазете се",
    "Петров: Обещахме им"; not a list, "Signed by: Valdor, Brenmark")."""
    word_starts = [s for s, _, _ in toks]
    starts, k = set(), 0
    for s, e in sentences(text):
        k = bisect.bisect_left(word_starts, s, k)  # the first word starting at or after s
        if k < len(toks) and toks[k][0] < e:
            starts.add(toks[k][0])
    starts.update(toks[j][0] for j in range(1, len(toks) - 1)
                  if _AFTER_COLON.fullmatch(text, toks[j - 1][1], toks[j][0]) and toks[j + 1][2][:1].islower()
                  and text[toks[j][1] : toks[j + 1][0]].isspace())
    return starts


def abbreviated(text: str, toks: list[tuple[int, int, str]], j: int, k: int) -> bool:
    """Whether toks[k] continues the name begun at toks[j] across the full stop of an abbreviation: a middle
    initial ("George W. Bush", not "vitamin D. Russia", where the initial would open the name) or
    `text.PLACE_ABBREVIATIONS` ("St. Petersburg")."""
    before = toks[k - 1][2]
    if text[toks[k - 1][1] : toks[k][0]] != ". ":
        return False
    return before in PLACE_ABBREVIATIONS or (len(before) == 1 and before.isupper() and k - 1 > j)


def dotted_letter(text: str, tok: tuple[int, int, str]) -> bool:
    """Whether the word is one letter of an abbreviation written with full stops and no spaces ("D" of
    "D.C.", "U" of "U.S."), not a middle initial ("George W. Bush")."""
    end = tok[1]
    return len(tok[2]) == 1 and text[end : end + 1] == "." and text[end + 1 : end + 2].isalpha()


def adjacent(text: str, end: int, start: int) -> bool:
    """Two words belong to one name only if just spaces (no punctuation, no line break) separate them."""
    gap = text[end:start]
    return len(gap) <= 2 and gap.strip() == "" and "\n" not in gap


def closing_name_run(words: list[str]) -> list[str]:
    """The capitalised words that close `words`, in the script of the last one and no acronym among them: the
    name after a role or an outlet ("полковникът в оставка от армията на САЩ Дъглас Макгрегър" -> "Дъглас
    Макгрегър", "за The Sun Петреъс" -> "Петреъс")."""
    run: list[str] = []
    for w in reversed(words):
        if not w[:1].isupper() or (w.isupper() and len(w) > 1) or _cyrillic(w) != _cyrillic(words[-1]):
            break
        run.insert(0, w)
    return run


def _cyrillic(word: str) -> bool:
    return "\u0400" <= word[:1] <= "\u04ff"


def words_written_in_lower_case(text: str, phrase: str) -> bool:
    """Whether every word of `phrase` (of three letters or more) also occurs in lower case in `text`, each on its
    own (`written_in_lower_case` asks it of the phrase whole): common words a headline capitalised ("Climate
    Scam:"), not a name."""
    words = re.findall(r"[^\W\d_]{3,}", phrase)
    return bool(words) and all(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", text) for w in words)


def capitalised_inside(word: str, text: str) -> bool:
    """Whether `text` writes `word` after another word or a comma, inside a sentence, as it is written (a name is
    capitalised there too; a first word in capitals alone may be any word)."""
    return bool(text and re.search(r"[\w,]\s+" + re.escape(word) + r"(?!\w)", text))
