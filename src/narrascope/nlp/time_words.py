"""Time adverbials around a speaker ("said on Tuesday Peskov", "o ministro esta sexta-feira", "Lopez Obrador
last year said"): the words that `nlp.speakers` and `nlp.attribution` leave out of a source's name."""
from __future__ import annotations

import re

from narrascope.nlp.datelines import MONTHS
from narrascope.nlp.names import EN_NOT_NAMES
from narrascope.nlp.speaker_words import TIME_NOUNS, TIME_OPENERS
from narrascope.nlp.text import WORD_CHARS

WORD = re.compile(f"[{WORD_CHARS}][{WORD_CHARS}'’.-]*")


def is_time(word: str) -> bool:
    """A weekday, a month (in any of the five languages: "30 июня предупредил" names nobody), a word such as
    "year" or "week" ("Lopez Obrador last year said") or a number."""
    return (word.lower() in EN_NOT_NAMES or word.lower() in TIME_NOUNS or word.replace(".", "").replace(",", "").isdigit()
            or bool(_MONTH.fullmatch(word)))


_MONTH = re.compile(MONTHS, re.IGNORECASE)


def after_time_words(words: str) -> str:
    """The words after a verb without the time adverbial that opens them, when a name follows it ("disse
    esta sexta-feira Vladimir Putin" -> "Vladimir Putin", "said on Tuesday Peskov" -> "Peskov"); "" when
    no name does ("afirmou este sábado que o envio ..."); the words as given when no time adverbial opens them."""
    found = words.split()
    if len(found) < 2 or found[0].lower() not in TIME_OPENERS or not is_time_word(found[1]):
        return words
    k = 1
    while k < len(found) and is_time_word(found[k]):
        k += 1
    rest = found[k:]
    return " ".join(rest) if rest and rest[0][:1].isupper() else ""


def without_time_after(words: str) -> str:
    """The words after a verb without the time adverbial that closes them ("Ivo Marr on Monday" -> "Ivo Marr",
    "o ministro esta sexta-feira" -> "o ministro")."""
    found = words.split()
    return next((" ".join(found[:k]) for k in range(1, len(found)) if time_only(" ".join(found[k:]))), words)


def time_only(words: str) -> bool:
    """Whether `words` are a time adverbial and nothing else ("on Monday.", "esta sexta-feira")."""
    found = [w.strip(".") for w in WORD.findall(words)]
    return bool(found) and found[0].lower() in TIME_OPENERS and all(is_time_word(w) for w in found[1:])


def is_time_word(word: str) -> bool:
    w = word.strip("()").lower()
    return is_time(w) or w.isdigit() or w.endswith("-feira") or w in TIME_NOUNS
