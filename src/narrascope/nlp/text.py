r"""Offset-preserving segmentation and the one word tokenizer: paragraphs, sentences and words.

Regex-based on purpose: it is fast, has no model to load, and works the same for the Latin,
Cyrillic and Devanagari scripts narrascope supports (Hindi ends sentences with the danda "।").

Words: Python's `\w` leaves out the combining marks (Unicode Mn/Mc/Me) that Devanagari writes its vowel
signs and virama with, so `\w+` cuts "भारत" into "भ" and "रत". `WORD_PATTERN` is `\w` plus every
combining mark: one pattern for every analyzer and every script (also usable as scikit-learn's
`token_pattern`).
"""
from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np


def _combining_mark_ranges() -> list[tuple[int, int]]:
    """The code point ranges of every combining mark (Mn, Mc, Me) in Unicode (the planes where scripts
    and variation selectors live: reading all of Unicode would slow every start)."""
    ranges: list[list[int]] = []
    for cp in (*range(0x20000), *range(0xE0000, 0xE0200)):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return [(a, b) for a, b in ranges]


_MARK_RANGES = _combining_mark_ranges()


def _combining_marks() -> str:
    """A regex character-class body of every combining mark, as ranges."""
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _MARK_RANGES)


WORD_CHARS = r"\w" + _combining_marks()
# A word: letters, digits and the marks that belong to them; zero-width (non-)joiners, which shape
# Devanagari conjuncts, only inside a word.
WORD_PATTERN = f"[{WORD_CHARS}]+(?:[\u200c\u200d][{WORD_CHARS}]+)*"

# A sentence ends at ., !, ?, …, the danda or a line break; closing quotes/brackets stay with it. A stop with a
# letter right after it ends one only where `_glued_end` reads two sentences run together.
# Closing marks after a sentence's stop; “ closes „...“ (Bulgarian, Russian), and never opens right after a stop.
_CLOSERS = "\"'”’»“)]"
# A run of stops is read from its first stop and whole (possessive: no shorter run could end a sentence where the
# whole one does not), so that a long run of them ("!!!!...", a line of dots) is read once, not once per stop.
_SENTENCE_END = re.compile(r"""[.!?…।](?<![.!?…।]{2})[.!?…।]*+["'”’»“)\]]*+(?=\s)|\n"""
                           r"""|[.!?…।](?<![.!?…।]{2})[.!?…।]*+["'”’»)\]]*+(?=[„«]?\w)""")
_WORD = re.compile(WORD_PATTERN)
# Where a text holds no combining mark and no zero-width (non-)joiner, `WORD_PATTERN` finds exactly the
# `\w+` runs, and Python's regex engine finds those over twice as fast as it tests the long class.
_PLAIN_WORD = re.compile(r"\w+")


def _not_plain_table() -> np.ndarray:
    """By code point: True for a combining mark or a zero-width (non-)joiner."""
    table = np.zeros(0x110000, dtype=bool)
    for a, b in _MARK_RANGES:
        table[a : b + 1] = True
    table[[0x200C, 0x200D]] = True
    return table


_NOT_PLAIN = _not_plain_table()

