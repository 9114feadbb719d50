"""What a Hindi noun of saying reports: the words before it, not the light verb after it; and two more Hindi
turns of reporting: on whose behalf something was said, and a question about what someone said.

Hindi reports a claim, an accusation, an announcement or a warning with a noun and a light verb, the reported
content before the noun in the genitive: "वालदोर ने [पुल पर कब्जा करने] का दावा किया" (Valdor made the claim of
[having taken the bridge]), "X पर [बंदरगाह की खबर छिपाने] का आरोप लगाया गया" (X was accused of [hiding
the news of the port]). Read as a verb followed by its words, these gave "किया" or "लगाया गया था" as the claim (51 of the
training sentences). `claim_before_noun` gives the words between the agent (ने) or the one accused (पर), or the
sentence's start, and the genitive before the noun.
"""
from __future__ import annotations

import re

from narrascope.nlp.speaker_words import HINDI_AGENT_PRONOUNS, RELATIVE_PRONOUNS
from narrascope.nlp.speakers import words_before

# Nouns of saying that take a light verb (दावा किया, आरोप लगाया, घोषणा की, चेतावनी दी, स्वीकार किया).
NOUN_CUES = frozenset(("दावा", "आरोप", "घोषणा", "चेतावनी", "स्वीकार"))
# Light verbs and auxiliaries: all that follows such a noun when its content came before it.
_LIGHT = frozenset(("दी", "दिया", "दिए", "थी", "था", "थे", "है", "हैं", "किया", "किए", "की", "गया", "गई", "गए", "लगे",
                   "लगा", "लगाया", "लगाई", "जा", "रहा", "रही", "रहे", "हो", "हुआ"))
_GENITIVE_BEFORE = re.compile(r"\s+(?:का|की|के)\s*$")
# The one who claims: "X ने", or a pronoun with ने fused to it ("उन्होंने"); else the one accused ("X पर").
_AGENT = re.compile(r"(?:\sने|(?<![\u0900-\u097f])(?:" + "|".join(sorted(HINDI_AGENT_PRONOUNS)) + r"))\s")
_ACCUSED = re.compile(r"\sपर\s")
_PARTICLE = re.compile(r"(?:भी|ही|तो)\s+")
MIN_CLAIM_WORDS = 3


def light_verb_only(words: str) -> bool:
    """Whether `words` (what was read as the claim) are only a light verb and its auxiliaries."""
    found = words.replace(".", " ").replace("।", " ").split()
    return bool(found) and all(w in _LIGHT for w in found)


def claim_before_noun(sentence: str, cue_start: int) -> tuple[int, int] | None:
    """The (start, end) in `sentence` of what the noun of saying at `cue_start` reports, or None where no
    genitive marks it ("X का बड़ा दावा": a headline's "X's big claim", which reports no words of its own)."""
    head = sentence[:cue_start]
    genitive = _GENITIVE_BEFORE.search(head)
    if not genitive:
        return None
    agents = list(_AGENT.finditer(head, 0, genitive.start())) or list(_ACCUSED.finditer(head, 0, genitive.start()))
    start = agents[-1].end() if agents else 0
    while start < genitive.start() and sentence[start] in " ,":
        start += 1
    if (particle := _PARTICLE.match(sentence, start)) is not None:
        start = particle.end()  # "X पर भी [...] के आरोप": "also" belongs to the one accused, not the claim
    if len(sentence[start : genitive.start()].split()) < MIN_CLAIM_WORDS:
        return None
    return start, genitive.start()


THAT = re.compile(r"\sकि\s")
_ON_BEHALF = re.compile(r"\s(?:की|के)\s+(?:तरफ़?|ओर)\s+से\s+(?:यह\s+|भी\s+)?$")
_WHAT = re.compile(r"क्या(?:-क्या)?\s*$")


def on_behalf_of(sentence: str, cue_start: int) -> int:
    """Where the name ends on whose behalf a passive verb of saying at `cue_start` speaks ("वालदोर सरकार की तरफ
    से कहा गया है कि ...": the Valdor government said), else -1."""
    m = _ON_BEHALF.search(sentence, 0, cue_start)
    return m.start() if m else -1


def asks_what(sentence: str, cue_start: int) -> bool:
    """Whether "what" stands right before the verb of saying ("X ने क्या कहा?": what did X say?)."""
    return bool(_WHAT.search(sentence, 0, cue_start))


# A passive after a verb of saying ("माना गया", "कहा जाता है", "खारिज कर दिया गया": was rejected; a danda may follow)
PASSIVE = re.compile(r"\s+(?:(?:कर|किया)\s+(?:दिया\s+|दी\s+|दिए\s+)?)?(?:गया|गई|गए|जाता|जाती|जाते|जाएगा|जाएगी|जाएंगे|जा)"
                     r"(?![\u0900-\u0963\u0966-\u097f])")
