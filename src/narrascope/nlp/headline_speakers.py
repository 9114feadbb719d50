"""The speaker of a headline "X: claim" ("Kremlin: arms prolong the war", "Зеленски за Путин: ..."): a short
name or role before the colon, not a topic the page files the story under ("Ukraine War:", "Climate Scam:").
`nlp.attribution` asks it where a sentence has no reporting verb."""
from __future__ import annotations

import re

from narrascope.nlp.names import words_written_in_lower_case
from narrascope.nlp.speaker_words import (
    DETERMINERS,
    HEADLINE_PREPOSITIONS,
    NOT_SOURCES,
    REPORT_NOUNS,
    SPEAKER_NOUNS,
    SUBJECT_CONNECTORS,
    no_name_word,
)
from narrascope.nlp.speakers import WORD

_NOT_IN_NAMES = re.compile("[\"“”„«»?!]")
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_EX_PREFIX = re.compile(r"^(?:ex|екс|экс|зам\.?)-")  # "екс-полковник", "ex-minister", "зам.-министър"


def _speaker_phrase(words: list[str]) -> bool:
    """Every word of a headline's head reads as part of a speaker: capitalised (a name, or the head's first
    word), a connector or determiner ("МВнР на Русия"), a role noun (`SPEAKER_NOUNS`), or one adjective after
    a role noun or its connector ("Senadora russa", "министерство на отбраната"). "Putin's proposal", "Climate
    insanity", "Kiev atacou Moscovo" are topics."""
    after_role = False
    for w in words:
        lower = _EX_PREFIX.sub("", w.lower())  # "екс-полковник", "ex-minister", "зам.-министър"
        if lower.startswith(SPEAKER_NOUNS):
            after_role = True
        elif lower in SUBJECT_CONNECTORS or lower in DETERMINERS:
            continue  # "Руското министерство на отбраната": the office's complement follows
        elif w[:1].isupper():
            after_role = False
        elif after_role:
            after_role = False  # one lower-case adjective after the role
        else:
            return False
    return True


# The last word of a topic before a headline's colon ("Ukraine War:", "Russia Ukraine War Live Updates:",
# "Климатична криза:"): what the page files the story under, not who speaks.
_TOPIC_NOUNS = frozenset(("war", "crisis", "conflict", "updates", "live", "news", "война", "войната", "криза",
                          "кризата", "конфликт", "guerra", "crise", "conflito"))
# A topic by its form: a tag that ends on an English participle ("Harbour Fraud Exposed:"), or one Portuguese or English
# abstract noun or adjective ("Contradições:", "Hypocrisy:"), as no name ends (not a gerund: "Judging Freedom:" speaks).
_TOPIC_FORM = re.compile(r"^(?:.+\s[A-Z][a-z]{3,}ed|[A-Z][a-zà-ú]+(?:ções|ção|ável|ível|ismo|dade|isy|ness|ity|ism))$")


# How sure the speaker is, after the name before a headline's colon ("Иван Петров категоричен: ...")
_EMPHATIC = frozenset(("категоричен", "категорична", "категорични", "убеден", "убедена", "убедени", "уверен",
                       "уверена", "уверены", "adamant", "categórico", "categórica"))


def headline_source(head: str, sentence: str, text: str = "") -> str:
    """The speaker of a headline "X: claim", or "": a short capitalised name or role (`_speaker_phrase`), cut
    before a preposition ("Зеленски за Путин", "Biden on Putin": the first is who speaks); no pronoun ("Он
    также уточнил"), no label ("CLAIM", "Related"), no shouted phrase ("УЧЕНИ АЛАРМИРАТ"), no quoted words,
    and in Hindi no Latin-script topic tag ("Russia Ukraine War:"); no words that `text`, the article, also
    writes in lower case ("Climate Scam:"), unless one is a role or a report ("Учени:", "Estudo:")."""
    words = head.split()
    if _NOT_IN_NAMES.search(head) or _shouted(words) or _place_in_capitals(words, text):
        return ""  # "ДЕН ЗА МОСТА:" (shouted, before or after a preposition), "LONDON:" (a dateline's place)
    for k, w in enumerate(words):
        if k and w.lower() in HEADLINE_PREPOSITIONS:
            words = words[:k]
            break
    if len(words) > 1 and words[-1].lower() in _EMPHATIC:
        words = words[:-1]  # "Иван Петров категоричен:" (adamant): Иван Петров speaks
    source = " ".join(words).strip()
    if (not source[:1].isupper() or len(WORD.findall(source)) > 4 or source.lower() in NOT_SOURCES
            or source.lower().split()[-1] in _TOPIC_NOUNS or _TOPIC_FORM.match(source)
            or any(no_name_word(w) for w in words)
            or not _speaker_phrase(words)
            or _shouted(words)
            or (_DEVANAGARI.search(sentence) and not _DEVANAGARI.search(source))
            or (not any(w.lower().startswith((*SPEAKER_NOUNS, *REPORT_NOUNS)) for w in words)
                and words_written_in_lower_case(text, source))):
        return ""
    return source


def _shouted(words: list[str]) -> bool:
    """A phrase in capitals, two words of four letters or more among them ("УЧЕНИ АЛАРМИРАТ"), or a preposition
    ("ДЕН ЗА МОСТА": acronyms hold none)."""
    return len(words) > 1 and all(w.isupper() for w in words) and (
        sum(len(w) > 3 for w in words) >= 2 or any(w.lower() in HEADLINE_PREPOSITIONS for w in words[1:]))


def _place_in_capitals(words: list[str], text: str) -> bool:
    """One word in capitals of five letters or more that the article also writes in title case: a dateline's
    place ("LONDON:" with "London" in the text), not an acronym ("CCDH", "UNESCO")."""
    return (len(words) == 1 and len(words[0]) >= 5 and words[0].isalpha() and words[0].isupper()
            and re.search(rf"(?<!\w){re.escape(words[0].title())}(?!\w)", text) is not None)