MIN_SENTENCE_CHARS = 3


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without the white space around it, nor a byte-order mark (the first character of some scraped files:
    "\ufeffName: ..." had hidden a headline's speaker)."""
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines (paragraphs) as (start, end), whitespace trimmed."""
    return [(p.start, p.end) for p in line_paragraphs(text)]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One non-empty line of an article: its 1-based line number and character range."""

    number: int
    start: int
    end: int


def line_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs: non-empty lines, numbered by their 1-based line number (empty lines count), the
    paragraph unit of SemEval-2023 Task 3 and of the technique analyzer."""
    out: list[Paragraph] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        end = pos + len(line)
        s, e = pos, end
        while s < e and line[s - pos].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Paragraph(number, s, e))
        pos = end + 1
    return out


def sentences(text: str, max_chars: int = 600) -> list[tuple[int, int]]:
    """Sentences as (start, end). Over-long runs without punctuation are cut at `max_chars`
    (on a space where possible) so that one sentence never dominates an embedding batch."""
    if len(text) > MAX_REMEMBERED_CHARS:
        return list(_sentences(text, max_chars))
    return list(_remembered_sentences(text, max_chars))


# Several analyzers of a batch split the same articles (NER, salience, roles, narratives, ...): the
# splits of the last 128 articles (four default batches) are kept, not those of very long texts.
MAX_REMEMBERED_CHARS = 100_000


# A full stop that ends an abbreviation, not a sentence (see `_abbreviation_stop`). Abbreviations that open a
# place's name ("St. Petersburg", "Mt. Everest", "Ft. Worth"), and titles before a name, as written: "Dr.
# Baker", "Sen. Manchin", "проф. Дитлевсен", "ген. Залужни", "инж. Петров", "полк. Макгрегър", "Sra. Silva".
PLACE_ABBREVIATIONS = frozenset({"St", "Mt", "Ft"})
TITLE_ABBREVIATIONS = PLACE_ABBREVIATIONS | {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Sen", "Rep", "Gov", "Rev",
    "Hon", "Pres", "Sr", "Sra", "Dra", "проф", "акад", "ген", "д-р", "доц", "инж", "полк", "Св", "св", "डॉ", "प्रो",
    "Проф", "Акад", "Ген", "Д-р", "Доц", "Инж", "Полк",  # a headline or a sentence opens on the title ("Проф. Петров: ...")
}
def closes_title(text: str, stop: int, start: int = 0) -> bool:
    """Whether the full stop at text[stop] closes a title before a name ("said Dr. Baker", "каза полк. Петров"),
    looking no further back than `start`: the word before it, as the sentence splitter reads it, is a title."""
    before = _WORD_BEFORE_STOP.search(text, max(start, stop - 24), stop)
    return before is not None and before.group(1) in TITLE_ABBREVIATIONS


CLAUSE_END = re.compile(r"[,.;]\s")


def first_clause(words: str) -> str:
    """`words` up to the first comma, semicolon or full stop before a space, but not a title's stop ("каза полк.
    Петров", "said Gen. Roe")."""
    for m in CLAUSE_END.finditer(words):
        if m.group()[0] != "." or not closes_title(words, m.start()):
            return words[: m.start()]
    return words


# The names of Latin letters in Devanagari, which Hindi writes for a name's initials ("एस. जयशंकर": S. Jaishankar).
DEVANAGARI_INITIALS = frozenset({"ए", "बी", "सी", "डी", "ई", "एफ", "जी", "एच", "आई", "जे", "के", "एल", "एम", "एन", "ओ", "पी",
                                 "क्यू", "आर", "एस", "टी", "यू", "वी", "डब्ल्यू", "एक्स", "वाई", "जेड"})
# Abbreviations before a number ("Jan. 26", "No. 5") or anything ("Shell vs. Greenpeace").
NUMBER_ABBREVIATIONS = frozenset({
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Art",
})
ALWAYS_ABBREVIATIONS = frozenset({"vs", "i.e", "e.g", "т.е", "Т.е", "т.к", "т.ч"})
_WORD_BEFORE_STOP = re.compile(rf"(?:^|(?<=[\s(\[\"'“«„]))([^\W\d_][{WORD_CHARS}.\-]*)$")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NEXT_CHAR = re.compile(r"[ \t\u00a0]*(\S)")
_DASH_THEN_WORD = re.compile(r"[-–—][ \t\u00a0]+(\w)")


def _abbreviation_stop(text: str, stop: int, after: int, closed: bool) -> bool:
    """Whether the full stop at text[stop] (its sentence-end match ending at `after`) ends an abbreviation
    rather than the sentence. The next sentence would start in lower case ("5 млн. души", "U.S. officials"), or
    with a dash and a lower-case word ("от 2023 г. - д-р Петров ... каза");
    or a capital follows an initial ("George W. Bush", "В. Зеленски"; not "X.", the platform), letters and
    full stops ("U.S. President", "J.D. Vance") or a title ("Dr. Baker"); or a number follows "Jan." or
    "No.". `closed`: more than the full stop (a quote closes after it, or an ellipsis): only a lower-case
    start continues. A line break always ends the sentence."""
    nxt = _NEXT_CHAR.match(text, after)
    if nxt is None:
        return False
    first = nxt.group(1)
    dash = _DASH_THEN_WORD.match(text, nxt.start(1))  # "от 2023 г. - д-р Иван ... каза": the sentence goes on
    if first.islower() or (dash is not None and dash.group(1).islower()):
        return text[stop:after].rstrip(_CLOSERS).strip(".…") == ""
    if closed:
        return False
    before = _WORD_BEFORE_STOP.search(text, max(0, stop - 24), stop)
    if before is None:
        return False
    word = before.group(1)
    if word in ALWAYS_ABBREVIATIONS:
        return True
    if first.isdigit():
        return word in NUMBER_ABBREVIATIONS
    if not first.isalpha():
        return False
    if word in TITLE_ABBREVIATIONS:
        return True  # before a capital or a letter of a script without case ("डॉ. मनमोहन")
    if all(part in DEVANAGARI_INITIALS for part in word.split(".")):
        return "\u0900" <= first <= "\u097f"  # initials spelt out in Hindi: "एस. जयशंकर", "यू.एस. की नीति"
    if not first.isupper():
        return False
    if len(word) == 1:
        return word.isupper() and word not in "XI"  # "on X.", "World War I." end sentences
    return word.isupper() and _INITIALS.fullmatch(word) is not None


# Two sentences the source ran together, with no space after the stop: "... said Ivo Marev.The talks ...", "...
# होगा।बैठक ...", "... कहा है.पेंटागन ..." (Hindi writes a full stop too). Not a stop inside a link or a handle
# ("facebook.com/Ivo.Marev", "@Ivo.Marev"), before a domain's ending ("Pravda.Ru") or between initials ("एम.एससी",
# which `_abbreviation_stop` reads).
_DOMAIN_ENDINGS = frozenset({"Ru", "Com", "Org", "Net", "Info", "Ua", "Bg", "Uk", "Tv", "Su", "Рф", "Ру", "Бг"})
_TOKEN_EDGE = re.compile(r"\s")
_TOKEN_REACH = 300
_LETTERS = re.compile(r"[^\W\d_]+")


def _glued_end(text: str, stop: int, after: int) -> bool:
    """Whether the stop at text[stop:after], with a letter right after it, ends a sentence: a lower-case letter
    before it and a capital and a lower-case letter after it (an opening „ or « between), or Devanagari letters on
    both sides of a single full stop or danda."""
    if stop < 2:
        return False
    before, end = text[stop - 1], text[stop:after].rstrip(_CLOSERS)
    nxt = after + (text[after] in "„«")
    if nxt + 1 >= len(text) or end in ("…", "..."):  # a pause inside the sentence as often: "All Women…Unless"
        return False
    if "\u0900" <= before <= "\u097f":
        if end not in (".", "।") or not ("\u0904" <= text[nxt] <= "\u0939" or "\u0958" <= text[nxt] <= "\u0961"):
            return False
        word = _WORD.match(text, nxt)
        if word is None or text.startswith((".", "।"), word.end()):  # "का.सं.": an abbreviation's letters
            return False
    elif not (before.islower() and text[stop - 2].isalpha() and text[nxt].isupper() and text[nxt + 1].islower()):
        return False
    # The token around the stop, read at most _TOKEN_REACH characters each way: a run of text with no space
    # (a pasted blob) must not be read again at each of its stops.
    reach = max(0, stop - _TOKEN_REACH)
    token_start = max(text.rfind(" ", reach, stop), text.rfind("\n", reach, stop), reach - 1) + 1
    edge = _TOKEN_EDGE.search(text, after, after + _TOKEN_REACH)
    token = text[token_start : edge.start() if edge else min(len(text), after + _TOKEN_REACH)]
    if "/" in token or "@" in token or "www." in token:
        return False
    word = _LETTERS.match(text, nxt)
    return word is None or word.group() not in _DOMAIN_ENDINGS


def _sentences(text: str, max_chars: int) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end, stop = m.group(), m.end()
        if end != "\n" and stop < len(text) and not text[stop].isspace():
            if not _glued_end(text, m.start(), stop):
                continue
            if end[-1] == '"' and text.count('"', text.rfind("\n", 0, m.start()) + 1, m.start()) % 2 == 0:
                stop -= 1  # a straight quote mark with no quote open before it on its line opens the next one
        if end[0] == "." and _abbreviation_stop(text, m.start(), m.end(), closed=end != "."):
            continue
        _add(text, pos, stop, out, max_chars)
        pos = stop
    _add(text, pos, len(text), out, max_chars)
    return tuple(out)


_remembered_sentences = functools.lru_cache(maxsize=128)(_sentences)


def _add(text: str, start: int, end: int, out: list[tuple[int, int]], max_chars: int) -> None:
    start, end = _strip(text, start, end)
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        s, e = _strip(text, start, cut)
        if e - s >= MIN_SENTENCE_CHARS:
            out.append((s, e))
        start, end = _strip(text, cut, end)
    if end - start >= MIN_SENTENCE_CHARS:
        out.append((start, end))


_held = threading.local()
_T = TypeVar("_T")


def remembered_per_text(fn: Callable[[str, str], _T]) -> Callable[[str, str], _T]:
    """`fn(text, key)` remembered for the text it was last asked about in this thread: a text's words ask the same
    question many times (a run of one name in a pasted blob, thousands), and each answer reads the whole text.
    Only that one text is held, never a cache of texts."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def remembered(text: str, key: str) -> _T:
        held = getattr(_held, name, None)
        if held is None or held[0] is not text:
            held = (text, {})
            setattr(_held, name, held)
        if key not in held[1]:
            held[1][key] = fn(text, key)
        return held[1][key]
    return remembered


def word_regex(text: str) -> re.Pattern[str]:
    r"""A compiled pattern that finds, in `text` or any part of it, exactly the words `WORD_PATTERN` finds,
    and the fastest such: `\w+` where the text holds no combining mark or joiner (a check of a few
    microseconds per article), `WORD_PATTERN` itself where it does (Hindi, decomposed accents)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _WORD if _NOT_PLAIN[codes].any() else _PLAIN_WORD


def words(text: str) -> list[str]:
    """The words of `text` in every script (see `WORD_PATTERN`)."""
    return word_regex(text).findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text`."""
    return [m.span() for m in word_regex(text).finditer(text)]


def count_words(text: str) -> int:
    return len(text.split())


# A quotation inside a quote takes the second-level marks of the outer ones: “... ‘...’ ...”, «... „...“ ...»,
# „... «...» ...“, "... '...' ...".
_INNER_QUOTES = {"“": str.maketrans("“”", "‘’"), "«": str.maketrans("«»", "„“"), "„": str.maketrans("„“", "«»"),
                 '"': str.maketrans('"', "'")}


def nest_quotes(quote: str, open_quote: str = "“") -> str:
    """`quote` as it reads inside `open_quote` marks: its own marks of the same kind become second-level ones
    («„Русофобская организация“: ...» rather than ««Русофобская организация»: ...»)."""
    if open_quote in _INNER_QUOTES and (open_quote in quote or (open_quote == "“" and "”" in quote)):
        return quote.translate(_INNER_QUOTES[open_quote])
    return quote


def opening_words(text: str, limit: int = 90) -> str:
    """A heading for a text that has no title: its first sentence, cut after a word and ended with "…" where
    it is longer than `limit` characters ("" for a text without words)."""
    head = text[: limit * 8]
    spans = sentences(head)
    if not spans:
        return ""
    first = " ".join(head[spans[0][0] : spans[0][1]].split())
    if len(first) <= limit:
        return first
    cut = first.rfind(" ", 0, limit)
    return first[: cut if cut > 0 else limit].rstrip(",;:-–— ") + " …"


def opens_what_follows(sentence: str) -> bool:
    """A sentence that ends with a colon ("... the economist Kuzman Iliev said:", "Main points of the
    summit:"): it introduces what follows and claims nothing by itself (no evidence, no quote)."""
    return sentence.rstrip(" \"'”’»").endswith((":", "："))
