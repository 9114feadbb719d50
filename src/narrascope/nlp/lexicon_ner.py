"""`LexiconNER`: a gazetteer of entity names learned from annotated mentions, plus runs of capitalised
words for cased scripts (the word rules it applies are in `narrascope.nlp.names`)."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from narrascope.document import Span
from narrascope.nlp.bulgarian_institutions import agency_names, institution_name
from narrascope.nlp.document_titles import document_titles, inside
from narrascope.nlp.hindi_names import names_after_titles, names_before_agent
from narrascope.nlp.line_case import shouted_lines, title_case_lines
from narrascope.nlp.names import (
    BG_DEFINITE_ADJECTIVE,
    CONNECTORS,
    EN_ACRONYMS_LIKE_WORDS,
    EN_NOT_NAMES,
    FUNCTION_WORDS,
    MEDIA_WORDS,
    ORDINALS,
    ROMAN_NUMERALS,
    RUN_CONNECTORS,
    SECOND_PARTICLES,
    UNIT_WORDS,
    abbreviated,
    adjacent,
    beside_a_capitalised_word,
    dotted_letter,
    english_name_span,
    first_word_starts,
    is_acronym,
    is_cased,
    is_common_acronym,
    is_place_adjective,
    is_possessive,
    lower_word_follows,
    modifies_noun,
    name_stem,
    strip_connectors,
    sub_runs,
    tokens,
    trim_span,
    without_possessive,
    without_titles,
)
from narrascope.nlp.text import TITLE_ABBREVIATIONS

MAX_PHRASE_TOKENS = 7
MAX_SHOUTED_ACRONYM = 3  # letters: on a line in capitals "CIA", "COP28" may be acronyms, "HIGH", "HEAVENS" are words
TITLE_CONTEXT_LANGUAGES = frozenset({"hi"})  # uncased scripts whose unknown names follow a title
# Bulgarian adjective endings (-ски, -ската, -ския, ...): such a word matches a learned name only where a
# training form of that name has one too (the surname "Зеленски", "европейски елити"), not as an
# inflection of a noun with the same first letters ("Европейски" of "Европа"). By 5-fold cross-validation
# on the training 80%: Bulgarian 69 adjective spans fewer, annotated mentions covered unchanged (504 of
# 525); in Russian (the endings below include its -ский, -ская, ...) 36 fewer but 6 annotated mentions
# lost (503 -> 497 of 571: "Российские" alone covered "Российские военнослужащие"), so Russian is left out.
_ADJECTIVE_FORM_LANGUAGES = frozenset({"bg"})
# Languages whose headlines capitalise every word (English "Title Case"); elsewhere a title-case line is a
# line of names (a list, a signature) more often than a headline.
HEADLINE_CASE_LANGUAGES = frozenset({"en"})
_OTHER_SCRIPTS = frozenset({"bg", "ru", "hi"})  # languages whose own words are never in Latin letters
_SLAVIC_ADJECTIVE = re.compile(r"(?:ск|цк|шк)(?:и|а|о|ия|ият|ата|ото|ите|ий|ая|ое|ие|ые|ого|ому|им|ым|ом|ой|ей|ую|их|ых|ими)$")

_SUFFIXES_ALONE = frozenset(("Ltd", "Inc", "Co", "Corp", "Jr", "Sr"))  # a company's or a name's suffix, cut off alone
_TWO_LETTERS = re.compile(r"[A-Z][a-z]")  # "Rs", "Gt", "Va": a unit or an abbreviation, unless a learned name ("Xi")
_ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|an|at|az)-[A-Z]")  # "Sultan al-Jaber", "Sharm el-Sheikh": a name's part

_SEPARATOR = re.compile(r"[,;(]")


def _latin(toks: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """Whether the words toks[a:b] are all in Latin letters (an English name in a Cyrillic or Hindi text)."""
    return all(toks[i][2].isascii() for i in range(a, b))


def headline_words(text: str, title_lines: set[int]) -> set[int]:
    """The starts of the words of `title_lines` (see `line_case.title_case_lines`) on lines that read as a
    headline; a title-case line with a comma, semicolon or bracket for every four words or fewer is a list
    of names ("Bulgária, Canadá, República Checa, Finlândia"), not a headline."""
    out: set[int] = set()
    is_headline: dict[int, bool] = {}
    for pos in title_lines:
        start = text.rfind("\n", 0, pos) + 1
        if start not in is_headline:
            end = text.find("\n", start)
            line = text[start : end if end >= 0 else len(text)]
            is_headline[start] = len(_SEPARATOR.findall(line)) * 4 <= len(line.split())
        if is_headline[start]:
            out.add(pos)
    return out


class LexiconNER:
    """Gazetteer of learned entity names + capitalisation runs (for cased scripts).

    `fit` learns, per language, the word sequences annotated as entity mentions (stored as lower-case
    words; matched by `name_stem`, so inflected forms match too, within a few letters of a form seen in
    training: "Американските" is not "Америка"). `find` marks the longest gazetteer match at each
    position and, with `capitalised`, runs of capitalised words, under rules that keep common words out:

    - a *common word* (one the language mostly writes in lower case: `common`, learned from training
      text, plus `FUNCTION_WORDS`, plus any word the same article also writes in lower case) is no name
      on its own ("The", "No", "Treaty", "Световната", "Американските"), and does not open a name at
      the start of a sentence;
    - a run of two or more capitalised words inside a sentence is a name ("White House"), except in a
      title-case line (a headline), where every word of it must be a name word, and in an English
      headline ("Title Case") also one the article capitalises outside its headlines, a learned name or an
      acronym ("Putin Deploys Troops" -> "Putin");
    - a possessive ends a name ("Vladimir Putin's Munich speech" -> "Vladimir Putin"), a Roman numeral
      continues it ("World War III"), and a lone letter is none.

    Hindi has no capitals: there, besides the gazetteer, the words after an office or trade ("प्रधानमंत्री
    कीर स्टार्मर ने") are a name up to a frequent word of the language (`common` as learned holds the words
    of at least 2% of the training articles: `frequent` is that less the learned one-word names, so that
    "रूस" stays a name, and `common`, which keeps a learned name from starting, less every word of one,
    so that "उत्तर कोरिया" is still found); see `narrascope.nlp.hindi_names`.
    """

    name = "lexicon"

    def __init__(self, lang: str, phrases: dict[str, int] | None = None, capitalised: bool = True,
                 common: Iterable[str] = (), nouns: Iterable[str] = ()):
        self.lang = lang
        self.surface = dict(phrases or {})  # "lower-case words" -> count, as stored
        self.capitalised = capitalised
        self.phrases = {tuple(name_stem(w, lang) for w in k.split(" ")): c for k, c in self.surface.items()}
        # A frequent word of an uncased script still starts a learned name ("उत्तर" of "उत्तर कोरिया"), and
        # one that is a learned name on its own ("रूस") is no common word to the title rule either.
        name_words = {w for k in self.surface for w in k.split(" ")} if lang in TITLE_CONTEXT_LANGUAGES else set()
        names = {k for k in self.surface if " " not in k}
        self.learned_common = frozenset(common) - FUNCTION_WORDS.get(lang, set())  # as learned, for to_json
        self.common = (frozenset(common) - name_words) | FUNCTION_WORDS.get(lang, set()) | ORDINALS.get(lang, set())
        self.frequent = (frozenset(common) - names) | FUNCTION_WORDS.get(lang, set())
        self.nouns = frozenset(nouns) - names  # uncased scripts: common nouns (`hindi_names.determined_words`)
        self._known_heads = {p[0] for p in self.phrases if p[0] not in self.common}
        self._single = {p[0] for p in self.phrases if len(p) == 1}
        self._function = FUNCTION_WORDS.get(lang, set())
        self._trailing = CONNECTORS | self._function  # words a name does not end with
        # (phrase, word position) -> lengths of that word's training forms: per phrase, so that the forms of
        # one name do not stretch another that shares its stem ("Европейски" of "европейски елити" is no
        # form of "Европа", "Российский" none of "Россия").
        self._lengths: dict[tuple[tuple[str, ...], int], set[int]] = {}
        self._adjective_forms: dict[tuple[tuple[str, ...], int], bool] = {}  # a training form is an adjective
        for k in self.surface:
            words = k.split(" ")
            key = tuple(name_stem(w, lang) for w in words)
            for pos, w in enumerate(words):
                self._lengths.setdefault((key, pos), set()).add(len(w))
                if _SLAVIC_ADJECTIVE.search(w):
                    self._adjective_forms[(key, pos)] = True

    @classmethod
    def fit(cls, lang: str, mentions: Iterable[str], min_count: int = 1, common: Iterable[str] = ()) -> LexiconNER:
        counts: Counter[str] = Counter()
        for m in mentions:
            words = [w.lower() for _, _, w in tokens(m)]
            while words and words[0] in FUNCTION_WORDS.get(lang, ()):
                words = words[1:]  # "the US", "в Русия": the name is what follows; "It" is none
            if 0 < len(words) <= MAX_PHRASE_TOKENS:
                counts[" ".join(words)] += 1
        return cls(lang, {k: c for k, c in counts.items() if c >= min_count}, common=common)

    def to_json(self) -> dict:
        data = {"lang": self.lang, "phrases": sorted([k, c] for k, c in self.surface.items()),
                "common": sorted(self.learned_common)}
        if self.nouns:
            data["nouns"] = sorted(self.nouns)
        return data

    @classmethod
    def from_json(cls, data: dict, capitalised: bool = True) -> LexiconNER:
        return cls(data["lang"], {k: int(c) for k, c in data["phrases"]}, capitalised, data.get("common", ()),
                   data.get("nouns", ()))

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        return [self._find_one(t) for t in texts]

    def _find_one(self, text: str) -> list[Span]:
        toks = tokens(text)
        words = [w for _, _, w in toks]
        stems = {w: name_stem(w, self.lang) for w in set(words)}  # an article repeats its words
        keys = [stems[w] for w in words]
        spans: list[Span] = []
        free = 0  # the first word not inside a name found so far
        for i in [i for i, key in enumerate(keys) if key in self._known_heads]:  # where a learned name can start
            if i < free:
                continue
            n = self._longest_match(keys, toks, i)
            if n and self._plausible(toks[i : i + n]):
                # A learned name keeps its "the" (annotators wrote "the US"), not its "'s".
                end = trim_span(text, toks[i][0], toks[i + n - 1][1])[1]
                spans.append(Span(toks[i][0], end, "NAME"))
                free = i + n
        learned = len(spans)  # spans[:learned] are learned names
        headlines: set[int] = set()  # words of English Title Case headlines
        lower_words = {w for _, _, w in toks if w[:1].islower()}  # words the article writes in lower case
        if self.capitalised:
            title_lines = title_case_lines(text, toks)
            headlines = headline_words(text, title_lines) if self.lang in HEADLINE_CASE_LANGUAGES else set()
            spans.extend(self._capitalised_runs(text, toks, keys, title_lines, headlines, lower_words))
        if self.lang in TITLE_CONTEXT_LANGUAGES:  # no capitals: a new name is found by the title before it
            taken = [(sp.start, sp.end) for sp in spans]
            for s, e in (names_after_titles(text, toks, self.frequent)
                         + names_before_agent(text, toks, self.frequent, self.nouns)):
                if not any(s < b and a < e for a, b in taken):
                    spans.append(Span(s, e, "NAME"))
                    taken.append((s, e))
            spans.sort(key=lambda sp: sp.start)
        if self.lang == "en":
            titles = document_titles(text)  # a learned name in a treaty's title stays ("UN Convention")
            spans = [sp for i, sp in enumerate(spans) if i < learned or not titles or not inside(sp, titles)]
            spans = [sp for sp in (self._english_name(text, sp, headlines, lower_words) for sp in spans)
                     if sp is not None]
        if self.lang == "bg":  # "Министерството на отбраната", not "Министерство"
            spans = agency_names(text, [institution_name(text, sp) for sp in spans])
        # "US$ 5 billion", "R$ 100": a currency sign, not the country
        return [sp for sp in spans if sp.end - sp.start > 1 and text[sp.start : sp.end].lower() not in UNIT_WORDS
                and not text.startswith("$", sp.end)]

    def _acronym_like(self, tok: tuple[int, int, str], title_lines: set[int]) -> bool:
        """"US" inside a sentence of an English text: an acronym spelt like a function word, not "us"."""
        return self.lang == "en" and without_possessive(tok[2]) in EN_ACRONYMS_LIKE_WORDS and tok[0] not in title_lines

    def _english_name(self, text: str, span: Span, headlines: set[int], lower_words: set[str]) -> Span | None:
        """An English span without its compound suffix ("NATO-led" -> "NATO"), or None where it names
        nobody: a party tag ("R-Fla"), an adjective before a noun ("Russian officials"; in a headline,
        where the noun is capitalised too, "Russian Plot"), or a common word or adjective left by the cut
        ("Never-ending", "Russian-held")."""
        name = english_name_span(text, span)
        if name is None or modifies_noun(text, name, capitalised_noun=name.start in headlines):
            return None
        word = text[name.start : name.end]
        if ((word.split()[-1] in TITLE_ABBREVIATIONS and text.startswith(".", name.end)) or word in _SUFFIXES_ALONE
                or (_TWO_LETTERS.fullmatch(word) and word.lower() not in self.surface
                    and not beside_a_capitalised_word(text, word))):  # "Xi Jinping"
            return None  # "Florida Gov." before a name, "Ltd", "Rs" (rupees), "Gt" (gigatonnes): no entity of its own
        if name.end != span.end and " " not in word and not is_acronym(word) and (
                word.lower() in self.common or word.lower() in EN_NOT_NAMES or is_place_adjective(word)):
            return None
        if self._shouted(word, lower_words):
            return None
        return name

    def _shouted(self, words: str, lower_words: set[str]) -> bool:
        """Words written in capitals for emphasis ("ARE SAYING", "METALS SMELTING"), not an acronym: every
        word a common word of the language or one the article writes in lower case, none a learned name
        ("RUSSIA"), and two or more words (one of them at least four letters long) or one of at least six."""
        parts = words.split()
        return (all(w.isupper() and (w.lower() in self.common or w.lower() in lower_words)
                    and w.lower() not in self.surface for w in parts)
                and max(map(len, parts)) >= (4 if len(parts) > 1 else 6))

    def _longest_match(self, keys: list[str], toks: list[tuple[int, int, str]], i: int) -> int:
        if keys[i] not in self._known_heads:
            return 0
        for n in range(min(MAX_PHRASE_TOKENS, len(keys) - i), 0, -1):
            phrase = tuple(keys[i : i + n])
            if phrase in self.phrases and all(
                self._close_form(phrase, j - i, toks[j][2]) for j in range(i, i + n)
            ):
                return n
        return 0

    def _close_form(self, phrase: tuple[str, ...], pos: int, word: str) -> bool:
        """An inflected form is at most 2 letters shorter or 3 longer than a training form of the phrase's
        word at `pos` ("Путина", "Украйната"; not "Американските" for "Америка")."""
        lengths = self._lengths.get((phrase, pos))
        if (lengths and self.lang in _ADJECTIVE_FORM_LANGUAGES and _SLAVIC_ADJECTIVE.search(word.lower())
                and not self._adjective_forms.get((phrase, pos))):
            return False  # "Европейски" is no form of "Европа" nor of "европейците"
        return not lengths or any(-2 <= len(word) - n <= 3 for n in lengths)

    @staticmethod
    def _plausible(toks: list[tuple[int, int, str]]) -> bool:
        # In cased scripts a name is capitalised; a lower-case look-alike ("зелен...") is another word.
        first = toks[0][2]
        return not is_cased(first) or first[0].isupper() or len(toks) > 1

    def _capitalised_runs(self, text: str, toks: list[tuple[int, int, str]], keys: list[str],
                          title_lines: set[int], headlines: set[int], lower_words: set[str]) -> list[Span]:
        sentence_starts = first_word_starts(text, toks)

        def caps_of(w: str) -> bool:
            return ((w[0].isupper() or bool(_ARABIC_ARTICLE.match(w))) and is_cased(w)
                    and not (w[:2] in ("I'", "I’") and len(w) <= 4) and not is_common_acronym(w))

        mid_caps = {
            keys[j] for j, (s, _, w) in enumerate(toks) if w[:1].isupper() and s not in sentence_starts
        }
        # An English headline capitalises every word, so there a word is a name only where the article
        # also capitalises it outside its headlines ("Kremlin"), or it is known: not "Admits", "Drives". So
        # does a line in capitals in every language, where only a short word in capitals reads as an acronym.
        shouted = shouted_lines(text, toks)
        body_caps = ({keys[j] for j, (s, _, w) in enumerate(toks) if s not in title_lines and caps_of(w)}
                     if headlines or shouted else set())
        # Whether each word is capitalised, found once: the run finder asks about most words several times.
        caps = [caps_of(w) for _, _, w in toks]

        def common(j: int) -> bool:
            word = without_possessive(toks[j][2])
            w = word.lower()
            if w in ROMAN_NUMERALS or self._acronym_like(toks[j], title_lines):
                return False
            return w in self.common or w in lower_words

        def name_word(j: int) -> bool:
            return caps[j] and not common(j)

        def headline_name_word(j: int) -> bool:
            return name_word(j) and (keys[j] in body_caps or keys[j] in self._known_heads or keys[j] in self._single
                                     or is_acronym(toks[j][2]))

        def shouted_name_word(j: int) -> bool:
            return name_word(j) and (keys[j] in body_caps or keys[j] in self._known_heads or keys[j] in self._single
                                     or len(toks[j][2]) <= MAX_SHOUTED_ACRONYM or any(c.isdigit() for c in toks[j][2]))

        out: list[Span] = []
        capitals = [j for j, c in enumerate(caps) if c]
        p = 0
        while p < len(capitals):  # a run starts at each capitalised word not inside the previous run
            j = capitals[p]
            k = j + 1
            while k < len(toks) and not is_possessive(toks[k - 1][2]):
                roman = toks[k][2].lower() in ROMAN_NUMERALS
                if is_acronym(toks[k][2]) != is_acronym(toks[k - 1][2]) and not roman and toks[k][2] not in MEDIA_WORDS:
                    break  # "СМО Петери Таалас": an acronym and a name are two entities; "CBS News" is one
                if dotted_letter(text, toks[k]):
                    break  # "Washington D.C.": the letters of an abbreviation are no words of the name
                if caps[k] and (adjacent(text, toks[k - 1][1], toks[k][0]) or abbreviated(text, toks, j, k)):
                    k += 1
                elif (
                    toks[k][2].lower() in RUN_CONNECTORS
                    and adjacent(text, toks[k - 1][1], toks[k][0])  # not "Tuesday. The Kremlin"
                    and k + 1 < len(toks)
                    and caps[k + 1]
                    and adjacent(text, toks[k][1], toks[k + 1][0])
                ):
                    k += 2
                elif (toks[k][2].lower() in RUN_CONNECTORS and k + 2 < len(toks) and caps[k + 2]
                      and toks[k + 1][2].lower() in SECOND_PARTICLES  # "Ursula von der Leyen"
                      and all(adjacent(text, toks[i][1], toks[i + 1][0]) for i in range(k - 1, k + 2))):
                    k += 3
                else:
                    break
            out.extend(self._names_in_run(text, toks, keys, j, k, sentence_starts, title_lines, mid_caps,
                                          shouted_name_word if toks[j][0] in shouted
                                          else headline_name_word if toks[j][0] in headlines else name_word, common))
            p = bisect.bisect_left(capitals, k, p + 1)
        return out

    def _names_in_run(self, text, toks, keys, j, k, sentence_starts, title_lines, mid_caps, name_word, common):
        """The names inside one run of capitalised words toks[j:k]."""
        function = self._function
        first = j
        # A sentence-initial capital says nothing: "Later Galdora ..." -> "Galdora". The first word stays
        # when it is known as a name: a learned one, an acronym, capitalised mid-sentence elsewhere in the
        # article ("New York" when the article also writes "in New York"), or a word never written in
        # lower case before another capitalised word.
        if toks[j][0] in sentence_starts:
            w = toks[j][2]
            # Bulgarian: a noun opening a sentence before "на" is no name of its own ("Възгледите на Сакс":
            # Sachs's views), unless known.
            genitive = self.lang == "bg" and k - j > 2 and toks[j + 1][2].lower() == "на"
            # English: a participle opening a sentence is no first name ("Panicking Putin ..." in a headline,
            # "Leveraging Chinese expertise ...").
            participle = self.lang == "en" and len(w) >= 7 and w.endswith("ing") and w[1:].islower()
            # A first name opening a line ("Mika Rantanen, a researcher ...") is no common word.
            known = ((is_acronym(w) and not common(j)) or keys[j] in self._single
                     or (keys[j] in mid_caps and (k - j > 1 or not common(j)))
                     or (k - j > 1 and not common(j) and not is_acronym(w) and not genitive and not participle))
            if not known:
                first = j + 1
        while first < k and without_possessive(toks[first][2]).lower() in function and not self._acronym_like(
                toks[first], title_lines):
            first += 1  # "The", "No" never open a name
        last = k
        while last > first and toks[last - 1][2].lower() in self._trailing and not self._acronym_like(
                toks[last - 1], title_lines):
            last -= 1
        if last <= first:
            return []
        runs = [(first, last)]
        if (last - first == 1 and self.lang == "bg" and toks[first][2].lower() not in self.surface
                and BG_DEFINITE_ADJECTIVE.search(toks[first][2].lower()) and lower_word_follows(text, toks, first)):
            return []  # "Тихия" of "Тихия океан"
        if last - first == 1 or toks[first][0] in title_lines:
            # Alone, or in a headline where every word is capitalised: only name words count.
            runs = sub_runs([name_word(i) or toks[i][2].lower() in CONNECTORS for i in range(first, last)], first)
            runs = [strip_connectors(toks, a, b) for a, b in runs]
        if self.lang == "en" or self.lang in _OTHER_SCRIPTS:
            # English words in Latin letters read as English in Bulgarian, Hindi and Russian too ("PM मोदी", "WATCH")
            runs = [(a, b) for r in runs for a, b in (without_titles(toks, *r) if self.lang == "en" or _latin(toks, *r)
                                                     else [r])
                    if not (self.lang == "en" and b - a == 1 and is_place_adjective(toks[a][2])
                            and keys[a] not in self._known_heads)]
        return [Span(*trim_span(text, toks[a][0], toks[b - 1][1]), "NAME") for a, b in runs  # not "século XXI":
                if b > a and not (b - a == 1 and toks[a][2].isupper() and toks[a][2].lower() in ROMAN_NUMERALS)]