# "कि" right after a passive of saying and its auxiliaries ("कहा गया है कि", "किया जा रहा है कि"), or the quote it opens
PASSIVE_THAT = re.compile(r"(?:\s*(?:रहा|रही|रहे|चुका|चुकी|चुके))?(?:\s*(?:है|हैं|था|थे|थी))?\s*"
                          r"(?:कि(?![\u0900-\u097f])|[,:]\s*(?=[\"“‘'«]))")


# A Hindi headline's "X did Y, कहा- CLAIM" ("X ने Y किया, कहा- ...", "नाराज़ वालदोर, कहा- ...", "..., दावा- ..."): the
# words follow the dash
_SAID_THEN_DASH = re.compile(r"\s*[-–—:]\s*")
_AGENT_MARK = re.compile(r"\sने\s")


def said_after_comma(sentence: str, cue: re.Match) -> tuple[str | None, int] | None:
    """(who, where the words start) for a Hindi headline's "..., कहा- CLAIM": the one the clause before marks with
    "ने" ("X ने ... बताया, कहा- ..."), else nobody named; None where the sentence is not of that shape."""
    head = sentence[: cue.start()].rstrip()
    dash = _SAID_THEN_DASH.match(sentence, cue.end())
    if cue.group() not in ("कहा", *NOUN_CUES) or not head.endswith(",") or dash is None:  # also "..., दावा- CLAIM"
        return None
    agents = list(_AGENT_MARK.finditer(head))
    return (words_before(head, agents[-1].start() + 1, agent=False) or None) if agents else None, dash.end()


# After "माना" (considered, held): auxiliaries, then "कि", a colon or a quote where it reports what is held
_HELD_THAT = re.compile(r"(?:\s+(?:है|हैं|था|थे|थी|गया|गई|गए|जाता|जाती|जाते|जा|रहा|रही|रहे))*\s*(?:कि|:|[\"“'‘])")


def considered_only(sentence: str, cue: re.Match) -> bool:
    """Whether "माना" here only calls something something ("X को Y माना", "X सबसे पुराना पुल माना जाता है": X is held
    to be Y), a verb with an object and its complement, not a report of words ("माना कि ...", "ने माना: ...")."""
    return cue.group() == "माना" and not _HELD_THAT.match(sentence, cue.end())


def asked_to(sentence: str, cue: re.Match) -> bool:
    """Whether "कहा" after "के लिए" asks someone to do something ("X ने Y से पुल खोलने के लिए कहा": asked Y to open
    the bridge), a request, not a report of words, unless "कि", a colon or a quote follows it."""
    return (cue.group() == "कहा" and _FOR.search(sentence, max(0, cue.start() - 12), cue.start()) is not None
            and not _HELD_THAT.match(sentence, cue.end()))


_FOR = re.compile(r"के\s+लिए\s+$")
# "पुतिन ने ये बातें फोरम में कहीं" (Putin said these things at the forum), "परिषद ने बयान में भी यही
# बात कही": the sentence only names who said the one before it.
_SAID_THESE = re.compile(r"\s*(?P<speaker>[^,।.!?\"“”]{2,60}?)\s+ने\s+(?:[^।.!?]{0,120}?\s)?(?:ये|यह|यही|इन|ऐसी)\s+"
                         r"बात(?:ें)?\s+(?:[^।.!?]{0,60}?\s)?(?:कहीं|कही)(?:\s+(?:हैं|है|थीं|थी))?\s*[।.]?\s*$")


def said_these(sentence: str) -> str | None:
    """The speaker of a sentence that only says who said the one before ("X ने ये बातें ... कहीं"), else None."""
    found = _SAID_THESE.match(sentence)
    return words_before(found.group("speaker") + " ने", len(found.group("speaker")) + 1) or None if found else None


def speaker_follows(phrase: re.Match, inner, text: str, start: int) -> bool:
    """Whether `inner`, the report read after the Hindi attribution phrase `phrase` of the sentence that opens at
    `start` of `text`, names the speaker that the phrase's source reports ("X के मुताबिक Y ने कहा कि Z": as reported by
    X, Y said Z); not after "X का कहना है" (X's saying is), whose X speaks, nor a relative pronoun ("X के अनुसार,
    जिन्होंने कहा": X, who said) or a verb denied ("Y ने नहीं बताया कि": did not say)."""
    if inner is None or not inner.claim or inner.refers_back or phrase.group() == "का कहना है":
        return False
    before_verb = text[start + phrase.end() : inner.claim[0]].split(inner.cue or "\0")[0]
    return bool(inner.source) and inner.source not in RELATIVE_PRONOUNS and "नहीं" not in before_verb.split()[-3:]
