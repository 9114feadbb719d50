"""Who said it, after a dash: two ways of naming a source without a reporting verb before it.

- A headline that closes on its source: "Западът ще смени Зеленски догодина — Владимир Путин", "Русия губи
  войната – Defense News", "US will build a new order – Biden". Only a line without final punctuation (a
  headline) whose last words are a name: in a sentence the same dash more often names what the clause spoke of
  ("... един човек — Зеленски."). Not in Hindi, whose pages close their headlines on the paper's name ("... -
  The Hindu").
- A quote closed before a comma and a dash, then any verb ("«Они врут», — заключила она.", "..., — говорится в
  сообщении ..."): in that shape the verb reports what was quoted, whether or not it is one of the reporting
  verbs of `nlp.cue_words` ("заключил", "убеждал", "иронизирует"); in Portuguese without the dash ('"...?",
  questionou o presidente').
"""
from __future__ import annotations

import re

from narrascope.nlp.appositions import is_name_phrase, speaker_after_verb
from narrascope.nlp.speaker_words import is_role_form

_DEVANAGARI = re.compile("[\u0900-\u097f]")
_HEADLINE_SOURCE = re.compile(r"\s[—–]\s+([^—–.!?;:,\"“”«»„]{2,60}?)\s*$")
MIN_HEADLINE_WORDS = 4  # the claim before the dash: "Проблеми — Сводка" names no source
# The past, the present and the impersonal forms of a Russian verb ("заключил", "иронизирует", "говорится",
# "сказано"), right after '», —' (or a hyphen for the dash: '», - сказано в заявлении').
_QUOTE_DASH_VERB = re.compile(r"[»\"”]\s*,\s*[—–-]\s+([а-яё]+(?:л|ла|ли|ет|ют|ут|ит|ят|ся|ано|ено))(?=\s)")
# The same in Portuguese, without the dash: '"…?", questionou o presidente.' (any verb in the past, "perguntou",
# "ironizou", "rematou").
_OPENING_MARK = re.compile("[«“„]|(?:^|(?<=\\s))\"")
# A subject after the verb: a name, or an article and a noun ("a procuradoria"; "a ser" is an infinitive).
_SUBJECT_AFTER = re.compile(r"\s+(?:[A-ZÀ-Ú]|(?:o|a|os|as|um|uma)\s+(?:[A-ZÀ-Ú]|(?![a-zà-ú]+r\b)[a-zà-ú]))")
_QUOTE_COMMA_VERB = re.compile(r"[»\"”]\s*,\s+([a-zà-ú]+(?:ou|eu|iu|aram|eram|iram))(?=[\s.,])")


def _opening_quote_then_verb(sentence: str) -> re.Match | None:
    """The Portuguese shape. After a quote inside the sentence, the verb reports only where a speaker or the
    sentence's end follows it ('... “por razões de segurança”, informou a agência', not 'O fenómeno,
    denominado “congelador de Pandora”, passou a ser incorporado ...')."""
    found = _QUOTE_COMMA_VERB.search(sentence)
    if found is None:
        return None
    inner = _OPENING_MARK.search(sentence, 0, found.start())
    rest = sentence[found.end() :]
    if inner is None or inner.start() == 0 or not rest.strip(" .") or _SUBJECT_AFTER.match(rest):
        return found
    return None


def dash_source(sentence: str) -> tuple[str, str | None, int] | None:
    """(cue, source, end of the claim in `sentence`) where the sentence names its source after a dash (see the
    module docstring), else None. The claim starts at the sentence's start."""
    quoted = _QUOTE_DASH_VERB.search(sentence) or _opening_quote_then_verb(sentence)
    if quoted:
        rest = re.split(r"[,.;]\s", sentence[quoted.end():], maxsplit=1)[0]
        return quoted.group(1), _speaker(speaker_after_verb(rest)), quoted.start() + 1
    line = sentence.rstrip()
    tail = _HEADLINE_SOURCE.search(line)
    if (tail and line[-1:] not in ".!?…" and is_name_phrase(tail.group(1))
            and len(line[: tail.start()].split()) >= MIN_HEADLINE_WORDS and not _DEVANAGARI.search(line)):
        return "—", tail.group(1), tail.start()
    return None


_PLACE_PREPOSITIONS = frozenset(("в", "во", "на", "у", "из", "по"))
_OF = frozenset(("do", "da", "dos", "das", "de"))


def _speaker(words: str) -> str | None:
    """The speaker in what `speaker_after_verb` read after a verb it does not know: whom it was said to, or what
    was published, may come first ("убеждал журналистов Зеленский" -> "Зеленский"); a name after a preposition
    is where it was said ("опубликовал сообщение премьер в Instagram": no name read)."""
    found = words.split()
    if len(found) < 2 or found[0][:1].isupper() or not found[-1][:1].isupper():
        return words or None
    name = len(found)
    while name > 0 and found[name - 1][:1].isupper():
        name -= 1
    role = found[name - 1].lower()  # a role as the subject, not whom it was said to ("убеждал журналистов Зеленский")
    if role in _OF or is_role_form(role, nominative=True) or (is_role_form(role) and role.endswith(("ы", "и"))):
        return words  # "a ministra do Interior", "представитель МИД России": the office, not what it serves
    return None if found[name - 1].lower() in _PLACE_PREPOSITIONS else " ".join(found[name:])
