"""Where the source of a Bulgarian "according to" ends, and the claim begins.

Bulgarian writes no comma after "Според X" ("Според учените сушите зачестяват", according to the scientists
droughts grow more frequent), so the comma that follows closes the claim's first clause, not the
source. The claim opens where the source's name ends (`according.according_source` reads the name), unless a
preposition goes on with the source ("Според Министерството на водите на Валдор ..."), where nothing tells
where it ends; a name that still goes on after the words read for it ("По думите на министъра на външните
работи на Валдор Иво Марев, ...") or a role after a dash ("По думите на Иво Марев - съветник на ..., ...")
leave the comma to end the source, as in the other languages.
"""
from __future__ import annotations

import re

# The phrases, at the opening of a sentence: "според", "по думите на", "по данни на", "по оценки на", ...
BULGARIAN_ACCORDING = re.compile(r"според|по (?:думите|данни|оценки|оценка|последните|предварителни|изчисления)",
                                 re.IGNORECASE)
PREPOSITIONS = frozenset(("на", "от", "за", "в", "във", "с", "със", "по", "към", "при", "и"))
_PREPOSITION_NEXT = re.compile(r"\s+(?:" + "|".join(PREPOSITIONS) + r")\s", re.IGNORECASE)
_CAPITAL_NEXT = re.compile(r"\s*[A-ZА-ЯЁ]")
_DASH_AT = re.compile(r"\s*[-–—]")
_CLOSERS = ")»”“\"'"
NOT_HERE = -1  # `claim_start`: the rule does not apply


def applies(phrase: str, at: int) -> bool:
    """A Bulgarian "according to" phrase that opens its sentence (found at offset `at`)."""
    return at <= 2 and bool(BULGARIAN_ACCORDING.match(phrase))


def comma_ends_clause(words: str, source: str, unclosed: str) -> bool:
    """The source read before a comma stopped short of it at a word that is no preposition ("Според Ирена
    Валдова мостът е затворен, ..." read "Ирена Валдова мостът" up to the verb), or ran on past the name
    (`unclosed`, read as a source without a comma) into a lower-case word that no preposition ties to it
    ("Според доклада десетте най-тежки години, ..."; a name or one noun): the comma ends a clause of the claim, so the source is
    read again as one without a comma after it."""
    said, kept = words.split(), len(source.split())
    if kept < len(said) and said[kept].lower() not in PREPOSITIONS:
        return True
    name, rest = unclosed.split(), source.split()[len(unclosed.split()):]
    if not name or not rest or not (len(name) == 1 or name[-1][:1].isupper()):
        return False  # "Според документи на държавата, ...": no name's end says where the source ends
    return rest[0][:1].islower() and rest[0].lower() not in PREPOSITIONS


def claim_start(sentence: str, phrase_end: int, words: str, source: str) -> int | None:
    """Where in `sentence` the claim after "Според X" opens (the phrase ends at `phrase_end`, `words` were read
    for the source, `source` is its name): after the name, None where a preposition goes on with it, or
    NOT_HERE where a comma ends the source after all."""
    named_end = sentence.find(source, phrase_end) + len(source) if source else NOT_HERE
    if named_end <= phrase_end:
        return NOT_HERE
    while named_end < len(sentence) and sentence[named_end] in _CLOSERS:
        named_end += 1  # the bracket or quotation mark that closes the source's name
    cut_short = len(source.split()) == len(words.split()) and _CAPITAL_NEXT.match(sentence, named_end)
    if cut_short or _DASH_AT.match(sentence, named_end - 1) or sentence[named_end:].lstrip().startswith(","):
        return NOT_HERE
    return None if _PREPOSITION_NEXT.match(sentence, named_end) else named_end
