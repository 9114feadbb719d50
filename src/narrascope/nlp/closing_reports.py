"""A report that closes its sentence holds the sentence's other reports: "CLAIM, declarou X." with a cue inside CLAIM.

"A Valdória considera a decisão injusta, o porto deve reabrir, declarou Ana Lima à rádio." reports Ana Lima's words,
"considera" among them; read from the first cue, the sentence had been Valdória's opinion, with the words running on
into "declarou Ana Lima à rádio". The same holds for a passive inside the words ("..., seria declarado que X, sugeriu
Rui Matos"): the speaker after the last comma said all of it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from narrascope.nlp.according import PUBLISHES
from narrascope.nlp.cue_context import THAT_RE, verb_last
from narrascope.nlp.cue_words import THAT_SOON
from narrascope.nlp.passives import passive_report
from narrascope.nlp.said_this import SAID_THIS
from narrascope.nlp.speakers import WORD, words_before

MAX_SPEAKER_WORDS = 10  # words between the closing verb and the next comma or the end: the speaker, where and to whom
MAX_TAIL_WORDS = 25  # words after the closing verb in all (a description of the speaker after a comma)
_OPENS_WORDS = re.compile(r"\s*[:\"“„«]")
# Who quoted the words ("..., каза Иван Петров, цитиран от БТА", "..., disse, citado pela agência"): the quoting outlet
# closes the sentence, the speaker is still the one before it.
_QUOTED_BY = re.compile(r"(?:цитир|quot|citad|citand|ссылая)\w*", re.IGNORECASE)
_QUOTE_CLOSERS = "\"”»“'’"
_OUTLETS_REPORT = PUBLISHES | {"съобщават", "пишат", "сообщают", "пишут", "noticiam", "escrevem", "informam", "report",
                                "передаёт", "передает", "передают", "предава", "предават"}
_GERUND = re.compile(r"(?:айки|яйки|ейки|ndo|ив|ав|яв|ув|ыв)$")  # "коментирайки", "citando", "отметив"
_PREDICATE = frozenset(("must", "will", "would", "is", "are", "was", "were", "has", "have", "had", "can", "could",
                        "should", "may", "might", "é", "são", "foi", "foram", "será", "deve", "devem", "pode", "podem"))
_AUXILIARY_LAST = re.compile(r"(?:^|\s)(?:seria|seriam|foi|foram|é|são|será|serão|era|eram|was|were|is|are|been|be)"
                             r"(?:\s+\w+)?$", re.IGNORECASE)  # "seria logo (declarado)", "was later (announced)"
# Lower-case Latin words that may open a speaker after the verb ("said the mayor", "disse o ministro", "afirmou à
# rádio Ana Lima"): articles, pronouns, and the Portuguese prepositions of where and to whom it was said.
_BEFORE_A_SPEAKER = frozenset(("the", "a", "an", "he", "she", "they", "o", "os", "as", "um", "uma", "ele", "ela",
                               "eles", "elas", "à", "às", "ao", "aos", "em", "no", "na", "nos", "nas", "num", "numa",
                               "esta", "este", "ontem", "hoje"))


def closing_report(sentence: str, cues: Sequence[re.Match]) -> re.Match | None:
    """The last of `cues` (the sentence's reporting cues, in order; or `verb_last`'s after them) where it follows a
    comma after an earlier cue and only its speaker follows it ("..., declarou a porta-voz Ana Lima à rádio."); not
    a verb that brings words of its own ("..., disse que ...", "..., declarou: «...»"), an outlet's "writes" or
    "report", who quoted the words ("..., цитиран от БТА"), a gerund, nor the verb of an earlier cue again (a list,
    or a source's slip: "..., disse X, ..., disse à rádio"). An earlier "X said that ..." keeps its words, which the
    closing verb's speaker (an agency, mostly) reports, unless a quote closes before the comma ('...“, каза X')."""
    if not cues:
        return None
    late = verb_last(sentence)  # a verb that reports only last in a sentence or before "that" ("..., sugeriu X")
    last = late if late is not None and late.start() > cues[-1].start() else cues[-1]
    earlier = [c for c in cues if c.start() < last.start()]
    verb = last.group().lower()
    before = sentence[: last.start()].rstrip()
    if (not earlier or not before.endswith(",") or verb in _OUTLETS_REPORT or _QUOTED_BY.fullmatch(verb)
            or _GERUND.search(verb) or any(c.group().lower() == verb for c in earlier)):
        return None
    if SAID_THIS.fullmatch(sentence, 0, earlier[0].start()):  # "Това заяви X ..., съобщават медиите": said before
        return None
    quote_closes = before[:-1].rstrip()[-1:] in _QUOTE_CLOSERS
    if not quote_closes and any(THAT_SOON.match(sentence, c.end()) and _speaks(sentence, c) for c in earlier):
        return None
    tail = sentence[last.end():]
    if THAT_RE.match(sentence, last.end()) or _OPENS_WORDS.match(tail):
        return None
    first_word = WORD.search(tail)
    if first_word is None or (first_word.group().islower() and first_word.group().isascii()
                              and first_word.group() not in _BEFORE_A_SPEAKER):
        return None  # "..., said billions of people must ...", "..., said of the mayor": no speaker after the verb
    first_clause = WORD.findall(tail.split(",", 1)[0])
    if len(first_clause) > MAX_SPEAKER_WORDS or len(WORD.findall(tail)) > MAX_TAIL_WORDS:
        return None
    if any(w.lower() in _PREDICATE for w in first_clause):  # "..., said the bridge must close": a clause, no speaker
        return None
    return last


def _speaks(sentence: str, cue: re.Match) -> bool:
    """Whether the words before `cue` name who speaks: not a passive's auxiliary ("seria logo declarado que")."""
    source = words_before(sentence, cue.start())
    return bool(source) and passive_report(sentence, cue) is None and not _AUXILIARY_LAST.search(source)
