"""Who said it, when a sentence after the claim names the speaker: "Това заяви X ...", "Об этом сообщил X
...", "This was reported by X".

Bulgarian and Russian news open with the claim and name its source in the next sentence ("The West must stop
the deliveries. This was stated by the political scientist X before the channel Y."). The speaker follows the
verb, among the role, where and to whom it was said: `speaker_of_said_this` reads it out of those words.
`nlp.attribution` marks such a sentence as naming a source without a claim of its own, and the sentence
before it as that source's words.
"""
from __future__ import annotations

import re

from narrascope.nlp import hindi_claims
from narrascope.nlp.appositions import speaker_after_verb
from narrascope.nlp.speaker_words import PRONOUNS, TIME_OPENERS
from narrascope.nlp.time_words import is_time_word

# The demonstrative that stands for the claim before it, and at most a few words before the verb ("Об этом в
# интервью агентству заявил", "Об этом, впрочем, открыто заявлял": one word between commas; another comma or a
# clause there makes it another sentence); in English and Portuguese the passive only ("This was reported by",
# "Foi o que declarou"; not "This time the agency accuses").
_THIS = r"(?:об этом|о том|это|това|за това|такое|такие|подобное|данное|такова|подобно)"  # "Такое мнение высказал"
SAID_THIS = re.compile(r"\s*(?:" + _THIS + r"(?:,\s*[^\s,.;:!?]+,)?(?:\s+[^\s,.;:!?]+(?:\.[^\s,.;:!?]+)*){0,4}"
                       r"|(?:this|that) (?:was|is|has been|had been)|(?:isso|isto) foi|foi o que)\s*", re.IGNORECASE)
DEMONSTRATIVE = re.compile(r"\s*(?:" + _THIS + r"|this|that|isso|isto|foi o que)\s*", re.IGNORECASE)
# "Това мнение изрази X", "Такое заявление сделал X": what was said named by a noun, and a verb of making it that
# reports nothing by itself ("направи", "сделал" are no verbs of saying); the speaker after the verb or before it.
_STATEMENT_MADE = re.compile(r"\s*" + _THIS + r"\s+(?:заявлени[ея]|мнени[ея]|изявлени[ея]|предупреждени[ея]|оценк[аи])"
                             r"(?P<between>(?:\s+[^\s,.;:!?]+){0,5}?)\s+(?P<verb>сделал[аи]?|выразил[аи]?|озвучил[аи]?"
                             r"|изрази(?:ха)?|направи(?:ха)?|сподели(?:ха)?)(?=\s)", re.IGNORECASE)
# Prepositions that open where, how or to whom it was said ("пред телевизията", "в речта си"),
# and the passive's "by" ("reported by the Financial Times").
_PREPOSITIONS = frozenset(("в", "във", "во", "пред", "по", "при", "за", "чрез", "на", "от", "из", "с", "със", "для",
                           "in", "during", "at", "on", "to", "with", "of", "em", "no", "na", "durante", "à", "ao",
                           "com", "de", "da", "do"))
_WHERE = frozenset(("в", "във", "во", "in", "at", "em", "no", "na"))  # "сообщили в Минобороны": where it was said
_TO_WHOM = frozenset(("пред", "to", "à", "ao", "для", "with", "com", "с", "със"))
_GENITIVE = frozenset(("на", "от", "of", "de", "da", "do"))  # a place or body before the name of its office holder
_PASSIVE_BY = frozenset(("by", "por", "pelo", "pela", "от"))
_QUOTE_CHARS = "\"“”„«»'‘’"
_MARKS = ".,;:!?" + _QUOTE_CHARS


def _has_cyrillic(word: str) -> bool:
    """Any Cyrillic letter: "Youtube-канале" is of the Cyrillic run, not of the Latin name after it."""
    return any("\u0400" <= c <= "\u04ff" for c in word)


def _name_runs(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words of one script, a quoted title ending a run."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        if not _capitalised(words[k]):
            k += 1
            continue
        j = k + 1
        while (j < len(words) and _capitalised(words[j]) and _has_cyrillic(words[j]) == _has_cyrillic(words[k])
               and not words[j - 1].endswith(tuple(_QUOTE_CHARS)) and not words[j].startswith(tuple(_QUOTE_CHARS))):
            j += 1
        runs.append((k, j))
        k = j
    return runs


def _capitalised(word: str) -> bool:
    w = word.strip(_MARKS)
    return w[:1].isupper() and not (len(w) > 1 and w.isupper())  # an acronym ("ТАСС", "ООН") is no person's name


def speaker_of_said_this(after: str, before: str = "") -> str:
    """The speaker of "Това заяви X ..." from the words `after` the verb (up to the next comma) and those
    `before` it (after the demonstrative): a pronoun before the verb ("Об этом она рассказала"); a name right
    after the verb ("Об этом заявил Петров", "сообщает РИА «Новости»"); else the first person-like name of
    two or three words that no preposition opens ("експертът Иван Петров във видеоблога на журналиста ..." ->
    "Иван Петров"; "депутатът от общинския съвет на Варна Иван Петров" -> "Иван Петров");
    else a short role (`speaker_after_verb`: "его адвокат", "агентство Bloomberg"); "" when none reads as one."""
    ahead = before.split()
    if len(ahead) == 1 and ahead[0].lower() in PRONOUNS:
        return ahead[0]
    words = after.split()
    if len(words) > 1 and words[0].lower() in TIME_OPENERS and is_time_word(words[1].strip(_MARKS)):
        words = words[2:]  # "Това съобщи в сряда пресслужбата ..."
    if words and words[0].lower() in _PASSIVE_BY:
        words = words[1:]
    if not words:
        return ""
    if words[0].strip(_MARKS).lower() in PRONOUNS:
        first = words[0].strip(_MARKS)
        return first if first.lower() != "я" else ""  # "Това каза той"; in Bulgarian "я" is "it"
    bare = [w.strip(_MARKS) for w in words]
    runs = _name_runs(words)
    if runs and runs[0][0] == 0:  # right after the verb: the name, a quoted title included ("РИА «Новости»"),
        end = runs[0][1]            # or the words that go with it up to a preposition ("Министерство обороны РФ")
        while end < len(words) and _capitalised(words[end]) and words[end][:1] in _QUOTE_CHARS:
            end += 1
        stop = next((k for k in range(end, len(bare)) if bare[k].lower() in _PREPOSITIONS
                     and not (k == end and bare[k].lower() in _GENITIVE)), len(bare))
        return " ".join(bare[:stop]) if stop <= 4 else " ".join(bare[:end]) if end <= 4 else ""
    if len(runs) == 1 and runs[0] == (1, len(bare)) and bare[0].lower() in _WHERE and len(bare) <= 4:
        return " ".join(bare[1 : runs[0][1]])  # "Об этом сообщили в Минобороны России": the ministry
    for start, end in runs:  # the first: the complement that follows may name others ("... на журналиста X")
        if _capitalised(words[start - 1]) and not words[start - 1].endswith(tuple(_QUOTE_CHARS)):
            continue  # the tail of a longer name in two scripts ("Youtube-канале Valdor Talks")
        before_run = bare[start - 1].lower()
        if before_run in _PREPOSITIONS and (end - start < 3 or before_run in _TO_WHOM):
            continue  # where or to whom it was said ("пред Би Би Си", "в интервю Yle")
        if end - start >= 3 and (before_run in _PREPOSITIONS or bare[start].endswith(("ии", "ы"))):
            start += 1  # "на Варна Иван Петров", "посланикът на САЩ в България Кенет Марло",
            #             "президент Белоруссии Иван Орлов": the place, then the person
        if 2 <= end - start <= 3 and not words[end - 1].endswith(tuple(_QUOTE_CHARS)):
            return " ".join(bare[start:end])
    return speaker_after_verb(" ".join(bare))


def statement_made(sentence: str) -> tuple[str, str] | None:
    """(verb, speaker) where `sentence` only says who made the statement before it ("Това мнение изрази
    премиерът Иван Петров в интервю ...", "Такое заявление президент Иван Петров сделал ...": see
    `_STATEMENT_MADE`), else None."""
    made = _STATEMENT_MADE.match(sentence)
    if not made:
        speaker = hindi_claims.said_these(sentence)  # "X ने ये बातें ... कहीं": X said these things
        return ("कहीं", speaker) if speaker else None
    after = re.split(r"[,.;]\s", sentence[made.end():], maxsplit=1)[0]
    return made.group("verb").lower(), (speaker_of_said_this(after) or speaker_of_said_this(made.group("between")))


_DASH_OPENS = re.compile(r"\s*[-–—]\s*[^\W\d_]")  # "— сказал Иван Петров.": a quote's attribution split off it
_LOWER_OPENS = re.compile(r"\s*[^\W\d_A-ZА-ЯЁ]")  # '"QUOTE."\nsaid Ivo Marev.': split off it after a line break


def may_name_the_sentence_before(text: str, pos: int) -> bool:
    """A cheap test before reading the sentence at `pos` in full: whether it may only name who said the sentence
    before ("Това заяви X", "Такое мнение высказал X", a dash and a verb: "— сказал X.", or a lower-case verb)."""
    return bool(SAID_THIS.match(text, pos) or _DASH_OPENS.match(text, pos) or _LOWER_OPENS.match(text, pos)
                or text.find(" बात", pos, pos + _HINDI_REACH) >= 0)  # "X ने ये बातें ... कहीं"


_HINDI_REACH = 300  # characters of the next sentence in which "X ने ये बातें ... कहीं" names its speaker
